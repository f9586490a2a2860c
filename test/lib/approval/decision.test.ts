import type { EvaluateDecisionInput } from '../../../lib/approval/decision';
import { evaluateDecision, linkToken, REFUSALS } from '../../../lib/approval/decision';
import { ANYONE_APPROVER } from '../../../lib/approval/link';
import { totpCode, totpStep } from '../../../lib/approval/totp';
import { ALICE, BOB, BROWSER_UA, EXECUTION_ID, makeRequest, makeToken, NODE_ID, NOW, REQUESTER, SECRET, TOTP_SECRET } from './fixtures';

const request = makeRequest();
const totpRequest = makeRequest({ requireTotp: true });
const anyoneRequest = makeRequest({ approvers: [], allowAnyone: true });
const token = makeToken();

function input(overrides: Partial<EvaluateDecisionInput> = {}): EvaluateDecisionInput {
	return {
		method: 'POST',
		query: { signature: 'n8n-sig', approval_token: token },
		body: { approval_token: token, decision: 'approve', comment: 'ok' },
		headers: { 'user-agent': BROWSER_UA },
		request,
		secret: SECRET,
		executionId: EXECUTION_ID,
		nodeId: NODE_ID,
		now: NOW + 1000,
		totpSecrets: { [ALICE]: TOTP_SECRET },
		...overrides,
	};
}

function post(body: unknown, overrides: Partial<EvaluateDecisionInput> = {}): EvaluateDecisionInput {
	return input({ body, ...overrides });
}

function editedToken(edit: (p: Record<string, unknown>) => void, base = token): string {
	const [payload, mac] = base.split('.');
	const parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
	edit(parsed);
	return `${Buffer.from(JSON.stringify(parsed)).toString('base64url')}.${mac}`;
}

const code = (offsetSteps: number) => totpCode(TOTP_SECRET, NOW + 1000 + offsetSteps * 30000);
const currentStep = totpStep(NOW + 1000);
const bobToken = makeToken({ approver: BOB });
const requesterToken = makeToken({ approver: REQUESTER });
const anyoneToken = makeToken({ approver: ANYONE_APPROVER });
const withToken = (t: string, extra: Record<string, unknown> = {}) => ({
	query: { approval_token: t },
	body: { approval_token: t, decision: 'approve', ...extra },
});

describe('evaluateDecision: accepted decisions', () => {
	test('when an approver posts approve then the decision is recorded with link factor', () => {
		expect(evaluateDecision(input())).toEqual({
			kind: 'decided',
			decision: {
				decision: 'approved',
				approver: ALICE,
				factor: 'link',
				comment: 'ok',
				decidedAt: new Date(NOW + 1000).toISOString(),
				requestId: 'req-1',
				requestedBy: REQUESTER,
			},
		});
	});

	test('when an approver posts reject then it is rejected', () => {
		expect(evaluateDecision(post({ approval_token: token, decision: 'reject' }))).toMatchObject({
			kind: 'decided',
			decision: { decision: 'rejected', approver: ALICE },
		});
	});

	test('when the body is a raw urlencoded string then it is parsed', () => {
		const raw = `approval_token=${encodeURIComponent(token)}&decision=approve&comment=looks+good%21`;
		expect(evaluateDecision(post(raw))).toMatchObject({ kind: 'decided', decision: { comment: 'looks good!' } });
	});

	test('when the form comes parsed, as raw text (text/plain) or the link is opened then linkToken reads the token evaluateDecision checks', () => {
		const raw = `approval_token=${encodeURIComponent(token)}&decision=reject`;
		expect(linkToken({ method: 'POST', query: {}, body: raw })).toBe(token);
		expect(linkToken({ method: 'post', query: {}, body: { approval_token: token } })).toBe(token);
		expect(linkToken({ method: 'GET', query: { approval_token: token }, body: raw.replace(token, 'other') })).toBe(token);
		expect(linkToken({ method: 'POST', query: { approval_token: token }, body: 'decision=reject' })).toBeUndefined();
		expect(linkToken({ method: 'POST', query: {}, body: '%E0%A4%A' })).toBeUndefined();
	});

	test('when TOTP is required and the code is right then factor is link+totp and the step is returned', () => {
		const result = evaluateDecision(post({ approval_token: token, decision: 'approve', totp_code: code(0) }, { request: totpRequest }));
		expect(result).toMatchObject({ kind: 'decided', decision: { factor: 'link+totp' }, usedTotpStep: currentStep });
	});

	test('when TOTP code is from the previous step then it is accepted (window ±1)', () => {
		const result = evaluateDecision(post({ approval_token: token, decision: 'approve', totp_code: code(-1) }, { request: totpRequest }));
		expect(result).toMatchObject({ kind: 'decided', usedTotpStep: currentStep - 1 });
	});

	test('when the requester rejects their own request then it is allowed', () => {
		expect(evaluateDecision(input({ ...withToken(requesterToken), body: { approval_token: requesterToken, decision: 'reject' } }))).toMatchObject({
			kind: 'decided',
			decision: { decision: 'rejected', approver: REQUESTER },
		});
	});

	test('when self-approval is explicitly allowed then the requester may approve', () => {
		expect(evaluateDecision(input({ ...withToken(requesterToken), allowSelfApproval: true }))).toMatchObject({ kind: 'decided' });
	});

	test('when allowAnyone and an anyone-link is used with an email then that email is the approver', () => {
		const result = evaluateDecision(input({ request: anyoneRequest, ...withToken(anyoneToken, { approver_email: 'Eve@Example.com' }) }));
		expect(result).toMatchObject({ kind: 'decided', decision: { approver: 'eve@example.com' } });
	});

	test('when the comment has control characters then they are removed', () => {
		const result = evaluateDecision(post({ approval_token: token, decision: 'approve', comment: ' a\u0000b\r\nc ' }));
		expect(result).toMatchObject({ kind: 'decided', decision: { comment: 'ab\nc' } });
	});
});

