import { GovernanceError } from '../../../lib/errors/governance-error';
import type { KillSwitchOutcome } from '../../../lib/kill-switch/evaluate';
import { evaluateKillSwitch } from '../../../lib/kill-switch/evaluate';
import type { PlanRunInput } from '../../../lib/kill-switch/run-plan';
import { planRun } from '../../../lib/kill-switch/run-plan';

const NOW = Date.UTC(2026, 0, 5, 9, 30, 0);
const HOUR = 3_600_000;
const records = (n: number, json: (i: number) => unknown = () => ({})) => Array.from({ length: n }, (_, i) => json(i));
const base = (over: Partial<PlanRunInput>): PlanRunInput => ({ now: NOW, runIndex: 0, records: records(1), switchOutcome: () => undefined, limits: {}, ...over });
const tripped = (plan: ReturnType<typeof planRun>) => plan.decisions.map((d) => d.trip?.switch ?? 'pass');

describe('planRun: loop guard', () => {
	test.each([
		// run indexes 0..N-1 pass
		[0, 3, 'pass'],
		[2, 3, 'pass'],
		// the (N+1)-th run trips
		[3, 3, 'max-runs-per-execution'],
		// a limit of 0 stops the first run
		[0, 0, 'max-runs-per-execution'],
	])('when run index %i meets Max Runs %i then the items are %s', (runIndex, maxRunsPerExecution, expected) => {
		const plan = planRun(base({ runIndex, records: records(2), limits: { maxRunsPerExecution } }));
		expect(tripped(plan)).toEqual([expected, expected]);
		if (expected !== 'pass') {
			expect(plan.decisions[0].message).toBe(
				`Limit "max-runs-per-execution" reached: This node ran ${runIndex + 1} times in one execution; the limit is ${maxRunsPerExecution}. A loop may not terminate.`,
			);
		}
	});
});

describe('planRun: items per execution', () => {
	test('when 10 items arrive with a limit of 10 then all pass, and the 11th in a later run halts', () => {
		const first = planRun(base({ records: records(10), limits: { maxItemsPerExecution: 10 } }));
		expect(first.passedCount).toBe(10);
		expect(first.execution.itemsPassed).toBe(10);
		const second = planRun(base({ runIndex: 1, records: records(1), limits: { maxItemsPerExecution: 10 }, execution: first.execution }));
		expect(tripped(second)).toEqual(['max-items-per-execution']);
		expect(second.decisions[0].trip?.reason).toBe('Item 1 of this run would be item 11 to pass in this execution; the limit is 10.');
	});

	test('when 4 passed and 8 arrive with a limit of 10 then exactly 6 pass, in order', () => {
		const plan = planRun(base({ records: records(8), limits: { maxItemsPerExecution: 10 }, execution: { itemsPassed: 4, windowCounted: false } }));
		expect(tripped(plan)).toEqual(['pass', 'pass', 'pass', 'pass', 'pass', 'pass', 'max-items-per-execution', 'max-items-per-execution']);
		expect(plan.execution.itemsPassed).toBe(10);
	});

	test('when the input state is given then it is never mutated', () => {
		const execution = { itemsPassed: 1, windowCounted: false };
		const stored = { spend: { windowStart: 0, spent: 0 } };
		planRun(base({ records: records(2), limits: { maxItemsPerExecution: 5 }, execution, stored }));
		expect(execution).toEqual({ itemsPassed: 1, windowCounted: false });
		expect(stored).toEqual({ spend: { windowStart: 0, spent: 0 } });
	});
});

