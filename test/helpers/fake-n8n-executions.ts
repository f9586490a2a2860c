import type { N8nApi, N8nApiRequest } from '../../lib/shared/n8n-api';

export interface FakeExecution {
	id: string;
	workflowId: string;
	status: 'new' | 'running' | 'waiting' | 'success' | 'canceled';
}

/**
 * A small stand-in for n8n's public executions API (2.41.1 semantics): GET /executions filters by status (queued runs
 * are `new`) and workflowId with cursor paging; POST /executions/stop stops by public status (`queued` → `new`) and
 * workflowId (`all` = every workflow); POST /executions/{id}/stop stops one (409 when it already ended). Scopes the
 * key lacks answer 403. `onStop` runs after each stop call (to simulate runs arriving meanwhile).
 */
export function fakeExecutionsApi(options: { executions: FakeExecution[]; scopes?: string[]; pageSize?: number; onStop?: () => void }) {
	const calls: N8nApiRequest[] = [];
	const scopes = options.scopes ?? ['execution:list', 'execution:stop'];
	const publicToInternal: Record<string, string> = { queued: 'new', running: 'running', waiting: 'waiting' };
	const api: N8nApi = async (request) => {
		calls.push(request);
		if (!scopes.includes(request.scope)) return { status: 403, body: { message: 'Forbidden' } };
		if (request.method === 'GET' && request.path === '/executions') {
			const qs = request.qs ?? {};
			const limit = Math.min(Number(qs.limit ?? 100), options.pageSize ?? 250);
			const matching = options.executions.filter((e) => (qs.status === undefined || e.status === qs.status) && (qs.workflowId === undefined || e.workflowId === qs.workflowId));
			const start = qs.cursor === undefined ? 0 : Number(qs.cursor);
			const page = matching.slice(start, start + limit);
			const next = start + limit < matching.length ? String(start + limit) : null;
			return { status: 200, body: { data: page.map((e) => ({ id: e.id, workflowId: e.workflowId, status: e.status })), nextCursor: next } };
		}
		if (request.method === 'POST' && request.path === '/executions/stop') {
			const body = request.body as { status: string[]; workflowId?: string };
			const wanted = body.status.map((s) => publicToInternal[s]);
			let stopped = 0;
			for (const e of options.executions) {
				if (!wanted.includes(e.status)) continue;
				if (body.workflowId !== undefined && body.workflowId !== 'all' && e.workflowId !== body.workflowId) continue;
				e.status = 'canceled';
				stopped++;
			}
			options.onStop?.();
			return { status: 200, body: { stopped } };
		}
		const one = /^\/executions\/([^/]+)\/stop$/.exec(request.path);
		if (request.method === 'POST' && one) {
			const e = options.executions.find((x) => x.id === decodeURIComponent(one[1]));
			if (!e) return { status: 404, body: { message: 'Not Found' } };
			if (!['new', 'running', 'waiting'].includes(e.status)) return { status: 409, body: { message: `Only running or waiting executions can be stopped and ${e.id} is currently ${e.status}` } };
			e.status = 'canceled';
			options.onStop?.();
			return { status: 200, body: { id: e.id, status: 'canceled' } };
		}
		return { status: 404, body: { message: 'Not Found' } };
	};
	return { api, calls };
}

/** `n` executions of `workflowId` in `status`, ids `<prefix><i>`. */
export function executionsOf(workflowId: string, status: FakeExecution['status'], n: number, prefix = `${workflowId}-${status}-`): FakeExecution[] {
	return Array.from({ length: n }, (_, i) => ({ id: `${prefix}${i}`, workflowId, status }));
}
