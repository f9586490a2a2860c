/** Live mode against a fake public API: pages through every cursor, reads the last execution, sends only GETs. */
import { LiveError, readInstance } from '../../cli/src/commands/live';
import { flow, manual } from '../../cli/src/check/rules/fixture-kit';

function fakeApi(workflowCount: number, pageSize: number, status = 200) {
	const requests: { method: string; url: URL }[] = [];
	const workflows = Array.from({ length: workflowCount }, (_, i) => ({ ...flow(`Live ${i}`, [manual()]), id: `w${i}` }));
	const fetchImpl = (async (input: URL, init?: RequestInit) => {
		const url = new URL(String(input));
		requests.push({ method: init?.method ?? 'GET', url });
		const json = (body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
		if (url.pathname === '/api/v1/workflows') {
			const start = Number(url.searchParams.get('cursor') ?? 0);
			const next = start + pageSize < workflows.length ? String(start + pageSize) : null;
			return json({ data: workflows.slice(start, start + pageSize), nextCursor: next });
		}
		const id = url.searchParams.get('workflowId');
		return json({ data: id === 'w1' ? [{ id: '9', startedAt: '2026-11-02T10:00:00.000Z', status: 'error' }] : [] });
	}) as unknown as typeof fetch;
	return { fetchImpl, requests };
}

describe('live mode over the public API', () => {
	test('when the instance has more workflows than one page then every page is read through its cursor', async () => {
		const api = fakeApi(7, 3);
		// the page size the CLI asks for is n8n's maximum; the fake answers 3 at a time, as a smaller server limit would
		const read = await readInstance('http://127.0.0.1:5678', 'key', api.fetchImpl);
		expect(read.workflows.map((w) => w.id)).toEqual(['w0', 'w1', 'w2', 'w3', 'w4', 'w5', 'w6']);
		expect(api.requests.filter((r) => r.url.pathname === '/api/v1/workflows').map((r) => r.url.searchParams.get('cursor'))).toEqual([null, '3', '6']);
	});

	test('when a workflow ran then its last execution time and status are known; otherwise none is', async () => {
		const api = fakeApi(3, 250);
		const read = await readInstance('http://127.0.0.1:5678/', 'key', api.fetchImpl);
		const byId = new Map(read.workflows.map((w) => [w.id, read.facts.get(w)]));
		expect(byId.get('w1')).toEqual({ live: true, lastExecution: { startedAt: '2026-11-02T10:00:00.000Z', status: 'error' } });
		expect(byId.get('w0')).toEqual({ live: true });
	});

	test('it sends GET requests only', async () => {
		const api = fakeApi(4, 2);
		await readInstance('http://127.0.0.1:5678', 'key', api.fetchImpl);
		expect(new Set(api.requests.map((r) => r.method))).toEqual(new Set(['GET']));
	});

	test('when the key is refused then it stops with a message naming the scopes', async () => {
		await expect(readInstance('http://127.0.0.1:5678', 'bad', fakeApi(1, 1, 401).fetchImpl)).rejects.toThrow(LiveError);
		await expect(readInstance('http://127.0.0.1:5678', 'bad', fakeApi(1, 1, 401).fetchImpl)).rejects.toThrow(/workflow:read/);
	});
});
