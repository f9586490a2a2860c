/// <reference types="node" />
import { lineAt, openLog, parseLine } from './log-reader';
import { rangeMacHex, rangeSha256Hex } from './crypto';
import { AUDIT_CHAIN_CLOSED_TYPE, AUDIT_EVENT_TYPE } from './types';
import { ChainChecker, objectFacts, toKeyMap, verifyAuditEvents } from './verify';
import type { AuditKeyring, AuditVerification, EventFacts, VerifyKey, VerifyOptions } from './verify';

/*
 * Fast path for JSON Lines written by our signer. Such a line is the canonical text of the event:
 *   {"chainid":"…","data":{…},"datacontenttype":"…","id":…,"seq":N,"sig":"<64 hex>","source":…}
 * Every member after `data` is a scalar. The verifier reads that tail backwards (a few hundred
 * bytes, no JSON.parse), MACs the line with the sig member cut out, and hashes the line bytes as
 * they are for the chain link: the event is never parsed or serialised again.
 *
 * Why a MAC match makes this exact: the MACed text is the line minus the cut, so it is a text the
 * key holder signed: the canonical form of an unsigned event from our signer, which is valid JSON.
 * The backward reader accepts only `"name":"text"` and `"name":digits` members, with names from the
 * table below in strictly descending order, up to `datacontenttype` right after the `}` of data.
 * It takes the previous quote before a string's closing quote as its opening quote, and gives up
 * when a backslash precedes it: in valid JSON a quote not preceded by a backslash is never inside
 * a string, so that reading is exact. Values it decodes hold no backslash (checked), so their raw
 * bytes are their text. The cut is then a whole member named
 * `sig` between `seq` and the next name: the position canonical order gives it. So the line is the
 * canonical form of the signed event, and the members read are its top-level members. A line that
 * fails any check takes the general path (JSON.parse, canonical serialisation), which decides and
 * reports exactly as verifyAuditEvents does.
 */

const HEAD = Buffer.from('{"chainid":"', 'latin1');
const DATA = Buffer.from('","data":{', 'latin1');
/** Top-level members after `data` that our signer writes, in canonical order. */
const NAMES = ['datacontenttype', 'id', 'keyid', 'prevhash', 'seq', 'sig', 'source', 'specversion', 'subject', 'time', 'traceparent', 'type'];
const NAME_BYTES = NAMES.map((name) => Buffer.from(name, 'latin1'));
const [DATACONTENTTYPE, ID, KEYID, PREVHASH, SEQ, SIG, SOURCE, SPECVERSION, SUBJECT, TIME, TRACEPARENT, TYPE] = NAMES.map((_, i) => i);
/** Members the chain checks need, each a non-empty string. */
const REQUIRED_TEXT = [ID, KEYID, PREVHASH, SIG, SPECVERSION, TYPE];
const SPEC_1_0 = Buffer.from('1.0', 'latin1');
const CLOSED_TYPE = Buffer.from(AUDIT_CHAIN_CLOSED_TYPE, 'utf8');
const RECORDED_TYPE = Buffer.from(AUDIT_EVENT_TYPE, 'utf8');
const QUOTE = 34;
const BACKSLASH = 92;
const COMMA = 44;
const COLON = 58;
const CLOSE_BRACE = 125;

/** Value of each tail member (start, end; absent when end is 0), filled by readTail. One line at a time. */
const VALUE_START = new Int32Array(NAMES.length);
const VALUE_END = new Int32Array(NAMES.length);

function equalBytes(line: Buffer, start: number, end: number, expected: Buffer): boolean {
	if (end - start !== expected.length) return false;
	for (let k = 0; k < expected.length; k++) if (line[start + k] !== expected[k]) return false;
	return true;
}

/** The number written by the digits line[start, end) (at most 15, so exact). */
function digitsValue(line: Buffer, start: number, end: number): number {
	let value = 0;
	for (let k = start; k < end; k++) value = value * 10 + line[k] - 48;
	return value;
}

/** Buffer's own slice decoders, when present, skip toString's argument handling (a few per line). */
interface SliceDecoders {
	latin1Slice?: (start: number, end: number) => string;
	utf8Slice?: (start: number, end: number) => string;
}
const DIRECT = Buffer.prototype as unknown as SliceDecoders;

