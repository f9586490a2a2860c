/**
 * The policy engine: runs every rule of the table over every workflow, follows sub-workflow calls among the
 * inputs, applies severities, the production escalation and suppressions. Pure: no file system, no n8n import.
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
import type { Workflow, WorkflowNode } from './workflow';

export interface Finding {
	ruleId: string;
	severity: Severity;
	section: Section;
	title: string;
	message: string;
	workflow: Workflow;
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

/** For each called workflow among the inputs: the guards that every call to it passes first. */
function entryGuards(graphs: Map<Workflow, WorkflowGraph>, find: (ref: string) => Workflow | undefined): Map<Workflow, Set<EntryGuard>> {
	const result = new Map<Workflow, Set<EntryGuard>>();
	for (const [, graph] of graphs) {
		const open = memoOpen(graph);
		for (const node of graph.nodes) {
			if (!isExecuteWorkflow(node) || node.disabled === true) continue;
			const ref = calledWorkflow(node).ref;
			const callee = ref !== undefined ? find(ref) : undefined;
			if (!callee) continue;
			const passed = new Set(ENTRY_GUARDS.filter(([key, guard]) => !open(key, guard).has(node.name)).map(([key]) => key));
			const before = result.get(callee);
			result.set(callee, before ? new Set([...before].filter((g) => passed.has(g))) : passed);
		}
	}
	// A sub-workflow that can also be started another way (webhook, schedule …) inherits nothing.
	for (const [callee, guards] of result) {
		const starts = graphs.get(callee)!.starts.map((s) => graphs.get(callee)!.byName.get(s)!.type);
		if (starts.some((t) => t !== 'n8n-nodes-base.executeWorkflowTrigger')) guards.clear();
	}
	return result;
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

export function checkWorkflows(workflows: Workflow[], options: CheckOptions): Finding[] {
	const { policy } = options;
	const now = options.now ?? new Date();
	const today = now.toISOString().slice(0, 10);
	const graphs = new Map(workflows.map((w) => [w, graphOf(w)]));
	const index = new Map<string, Workflow>();
	for (const w of workflows) {
		if (w.id) index.set(w.id, w);
		if (!index.has(w.name)) index.set(w.name, w);
	}
	const findWorkflow = (ref: string) => index.get(ref);
	const guards = entryGuards(graphs, findWorkflow);
	const findings: Finding[] = [];
	// a rule's severity depends on the policy only: once per run, not once per workflow
	const active = (options.rules ?? RULES).flatMap((rule) => {
		const severity = severityOf(rule, policy);
		return severity === 'off' ? [] : [{ rule, severity }];
	});
	for (const [workflow, graph] of graphs) {
		const ctx: RuleContext = { workflow, graph, policy, now, live: options.live?.(workflow), entryGuards: guards.get(workflow) ?? new Set(), open: memoOpen(graph), findWorkflow };
		for (const { rule, severity } of active) {
			for (const raw of rule.check(ctx)) {
				const finding: Finding = { ruleId: rule.id, severity, section: rule.section, title: rule.title, workflow, ...raw };
				const suppression = suppressionFor(finding, policy, today);
				if (suppression) finding.suppressed = { reason: suppression.reason, expires: suppression.expires };
				findings.push(finding);
			}
		}
	}
	return findings;
}

const RANK: Record<Severity, number> = { error: 3, warning: 2, note: 1 };

/** Unsuppressed findings at or above `failOn`. */
export function failing(findings: Finding[], failOn: Severity | 'never'): Finding[] {
	if (failOn === 'never') return [];
	return findings.filter((f) => !f.suppressed && RANK[f.severity] >= RANK[failOn]);
}
