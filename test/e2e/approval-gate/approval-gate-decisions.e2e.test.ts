import { callWebhook, nodeOutput, nodeRan } from '../harness/client';
import { createApprovalWorkflow, linksOf, postDecision, tokenOf, waitForStatus } from '../harness/approval';
import { startReceiver } from '../harness/receiver';

const ALICE = 'alice@governance.test';
const BOB = 'bob@governance.test';
/** What only the request whose decision took effect may be told. */
const CLAIMS_DECISION = /Request (approved|rejected)|has been resumed|You (approved|rejected)/i;

describe('Approval Gate decisions in a real n8n', () => {
	let receiver: Awaited<ReturnType<typeof startReceiver>>;
	beforeEach(async () => {
		receiver = await startReceiver();
	});
	afterEach(async () => {
		await receiver.close();
	});

	async function start(options: Parameters<typeof createApprovalWorkflow>[1]) {
		const wf = await createApprovalWorkflow(receiver, options);
		await callWebhook(wf.path, { body: { amount: 90, customer: 'Initech', requester: 'carol@governance.test' } });
		const [notification] = await receiver.waitFor(1);
		const { links, executionId } = linksOf(notification.json);
		await waitForStatus(executionId, 'waiting');
		return { ...wf, links, executionId };
	}

	test('when 20 decisions race (approve and reject, each link used many times) then only the one that took effect is told so, and only it is output and audited', async () => {
		const { links, executionId } = await start({ approvers: [ALICE, BOB], audit: true });
		// Alice approves, Bob rejects, Alice rejects, Bob approves, … : both links, both decisions, each link ten times.
		const attempts = Array.from({ length: 20 }, (_, i) => ({
			approver: i % 2 === 0 ? ALICE : BOB,
			decision: i % 4 === 0 || i % 4 === 3 ? 'approve' : 'reject',
		}));
		const responses = await Promise.all(
			attempts.map(async (a) => ({ ...a, ...(await postDecision(links[a.approver], { approval_token: tokenOf(links[a.approver]), decision: a.decision })) })),
		);

		const tally: Record<number, number> = {};
		for (const r of responses) tally[r.status] = (tally[r.status] ?? 0) + 1;
		const loserBody = responses.find((r) => r.status >= 400)?.text.slice(0, 160);
		process.stderr.write(`[e2e] 20 racing decisions → HTTP status: count ${JSON.stringify(tally)}; a loser read: ${loserBody}\n`);
		const told = responses.filter((r) => r.status >= 200 && r.status < 300);
		expect({ toldRecorded: told.map((r) => `${r.approver} ${r.decision} ${r.status}`) }).toEqual({ toldRecorded: [expect.any(String)] });
		const [winner] = told;
		const verb = winner.decision === 'approve' ? 'approved' : 'rejected';
		expect(winner.text).toContain(`Request ${verb}`);
		expect(winner.text).toContain(`You ${verb} this request as <strong>${winner.approver}</strong>`);
		for (const loser of responses.filter((r) => r !== winner)) {
			// n8n's own answer (409 "running already" / "finished already", or 500 when it lost the resume) claims nothing.
			expect({ status: loser.status >= 400, claim: CLAIMS_DECISION.test(loser.text) }).toEqual({ status: true, claim: false });
		}

		const execution = await waitForStatus(executionId, 'success');
		const [taken, other] = verb === 'approved' ? ['Approved', 'Rejected'] : ['Rejected', 'Approved'];
		expect(nodeRan(execution, other)).toBe(false);
		const [items, events] = nodeOutput(execution, taken);
		expect(items).toHaveLength(1);
		expect(items[0].approval).toMatchObject({ decision: verb, approver: winner.approver });
		expect(events).toHaveLength(1);
		expect(events[0].data).toMatchObject({ action: 'approval.decided', outcome: verb });
		expect(JSON.stringify(events[0].data)).toContain(winner.approver);
	});

	test('when the form is posted as text/plain then the decision is judged on its token: recorded, not refused as expired', async () => {
		const { links, executionId } = await start({ approvers: [ALICE, BOB] });
		const url = links[ALICE];
		const response = await fetch(url, {
			method: 'POST',
			headers: { 'content-type': 'text/plain' },
			body: `approval_token=${encodeURIComponent(tokenOf(url))}&decision=reject`,
		});
		const text = await response.text();
		expect({ status: response.status, expired: /expired/i.test(text) }).toEqual({ status: 200, expired: false });
		expect(text).toContain('Request rejected');
		const execution = await waitForStatus(executionId, 'success');
		expect(nodeRan(execution, 'Approved')).toBe(false);
		expect(nodeOutput(execution, 'Rejected')[0][0].approval).toMatchObject({ decision: 'rejected', approver: ALICE });
	});
});
