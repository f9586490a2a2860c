/**
 * Live mode: reads workflows and their last execution through n8n's public API with an API key. Only GET
 * requests; pages through results with the cursor n8n returns.
 */
import type { LiveFacts } from '../check/rules';
import { toWorkflow, WorkflowShapeError } from '../check/workflow';
import type { Workflow } from '../check/workflow';
import type { InputProblem } from '../check/format/report';

export interface LiveRead {
	workflows: Workflow[];
	facts: Map<Workflow, LiveFacts>;
	problems: InputProblem[];
}

type Fetch = typeof fetch;

export class LiveError extends Error {}

async function getJson(base: URL, path: string, apiKey: string, fetchImpl: Fetch): Promise<Record<string, unknown>> {
	const url = new URL(path, base);
	let response: Response;
	try {
		response = await fetchImpl(url, { method: 'GET', headers: { 'X-N8N-API-KEY': apiKey, accept: 'application/json' } });
	} catch (error) {
		throw new LiveError(`Cannot reach ${base.origin}: ${(error as Error).message}`);
	}
	if (response.status === 401 || response.status === 403) throw new LiveError(`${base.origin} refused the API key (HTTP ${response.status}); create one under Settings → n8n API with workflow:read and execution:read scopes`);
	if (!response.ok) throw new LiveError(`GET ${url.pathname} answered HTTP ${response.status}`);
	return (await response.json()) as Record<string, unknown>;
}

async function* pages(base: URL, path: string, apiKey: string, fetchImpl: Fetch): AsyncGenerator<unknown[]> {
	let cursor: string | undefined;
	do {
		const sep = path.includes('?') ? '&' : '?';
		const page = await getJson(base, `${path}${sep}limit=250${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, apiKey, fetchImpl);
		yield Array.isArray(page.data) ? page.data : [];
		cursor = typeof page.nextCursor === 'string' && page.nextCursor !== '' ? page.nextCursor : undefined;
	} while (cursor);
}

/** Reads every workflow of the instance and, per workflow, its most recent execution. */
export async function readInstance(instance: string, apiKey: string, fetchImpl: Fetch = fetch): Promise<LiveRead> {
	let base: URL;
	try {
		base = new URL(instance.endsWith('/') ? instance : `${instance}/`);
	} catch {
		throw new LiveError(`--instance ${instance} is not a URL`);
	}
	const result: LiveRead = { workflows: [], facts: new Map(), problems: [] };
	for await (const page of pages(base, 'api/v1/workflows', apiKey, fetchImpl)) {
		for (const raw of page) {
			const id = (raw as { id?: unknown }).id;
			const file = new URL(`workflow/${String(id)}`, base).href;
			try {
				result.workflows.push(toWorkflow(raw, { file }));
			} catch (error) {
				if (error instanceof WorkflowShapeError) result.problems.push({ file, message: error.message });
				else throw error;
			}
		}
	}
	for (const workflow of result.workflows) {
		const page = await getJson(base, `api/v1/executions?workflowId=${encodeURIComponent(workflow.id ?? '')}&limit=1`, apiKey, fetchImpl);
		const last = Array.isArray(page.data) ? (page.data[0] as Record<string, unknown> | undefined) : undefined;
		const facts: LiveFacts = { live: true };
		if (last && typeof last.startedAt === 'string') facts.lastExecution = { startedAt: last.startedAt, status: String(last.status ?? (last.finished ? 'success' : 'unknown')) };
		result.facts.set(workflow, facts);
	}
	return result;
}
