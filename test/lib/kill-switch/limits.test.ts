import { GovernanceError } from '../../../lib/errors/governance-error';
import type { ExecutionWindowState } from '../../../lib/kill-switch/limits';
import { checkExecutionsPerWindow, checkItemsPerExecution, checkRunsPerExecution, checkSpendBudget, sumNumericField } from '../../../lib/kill-switch/limits';

const NOW = Date.UTC(2025, 5, 1, 8, 0, 0);
const MINUTE = 60_000;

describe('checkItemsPerExecution', () => {
	test.each([
		// exactly N items pass
		[0, 10, 10, true],
		// N+1 trips
		[0, 11, 10, false],
		// cumulative: 6 already + 4 = 10 passes
		[6, 4, 10, true],
		// cumulative: 6 + 5 trips
		[6, 5, 10, false],
		// zero limit, zero items
		[0, 0, 0, true],
		// zero limit, one item
		[0, 1, 0, false],
	])('when %i passed, %i incoming and max %i then ok=%p', (passed, incoming, maxItems, ok) => {
		const state = { passed };
		const result = checkItemsPerExecution({ state, incoming, maxItems, now: NOW });
		expect(result.ok).toBe(ok);
		expect(result.state).toEqual({ passed: ok ? passed + incoming : passed });
		expect(result.state).not.toBe(state);
		expect(state).toEqual({ passed });
		if (!ok) expect(result.trip).toMatchObject({ switch: 'max-items-per-execution', source: 'limit', trippedAt: '2025-06-01T08:00:00.000Z' });
	});
});

describe('checkRunsPerExecution', () => {
	test.each([
		// run indexes 0..2 pass with maxRuns 3
		[0, 3, true],
		[2, 3, true],
		// run index 3 = 4th run trips
		[3, 3, false],
		[10, 3, false],
		// maxRuns 0 trips immediately
		[0, 0, false],
	])('when runIndex %i and maxRuns %i then ok=%p', (runIndex, maxRuns, ok) => {
		const result = checkRunsPerExecution({ runIndex, maxRuns, now: NOW });
		expect(result.ok).toBe(ok);
		expect(result.trip === undefined).toBe(ok);
	});
});

describe('checkExecutionsPerWindow', () => {
	function run(mode: 'sliding' | 'fixed', times: number[], max: number, windowMs = MINUTE) {
		let state: unknown;
		return times.map((now) => {
			const result = checkExecutionsPerWindow({ state, mode, windowMs, maxExecutions: max, now });
			state = result.state;
			return result;
		});
	}

	test.each(['sliding', 'fixed'] as const)('when %s with max 3 then executions 1-3 pass and the 4th trips', (mode) => {
		const start = Math.floor(NOW / MINUTE) * MINUTE;
		const results = run(mode, [start, start + 1, start + 2, start + 3], 3);
		expect(results.map((r) => r.ok)).toEqual([true, true, true, false]);
		expect(results[3].trip).toMatchObject({ switch: 'max-executions-per-window', source: 'limit' });
	});

	test.each([
		// oldest stamp exactly windowMs ago no longer counts
		[MINUTE, true],
		// one ms less: still counts
		[MINUTE - 1, false],
	])('when sliding and the oldest of 2 executions is %i ms old then the 3rd (max 2) ok=%p', (age, ok) => {
		const state: ExecutionWindowState = { mode: 'sliding', timestamps: [NOW - age, NOW - 10] };
		expect(checkExecutionsPerWindow({ state, mode: 'sliding', windowMs: MINUTE, maxExecutions: 2, now: NOW }).ok).toBe(ok);
	});

	test('when fixed and a new window starts then the count resets', () => {
		const start = Math.floor(NOW / MINUTE) * MINUTE;
		const results = run('fixed', [start, start + 1, start + MINUTE - 1, start + MINUTE], 2);
		expect(results.map((r) => r.ok)).toEqual([true, true, false, true]);
		expect(results[3].state).toEqual({ mode: 'fixed', windowStart: start + MINUTE, count: 1 });
	});

	test('when tripped then the refused execution is not recorded and input state is not mutated', () => {
		const state: ExecutionWindowState = { mode: 'sliding', timestamps: [NOW - 2, NOW - 1] };
		const result = checkExecutionsPerWindow({ state, mode: 'sliding', windowMs: MINUTE, maxExecutions: 2, now: NOW });
		expect(result.ok).toBe(false);
		expect(result.state).toEqual({ mode: 'sliding', timestamps: [NOW - 2, NOW - 1] });
		expect(result.state).not.toBe(state);
		expect(state.timestamps).toHaveLength(2);
	});

	test('when the stored list is huge then it is bounded by the limit', () => {
		const state = { mode: 'sliding', timestamps: Array.from({ length: 5000 }, (_, i) => NOW - i) };
		const result = checkExecutionsPerWindow({ state, mode: 'sliding', windowMs: MINUTE, maxExecutions: 100, now: NOW });
		expect((result.state as { timestamps: number[] }).timestamps.length).toBeLessThanOrEqual(100);
	});

	test.each([
		// garbage
		['garbage'],
		// wrong mode
		[{ mode: 'fixed', windowStart: 0, count: 5 }],
		// non-numeric stamps
		[{ mode: 'sliding', timestamps: ['x', null, NaN] }],
	])('when the stored state is corrupt (%p) then a fresh window is used', (state) => {
		expect(checkExecutionsPerWindow({ state, mode: 'sliding', windowMs: MINUTE, maxExecutions: 1, now: NOW })).toMatchObject({ ok: true, state: { mode: 'sliding', timestamps: [NOW] } });
	});

	test.each([
		// negative limit
		[{ maxExecutions: -1, windowMs: MINUTE }],
		// fractional limit
		[{ maxExecutions: 1.5, windowMs: MINUTE }],
		// zero window
		[{ maxExecutions: 1, windowMs: 0 }],
		// sliding too large
		[{ maxExecutions: 10001, windowMs: MINUTE }],
	])('when configured with %p then it throws a GovernanceError', (overrides) => {
		expect(() => checkExecutionsPerWindow({ mode: 'sliding', now: NOW, ...overrides })).toThrow(GovernanceError);
	});
});

