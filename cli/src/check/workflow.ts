/**
 * Workflow JSON as n8n exports it (`export:workflow`, single file, `--separate` folder, `--all` array, older
 * exports) or as the public API returns it (`GET /api/v1/workflows` pages). Pure: no file system, no n8n import.
 */

export interface WorkflowNode {
	id?: string;
	name: string;
	type: string;
	typeVersion?: number;
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id?: string | null; name?: string }>;
	disabled?: boolean;
	onError?: string;
	continueOnFail?: boolean;
	retryOnFail?: boolean;
	maxTries?: number;
	notes?: string;
}

export interface Connection {
	node: string;
	type: string;
	index: number;
}

/** Where a workflow came from: the file (and its position in a JSON array) or the live instance. */
export interface WorkflowSource {
	file: string;
	index?: number;
	/** The text it was parsed from, used to point findings at lines. */
	text?: string;
}

export interface Workflow {
	id?: string;
	name: string;
	active?: boolean;
	nodes: WorkflowNode[];
	/** source node name → connection type → output index → targets */
	connections: Record<string, Record<string, (Connection[] | null)[]>>;
	settings: Record<string, unknown>;
	tags: string[];
	updatedAt?: string;
	versionId?: string;
	source: WorkflowSource;
	/** Shape problems found while reading (duplicate names, nodes without a type …): reported, never skipped. */
	problems: string[];
}

/** What a finding names: a workflow's identity and where it was read, without its nodes. */
export type WorkflowRef = Pick<Workflow, 'name' | 'id' | 'source'>;

/** The stand-in findings name when the workflow itself is not kept. */
export const refOf = (workflow: Workflow): WorkflowRef => ({ name: workflow.name, id: workflow.id, source: workflow.source });

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export class WorkflowShapeError extends Error {}

/**
 * A node as read: one class, so every node read has the same shape (absent fields are undefined) and the rules'
 * property reads stay monomorphic (object literals with optional fields made seven shapes on the bench corpus).
 */
class ReadNode implements WorkflowNode {
	id?: string;
	typeVersion?: number;
	credentials?: WorkflowNode['credentials'];
	disabled?: boolean;
	onError?: string;
	retryOnFail?: boolean;
	maxTries?: number;
	notes?: string;

	constructor(
		public name: string,
		public type: string,
		public parameters: Record<string, unknown>,
		raw: Record<string, unknown>,
	) {
		this.id = typeof raw.id === 'string' ? raw.id : undefined;
		this.typeVersion = typeof raw.typeVersion === 'number' ? raw.typeVersion : undefined;
		this.credentials = isObject(raw.credentials) ? (raw.credentials as WorkflowNode['credentials']) : undefined;
		this.disabled = raw.disabled === true ? true : undefined;
		// Older exports: continueOnFail: true is today's onError = continueRegularOutput.
		this.onError = typeof raw.onError === 'string' ? raw.onError : raw.continueOnFail === true ? 'continueRegularOutput' : undefined;
		this.retryOnFail = raw.retryOnFail === true ? true : undefined;
		this.maxTries = typeof raw.maxTries === 'number' ? raw.maxTries : undefined;
		this.notes = typeof raw.notes === 'string' ? raw.notes : undefined;
	}
}

function toNode(raw: unknown, index: number, problems: string[]): WorkflowNode | undefined {
	if (!isObject(raw)) {
		problems.push(`node #${index} is not an object`);
		return undefined;
	}
	const name = typeof raw.name === 'string' && raw.name !== '' ? raw.name : `#${index}`;
	if (typeof raw.type !== 'string' || raw.type === '') problems.push(`node "${name}" has no type`);
	return new ReadNode(name, typeof raw.type === 'string' ? raw.type : '', isObject(raw.parameters) ? raw.parameters : {}, raw);
}

function tagNames(raw: unknown): string[] {
	if (!Array.isArray(raw)) return [];
	return raw.map((t) => (isObject(t) ? String(t.name ?? t.id ?? '') : String(t))).filter((t) => t !== '');
}

/** A workflow as read: one class, one shape (absent fields are undefined), as ReadNode. */
class ReadWorkflow implements Workflow {
	name: string;
	id?: string;
	active?: boolean;
	settings: Record<string, unknown>;
	tags: string[];
	updatedAt?: string;
	versionId?: string;

	constructor(
		raw: Record<string, unknown>,
		public nodes: WorkflowNode[],
		public connections: Workflow['connections'],
		public source: WorkflowSource,
		public problems: string[],
	) {
		this.name = typeof raw.name === 'string' && raw.name !== '' ? raw.name : '(unnamed workflow)';
		this.id = raw.id !== undefined && raw.id !== null ? String(raw.id) : undefined;
		this.active = typeof raw.active === 'boolean' ? raw.active : undefined;
		this.settings = isObject(raw.settings) ? raw.settings : {};
		this.tags = tagNames(raw.tags);
		this.updatedAt = typeof raw.updatedAt === 'string' ? raw.updatedAt : undefined;
		this.versionId = typeof raw.versionId === 'string' ? raw.versionId : undefined;
	}
}

/** One workflow object → Workflow; throws WorkflowShapeError when it is not a workflow at all. */
export function toWorkflow(raw: unknown, source: WorkflowSource): Workflow {
	if (!isObject(raw) || !Array.isArray(raw.nodes)) {
		throw new WorkflowShapeError('is not an n8n workflow (an object with a "nodes" array)');
	}
	const problems: string[] = [];
	const nodes: WorkflowNode[] = [];
	const seen = new Set<string>();
	raw.nodes.forEach((rawNode, i) => {
		const node = toNode(rawNode, i, problems);
		if (!node) return;
		if (seen.has(node.name)) problems.push(`two nodes are named "${node.name}": connections to that name are ambiguous`);
		seen.add(node.name);
		nodes.push(node);
	});
	const connections = isObject(raw.connections) ? (raw.connections as Workflow['connections']) : {};
	if (raw.connections !== undefined && !isObject(raw.connections)) problems.push('"connections" is not an object');
	return new ReadWorkflow(raw, nodes, connections, source, problems);
}

/**
 * Every workflow in a parsed JSON document: one workflow, an array of them (`--all`), or a public API page
 * (`{ data: [...] }`). Items that are not workflows are reported through `problems`, never dropped silently.
 */
export function workflowsFromJson(
	value: unknown,
	file: string,
	sourceOf: (index?: number) => WorkflowSource = (index) => (index === undefined ? { file } : { file, index }),
): { workflows: Workflow[]; problems: string[] } {
	const list = Array.isArray(value) ? value : isObject(value) && Array.isArray(value.data) && !Array.isArray(value.nodes) ? value.data : undefined;
	if (list === undefined) return { workflows: [toWorkflow(value, sourceOf())], problems: [] };
	const workflows: Workflow[] = [];
	const problems: string[] = [];
	list.forEach((item, index) => {
		try {
			workflows.push(toWorkflow(item, sourceOf(index)));
		} catch (error) {
			problems.push(`item ${index} ${(error as Error).message}`);
		}
	});
	if (list.length === 0) problems.push('holds an empty list: no workflow to check');
	return { workflows, problems };
}

/** The label users know a workflow by in findings: its name, plus the file (and array position) or id. */
export function workflowLabel(workflow: Pick<Workflow, 'name' | 'id'>): string {
	return workflow.id ? `${workflow.name} (${workflow.id})` : workflow.name;
}
