import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';
import type { StopStatus } from '../../lib/kill-switch/stop-executions';
import { stopExecutions } from '../../lib/kill-switch/stop-executions';
import { errorItem, toNodeError } from '../shared/errors';
import { n8nApiFor } from '../shared/n8n-api';

export const EXECUTION_CONTROL_CREDENTIAL = 'governanceExecutionControlApi';

/**
 * Counts or stops the chosen workflows' queued, running and waiting executions once per run (parameters of item 0),
 * never this execution. One output item carries the report (`stopExecutions`), paired with every input item; an
 * Audit Emitter after it records it as `executions.stopped`. Fails closed: a refused key or scope, or executions left
 * after the last pass, stop the run.
 */
export async function executeStopExecutions(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const paired = items.map((_, item) => ({ item }));
	try {
		const scope = this.getNodeParameter('scope', 0, 'chosen') as string;
		const ids = scope === 'all' ? 'all' : String(this.getNodeParameter('workflowIds', 0, '')).split(',');
		const api = await n8nApiFor(this, EXECUTION_CONTROL_CREDENTIAL);
		const report = await stopExecutions(api, {
			workflows: ids,
			statuses: this.getNodeParameter('statuses', 0, []) as StopStatus[],
			reason: String(this.getNodeParameter('reason', 0, '')),
			dryRun: this.getNodeParameter('dryRun', 0, false) === true,
			own: { executionId: String(this.getExecutionId() ?? ''), workflowId: String(this.getWorkflow().id ?? '') },
			wait: async (ms) => await sleep(ms),
		});
		const stoppedAt = new Date().toISOString();
		return [[{ json: { stopExecutions: { ...report, at: stoppedAt } as unknown as IDataObject }, pairedItem: paired }]];
	} catch (error) {
		const failure = toNodeError(this.getNode(), error);
		if (!this.continueOnFail()) throw failure;
		return [items.map((_, index) => errorItem(failure, index))];
	}
}
