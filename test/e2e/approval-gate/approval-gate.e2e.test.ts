import { callWebhook, nodeOutput, nodeRan, waitForExecutions } from '../harness/client';
import { createApprovalWorkflow, linksOf, postDecision, statusOf, tokenOf, waitForStatus } from '../harness/approval';
import { startReceiver } from '../harness/receiver';

describe('Approval Gate in a real n8n', () => {
	let receiver: Awaited<ReturnType<typeof startReceiver>>;
	beforeEach(async () => {
		receiver = await startReceiver();
	});
	afterEach(async () => {
		await receiver.close();
	});

	async function request(options: Parameters<typeof createApprovalWorkflow>[1] = {}, body: Record<string, unknown> = {}) {
		const wf = await createApprovalWorkflow(receiver, options);
		const response = await callWebhook(wf.path, { body: { amount: 120, customer: 'ACME', requester: 'carol@governance.test', ...body } });
		expect(response.status).toBe(200);
		const [notification] = await receiver.waitFor(1).catch(async (error: Error) => {
			const executions = await waitForExecutions(wf.workflowId, 1, 5000).catch(() => []);
			throw new Error(`${error.message}; execution: ${JSON.stringify(executions[0]?.data?.resultData.error ?? executions[0]?.status)}`);
		});
		const { links, executionId } = linksOf(notification.json);
		await waitForStatus(executionId, 'waiting');
		return { ...wf, links, executionId, notification: notification.json };
	}

	test('when an approver opens the link and approves then the Approved branch runs and records who', async () => {
		const { links, executionId, notification } = await request();
		expect(Object.keys(links).sort()).toEqual(['alice@governance.test', 'bob@governance.test']);
		expect(notification.title).toBe('Refund 120 EUR');

		const page = await fetch(links['bob@governance.test']);
		const html = await page.text();
		expect(page.status).toBe(200);
		expect(html).toContain('Refund 120 EUR');
		expect(html).toContain('Money leaves the company');
		expect(html).toContain('ACME');
		expect(await statusOf(executionId)).toBe('waiting');

		const started = Date.now();
		const decision = await postDecision(links['bob@governance.test'], {
			approval_token: tokenOf(links['bob@governance.test']),
			decision: 'approve',
			comment: 'ok for this customer',
		});
		expect(decision.status).toBe(200);
		const execution = await waitForStatus(executionId, 'success');
		const approvedStart = (execution.data?.resultData.runData.Approved[0] as unknown as { startTime: number }).startTime;
		process.stderr.write(`[e2e] approval POST sent → Approved node started: ${approvedStart - started} ms\n`);
		expect(nodeRan(execution, 'Approved')).toBe(true);
		expect(nodeRan(execution, 'Rejected')).toBe(false);
		const [approved] = nodeOutput(execution, 'Approved');
		expect(approved[0].body.amount).toBe(120);
		expect(approved[0].approval).toMatchObject({
			decision: 'approved',
			approver: 'bob@governance.test',
			factor: 'link',
			comment: 'ok for this customer',
			requestedBy: 'carol@governance.test',
		});
	});

	test('when an approver rejects then the first output runs with the rejection', async () => {
		const { links, executionId } = await request();
		const url = links['alice@governance.test'];
		expect((await postDecision(url, { approval_token: tokenOf(url), decision: 'reject' })).status).toBe(200);
		const execution = await waitForStatus(executionId, 'success');
		expect(nodeRan(execution, 'Approved')).toBe(false);
		const [rejected] = nodeOutput(execution, 'Rejected');
		expect(rejected[0].approval).toMatchObject({ decision: 'rejected', approver: 'alice@governance.test' });
	});
});
