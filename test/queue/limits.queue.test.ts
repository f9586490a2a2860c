/**
 * Kill Switch window limits across two workers (issue 17, item 4). Workflow static data cannot hold them in queue
 * mode (a worker starts every new execution with empty static data): the node keeps them in an n8n data table through
 * the public API, or stops the run when no store is set.
 */
import type { Execution } from '../e2e/harness/client';
import { getExecution, listExecutions, nodeRan } from '../e2e/harness/client';
import { limitStoreCredential } from '../e2e/kill-switch/limit-store';
import { HALTED, PROTECTED, errorMessage, killSwitchWorkflow } from '../e2e/kill-switch/workflow';
import { attachQueueCluster } from './harness/cluster';
import { callQueueWebhook, workersThatRan } from './harness/client';

const log = (line: string) => process.stderr.write(`[queue limits] ${line}\n`);
const cluster = attachQueueCluster();

/** Sends the bodies (concurrently or one after another) through the webhook processor; returns the finished runs. */
async function send(workflowId: string, path: string, bodies: unknown[], concurrent: boolean): Promise<Array<{ execution: Execution; worker: number }>> {
	const known = new Set((await listExecutions(workflowId)).map((e) => e.id));
	if (concurrent) await Promise.all(bodies.map(async (body) => await callQueueWebhook(path, { body })));
	else for (const body of bodies) await callQueueWebhook(path, { body });
	const deadline = Date.now() + 120000;
	for (;;) {
		const fresh = (await listExecutions(workflowId)).filter((e) => !known.has(e.id));
		if (fresh.length >= bodies.length && fresh.every((e) => !['running', 'new'].includes(e.status))) {
			return await Promise.all(fresh.map(async (e) => ({ execution: await getExecution(e.id), worker: workersThatRan(e.id)[0] })));
		}
		if (Date.now() > deadline) throw new Error(`only ${fresh.length}/${bodies.length} executions finished`);
		await new Promise((r) => setTimeout(r, 250));
	}
}

const passedCount = (runs: Array<{ execution: Execution }>) => runs.filter((r) => nodeRan(r.execution, PROTECTED)).length;
const workersUsed = (runs: Array<{ worker: number }>) => [...new Set(runs.map((r) => r.worker))].sort();

describe('Kill Switch window limits across two workers', () => {
	test('without a limit store, every run with a window limit stops saying why; none reaches the protected step', async () => {
		const workflow = await killSwitchWorkflow({ source: 'none', limits: { maxExecutionsPerWindow: 3, executionWindowSeconds: 3600 } });
		const runs = await send(workflow.workflowId, workflow.path, Array.from({ length: 10 }, (_, i) => ({ i })), true);
		log(`no store, Max Executions 3, 10 concurrent: ${passedCount(runs)} passed, ${runs.filter((r) => r.execution.status === 'error').length} stopped, workers ${workersUsed(runs).join('+')}`);
		expect(passedCount(runs)).toBe(0);
		expect(runs.every((r) => /need a shared limit store/.test(errorMessage(r.execution)))).toBe(true);
	});

	test('with the data-table store, Max Executions per Window 3 lets exactly 3 of 10 concurrent runs through, across both workers', async () => {
		const store = await limitStoreCredential({ baseUrl: cluster.mainUrl, apiKey: cluster.apiKey, cookie: cluster.cookie });
		const workflow = await killSwitchWorkflow({ source: 'none', onHalt: 'route', limits: { maxExecutionsPerWindow: 3, executionWindowSeconds: 3600 } }, { governanceLimitStoreApi: store });
		const burst = await send(workflow.workflowId, workflow.path, Array.from({ length: 10 }, (_, i) => ({ i })), true);
		const sequential = await send(workflow.workflowId, workflow.path, Array.from({ length: 5 }, (_, i) => ({ i })), false);
		log(`store, Max Executions 3: 10 concurrent → ${passedCount(burst)} passed (workers ${workersUsed(burst).join('+')}), then 5 sequential → ${passedCount(sequential)} passed`);
		expect(passedCount(burst)).toBe(3);
		expect(burst.filter((r) => nodeRan(r.execution, HALTED))).toHaveLength(7);
		expect(workersUsed(burst)).toEqual(cluster.workers.map((w) => w.index));
		expect(passedCount(sequential)).toBe(0);
	});

	test('with the data-table store, a spend cap of 100 holds: 60 + 40 pass, then 1 halts; a concurrent burst never goes over', async () => {
		const store = await limitStoreCredential({ baseUrl: cluster.mainUrl, apiKey: cluster.apiKey, cookie: cluster.cookie });
		const limits = { spendField: 'body.tokens', spendCap: 100, spendWindowSeconds: 86400 };
		const workflow = await killSwitchWorkflow({ source: 'none', onHalt: 'route', limits }, { governanceLimitStoreApi: store });
		const sequential = await send(workflow.workflowId, workflow.path, [{ tokens: 60 }, { tokens: 40 }, { tokens: 1 }], false);
		const byTokens = (t: number) => sequential.find((r) => r.execution.data?.resultData.runData.Webhook[0].data?.main[0]?.[0].json.body.tokens === t)!;
		expect([60, 40].map((t) => nodeRan(byTokens(t).execution, PROTECTED))).toEqual([true, true]);
		expect(nodeRan(byTokens(1).execution, HALTED)).toBe(true);

		const second = await killSwitchWorkflow({ source: 'none', onHalt: 'route', limits }, { governanceLimitStoreApi: store });
		const costs = [30, 30, 30, 30, 30, 30, 10, 10, 10, 10];
		const burst = await send(second.workflowId, second.path, costs.map((tokens) => ({ tokens })), true);
		const spent = burst.filter((r) => nodeRan(r.execution, PROTECTED)).reduce((sum, r) => sum + Number(r.execution.data?.resultData.runData.Webhook[0].data?.main[0]?.[0].json.body.tokens), 0);
		log(`store, spend cap 100: 60 + 40 passed, 1 halted; concurrent burst of ${costs.reduce((a, b) => a + b, 0)} → ${spent} spent (workers ${workersUsed(burst).join('+')})`);
		expect(spent).toBeLessThanOrEqual(100);
		expect(spent).toBeGreaterThanOrEqual(90);
	});
});
