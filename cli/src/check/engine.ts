/**
 * The policy engine: runs every rule of the table over every workflow (given one at a time: see CheckRun),
 * follows sub-workflow calls among the inputs, applies severities, the production escalation and suppressions.
 * Pure: no file system, no n8n import.
 */
import { graphOf, reachableAvoiding } from './graph';
import type { WorkflowGraph } from './graph';
import { isExecuteWorkflow, isGovernance, isRedact, isSendAndWait } from './kinds';
import type { GovernanceKind } from './kinds';
import { PolicyError } from './policy';
import type { Policy, Severity } from './policy';
import { RULES, RULES_BY_ID } from './rules';
import type { LiveFacts, Rule, RuleContext, Section } from './rules';
import { matchesWorkflow } from './rules/policy-rules';
import { calledWorkflow } from './rules/subworkflows';
import type { Workflow, WorkflowNode, WorkflowRef } from './workflow';

export interface Finding {
	ruleId: string;
	severity: Severity;
	section: Section;
	title: string;
	message: string;
	workflow: WorkflowRef;
	node?: string;
	path?: string;
	suppressed?: { reason: string; expires: string };
}

export interface CheckOptions {
	policy: Policy;
	now?: Date;
	live?: (workflow: Workflow) => LiveFacts | undefined;
	/** Only these rules (the fixture test runs one rule at a time). */
	rules?: readonly Rule[];
}

type EntryGuard = GovernanceKind | 'sendAndWait';
const ENTRY_TRIGGER = 'n8n-nodes-base.executeWorkflowTrigger';
const ENTRY_GUARDS: [EntryGuard, (node: WorkflowNode) => boolean][] = [
	['approvalGate', (node) => isGovernance(node, 'approvalGate')],
	['sendAndWait', (node) => isGovernance(node, 'approvalGate') || isSendAndWait(node)],
	['redactRestore', isRedact],
	['environmentAssertion', (node) => isGovernance(node, 'environmentAssertion')],
	['killSwitch', (node) => isGovernance(node, 'killSwitch')],
];

/** Unknown rule ids in severities or suppressions are policy errors, not silent no-ops. */
export function checkPolicyRules(policy: Policy): void {
	const problems = [
		...Object.keys(policy.severities).filter((id) => !RULES_BY_ID.has(id)).map((id) => `severities.${id}: no such rule`),
		...policy.suppressions.flatMap((s, i) => (RULES_BY_ID.has(s.rule) ? [] : [`suppressions.${i}.rule: no such rule ${s.rule}`])),
	];
	if (problems.length > 0) throw new PolicyError(problems);
}

function memoOpen(graph: WorkflowGraph) {
	const cache = new Map<string, Set<string>>();
	return (key: string, isGuard: (node: WorkflowNode) => boolean) => {
		let set = cache.get(key);
		if (!set) cache.set(key, (set = reachableAvoiding(graph, isGuard)));
		return set;
	};
}

function suppressionFor(finding: Omit<Finding, 'suppressed'>, policy: Policy, today: string) {
	return policy.suppressions.find(
		(s) => s.rule === finding.ruleId && matchesWorkflow(s.workflow, finding.workflow) && (s.node === undefined || s.node === finding.node) && s.expires >= today,
	);
}

export function severityOf(rule: Rule, policy: Policy): Severity | 'off' {
	const configured = policy.severities[rule.id];
	if (configured === 'off') return 'off';
	if (rule.errorInProduction && policy.environment === 'production') return 'error';
	return configured ?? rule.severity;
}

/** A check that asks about other workflows before all are read: the workflow is checked again once they are. */
class NotYetKnown extends Error {}
/** Thrown as one instance: it carries nothing, and a stack trace per waiting workflow would only cost time. */
const NOT_YET_KNOWN = new NotYetKnown();

/** One workflow of a run: what the cross-workflow parts need (its calls, how it starts) and its findings. */
interface Entry {
	ref: WorkflowRef;
	/** Every start is an Execute Workflow Trigger: the guards its callers pass are its entry guards. */
	calledOnly: boolean;
	/** Its enabled calls of a fixed workflow, with the guards each call passes first. */
	calls: { ref: string; passed: Set<EntryGuard> }[];
	/** Undefined while its checks wait for the other workflows; the workflow is kept until then. */
	findings?: Finding[];
	waiting?: { workflow: Workflow; graph: WorkflowGraph; open: ReturnType<typeof memoOpen> };
}

const NO_GUARDS: ReadonlySet<EntryGuard> = new Set();

/**
 * A check run over workflows given one at a time (a folder is read file by file): each is checked when it is
 * added, and only its findings and what the cross-workflow parts need are kept. A workflow whose checks ask
 * about other workflows (a called-only sub-workflow's entry guards, a call to a workflow not read yet) is kept
 * and checked in finish(), when every workflow is known. Findings come in the order the workflows were added.
 */
