import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { StopExecutions } from '../../../nodes/StopExecutions/StopExecutions.node';
import { executionsOf, fakeExecutionsApi } from '../../helpers/fake-n8n-executions';
import type { FakeExecution } from '../../helpers/fake-n8n-executions';
import { executeContext } from '../helpers/execute-context';

const node = new StopExecutions();

function context(parameters: Record<string, unknown>, executions: FakeExecution[], options: { scopes?: string[]; continueOnFail?: boolean } = {}) {
	const { api, calls } = fakeExecutionsApi({ executions, scopes: options.scopes });
	const urls: string[] = [];
	const base = executeContext({ items: [{ json: { a: 1 } }, { json: { a: 2 } }], parameters, continueOnFail: options.continueOnFail });
	const ctx = {
		...base,
		getCredentials: async (type: string) => {
			if (type !== 'governanceExecutionControlApi') throw new Error(`no credential ${type}`);
			return { baseUrl: 'http://127.0.0.1:5678/', apiKey: 'k' };
		},
		getExecutionId: () => 'own',
		getWorkflow: () => ({ id: 'incident', name: 'Incident', active: true }),
		helpers: {
			httpRequestWithAuthentication: async (
				credential: string,
				request: { method: string; url: string; qs?: Record<string, string>; body?: unknown; returnFullResponse?: boolean },
			) => {
				expect(credential).toBe('governanceExecutionControlApi');
				expect(request.returnFullResponse).toBe(true);
				urls.push(request.url);
				const path = request.url.replace('http://127.0.0.1:5678/api/v1', '');
				const scope = request.method === 'GET' ? 'execution:list' : 'execution:stop';
				const answer = await api({ method: request.method as 'GET', path, qs: request.qs, body: request.body, scope });
				return { statusCode: answer.status, body: answer.body };
			},
		},
	} as unknown as IExecuteFunctions;
	return { ctx, calls, urls };
}

const PARAMS = { scope: 'chosen', workflowIds: 'wfA, wfB', statuses: ['queued', 'running', 'waiting'], reason: 'INC-2', dryRun: false };

describe('Stop Executions node', () => {
	test('stops the listed workflows\' executions and outputs one report paired with every input item', async () => {
		const executions = [...executionsOf('wfA', 'running', 2), ...executionsOf('wfB', 'new', 3), ...executionsOf('wfC', 'running', 1), { id: 'own', workflowId: 'incident', status: 'running' as const }];
		const { ctx, urls } = context(PARAMS, executions);
		const [out] = await node.execute.call(ctx);
		expect(out).toHaveLength(1);
		expect(out[0].pairedItem).toEqual([{ item: 0 }, { item: 1 }]);
		expect(out[0].json.stopExecutions).toMatchObject({ dryRun: false, reason: 'INC-2', stopped: 5, workflows: ['wfA', 'wfB'], found: { running: 2, queued: 3, waiting: 0 }, ownExecutionId: 'own' });
		expect(executions.filter((e) => e.status === 'running').map((e) => e.id)).toEqual(['wfC-running-0', 'own']);
		expect(urls.every((u) => u.startsWith('http://127.0.0.1:5678/api/v1/executions'))).toBe(true);
	});

	test('a dry run counts and stops nothing', async () => {
		const executions = executionsOf('wfA', 'waiting', 4);
		const { ctx } = context({ ...PARAMS, dryRun: true }, executions);
		const [out] = await node.execute.call(ctx);
		expect(out[0].json.stopExecutions).toMatchObject({ dryRun: true, stopped: 0, found: { waiting: 4 } });
		expect(executions.every((e) => e.status === 'waiting')).toBe(true);
	});

	test('a key without execution:stop stops the run with an error naming the scope', async () => {
		const executions = executionsOf('wfA', 'running', 2);
		const { ctx } = context(PARAMS, executions, { scopes: ['execution:list'] });
		const error = (await node.execute.call(ctx).catch((e: unknown) => e)) as NodeOperationError;
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toMatch(/lacks the scope execution:stop/);
		expect(error.description).toMatch(/Settings → n8n API/);
	});

	test('under continueOnFail the failure leaves as error items without input data', async () => {
		const { ctx } = context({ ...PARAMS, reason: '' }, []);
		ctx.continueOnFail = () => true;
		const [out] = await node.execute.call(ctx);
		expect(out).toHaveLength(2);
		expect(out[0].json).toMatchObject({ error: expect.stringMatching(/Reason" is empty/) });
		expect(out[0].json.a).toBeUndefined();
		expect(out.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});
});
