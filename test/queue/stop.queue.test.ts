/**
 * "Stop everything now" in queue mode (issue 17, item 5): 200 executions queued or running behind a slow step on two
 * workers; one incident run stops them all through the public API. Reports the time from the trigger to done.
 */
import { nodeRan } from '../e2e/harness/client';
import { controlCredential, incidentWorkflow, slowWorkflow } from '../e2e/kill-switch/stop-workflows';
import { attachQueueCluster } from './harness/cluster';
import { allExecutions, callQueueWebhook } from './harness/client';

const log = (line: string) => process.stderr.write(`[queue stop] ${line}\n`);
const sleep = async (ms: number) => await new Promise((r) => setTimeout(r, ms));
const RUNS = 200;
const SLOW_SECONDS = 40;
const cluster = attachQueueCluster();

const byStatus = (executions: Array<{ status: string }>) =>
	executions.reduce<Record<string, number>>((acc, e) => ({ ...acc, [e.status]: (acc[e.status] ?? 0) + 1 }), {});

describe('Stop Executions in queue mode', () => {
	test(`with ${RUNS} executions queued or running behind a slow step, one stop leaves none running or queued`, async () => {
		const slow = await slowWorkflow(SLOW_SECONDS, 'queue-slow');
		const credential = await controlCredential(['execution:list', 'execution:stop'], cluster.mainUrl);
		const incident = await incidentWorkflow(credential, { scope: 'chosen', workflowIds: slow.id, statuses: ['queued', 'running', 'waiting'], reason: 'INC-200: queue drill', dryRun: false });

		for (let i = 0; i < RUNS; i += 20) {
			await Promise.all(Array.from({ length: Math.min(20, RUNS - i) }, async (_, k) => await callQueueWebhook(slow.path, { body: { n: i + k } })));
		}
		let before = await allExecutions(slow.id);
		for (let i = 0; i < 100 && before.length < RUNS; i++) {
			await sleep(300);
			before = await allExecutions(slow.id);
		}
		const counts = byStatus(before);
		log(`before the stop: ${JSON.stringify(counts)}`);
		expect(before).toHaveLength(RUNS);
		expect((counts.running ?? 0) + (counts.new ?? 0)).toBe(RUNS);

		const started = Date.now();
		const answer = await callQueueWebhook(incident.path, { body: {} });
		const answered = Date.now() - started;
		expect(answer.status).toBe(200);
		const report = answer.json[0].stopExecutions;
		let after = await allExecutions(slow.id);
		while (after.some((e) => ['running', 'new', 'waiting'].includes(e.status)) && Date.now() - started < 60000) {
			await sleep(200);
			after = await allExecutions(slow.id);
		}
		const done = Date.now() - started;
		log(`stop: answered in ${answered} ms (found ${JSON.stringify(report.found)}, stopped ${report.stopped}, ${report.passes} pass(es)); none running or queued ${done} ms after the trigger; after: ${JSON.stringify(byStatus(after))}`);
		expect(report.remaining).toEqual({ queued: 0, running: 0, waiting: 0 });
		expect(after.filter((e) => ['running', 'new', 'waiting'].includes(e.status))).toEqual([]);

		// Past the slow step's end: no stopped run went on to its next node, and none came back.
		await sleep((SLOW_SECONDS + 5) * 1000);
		const later = await allExecutions(slow.id);
		const resumed = later.filter((e) => nodeRan(e, 'Done'));
		log(`${SLOW_SECONDS + 5} s later: ${JSON.stringify(byStatus(later))}, ${resumed.length} reached the step after the slow one`);
		expect(later.filter((e) => ['running', 'new', 'waiting'].includes(e.status))).toEqual([]);
		expect(resumed).toEqual([]);
	});
});
