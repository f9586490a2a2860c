import { parseTraceparent } from './trace-context';
import type { AuditActor, PolicyEvaluation } from './types';

/**
 * What upstream governance nodes leave on an item, read defensively: items are user data, so every
 * shape is checked and anything unexpected is ignored rather than trusted.
 */

/** The Approval Gate's decision (`item.approval`), when the item carries a well-formed one. */
export interface ItemApproval {
	decision: 'approved' | 'rejected';
	approver: string;
	factor?: string;
	requestId?: string;
	decidedAt?: string;
}

/** The Redact node's report (`item.redaction`): counts per entity, fields touched, rule set version. */
export interface ItemRedaction {
	counts: Record<string, number>;
	fields: string[];
	ruleSetVersion?: string;
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function str(value: unknown): string | undefined {
	return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

export function approvalOf(json: Json): ItemApproval | undefined {
	const a = json.approval;
	if (!isObject(a) || (a.decision !== 'approved' && a.decision !== 'rejected')) return undefined;
	const approver = str(a.approver);
	if (approver === undefined) return undefined;
	return { decision: a.decision, approver, factor: str(a.factor), requestId: str(a.requestId), decidedAt: str(a.decidedAt) };
}

export function redactionOf(json: Json): ItemRedaction | undefined {
	const r = json.redaction;
	if (!isObject(r) || !isObject(r.counts)) return undefined;
	const counts: Record<string, number> = {};
	for (const [entity, count] of Object.entries(r.counts)) {
		if (typeof count === 'number' && Number.isSafeInteger(count) && count > 0 && /^[A-Z][A-Z0-9_]{0,63}$/.test(entity)) counts[entity] = count;
	}
	const fields = Array.isArray(r.fields) ? r.fields.filter((f): f is string => typeof f === 'string') : [];
	return { counts, fields, ruleSetVersion: str(r.ruleSetVersion) };
}

/** "3 EMAIL_ADDRESS, 1 PHONE_NUMBER": most frequent first, then by name. */
export function describeCounts(counts: Record<string, number>): string {
	return Object.entries(counts)
		.sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0))
		.map(([entity, count]) => `${count} ${entity}`)
		.join(', ');
}

/**
 * Policy evaluations an item carries: the Redact node's report, the Approval Gate's decision, and the
 * Environment Assertion's stamp (`item.governance`, present only on items that passed it).
 */
export function policiesOf(json: Json): PolicyEvaluation[] {
	const policies: PolicyEvaluation[] = [];
	const governance = json.governance;
	if (isObject(governance) && str(governance.environment) !== undefined && governance.violations === undefined) {
		policies.push({ policy: 'environment-assertion', result: 'passed', detail: `environment ${str(governance.environment)}` });
	}
	const redaction = redactionOf(json);
	if (redaction) {
		const described = describeCounts(redaction.counts);
		const where = redaction.fields.length > 0 ? ` in ${redaction.fields.length} field(s)` : '';
		const rules = redaction.ruleSetVersion ? ` (rule set ${redaction.ruleSetVersion})` : '';
		policies.push(
			described === ''
				? { policy: 'redaction', result: 'nothing_found', detail: `no detections${rules}` }
				: { policy: 'redaction', result: 'applied', detail: `${described}${where}${rules}` },
		);
	}
	const approval = approvalOf(json);
	if (approval) {
		const parts = [`by ${approval.approver}`];
		if (approval.factor) parts.push(`via ${approval.factor}`);
		if (approval.requestId) parts.push(`request ${approval.requestId}`);
		policies.push({ policy: 'approval', result: approval.decision, detail: parts.join(', ') });
	}
	return policies;
}

function header(headers: unknown, name: string): string | undefined {
	if (!isObject(headers)) return undefined;
	const value = headers[name] ?? headers[name.toLowerCase()];
	if (Array.isArray(value)) return str(value[0]);
	return str(value);
}

/**
 * The `traceparent` to continue: the trigger's incoming header (`item.headers.traceparent`), else the
 * one an earlier Audit Emitter put on the item (`item.audit.traceparent`); only valid W3C values.
 */
export function traceparentOf(json: Json): string | undefined {
	for (const candidate of [header(json.headers, 'traceparent'), isObject(json.audit) ? str(json.audit.traceparent) : undefined]) {
		if (candidate !== undefined && parseTraceparent(candidate)) return candidate;
	}
	return undefined;
}

/** How the execution started: from the execution mode and the trigger node types upstream of the emitter. */
export interface TriggerInfo {
	mode: string;
	/** Type and name of the trigger node(s) upstream, if any. */
	triggers: Array<{ type: string; name: string }>;
}

const SCHEDULE = /(scheduleTrigger|cron|interval)$/i;
const WEBHOOK = /(webhook|formTrigger|chatTrigger)$/i;

/**
 * Who triggered, when nobody told us: the approver of an Approval Gate decision; the webhook caller
 * (client address from X-Forwarded-For / X-Real-IP when a proxy set one); a schedule; the editor user
 * (manual runs; n8n does not tell nodes which user); else the system with the trigger's name.
 */
export function deriveActor(json: Json, trigger: TriggerInfo): AuditActor {
	const approval = approvalOf(json);
	if (approval) return { type: 'user', id: approval.approver };
	const first = trigger.triggers[0];
	const webhook = trigger.triggers.find((t) => WEBHOOK.test(t.type));
	if (trigger.mode === 'webhook' || (webhook && trigger.mode !== 'manual')) {
		const forwarded = header(json.headers, 'x-forwarded-for')?.split(',')[0]?.trim();
		const address = forwarded || header(json.headers, 'x-real-ip');
		return { type: 'webhook', ...(address ? { id: address } : {}), ...(webhook ? { name: webhook.name } : {}) };
	}
	if (trigger.mode === 'manual') return { type: 'user', name: 'manual run from the editor' };
	const schedule = trigger.triggers.find((t) => SCHEDULE.test(t.type));
	if (schedule) return { type: 'schedule', name: schedule.name };
	if (trigger.mode === 'integrated') return { type: 'workflow', name: 'calling workflow' };
	return { type: 'system', ...(first ? { name: first.name } : { name: `${trigger.mode} execution` }) };
}
