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

/**
 * Whether an item's `approval` object carries a valid Approval Gate signature for this execution. The
 * node supplies it (it holds the key); without one, no approval counts as a decision.
 */
export type ApprovalAttested = (approval: unknown) => boolean;

const NOT_ATTESTED: ApprovalAttested = () => false;

/** An item's approval and whether a gate's signature vouches for it. */
export interface ApprovalEvidence {
	approval: ItemApproval;
	verified: boolean;
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

/** The item's approval, checked: a decision only when `attested` says an Approval Gate signed it. */
export function approvalEvidenceOf(json: Json, attested: ApprovalAttested = NOT_ATTESTED): ApprovalEvidence | undefined {
	const approval = approvalOf(json);
	return approval ? { approval, verified: attested(json.approval) } : undefined;
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

/** The report a Stop Executions node put on the item (`item.stopExecutions`), when it has one. */
export function stopReportOf(json: Json): { dryRun: boolean; reason: string; stopped: number; found: Json; workflows: unknown } | undefined {
	const r = json.stopExecutions;
	if (!isObject(r) || typeof r.dryRun !== 'boolean' || str(r.reason) === undefined || !isObject(r.found)) return undefined;
	const stopped = typeof r.stopped === 'number' ? r.stopped : 0;
	return { dryRun: r.dryRun, reason: str(r.reason) as string, stopped, found: r.found, workflows: r.workflows };
}

/**
 * Policy evaluations an item carries: the Redact node's report, the Approval Gate's decision, and the
 * Environment Assertion's stamp (`item.governance`, present only on items that passed it). An approval
 * no gate signed is recorded as `unverified`, with what it claims.
 */
export function policiesOf(json: Json, attested: ApprovalAttested = NOT_ATTESTED): PolicyEvaluation[] {
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
	const stop = stopReportOf(json);
	if (stop) {
		const found = (['running', 'waiting', 'queued'] as const).map((s) => `${s} ${typeof stop.found[s] === 'number' ? stop.found[s] : 0}`).join(', ');
		const scope = Array.isArray(stop.workflows) ? `workflows ${stop.workflows.join(', ')}` : 'all workflows';
		policies.push({
			policy: 'stop-executions',
			result: stop.dryRun ? 'dry_run' : 'stopped',
			detail: `${stop.dryRun ? 'would stop' : `stopped ${stop.stopped} of`} ${found} in ${scope}; reason: ${stop.reason}`,
		});
	}
	const evidence = approvalEvidenceOf(json, attested);
	if (evidence) {
		const { approval, verified } = evidence;
		const parts = [`by ${approval.approver}`];
		if (approval.factor) parts.push(`via ${approval.factor}`);
		if (approval.requestId) parts.push(`request ${approval.requestId}`);
		policies.push(
			verified
				? { policy: 'approval', result: approval.decision, detail: parts.join(', ') }
				: { policy: 'approval', result: 'unverified', detail: `item claims ${approval.decision} ${parts.join(', ')}; no Approval Gate of this run signed it` },
		);
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
	/** Type and name of the trigger node(s) upstream, if any; `authentication` is the Webhook node's setting. */
	triggers: Array<{ type: string; name: string; authentication?: string }>;
	/** Names of the Verify Webhook Signature nodes upstream of the emitter. */
	signatureVerifiers?: string[];
	/** The n8n user who started the run, as n8n's execution context says (manual runs). */
	userId?: string;
}

const SCHEDULE = /(scheduleTrigger|cron|interval)$/i;
const WEBHOOK = /(webhook|formTrigger|chatTrigger)$/i;
/** Longest caller-supplied value kept as a claim. */
const MAX_CLAIM_LENGTH = 200;

/** What the caller said about itself (a proxy header it may have set itself): recorded as a claim, never as the actor id. */
function claimedAddress(json: Json): AuditActor['claimed'] {
	const forwarded = header(json.headers, 'x-forwarded-for')?.split(',')[0]?.trim();
	if (forwarded) return { id: forwarded.slice(0, MAX_CLAIM_LENGTH), source: 'x-forwarded-for' };
	const real = header(json.headers, 'x-real-ip');
	return real ? { id: real.slice(0, MAX_CLAIM_LENGTH), source: 'x-real-ip' } : undefined;
}

/**
 * Who a webhook caller is, as something vouches for it: the JWT the Webhook node verified (`jwtPayload`,
 * which n8n writes only under JWT Auth; the caller's data lives under `body`, `headers` and `query`), or
 * the signature a Verify Webhook Signature node upstream checked (its `signatureCheck` stamp).
 */
function vouchedCaller(json: Json, webhook: TriggerInfo['triggers'][number] | undefined, trigger: TriggerInfo): Partial<AuditActor> {
	if (webhook?.authentication === 'jwtAuth' && isObject(json.jwtPayload)) {
		const subject = str(json.jwtPayload.sub);
		return { ...(subject ? { id: subject } : {}), verifiedBy: 'webhook-jwt' };
	}
	const check = json.signatureCheck;
	if ((trigger.signatureVerifiers ?? []).length > 0 && isObject(check) && check.valid === true && str(check.preset)) {
		return { id: `signed:${str(check.preset)}`, verifiedBy: 'webhook-signature' };
	}
	return {};
}

/**
 * Who triggered, from sources that vouch for it: an Approval Gate decision signed for this run; a
 * webhook caller's verified JWT or signature; the n8n user of a manual run; a schedule. What a caller
 * says about itself (X-Forwarded-For, X-Real-IP) goes to `claimed`, never to `id`. An actor without
 * `verifiedBy` is what the workflow says, not something checked.
 */
export function deriveActor(json: Json, trigger: TriggerInfo, attested: ApprovalAttested = NOT_ATTESTED): AuditActor {
	const evidence = approvalEvidenceOf(json, attested);
	if (evidence?.verified) return { type: 'user', id: evidence.approval.approver, verifiedBy: 'approval-gate' };
	const first = trigger.triggers[0];
	const webhook = trigger.triggers.find((t) => WEBHOOK.test(t.type));
	if (trigger.mode === 'webhook' || (webhook && trigger.mode !== 'manual')) {
		const claimed = claimedAddress(json);
		return { type: 'webhook', ...(webhook ? { name: webhook.name } : {}), ...vouchedCaller(json, webhook, trigger), ...(claimed ? { claimed } : {}) };
	}
	if (trigger.mode === 'manual') {
		const user = trigger.userId ? { id: trigger.userId, verifiedBy: 'n8n' } : {};
		return { type: 'user', ...user, name: 'manual run from the editor' };
	}
	const schedule = trigger.triggers.find((t) => SCHEDULE.test(t.type));
	if (schedule) return { type: 'schedule', name: schedule.name };
	if (trigger.mode === 'integrated') return { type: 'workflow', name: 'calling workflow' };
	return { type: 'system', ...(first ? { name: first.name } : { name: `${trigger.mode} execution` }) };
}
