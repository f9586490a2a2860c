/**
 * Candidate-window scanner: one pass over char codes, no regex. Text is split into tokens
 * (maximal runs of non-space characters). A token is "hot" when it holds a digit, '@', '://',
 * '::', 'www.', five dashes, or is at least 16 characters long. Adjacent tokens separated by a
 * single space join one window when they can belong to one entity: numeric groups
 * ("+44 20 7946 0958", "4111 1111 1111 1111"), short upper-case groups ("GB82 WEST 1234 …",
 * "AB 12 34 56 C"), month names ("12 March 1985") and assignments ("password: …").
 * Each window carries its digit count and a bit mask of punctuation, which gate the rules.
 */

import { indexWord, START_HASHES, startHash } from './context';
import type { KeywordIndex } from './context';

const LONG_TOKEN = 16;

/** Feature bits of a window, matched against RuleTrigger.anyChar. */
export const CHAR_BITS: Readonly<Record<string, number>> = {
	'@': 1, ':': 2, '.': 4, '-': 8, '=': 16, '+': 32, '/': 64, _: 128, '(': 256,
};
/** Window holds '://' or 'www.' (a URL start). */
export const SCHEME_BIT = 512;
/** Window holds a token with at least two ':' (IPv6, MAC, times with seconds). */
export const COLON2_BIT = 1024;

const BIT = new Uint16Array(128);
for (const [ch, bit] of Object.entries(CHAR_BITS)) BIT[ch.charCodeAt(0)] = bit;

export function charMask(chars: string | undefined): number {
	let m = 0;
	for (const ch of chars ?? '') {
		const bit = CHAR_BITS[ch];
		if (bit === undefined) throw new TypeError(`trigger.anyChar supports only ${Object.keys(CHAR_BITS).join(' ')}; got '${ch}'`);
		m |= bit;
	}
	return m;
}

/** Whitespace at or above 0x80 (the scanner treats every code <= 32 as space). */
function isSpaceHi(c: number): boolean {
	return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200b) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

// Token kinds (bit flags).
const HOT = 1;
const NUMERIC = 2;
const SHORT_UPPER = 4;
const MONTH = 8;
const ASSIGN = 16;

/** Lower-case letters that start a month name, as a bit mask over 'a'..'z' (a cheap pre-filter for lower-case tokens). */
const MONTH_FIRST = (1 << 9) | (1 << 5) | (1 << 12) | (1 << 0) | (1 << 18) | (1 << 14) | (1 << 13) | (1 << 3);

/**
 * True when the token [s, e) (3–10 units) starts with a month prefix (jan … dec): the first three
 * codes, each OR 32, packed as (c0 << 16) | (c1 << 8) | c2.
 */
function isMonth(text: string, s: number, e: number): boolean {
	const n = e - s;
	if (n < 3 || n > 10) return false;
	switch (((text.charCodeAt(s) | 32) << 16) | ((text.charCodeAt(s + 1) | 32) << 8) | (text.charCodeAt(s + 2) | 32)) {
		case 0x6a616e: // jan
		case 0x666562: // feb
		case 0x6d6172: // mar
		case 0x617072: // apr
		case 0x6d6179: // may
		case 0x6a756e: // jun
		case 0x6a756c: // jul
		case 0x617567: // aug
		case 0x736570: // sep
		case 0x6f6374: // oct
		case 0x6e6f76: // nov
		case 0x646563: // dec
			return true;
		default:
			return false;
	}
}

const STRIDE = 7;
/** Fields of one window in a WindowList (stride). */
export const WINDOW_STRIDE = STRIDE;

/**
 * Longest runs of ASCII letters/digits in a window, packed: bits 0-5 digits-only runs, 6-11
 * letters-only, 12-17 mixed (lead.ts kinds 1-3, at (kind - 1) * 6), each capped at 63. The dispatch
 * drops the lead-shaped rules whose leads need a longer run than the window holds, so a long window
 * of look-alikes is not walked for rules that cannot start anywhere in it.
 */
export const RUN_CAP = 63;

/** `runs` with a run of `len` units, `d` digits and `l` letters, counted. */
function addRun(runs: number, d: number, l: number, len: number): number {
	const shift = d === 0 ? 6 : l === 0 ? 0 : 12;
	const n = len < RUN_CAP ? len : RUN_CAP;
	return ((runs >> shift) & 63) >= n ? runs : (runs & ~(63 << shift)) | (n << shift);
}