describe('planRun: executions per window', () => {
	const limits = { executionsPerWindow: { max: 2, windowMs: HOUR, mode: 'sliding' as const } };

	test('when 2 executions ran in the window then the third halts, and a second run of a counted execution is not counted again', () => {
		const one = planRun(base({ limits }));
		const two = planRun(base({ limits, stored: one.stored }));
		const again = planRun(base({ limits, stored: two.stored, runIndex: 1, execution: two.execution }));
		expect(tripped(again)).toEqual(['pass']);
		const three = planRun(base({ limits, stored: two.stored }));
		expect(tripped(three)).toEqual(['max-executions-per-window']);
		expect(three.decisions[0].message).toBe('Limit "max-executions-per-window" reached: 2 executions already ran in the last 3600 s; the limit is 2.');
	});

	test('when the switch halts every item then the execution is not counted in the window', () => {
		const on = evaluateKillSwitch({ resolution: { value: true }, switchName: 'halt', sourceName: 'Unleash', flagKey: 'halt', now: NOW });
		const plan = planRun(base({ limits, switchOutcome: () => on }));
		expect(plan.passedCount).toBe(0);
		expect(plan.stored.executions).toBeUndefined();
		expect(plan.execution.windowCounted).toBe(false);
	});
});

describe('planRun: spend budget', () => {
	const limits = { spendBudget: { path: 'usage.tokens', cap: 100, windowMs: 86_400_000, missingAsZero: false } };

	test('when items sum exactly to the cap then they pass, and the next item over it halts', () => {
		const plan = planRun(base({ records: [{ usage: { tokens: 60 } }, { usage: { tokens: 40 } }, { usage: { tokens: 1 } }], limits }));
		expect(tripped(plan)).toEqual(['pass', 'pass', 'spend-budget-per-window']);
		expect(plan.stored.spend).toMatchObject({ spent: 100 });
		expect(plan.decisions[2].hint).toMatch(/Budget Cap/);
	});

	test.each([
		// missing field: spend unknown
		[{}],
		// not a number
		[{ usage: { tokens: 'lots' } }],
		// negative
		[{ usage: { tokens: -5 } }],
	])('when an item has unusable spend %j then it halts (its spend is unknown)', (record) => {
		const plan = planRun(base({ records: [record], limits }));
		expect(plan.decisions[0].trip?.reason).toBe('Item 1: spend field "usage.tokens" is missing or not a number of 0 or more, so its spend is unknown.');
	});

	test('when missing spend counts as zero then an item without the field passes', () => {
		const plan = planRun(base({ records: [{}], limits: { spendBudget: { ...limits.spendBudget, missingAsZero: true } } }));
		expect(tripped(plan)).toEqual(['pass']);
	});

	test('when the spend path is invalid then it is a configuration error', () => {
		expect(() => planRun(base({ limits: { spendBudget: { ...limits.spendBudget, path: '..' } } }))).toThrow(GovernanceError);
	});
});

describe('planRun: switch outcomes', () => {
	test('when the switch is on then every item halts with message, hint and trip', () => {
		const on = evaluateKillSwitch({ resolution: { value: true, reason: 'Outage' }, switchName: 'ai-halt', sourceName: 'Unleash', flagKey: 'ai-halt', now: NOW });
		const plan = planRun(base({ records: records(2), switchOutcome: () => on }));
		expect(plan.decisions[1]).toEqual({
			trip: { switch: 'ai-halt', source: 'Unleash', reason: 'Outage', trippedAt: '2026-01-05T09:30:00.000Z' },
			message: 'Kill switch "ai-halt" is ON (Unleash flag "ai-halt" is true): the workflow is halted. Reason: Outage.',
			hint: 'To resume, set the flag to false in Unleash.',
		});
	});

	test('when the source failed and the node fails open then items pass and one note is kept', () => {
		const open: KillSwitchOutcome = evaluateKillSwitch({ resolution: { errorCode: 'TIMEOUT' }, onError: 'continue', switchName: 's', sourceName: 'OFREP', now: NOW });
		const plan = planRun(base({ records: records(3), switchOutcome: () => open }));
		expect(plan.passedCount).toBe(3);
		expect(plan.notes).toHaveLength(1);
		expect(plan.notes[0]).toMatch(/fail open/);
	});

	test('when the loop guard trips then the switch is not consulted for those items', () => {
		const outcome = jest.fn(() => undefined);
		planRun(base({ runIndex: 5, limits: { maxRunsPerExecution: 1 }, switchOutcome: outcome }));
		expect(outcome).not.toHaveBeenCalled();
	});
});
