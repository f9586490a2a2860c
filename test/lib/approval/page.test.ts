import { evaluateDecision } from '../../../lib/approval/decision';
import { ANYONE_APPROVER } from '../../../lib/approval/link';
import { approvalPageHeaders, escapeHtml, renderApprovalPage, renderDecisionResponse, renderPreviewPage, renderResultPage } from '../../../lib/approval/page';
import { ALICE, BROWSER_UA, EXECUTION_ID, makeRequest, makeToken, NODE_ID, NOW, SECRET } from './fixtures';

const XSS = '<script>alert(1)</script><img src=x onerror=alert(2)>"\'`';
const actionUrl = 'https://n8n.example.com/webhook-waiting/4711/node-approval-1?signature=abc&approval_token=T.K';

function expectSelfContained(html: string): void {
	expect(html).not.toMatch(/\b(src|href)\s*=\s*["']?\s*(https?:)?\/\//i);
	expect(html).not.toMatch(/<script/i);
	expect(html).not.toMatch(/@import/i);
	expect(html).not.toMatch(/<link\b/i);
	expect(html).not.toMatch(/url\(/i);
	expect(html).not.toMatch(/<[^>]*\son\w+\s*=/i);
}

describe('approval pages', () => {
	const request = makeRequest({
		title: `Delete customer ${XSS}`,
		riskNote: `Irreversible ${XSS}`,
		summary: `Summary ${XSS}`,
		fields: [{ label: `Label ${XSS}`, value: `Value ${XSS}` }],
		requireTotp: true,
	});
	const html = renderApprovalPage({ request, actionUrl, token: 'T.K"><b>', approver: ALICE });

	test('when rendering the form then nothing external is referenced and no script exists', () => {
		expectSelfContained(html);
	});

	test('when the title contains an XSS attempt then it is rendered escaped', () => {
		expect(html).toContain('Delete customer &lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;&quot;&#39;&#96;');
		expect(html).not.toContain('<img');
		expect(html).toContain('value="T.K&quot;&gt;&lt;b&gt;"');
	});

	test('when rendering the form then it explains what is approved, by whom, until when', () => {
		expect(html).toMatch(/Approval needed: Delete customer/);
		expect(html).toMatch(/Approve<\/strong> lets it continue/);
		expect(html).toContain('Risk:');
		expect(html).toContain('Summary &lt;script');
		expect(html).toContain('Requested by');
		expect(html).toContain('carol@example.com');
		expect(html).toContain('2025-01-15T13:00:00Z');
		expect(html).toContain(ALICE);
	});

	test('when rendering the form then it posts to the exact given URL with the hidden token and both buttons', () => {
		expect(html).toContain(`<form method="post" action="${escapeHtml(actionUrl)}">`);
		expect(html).toContain('<input type="hidden" name="approval_token"');
		expect(html).toMatch(/name="decision" value="approve"/);
		expect(html).toMatch(/name="decision" value="reject"/);
		expect(html).toMatch(/name="comment"/);
	});

	test('when TOTP is required then a code field is shown, otherwise not', () => {
		expect(html).toMatch(/name="totp_code"/);
		const plain = renderApprovalPage({ request: makeRequest(), actionUrl, token: 't', approver: ALICE });
		expect(plain).not.toMatch(/totp_code/);
	});

	test('when the link is for anyone then an email field is shown', () => {
		const page = renderApprovalPage({ request: makeRequest({ approvers: [], allowAnyone: true }), actionUrl, token: 't', approver: ANYONE_APPROVER });
		expect(page).toMatch(/name="approver_email"/);
	});

	test.each([
		// decided
		[renderResultPage({ kind: 'decided', title: XSS, decision: { decision: 'approved', approver: ALICE, factor: 'link', comment: XSS, decidedAt: 'now', requestId: 'r', requestedBy: '' } }), 'Request approved'],
		// refused with reason
		[renderResultPage({ kind: 'refused', refusal: { reason: 'bad_signature', message: 'The approval link is not valid.' } }), 'Decision not accepted'],
		// expired
		[renderResultPage({ kind: 'expired', refusal: { reason: 'request_expired', message: 'Expired.' } }), 'Approval expired'],
		// already decided
		[renderResultPage({ kind: 'already-decided', refusal: { reason: 'already_decided', message: 'Done.' } }), 'Already decided'],
		// preview page for bots
		[renderPreviewPage(actionUrl), 'does not approve or reject'],
	])('when rendering result page #%# then it is self-contained, escaped and shows its heading', (page, text) => {
		expectSelfContained(page);
		expect(page).toContain(text);
		expect(page).not.toContain('<script>alert');
	});

	test('when rendering the preview page then the continue link is relative and keeps the query', () => {
		expect(renderPreviewPage(actionUrl)).toContain('href="?signature=abc&amp;approval_token=T.K&amp;approval_view=full"');
	});

	test('when the headers are built then caching, framing and referrers are off', () => {
		expect(approvalPageHeaders()).toMatchObject({ 'cache-control': 'no-store', 'x-frame-options': 'DENY', 'referrer-policy': 'no-referrer' });
	});

	test.each([
		// browser GET → form 200
		['GET', BROWSER_UA, {}, 200, /<form method="post"/],
		// bot GET → preview 200, no request details
		['GET', 'Slackbot-LinkExpanding 1.0', {}, 200, /does not approve or reject/],
		// POST decided
		['POST', BROWSER_UA, { decision: 'approve' }, 200, /Request approved/],
		// POST refused
		['POST', BROWSER_UA, { decision: 'maybe' }, 400, /Decision not accepted/],
	])('when %s with user agent %p and body %p then renderDecisionResponse gives status %i', (method, ua, body, status, pattern) => {
		const request2 = makeRequest();
		const token = makeToken();
		const result = evaluateDecision({
			method,
			query: { approval_token: token },
			body: { approval_token: token, ...body },
			headers: { 'user-agent': ua },
			request: request2,
			secret: SECRET,
			executionId: EXECUTION_ID,
			nodeId: NODE_ID,
			now: NOW,
		});
		const response = renderDecisionResponse(result, { request: request2, actionUrl });
		expect(response.status).toBe(status);
		expect(response.body).toMatch(pattern);
		expectSelfContained(response.body);
		if (ua.startsWith('Slackbot')) expect(response.body).not.toContain(request2.title);
	});
});

describe('renderDecisionResponse robustness', () => {
	test('when the stored request is broken then a generic 500 page is returned instead of throwing', () => {
		const response = renderDecisionResponse(
			{ kind: 'render-page', view: 'form', isLinkPreview: false, approver: ALICE, token: 't' },
			{ request: { title: 'x' } as never, actionUrl },
		);
		expect(response.status).toBe(500);
		expect(response.body).toContain('not configured correctly');
		expect(response.body).not.toMatch(/TypeError|undefined/);
	});
});
