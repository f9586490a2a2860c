import { GovernanceError, GovernanceErrorCode } from '../../errors/governance-error';
import type { AuditEvent } from '../types';
import type { SinkRequest } from './webhook';

export const SPLUNK_HEC_EVENT_PATH = '/services/collector/event';

export interface SplunkHecOptions {
	token: string;
	host?: string;
	source?: string;
	sourcetype?: string;
	index?: string;
}

/** Event time as Splunk wants it: epoch seconds with millisecond decimals. */
export function splunkTime(isoTime: string): number {
	const ms = Date.parse(isoTime);
	return Number.isNaN(ms) ? Math.floor(Date.now()) / 1000 : ms / 1000;
}

/**
 * Builds a Splunk HTTP Event Collector batch: body = one `{ time, host?, source, sourcetype, index?, event }`
 * object per audit event, concatenated with newlines; header `Authorization: Splunk <token>`.
 */
export function buildSplunkHecRequest(events: readonly AuditEvent[], options: SplunkHecOptions): SinkRequest {
	if (typeof options.token !== 'string' || options.token.trim() === '') {
		throw new GovernanceError(GovernanceErrorCode.InvalidConfiguration, 'Splunk HEC needs a token', {
			hint: 'Create an HTTP Event Collector token in Splunk and put it in the credential.',
		});
	}
	const lines = events.map((event) =>
		JSON.stringify({
			time: splunkTime(event.time),
			host: options.host,
			source: options.source ?? event.source,
			sourcetype: options.sourcetype ?? 'n8n:governance:audit',
			index: options.index,
			event,
		}),
	);
	return {
		path: SPLUNK_HEC_EVENT_PATH,
		method: 'POST',
		headers: { Authorization: `Splunk ${options.token.trim()}`, 'Content-Type': 'application/json' },
		body: lines.join('\n'),
	};
}
