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
}

function push(map: Map<string, string[]>, key: string, value: string) {
	const list = map.get(key);
	if (!list) map.set(key, [value]);
	else if (!list.includes(value)) list.push(value);
}

/** Nodes on cycles: Tarjan's strongly connected components (iterative, so deep graphs do not overflow). */
function loopNodes(names: string[], next: Map<string, string[]>): Map<string, number> {
	const index = new Map<string, number>();
	const low = new Map<string, number>();
	const onStack = new Set<string>();
	const stack: string[] = [];
	const result = new Map<string, number>();
	let counter = 0;
	let loops = 0;
	for (const root of names) {
		if (index.has(root)) continue;
		const work: { name: string; i: number }[] = [{ name: root, i: 0 }];
		index.set(root, counter);
		low.set(root, counter++);
		stack.push(root);
		onStack.add(root);
		while (work.length > 0) {
			const frame = work[work.length - 1];
			const succ = next.get(frame.name) ?? [];
			if (frame.i < succ.length) {
				const s = succ[frame.i++];
				if (!index.has(s)) {
					index.set(s, counter);
					low.set(s, counter++);
					stack.push(s);
					onStack.add(s);
					work.push({ name: s, i: 0 });
				} else if (onStack.has(s)) low.set(frame.name, Math.min(low.get(frame.name)!, index.get(s)!));
				continue;
			}
			work.pop();
			if (work.length > 0) {
				const parent = work[work.length - 1].name;
				low.set(parent, Math.min(low.get(parent)!, low.get(frame.name)!));
			}
			if (low.get(frame.name) === index.get(frame.name)) {
				const component: string[] = [];
				let member: string;
				do {
					member = stack.pop()!;
					onStack.delete(member);
					component.push(member);
				} while (member !== frame.name);
				const selfLoop = (next.get(frame.name) ?? []).includes(frame.name);
				if (component.length > 1 || selfLoop) {
					loops++;
					component.forEach((c) => result.set(c, loops));
				}
			}
		}
	}
	return result;
}

export function buildGraph(workflow: Workflow): WorkflowGraph {
	const nodes = workflow.nodes.filter((n) => !isStickyNote(n));
	const byName = new Map(nodes.map((n) => [n.name, n]));
	const next = new Map<string, string[]>();
	const prev = new Map<string, string[]>();
	const edges = new Map<string, { to: string; output: number }[]>();
	const attachedTo = new Map<string, { root: string; type: string }[]>();
	const danglingEdges: string[] = [];
	for (const [from, byType] of Object.entries(workflow.connections)) {
		if (!byType || typeof byType !== 'object') continue;
		for (const [type, outputs] of Object.entries(byType)) {
			if (!Array.isArray(outputs)) continue;
			for (const [output, targets] of outputs.entries()) {
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
						const list = attachedTo.get(from) ?? [];
						list.push({ root: target.node, type });
						attachedTo.set(from, list);
					}
				}
			}
		}
	}
	const names = nodes.map((n) => n.name);
	const triggers = nodes.filter((n) => isTrigger(n) && !attachedTo.has(n.name)).map((n) => n.name);
	const starts = triggers.length > 0 ? triggers : names.filter((n) => !prev.has(n) && !attachedTo.has(n));
	return { workflow, nodes, byName, next, prev, edges, attachedTo, starts, loopOf: loopNodes(names, next), danglingEdges };
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
