/**
 * "Stop everything now" in queue mode (issue 17, item 5): 200 executions queued or running behind a slow step on two
 * workers (webhooks through the webhook processor). The incident flow: flip the Kill Switch flag, then one Stop
 * Executions run. Reports the time from the trigger to done, and what n8n does with runs it marked canceled.
 */
import { nodeRan, waitForExecutions } from '../e2e/harness/client';
import { startFlagServer } from '../e2e/kill-switch/flag-server';
import { controlCredential, incidentWorkflow, slowWorkflow } from '../e2e/kill-switch/stop-workflows';
import { attachQueueCluster } from './harness/cluster';
import { allExecutions, callQueueWebhook } from './harness/client';

const log = (line: string) => process.stderr.write(`[queue stop] ${line}\n`);
const sleep = async (ms: number) => await new Promise((r) => setTimeout(r, ms));
const RUNS = 200;
const SLOW_SECONDS = 62;
const LIVE = ['running', 'new', 'waiting'];
const cluster = attachQueueCluster();

const byStatus = (executions: Array<{ status: string }>) =>
	executions.reduce<Record<string, number>>((acc, e) => ({ ...acc, [e.status]: (acc[e.status] ?? 0) + 1 }), {});

describe('Stop Executions in queue mode', () => {
	test(`with ${RUNS} executions queued or running behind a slow step, flag + stop leaves none running or queued`, async () => {
		let halt = false;
		const flags = await startFlagServer(() => ({ status: 200, body: JSON.stringify({ halt }) }));
		try {
			const slow = await slowWorkflow(SLOW_SECONDS, 'queue-slow', { source: 'httpJson', url: `${flags.url}/flags`, valuePath: 'halt', options: { cacheTtlSeconds: 0, maxStalenessSeconds: 0 } });
			const credential = await controlCredential(['execution:list', 'execution:stop'], cluster.mainUrl);
			const incident = await incidentWorkflow(credential, { scope: 'chosen', workflowIds: slow.id, statuses: ['queued', 'running', 'waiting'], reason: 'INC-200: queue drill', dryRun: false });

			const sending = Date.now();
			for (let i = 0; i < RUNS; i += 40) {
				await Promise.all(Array.from({ length: Math.min(40, RUNS - i) }, async (_, k) => await callQueueWebhook(slow.path, { body: { n: i + k } })));
			}
			log(`${RUNS} runs accepted by the webhook processor in ${Date.now() - sending} ms`);
			let before = await allExecutions(slow.id);
			for (let i = 0; i < 100 && before.length < RUNS; i++) {
				await sleep(300);
				before = await allExecutions(slow.id);
			}
			const counts = byStatus(before);
			log(`before the stop: ${JSON.stringify(counts)}`);
			expect(before).toHaveLength(RUNS);
			expect((counts.running ?? 0) + (counts.new ?? 0)).toBe(RUNS);
			const wasRunning = new Set(before.filter((e) => e.status === 'running').map((e) => e.id));

			const started = Date.now();
			halt = true; // the incident flips the flag first (the template's first step) ...
			const answer = await callQueueWebhook(incident.path, { body: {} }); // ... then stops what already runs
			const answered = Date.now() - started;
			log(`incident run answered ${answer.status} in ${answered} ms: ${answer.text.slice(0, 600)}`);
			let incidentError = '';
			if (answer.status !== 200) {
				const [failed] = await waitForExecutions(incident.id);
				incidentError = failed.data?.resultData.error?.message ?? '?';
				log(`incident run error: ${incidentError} / ${failed.data?.resultData.error?.description ?? ''}`);
			}
			const report = answer.json?.[0]?.stopExecutions ?? { found: {}, stopped: 0, passes: 0, remaining: {} };
			let after = await allExecutions(slow.id);
			while (after.some((e) => LIVE.includes(e.status)) && Date.now() - started < (SLOW_SECONDS + 60) * 1000) {
				await sleep(500);
				after = await allExecutions(slow.id);
			}
			const done = Date.now() - started;
			const reachedDone = after.filter((e) => nodeRan(e, 'Done'));
			const haltedLater = after.filter((e) => !wasRunning.has(e.id) && e.status === 'error');
			log(
				`stop answered in ${answered} ms (found ${JSON.stringify(report.found)}, n8n stopped ${report.stopped}, ${report.passes} pass(es)); ` +
					`none running or queued ${done} ms after the trigger; final: ${JSON.stringify(byStatus(after))}; ` +
					`${reachedDone.length} reached the step after the slow one (${reachedDone.filter((e) => wasRunning.has(e.id)).length} of them were running at the stop); ` +
					`${haltedLater.length} queued runs were picked up by a worker after the stop and halted at the Kill Switch`,
			);
			// n8n 2.41.1 does not interrupt a run inside an in-process Wait on a worker: the node must then fail naming
			// what is still running, never report a complete stop.
			if (answer.status !== 200) expect(incidentError).toMatch(/executions are still there after \d+ stop passes \(running \d+/);
			expect(after.filter((e) => LIVE.includes(e.status))).toEqual([]);
			// No run that was still queued at the stop reached the step after the slow one.
			expect(reachedDone.filter((e) => !wasRunning.has(e.id))).toEqual([]);
		} finally {
			await flags.close();
		}
	}, 600000);
});
