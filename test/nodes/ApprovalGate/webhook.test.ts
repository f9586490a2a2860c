import type { INodeExecutionData } from 'n8n-workflow';
import { approvalWebhook } from '../../../nodes/ApprovalGate/webhook';
import { ALICE, approvalLinks, webhookContext } from './context';

const tokenOf = (url: string) => new URL(url).searchParams.get('approval_token') ?? '';

describe('Approval Gate webhook()', () => {
	let links: Record<string, string>;
	beforeAll(async () => {
		links = await approvalLinks();
	});

	test('when a valid decision is posted then webhook() sends nothing itself: n8n sends the page once the resume took effect', async () => {
		const url = links[ALICE];
		const { context, response } = webhookContext({ method: 'POST', url, body: { approval_token: tokenOf(url), decision: 'approve' } });
		const result = await approvalWebhook.call(context);
		// Sending here would tell every racing POST that its decision counts; n8n resumes only one of them.
		expect(response.body).toBeUndefined();
		expect(response.status).toBeUndefined();
		expect(result.noWebhookResponse).not.toBe(true);
		expect(String(result.webhookResponse)).toContain('Request approved');
		const [rejected, approved] = result.workflowData as INodeExecutionData[][];
		expect(rejected).toEqual([]);
		expect(approved[0].json.approval).toMatchObject({ decision: 'approved', approver: ALICE });
		// The security headers are set for n8n's reply (n8n sets the content type and its own sandbox CSP).
		expect(response.headers).toMatchObject({ 'cache-control': 'no-store', 'x-frame-options': 'DENY', 'referrer-policy': 'no-referrer' });
		expect(response.headers['content-type']).toBeUndefined();
	});

	test('when a POST is refused then webhook() answers with its own page and the run keeps waiting', async () => {
		const url = links[ALICE];
		const { context, response } = webhookContext({ method: 'POST', url, body: { approval_token: tokenOf(url), decision: 'maybe' } });
		const result = await approvalWebhook.call(context);
		expect(response.status).toBe(400);
		expect(String(response.body)).toContain('Decision not accepted');
		expect(result).toEqual({ noWebhookResponse: true });
	});

	test.each([
		['text/plain body (a raw string)', (token: string) => `approval_token=${encodeURIComponent(token)}&decision=reject`],
		['urlencoded body parsed by n8n', (token: string) => ({ approval_token: token, decision: 'reject' })],
	])('when the form arrives as a %s then the token that dates the request is the one that is checked: a rejection, not "expired"', async (_name, body) => {
		const url = links[ALICE];
		const { context, response } = webhookContext({ method: 'POST', url, body: body(tokenOf(url)) });
		const result = await approvalWebhook.call(context);
		expect(response.status).toBeUndefined();
		expect(String(result.webhookResponse)).toContain('Request rejected');
		const [rejected] = result.workflowData as INodeExecutionData[][];
		expect(rejected[0].json.approval).toMatchObject({ decision: 'rejected', approver: ALICE });
	});

	test('when a raw string body carries no token then it is refused as missing its token (one reason, not "expired")', async () => {
		const { context, response } = webhookContext({ method: 'POST', url: links[ALICE], body: 'decision=reject' });
		const result = await approvalWebhook.call(context);
		expect(response.status).toBe(401);
		expect(String(response.body)).toContain('missing_token');
		expect(result).toEqual({ noWebhookResponse: true });
	});
});
