import type { IExecuteFunctions, INodeExecutionData, NodeOperationError } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';
import type { KillSwitchOutcome } from '../../lib/kill-switch/evaluate';
import { evaluateKillSwitch } from '../../lib/kill-switch/evaluate';
import type { ExecutionScopedState, ItemDecision, RunPlan, WindowState } from '../../lib/kill-switch/run-plan';
import { planRun } from '../../lib/kill-switch/run-plan';
import { decideShared } from '../../lib/kill-switch/shared-window';
import { interpretExpressionValue } from '../../lib/kill-switch/sources/expression';
import { errorItem, nodeError, toNodeError } from '../shared/errors';
import type { KillSwitchSettings } from './settings';
import { readSettings } from './settings';
import { readRemoteSwitch, switchNameFor } from './sources';
import { windowStoreFor } from './windows';

/** The 0-based run of this node in the execution (loops run a node more than once). */
function runIndexOf(context: IExecuteFunctions): number {
	const proxy = context.getWorkflowDataProxy(0) as { $runIndex?: unknown };
	const index = Number(proxy.$runIndex);
	return Number.isSafeInteger(index) && index >= 0 ? index : 0;
}

/** The switch outcome per item: one remote read for the run, or the expression evaluated per item. */
async function switchOutcomes(
	context: IExecuteFunctions,
	settings: KillSwitchSettings,
	count: number,
	now: number,
): Promise<(itemIndex: number) => KillSwitchOutcome | undefined> {
	if (settings.source === 'none') return () => undefined;
	if (settings.source !== 'expression') {
		const { outcome, stale } = await readRemoteSwitch(context, settings, now);
		// A last known value stood in for a failing source: say so even when the items pass.
		if (stale && !outcome.halt) context.addExecutionHints({ message: outcome.message, location: 'outputPane' });
		return () => outcome;
	}
	const name = switchNameFor(settings, context.getNode().name);
	const outcomes: KillSwitchOutcome[] = [];
	for (let i = 0; i < count; i++) {
		outcomes.push(
			evaluateKillSwitch({
				resolution: interpretExpressionValue(context.getNodeParameter('switchValue', i, '')),
				onError: settings.onSourceError === 'continue' ? 'continue' : 'halt',
				switchName: name,
				sourceName: 'Expression',
				now,
				haltWhen: settings.haltWhen,
			}),
		);
	}
	return (i) => outcomes[i];
}

function errorFor(context: IExecuteFunctions, decision: ItemDecision, itemIndex: number): NodeOperationError {
	const message = decision.message ?? 'Kill switch tripped';
	return nodeError(context.getNode(), message, { itemIndex, description: decision.hint });
}

/** Thrown inside the shared decision to stop the run without recording anything. */
class Halt {
	constructor(
		readonly decision: ItemDecision,
		readonly index: number,
	) {}
}

/**
 * Decides the run: loop guard, executions window, switch, item cap, spend budget (lib/kill-switch/run-plan).
 * Stop mode: any halted item stops the execution (nothing of this run is counted). Route mode: halted items
 * leave on "Halted" with `killSwitch: { switch, source, reason, trippedAt }`. Settings that cannot be used stop
 * the run whatever "When Halted" says (fail closed).
 */
export async function executeKillSwitch(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const node = this.getNode();
	const now = Date.now();
	let route = false;
	let plan: RunPlan;
	const stopsOnTrip = () => !route && !this.continueOnFail();
	try {
		const settings = readSettings((name, fallback) => this.getNodeParameter(name, 0, fallback));
		route = settings.route;
		const store = await windowStoreFor(this, settings.limits);
		const outcome = await switchOutcomes(this, settings, items.length, now);
		// n8n builds a whole workflow data proxy to answer $runIndex: once per run is enough.
		const runIndex = runIndexOf(this);
		const decide = (stored: WindowState | undefined) => {
			const planned = planRun({
				now,
				runIndex,
				records: items.map((item) => item.json),
				switchOutcome: outcome,
				limits: settings.limits,
				execution: this.getContext('node').killSwitch as Partial<ExecutionScopedState> | undefined,
				stored,
			});
			// Stop mode: a halted item stops the run, and nothing of it is counted.
			const firstTrip = planned.decisions.findIndex((d) => d.trip !== undefined);
			if (firstTrip >= 0 && stopsOnTrip()) throw new Halt(planned.decisions[firstTrip], firstTrip);
			return planned;
		};
		try {
			if (store === undefined) plan = decide(undefined);
			else {
				const writer = `${String(this.getExecutionId() ?? '')}/${runIndex}`;
				plan = await decideShared(
					store,
					(stored) => {
						const planned = decide(stored);
						const changed = JSON.stringify(planned.stored) !== JSON.stringify(stored);
						return { write: changed ? planned.stored : undefined, result: planned };
					},
					{ writer, wait: async (ms) => await sleep(ms) },
				);
			}
		} catch (error) {
			throw error instanceof Halt ? errorFor(this, error.decision, error.index) : toNodeError(node, error);
		}
	} catch (error) {
		const failure = toNodeError(node, error);
		if (!this.continueOnFail()) throw failure;
		// Error items carry none of the input: they must not look like items that passed the switch.
		const errored = items.map((_, index) => errorItem(failure, index));
		return route ? [[], errored] : [errored];
	}

	for (const message of plan.notes) this.addExecutionHints({ message, location: 'outputPane' });

	const firstTrip = plan.decisions.findIndex((d) => d.trip !== undefined);
	if (!route && firstTrip >= 0 && !this.continueOnFail()) throw errorFor(this, plan.decisions[firstTrip], firstTrip);

	const passed: INodeExecutionData[] = [];
	const halted: INodeExecutionData[] = [];
	plan.decisions.forEach((decision, index) => {
		const item = items[index];
		if (decision.trip === undefined) {
			passed.push({ ...item, pairedItem: { item: index } });
		} else if (route) {
			halted.push({ ...item, json: { ...item.json, killSwitch: { ...decision.trip } }, pairedItem: { item: index } });
		} else {
			const error = errorFor(this, decision, index);
			passed.push(errorItem(error, index, { killSwitch: { ...decision.trip } }));
		}
	});
	this.getContext('node').killSwitch = plan.execution;
	return route ? [passed, halted] : [passed];
}
