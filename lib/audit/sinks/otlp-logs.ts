import { GovernanceError, GovernanceErrorCode } from '../../errors/governance-error';
import { parseTraceparent } from '../trace-context';
import type { AuditEvent } from '../types';
import type { SinkRequest } from './webhook';

export const OTLP_LOGS_PATH = '/v1/logs';

/** OTLP/JSON AnyValue: exactly one member set; int64 as decimal strings. */
export type OtlpAnyValue =
	| { stringValue: string }
	| { boolValue: boolean }
	| { intValue: string }
	| { doubleValue: number }
	| { arrayValue: { values: OtlpAnyValue[] } }
	| { kvlistValue: { values: OtlpKeyValue[] } }
	| Record<string, never>;

export interface OtlpKeyValue {
	key: string;
	value: OtlpAnyValue;
}

export interface OtlpLogRecord {
	timeUnixNano: string;
	observedTimeUnixNano: string;
	severityNumber: number;
	severityText: string;
	body: OtlpAnyValue;
	attributes: OtlpKeyValue[];
	eventName?: string;
	flags?: number;
	traceId?: string;
	spanId?: string;
}

export interface OtlpLogsRequest {
	resourceLogs: Array<{
		resource: { attributes: OtlpKeyValue[] };
		scopeLogs: Array<{ scope: { name: string; version?: string }; logRecords: OtlpLogRecord[] }>;
	}>;
}

export interface OtlpLogsOptions {
	serviceName?: string;
	serviceVersion?: string;
	/** `deployment.environment.name`; defaults to the first event's `data.environment`. */
	environment?: string;
	/** Extra resource attributes (strings, numbers, booleans). */
	resourceAttributes?: Record<string, string | number | boolean>;
	scopeName?: string;
	scopeVersion?: string;
	/** Log body: the event JSON as a string (default) or as a structured kvlist. */
	bodyFormat?: 'string' | 'kvlist';
	/** Observation time for every record; default now. */
	observedTime?: Date;
}

/** OTLP severity numbers used: INFO 9, WARN 13, ERROR 17. */
export function severityFor(outcome: string): { severityNumber: number; severityText: string } {
	const o = outcome.toLowerCase();
	if (o === 'failure' || o === 'error' || o === 'failed') return { severityNumber: 17, severityText: 'ERROR' };
	if (o === 'denied' || o === 'rejected' || o === 'blocked') return { severityNumber: 13, severityText: 'WARN' };
	return { severityNumber: 9, severityText: 'INFO' };
}

const TIME = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/i;

/** RFC 3339 time to Unix nanoseconds as a decimal string (full sub-millisecond precision kept). */
export function toUnixNano(time: string | Date): string {
	if (time instanceof Date) return time.getTime() <= 0 ? '0' : `${time.getTime()}000000`;
	const match = TIME.exec(time);
	const seconds = match ? Date.parse(`${match[1]}${match[3]}`) / 1000 : NaN;
	if (!match || !Number.isFinite(seconds)) {
		throw new GovernanceError(GovernanceErrorCode.InvalidInput, `Event time "${time}" is not an RFC 3339 timestamp`);
	}
	const fraction = (match[2] ?? '').padEnd(9, '0');
	if (seconds <= 0) return seconds < 0 ? '0' : String(Number(fraction));
	return `${seconds}${fraction}`;
}

/** Converts a JSON value to an OTLP AnyValue (integers → intValue, other numbers → doubleValue, null → empty). */
export function toAnyValue(value: unknown): OtlpAnyValue {
	if (value === null || value === undefined) return {};
	switch (typeof value) {
		case 'string':
			return { stringValue: value };
		case 'boolean':
			return { boolValue: value };
		case 'number':
			return Number.isSafeInteger(value) ? { intValue: String(value) } : { doubleValue: value };
		default:
			break;
	}
	if (Array.isArray(value)) return { arrayValue: { values: value.map(toAnyValue) } };
	if (typeof value === 'object') {
		return { kvlistValue: { values: Object.keys(value).map((key) => ({ key, value: toAnyValue((value as Record<string, unknown>)[key]) })) } };
	}
	return { stringValue: String(value) };
}

