import { GovernanceError, GovernanceErrorCode } from '../errors/governance-error';
import type { JsonValue } from './canonical-json';
import { newEventId } from './crypto';
import { defaultIsSecret, sanitizeJson } from './secrets';
import type { IsSecret } from './secrets';
import { formatTraceparent, resolveCorrelation } from './trace-context';
import { AUDIT_CHAIN_CLOSED_TYPE, AUDIT_EVENT_TYPE } from './types';
import type {
	AuditEvent,
	AuditEventData,
	AuditEventInput,
	AuditExecutionRef,
	AuditNodeRef,
	AuditTarget,
	AuditWorkflowRef,
	PolicyEvaluation,
} from './types';

/** Options shared by every signing call. */
export interface BuildOptions {
	/** Secret detector for custom fields, policy details and target; default {@link defaultIsSecret}. */
	isSecret?: IsSecret;
	/** Clock; default `() => new Date()`. */
	now?: () => Date;
}

/** Integrity fields the chain supplies. */
export interface ChainPosition {
	chainId: string;
	seq: number;
	prevHash: string;
	keyId: string;
	closing?: boolean;
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;

function invalid(message: string, hint?: string): never {
	throw new GovernanceError(GovernanceErrorCode.InvalidInput, message, { hint });
}

function requireText(value: unknown, name: string): string {
	if (typeof value !== 'string' || value.trim() === '') invalid(`Audit event ${name} must be a non-empty string`);
	return value;
}

function optionalText(value: unknown, name: string): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	if (typeof value !== 'string') invalid(`Audit event ${name} must be a string`);
	return value;
}

function eventTime(input: AuditEventInput, options: BuildOptions): string {
	if (input.time instanceof Date) return input.time.toISOString();
	if (typeof input.time === 'string') {
		if (!RFC3339.test(input.time) || Number.isNaN(Date.parse(input.time))) {
			invalid(`Audit event time "${input.time}" is not an RFC 3339 timestamp`, 'Use e.g. 2024-05-01T12:00:00.000Z.');
		}
		return input.time;
	}
	return (options.now ? options.now() : new Date()).toISOString();
}

/**
 * Builds an object from [key, value] pairs, leaving out undefined and empty-string values. Callers
 * list keys in canonical (sorted) order so the emitted JSON is already canonical text.
 */
function members<T>(pairs: Array<[string, unknown]>): T {
	const out: Record<string, unknown> = {};
	for (const [key, value] of pairs) if (value !== undefined && value !== '') out[key] = value;
	return out as T;
}

interface Masking {
	isSecret: IsSecret;
	paths: string[];
}

function masked(value: string | undefined, path: string, masking: Masking): string | undefined {
	if (value === undefined) return undefined;
	const result = sanitizeJson(value, masking.isSecret, path);
	masking.paths.push(...result.paths);
	return result.value as string;
}

function buildTarget(target: AuditTarget | undefined, masking: Masking): AuditTarget | undefined {
	if (target === undefined) return undefined;
	const type = requireText(target.type, 'target.type');
	return members([
		['id', masked(optionalText(target.id, 'target.id'), 'data.target.id', masking)],
		['name', masked(optionalText(target.name, 'target.name'), 'data.target.name', masking)],
		['type', type],
	]);
}

function buildPolicies(policies: PolicyEvaluation[] | undefined, masking: Masking): PolicyEvaluation[] | undefined {
	if (policies === undefined) return undefined;
	if (!Array.isArray(policies)) invalid('Audit event policies must be an array');
	return policies.map((p, i) => {
		const policy = requireText(p?.policy, `policies[${i}].policy`);
		const result = requireText(p?.result, `policies[${i}].result`);
		const detail = masked(optionalText(p.detail, `policies[${i}].detail`), `data.policies[${i}].detail`, masking);
		return members<PolicyEvaluation>([['detail', detail], ['policy', policy], ['result', result]]);
	});
}

