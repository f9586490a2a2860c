import { isGovernanceError } from '../errors/governance-error';
import type { KillSwitchOutcome, KillSwitchTrip } from './evaluate';
import { parseSinglePath } from '../shared/path';
import type { LimitTrip } from './limits';
import { LIMITS, checkExecutionsPerWindow, checkItemsPerExecution, checkRunsPerExecution, checkSpendBudget, sumNumericField } from './limits';

/** Limits configured on a Kill Switch node; each one is off when absent. */
export interface RunLimits {
	maxItemsPerExecution?: number;
	maxRunsPerExecution?: number;
	executionsPerWindow?: { max: number; windowMs: number; mode: 'sliding' | 'fixed' };
	spendBudget?: { path: string; cap: number; windowMs: number; missingAsZero: boolean };
}

/** State kept inside one execution (n8n: the node's execution context), never across executions. */
export interface ExecutionScopedState {
	itemsPassed: number;
	/** True once this execution was counted in the executions-per-window limit. */
	windowCounted: boolean;
}

/** State kept across executions (n8n: a row of the limit store, see shared-window.ts). JSON only. */
export interface WindowState {
	executions?: unknown;
	spend?: unknown;
}

/** What happens to one input item. */
export interface ItemDecision {
	trip?: KillSwitchTrip;
	/** What happened and why (for errors). */
	message?: string;
	/** How to fix or resume. */
	hint?: string;
}

/** Input of {@link planRun}. */
export interface PlanRunInput {
	now: number;
	/** 0-based run of this node in the execution. */
	runIndex: number;
	/** The item payloads (only read by the spend budget). */
	records: readonly unknown[];
	/** Switch outcome per item index; undefined means no switch (limits only). */
	switchOutcome: (itemIndex: number) => KillSwitchOutcome | undefined;
	limits: RunLimits;
	execution?: Partial<ExecutionScopedState>;
	stored?: WindowState;
}

/** Result of {@link planRun}: decisions plus the NEW states to keep if the node lets its passing items through. */
export interface RunPlan {
	decisions: ItemDecision[];
	passedCount: number;
	execution: ExecutionScopedState;
	stored: WindowState;
	/** Fail-open notes (source errors that did not halt), deduplicated. */
	notes: string[];
}

/** How to resume after each limit, keyed by limit name. */
export const LIMIT_HINTS: Readonly<Record<string, string>> = {
	[LIMITS.itemsPerExecution.name]: 'Send fewer items per execution (batch them), or raise "Max Items per Execution" under Limits.',
	[LIMITS.runsPerExecution.name]:
		'Check the loop that leads back to this node for a missing exit condition, or raise "Max Runs per Execution" under Limits.',
	[LIMITS.executionsPerWindow.name]:
		'Wait for the window to pass, or raise "Max Executions per Window" under Limits. The count lives in the limit store (an n8n data table).',
	[LIMITS.spendPerWindow.name]:
		'Wait for the next budget window, or raise "Budget Cap" under Limits. The spend lives in the limit store (an n8n data table).',
};

function limitDecision(trip: LimitTrip): ItemDecision {
	return { trip, message: `Limit "${trip.switch}" reached: ${trip.reason}`, hint: LIMIT_HINTS[trip.switch] };
}

function switchDecision(outcome: KillSwitchOutcome): ItemDecision {
	const message = outcome.message;
	// evaluateKillSwitch writes "what happened. … To fix/resume: …" in one text; split the fix off for the description.
	const at = Math.max(message.lastIndexOf(' To fix: '), message.lastIndexOf(' To resume, set the flag'));
	return at > 0
		? { trip: outcome.tripped, message: message.slice(0, at), hint: message.slice(at + 1) }
		: { trip: outcome.tripped, message };
}

/**
 * Decides every item of one run of a Kill Switch node: loop guard, executions per window, the switch,
 * the item cap, then the spend budget. Pure: the input states are never mutated; the returned states count
 * only items that pass (a run where nothing passes is not counted in the executions window).
 * Throws GovernanceError (InvalidConfiguration) for unusable limit settings.
 */