/** Field-wise maximum of two packed run summaries. */
function mergeRuns(a: number, b: number): number {
	// b's bits a subset of a's (or the reverse): each of its fields is then no larger
	if ((b & ~a) === 0) return a;
	if ((a & ~b) === 0) return b;
	let r = 0;
	for (let s = 0; s <= 12; s += 6) {
		const x = (a >> s) & 63;
		const y = (b >> s) & 63;
		r |= (x > y ? x : y) << s;
	}
	return r;
}

/** Growable list of windows: [start, end, digitCount, charMask, letterCount, tokenCount, runs] per entry. */
export interface WindowList {
	data: Int32Array;
	/** Number of ints used (a multiple of WINDOW_STRIDE). */
	length: number;
}

export function newWindowList(): WindowList {
	// starts small: the growth path then has type feedback before the scanner is optimised
	return { data: new Int32Array(STRIDE * 4), length: 0 };
}

function emit(w: WindowList, ws: number, we: number, d: number, m: number, l: number, t: number, r: number): void {
	let data = w.data;
	const k = w.length;
	if (k + STRIDE > data.length) {
		const grown = new Int32Array(data.length * 2);
		grown.set(data);
		w.data = data = grown;
	}
	data[k] = ws;
	data[k + 1] = we;
	data[k + 2] = d;
	data[k + 3] = m;
	data[k + 4] = l;
	data[k + 5] = t;
	data[k + 6] = r;
	w.length = k + STRIDE;
}

/**
 * The code unit at `i`, or 0 past the end. A read past the end (NaN) would deoptimise the hot loops
 * the first time a text ends inside a token, and recompiling them costs more CPU than a long input.
 */
export function codeAt(s: string, i: number): number {
	return i < s.length ? s.charCodeAt(i) : 0;
}

/** Pre-filters that never hit: scanning without a context-word index. */
const NO_PAIRS = new Uint8Array(128 * 128);
const NO_SINGLES = new Uint8Array(128);
const NO_STARTS = new Uint8Array(START_HASHES);

/**
 * The context-word pre-filter at a word start `i` (unit `c`): a one- or two-unit word, or a longer
 * one's first two units and the hash of its first three (the third unit is read only after the two).
 */
function mayStartWord(pairs: Uint8Array, singles: Uint8Array, longPairs: Uint8Array, starts: Uint8Array, src: string, i: number, c: number): boolean {
	const c1 = codeAt(src, i + 1);
	const pair = ((c & 127) << 7) | (c1 & 127);
	if ((singles[c & 127] | pairs[pair]) !== 0) return true;
	return longPairs[pair] !== 0 && starts[startHash(c, c1, codeAt(src, i + 2))] !== 0;
}

/** True when src[s, s + len) is an assignment operator of the secret patterns: = : := => */
function isAssignOp(src: string, s: number, len: number): boolean {
	const a = src.charCodeAt(s);
	if (len === 1) return a === 61 || a === 58;
	const b = src.charCodeAt(s + 1);
	return (a === 58 && b === 61) || (a === 61 && b === 62);
}

/** True when `c` (any case) can start a month name. */
function isMonthFirst(c: number): boolean {
	const f = c | 32;
	return f >= 97 && f <= 122 && ((MONTH_FIRST >> (f - 97)) & 1) !== 0;
}

/** True when text[s, s + len) (1 to 4 ASCII letters and digits) holds no lower-case letter; unrolled, so it is inlined. */
function noLower(text: string, s: number, len: number): boolean {
	return text.charCodeAt(s) < 97 && (len < 2 || text.charCodeAt(s + 1) < 97) && (len < 3 || text.charCodeAt(s + 2) < 97) && (len < 4 || text.charCodeAt(s + 3) < 97);
}

/**
 * Fills `out` (reset first) with the windows of `text`, in order, reading `src`: either `text`, or
 * its lower-cased copy of the same length when lower-casing maps no non-ASCII unit to an ASCII
 * letter (the caller checks U+212A). Token classes are then the same (only SHORT_UPPER needs the
 * case, read from `text`), and the same pass records the context words of `idx` (built on `src`)
 * at every letter word start, so the index costs no pass of its own.
 */
