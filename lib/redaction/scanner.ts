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

function isSpace(c: number): boolean {
	return (
		c <= 32 ||
		(c >= 0x80 &&
			(c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200b) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff))
	);
}

// Token kinds (bit flags).
const HOT = 1;
const NUMERIC = 2;
const SHORT_UPPER = 4;
const MONTH = 8;
const ASSIGN = 16;

const MONTHS = new Set(
	['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'].map(
		(m) => (m.charCodeAt(0) << 16) | (m.charCodeAt(1) << 8) | m.charCodeAt(2),
	),
);

function isMonth(text: string, s: number, e: number): boolean {
	const n = e - s;
	if (n < 3 || n > 10) return false;
	return MONTHS.has(((text.charCodeAt(s) | 32) << 16) | ((text.charCodeAt(s + 1) | 32) << 8) | (text.charCodeAt(s + 2) | 32));
}

/**
 * Appends windows as [start, end, digitCount, charMask, letterCount, tokenCount] tuples to `out`, in order.
 */
export function findWindows(text: string, out: number[]): void {
	const n = text.length;
	// current token
	let ts = -1;
	let hot = false;
	let digits = 0;
	let mask = 0;
	let allUpperAlnum = true;
	let letters = 0;
	let colons = 0;
	let scheme = false;
	// current window
	let ws = -1;
	let we = -1;
	let wd = 0;
	let wm = 0;
	let wl = 0;
	let wt = 0;
	let whot = false;
	let lastKind = 0;
	for (let i = 0; i <= n; i++) {
		const c = i < n ? text.charCodeAt(i) : 32;
		if (c <= 32 || (c >= 0x80 && isSpace(c))) {
			if (ts < 0) continue;
			// ---- token [ts, i) ends
			const len = i - ts;
			if (!hot && len >= LONG_TOKEN) hot = true;
			const first = text.charCodeAt(ts);
			let kind = hot ? HOT : 0;
			if (digits > 0 && ((first >= 48 && first <= 57) || first === 43 || first === 40)) kind |= NUMERIC;
			else if (allUpperAlnum && len <= 4) kind |= SHORT_UPPER;
			else if (digits === 0 && isMonth(text, ts, i)) kind |= MONTH;
			const last = text.charCodeAt(i - 1);
			if (last === 58 || last === 61 || last === 62) kind |= ASSIGN;
			if (scheme) mask |= SCHEME_BIT;
			if (colons >= 2) mask |= COLON2_BIT;
			const gap = ts - we;
			const joinable =
				ws >= 0 &&
				gap === 1 &&
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
				if (ws >= 0 && whot) out.push(ws, we, wd, wm, wl, wt);
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
			ts = -1;
			continue;
		}
		if (ts < 0) {
			ts = i;
			hot = false;
			digits = 0;
			mask = 0;
			allUpperAlnum = true;
			letters = 0;
			colons = 0;
			scheme = false;
		}
		if (c >= 48 && c <= 57) {
			digits++;
			hot = true;
			continue;
		}
		if (c < 128) {
			const lower = c | 32;
			if (lower >= 97 && lower <= 122) {
				letters++;
				if (c > 90) allUpperAlnum = false;
				continue;
			}
			allUpperAlnum = false;
			mask |= BIT[c];
			if (c === 64) hot = true;
			else if (c === 58) {
				colons++;
				const d = text.charCodeAt(i + 1);
				if (d === 58) hot = true;
				else if (d === 47 && text.charCodeAt(i + 2) === 47) hot = scheme = true;
			} else if (c === 46) {
				if (i - ts >= 3 && (text.charCodeAt(i - 1) | 32) === 119 && (text.charCodeAt(i - 2) | 32) === 119 && (text.charCodeAt(i - 3) | 32) === 119) hot = scheme = true;
			} else if (c === 45 && !hot && text.startsWith('-----', i)) hot = true;
		} else allUpperAlnum = false;
	}
	if (ws >= 0 && whot) out.push(ws, we, wd, wm, wl, wt);
}