export function planRun(input: PlanRunInput): RunPlan {
	const { now, limits } = input;
	const count = input.records.length;
	const decisions: ItemDecision[] = Array.from({ length: count }, () => ({}));
	const notes = new Set<string>();
	const execution: ExecutionScopedState = {
		itemsPassed: Number.isSafeInteger(input.execution?.itemsPassed) && (input.execution?.itemsPassed ?? 0) > 0 ? (input.execution?.itemsPassed as number) : 0,
		windowCounted: input.execution?.windowCounted === true,
	};
	const stored: WindowState = { ...(input.stored ?? {}) };
	const haltAll = (decision: ItemDecision) => decisions.forEach((_, i) => (decisions[i] = decision));

	let spendPath: string[] | undefined;
	if (limits.spendBudget !== undefined) spendPath = parseSinglePath(limits.spendBudget.path);

	if (limits.maxRunsPerExecution !== undefined) {
		const runs = checkRunsPerExecution({ runIndex: input.runIndex, maxRuns: limits.maxRunsPerExecution, now });
		if (runs.trip) haltAll(limitDecision(runs.trip));
	}

	let windowState: unknown;
	if (limits.executionsPerWindow !== undefined && !execution.windowCounted && count > 0) {
		const { max, windowMs, mode } = limits.executionsPerWindow;
		const window = checkExecutionsPerWindow({ state: stored.executions, mode, windowMs, maxExecutions: max, now });
		if (window.trip) {
			if (decisions.every((d) => d.trip === undefined)) haltAll(limitDecision(window.trip));
		} else windowState = window.state;
	}

	for (let i = 0; i < count; i++) {
		if (decisions[i].trip !== undefined) continue;
		const outcome = input.switchOutcome(i);
		if (outcome === undefined) continue;
		if (outcome.halt) decisions[i] = switchDecision(outcome);
		else if (outcome.errorCode !== undefined) notes.add(outcome.message);
	}

	let spendState: unknown = stored.spend;
	for (let i = 0; i < count; i++) {
		if (decisions[i].trip !== undefined) continue;
		if (limits.maxItemsPerExecution !== undefined) {
			const items = checkItemsPerExecution({ state: { passed: execution.itemsPassed }, incoming: 1, maxItems: limits.maxItemsPerExecution, now });
			if (items.trip) {
				const trip = { ...items.trip, reason: `Item ${i + 1} of this run would be item ${execution.itemsPassed + 1} to pass in this execution; the limit is ${limits.maxItemsPerExecution}.` };
				decisions[i] = limitDecision(trip);
				continue;
			}
		}
		if (limits.spendBudget !== undefined && spendPath !== undefined) {
			const { cap, windowMs, missingAsZero } = limits.spendBudget;
			let amount: number;
			try {
				amount = sumNumericField([input.records[i]], spendPath, { missing: missingAsZero ? 'zero' : 'error' });
			} catch (error) {
				if (!isGovernanceError(error)) throw error;
				const reason = `Item ${i + 1}: spend field "${limits.spendBudget.path}" is missing or not a number of 0 or more, so its spend is unknown.`;
				decisions[i] = limitDecision({ switch: LIMITS.spendPerWindow.name, source: 'limit', reason, trippedAt: new Date(now).toISOString() });
				continue;
			}
			const spend = checkSpendBudget({ state: spendState, amount, cap, windowMs, now });
			if (spend.trip) {
				decisions[i] = limitDecision(spend.trip);
				continue;
			}
			spendState = spend.state;
		}
		execution.itemsPassed += 1;
	}

	const passedCount = decisions.filter((d) => d.trip === undefined).length;
	if (passedCount > 0 && windowState !== undefined) {
		stored.executions = windowState;
		execution.windowCounted = true;
	}
	if (spendState !== undefined) stored.spend = spendState;
	return { decisions, passedCount, execution, stored, notes: [...notes] };
}
