import type { N8nApi } from '../../lib/shared/n8n-api';

type Row = Record<string, unknown> & { id: number };
interface Filter {
	type?: 'and';
	filters: Array<{ columnName: string; condition: 'eq'; value: unknown }>;
}

/**
 * A stand-in for n8n's data-table rows API (2.41.1): GET rows with an `eq` filter, POST rows, PATCH rows/update with
 * returnData. `engine: 'postgres'` updates with one UPDATE … RETURNING; `engine: 'sqlite'` reads the matching rows,
 * yields, updates what still matches and returns the rows it read first (re-read by id), as n8n does on SQLite. Every
 * call yields to the event loop a seeded number of times so concurrent callers interleave.
 */
export function fakeDataTable(options: { engine: 'postgres' | 'sqlite'; seed?: number; scopes?: string[] }) {
	const rows: Row[] = [];
	let nextId = 1;
	let seed = options.seed ?? 1;
	const scopes = options.scopes ?? ['dataTableRow:read', 'dataTableRow:create', 'dataTableRow:update'];
	const calls: string[] = [];
	const random = () => {
		seed = (seed * 1103515245 + 12345) % 2147483648;
		return seed / 2147483648;
	};
	const yieldSome = async () => {
		for (let i = Math.floor(random() * 4); i > 0; i--) await new Promise((r) => setImmediate(r));
	};
	const matches = (row: Row, filter: Filter) => filter.filters.every((f) => row[f.columnName] === f.value);
	const api: N8nApi = async (request) => {
		calls.push(`${request.method} ${request.path}`);
		if (!scopes.includes(request.scope)) return { status: 403, body: { message: 'Forbidden' } };
		await yieldSome();
		if (request.method === 'GET') {
			const filter = JSON.parse(String(request.qs?.filter)) as Filter;
			return { status: 200, body: { data: rows.filter((r) => matches(r, filter)).map((r) => ({ ...r })), nextCursor: null } };
		}
		if (request.method === 'POST') {
			const body = request.body as { data: Array<Record<string, unknown>> };
			const ids = body.data.map((data) => {
				const row = { ...data, id: nextId++ };
				rows.push(row);
				return row.id;
			});
			return { status: 200, body: ids };
		}
		if (request.method === 'PATCH') {
			const body = request.body as { filter: Filter; data: Record<string, unknown> };
			if (options.engine === 'postgres') {
				const updated = rows.filter((r) => matches(r, body.filter));
				for (const r of updated) Object.assign(r, body.data);
				return { status: 200, body: updated.map((r) => ({ ...r })) };
			}
			const selected = rows.filter((r) => matches(r, body.filter)).map((r) => r.id);
			await yieldSome();
			for (const r of rows) if (matches(r, body.filter)) Object.assign(r, body.data);
			return { status: 200, body: rows.filter((r) => selected.includes(r.id)).map((r) => ({ ...r })) };
		}
		return { status: 404, body: { message: 'Not Found' } };
	};
	return { api, rows, calls };
}
