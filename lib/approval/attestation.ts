/// <reference types="node" />
import { createHmac, timingSafeEqual } from 'node:crypto';

import { normalizeEmail } from './approval-request';

/**
 * The Approval Gate signs the `approval` object it outputs, so that an Audit Emitter later in the same
 * execution can tell a decision the gate made from an `approval` field anybody could have written (a
 * webhook body mapped onto the item, a Set node, a Code node). The signature is an HMAC-SHA256 keyed
 * with the Governance Profile signing secret, which gate and emitter both read, over the execution id,
 * the gate's node id, the request id and the decision fields the audit event records.
 */
export const APPROVAL_ATTESTATION_DOMAIN = 'n8n-nodes-governance/approval-decision/v1';

/** The decision fields an attestation binds. */
export interface AttestedApproval {
	decision: string;
	approver: string;
	factor: string;
	decidedAt: string;
	requestId: string;
	/** The id of the Approval Gate node that decided. */
	gateNodeId: string;
}

function binding(executionId: string, approval: AttestedApproval): string {
	return JSON.stringify([
		APPROVAL_ATTESTATION_DOMAIN,
		executionId,
		approval.gateNodeId,
		approval.requestId,
		approval.decision,
		normalizeEmail(approval.approver),
		approval.factor,
		approval.decidedAt,
	]);
}

/** base64url HMAC over the decision, bound to this execution and gate node. */
export function signApprovalDecision(secret: string, executionId: string, approval: AttestedApproval): string {
	return createHmac('sha256', secret).update(binding(executionId, approval)).digest('base64url');
}

/** Why an `approval` object is not accepted as a decision. */
export type AttestationFailure = 'unsigned' | 'incomplete' | 'bad_signature';

/** Result of {@link verifyApprovalDecision}. */
export type AttestationCheck = { verified: true } | { verified: false; reason: AttestationFailure };

const text = (value: unknown): value is string => typeof value === 'string' && value !== '';

/**
 * Whether `approval` (an item's `approval` field) was signed by an Approval Gate of execution
 * `executionId` with `secret`. Total: any shape is answered, never thrown on.
 */
export function verifyApprovalDecision(secret: string, executionId: string, approval: unknown): AttestationCheck {
	if (approval === null || typeof approval !== 'object') return { verified: false, reason: 'unsigned' };
	const a = approval as Record<string, unknown>;
	if (!text(a.signature)) return { verified: false, reason: 'unsigned' };
	const fields = [a.decision, a.approver, a.factor, a.decidedAt, a.requestId, a.gateNodeId];
	if (!fields.every(text) || !text(secret) || !text(executionId)) return { verified: false, reason: 'incomplete' };
	const expected = Buffer.from(signApprovalDecision(secret, executionId, a as unknown as AttestedApproval));
	const given = Buffer.from(a.signature);
	if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { verified: false, reason: 'bad_signature' };
	return { verified: true };
}
