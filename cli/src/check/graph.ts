/**
 * The graph of one workflow, built once: nodes by name, main edges, AI sub-node attachments (a model or tool
 * connected to an agent), triggers, loops, and "is there a path from a trigger to X that passes no guard".
 */
import { governedOutput, isStickyNote, isTrigger } from './kinds';
import type { Workflow, WorkflowNode } from './workflow';

export interface WorkflowGraph {
	workflow: Workflow;
	nodes: WorkflowNode[];
	byName: Map<string, WorkflowNode>;
	/** main-output edges: node → successors (in output order, deduplicated) */
	next: Map<string, string[]>;
	prev: Map<string, string[]>;
	/** main edges with the output they leave from (a governance node's failure output is not governed) */
	edges: Map<string, { to: string; output: number }[]>;
	/** AI sub-node → the root nodes it is attached to, with the connection type (ai_tool, ai_languageModel …) */
	attachedTo: Map<string, { root: string; type: string }[]>;
	/** Start nodes: triggers, or nodes without incoming edges when the workflow has no trigger. */
	starts: string[];
	/** Nodes on a cycle of main edges (Loop Over Items, back edges) → the id of their loop. */
	loopOf: Map<string, number>;
	/** Connections naming nodes that do not exist. */
	danglingEdges: string[];
	/** What the checks derive from the graph under a policy, kept with it (see derivedOf). */
	derived: Map<string, { policy: object; value: unknown }>;
}

/**
 * A value derived from the graph under a policy (its side effects, its AI steps), computed once per graph and
 * policy and kept on the graph: several rules and the inventory ask for it, and it goes when the graph goes.
 */
export function derivedOf<T>(graph: WorkflowGraph, key: string, policy: object, make: () => T): T {
	const found = graph.derived.get(key);
	if (found !== undefined && found.policy === policy) return found.value as T;
	const value = make();
	graph.derived.set(key, { policy, value });
	return value;
}

const NO_NAMES: readonly string[] = [];

function push(map: Map<string, string[]>, key: string, value: string) {
	const list = map.get(key);
	if (!list) map.set(key, [value]);
	else if (!list.includes(value)) list.push(value);
}

/**
 * Nodes on cycles: Tarjan's strongly connected components (iterative, so deep graphs do not overflow), over
 * numbered nodes in typed arrays. Loops are numbered in the order their components complete.
 */
function loopNodes(names: string[], next: Map<string, string[]>): Map<string, number> {
	const result = new Map<string, number>();
	if (next.size === 0) return result;
	const id = new Map<string, number>();
	const nameOf: string[] = [];
	for (const name of names) if (!id.has(name)) id.set(name, nameOf.push(name) - 1);
	const n = nameOf.length;
	// every list built the same way (one array shape: a list from next and an empty one made the compiled loop bail out)
	const succ: number[][] = [];
	for (const name of nameOf) {
		const ids: number[] = [];
		for (const s of next.get(name) ?? NO_NAMES) ids.push(id.get(s)!);
		succ.push(ids);
	}
	const index = new Int32Array(n).fill(-1);
	const low = new Int32Array(n);
	const onStack = new Uint8Array(n);
	const stack: number[] = [];
	const work: number[] = []; // node ids; their next successor to visit is in `at`
	const at = new Int32Array(n);
	let counter = 0;
	let loops = 0;
	for (let root = 0; root < n; root++) {
		if (index[root] >= 0) continue;
		index[root] = low[root] = counter++;
		stack.push(root);
		onStack[root] = 1;
		work.push(root);
		while (work.length > 0) {
			const v = work[work.length - 1];
			const list = succ[v];
			if (at[v] < list.length) {
				const w = list[at[v]++];
				if (index[w] < 0) {
					index[w] = low[w] = counter++;
					stack.push(w);
					onStack[w] = 1;
					work.push(w);
				} else if (onStack[w] === 1) low[v] = Math.min(low[v], index[w]);
				continue;
			}
			work.pop();
			if (work.length > 0) {
				const parent = work[work.length - 1];
				low[parent] = Math.min(low[parent], low[v]);
			}
			if (low[v] === index[v]) {
				const component: number[] = [];
				let member: number;
				do {
					member = stack.pop()!;
					onStack[member] = 0;
					component.push(member);
				} while (member !== v);
				if (component.length > 1 || list.includes(v)) {
					loops++;
					for (const c of component) result.set(nameOf[c], loops);
				}
			}
		}
	}
	return result;
}