function utf8(line: Buffer, start: number, end: number): string {
	return DIRECT.utf8Slice ? DIRECT.utf8Slice.call(line, start, end) : line.toString('utf8', start, end);
}

/** Text of bytes the caller knows to be ASCII (hex). */
function ascii(line: Buffer, start: number, end: number): string {
	return DIRECT.latin1Slice ? DIRECT.latin1Slice.call(line, start, end) : line.toString('latin1', start, end);
}

function hasBackslash(line: Buffer, start: number, end: number): boolean {
	for (let k = start; k < end; k++) if (line[k] === BACKSLASH) return true;
	return false;
}

/** Index in NAMES of the member name line[start, end), or -1. */
function nameAt(line: Buffer, start: number, end: number): number {
	let index: number;
	switch (end - start) {
		case 2: index = ID; break;
		case 3: index = line[start + 1] === 101 ? SEQ : SIG; break;
		case 4: index = line[start + 1] === 105 ? TIME : TYPE; break;
		case 5: index = KEYID; break;
		case 6: index = SOURCE; break;
		case 7: index = SUBJECT; break;
		case 8: index = PREVHASH; break;
		case 11: index = line[start] === 115 ? SPECVERSION : TRACEPARENT; break;
		case 15: index = DATACONTENTTYPE; break;
		default: return -1;
	}
	return equalBytes(line, start, end, NAME_BYTES[index]) ? index : -1;
}

/**
 * Reads the members after `data` backwards from the end of the line into VALUE_START/VALUE_END
 * (string values without their quotes). Returns the index of data's closing brace, or -1 when the
 * tail is not of the strict form described above.
 */
function readTail(line: Buffer, end: number): number {
	VALUE_END.fill(0);
	let i = end - 1;
	if (line[i--] !== CLOSE_BRACE) return -1;
	let previous = NAMES.length;
	for (;;) {
		let valueStart: number;
		let valueEnd: number;
		if (line[i] === QUOTE) {
			valueEnd = i;
			// Natively, to the previous quote: the line's head holds quotes, so this stays in the line.
			const open = line.lastIndexOf(QUOTE, i - 1);
			// A quote after a backslash may be an escaped one: leave such lines to the general path.
			if (open < 0 || line[open - 1] === BACKSLASH) return -1;
			valueStart = open + 1;
			i = open - 1;
		} else {
			valueEnd = i + 1;
			while (i >= 0 && line[i] >= 48 && line[i] <= 57) i--;
			valueStart = i + 1;
		}
		if (valueStart >= valueEnd && line[valueEnd] !== QUOTE) return -1;
		if (line[i] !== COLON || line[i - 1] !== QUOTE) return -1;
		const nameEnd = i - 1;
		i = nameEnd - 1;
		while (i >= 0 && line[i] !== QUOTE) i--;
		const index = i < 0 ? -1 : nameAt(line, i + 1, nameEnd);
		if (index < 0 || index >= previous || line[i - 1] !== COMMA) return -1;
		previous = index;
		VALUE_START[index] = valueStart;
		VALUE_END[index] = valueEnd;
		i -= 2;
		if (index === DATACONTENTTYPE) return line[i] === CLOSE_BRACE ? i : -1;
	}
}

/** True when member `index` was read as a string (its value is preceded by a quote). */
function isText(line: Buffer, index: number): boolean {
	return VALUE_END[index] !== 0 && line[VALUE_END[index]] === QUOTE;
}

/** The key whose id is line[start, end), without decoding it (a log has few keys). */
function keyAt(line: Buffer, start: number, end: number, keys: readonly VerifyKey[]): VerifyKey | undefined {
	for (const key of keys) if (equalBytes(line, start, end, key.idBytes)) return key;
	return undefined;
}

/**
 * Facts of the line bytes[start, end) by the fast path, or undefined to take the general path
 * (exported for tests).
 */
