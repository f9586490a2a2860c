/// <reference types="node" />
import { GovernanceError, GovernanceErrorCode } from '../errors/governance-error';
import { lineError, parseAuditEventsText } from './parse';

/*
 * Reading an audit log as a file holds it: bytes, not one string (a log of a million events is
 * larger than the longest string V8 can make). JSON Lines are walked line by line; a JSON array,
 * and a string that has no UTF-8 form, are parsed whole, as parseAuditEventsText does.
 */

/** With the `u` flag a valid pair is one code point: this matches a lone surrogate only. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;
const NEWLINE = 10;

/** JSON Lines: the bytes, and where the first line starts (after a byte order mark and blank lines). */
export interface LogLines {
	bytes: Buffer;
	start: number;
}

function isBlank(c: number): boolean {
	return c === 32 || c === 9 || c === 13 || c === 10;
}

/**
 * Opens a log: the parsed events when it is a JSON array (or a string with a lone surrogate), else
 * its lines to walk with {@link lineAt}.
 * @throws GovernanceError (INVALID_INPUT) when a JSON array does not parse.
 */
export function openLog(input: string | Uint8Array): { events: unknown[] } | LogLines {
	if (typeof input === 'string' && LONE_SURROGATE.test(input)) return { events: parseAuditEventsText(input) };
	const bytes = typeof input === 'string' ? Buffer.from(input, 'utf8') : Buffer.from(input.buffer, input.byteOffset, input.byteLength);
	let start = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
	while (start < bytes.length && isBlank(bytes[start])) start++;
	if (bytes[start] !== 0x5b) return { bytes, start };
	let events: unknown;
	try {
		events = JSON.parse(bytes.toString('utf8', start));
	} catch (error) {
		throw new GovernanceError(GovernanceErrorCode.InvalidInput, `Input is not a valid JSON array: ${(error as Error).message}`);
	}
	if (!Array.isArray(events)) throw new GovernanceError(GovernanceErrorCode.InvalidInput, 'Input is not a JSON array');
	return { events };
}

/** Bounds of the line holding byte `at`, without surrounding blanks: `[start, end, next]` (next = where the following line starts). */
export function lineAt(log: LogLines, at: number): [number, number, number] {
	const { bytes } = log;
	// Walking line by line, `at` is a line start already.
	let start = at <= log.start ? log.start : bytes[at - 1] === NEWLINE ? at : bytes.lastIndexOf(NEWLINE, at - 1) + 1;
	if (start < log.start) start = log.start;
	let end = bytes.indexOf(NEWLINE, at);
	if (end === -1) end = bytes.length;
	const next = end + 1;
	while (start < end && isBlank(bytes[start])) start++;
	while (end > start && isBlank(bytes[end - 1])) end--;
	return [start, end, next];
}

/**
 * The event on bytes[start, end), parsed; undefined when the line is blank (Unicode blanks too).
 * @throws GovernanceError (INVALID_INPUT) naming the line (counted from the log's first line) when it is not JSON.
 */
export function parseLine(log: LogLines, start: number, end: number): unknown {
	const text = log.bytes.toString('utf8', start, end).trim();
	if (text === '') return undefined;
	try {
		return JSON.parse(text) as unknown;
	} catch (error) {
		let lineNo = 1;
		for (let at = log.bytes.indexOf(NEWLINE, log.start); at !== -1 && at < start; at = log.bytes.indexOf(NEWLINE, at + 1)) lineNo++;
		throw lineError(lineNo, error);
	}
}