/** Builds the unsigned CloudEvents envelope and its `data` from a caller's input. */
export function buildAuditEvent(input: AuditEventInput, position: ChainPosition, options: BuildOptions = {}): Omit<AuditEvent, 'sig'> {
	if (input === null || typeof input !== 'object') invalid('Audit event input must be an object');
	const masking: Masking = { isSecret: options.isSecret ?? defaultIsSecret, paths: [] };
	const actor = input.actor;
	if (actor === null || typeof actor !== 'object') invalid('Audit event actor must be an object like { type: "user", id }');
	const workflow = input.workflow;
	const execution = input.execution;
	const correlation = resolveCorrelation({
		traceparent: input.traceparent,
		workflowId: workflow?.id,
		executionId: execution?.id ?? position.chainId,
		spanId: input.spanId,
	});
	const action = requireText(input.action, 'action');
	const outcome = requireText(input.outcome, 'outcome');
	const claimed = actor.claimed
		? members<{ id: string; source: string }>([['id', requireText(actor.claimed.id, 'actor.claimed.id')], ['source', requireText(actor.claimed.source, 'actor.claimed.source')]])
		: undefined;
	const actorRef = members<AuditEventData['actor']>([
		['claimed', claimed],
		['id', optionalText(actor.id, 'actor.id')],
		['name', optionalText(actor.name, 'actor.name')],
		['type', requireText(actor.type, 'actor.type')],
		['verifiedBy', optionalText(actor.verifiedBy, 'actor.verifiedBy')],
	]);
	const workflowRef = workflow
		? members<AuditWorkflowRef>([
				['id', requireText(workflow.id, 'workflow.id')],
				['name', optionalText(workflow.name, 'workflow.name')],
				['versionId', optionalText(workflow.versionId, 'workflow.versionId')],
			])
		: undefined;
	const executionRef = execution
		? members<AuditExecutionRef>([['id', requireText(execution.id, 'execution.id')], ['mode', optionalText(execution.mode, 'execution.mode')]])
		: undefined;
	const nodeRef = input.node
		? members<AuditNodeRef>([['name', requireText(input.node.name, 'node.name')], ['type', optionalText(input.node.type, 'node.type')]])
		: undefined;
	const target = buildTarget(input.target, masking);
	const policies = buildPolicies(input.policies, masking);
	let custom: { [key: string]: JsonValue } | undefined;
	if (input.custom !== undefined) {
		if (input.custom === null || typeof input.custom !== 'object' || Array.isArray(input.custom)) {
			invalid('Audit event custom fields must be an object');
		}
		const result = sanitizeJson(input.custom, masking.isSecret, 'data.custom');
		masking.paths.push(...result.paths);
		custom = result.value as { [key: string]: JsonValue };
	}
	const sanitized = masking.paths.length > 0 ? { paths: masking.paths, secretsMasked: masking.paths.length } : undefined;
	// Keys in canonical order (see members()).
	const data = members<AuditEventData>([
		['action', action],
		['actor', actorRef],
		['correlationId', correlation.traceId],
		['count', position.closing ? position.seq : undefined],
		['custom', custom],
		['dataClassification', optionalText(input.profile?.dataClassification, 'profile.dataClassification')],
		['environment', optionalText(input.profile?.environment, 'profile.environment')],
		['execution', executionRef],
		['node', nodeRef],
		['outcome', outcome],
		['owner', optionalText(input.profile?.owner, 'profile.owner')],
		['policies', policies],
		['sanitized', sanitized],
		['target', target],
		['workflow', workflowRef],
	]);
	const subject =
		optionalText(input.subject, 'subject') ??
		(target ? `${target.type}/${target.id ?? target.name ?? ''}` : execution ? `executions/${execution.id}` : undefined);
	return members<Omit<AuditEvent, 'sig'>>([
		['chainid', position.chainId],
		['data', data],
		['datacontenttype', 'application/json'],
		['id', optionalText(input.id, 'id') ?? newEventId()],
		['keyid', position.keyId],
		['prevhash', position.prevHash],
		['seq', position.seq],
		['source', optionalText(input.source, 'source') ?? (workflow ? `/n8n/workflows/${encodeURIComponent(workflow.id)}` : '/n8n-governance')],
		['specversion', '1.0'],
		['subject', subject],
		['time', eventTime(input, options)],
		['traceparent', formatTraceparent(correlation.traceId, correlation.spanId, correlation.flags)],
		['type', position.closing ? AUDIT_CHAIN_CLOSED_TYPE : AUDIT_EVENT_TYPE],
	]);
}