const previewAgents = [
	'Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)',
	'facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)',
	'Mozilla/4.0 (compatible; ms-office; MSOffice 16)',
	'Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.4266; Pro)',
	'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
	'curl/8.5.0',
	'Mozilla/5.0 (Windows NT 10.0; Win64; x64) BingPreview/1.0b',
	'',
];

describe('evaluateDecision: GET and HEAD never decide', () => {
	test.each(previewAgents.flatMap((ua) => ['GET', 'HEAD'].map((m) => [m, ua] as const)))(
		'when %s comes from link previewer %p then only a preview page is rendered',
		(method, ua) => {
			const result = evaluateDecision(input({ method, headers: { 'User-Agent': ua } }));
			expect(result).toEqual({ kind: 'render-page', view: 'preview', isLinkPreview: true });
		},
	);

	test('when a browser GETs a valid link then the form view is rendered with the token and approver', () => {
		expect(evaluateDecision(input({ method: 'GET' }))).toEqual({
			kind: 'render-page',
			view: 'form',
			isLinkPreview: false,
			approver: ALICE,
			token,
		});
	});

	test('when a bot asks for the full view then it still only renders (never decides)', () => {
		const result = evaluateDecision(input({ method: 'GET', headers: { 'user-agent': 'curl/8' }, query: { approval_token: token, approval_view: 'full' } }));
		expect(result).toMatchObject({ kind: 'render-page', view: 'form' });
	});

	test.each([
		// GET carrying decision params in query
		[{ approval_token: token, decision: 'approve' }, 'form'],
		// GET with a forged token
		[{ approval_token: editedToken((p) => (p.a = BOB)) }, 'invalid-link'],
		// GET with no token
		[{}, 'invalid-link'],
		// GET with an expired link
		[{ approval_token: makeToken({ expiresAt: NOW }) }, 'expired'],
	])('when a browser GETs with query %p then view is %s and nothing is decided', (query, view) => {
		const result = evaluateDecision(input({ method: 'GET', query }));
		expect(result).toMatchObject({ kind: 'render-page', view });
	});

	test('when a browser GETs after a decision then the already-decided view is shown', () => {
		const prior = evaluateDecision(input());
		if (prior.kind !== 'decided') throw new Error('setup');
		expect(evaluateDecision(input({ method: 'GET', priorDecision: prior.decision }))).toMatchObject({ view: 'already-decided' });
	});
});

type Attempt = [string, Partial<EvaluateDecisionInput>, string];

