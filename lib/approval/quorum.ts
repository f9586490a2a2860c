import { GovernanceError, GovernanceErrorCode } from '../errors/governance-error';
import { normalizeEmail } from './approval-request';
import type { ApprovalDecision } from './decision';

/** Why a vote did not count. */
export type IgnoredVoteReason = 'duplicate_approver' | 'self_approval' | 'other_request';

/** Outcome of {@link evaluateQuorum}. */
export interface QuorumResult {
	status: 'approved' | 'rejected' | 'pending';
	/** Distinct approvers whose approval counted, in vote order. */
	approvals: string[];
	rejections: string[];
	/** Approvals still needed (0 when decided). */
	remaining: number;
	ignored: Array<{ approver: string; reason: IgnoredVoteReason }>;
}

/** Input of {@link evaluateQuorum}. Votes come from data passed in (e.g. earlier decisions), never from memory. */
export interface QuorumInput {
	votes: readonly ApprovalDecision[];
	/** Distinct approvals needed, 1..10 (2 = two-person rule). */
	required: number;
	requestId: string;
	/** Approvals by the requester never count. */
	requestedBy?: string;
}

/**
 * Vote rules, applied in order to each vote; the first matching rule ignores the vote.
 * One rejection by a counted approver rejects the request (veto).
 */
export const QUORUM_VOTE_RULES: ReadonlyArray<{
	reason: IgnoredVoteReason;
	applies: (vote: ApprovalDecision, ctx: { requestId: string; requestedBy: string; seen: ReadonlySet<string> }) => boolean;
}> = [
	{ reason: 'other_request', applies: (vote, ctx) => vote.requestId !== ctx.requestId },
	{ reason: 'duplicate_approver', applies: (vote, ctx) => ctx.seen.has(normalizeEmail(vote.approver)) },
	{ reason: 'self_approval', applies: (vote, ctx) => vote.decision === 'approved' && ctx.requestedBy !== '' && normalizeEmail(vote.approver) === ctx.requestedBy },
];

/** Decides an N-distinct-approvers rule from prior votes. The first vote of each approver counts. */
export function evaluateQuorum(input: QuorumInput): QuorumResult {
	if (!Number.isInteger(input.required) || input.required < 1 || input.required > 10) {
		throw new GovernanceError(GovernanceErrorCode.InvalidConfiguration, `Required approvals must be a whole number from 1 to 10 (got ${String(input.required)}).`);
	}
	const ctx = { requestId: input.requestId, requestedBy: normalizeEmail(input.requestedBy ?? ''), seen: new Set<string>() };
	const approvals: string[] = [];
	const rejections: string[] = [];
	const ignored: QuorumResult['ignored'] = [];
	for (const vote of input.votes) {
		const approver = normalizeEmail(vote.approver);
		const rule = QUORUM_VOTE_RULES.find((r) => r.applies(vote, ctx));
		if (rule !== undefined) {
			ignored.push({ approver, reason: rule.reason });
			continue;
		}
		ctx.seen.add(approver);
		(vote.decision === 'approved' ? approvals : rejections).push(approver);
	}
	if (rejections.length > 0) return { status: 'rejected', approvals, rejections, remaining: 0, ignored };
	const remaining = Math.max(0, input.required - approvals.length);
	return { status: remaining === 0 ? 'approved' : 'pending', approvals, rejections, remaining, ignored };
}
