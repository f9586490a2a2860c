import { GovernanceError, GovernanceErrorCode } from '../errors/governance-error';
import type { KillSwitchTrip } from './evaluate';
import { parseSinglePath, readPath } from '../shared/path';

/** A limit trip. `switch` names the limit. */
export interface LimitTrip extends KillSwitchTrip {
	source: 'limit';
}

/** Result of every limit check: a NEW state object (input never mutated) and a trip when over the limit. */
export interface LimitResult<S> {
	ok: boolean;
	state: S;
	trip?: LimitTrip;
}

/** Limit names (the `switch` of a trip) and their explanations. */
export const LIMITS = {
	itemsPerExecution: { name: 'max-items-per-execution', unit: 'items' },
	runsPerExecution: { name: 'max-runs-per-execution', unit: 'runs of this node' },
	executionsPerWindow: { name: 'max-executions-per-window', unit: 'executions' },
	spendPerWindow: { name: 'spend-budget-per-window', unit: 'spend' },
} as const;

/** Largest sliding-window size: the timestamp list never grows beyond it. */
export const MAX_SLIDING_WINDOW_EXECUTIONS = 10000;

function config(message: string): GovernanceError {
	return new GovernanceError(GovernanceErrorCode.InvalidConfiguration, message, { hint: 'Use a whole number of 0 or more.' });
}

function wholeNumber(value: number, name: string): number {
	if (!Number.isSafeInteger(value) || value < 0) throw config(`"${name}" must be a whole number of 0 or more (got ${String(value)}).`);
	return value;
}

function positive(value: number, name: string): number {
	if (!Number.isFinite(value) || value <= 0) throw config(`"${name}" must be greater than 0 (got ${String(value)}).`);
	return value;
}

function finiteNonNegative(value: unknown): number {
	return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : 0;
}

function trip(limit: keyof typeof LIMITS, reason: string, now: number): LimitTrip {
	return { switch: LIMITS[limit].name, source: 'limit', reason, trippedAt: new Date(now).toISOString() };
}

/** State of {@link checkItemsPerExecution} (keep it in the execution, not across executions). */
export interface ItemsState {
	passed: number;
}

/** Allows a batch while passed + incoming <= maxItems; a batch that would exceed it trips and is not counted. */
export function checkItemsPerExecution(input: { state?: ItemsState; incoming: number; maxItems: number; now: number }): LimitResult<ItemsState> {
	const max = wholeNumber(input.maxItems, 'Max Items per Execution');
	const incoming = wholeNumber(input.incoming, 'incoming items');
	const passed = finiteNonNegative(input.state?.passed);
	if (passed + incoming > max) {
		return {
			ok: false,
			state: { passed },
			trip: trip('itemsPerExecution', `${passed + incoming} items would pass this execution; the limit is ${max}.`, input.now),
		};
	}
	return { ok: true, state: { passed: passed + incoming } };
}

/** State of {@link checkRunsPerExecution}. */
export interface RunsState {
	runs: number;
}

/** Loop guard: run index is 0-based, so runs 0..maxRuns-1 pass and runIndex >= maxRuns trips. */
export function checkRunsPerExecution(input: { runIndex: number; maxRuns: number; now: number }): LimitResult<RunsState> {
	const max = wholeNumber(input.maxRuns, 'Max Runs per Execution');
	const runIndex = wholeNumber(input.runIndex, 'run index');
	if (runIndex >= max) {
		return {
			ok: false,
			state: { runs: runIndex + 1 },
			trip: trip('runsPerExecution', `This node ran ${runIndex + 1} times in one execution; the limit is ${max}. A loop may not terminate.`, input.now),
		};
	}
	return { ok: true, state: { runs: runIndex + 1 } };
}

/** Window state for {@link checkExecutionsPerWindow}; JSON-serialisable for workflow static data. */
export type ExecutionWindowState = { mode: 'sliding'; timestamps: number[] } | { mode: 'fixed'; windowStart: number; count: number };

/**
 * Counts executions per window. Sliding: timestamps with `now - t < windowMs` count (list bounded by
 * the limit). Fixed: windows aligned to multiples of windowMs since the epoch. With maxExecutions N,
 * the N-th execution passes and the N+1-th trips; tripped executions are not counted. Call it once per
 * execution (run index 0). Corrupt state is replaced by an empty window.
 */
