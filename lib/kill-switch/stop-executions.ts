import { GovernanceError, GovernanceErrorCode } from '../errors/governance-error';
import type { N8nApi } from '../shared/n8n-api';
import { callN8nApi, refusalStatus } from '../shared/n8n-api';

/** Execution states that can be stopped, as n8n's stop API names them. */
export type StopStatus = 'queued' | 'running' | 'waiting';

export const STOP_STATUSES: readonly StopStatus[] = ['queued', 'running', 'waiting'];

/** The executions list filters queued runs as `new`; the stop API calls them `queued`. */
const LIST_STATUS: Readonly<Record<StopStatus, string>> = { queued: 'new', running: 'running', waiting: 'waiting' };

const PAGE = 250;
const MAX_PAGES = 200;

export interface StopInput {
	/** Workflow ids, or 'all' (every workflow the key's user may execute). */
	workflows: 'all' | readonly string[];
	statuses: readonly StopStatus[];
	/** The execution doing the stopping: never stopped, never counted. */
	own: { executionId: string; workflowId: string };
	dryRun: boolean;
	reason: string;
	/** How often to stop and count again while some remain (runs that were queued while stopping). Default 3. */
	maxPasses?: number;
	/**
	 * Pause before counting again after pass n (n × 1 s by default when given): in queue mode n8n 2.41.1 leaves the
	 * jobs of queued executions it marked canceled in Redis, and a worker that picks one up runs it anyway; with the
	 * kill-switch flag on, such a run halts at the Kill Switch within moments, so a later count finds it done.
	 */
	wait?: (ms: number) => Promise<void>;
}

export type StatusCounts = Record<StopStatus, number>;

/** What the stop did, for the node's output and the audit event. */
export interface StopReport {
	dryRun: boolean;
	reason: string;
	workflows: 'all' | string[];
	statuses: StopStatus[];
	/** Found before stopping (the dry run's answer), own execution left out. */
	found: StatusCounts;
	/** n8n's count of stopped executions (0 in a dry run). */
	stopped: number;
	/** Still there after the last pass (0 everywhere when done). */
	remaining: StatusCounts;
	passes: number;
	ownExecutionId: string;
}

function invalid(message: string, hint: string): GovernanceError {
	return new GovernanceError(GovernanceErrorCode.InvalidConfiguration, message, { hint });
}

/** Checks and normalises the input; throws a GovernanceError naming the field to fix. */
export function checkStopInput(input: StopInput): StopInput {
	const statuses = [...new Set(input.statuses)];
	if (statuses.length === 0 || statuses.some((s) => !STOP_STATUSES.includes(s))) {
		throw invalid(`"Statuses" must name at least one of ${STOP_STATUSES.join(', ')}.`, 'Choose which executions to stop under "Statuses".');
	}
	if (input.reason.trim() === '') throw invalid('"Reason" is empty: a stop must say why.', 'Fill in "Reason", e.g. the incident number.');
	if (input.workflows !== 'all') {
		const ids = [...new Set(input.workflows.map((id) => id.trim()).filter((id) => id !== ''))];
		if (ids.length === 0) throw invalid('No workflow id given.', 'List the workflow ids to stop (comma-separated), or choose "All Workflows".');
		const bad = ids.find((id) => !/^[A-Za-z0-9_-]{1,64}$/.test(id));
		if (bad !== undefined) throw invalid(`"${bad.slice(0, 80)}" is not a workflow id.`, 'Use the id from the workflow URL (…/workflow/<id>).');
		return { ...input, workflows: ids, statuses, reason: input.reason.trim() };
	}
	return { ...input, statuses, reason: input.reason.trim() };
}

const zero = (): StatusCounts => ({ queued: 0, running: 0, waiting: 0 });

/** Ids of the executions in `status` (optionally of one workflow), own execution left out. */
async function listIds(api: N8nApi, status: StopStatus, workflowId: string | undefined, ownId: string): Promise<string[]> {
	const ids: string[] = [];
	let cursor: string | undefined;
	for (let page = 0; page < MAX_PAGES; page++) {
		const qs: Record<string, string | number> = { status: LIST_STATUS[status], limit: PAGE };
		if (workflowId !== undefined) qs.workflowId = workflowId;
		if (cursor !== undefined) qs.cursor = cursor;
		const what = `list the ${status} executions${workflowId ? ` of workflow ${workflowId}` : ''}`;
		const body = (await callN8nApi(api, { method: 'GET', path: '/executions', qs, scope: 'execution:list' }, what)) as {
			data?: Array<{ id?: unknown }>;
			nextCursor?: unknown;
		};
		for (const row of body?.data ?? []) {
			const id = String(row?.id ?? '');
			if (id !== '' && id !== ownId) ids.push(id);
		}
		if (typeof body?.nextCursor !== 'string' || body.nextCursor === '') return ids;
		cursor = body.nextCursor;
	}
	return ids;
}