function attr(key: string, value: string | number | boolean | undefined): OtlpKeyValue[] {
	return value === undefined || value === '' ? [] : [{ key, value: toAnyValue(value) }];
}

function logRecord(event: AuditEvent, observed: string, bodyFormat: 'string' | 'kvlist'): OtlpLogRecord {
	const d = event.data;
	const trace = parseTraceparent(event.traceparent);
	const record: OtlpLogRecord = {
		timeUnixNano: toUnixNano(event.time),
		observedTimeUnixNano: observed,
		...severityFor(d.outcome),
		body: bodyFormat === 'kvlist' ? toAnyValue(event) : { stringValue: JSON.stringify(event) },
		attributes: [
			...attr('cloudevents.event_id', event.id),
			...attr('cloudevents.event_source', event.source),
			...attr('cloudevents.event_spec_version', event.specversion),
			...attr('cloudevents.event_type', event.type),
			...attr('cloudevents.event_subject', event.subject),
			...attr('governance.action', d.action),
			...attr('governance.outcome', d.outcome),
			...attr('governance.actor.type', d.actor?.type),
			...attr('governance.actor.id', d.actor?.id),
			...attr('governance.chain.id', event.chainid),
			...attr('governance.chain.seq', event.seq),
			...attr('governance.data_classification', d.dataClassification),
			...attr('n8n.workflow.id', d.workflow?.id),
			...attr('n8n.workflow.version_id', d.workflow?.versionId),
			...attr('n8n.execution.id', d.execution?.id),
			...attr('n8n.node.name', d.node?.name),
		],
		eventName: event.type,
	};
	if (trace) {
		record.traceId = trace.traceId;
		record.spanId = trace.parentId;
		record.flags = parseInt(trace.flags, 16) & 0xff;
	} else if (/^[0-9a-f]{32}$/.test(d.correlationId ?? '')) {
		record.traceId = d.correlationId;
	}
	return record;
}

/**
 * Builds an OTLP/HTTP JSON logs export (`POST /v1/logs`): one resource (service.name,
 * service.version, deployment.environment.name, extras), one scope, one log record per event,
 * following the OTLP JSON encoding (camelCase, hex trace/span ids, int64 as strings, enums as numbers).
 */
export function buildOtlpLogsPayload(events: readonly AuditEvent[], options: OtlpLogsOptions = {}): OtlpLogsRequest {
	const observed = toUnixNano(options.observedTime ?? new Date());
	const environment = options.environment ?? events.find((e) => e.data?.environment)?.data.environment;
	const extra = options.resourceAttributes ?? {};
	const resourceAttributes: OtlpKeyValue[] = [
		...attr('service.name', options.serviceName ?? 'n8n'),
		...attr('service.version', options.serviceVersion),
		...attr('deployment.environment.name', environment),
		...Object.keys(extra).flatMap((key) => attr(key, extra[key])),
	];
	return {
		resourceLogs: [
			{
				resource: { attributes: resourceAttributes },
				scopeLogs: [
					{
						scope: { name: options.scopeName ?? 'n8n-nodes-governance/audit', ...(options.scopeVersion ? { version: options.scopeVersion } : {}) },
						logRecords: events.map((event) => logRecord(event, observed, options.bodyFormat ?? 'string')),
					},
				],
			},
		],
	};
}

/** {@link buildOtlpLogsPayload} as a ready request for `<endpoint>/v1/logs`. */
export function buildOtlpLogsRequest(events: readonly AuditEvent[], options: OtlpLogsOptions = {}): SinkRequest {
	return {
		path: OTLP_LOGS_PATH,
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify(buildOtlpLogsPayload(events, options)),
	};
}