/** Plain loops (no entries() iterators or filter/map chains): the compiled function is a fraction of the size. */
export function buildGraph(workflow: Workflow): WorkflowGraph {
	const nodes: WorkflowNode[] = [];
	const byName = new Map<string, WorkflowNode>();
	for (const node of workflow.nodes) {
		if (isStickyNote(node)) continue;
		nodes.push(node);
		byName.set(node.name, node);
	}
	const next = new Map<string, string[]>();
	const prev = new Map<string, string[]>();
	const edges = new Map<string, { to: string; output: number }[]>();
	const attachedTo = new Map<string, { root: string; type: string }[]>();
	const danglingEdges: string[] = [];
	const { connections } = workflow;
	for (const from of Object.keys(connections)) {
		const byType = connections[from];
		if (!byType || typeof byType !== 'object') continue;
		for (const type of Object.keys(byType)) {
			const outputs = byType[type];
			if (!Array.isArray(outputs)) continue;
			for (let output = 0; output < outputs.length; output++) {
				const targets = outputs[output];
				if (!Array.isArray(targets)) continue;
				for (const target of targets) {
					if (!target || typeof target.node !== 'string') continue;
					if (!byName.has(from) || !byName.has(target.node)) {
						danglingEdges.push(`${from} → ${target.node}`);
						continue;
					}
					if (type === 'main') {
						const out = edges.get(from);
						if (out) out.push({ to: target.node, output });
						else edges.set(from, [{ to: target.node, output }]);
						push(next, from, target.node);
						push(prev, target.node, from);
					} else {
						const list = attachedTo.get(from);
						if (list) list.push({ root: target.node, type });
						else attachedTo.set(from, [{ root: target.node, type }]);
					}
				}
			}
		}
	}
	const names: string[] = [];
	const triggers: string[] = [];
	for (const node of nodes) {
		names.push(node.name);
		if (isTrigger(node) && !attachedTo.has(node.name)) triggers.push(node.name);
	}
	const starts = triggers.length > 0 ? triggers : names.filter((n) => !prev.has(n) && !attachedTo.has(n));
	return { workflow, nodes, byName, next, prev, edges, attachedTo, starts, loopOf: loopNodes(names, next), danglingEdges, derived: new Map() };
}

const graphs = new WeakMap<Workflow, WorkflowGraph>();

/** The workflow's graph, built on first use and shared by check, inventory and review (a read workflow is not changed). */
export function graphOf(workflow: Workflow): WorkflowGraph {
	let graph = graphs.get(workflow);
	if (!graph) graphs.set(workflow, (graph = buildGraph(workflow)));
	return graph;
}

/**
 * Nodes reachable from the starts through main edges without passing a guard. A guard itself is reached; only
 * its ungoverned outputs (an Approval Gate's "Rejected / Timed Out", a routed failure) are followed. AI sub-nodes
 * count as reached when a root they attach to is reached and is not a guard.
 */
export function reachableAvoiding(graph: WorkflowGraph, isGuard: (node: WorkflowNode) => boolean, from: string[] = graph.starts): Set<string> {
	const seen = new Set<string>();
	const queue = from.filter((s) => graph.byName.has(s));
	queue.forEach((s) => seen.add(s));
	for (let head = 0; head < queue.length; head++) {
		const name = queue[head];
		const node = graph.byName.get(name)!;
		const guard = isGuard(node);
		for (const { to, output } of graph.edges.get(name) ?? []) {
			if (seen.has(to) || (guard && governedOutput(node, output))) continue;
			seen.add(to);
			queue.push(to);
		}
	}
	for (const [sub, roots] of graph.attachedTo) {
		if (roots.some((r) => seen.has(r.root) && !isGuard(graph.byName.get(r.root)!))) seen.add(sub);
	}
	return seen;
}

/** Nodes downstream of `from` (main edges and the roots its sub-nodes attach to), `from` excluded. */
export function downstream(graph: WorkflowGraph, from: string): Set<string> {
	const reach = reachableAvoiding(graph, () => false, [from]);
	reach.delete(from);
	return reach;
}
