import { GovernanceError, GovernanceErrorCode } from '../../errors/governance-error';
import type { AuditEvent } from '../types';
import { buildOtlpLogsRequest } from './otlp-logs';
import { buildSplunkHecRequest } from './splunk-hec';
import { buildWebhookRequest } from './webhook';
import type { SinkRequest } from './webhook';

export type AuditSinkKind = 'webhook' | 'splunkHec' | 'otlp';

/** What an Audit Sink credential configures, validated. */
export interface AuditSinkConfig {
	kind: AuditSinkKind;
	/** Webhook: the URL itself; Splunk/OTLP: the base URL the fixed path is appended to (no trailing slash). */
	url: string;
	webhookSecret?: string;
	splunk?: { token: string; index?: string; sourcetype?: string };
	otlp?: { headerName?: string; headerValue?: string; serviceName?: string };
}

export const SINK_LABELS: Record<AuditSinkKind, string> = {
	webhook: 'HTTP webhook',
	splunkHec: 'Splunk HEC',
	otlp: 'OTLP logs',
};

/** Events per request; larger runs are split into several requests. */
export const MAX_EVENTS_PER_REQUEST = 500;

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

function bad(message: string, hint: string): never {
	throw new GovernanceError(GovernanceErrorCode.InvalidConfiguration, message, { hint });
}

function text(raw: Record<string, unknown>, name: string): string {
	const value = raw[name];
	return typeof value === 'string' ? value.trim() : '';
}

function httpUrl(value: string): string {
	let url: URL;
	try {
		url = new URL(value);
	} catch {
		return bad(`Audit sink URL "${value}" is not a URL`, 'Write the full URL including the scheme, e.g. https://audit.example.com/n8n.');
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:') {
		bad(`Audit sink URL "${value}" is not an http(s) URL`, 'Use an http:// or https:// URL.');
	}
	return value.replace(/\/+$/, '');
}

/**
 * Validates the raw fields of an Audit Sink credential.
 * @throws GovernanceError (INVALID_CONFIGURATION) naming the field that is missing or unusable.
 */
export function parseSinkConfig(raw: Record<string, unknown>): AuditSinkConfig {
	const kind = text(raw, 'sinkType') as AuditSinkKind;
	if (!(kind in SINK_LABELS)) bad(`Unknown audit sink type "${kind}"`, 'Choose HTTP Webhook, Splunk HTTP Event Collector or OpenTelemetry Logs in the Audit Sink credential.');
	const urlText = text(raw, 'url');
	if (urlText === '') bad('The Audit Sink credential has no URL', 'Fill in the URL of the Audit Sink credential.');
	const url = httpUrl(urlText);
	if (kind === 'webhook') {
		const webhookSecret = typeof raw.webhookSecret === 'string' ? raw.webhookSecret : '';
		if (webhookSecret.length < 16) bad('The webhook signing secret is shorter than 16 characters', 'Set a random secret (e.g. openssl rand -hex 32) and give the receiver the same one.');
		return { kind, url, webhookSecret };
	}
	if (kind === 'splunkHec') {
		const token = text(raw, 'splunkToken');
		if (token === '') bad('The Splunk HEC token is empty', 'Create an HTTP Event Collector token in Splunk and put it in the credential.');
		return { kind, url, splunk: { token, index: text(raw, 'splunkIndex') || undefined, sourcetype: text(raw, 'splunkSourcetype') || undefined } };
	}
	const headerName = text(raw, 'otlpHeaderName');
	if (headerName !== '' && !HEADER_NAME.test(headerName)) bad(`"${headerName}" is not a valid HTTP header name`, 'Use a header name such as Authorization or X-Api-Key.');
	const headerValue = typeof raw.otlpHeaderToken === 'string' ? raw.otlpHeaderToken : '';
	if (headerName !== '' && headerValue === '') bad(`The OTLP header "${headerName}" has no value`, 'Fill in the header value or clear the header name.');
	return { kind, url, otlp: { headerName: headerName || undefined, headerValue: headerValue || undefined, serviceName: text(raw, 'otlpServiceName') || undefined } };
}

/** The URL a request goes to: the webhook URL as is, else base URL + the sink's fixed path. */
export function sinkRequestUrl(config: AuditSinkConfig, request: SinkRequest): string {
	return config.kind === 'webhook' || request.path === undefined ? config.url : `${config.url}${request.path}`;
}

/** "HTTP webhook http://…": names the sink in messages (never a token). */
export function describeSink(config: AuditSinkConfig): string {
	let where = config.url;
	try {
		const url = new URL(config.url);
		url.username = '';
		url.password = '';
		url.search = '';
		where = url.toString().replace(/\/$/, '');
	} catch {
		// parseSinkConfig already checked it
	}
	return `${SINK_LABELS[config.kind]} ${where}`;
}

/** One batched request for `events` (build it again for each attempt: the webhook signature is time-stamped). */
export function buildSinkRequest(config: AuditSinkConfig, events: readonly AuditEvent[], now: Date = new Date()): SinkRequest {
	if (config.kind === 'webhook') {
		return buildWebhookRequest(events, { secret: config.webhookSecret ?? '', timestamp: Math.floor(now.getTime() / 1000) });
	}
	if (config.kind === 'splunkHec') {
		return buildSplunkHecRequest(events, { token: config.splunk?.token ?? '', index: config.splunk?.index, sourcetype: config.splunk?.sourcetype });
	}
	const request = buildOtlpLogsRequest(events, { serviceName: config.otlp?.serviceName, observedTime: now });
	if (config.otlp?.headerName && config.otlp.headerValue) request.headers[config.otlp.headerName] = config.otlp.headerValue;
	return request;
}

/** Splits events into request-sized batches. */
export function batchEvents<T>(events: readonly T[], size = MAX_EVENTS_PER_REQUEST): T[][] {
	const batches: T[][] = [];
	for (let i = 0; i < events.length; i += size) batches.push(events.slice(i, i + size));
	return batches;
}
