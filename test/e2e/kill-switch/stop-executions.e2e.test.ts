import { callWebhook, getExecution, listExecutions, waitForExecutions } from '../harness/client';
import { controlCredential, incidentWorkflow, slowWorkflow } from './stop-workflows';

const sleep = async (ms: number) => await new Promise((r) => setTimeout(r, ms));
const STOP_SCOPES = ['execution:list', 'execution:stop'];

async function waitForStatus(workflowId: string, status: string, count: number) {
	for (let i = 0; i < 150; i++) {
		if ((await listExecutions(workflowId, status)).length >= count) return;
		await sleep(200);
	}
	throw new Error(`workflow ${workflowId}: fewer than ${count} executions are ${status}`);
}

async function start(path: string, n: number) {
	for (let i = 0; i < n; i++) expect((await callWebhook(path, { body: { i } })).status).toBe(200);
}

describe('Stop Executions in a real n8n', () => {
	test('a dry run counts, then the stop cancels every running and waiting run of the chosen workflows, and none of another', async () => {
		const running = await slowWorkflow(50, 'running');
		const waiting = await slowWorkflow(600, 'waiting');
		const bystander = await slowWorkflow(50, 'bystander');
		await start(running.path, 4);
		await start(waiting.path, 3);
		await start(bystander.path, 1);
		await waitForStatus(running.id, 'running', 4);
		await waitForStatus(waiting.id, 'waiting', 3);

		const credential = await controlCredential(STOP_SCOPES);
		const params = { scope: 'chosen', workflowIds: `${running.id}, ${waiting.id}`, statuses: ['queued', 'running', 'waiting'], reason: 'INC-7: test' };
		const dry = await incidentWorkflow(credential, { ...params, dryRun: true });
		const counted = await callWebhook(dry.path, { body: {} });
		expect(counted.status).toBe(200);
		expect(counted.json[0].stopExecutions).toMatchObject({ dryRun: true, stopped: 0, found: { running: 4, waiting: 3, queued: 0 } });
		expect(await listExecutions(running.id, 'running')).toHaveLength(4);

		const incident = await incidentWorkflow(credential, { ...params, dryRun: false });
		const stopped = await callWebhook(incident.path, { body: {} });
		expect(stopped.status).toBe(200);
		expect(stopped.json[0].stopExecutions).toMatchObject({ stopped: 7, reason: 'INC-7: test', remaining: { running: 0, waiting: 0, queued: 0 } });
		for (const id of [running.id, waiting.id]) {
			const all = await listExecutions(id);
			expect(all.map((e) => e.status)).toEqual(all.map(() => 'canceled'));
		}
		expect(await listExecutions(bystander.id, 'running')).toHaveLength(1);
	});

	test('"all workflows" stops the others and never its own execution, even runs of its own workflow', async () => {
		const other = await slowWorkflow(50, 'other');
		await start(other.path, 2);
		await waitForStatus(other.id, 'running', 2);
		const incident = await incidentWorkflow(await controlCredential(STOP_SCOPES), { scope: 'all', statuses: ['queued', 'running', 'waiting'], reason: 'INC-8: everything', dryRun: false });
		const response = await callWebhook(incident.path, { body: {} });
		expect(response.status).toBe(200);
		expect(response.json[0].stopExecutions.stopped).toBeGreaterThanOrEqual(2);
		expect((await listExecutions(other.id)).map((e) => e.status)).toEqual(['canceled', 'canceled']);
		const [own] = await waitForExecutions(incident.id);
		expect(own.status).toBe('success');
	});

	test('a key without execution:stop fails the run with an error naming the scope, and nothing is stopped', async () => {
		const target = await slowWorkflow(50, 'kept');
		await start(target.path, 1);
		await waitForStatus(target.id, 'running', 1);
		const incident = await incidentWorkflow(await controlCredential(['execution:list']), { scope: 'chosen', workflowIds: target.id, statuses: ['running'], reason: 'INC-9', dryRun: false });
		expect((await callWebhook(incident.path, { body: {} })).status).toBeGreaterThanOrEqual(500);
		const [failed] = await waitForExecutions(incident.id);
		const full = await getExecution(failed.id);
		expect(full.data?.resultData.error?.message).toMatch(/lacks the scope execution:stop \(403\)/);
		expect(await listExecutions(target.id, 'running')).toHaveLength(1);
	});
});
