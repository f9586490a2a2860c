/**
 * What check and inventory do with their inputs: read the files one at a time and check each workflow (and, for
 * inventory, describe it) as soon as its file is read, keeping only what the reports name. The parsed export
 * (Code sources and all) is let go before the next file; then the workflows of a live instance, if any.
 */
import { CheckRun } from '../check/engine';
import type { Finding } from '../check/engine';
import type { InputProblem } from '../check/format/report';
import { buildGraph } from '../check/graph';
import type { WorkflowGraph } from '../check/graph';
import type { Policy } from '../check/policy';
import type { LiveFacts } from '../check/rules';
import { refOf } from '../check/workflow';
import type { Workflow, WorkflowRef } from '../check/workflow';
import type { InputOptions, Io } from './common';
import { readApiKey, UnusableInput } from './common';
import { readWorkflowFiles } from './inputs';
import { readInstance } from './live';
import type { LiveRead } from './live';
import { fileProgress } from './progress';

/** What a scan keeps of one workflow: the stand-in its findings name, and what `describe` made of it. */
export interface Scanned<T> {
	ref: WorkflowRef;
	row: T;
}

export interface Scan<T> {
	findings: Finding[];
	workflows: Scanned<T>[];
	problems: InputProblem[];
	/** The inputs include a live instance. */
	live: boolean;
}

/** Describes one workflow while it is in memory (inventory's facets); its graph is the one the checks used. */
export type Describe<T> = (workflow: Workflow, graph: WorkflowGraph, live: LiveFacts | undefined) => T;

const LET_GO: Record<string, unknown> = Object.freeze({}) as Record<string, unknown>;

/**
 * Empties the parameters of a workflow that is checked and described: nothing reads them again, and an object V8
 * has already moved to the old generation (the node) would otherwise keep them (its Code sources) alive through
 * every young-generation GC until the next full one (measured: ~85 instead of ~60 GCs and 2-3x the GC time on the
 * bench's 2,000 files, in about half of the runs).
 */
function letGo(workflow: Workflow): void {
	for (const node of workflow.nodes) node.parameters = LET_GO;
}

/** A scan in steps (scanInputs runs it; the bench runs it on files alone): add files and workflows, then finish. */
export class Scanner<T = undefined> {
	private readonly run: CheckRun;
	private readonly scan: Scan<T> = { findings: [], workflows: [], problems: [], live: false };
	private facts?: (workflow: Workflow) => LiveFacts | undefined;

	constructor(
		policy: Policy,
		private readonly describe?: Describe<T>,
	) {
		this.run = new CheckRun({ policy, live: (workflow) => this.facts?.(workflow) });
	}

	/** Reads, checks and describes PATHs one file at a time. */
	files(paths: string[], onFile?: (done: number, total: number) => void): void {
		for (const step of readWorkflowFiles(paths, onFile)) {
			for (const workflow of step.workflows) this.add(workflow);
			this.scan.problems.push(...step.problems);
		}
	}

	/** The workflows of a live instance, with what the instance knows about each. */
	instance(live: LiveRead): void {
		this.scan.live = true;
		this.facts = (workflow) => live.facts.get(workflow);
		for (const workflow of live.workflows) this.add(workflow);
		this.scan.problems.push(...live.problems);
	}

	private add(workflow: Workflow): void {
		const ref = refOf(workflow);
		const graph = buildGraph(workflow); // not graphOf's cache: its WeakMap entries outlive young-generation GCs (3x the GC time on 2,000 files)
		const checked = this.run.add(workflow, ref, graph);
		this.scan.workflows.push({ ref, row: this.describe?.(workflow, graph, this.facts?.(workflow)) as T });
		if (checked) letGo(workflow);
	}

	/** Every finding (the checks that waited for all workflows run now), the workflows, the input problems. */
	finish(): Scan<T> {
		this.scan.findings = this.run.finish();
		return this.scan;
	}
}

/** Checks PATHs and/or a live instance file by file; a progress line goes to stderr on a terminal for large inputs. */
export async function scanInputs<T = undefined>(paths: string[], options: InputOptions, io: Io, policy: Policy, describe?: Describe<T>): Promise<Scan<T>> {
	if (paths.length === 0 && options.instance === undefined) throw new UnusableInput('Give workflow files or folders, or --instance URL');
	const scanner = new Scanner(policy, describe);
	const progress = fileProgress(io);
	try {
		scanner.files(paths, progress?.onFile);
	} finally {
		progress?.stop();
	}
	if (options.instance !== undefined) scanner.instance(await readInstance(options.instance, readApiKey(options.apiKeyFile)));
	return scanner.finish();
}
