import type { AuditEvent } from './types';
import { AUDIT_CHAIN_CLOSED_TYPE } from './types';

/** Filters of {@link queryAuditEvents}; all given filters must match. */
export interface AuditQuery {
	/** Matches `data.execution.id` or, when absent, `chainid`. */
	executionId?: string;
	workflowId?: string;
	/** Matches actor id or name exactly, or `type:id` (e.g. `user:42`), or a bare actor type (`webhook`). */
	actor?: string;
}

/** Events of one chain (one execution), in seq order. */
export interface AuditTimelineChain {
	chainId: string;
	executionId?: string;
	executionMode?: string;
	workflow?: { id: string; name?: string; versionId?: string };
	correlationId?: string;
	closed: boolean;
	events: AuditEvent[];
}

export interface AuditTimeline {
	chains: AuditTimelineChain[];
	/** Number of matching events. */
	total: number;
}

function matchesActor(event: AuditEvent, actor: string): boolean {
	const a = event.data.actor;
	if (!a) return false;
	if (a.id === actor || a.name === actor || a.type === actor) return true;
	const colon = actor.indexOf(':');
	return colon > 0 && a.type === actor.slice(0, colon) && a.id === actor.slice(colon + 1);
}

function matches(event: AuditEvent, query: AuditQuery): boolean {
	const data = event.data;
	if (query.executionId !== undefined && (data.execution ? data.execution.id : event.chainid) !== query.executionId) return false;
	if (query.workflowId !== undefined && data.workflow?.id !== query.workflowId) return false;
	return query.actor === undefined || matchesActor(event, query.actor);
}

/**
 * Selects events matching `query` (no filter = all) and groups them into a timeline: one entry per
 * chain, chains ordered by their first event's time then chain id, events ordered by seq. Does not
 * verify: run {@link verifyAuditEvents} first when the input is untrusted.
 */
export function queryAuditEvents(events: readonly AuditEvent[], query: AuditQuery = {}): AuditTimeline {
	const byChain = new Map<string, AuditEvent[]>();
	let total = 0;
	const filtered = query.executionId !== undefined || query.workflowId !== undefined || query.actor !== undefined;
	for (const event of events) {
		if (event === null || typeof event !== 'object' || event.data === null || typeof event.data !== 'object') continue;
		if (filtered && !matches(event, query)) continue;
		total++;
		const list = byChain.get(event.chainid);
		if (list) list.push(event);
		else byChain.set(event.chainid, [event]);
	}
	const chains: AuditTimelineChain[] = [];
	for (const [chainId, list] of byChain) {
		let sorted = true;
		let workflow: AuditTimelineChain['workflow'];
		let execution: AuditEvent['data']['execution'];
		let closed = false;
		for (let i = 0; i < list.length; i++) {
			const event = list[i];
			if (i > 0 && list[i - 1].seq > event.seq) sorted = false;
			if (workflow === undefined) workflow = event.data.workflow;
			if (execution === undefined) execution = event.data.execution;
			if (event.type === AUDIT_CHAIN_CLOSED_TYPE) closed = true;
		}
		if (!sorted) list.sort((a, b) => a.seq - b.seq);
		chains.push({
			chainId,
			executionId: execution?.id,
			executionMode: execution?.mode,
			workflow,
			correlationId: list[0].data.correlationId,
			closed,
			events: list,
		});
	}
	chains.sort((a, b) => {
		const ta = a.events[0].time;
		const tb = b.events[0].time;
		if (ta !== tb) return ta < tb ? -1 : 1;
		return a.chainId < b.chainId ? -1 : a.chainId > b.chainId ? 1 : 0;
	});
	return { chains, total };
}

function describeActor(event: AuditEvent): string {
	const a = event.data.actor;
	if (!a) return 'unknown';
	const who = a.name && a.id ? `${a.name} (${a.id})` : a.name ?? a.id;
	const marks = [a.verifiedBy ? `verified by ${a.verifiedBy}` : '', a.claimed ? `claims ${a.claimed.id} via ${a.claimed.source}, unverified` : ''].filter(Boolean);
	return `${who ? `${a.type}:${who}` : a.type}${marks.length > 0 ? ` [${marks.join('; ')}]` : ''}`;
}

/**
 * Renders a timeline as text answering: what executed (workflow, execution, nodes and actions),
 * which workflow version, and which identity acted.
 */
export function formatAuditTimeline(timeline: AuditTimeline): string {
	if (timeline.chains.length === 0) return 'No matching audit events.\n';
	const lines: string[] = [];
	for (const chain of timeline.chains) {
		const wf = chain.workflow;
		const wfText = wf ? `${wf.name ? `"${wf.name}" ` : ''}(${wf.id})` : '(unknown workflow)';
		lines.push(`Execution ${chain.executionId ?? chain.chainId}${chain.executionMode ? ` [${chain.executionMode}]` : ''} of workflow ${wfText}`);
		lines.push(`  version: ${wf?.versionId ?? 'unknown (the emitter had no n8n API credential)'}`);
		const identities = [...new Set(chain.events.filter((e) => e.type !== AUDIT_CHAIN_CLOSED_TYPE).map(describeActor))];
		lines.push(`  identity: ${identities.join(', ') || 'unknown'}`);
		const env = chain.events[0].data;
		const profile = [env.environment && `environment=${env.environment}`, env.owner && `owner=${env.owner}`, env.dataClassification && `classification=${env.dataClassification}`].filter(Boolean);
		if (profile.length > 0) lines.push(`  profile: ${profile.join(' ')}`);
		lines.push(`  trace: ${chain.correlationId ?? 'none'}   chain: ${chain.chainId}${chain.closed ? ' (closed)' : ''}`);
		for (const event of chain.events) {
			const d = event.data;
			const parts = [`  #${event.seq}`, event.time, d.action, `-> ${d.outcome}`, `by ${describeActor(event)}`];
			if (d.node) parts.push(`at node "${d.node.name}"${d.node.type ? ` (${d.node.type})` : ''}`);
			if (d.target) parts.push(`on ${d.target.type}:${d.target.id ?? d.target.name ?? ''}`);
			if (d.policies && d.policies.length > 0) {
				parts.push(`policies[${d.policies.map((p) => `${p.policy}=${p.result}${p.detail ? ` (${p.detail})` : ''}`).join('; ')}]`);
			}
			if (event.type === AUDIT_CHAIN_CLOSED_TYPE) parts.push(`(${d.count ?? '?'} events before close)`);
			lines.push(parts.join(' '));
		}
		lines.push('');
	}
	lines.push(`${timeline.total} event(s) in ${timeline.chains.length} execution(s).`);
	return lines.join('\n') + '\n';
}