const attempts: Attempt[] = [
	// forged signature: last MAC character changed
	['forged MAC', withToken(token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A')), 'bad_signature'],
	// forged signature: all-zero MAC
	['zero MAC', withToken(`${token.split('.')[0]}.${Buffer.alloc(32).toString('base64url')}`), 'bad_signature'],
	// token signed with another secret
	['other secret', withToken(makeToken({ secret: 'someone-elses-secret-123456' })), 'bad_signature'],
	// truncated signature
	['truncated MAC', withToken(token.slice(0, -5)), 'malformed_token'],
	// truncated payload
	['truncated payload', withToken(token.slice(10)), 'malformed_token'],
	// signature only
	['MAC only', withToken(token.split('.')[1]), 'malformed_token'],
	// empty MAC
	['empty MAC', withToken(`${token.split('.')[0]}.`), 'malformed_token'],
	// bad base64 characters
	['bad base64', withToken(token.replace(/^.{4}/, '!!!!')), 'malformed_token'],
	// standard base64 with padding instead of base64url
	['padded base64', withToken(`${token}==`), 'malformed_token'],
	// payload not JSON
	['payload not JSON', withToken(`${Buffer.from('{oops').toString('base64url')}.${token.split('.')[1]}`), 'malformed_token'],
	// another execution's token
	['other execution', withToken(makeToken({ executionId: '4712' })), 'wrong_execution'],
	// another node's token
	['other node', withToken(makeToken({ nodeId: 'node-approval-2' })), 'wrong_node'],
	// another request's token at the same node (loop)
	['other request', withToken(makeToken({ requestId: 'req-0' })), 'wrong_request'],
	// edited to another approver
	['approver edited', withToken(editedToken((p) => (p.a = BOB))), 'bad_signature'],
	// edited to anyone
	['approver edited to *', withToken(editedToken((p) => (p.a = '*'))), 'bad_signature'],
	// edited execution id
	['execution edited', withToken(editedToken((p) => (p.e = '1'))), 'bad_signature'],
	// expiry extended
	['expiry edited', withToken(editedToken((p) => (p.x = NOW + 99999999))), 'bad_signature'],
	// expired link
	['link expired', withToken(makeToken({ expiresAt: NOW + 500 })), 'link_expired'],
	// link expiry exactly now
	['link expires now', { ...withToken(makeToken({ expiresAt: NOW + 1000 })) }, 'link_expired'],
	// request expired though the link is still valid (n8n resumes late)
	['request expired', { now: request.expiresAt, ...withToken(makeToken({ expiresAt: request.expiresAt + 120000 })) }, 'request_expired'],
	// 60 s after expiry (n8n timeout lag)
	['request expired +60s', { now: request.expiresAt + 60000, ...withToken(makeToken({ expiresAt: request.expiresAt + 120000 })) }, 'request_expired'],
	// approver outside list (validly signed by a leaked secret usage)
	['outside approver', withToken(makeToken({ approver: 'mallory@example.com' })), 'approver_not_allowed'],
	// anyone-link when the request does not allow anyone
	['anyone link not allowed', withToken(anyoneToken, { approver_email: 'eve@example.com' }), 'approver_not_allowed'],
	// anyone-link without an email
	['anyone link without email', { request: anyoneRequest, ...withToken(anyoneToken) }, 'approver_identity_required'],
	// anyone-link with a junk email
	['anyone link junk email', { request: anyoneRequest, ...withToken(anyoneToken, { approver_email: 'nobody' }) }, 'approver_identity_required'],
	// anyone-link claiming to be the requester
	['anyone link self', { request: anyoneRequest, ...withToken(anyoneToken, { approver_email: 'CAROL@example.com' }) }, 'self_approval'],
	// self-approval with own link
	['self-approval', withToken(requesterToken), 'self_approval'],
	// self-approval with case games
	['self-approval case', { ...withToken(requesterToken), request: makeRequest({ requestedBy: 'Carol@EXAMPLE.com' }) }, 'self_approval'],
	// POST without token
	['no token', { query: {}, body: { decision: 'approve' } }, 'missing_token'],
	// POST with token only in query
	['token only in query', { body: { decision: 'approve' } }, 'missing_token'],
	// empty token
	['empty token', { body: { approval_token: '', decision: 'approve' } }, 'missing_token'],
	// body token differs from query token
	['token mismatch', { query: { approval_token: bobToken }, body: { approval_token: token, decision: 'approve' } }, 'token_mismatch'],
	// body is an array
	['array body', { body: [token, 'approve'] }, 'malformed_body'],
	// decision is an array (repeated field)
	['decision array', { body: { approval_token: token, decision: ['approve', 'reject'] } }, 'malformed_body'],
	// token is an array
	['token array', { body: { approval_token: [token], decision: 'approve' } }, 'malformed_body'],
	// comment is an object
	['comment object', { body: { approval_token: token, decision: 'approve', comment: { $gt: '' } } }, 'malformed_body'],
	// repeated decision in raw body
	['raw repeated', { body: `approval_token=${token}&decision=approve&decision=reject` }, 'malformed_body'],
	// broken percent-encoding
	['raw bad encoding', { body: `approval_token=${token}&decision=%E0%A4%A` }, 'malformed_body'],
	// raw body too large
	['raw huge', { body: `approval_token=${token}&decision=approve&comment=${'a'.repeat(70000)}` }, 'malformed_body'],
	// body is a number
	['number body', { body: 42 }, 'malformed_body'],
	// missing decision
	['missing decision', { body: { approval_token: token } }, 'missing_decision'],
	// blank decision
	['blank decision', { body: { approval_token: token, decision: '  ' } }, 'missing_decision'],
	// unknown decision value
	['unknown decision', { body: { approval_token: token, decision: 'approved!!' } }, 'invalid_decision'],
	// decision "yes"
	['decision yes', { body: { approval_token: token, decision: 'yes' } }, 'invalid_decision'],
	// huge comment
	['huge comment', { body: { approval_token: token, decision: 'approve', comment: 'x'.repeat(1001) } }, 'comment_too_long'],
	// TOTP required but missing
	['totp missing', { request: totpRequest }, 'totp_required'],
	// TOTP wrong
	['totp wrong', { request: totpRequest, body: { approval_token: token, decision: 'approve', totp_code: code(0) === '123456' ? '654321' : '123456' } }, 'totp_invalid'],
	// TOTP stale (2 steps old)
	['totp stale', { request: totpRequest, body: { approval_token: token, decision: 'approve', totp_code: code(-2) } }, 'totp_invalid'],
	// TOTP from the future beyond window
	['totp future', { request: totpRequest, body: { approval_token: token, decision: 'approve', totp_code: code(3) } }, 'totp_invalid'],
	// TOTP malformed
	['totp letters', { request: totpRequest, body: { approval_token: token, decision: 'approve', totp_code: 'abcdef' } }, 'totp_invalid'],
	// TOTP reused (same step in execution data)
	['totp reused', { request: totpRequest, usedTotpSteps: [currentStep], body: { approval_token: token, decision: 'approve', totp_code: code(0) } }, 'totp_reused'],
	// TOTP reused, per-approver map
	['totp reused map', { request: totpRequest, usedTotpSteps: { 'ALICE@example.com': [currentStep] }, body: { approval_token: token, decision: 'approve', totp_code: code(0) } }, 'totp_reused'],
	// TOTP older code after a newer one was used
	['totp older after newer', { request: totpRequest, usedTotpSteps: [currentStep], body: { approval_token: token, decision: 'approve', totp_code: code(-1) } }, 'totp_reused'],
	// approver with no TOTP enrolment
	['totp not enrolled', { request: totpRequest, ...withToken(bobToken, { totp_code: code(0) }) }, 'totp_not_enrolled'],
	// TOTP code of another approver's secret does not help bob
	['totp prototype key', { request: totpRequest, totpSecrets: Object.create({ [BOB]: TOTP_SECRET }), ...withToken(bobToken, { totp_code: code(0) }) }, 'totp_not_enrolled'],
	// already decided
	['already decided', { priorDecision: { decision: 'approved', approver: BOB, factor: 'link', comment: '', decidedAt: '', requestId: 'req-1', requestedBy: REQUESTER } }, 'already_decided'],
	// unsupported methods
	['PUT', { method: 'PUT' }, 'method_not_allowed'],
	['DELETE', { method: 'DELETE' }, 'method_not_allowed'],
	// gate without a usable secret
	['no secret', { secret: '' }, 'misconfigured'],
	// gate without request data
	['no request', { request: undefined as never }, 'misconfigured'],
];

describe('evaluateDecision: adversarial POSTs are refused', () => {
	test('there are at least 50 adversarial attempts in the table', () => {
		expect(attempts.length + previewAgents.length * 2).toBeGreaterThanOrEqual(50);
		expect(attempts.length).toBeGreaterThanOrEqual(50);
	});

	test.each(attempts.map(([name, overrides, reason]) => [name, reason, overrides] as const))('when %s then refused as %s', (_name, reason, overrides) => {
		const result = evaluateDecision(input(overrides));
		expect(result.kind).toBe('refused');
		if (result.kind !== 'refused') return;
		expect(result.reason).toBe(reason);
		expect(result.status).toBe(REFUSALS[result.reason].status);
		expect(result.message).toBe(REFUSALS[result.reason].message);
		expect(result.message).not.toMatch(/Error|stack|undefined|at \w+ \(/);
	});

	test('when a getter on the body throws then the result is a refusal, not an exception', () => {
		const body = { approval_token: token };
		Object.defineProperty(body, 'decision', { enumerable: true, get: () => { throw new Error('boom internal'); } });
		const result = evaluateDecision(post(body));
		expect(result).toMatchObject({ kind: 'refused', reason: 'misconfigured' });
		expect(JSON.stringify(result)).not.toMatch(/boom/);
	});

	test.each(Object.entries(REFUSALS))('refusal %s has a status in {400,401,403,410,500} and plain text', (_code, entry) => {
		expect([400, 401, 403, 410, 500]).toContain(entry.status);
		expect(entry.message).toMatch(/^[A-Z].*\.$/);
	});
});
