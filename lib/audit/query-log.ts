/// <reference types="node" />
import { lineAt, openLog, parseLine } from './log-reader';
import type { LogLines } from './log-reader';
import { queryAuditEvents } from './query';
import type { AuditQuery, AuditTimeline } from './query';
import type { AuditEvent } from './types';

const BACKSLASH = 92;

/**
 * Bytes that a line must hold to match the query: the end of a filter value written as a JSON
 * string (`exec-42"` of `"exec-42"`), as a line without escapes can only write it. Undefined: no filter.
 */
function needleOf(query: AuditQuery): Buffer | undefined {
	// Without the opening quote: the search skips ahead on a rarer first byte than `"` (measured
	// 5x faster), and any line holding `"value"` holds `value"`.
	const closing = (value: string) => Buffer.from(JSON.stringify(value).slice(1), 'utf8');
	if (query.executionId !== undefined) return closing(query.executionId);
	if (query.workflowId !== undefined) return closing(query.workflowId);
	if (query.actor === undefined) return undefined;
	// The actor matches its id, name or type, or `type:id`, when the line holds `"type:id"` or `"id"`:
	// both end with `id"`.
	const colon = query.actor.indexOf(':');
	return closing(colon > 0 ? query.actor.slice(colon + 1) : query.actor);
}

/** Bounds of every line that may match: one holding the needle, or a backslash (an escape may spell it). */
function* candidateLines(log: LogLines, needle: Buffer): Generator<[number, number]> {
	const { bytes } = log;
	let nextNeedle = -2;
	let nextEscape = -2;
	for (let pos = log.start; pos < bytes.length; ) {
		if (nextNeedle !== -1 && nextNeedle < pos) nextNeedle = bytes.indexOf(needle, pos);
		if (nextEscape !== -1 && nextEscape < pos) nextEscape = bytes.indexOf(BACKSLASH, pos);
		const at = nextNeedle === -1 ? nextEscape : nextEscape === -1 ? nextNeedle : Math.min(nextNeedle, nextEscape);
		if (at === -1) return;
		const [start, end, following] = lineAt(log, at);
		pos = following;
		if (start < end) yield [start, end];
	}
}

/**
 * Queries an audit log as read from a file (JSON Lines or a JSON array), like
 * {@link queryAuditEvents} over its parsed events. With a filter, only lines that can match are
 * parsed: a line must hold the filter value (or a backslash). Lines that cannot match are not read,
 * so a malformed one among them is not reported: run verify for integrity.
 * @throws GovernanceError (INVALID_INPUT) when a line that is read is not JSON.
 */
export function queryAuditLog(input: string | Uint8Array, query: AuditQuery = {}): AuditTimeline {
	const log = openLog(input);
	if ('events' in log) return queryAuditEvents(log.events as AuditEvent[], query);
	const needle = needleOf(query);
	const events: AuditEvent[] = [];
	if (needle === undefined) {
		for (let pos = log.start; pos < log.bytes.length; ) {
			const [start, end, next] = lineAt(log, pos);
			pos = next;
			const event = start < end ? parseLine(log, start, end) : undefined;
			if (event !== undefined) events.push(event as AuditEvent);
		}
	} else {
		for (const [start, end] of candidateLines(log, needle)) {
			const event = parseLine(log, start, end);
			if (event !== undefined) events.push(event as AuditEvent);
		}
	}
	return queryAuditEvents(events, query);
}
