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

function toNode(raw: unknown, index: number, problems: string[]): WorkflowNode | undefined {
	if (!isObject(raw)) {
		problems.push(`node #${index} is not an object`);
		return undefined;
	}
	const name = typeof raw.name === 'string' && raw.name !== '' ? raw.name : `#${index}`;
	if (typeof raw.type !== 'string' || raw.type === '') problems.push(`node "${name}" has no type`);
	const node: WorkflowNode = {
		name,
		type: typeof raw.type === 'string' ? raw.type : '',
		parameters: isObject(raw.parameters) ? raw.parameters : {},
	};
	if (typeof raw.id === 'string') node.id = raw.id;
	if (typeof raw.typeVersion === 'number') node.typeVersion = raw.typeVersion;
	if (isObject(raw.credentials)) node.credentials = raw.credentials as WorkflowNode['credentials'];
	if (raw.disabled === true) node.disabled = true;
	if (typeof raw.onError === 'string') node.onError = raw.onError;
	// Older exports: continueOnFail: true is today's onError = continueRegularOutput.
	if (raw.continueOnFail === true && node.onError === undefined) node.onError = 'continueRegularOutput';
	if (raw.retryOnFail === true) node.retryOnFail = true;
	if (typeof raw.maxTries === 'number') node.maxTries = raw.maxTries;
	if (typeof raw.notes === 'string') node.notes = raw.notes;
	return node;
}

function tagNames(raw: unknown): string[] {
	if (!Array.isArray(raw)) return [];
	return raw.map((t) => (isObject(t) ? String(t.name ?? t.id ?? '') : String(t))).filter((t) => t !== '');
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
	const workflow: Workflow = {
		name: typeof raw.name === 'string' && raw.name !== '' ? raw.name : '(unnamed workflow)',
		nodes,
		connections,
		settings: isObject(raw.settings) ? raw.settings : {},
		tags: tagNames(raw.tags),
		source,
		problems,
	};
	if (raw.id !== undefined && raw.id !== null) workflow.id = String(raw.id);
	if (typeof raw.active === 'boolean') workflow.active = raw.active;
	if (typeof raw.updatedAt === 'string') workflow.updatedAt = raw.updatedAt;
	if (typeof raw.versionId === 'string') workflow.versionId = raw.versionId;
	return workflow;
}

/**
 * Every workflow in a parsed JSON document: one workflow, an array of them (`--all`), or a public API page
 * (`{ data: [...] }`). Items that are not workflows are reported through `problems`, never dropped silently.
 */
export function workflowsFromJson(value: unknown, file: string, text?: string): { workflows: Workflow[]; problems: string[] } {
	const list = Array.isArray(value) ? value : isObject(value) && Array.isArray(value.data) && !Array.isArray(value.nodes) ? value.data : undefined;
	if (list === undefined) return { workflows: [toWorkflow(value, { file, text })], problems: [] };
	const workflows: Workflow[] = [];
	const problems: string[] = [];
	list.forEach((item, index) => {
		try {
			workflows.push(toWorkflow(item, { file, index, text }));
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