export function lineFacts(line: Buffer, start: number, end: number, keys: readonly VerifyKey[]): EventFacts | undefined {
	if (end - start < HEAD.length || !equalBytes(line, start, start + HEAD.length, HEAD)) return undefined;
	const chainStart = start + HEAD.length;
	let chainEnd = chainStart;
	while (chainEnd < end && line[chainEnd] !== QUOTE) if (line[chainEnd++] === BACKSLASH) return undefined;
	if (chainEnd === chainStart || !equalBytes(line, chainEnd, chainEnd + DATA.length, DATA)) return undefined;
	const dataEnd = readTail(line, end);
	if (dataEnd < chainEnd + DATA.length - 1) return undefined;
	for (const text of REQUIRED_TEXT) if (!isText(line, text) || VALUE_START[text] === VALUE_END[text]) return undefined;
	const seqEnd = VALUE_END[SEQ];
	if (seqEnd === 0 || isText(line, SEQ) || seqEnd - VALUE_START[SEQ] > 15) return undefined;
	if (VALUE_END[SIG] - VALUE_START[SIG] !== 64 || VALUE_END[PREVHASH] - VALUE_START[PREVHASH] !== 64) return undefined;
	if (!equalBytes(line, VALUE_START[SPECVERSION], VALUE_END[SPECVERSION], SPEC_1_0)) return undefined;
	const key = keyAt(line, VALUE_START[KEYID], VALUE_END[KEYID], keys);
	if (key === undefined) return undefined;
	// The sig member is `,"sig":"<hex>"`: 8 bytes before its value, 1 after.
	const mac = rangeMacHex(key.range, line, start, VALUE_START[SIG] - 8, VALUE_END[SIG] + 1, end);
	// One native decode and compare beats a byte loop here.
	if (ascii(line, VALUE_START[SIG], VALUE_END[SIG]) !== mac) return undefined;
	if (hasBackslash(line, VALUE_START[ID], VALUE_END[ID])) return undefined;
	const closing = equalBytes(line, VALUE_START[TYPE], VALUE_END[TYPE], CLOSED_TYPE);
	const recorded = !closing && equalBytes(line, VALUE_START[TYPE], VALUE_END[TYPE], RECORDED_TYPE);
	if (!closing && !recorded && hasBackslash(line, VALUE_START[TYPE], VALUE_END[TYPE])) return undefined;
	let count: unknown;
	if (closing) {
		try {
			count = (JSON.parse(line.toString('utf8', chainEnd + DATA.length - 1, dataEnd + 1)) as { count?: unknown }).count;
		} catch {
			return undefined;
		}
	}
	return {
		id: utf8(line, VALUE_START[ID], VALUE_END[ID]),
		chainid: utf8(line, chainStart, chainEnd),
		keyid: key.id,
		seq: digitsValue(line, VALUE_START[SEQ], seqEnd),
		prevhash: ascii(line, VALUE_START[PREVHASH], VALUE_END[PREVHASH]),
		type: closing ? AUDIT_CHAIN_CLOSED_TYPE : recorded ? AUDIT_EVENT_TYPE : utf8(line, VALUE_START[TYPE], VALUE_END[TYPE]),
		count,
		hash: rangeSha256Hex(line, start, end),
		signed: true,
	};
}

/**
 * Verifies an audit log as read from a file or stream: JSON Lines (one event per line, blank lines
 * skipped) or a JSON array. Gives the same result as parsing the events and calling
 * {@link verifyAuditEvents}; lines written by our signer are verified without parsing the event.
 * @throws GovernanceError (INVALID_INPUT) naming the first line that is not JSON.
 */
export function verifyAuditLog(input: string | Uint8Array, keys: AuditKeyring, options: VerifyOptions = {}): AuditVerification {
	const log = openLog(input);
	if ('events' in log) return verifyAuditEvents(log.events, keys, options);
	const keyMap = toKeyMap(keys);
	const keyList = [...keyMap.values()];
	const checker = new ChainChecker();
	let index = 0;
	for (let pos = log.start; pos < log.bytes.length; ) {
		const [start, end, next] = lineAt(log, pos);
		pos = next;
		if (start === end) continue;
		const fast = lineFacts(log.bytes, start, end, keyList);
		if (fast !== undefined) {
			checker.add(index++, fast);
			continue;
		}
		const event = parseLine(log, start, end);
		if (event === undefined) continue;
		const facts = objectFacts(event, keyMap);
		if ('malformed' in facts) checker.malformed(index++, facts.id, facts.malformed);
		else checker.add(index++, facts);
	}
	return checker.finish(options);
}
