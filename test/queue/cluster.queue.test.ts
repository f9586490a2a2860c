import { createActiveWorkflow, waitForExecutions } from '../e2e/harness/client';
import { uniquePath, webhookTrigger } from '../e2e/harness/nodes';
import { attachQueueCluster } from './harness/cluster';
import { callQueueWebhook, workersThatRan } from './harness/client';

describe('the queue-mode cluster', () => {
	test('when webhooks arrive at the webhook processor then the runs execute on the workers, never on the main', async () => {
		const cluster = attachQueueCluster();
		const path = uniquePath('smoke');
		const set = { name: 'Set', type: 'n8n-nodes-base.set', typeVersion: 3.4, parameters: { mode: 'raw', jsonOutput: '={ "n": {{ $json.body.n }} }' } };
		const workflowId = await createActiveWorkflow(`Smoke ${path}`, [webhookTrigger(path), set]);
		const answers = await Promise.all(Array.from({ length: 12 }, async (_, n) => await callQueueWebhook(path, { body: { n } })));
		expect(answers.map((a) => a.json?.[0]?.n).sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, n) => n));
		const executions = await waitForExecutions(workflowId, 12);
		const perWorker = executions.map((e) => workersThatRan(e.id));
		expect(perWorker.every((w) => w.length === 1)).toBe(true);
		process.stderr.write(`[queue] 12 webhook runs per worker: ${JSON.stringify(cluster.workers.map((w) => perWorker.filter((p) => p[0] === w.index).length))}\n`);
		// The main answers no production webhook: everything above went through the webhook processor.
		const viaMain = await fetch(`${cluster.mainUrl}/webhook/${path}`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
		expect(viaMain.status).toBe(404);
	});
});
