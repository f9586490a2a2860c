/**
 * Calls that go through the queue cluster's webhook processor, and which worker ran an execution.
 * Everything else (credentials, workflows, executions) is the e2e client (test/e2e/harness/client.ts), which talks
 * to the main through NGOV_E2E (set by the global setup).
 */
import { attachQueueCluster } from './cluster';

const sleep = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

export interface WebhookAnswer {
	status: number;
	text: string;
	json: any;
}

/** POSTs to a production webhook on the webhook processor; retries 404 briefly (a fresh activation takes a moment). */
export async function callQueueWebhook(
	path: string,
	{
		method = 'POST',
		body,
		rawBody,
		headers = {},
		timeoutMs = 150000,
	}: { method?: string; body?: unknown; rawBody?: string; headers?: Record<string, string>; timeoutMs?: number } = {},
): Promise<WebhookAnswer> {
	const { webhookUrl } = attachQueueCluster();
	const started = Date.now();
	for (let attempt = 0; ; attempt++) {
		// a call n8n never answers fails here, named, instead of as the test's own timeout with nothing to go on
		const response = await fetch(`${webhookUrl}/webhook/${path}`, {
			method,
			headers: { 'content-type': 'application/json', ...headers },
			body: rawBody ?? (body === undefined ? undefined : JSON.stringify(body)),
			signal: AbortSignal.timeout(Math.max(1, timeoutMs - (Date.now() - started))),
		}).catch((error: Error) => {
			throw error.name === 'TimeoutError' ? new Error(`${method} /webhook/${path}: no answer within ${timeoutMs} ms`) : error;
		});
		const text = await response.text();
		if (response.status === 404 && attempt < 100) {
			await sleep(200);
			continue;
		}
		let json: any;
		try {
			json = JSON.parse(text);
		} catch {
			json = undefined;
		}
		return { status: response.status, text, json };
	}
}

/** Indexes of the workers whose log says they started `executionId` (a resumed run is started again). */
export function workersThatRan(executionId: string): number[] {
	return attachQueueCluster()
		.workers.filter((w) => w.executions().includes(String(executionId)))
		.map((w) => w.index);
}

/** Waits until some worker logged the start of `executionId`; returns the first such worker's index. */
export async function waitForWorkerOf(executionId: string, timeoutMs = 30000): Promise<number> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const ran = workersThatRan(executionId);
		if (ran.length > 0) return ran[0];
		if (Date.now() > deadline) throw new Error(`no worker logged the start of execution ${executionId}`);
		await sleep(200);
	}
}

/** Every execution of a workflow (public API, cursor paging), with its data. */
export async function allExecutions(workflowId: string): Promise<any[]> {
	const { mainUrl, apiKey } = attachQueueCluster();
	const out: any[] = [];
	let cursor: string | undefined;
	do {
		const query = new URLSearchParams({ workflowId, includeData: 'true', limit: '100' });
		if (cursor) query.set('cursor', cursor);
		const response = await fetch(`${mainUrl}/api/v1/executions?${query.toString()}`, { headers: { 'x-n8n-api-key': apiKey, accept: 'application/json' } });
		if (!response.ok) throw new Error(`GET /executions answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
		const page = (await response.json()) as { data: any[]; nextCursor?: string | null };
		out.push(...page.data);
		cursor = page.nextCursor ?? undefined;
	} while (cursor);
	return out;
}
