import { GovernanceError, GovernanceErrorCode } from '../errors/governance-error';
import type { N8nApi } from '../shared/n8n-api';
import { callN8nApi, refusalStatus } from '../shared/n8n-api';
import type { WindowState } from './run-plan';

/**
 * Window limits (executions per window, spend budget) kept in an n8n data table, reached through n8n's public API,
 * so every worker and every overlapping execution sees one count. The table has the columns `key` (string),
 * `version` (number), `state` (string: the JSON window state) and `writer` (string).
 *
 * The data table API has no increment, but its row update is one `UPDATE … WHERE <filter>`: filtering on the version
 * read makes it a compare-and-swap. A run reads the row, decides, and writes `version + 1` only where the version is
 * still the one it read; if another run wrote first, nothing matches and it reads and decides again. Every write names
 * its writer, and a write counts only when the row n8n returns carries that name: on SQLite n8n selects the rows
 * before it updates them, so it can return a row another run changed.
 */
export const LIMIT_STORE_COLUMNS = [
	{ name: 'key', type: 'string' },
	{ name: 'version', type: 'number' },
	{ name: 'state', type: 'string' },
	{ name: 'writer', type: 'string' },
] as const;

export interface StoredWindow {
	version: number;
	/** Who wrote this version: with the version, it names one row state (see swap). */
	writer: string;
	state: WindowState;
}

interface Row {
	id?: unknown;
	version?: unknown;
	state?: unknown;
	writer?: unknown;
}

const filterFor = (key: string, at?: { version: number; writer: string }) => ({
	type: 'and',
	filters: [
		{ columnName: 'key', condition: 'eq', value: key },
		...(at === undefined
			? []
			: [
					{ columnName: 'version', condition: 'eq', value: at.version },
					{ columnName: 'writer', condition: 'eq', value: at.writer },
				]),
	],
});

/** The live row of a key: the highest version; between rows two runs created at once, the first created. */
function liveRow(rows: Row[]): Row {
	const id = (r: Row) => (typeof r.id === 'number' ? r.id : Number.MAX_SAFE_INTEGER);
	return rows.reduce((a, b) => {
		const [va, vb] = [a.version as number, b.version as number];
		return vb > va || (vb === va && id(b) < id(a)) ? b : a;
	});
}

function parseState(raw: unknown): WindowState {
	if (typeof raw !== 'string' || raw === '') return {};
	try {
		const parsed = JSON.parse(raw) as unknown;
		return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as WindowState) : {};
	} catch {
		return {};
	}
}

/** The data-table store of one limit key (`<workflow id>:<node id>`). */
export class DataTableWindowStore {
	constructor(
		private readonly api: N8nApi,
		private readonly tableId: string,
		readonly key: string,
	) {
		if (!/^[A-Za-z0-9_-]{1,64}$/.test(tableId)) {
			throw new GovernanceError(GovernanceErrorCode.InvalidConfiguration, `"${tableId.slice(0, 80)}" is not a data table id.`, {
				hint: 'Put the id of the limit data table (from its URL in n8n) into the Governance Limit Store API credential.',
			});
		}
	}

	private get rows(): string {
		return `/data-tables/${encodeURIComponent(this.tableId)}/rows`;
	}

	/** The live row of this key (creating it at version 0 the first time). */
	async read(creator: string): Promise<StoredWindow> {
		for (let attempt = 0; attempt < 2; attempt++) {
			const body = (await callN8nApi(
				this.api,
				{ method: 'GET', path: this.rows, qs: { filter: JSON.stringify(filterFor(this.key)), limit: 50 }, scope: 'dataTableRow:read' },
				`read the limit window "${this.key}" from data table ${this.tableId}`,
			)) as { data?: Row[] };
			const rows = (body?.data ?? []).filter((r) => Number.isSafeInteger(r.version) && typeof r.writer === 'string');
			if (rows.length > 0) {
				const live = liveRow(rows);
				return { version: live.version as number, writer: live.writer as string, state: parseState(live.state) };
			}
			await callN8nApi(
				this.api,
				{ method: 'POST', path: this.rows, body: { data: [{ key: this.key, version: 0, state: '{}', writer: `created by ${creator}` }], returnType: 'id' }, scope: 'dataTableRow:create' },
				`create the limit window "${this.key}" in data table ${this.tableId}`,
			);
		}
		throw new GovernanceError(GovernanceErrorCode.SourceUnavailable, `The limit window "${this.key}" was created in data table ${this.tableId} but cannot be read back.`, {
			hint: 'Check that the table has the columns key (string), version (number), state (string) and writer (string).',
		});
	}

	/**
	 * Writes `state` as version + 1 if the row is still as read (`version` by `read.writer`); false when another run
	 * wrote first. Version and writer together name one row state, so a stale read never matches a row created later.
	 */
	async swap(read: { version: number; writer: string }, state: WindowState, writer: string): Promise<boolean> {
		const { version } = read;
		let body: unknown;
		try {
			body = await callN8nApi(
				this.api,
				{
					method: 'PATCH',
					path: `${this.rows}/update`,
					body: { filter: filterFor(this.key, read), data: { version: version + 1, state: JSON.stringify(state), writer }, returnData: true },
					scope: 'dataTableRow:update',
				},
				`record the limit window "${this.key}" in data table ${this.tableId}`,
			);
		} catch (error) {
			// SQLite refuses a write whose read went stale (busy snapshot): n8n answers 500; read and decide again.
			if ((refusalStatus(error) ?? 0) >= 500) return false;
			throw error;
		}
		return Array.isArray(body) && body.some((row: Row) => row?.writer === writer && row?.version === version + 1);
	}
}

/** What one decision of {@link decideShared} returns: the state to write (undefined: nothing changed) and a result. */
export interface SharedDecision<T> {
	write?: WindowState;
	result: T;
}

/**
 * Reads the window, lets `decide` plan on it, writes the plan's new state with compare-and-swap, and decides again on
 * a lost race, up to `maxAttempts` (then fails closed: the limit cannot be confirmed). `decide` may throw to stop
 * without writing (e.g. a run that halts in Stop mode counts nothing).
 */
export async function decideShared<T>(
	store: DataTableWindowStore,
	decide: (state: WindowState) => SharedDecision<T>,
	options: { writer: string; wait: (ms: number) => Promise<void>; maxAttempts?: number },
): Promise<T> {
	const maxAttempts = options.maxAttempts ?? 30;
	const seed = [...options.writer].reduce((sum, c) => (sum * 31 + c.charCodeAt(0)) % 65521, 7);
	for (let attempt = 1; ; attempt++) {
		const read = await store.read(options.writer);
		const decision = decide(read.state);
		if (decision.write === undefined) return decision.result;
		if (await store.swap(read, decision.write, `${options.writer}#${attempt}`)) return decision.result;
		if (attempt >= maxAttempts) {
			throw new GovernanceError(
				GovernanceErrorCode.SourceUnavailable,
				`The limit window "${store.key}" changed under this run ${maxAttempts} times in a row, so its count could not be recorded; halting rather than passing uncounted.`,
				{ hint: 'Many executions passed at once. Retry the run, or spread the load (e.g. a lower trigger concurrency).' },
			);
		}
		// Back off a little, more with each lost race, so that many runs of a burst do not retry in lockstep.
		await options.wait(Math.min(200, 5 * attempt + ((seed * attempt) % 23)));
	}
}
