import { randomBytes } from 'node:crypto';
import { signApprovalDecision, verifyApprovalDecision } from '../../../lib/approval/attestation';

const SECRET = randomBytes(32).toString('base64');
const DECISION = { decision: 'approved', approver: 'Alice@Example.com', factor: 'link', decidedAt: '2026-12-01T10:00:00.000Z', requestId: 'req-1', gateNodeId: 'gate-a' };
const signed = { ...DECISION, comment: 'ok', signature: signApprovalDecision(SECRET, 'exec-1', DECISION) };

describe('approval attestation', () => {
	test('when the gate signed the decision for this execution then it verifies', () => {
		expect(verifyApprovalDecision(SECRET, 'exec-1', signed)).toEqual({ verified: true });
	});

	test.each([
		// Any bound field changed after signing.
		['a changed decision', { ...signed, decision: 'rejected' }, 'bad_signature'],
		['a changed approver', { ...signed, approver: 'mallory@example.com' }, 'bad_signature'],
		['a changed factor', { ...signed, factor: 'link+totp' }, 'bad_signature'],
		['a changed decidedAt', { ...signed, decidedAt: '2026-12-01T10:00:01.000Z' }, 'bad_signature'],
		['a changed request id', { ...signed, requestId: 'req-2' }, 'bad_signature'],
		['a changed gate node', { ...signed, gateNodeId: 'gate-b' }, 'bad_signature'],
		// Shapes that cannot be checked.
		['no signature', DECISION, 'unsigned'],
		['no object shape', 'approved', 'unsigned'],
		['no gate node id', { ...signed, gateNodeId: undefined }, 'incomplete'],
		['a truncated signature', { ...signed, signature: signed.signature.slice(0, 20) }, 'bad_signature'],
	])('when the approval has %s then it is refused', (_label, approval, reason) => {
		expect(verifyApprovalDecision(SECRET, 'exec-1', approval)).toEqual({ verified: false, reason });
	});

	test('when the decision was signed in another execution or with another secret then it is refused', () => {
		expect(verifyApprovalDecision(SECRET, 'exec-2', signed)).toEqual({ verified: false, reason: 'bad_signature' });
		expect(verifyApprovalDecision(randomBytes(32).toString('base64'), 'exec-1', signed)).toEqual({ verified: false, reason: 'bad_signature' });
	});

	test('when only the approver email case differs then it still verifies (emails are compared lower-cased)', () => {
		expect(verifyApprovalDecision(SECRET, 'exec-1', { ...signed, approver: 'alice@example.com' })).toEqual({ verified: true });
	});
});