async function count(api: N8nApi, input: StopInput): Promise<{ counts: StatusCounts; running: Map<string, string[]> }> {
	const counts = zero();
	const running = new Map<string, string[]>();
	const targets = input.workflows === 'all' ? [undefined] : input.workflows;
	for (const target of targets) {
		for (const status of input.statuses) {
			const ids = await listIds(api, status, target, input.own.executionId);
			counts[status] += ids.length;
			if (status === 'running') running.set(target ?? 'all', ids);
		}
	}
	return { counts, running };
}

const total = (counts: StatusCounts): number => counts.queued + counts.running + counts.waiting;

/** Stops one running execution by id; one that ended meanwhile (404, 409) is not an error. */
async function stopOne(api: N8nApi, id: string): Promise<number> {
	try {
		await callN8nApi(api, { method: 'POST', path: `/executions/${encodeURIComponent(id)}/stop`, body: {}, scope: 'execution:stop' }, `stop execution ${id}`);
		return 1;
	} catch (error) {
		const status = refusalStatus(error);
		if (status === 404 || status === 409) return 0;
		throw error;
	}
}

/** One pass: n8n's bulk stop where it cannot hit this execution, stops by id where it could. */
async function stopPass(api: N8nApi, input: StopInput, running: Map<string, string[]>): Promise<number> {
	let stopped = 0;
	const targets = input.workflows === 'all' ? ['all'] : input.workflows;
	for (const target of targets) {
		// This execution is running: a bulk stop of running executions that could include it would stop it too.
		const mayHitOwn = target === 'all' || target === input.own.workflowId;
		const bulk = input.statuses.filter((s) => !(mayHitOwn && s === 'running'));
		if (bulk.length > 0) {
			const body = (await callN8nApi(
				api,
				{ method: 'POST', path: '/executions/stop', body: { status: bulk, workflowId: target }, scope: 'execution:stop' },
				`stop the ${bulk.join('/')} executions of ${target === 'all' ? 'all workflows' : `workflow ${target}`}`,
			)) as { stopped?: unknown };
			stopped += Number.isSafeInteger(body?.stopped) ? (body.stopped as number) : 0;
		}
		if (mayHitOwn && input.statuses.includes('running')) {
			for (const id of running.get(target) ?? []) stopped += await stopOne(api, id);
		}
	}
	return stopped;
}

/**
 * Counts (dry run) or stops the queued, running and waiting executions of the chosen workflows through n8n's public
 * API, never the calling execution. Stops in passes: queued runs may start while it works, so after each pass it
 * counts again, up to `maxPasses`. Throws when some remain after the last pass (the report is in `details`).
 */
export async function stopExecutions(api: N8nApi, raw: StopInput): Promise<StopReport> {
	const input = checkStopInput(raw);
	const first = await count(api, input);
	const report: StopReport = {
		dryRun: input.dryRun,
		reason: input.reason,
		workflows: input.workflows === 'all' ? 'all' : [...input.workflows],
		statuses: [...input.statuses],
		found: first.counts,
		stopped: 0,
		remaining: first.counts,
		passes: 0,
		ownExecutionId: input.own.executionId,
	};
	if (input.dryRun) return report;
	let running = first.running;
	const maxPasses = Math.max(1, input.maxPasses ?? 3);
	while (total(report.remaining) > 0 && report.passes < maxPasses) {
		report.stopped += await stopPass(api, input, running);
		report.passes += 1;
		if (input.wait) await input.wait(1000 * report.passes);
		const after = await count(api, input);
		report.remaining = after.counts;
		running = after.running;
	}
	if (total(report.remaining) > 0) {
		const { queued, running: run, waiting } = report.remaining;
		throw new GovernanceError(
			GovernanceErrorCode.SourceUnavailable,
			`${total(report.remaining)} executions are still there after ${report.passes} stop passes (running ${run}, waiting ${waiting}, queued ${queued}); ${report.stopped} were stopped.`,
			{ hint: 'New runs keep arriving: flip the kill switch first so they halt, then run this node again.', details: { report } },
		);
	}
	return report;
}
