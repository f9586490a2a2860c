import type { ApprovalDecision } from '../../../lib/approval/decision';
import { evaluateQuorum } from '../../../lib/approval/quorum';
import { GovernanceError } from '../../../lib/errors/governance-error';

const vote = (approver: string, decision: 'approved' | 'rejected' = 'approved', requestId = 'req-1'): ApprovalDecision => ({
	decision,
	approver,
	factor: 'link',
	comment: '',
	decidedAt: '2025-01-01T00:00:00.000Z',
	requestId,
	requestedBy: 'carol@example.com',
});

describe('evaluateQuorum (two-person rule)', () => {
	test.each([
		// no votes yet
		[[], 2, 'pending', 2],
		// one approval of two
		[[vote('a@x.io')], 2, 'pending', 1],
		// two distinct approvals
		[[vote('a@x.io'), vote('b@x.io')], 2, 'approved', 0],
		// same person twice, different case: counted once
		[[vote('a@x.io'), vote('A@X.io')], 2, 'pending', 1],
		// requester approving does not count
		[[vote('a@x.io'), vote('carol@example.com')], 2, 'pending', 1],
		// vote for another request does not count
		[[vote('a@x.io'), vote('b@x.io', 'approved', 'req-2')], 2, 'pending', 1],
		// any rejection vetoes
		[[vote('a@x.io'), vote('b@x.io', 'rejected')], 2, 'rejected', 0],
		// a rejection after quorum still rejects (all votes are evaluated)
		[[vote('a@x.io'), vote('b@x.io'), vote('c@x.io', 'rejected')], 2, 'rejected', 0],
		// a duplicate approver cannot flip their vote to reject
		[[vote('a@x.io'), vote('a@x.io', 'rejected')], 2, 'pending', 1],
		// single approval rule
		[[vote('a@x.io')], 1, 'approved', 0],
	])('when votes are %p and %i required then status is %s with %i remaining', (votes, required, status, remaining) => {
		const result = evaluateQuorum({ votes: votes as ApprovalDecision[], required, requestId: 'req-1', requestedBy: 'Carol@example.com' });
		expect(result.status).toBe(status);
		expect(result.remaining).toBe(remaining);
	});

	test('when votes are ignored then the reasons are reported', () => {
		const result = evaluateQuorum({ votes: [vote('a@x.io'), vote('a@x.io'), vote('carol@example.com')], required: 2, requestId: 'req-1', requestedBy: 'carol@example.com' });
		expect(result.ignored).toEqual([
			{ approver: 'a@x.io', reason: 'duplicate_approver' },
			{ approver: 'carol@example.com', reason: 'self_approval' },
		]);
	});

	test.each([[0], [11], [1.5]])('when required is %p then it throws a GovernanceError', (required) => {
		expect(() => evaluateQuorum({ votes: [], required, requestId: 'r' })).toThrow(GovernanceError);
	});
});
