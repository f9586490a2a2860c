import type { ApprovalRequest } from '../../../lib/approval/approval-request';
import { buildApprovalRequest } from '../../../lib/approval/approval-request';
import { createApprovalToken } from '../../../lib/approval/link';
import { base32Encode } from '../../../lib/approval/totp';

export const NOW = Date.UTC(2025, 0, 15, 12, 0, 0);
export const SECRET = 'test-signing-secret-0123456789abcdef';
export const EXECUTION_ID = '4711';
export const NODE_ID = 'node-approval-1';
export const ALICE = 'alice@example.com';
export const BOB = 'bob@example.com';
export const REQUESTER = 'carol@example.com';
export const TOTP_SECRET = base32Encode(Buffer.from('12345678901234567890', 'ascii'));
export const BROWSER_UA =
	'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36';

export function makeRequest(overrides: Partial<Parameters<typeof buildApprovalRequest>[0]> = {}): ApprovalRequest {
	return buildApprovalRequest({
		now: NOW,
		requestId: 'req-1',
		title: 'Send refund of 900 EUR',
		riskNote: 'Money leaves the company.',
		summary: 'Refund order #123 to customer Dana.',
		requestedBy: REQUESTER,
		fields: [{ label: 'Amount', value: '900 EUR' }],
		approvers: [ALICE, BOB, REQUESTER],
		ttlMs: 60 * 60 * 1000,
		...overrides,
	}).request;
}

export function makeToken(overrides: Partial<Parameters<typeof createApprovalToken>[0]> = {}): string {
	return createApprovalToken({
		secret: SECRET,
		executionId: EXECUTION_ID,
		nodeId: NODE_ID,
		approver: ALICE,
		expiresAt: NOW + 60 * 60 * 1000,
		requestId: 'req-1',
		nonce: 'nonce-1',
		...overrides,
	});
}