export class CheckRun {
	private readonly entries: Entry[] = [];
	private readonly index = new Map<string, Entry>();
	private readonly active: { rule: Rule; severity: Severity }[];
	private readonly now: Date;
	private readonly today: string;
	private guards?: Map<Entry, Set<EntryGuard>>;

	constructor(private readonly options: CheckOptions) {
		this.now = options.now ?? new Date();
		this.today = this.now.toISOString().slice(0, 10);
		// a rule's severity depends on the policy only: once per run, not once per workflow
		this.active = (options.rules ?? RULES).flatMap((rule) => {
			const severity = severityOf(rule, options.policy);
			return severity === 'off' ? [] : [{ rule, severity }];
		});
	}

	/**
	 * Checks `workflow` (its findings name `ref`: the workflow itself, or a stand-in that does not hold its nodes).
	 * Returns false when the workflow waits for the others (it is checked in finish() and must be kept as it is).
	 */
	add(workflow: Workflow, ref: WorkflowRef = workflow, graph: WorkflowGraph = graphOf(workflow)): boolean {
		if (this.guards) throw new Error('CheckRun.add after finish()');
		const passedBy = memoOpen(graph); // its own memo: the rules' keys are theirs
		const calls = graph.nodes.flatMap((node) => {
			if (!isExecuteWorkflow(node) || node.disabled === true) return [];
			const called = calledWorkflow(node).ref;
			return called === undefined ? [] : [{ ref: called, passed: new Set(ENTRY_GUARDS.filter(([key, guard]) => !passedBy(key, guard).has(node.name)).map(([key]) => key)) }];
		});
		const open = memoOpen(graph);
		const calledOnly = graph.starts.every((s) => graph.byName.get(s)!.type === ENTRY_TRIGGER);
		const entry: Entry = { ref, calledOnly, calls };
		this.entries.push(entry);
		if (workflow.id) this.index.set(workflow.id, entry);
		if (!this.index.has(workflow.name)) this.index.set(workflow.name, entry);
		try {
			entry.findings = this.run(workflow, graph, open, entry);
			return true;
		} catch (error) {
			if (!(error instanceof NotYetKnown)) throw error;
			entry.waiting = { workflow, graph, open };
			return false;
		}
	}

	/** Checks the workflows that waited for the others; every finding, in input order. */
	finish(): Finding[] {
		this.guards = this.entryGuards();
		for (const entry of this.entries) {
			if (!entry.waiting) continue;
			const { workflow, graph, open } = entry.waiting;
			entry.findings = this.run(workflow, graph, open, entry);
			entry.waiting = undefined;
		}
		return this.entries.flatMap((e) => e.findings!);
	}

	/** For each called-only workflow among the inputs: the guards that every call to it passes first. */
	private entryGuards(): Map<Entry, Set<EntryGuard>> {
		const result = new Map<Entry, Set<EntryGuard>>();
		for (const caller of this.entries) {
			for (const call of caller.calls) {
				const callee = this.index.get(call.ref);
				if (!callee?.calledOnly) continue; // a workflow that can also be started another way inherits nothing
				const before = result.get(callee);
				result.set(callee, before ? new Set([...before].filter((g) => call.passed.has(g))) : new Set(call.passed));
			}
		}
		return result;
	}

	private run(workflow: Workflow, graph: WorkflowGraph, open: ReturnType<typeof memoOpen>, entry: Entry): Finding[] {
		const { policy } = this.options;
		const guards = this.guards;
		const index = this.index;
		const ctx: RuleContext = {
			workflow,
			graph,
			policy,
			now: this.now,
			live: this.options.live?.(workflow),
			get entryGuards() {
				if (!entry.calledOnly) return NO_GUARDS;
				if (!guards) throw NOT_YET_KNOWN;
				return guards.get(entry) ?? NO_GUARDS;
			},
			open,
			findWorkflow: (ref) => {
				const found = index.get(ref);
				if (!found && !guards) throw NOT_YET_KNOWN; // a later file may hold it
				return found?.ref;
			},
		};
		const findings: Finding[] = [];
		for (const { rule, severity } of this.active) {
			for (const raw of rule.check(ctx)) {
				const finding: Finding = { ruleId: rule.id, severity, section: rule.section, title: rule.title, workflow: entry.ref, ...raw };
				const suppression = suppressionFor(finding, policy, this.today);
				if (suppression) finding.suppressed = { reason: suppression.reason, expires: suppression.expires };
				findings.push(finding);
			}
		}
		return findings;
	}
}

export function checkWorkflows(workflows: Workflow[], options: CheckOptions): Finding[] {
	const run = new CheckRun(options);
	for (const workflow of workflows) run.add(workflow);
	return run.finish();
}

const RANK: Record<Severity, number> = { error: 3, warning: 2, note: 1 };

/** Unsuppressed findings at or above `failOn`. */
export function failing(findings: Finding[], failOn: Severity | 'never'): Finding[] {
	if (failOn === 'never') return [];
	return findings.filter((f) => !f.suppressed && RANK[f.severity] >= RANK[failOn]);
}
