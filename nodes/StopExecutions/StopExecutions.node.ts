import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { stopExecutionsProperties } from './description';
import { EXECUTION_CONTROL_CREDENTIAL, executeStopExecutions } from './execute';

export class StopExecutions implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Stop Executions',
		name: 'stopExecutions',
		icon: { light: 'file:stopExecutions.svg', dark: 'file:stopExecutions.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ ($parameter["dryRun"] ? "count " : "stop ") + ($parameter["scope"] === "all" ? "all workflows" : $parameter["workflowIds"]) }}',
		description: 'Stop the running, waiting and queued executions of chosen workflows (or all) now, never this one',
		defaults: { name: 'Stop Executions' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: EXECUTION_CONTROL_CREDENTIAL, required: true }],
		properties: stopExecutionsProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeStopExecutions.call(this);
	}
}
