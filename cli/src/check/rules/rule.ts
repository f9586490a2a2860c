/** The shape of a rule row and of what a check sees. */
import type { WorkflowGraph } from '../graph';
import type { GovernanceKind } from '../kinds';
import type { Policy, Severity } from '../policy';
import type { Workflow, WorkflowNode, WorkflowRef } from '../workflow';

/** The checklist sections, in README order; every one has at least one rule (a test checks it). */
export const SECTIONS = [
	'Secrets',
	'Access',
	'Approvals',
	'Data and models',
	'Environments and ownership',
	'Logging',
	'Governance nodes',
	'Resilience and limits',
	'Sub-workflows',
	'Offboarding',
	'Policy',
] as const;
export type Section = (typeof SECTIONS)[number];

/** What live mode knows beyond the export. */
export interface LiveFacts {
	lastExecution?: { startedAt: string; status: string };
	/** When reading a live instance: true; offboarding rules only run then. */
	live: true;
}

export interface RawFinding {
	node?: string;
	message: string;
	/** Where in the node: a parameter path such as parameters.headerParameters.parameters[0].value */
	path?: string;
}

export interface RuleContext {
	workflow: Workflow;
	graph: WorkflowGraph;
	policy: Policy;
	now: Date;
	live?: LiveFacts;
	/** Guards every caller passes before calling this workflow (when it is a sub-workflow among the inputs). */
	entryGuards: ReadonlySet<GovernanceKind | 'sendAndWait'>;
	/** Nodes reachable from a start on a path that passes no node for which `isGuard` holds (memoised per guard). */
	open: (key: string, isGuard: (node: WorkflowNode) => boolean) => Set<string>;
	/** Workflows among the inputs, by id and by name (for sub-workflow calls). */
	findWorkflow: (idOrName: string) => WorkflowRef | undefined;
}

/** A fixture is a raw workflow as n8n exports it, with optional live facts and policy. */
export interface Fixture {
	title: string;
	workflow: Record<string, unknown>;
	policy?: Record<string, unknown>;
	live?: LiveFacts;
	/** Other workflows read alongside (for sub-workflow rules). */
	others?: Record<string, unknown>[];
}

export interface Rule {
	id: string;
	section: Section;
	severity: Severity;
	title: string;
	/** One sentence tied to the rollout checklist. */
	why: string;
	/** How to fix, naming the node of this pack that fixes it. */
	fix: string;
	/** With environment "production" in the policy, findings of this rule are errors. */
	errorInProduction?: boolean;
	check: (ctx: RuleContext) => RawFinding[];
	fixtures: { triggers: Fixture[]; passes: Fixture[] };
}
