import { GovernanceError } from '../../../lib/errors/governance-error';
import { buildApprovalRequest, isValidEmail } from '../../../lib/approval/approval-request';
import { NOW } from './fixtures';

const base = { now: NOW, title: 'Deploy', approvers: ['Alice@Example.com'], ttlMs: 60000, requestedBy: 'bob@example.com' };

describe('buildApprovalRequest', () => {
	test('when input is valid then emails are lowercased, de-duplicated and defaults filled', () => {
		const { request, warnings } = buildApprovalRequest({ ...base, approvers: 'Alice@Example.com, alice@example.com; dan@example.org' });
		expect(request.approvers).toEqual(['alice@example.com', 'dan@example.org']);
		expect(request.expiresAt).toBe(NOW + 60000);
		expect(request.createdAt).toBe(NOW);
		expect(request.requestId).toMatch(/^[A-Za-z0-9_-]{22}$/);
		expect(request.requireTotp).toBe(false);
		expect(warnings).toEqual([]);
	});

	test('when no approvers but allowAnyone then it is accepted with a warning', () => {
		const { request, warnings } = buildApprovalRequest({ ...base, approvers: [], allowAnyone: true });
		expect(request.approvers).toEqual([]);
		expect(warnings.join(' ')).toMatch(/anyone holding the link/);
	});

	test('when requestedBy is missing then a warning says self-approval cannot be checked', () => {
		const { warnings } = buildApprovalRequest({ ...base, requestedBy: undefined });
		expect(warnings.join(' ')).toMatch(/self-approval/);
	});

	test('when fields hold numbers and objects then values become text', () => {
		const { request } = buildApprovalRequest({ ...base, fields: [{ label: 'n', value: 5 }, { label: 'o', value: { a: 1 } }] });
		expect(request.fields).toEqual([{ label: 'n', value: '5' }, { label: 'o', value: '{"a":1}' }]);
	});

	test.each([
		// empty approver list without allowAnyone
		[{ approvers: [] }, /No approvers/],
		// invalid email
		[{ approvers: ['not-an-email'] }, /not a valid email/],
		// email with a display name
		[{ approvers: ['Alice <alice@example.com>'] }, /not a valid email/],
		// expiry in the past
		[{ ttlMs: -1 }, /future/],
		// expiry exactly now
		[{ ttlMs: 0 }, /future/],
		// expiry missing
		[{ ttlMs: undefined }, /No expiry/],
		// expiry too far
		[{ ttlMs: 31 * 24 * 3600 * 1000 }, /30 days/],
		// empty title
		[{ title: '   ' }, /title/],
		// oversize title
		[{ title: 'x'.repeat(201) }, /limit is 200/],
		// bad request id
		[{ requestId: 'a b' }, /requestId/],
	])('when %p then it throws a GovernanceError matching %p', (overrides, message) => {
		const attempt = () => buildApprovalRequest({ ...base, ...(overrides as object) } as never);
		expect(attempt).toThrow(GovernanceError);
		expect(attempt).toThrow(message);
	});

	test.each([
		['a@b.co', true],
		['A.B+tag@Sub.Example.org', true],
		['a@b', false],
		['@b.com', false],
		['a b@c.com', false],
		[42, false],
	])('when checking %p then valid=%p', (email, valid) => {
		expect(isValidEmail(email)).toBe(valid);
	});
});