export function scanWindows(src: string, text: string, out: WindowList, idx: KeywordIndex | undefined): void {
	out.length = 0;
	const n = src.length;
	const pairs = idx === undefined ? NO_PAIRS : idx.table.pairs;
	const singles = idx === undefined ? NO_SINGLES : idx.table.singles;
	const longPairs = idx === undefined ? NO_PAIRS : idx.table.longPairs;
	const starts = idx === undefined ? NO_STARTS : idx.table.starts;
	// current window
	let ws = -1;
	let we = -1;
	let wd = 0;
	let wm = 0;
	let wl = 0;
	let wt = 0;
	let wr = 0;
	let whot = false;
	let lastKind = 0;
	// the previous token: start, end, and (unless it was a plain word) its counts, for a name before
	// an assignment operator ('password = …'), which the window then starts with
	let ps = -1;
	let pe = -1;
	let pplain = false;
	let pd = 0;
	let pm = 0;
	let pl = 0;
	let pr = 0;
	let ph = false;
	let i = 0;
	// the space before the current token: the context index counts spaces >= 0xC0 as letters
	let sp = 32;
	while (i < n) {
		let c = src.charCodeAt(i);
		if (c <= 32 || (c >= 0x80 && isSpaceHi(c))) {
			sp = c;
			i++;
			continue;
		}
		const ts = i;
		// Word starts (context index): a letter (a-z or >= 0xC0) after a unit that is none.
		let prevLetter = sp >= 0xc0;
		// Fast path: a run of lower-case ASCII letters (most words).
		if (c >= 97 && c <= 122) {
			if (!prevLetter && mayStartWord(pairs, singles, longPairs, starts, src, ts, c)) indexWord(idx as KeywordIndex, ts);
			prevLetter = true;
			const c0 = c;
			do {
				if (++i >= n) {
					c = 32;
					break;
				}
				c = src.charCodeAt(i);
			} while (c >= 97 && c <= 122);
			if (c <= 32 || (c >= 0x80 && isSpaceHi(c))) {
				// A plain word (letters only) of no kind: it only ends the current window.
				const len = i - ts;
				if (len < LONG_TOKEN && !(len <= 4 && text.charCodeAt(ts) < 97) && !(len >= 3 && len <= 10 && ((MONTH_FIRST >> (c0 - 97)) & 1) !== 0 && isMonth(src, ts, i))) {
					if (ws >= 0 && whot) emit(out, ws, we, wd, wm, wl, wt, wr);
					ws = -1;
					lastKind = 0;
					ps = ts;
					pe = i;
					pplain = true;
					continue;
				}
			}
		}
		let digits = 0;
		let letters = i - ts;
		let mask = 0;
		let hot = false;
		let colons = 0;
		let scheme = false;
		// runs of ASCII letters/digits: packed maxima of the token; the current run's start and the
		// digit / letter counts there (nothing extra per letter or digit, a little per other unit)
		let runs = 0;
		let rs = ts;
		let rd = 0;
		let rt = 0;
		if (!(c <= 32 || (c >= 0x80 && isSpaceHi(c)))) {
			// General path: classify every unit of the rest of the token.
			for (;;) {
				if (c >= 97 && c <= 122) {
					letters++;
					if (!prevLetter) {
						if (mayStartWord(pairs, singles, longPairs, starts, src, i, c)) indexWord(idx as KeywordIndex, i);
						prevLetter = true;
					}
				} else if (c >= 48 && c <= 57) {
					digits++;
					prevLetter = false;
				} else if (c >= 65 && c <= 90) {
					letters++; // only when reading the original text (no index)
				} else if (c < 128) {
					if (c <= 32) break;
					if (i > rs) runs = addRun(runs, digits - rd, letters - rt, i - rs);
					rs = i + 1;
					rd = digits;
					rt = letters;
					prevLetter = false;
					mask |= BIT[c];
					if (c === 64) hot = true;
					else if (c === 58) {
						colons++;
						const d = codeAt(src, i + 1);
						if (d === 58) hot = true;
						else if (d === 47 && codeAt(src, i + 2) === 47) hot = scheme = true;
					} else if (c === 46) {
						if (i - ts >= 3 && (src.charCodeAt(i - 1) | 32) === 119 && (src.charCodeAt(i - 2) | 32) === 119 && (src.charCodeAt(i - 3) | 32) === 119) hot = scheme = true;
					} else if (c === 45 && !hot && codeAt(src, i + 1) === 45 && src.startsWith('-----', i)) hot = true;
				} else {
					if (isSpaceHi(c)) break;
					if (i > rs) runs = addRun(runs, digits - rd, letters - rt, i - rs);
					rs = i + 1;
					rd = digits;
					rt = letters;
					if (c >= 0xc0) {
						if (!prevLetter && mayStartWord(pairs, singles, longPairs, starts, src, i, c)) indexWord(idx as KeywordIndex, i);
						prevLetter = true;
					} else prevLetter = false;
				}
				if (++i >= n) break;
				c = src.charCodeAt(i);
			}
		}
		// ---- token [ts, i) ends
		if (i > rs) runs = addRun(runs, digits - rd, letters - rt, i - rs);
		const len = i - ts;
		if (digits > 0 || len >= LONG_TOKEN) hot = true;
		const first = src.charCodeAt(ts);
		let kind = hot ? HOT : 0;
		if (digits > 0 && ((first >= 48 && first <= 57) || first === 43 || first === 40)) kind |= NUMERIC;
		else if (len <= 4 && digits + letters === len && noLower(text, ts, len)) kind |= SHORT_UPPER;
		else if (digits === 0 && len >= 3 && len <= 10 && isMonthFirst(first) && isMonth(src, ts, i)) kind |= MONTH;
		const last = src.charCodeAt(i - 1);
		if (last === 58 || last === 61 || last === 62) kind |= ASSIGN;
		if (scheme) mask |= SCHEME_BIT;
		if (colons >= 2) mask |= COLON2_BIT;
		// an assignment operator on its own after a name on the same line ('password = …', 'token := …'):
		// the name joins the window, as in 'password=…', so a pattern sees both
		const nameOp = (kind & ASSIGN) !== 0 && len <= 2 && isAssignOp(src, ts, len) && pe === ts - 1 && pe > ps && src.charCodeAt(pe) !== 10;
		if (nameOp && !(ws >= 0 && we === pe)) {
			if (ws >= 0 && whot) emit(out, ws, we, wd, wm, wl, wt, wr);
			if (pplain) {
				// a plain word's counts: letters only
				pd = pm = 0;
				pl = pe - ps;
				pr = addRun(0, 0, pl, pl);
				ph = false;
			}
			ws = ps;
			we = pe;
			wt = 1;
			[wd, wm, wl, wr, whot] = [pd, pm, pl, pr, ph];
		}
		ps = ts;
		pe = i;
		pplain = false;
		pd = digits;
		pm = mask;
		pl = letters;
		pr = runs;
		ph = hot;
		const joinable =
			nameOp ||
			(ws >= 0 &&
			ts - we === 1 &&
			src.charCodeAt(we) !== 10 &&
			(((lastKind & (NUMERIC | SHORT_UPPER | MONTH | ASSIGN)) !== 0 && (kind & NUMERIC) !== 0) ||
				((lastKind & NUMERIC) !== 0 && (kind & (SHORT_UPPER | MONTH)) !== 0) ||
				((lastKind & ASSIGN) !== 0 && hot) ||
				((lastKind & kind & SHORT_UPPER) !== 0 && ((lastKind | kind) & HOT) !== 0)));
		if (joinable) {
			we = i;
			wd += digits;
			wm |= mask;
			wl += letters;
			wt++;
			if ((runs & ~wr) !== 0) wr = mergeRuns(wr, runs);
			whot = whot || hot;
		} else {
			if (ws >= 0 && whot) emit(out, ws, we, wd, wm, wl, wt, wr);
			ws = -1;
			if (kind !== 0) {
				ws = ts;
				we = i;
				wd = digits;
				wm = mask;
				wl = letters;
				wt = 1;
				wr = runs;
				whot = hot;
			}
		}
		lastKind = kind;
	}
	if (ws >= 0 && whot) emit(out, ws, we, wd, wm, wl, wt, wr);
}

/**
 * Appends windows as [start, end, digitCount, charMask, letterCount, tokenCount, runs] tuples to `out`, in order.
 * (Array form of scanWindows, for tooling.)
 */
export function findWindows(text: string, out: number[]): void {
	const list = newWindowList();
	scanWindows(text, text, list, undefined);
	for (let k = 0; k < list.length; k++) out.push(list.data[k]);
}
