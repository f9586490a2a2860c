/**
 * Candidate-window scanner: one pass over char codes, no regex. Text is split into tokens
 * (maximal runs of non-space characters). A token is "hot" when it holds a digit, '@', '://',
 * '::', 'www.', five dashes, or is at least 16 characters long. Adjacent tokens separated by a
 * single space join one window when they can belong to one entity: numeric groups
 * ("+44 20 7946 0958", "4111 1111 1111 1111"), short upper-case groups ("GB82 WEST 1234 …",
 * "AB 12 34 56 C"), month names ("12 March 1985") and assignments ("password: …").
 * Each window carries its digit count and a bit mask of punctuation, which gate the rules.
 */

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

const STRIDE = 6;
/** Fields of one window in a WindowList (stride). */
export const WINDOW_STRIDE = STRIDE;

/** Growable list of windows: [start, end, digitCount, charMask, letterCount, tokenCount] per entry. */
export interface WindowList {
	data: Int32Array;
	/** Number of ints used (a multiple of WINDOW_STRIDE). */
	length: number;
}

export function newWindowList(): WindowList {
	return { data: new Int32Array(STRIDE * 128), length: 0 };
}

function emit(w: WindowList, ws: number, we: number, d: number, m: number, l: number, t: number): void {
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
	w.length = k + STRIDE;
}

/** Fills `out` (reset first) with the windows of `text`, in order. */
export function scanWindows(text: string, out: WindowList): void {
	out.length = 0;
	const n = text.length;
	// current window
	let ws = -1;
	let we = -1;
	let wd = 0;
	let wm = 0;
	let wl = 0;
	let wt = 0;
	let whot = false;
	let lastKind = 0;
	let i = 0;
	while (i < n) {
		let c = text.charCodeAt(i);
		if (c <= 32 || (c >= 0x80 && isSpaceHi(c))) {
			i++;
			continue;
		}
		const ts = i;
		// Fast path: a run of lower-case ASCII letters (most words).
		while (c >= 97 && c <= 122) {
			if (++i >= n) {
				c = 32;
				break;
			}
			c = text.charCodeAt(i);
		}
		if (c <= 32 || (c >= 0x80 && isSpaceHi(c))) {
			// The token is lower-case letters only: it can be HOT (long) or a MONTH, nothing else.
			const len = i - ts;
			let kind = len >= LONG_TOKEN ? HOT : 0;
			if (len >= 3 && len <= 10 && ((MONTH_FIRST >> (text.charCodeAt(ts) - 97)) & 1) !== 0 && isMonth(text, ts, i)) kind |= MONTH;
			if (kind !== 0 && ws >= 0 && ts - we === 1 && text.charCodeAt(we) !== 10 && (((lastKind & NUMERIC) !== 0 && (kind & MONTH) !== 0) || ((lastKind & ASSIGN) !== 0 && kind === HOT))) {
				we = i;
				wl += len;
				wt++;
				whot = whot || kind === HOT;
			} else {
				if (ws >= 0 && whot) emit(out, ws, we, wd, wm, wl, wt);
				ws = -1;
				if (kind !== 0) {
					ws = ts;
					we = i;
					wd = 0;
					wm = 0;
					wl = len;
					wt = 1;
					whot = kind === HOT;
				}
			}
			lastKind = kind;
			continue;
		}
		// General path: classify every character of the token.
		let digits = 0;
		let letters = i - ts;
		let mask = 0;
		let upperAlnum = letters === 0;
		let hot = false;
		let colons = 0;
		let scheme = false;
		for (;;) {
			if (c >= 97 && c <= 122) {
				letters++;
				upperAlnum = false;
			} else if (c >= 48 && c <= 57) {
				digits++;
			} else if (c >= 65 && c <= 90) {
				letters++;
			} else if (c < 128) {
				if (c <= 32) break;
				upperAlnum = false;
				mask |= BIT[c];
				if (c === 64) hot = true;
				else if (c === 58) {
					colons++;
					const d = text.charCodeAt(i + 1);
					if (d === 58) hot = true;
					else if (d === 47 && text.charCodeAt(i + 2) === 47) hot = scheme = true;
				} else if (c === 46) {
					if (i - ts >= 3 && (text.charCodeAt(i - 1) | 32) === 119 && (text.charCodeAt(i - 2) | 32) === 119 && (text.charCodeAt(i - 3) | 32) === 119) hot = scheme = true;
				} else if (c === 45 && !hot && text.charCodeAt(i + 1) === 45 && text.startsWith('-----', i)) hot = true;
			} else {
				if (isSpaceHi(c)) break;
				upperAlnum = false;
			}
			if (++i >= n) break;
			c = text.charCodeAt(i);
		}
		// ---- token [ts, i) ends
		const len = i - ts;
		if (digits > 0 || len >= LONG_TOKEN) hot = true;
		const first = text.charCodeAt(ts);
		let kind = hot ? HOT : 0;
		if (digits > 0 && ((first >= 48 && first <= 57) || first === 43 || first === 40)) kind |= NUMERIC;
		else if (upperAlnum && len <= 4) kind |= SHORT_UPPER;
		else if (digits === 0 && isMonth(text, ts, i)) kind |= MONTH;
		const last = text.charCodeAt(i - 1);
		if (last === 58 || last === 61 || last === 62) kind |= ASSIGN;
		if (scheme) mask |= SCHEME_BIT;
		if (colons >= 2) mask |= COLON2_BIT;
		const joinable =
			ws >= 0 &&
			ts - we === 1 &&
			text.charCodeAt(we) !== 10 &&
			(((lastKind & (NUMERIC | SHORT_UPPER | MONTH | ASSIGN)) !== 0 && (kind & NUMERIC) !== 0) ||
				((lastKind & NUMERIC) !== 0 && (kind & (SHORT_UPPER | MONTH)) !== 0) ||
				((lastKind & ASSIGN) !== 0 && hot) ||
				((lastKind & kind & SHORT_UPPER) !== 0 && ((lastKind | kind) & HOT) !== 0));
		if (joinable) {
			we = i;
			wd += digits;
			wm |= mask;
			wl += letters;
			wt++;
			whot = whot || hot;
		} else {
			if (ws >= 0 && whot) emit(out, ws, we, wd, wm, wl, wt);
			ws = -1;
			if (kind !== 0) {
				ws = ts;
				we = i;
				wd = digits;
				wm = mask;
				wl = letters;
				wt = 1;
				whot = hot;
			}
		}
		lastKind = kind;
	}
	if (ws >= 0 && whot) emit(out, ws, we, wd, wm, wl, wt);
}

/**
 * Appends windows as [start, end, digitCount, charMask, letterCount, tokenCount] tuples to `out`, in order.
 * (Array form of scanWindows, for tooling.)
 */
export function findWindows(text: string, out: number[]): void {
	const list = newWindowList();
	scanWindows(text, list);
	for (let k = 0; k < list.length; k++) out.push(list.data[k]);
}
