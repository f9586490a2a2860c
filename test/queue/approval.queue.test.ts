/**
 * Approval Gate, Audit Emitter and Redact / Restore across a wait in queue mode. The first part of every run is
 * forced onto worker 1 (worker 2 is stopped while the requests are created); once they wait, worker 2 starts
 * and worker 1 is stopped by PID, so each decision (through the webhook processor) and each expiry can only
 * resume on worker 2.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Execution } from '../e2e/harness/client';
import { nodeOutput, nodeRan } from '../e2e/harness/client';
import { linksOf, postDecision, tokenOf, waitForStatus } from '../e2e/harness/approval';
import { PLANTED, PLANTED_TEXT, plantedIn, storedFor } from '../e2e/redact-restore/workflow';
import { startReceiver } from '../e2e/harness/receiver';
import { attachQueueCluster } from './harness/cluster';
import { callQueueWebhook, workersThatRan } from './harness/client';
import { cliVerify, eventsFor, governedApprovalWorkflow } from './harness/governed';

const ALICE = 'alice@governance.test';
const BOB = 'bob@governance.test';
const EXPIRY_SECONDS = 75;
const CLAIMS_DECISION = /Request (approved|rejected)|has been resumed|You (approved|rejected)/i;
const log = (line: string) => process.stderr.write(`[queue approval] ${line}\n`);

type Run = Awaited<ReturnType<typeof governedApprovalWorkflow>> & { executionId: string; links: Record<string, string> };

let receiver: Awaited<ReturnType<typeof startReceiver>>;
let dir: string;
const runs: Record<'approve' | 'reject' | 'expire', Run> = {} as never;
const cluster = attachQueueCluster();
const [first, second] = cluster.workers;

async function request(gate: Record<string, unknown> = {}): Promise<Run> {
	const wf = await governedApprovalWorkflow(receiver, gate);
	const before = receiver.received.filter((r) => r.url === '/notify').length;
	const answer = await callQueueWebhook(wf.path, { body: { amount: 120, customer: 'ACME', requester: 'carol@governance.test', text: PLANTED_TEXT } });
	expect(answer.status).toBe(200);
	const deadline = Date.now() + 60000;
	while (receiver.received.filter((r) => r.url === '/notify').length <= before) {
		if (Date.now() > deadline) throw new Error('no approval notification arrived');
		await new Promise((r) => setTimeout(r, 200));
	}
	const notification = receiver.received.filter((r) => r.url === '/notify')[before];
	const { links, executionId } = linksOf(notification.json);
	await waitForStatus(executionId, 'waiting', 60000);
	return { ...wf, links, executionId };
}

beforeAll(async () => {
	dir = mkdtempSync(join(tmpdir(), 'ngov-queue-approval-'));
	receiver = await startReceiver();
	await second.stop();
	runs.approve = await request();
	runs.reject = await request();
	runs.expire = await request({ expiresAfter: EXPIRY_SECONDS, expiryUnit: 'seconds' });
	for (const run of Object.values(runs)) expect(workersThatRan(run.executionId)).toEqual([first.index]);
	const switched = Date.now();
	await second.restart();
	await first.stop();
	log(`requests created on worker 1 (pid stopped); worker 2 restarted and worker 1 stopped in ${Date.now() - switched} ms`);
}, 600000);

afterAll(async () => {
	await receiver?.close();
	if (first.pid) await first.restart();
	if (dir) rmSync(dir, { recursive: true, force: true });
}, 300000);

function resumedOnSecond(execution: Execution) {
	const id = execution.id;
	return { firstWorker: first.executions().filter((e) => e === id).length, secondWorker: second.executions().filter((e) => e === id).length };
}

describe('Approval Gate in queue mode', () => {
	test('when the approver approves through the webhook processor then the run resumes on the other worker and takes the Approved branch', async () => {
		const { links, executionId } = runs.approve;
		expect(links[BOB].startsWith(`${cluster.webhookUrl}/webhook-waiting/${executionId}/`)).toBe(true);
		const page = await fetch(links[BOB]);
		expect(page.status).toBe(200);
		expect(await page.text()).toContain('Refund 120 EUR');
		const decision = await postDecision(links[BOB], { approval_token: tokenOf(links[BOB]), decision: 'approve', comment: 'ok' });
		expect(decision.status).toBe(200);
		expect(decision.text).toContain('Request approved');
		const execution = await waitForStatus(executionId, 'success', 60000);
		expect(resumedOnSecond(execution)).toEqual({ firstWorker: 1, secondWorker: 1 });
		expect(nodeRan(execution, 'Record Rejected')).toBe(false);
		expect(nodeOutput(execution, 'Record Approved')[0][0].approval).toMatchObject({ decision: 'approved', approver: BOB, comment: 'ok' });
	});

	test('when the approver rejects then the run resumes on the other worker and takes the Rejected branch', async () => {
		const { links, executionId } = runs.reject;
		const decision = await postDecision(links[ALICE], { approval_token: tokenOf(links[ALICE]), decision: 'reject' });
		expect(decision.status).toBe(200);
		const execution = await waitForStatus(executionId, 'success', 60000);
		expect(resumedOnSecond(execution)).toEqual({ firstWorker: 1, secondWorker: 1 });
		expect(nodeRan(execution, 'Restore')).toBe(false);
		expect(nodeOutput(execution, 'Record Rejected')[0][0].approval).toMatchObject({ decision: 'rejected', approver: ALICE });
	});
});

describe('Redact / Restore across the wait in queue mode', () => {
	test('when Redact ran on worker 1 before the wait then Restore on worker 2 restores every value, and n8n stored none before Restore', async () => {
		const execution = await waitForStatus(runs.approve.executionId, 'success');
		const [[redacted]] = nodeOutput(execution, 'Redact');
		expect(plantedIn(JSON.stringify(redacted.body.text))).toEqual([]);
		for (const node of ['Redact', 'Record Request', 'Approval Gate']) expect(plantedIn(storedFor(execution, node))).toEqual([]);
		const [[restored]] = nodeOutput(execution, 'Restore');
		expect(restored.body.text).toBe(PLANTED_TEXT);
		expect(plantedIn(restored.body.text)).toEqual(Object.values(PLANTED));
	});
});

describe('Audit Emitter across the wait in queue mode', () => {
	test('when events are emitted before the wait (worker 1) and after the resume (worker 2) then they form one closed chain that verify --require-closed accepts', async () => {
		for (const run of [runs.approve, runs.reject]) {
			const events = eventsFor(receiver, run.executionId);
			expect(events.map((e) => [e.seq, e.data.action])).toEqual([
				[0, 'workflow.started'],
				[1, 'approval.decided'],
				[2, 'audit.chain.closed'],
			]);
			expect(new Set(events.map((e) => e.chainid))).toEqual(new Set([`${run.executionId}/${run.sink.id}`]));
			const verify = cliVerify(dir, run.profile.signingSecret, events, '--require-closed');
			log(`verify --require-closed (execution ${run.executionId}): exit ${verify.status}: ${verify.stdout.trim()}`);
			expect(verify.stdout).toBe('OK: 3 event(s) in 1 chain(s), 1 closed; every signature and link verified.\n');
			expect(verify.status).toBe(0);
		}
	});
});

describe('Approval Gate expiry in queue mode', () => {
	test('when the request expires then a late approval is refused and the run resumes on the other worker on the Rejected branch, unapproved', async () => {
		const { links, executionId } = runs.expire;
		const execution = await waitForStatus(executionId, 'success', (EXPIRY_SECONDS + 120) * 1000);
		const late = await postDecision(links[ALICE], { approval_token: tokenOf(links[ALICE]), decision: 'approve' });
		expect(late.status).toBeGreaterThanOrEqual(400);
		expect(CLAIMS_DECISION.test(late.text)).toBe(false);
		expect(resumedOnSecond(execution)).toEqual({ firstWorker: 1, secondWorker: 1 });
		expect(nodeRan(execution, 'Restore')).toBe(false);
		const [timedOut] = nodeOutput(execution, 'Record Rejected');
		expect(timedOut[0].approval).toBeUndefined();
		const events = eventsFor(receiver, executionId);
		expect(cliVerify(dir, runs.expire.profile.signingSecret, events, '--require-closed').status).toBe(0);
	});
});

describe('Approval Gate races in queue mode', () => {
	test('when twenty valid POSTs race (both links, approve and reject, each link ten times) then one decision, one resumed run, one branch, and every other POST is refused', async () => {
		await first.restart();
		const run = await request();
		const attempts = Array.from({ length: 20 }, (_, i) => ({
			approver: i % 2 === 0 ? ALICE : BOB,
			decision: i % 4 === 0 || i % 4 === 3 ? 'approve' : 'reject',
		}));
		const responses = await Promise.all(
			attempts.map(async (a) => ({ ...a, ...(await postDecision(run.links[a.approver], { approval_token: tokenOf(run.links[a.approver]), decision: a.decision })) })),
		);
		const tally: Record<number, number> = {};
		for (const r of responses) tally[r.status] = (tally[r.status] ?? 0) + 1;
		log(`20 racing decisions → HTTP status: count ${JSON.stringify(tally)}; a refusal read: ${responses.find((r) => r.status >= 400)?.text.slice(0, 160)}`);
		const told = responses.filter((r) => r.status >= 200 && r.status < 300);
		expect(told).toHaveLength(1);
		const [winner] = told;
		const verb = winner.decision === 'approve' ? 'approved' : 'rejected';
		expect(winner.text).toContain(`Request ${verb}`);
		for (const loser of responses.filter((r) => r !== winner)) {
			expect({ status: loser.status >= 400, claim: CLAIMS_DECISION.test(loser.text), said: loser.text.length > 0 }).toEqual({ status: true, claim: false, said: true });
		}
		const execution = await waitForStatus(run.executionId, 'success', 60000);
		// One first part and exactly one resume, across both workers.
		expect(first.executions().concat(second.executions()).filter((e) => e === run.executionId)).toHaveLength(2);
		const [taken, other] = verb === 'approved' ? ['Record Approved', 'Record Rejected'] : ['Record Rejected', 'Record Approved'];
		expect(nodeRan(execution, other)).toBe(false);
		expect(nodeOutput(execution, taken)[0]).toHaveLength(1);
		expect(nodeOutput(execution, taken)[0][0].approval).toMatchObject({ decision: verb, approver: winner.approver });
		const events = eventsFor(receiver, run.executionId);
		expect(events.filter((e) => e.data.action === 'approval.decided')).toHaveLength(1);
		expect(cliVerify(dir, run.profile.signingSecret, events, '--require-closed').status).toBe(0);
	});
});
