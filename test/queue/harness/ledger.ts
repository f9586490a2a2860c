/**
 * After a load: what each execution did and where each audit event went.
 * - decided: no node after a governance node ran unless that node ran without error and passed items on;
 * - audit: every event an Audit Emitter made is either at the receiver or named (by id) in the run's error or
 *   on the Undelivered output; the receiver got nothing that no execution made (or that does not verify);
 *   repeated deliveries of one event are listed, not counted as loss.
 */
import type { AuditEvent } from '../../../lib/audit';

export const GOVERNED = ['Environment Assertion', 'Kill Switch', 'Redact', 'Audit Emitter'];
export const CHAIN = [...GOVERNED, 'Set'];

type RunData = Record<string, Array<{ data?: { main: Array<Array<{ json: any }> | null> }; error?: { message?: string; description?: string } }>>;

export interface LedgerReport {
	statuses: Record<string, number>;
	/** Executions where a node ran after a governance node that failed or passed nothing on. */
	undecidedPasses: string[];
	/** Event ids made by a run that neither arrived nor were named undelivered. */
	lost: string[];
	/** Events at the receiver that no execution of the load made. */
	unknown: string[];
	/** Event ids that arrived more than once (identical bytes), with their count. */
	duplicates: Array<{ id: string; count: number; identical: boolean }>;
	/** Event ids named undelivered in a failed run's error (and not delivered). */
	undelivered: string[];
	/** Chains whose run did not finish (crashed, killed): execution id → the seqs that arrived. */
	unfinishedChains: Record<string, number[]>;
	/** The events to verify: one copy per id. */
	uniqueEvents: AuditEvent[];
}

function runDataOf(execution: any): RunData {
	return (execution.data?.resultData?.runData ?? {}) as RunData;
}

function passedOn(runData: RunData, node: string): boolean {
	const run = runData[node]?.[0];
	return run !== undefined && run.error === undefined && (run.data?.main?.[0]?.length ?? 0) > 0;
}

export function ledger(executions: any[], received: Array<{ body: string; json?: any }>, sinkId: string): LedgerReport {
	const statuses: Record<string, number> = {};
	const undecidedPasses: string[] = [];
	const byId = new Map<string, { event: AuditEvent; bodies: string[] }>();
	for (const request of received) {
		for (const event of (Array.isArray(request.json) ? request.json : []) as AuditEvent[]) {
			const entry = byId.get(event.id) ?? { event, bodies: [] };
			entry.bodies.push(JSON.stringify(event));
			byId.set(event.id, entry);
		}
	}
	const duplicates = [...byId.entries()]
		.filter(([, e]) => e.bodies.length > 1)
		.map(([id, e]) => ({ id, count: e.bodies.length, identical: new Set(e.bodies).size === 1 }));
	const eventsByChain = new Map<string, AuditEvent[]>();
	for (const { event } of byId.values()) eventsByChain.set(event.chainid, [...(eventsByChain.get(event.chainid) ?? []), event]);

	const lost: string[] = [];
	const undelivered: string[] = [];
	const unfinishedChains: Record<string, number[]> = {};
	const ours = new Set<string>();
	for (const execution of executions) {
		statuses[execution.status] = (statuses[execution.status] ?? 0) + 1;
		const runData = runDataOf(execution);
		const id = String(execution.id);
		for (let n = 1; n < CHAIN.length; n++) {
			if (runData[CHAIN[n]] && !passedOn(runData, CHAIN[n - 1])) undecidedPasses.push(`${id}: ${CHAIN[n]} ran after ${CHAIN[n - 1]}`);
		}
		const chainId = `${id}/${sinkId}`;
		const arrived = eventsByChain.get(chainId) ?? [];
		arrived.forEach((e) => ours.add(e.id));
		const emitter = runData['Audit Emitter']?.[0];
		if (execution.status !== 'success') unfinishedChains[id] = arrived.map((e) => e.seq).sort((a, b) => a - b);
		if (!emitter) continue;
		if (emitter.error) {
			const named = `${emitter.error.message ?? ''} ${emitter.error.description ?? ''}`;
			const ids = [...named.matchAll(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g)].map((m) => m[0]);
			undelivered.push(...ids.filter((e) => !byId.has(e)));
			if (ids.length === 0) lost.push(`${id}: the Audit Emitter failed without naming undelivered events`);
			continue;
		}
		// The emitter's items name their event; the closing event follows it in the chain.
		const made = (emitter.data?.main?.[0] ?? []).map((item) => String(item.json.audit?.eventId));
		for (const eventId of made) if (!byId.has(eventId)) lost.push(eventId);
		const seqs = arrived.map((e) => e.seq).sort((a, b) => a - b);
		const closed = arrived.some((e) => e.data.action === 'audit.chain.closed');
		if (!closed || seqs.some((s, k) => s !== k)) lost.push(`${id}: chain arrived as seqs ${JSON.stringify(seqs)}${closed ? '' : ' without its closing event'}`);
	}
	const unknown = [...byId.keys()].filter((e) => !ours.has(e));
	return { statuses, undecidedPasses, lost, unknown, duplicates, undelivered, unfinishedChains, uniqueEvents: [...byId.values()].map((e) => e.event) };
}
