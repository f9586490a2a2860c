import { GovernanceError } from '../../../lib/errors/governance-error';
import { ANYONE_APPROVER, buildApprovalUrl, createApprovalToken, verifyApprovalToken } from '../../../lib/approval/link';
import { ALICE, EXECUTION_ID, makeToken, NODE_ID, NOW, SECRET } from './fixtures';

const ctx = { secret: SECRET, executionId: EXECUTION_ID, nodeId: NODE_ID, now: NOW };

function editPayload(token: string, edit: (p: Record<string, unknown>) => void): string {
	const [payload, mac] = token.split('.');
	const parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
	edit(parsed);
	return `${Buffer.from(JSON.stringify(parsed)).toString('base64url')}.${mac}`;
}

describe('approval link tokens', () => {
	test('when a token is created and verified in its context then claims come back', () => {
		const result = verifyApprovalToken(makeToken(), { ...ctx, requestId: 'req-1', approvers: [ALICE] });
		expect(result).toEqual({
			ok: true,
			claims: { executionId: EXECUTION_ID, nodeId: NODE_ID, approver: ALICE, expiresAt: NOW + 3600000, nonce: 'nonce-1', requestId: 'req-1' },
		});
	});

	test('when the token is created then it is compact base64url with no decision in it', () => {
		const token = makeToken();
		expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
		expect(Buffer.from(token.split('.')[0], 'base64url').toString()).not.toMatch(/approve|reject|decision/);
	});

	test('when two tokens are made without a nonce then they differ', () => {
		expect(makeToken({ nonce: undefined })).not.toBe(makeToken({ nonce: undefined }));
	});

	test.each([
		// wrong secret
		[makeToken(), { secret: 'another-secret-0123456789' }, 'bad_signature'],
		// approver edited in payload
		[editPayload(makeToken(), (p) => (p.a = 'mallory@example.com')), {}, 'bad_signature'],
		// expiry extended in payload
		[editPayload(makeToken(), (p) => (p.x = NOW + 10 * 3600000)), {}, 'bad_signature'],
		// another execution, validly signed
		[makeToken({ executionId: '999' }), {}, 'wrong_execution'],
		// another node, validly signed
		[makeToken({ nodeId: 'other-node' }), {}, 'wrong_node'],
		// another request at the same node
		[makeToken({ requestId: 'req-2' }), { requestId: 'req-1' }, 'wrong_request'],
		// expired exactly at expiresAt
		[makeToken({ expiresAt: NOW }), {}, 'expired'],
		// approver not in list
		[makeToken({ approver: 'mallory@example.com' }), { approvers: [ALICE] }, 'approver_not_allowed'],
		// anyone-token without allowAnyone
		[makeToken({ approver: ANYONE_APPROVER }), { approvers: [ALICE] }, 'approver_not_allowed'],
		// version bump
		[editPayload(makeToken(), (p) => (p.v = 2)), {}, 'unsupported_version'],
		// truncated mac
		[makeToken().slice(0, -2), {}, 'malformed'],
		// no dot
		[makeToken().replace('.', ''), {}, 'malformed'],
		// three parts
		[`${makeToken()}.x`, {}, 'malformed'],
		// not base64url
		[makeToken().replace(/^./, '*'), {}, 'malformed'],
		// payload is not JSON
		[`${Buffer.from('hello').toString('base64url')}.${makeToken().split('.')[1]}`, {}, 'malformed'],
		// payload JSON array
		[`${Buffer.from('[]').toString('base64url')}.${makeToken().split('.')[1]}`, {}, 'malformed'],
		// non-string
		[12345, {}, 'malformed'],
		// oversize
		['a'.repeat(5000), {}, 'malformed'],
		// short secret configured
		[makeToken(), { secret: 'short' }, 'misconfigured'],
	])('when verifying %p with %p then reason is %s', (token, overrides, reason) => {
		const result = verifyApprovalToken(token, { ...ctx, ...overrides });
		expect(result).toMatchObject({ ok: false, reason });
		if (!result.ok) expect(result.message).not.toMatch(/at |Error|stack/);
	});

	test('when the approver list differs only in case then the token is accepted', () => {
		expect(verifyApprovalToken(makeToken(), { ...ctx, approvers: ['ALICE@example.COM'] }).ok).toBe(true);
	});

	test('when the secret is too short then creation throws a GovernanceError', () => {
		expect(() => createApprovalToken({ secret: 'x', executionId: '1', nodeId: 'n', approver: ALICE, expiresAt: NOW, requestId: 'r' })).toThrow(
			GovernanceError,
		);
	});

	test.each([
		// n8n resume URL with signature
		['https://n8n.example.com/webhook-waiting/1/node?signature=abc', 'https://n8n.example.com/webhook-waiting/1/node?signature=abc&approval_token=T.K'],
		// no query yet
		['https://n8n.example.com/webhook-waiting/1/node', 'https://n8n.example.com/webhook-waiting/1/node?approval_token=T.K'],
		// fragment dropped
		['https://h/w?x=1#frag', 'https://h/w?x=1&approval_token=T.K'],
	])('when appending a token to %s then the URL is %s', (url, expected) => {
		expect(buildApprovalUrl(url, 'T.K')).toBe(expected);
	});
});