export function checkExecutionsPerWindow(input: {
	state?: unknown;
	mode: 'sliding' | 'fixed';
	windowMs: number;
	maxExecutions: number;
	now: number;
}): LimitResult<ExecutionWindowState> {
	const max = wholeNumber(input.maxExecutions, 'Max Executions per Window');
	const windowMs = positive(input.windowMs, 'Window');
	const { now } = input;
	const seconds = Math.round(windowMs / 1000);
	if (input.mode === 'sliding') {
		if (max > MAX_SLIDING_WINDOW_EXECUTIONS) throw config(`A sliding window allows at most ${MAX_SLIDING_WINDOW_EXECUTIONS} executions; use a fixed window.`);
		const previous = input.state as { mode?: unknown; timestamps?: unknown } | undefined;
		const stamps = previous?.mode === 'sliding' && Array.isArray(previous.timestamps) ? previous.timestamps : [];
		const live = stamps.filter((t): t is number => typeof t === 'number' && Number.isFinite(t) && now - t < windowMs).slice(-Math.max(max, 1));
		if (live.length >= max) {
			return {
				ok: false,
				state: { mode: 'sliding', timestamps: live },
				trip: trip('executionsPerWindow', `${max} executions already ran in the last ${seconds} s; the limit is ${max}.`, now),
			};
		}
		return { ok: true, state: { mode: 'sliding', timestamps: [...live, now] } };
	}
	const windowStart = Math.floor(now / windowMs) * windowMs;
	const previous = input.state as { mode?: unknown; windowStart?: unknown; count?: unknown } | undefined;
	const count = previous?.mode === 'fixed' && previous.windowStart === windowStart ? finiteNonNegative(previous.count) : 0;
	if (count >= max) {
		return {
			ok: false,
			state: { mode: 'fixed', windowStart, count },
			trip: trip('executionsPerWindow', `${count} executions already ran in this ${seconds} s window; the limit is ${max}.`, now),
		};
	}
	return { ok: true, state: { mode: 'fixed', windowStart, count: count + 1 } };
}

/** Spend state for {@link checkSpendBudget} (fixed windows aligned to multiples of windowMs). */
export interface SpendState {
	windowStart: number;
	spent: number;
}

/**
 * Adds `amount` to the spend of the current fixed window. Total == cap passes; total > cap trips and
 * the amount is not recorded. Float sums are compared with a tiny tolerance so 0.1 + 0.2 fits a 0.3 cap.
 */
export function checkSpendBudget(input: { state?: unknown; amount: number; cap: number; windowMs: number; now: number }): LimitResult<SpendState> {
	const windowMs = positive(input.windowMs, 'Budget Window');
	if (!Number.isFinite(input.cap) || input.cap < 0) throw config(`"Budget Cap" must be 0 or more (got ${String(input.cap)}).`);
	if (!Number.isFinite(input.amount) || input.amount < 0) {
		throw new GovernanceError(GovernanceErrorCode.InvalidInput, `Spend amount must be 0 or more (got ${String(input.amount)}).`);
	}
	const windowStart = Math.floor(input.now / windowMs) * windowMs;
	const previous = input.state as { windowStart?: unknown; spent?: unknown } | undefined;
	const spent = previous?.windowStart === windowStart ? finiteNonNegative(previous.spent) : 0;
	const total = spent + input.amount;
	if (total - input.cap > 1e-9 * Math.max(1, Math.abs(input.cap))) {
		return {
			ok: false,
			state: { windowStart, spent },
			trip: trip('spendPerWindow', `Spend would reach ${round(total)} in this window; the cap is ${input.cap}.`, input.now),
		};
	}
	return { ok: true, state: { windowStart, spent: total } };
}

function round(value: number): number {
	return Math.round(value * 1e6) / 1e6;
}

/**
 * Sums a numeric field over records (e.g. items' json). Numbers and plain numeric strings count;
 * a missing field counts as 0 only with `missing: 'zero'`. Anything else throws GovernanceError(InvalidInput).
 */
export function sumNumericField(records: readonly unknown[], path: string | readonly string[], options: { missing?: 'zero' | 'error' } = {}): number {
	const segments = typeof path === 'string' ? parseSinglePath(path) : path;
	const label = typeof path === 'string' ? path : path.join('.');
	let total = 0;
	records.forEach((record, index) => {
		const found = readPath(record, segments);
		if (!found.found || found.value === null || found.value === undefined) {
			if (options.missing === 'zero') return;
			throw new GovernanceError(GovernanceErrorCode.InvalidInput, `Item ${index} has no spend field "${label}".`, {
				hint: 'Fix the field path, or choose to count a missing field as 0.',
			});
		}
		const raw = found.value;
		const value = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(raw) ? Number(raw) : NaN;
		if (!Number.isFinite(value) || value < 0) {
			throw new GovernanceError(GovernanceErrorCode.InvalidInput, `Item ${index} spend field "${label}" is not a number of 0 or more.`);
		}
		total += value;
	});
	return total;
}