describe('checkSpendBudget', () => {
	const DAY = 24 * 3600 * 1000;
	const dayStart = Math.floor(NOW / DAY) * DAY;

	test.each([
		// reaching the cap exactly passes
		[90, 10, 100, true, 100],
		// one unit over trips
		[90, 11, 100, false, 90],
		// already at cap, zero more passes
		[100, 0, 100, true, 100],
		// already at cap, anything more trips
		[100, 0.01, 100, false, 100],
		// float sums: 0.1 + 0.2 fits a 0.3 cap
		[0.1, 0.2, 0.3, true, 0.1 + 0.2],
	])('when %p spent, %p more and cap %p then ok=%p and spent becomes %p', (spent, amount, cap, ok, after) => {
		const state = { windowStart: dayStart, spent };
		const result = checkSpendBudget({ state, amount, cap, windowMs: DAY, now: NOW });
		expect(result.ok).toBe(ok);
		expect(result.state).toEqual({ windowStart: dayStart, spent: after });
		expect(state.spent).toBe(spent);
		if (!ok) expect(result.trip).toMatchObject({ switch: 'spend-budget-per-window', source: 'limit' });
	});

	test('when a new window starts then spend resets', () => {
		const result = checkSpendBudget({ state: { windowStart: dayStart - DAY, spent: 1000 }, amount: 5, cap: 100, windowMs: DAY, now: NOW });
		expect(result).toMatchObject({ ok: true, state: { windowStart: dayStart, spent: 5 } });
	});

	test.each([[-1], [NaN], [Infinity]])('when the amount is %p then it throws a GovernanceError', (amount) => {
		expect(() => checkSpendBudget({ amount, cap: 1, windowMs: DAY, now: NOW })).toThrow(GovernanceError);
	});

	test.each([
		// numbers and numeric strings
		[[{ cost: 1.5 }, { cost: '2.5' }], 'cost', {}, 4],
		// nested path
		[[{ usage: { usd: 0.25 } }, { usage: { usd: 0.75 } }], 'usage.usd', {}, 1],
		// missing counted as zero when asked
		[[{ cost: 1 }, {}], 'cost', { missing: 'zero' as const }, 1],
		// an index (either form) and a quoted key
		[[{ lines: [{ usd: 2 }] }, { lines: [{ usd: 3 }] }], 'lines.0.usd', {}, 5],
		[[{ lines: [{ usd: 2 }] }], 'lines[0].usd', {}, 2],
		[[{ usage: { 'total tokens': 7 } }], 'usage["total tokens"]', {}, 7],
	])('when summing %p at %s then the total is %p', (records, path, options, total) => {
		expect(sumNumericField(records, path, options)).toBeCloseTo(total);
	});

	test.each([
		// missing field (default is an error)
		[[{ cost: 1 }, {}]],
		// negative
		[[{ cost: -1 }]],
		// text
		[[{ cost: 'ten' }]],
		// object
		[[{ cost: { usd: 1 } }]],
	])('when summing %p then it throws a GovernanceError', (records) => {
		expect(() => sumNumericField(records, 'cost')).toThrow(GovernanceError);
	});

	test('when the spend path is invalid or has "*" then it throws saying why', () => {
		expect(() => sumNumericField([{ cost: 1 }], 'usage..cost')).toThrow(/two dots in a row/);
		expect(() => sumNumericField([{ cost: 1 }], 'lines.*.usd')).toThrow(/matches many values/);
	});
});
