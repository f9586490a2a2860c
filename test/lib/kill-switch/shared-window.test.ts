import { GovernanceError } from '../../../lib/errors/governance-error';
import { planRun } from '../../../lib/kill-switch/run-plan';
import type { RunLimits } from '../../../lib/kill-switch/run-plan';
import { DataTableWindowStore, decideShared } from '../../../lib/kill-switch/shared-window';
import { fakeDataTable } from '../../helpers/fake-data-table';

const NOW = Date.UTC(2025, 5, 1, 8, 0, 0);
const noWait = async () => {};

/** One execution's Kill Switch decision against the shared store; true when it passed. */
async function execution(store: DataTableWindowStore, limits: RunLimits, record: unknown, id: string): Promise<boolean> {
	const plan = await decideShared(
		store,
		(stored) => {
			const planned = planRun({ now: NOW, runIndex: 0, records: [record], switchOutcome: () => undefined, limits, stored });
			return { write: planned.passedCount > 0 ? planned.stored : undefined, result: planned };
		},
		{ writer: id, wait: noWait },
	);
	return plan.passedCount === 1;
}

describe.each(['postgres', 'sqlite'] as const)('window limits in a shared data table (%s semantics)', (engine) => {
	test.each([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])('a burst of 20 concurrent executions against a limit of 3 lets exactly 3 through (seed %i)', async (seed) => {
		const { api } = fakeDataTable({ engine, seed });
		const limits: RunLimits = { executionsPerWindow: { max: 3, windowMs: 60_000, mode: 'sliding' } };
		const results = await Promise.all(Array.from({ length: 20 }, async (_, i) => await execution(new DataTableWindowStore(api, 'tbl1', 'wf:node'), limits, {}, `e${i}`)));
		expect(results.filter(Boolean)).toHaveLength(3);
	});

	test('a spend cap of 100 holds under a concurrent burst of 60 + 40 + 1 + 30', async () => {
		const { api } = fakeDataTable({ engine, seed: 9 });
		const limits: RunLimits = { spendBudget: { path: 'cost', cap: 100, windowMs: 86_400_000, missingAsZero: false } };
		const costs = [60, 40, 1, 30];
		const results = await Promise.all(costs.map(async (cost, i) => await execution(new DataTableWindowStore(api, 'tbl1', 'wf:node'), limits, { cost }, `e${i}`)));
		const spent = costs.filter((_, i) => results[i]).reduce((a, b) => a + b, 0);
		expect(spent).toBeLessThanOrEqual(100);
		expect(spent).toBeGreaterThanOrEqual(70);
	});

	test('two nodes (keys) count separately, and a key created twice at once still counts once', async () => {
		const { api, rows } = fakeDataTable({ engine, seed: 3 });
		const limits: RunLimits = { executionsPerWindow: { max: 2, windowMs: 60_000, mode: 'fixed' } };
		const a = await Promise.all([0, 1, 2, 3].map(async (i) => await execution(new DataTableWindowStore(api, 'tbl1', 'wf:a'), limits, {}, `a${i}`)));
		const b = await Promise.all([0, 1, 2].map(async (i) => await execution(new DataTableWindowStore(api, 'tbl1', 'wf:b'), limits, {}, `b${i}`)));
		expect(a.filter(Boolean)).toHaveLength(2);
		expect(b.filter(Boolean)).toHaveLength(2);
		expect(new Set(rows.map((r) => r.key))).toEqual(new Set(['wf:a', 'wf:b']));
	});
});

describe('the shared store fails closed', () => {
	test('a key without dataTableRow:update stops the decision, naming the scope', async () => {
		const { api } = fakeDataTable({ engine: 'postgres', scopes: ['dataTableRow:read', 'dataTableRow:create'] });
		const limits: RunLimits = { executionsPerWindow: { max: 3, windowMs: 60_000, mode: 'sliding' } };
		await expect(execution(new DataTableWindowStore(api, 'tbl1', 'k'), limits, {}, 'e1')).rejects.toThrow(/lacks the scope dataTableRow:update/);
	});

	test('a run that keeps losing the race halts after the last attempt instead of passing uncounted', async () => {
		const { api } = fakeDataTable({ engine: 'postgres' });
		const store = new DataTableWindowStore(api, 'tbl1', 'k');
		let other = 0;
		const error = await decideShared(
			store,
			() => {
				// another writer moves the row on between every read and write
				void new DataTableWindowStore(api, 'tbl1', 'k').read('other').then(async (w) => await store.swap(w, { executions: other++ }, `other${other}`));
				return { write: { executions: 'mine' }, result: true };
			},
			{ writer: 'me', wait: async () => await new Promise((r) => setImmediate(r)), maxAttempts: 3 },
		).catch((e: unknown) => e);
		if (error === true) return; // the other writer lost every race: nothing to assert about retries
		expect(error).toBeInstanceOf(GovernanceError);
		expect((error as GovernanceError).message).toMatch(/changed under this run 3 times/);
	});

	test('a table id that is not an id is refused', () => {
		const { api } = fakeDataTable({ engine: 'postgres' });
		expect(() => new DataTableWindowStore(api, '../x', 'k')).toThrow(/not a data table id/);
	});
});
