import { expectOk, request } from '../../../scripts/lib/n8n-api';

interface E2eState {
	baseUrl: string;
	apiKey: string;
	cookie: string;
	pid: number;
	userFolder: string;
	logFile: string;
}

export function e2e(): E2eState {
	const raw = process.env.NGOV_E2E;
	if (!raw) throw new Error('The e2e global setup did not run (NGOV_E2E is not set)');
	return JSON.parse(raw) as E2eState;
}

const sleep = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

async function api(method: string, route: string, body?: unknown) {
	const { baseUrl, apiKey } = e2e();
	return expectOk(await request(baseUrl, method, `/api/v1${route}`, { body, apiKey }), `${method} ${route}`);
}

/** Signed-in REST call (routes the public API does not offer, e.g. /types/*.json). */
export async function rest(method: string, route: string, body?: unknown) {
	const { baseUrl, cookie } = e2e();
	return await request(baseUrl, method, route, { body, cookie });
}

export async function createCredential(type: string, data: Record<string, unknown>, name = `${type} ${Date.now()}`) {
	const result = await api('POST', '/credentials', { name, type, data });
	return { id: String(result.json.id), name };
}

export interface WorkflowNode {
	name: string;
	type: string;
	typeVersion: number;
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
	position?: [number, number];
	webhookId?: string;
	id?: string;
}

type Connections = Record<string, { main: Array<Array<{ node: string; type: 'main'; index: number }>> }>;

/** Connects nodes left to right, output 0 to input 0, unless explicit connections are given. */
export function chain(nodes: WorkflowNode[]): Connections {
	const connections: Connections = {};
	for (let i = 0; i < nodes.length - 1; i++) {
		connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
	}
	return connections;
}

export async function createWorkflow(name: string, nodes: WorkflowNode[], connections: Connections = chain(nodes)) {
	const placed = nodes.map((node, index) => ({
		position: [index * 220, 0] as [number, number],
		id: node.id ?? `${name}-${index}`.replace(/[^a-zA-Z0-9-]/g, '-'),
		...node,
		// Credential references carry only id and name (test helpers may hold more, e.g. the secret).
		credentials: node.credentials
			? Object.fromEntries(Object.entries(node.credentials).map(([k, c]) => [k, { id: c.id, name: c.name }]))
			: undefined,
	}));
	const result = await api('POST', '/workflows', {
		name,
		nodes: placed,
		connections,
		settings: { executionOrder: 'v1', saveManualExecutions: true, saveDataSuccessExecution: 'all' },
	});
	return String(result.json.id);
}

export async function activateWorkflow(id: string) {
	await api('POST', `/workflows/${id}/activate`);
}

/** Frees a workflow's production webhook paths, so another test can activate a workflow with the same paths. */
export async function deactivateWorkflow(id: string) {
	await api('POST', `/workflows/${id}/deactivate`);
}

export async function createActiveWorkflow(name: string, nodes: WorkflowNode[], connections?: Connections) {
	const id = await createWorkflow(name, nodes, connections);
	await activateWorkflow(id);
	return id;
}

/** Calls a production webhook; retries 404 for a short while, since a fresh activation takes a moment. */
export async function callWebhook(
	path: string,
	{ method = 'POST', body, headers = {} }: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
) {
	const { baseUrl } = e2e();
	for (let attempt = 0; ; attempt++) {
		const response = await fetch(`${baseUrl}/webhook/${path}`, {
			method,
			headers: { 'content-type': 'application/json', ...headers },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		if (response.status === 404 && attempt < 40) {
			await sleep(100);
			continue;
		}
		let json: any;
		try {
			json = JSON.parse(text);
		} catch {
			json = undefined;
		}
		return { status: response.status, text, json, headers: response.headers };
	}
}

export interface Execution {
	id: string;
	status: string;
	finished: boolean;
	mode: string;
	workflowId: string;
	data?: {
		resultData: {
			runData: Record<string, Array<{ data?: { main: Array<Array<{ json: any }> | null> }; error?: any }>>;
			error?: { message: string; description?: string; node?: { name: string } };
			lastNodeExecuted?: string;
		};
	};
}

export async function getExecution(id: string): Promise<Execution> {
	const result = await api('GET', `/executions/${id}?includeData=true`);
	return result.json as Execution;
}

export async function listExecutions(workflowId: string, status?: string): Promise<Execution[]> {
	const query = new URLSearchParams({ workflowId, includeData: 'true', limit: '100' });
	if (status) query.set('status', status);
	const result = await api('GET', `/executions?${query.toString()}`);
	return result.json.data as Execution[];
}

/** Polls until the workflow has `count` executions that are no longer running, newest first. */
export async function waitForExecutions(workflowId: string, count = 1, timeoutMs = 30000): Promise<Execution[]> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const done = (await listExecutions(workflowId)).filter((e) => !['running', 'new'].includes(e.status));
		if (done.length >= count) return await Promise.all(done.map(async (e) => await getExecution(e.id)));
		if (Date.now() > deadline) throw new Error(`Workflow ${workflowId}: ${done.length}/${count} executions finished`);
		await sleep(200);
	}
}

/** Executions that wait (approval gates): their ids, to build resume URLs from. */
export async function findWaitingExecutions(workflowId: string): Promise<Execution[]> {
	return await listExecutions(workflowId, 'waiting');
}

/** The JSON of every item a node output on its first run, per output index. */
export function nodeOutput(execution: Execution, nodeName: string): any[][] {
	const runs = execution.data?.resultData.runData[nodeName];
	if (!runs || runs.length === 0) return [];
	return (runs[0].data?.main ?? []).map((items) => (items ?? []).map((i) => i.json));
}

export function nodeRan(execution: Execution, nodeName: string): boolean {
	return (execution.data?.resultData.runData[nodeName]?.length ?? 0) > 0;
}
