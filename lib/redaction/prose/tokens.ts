/**
 * One linear pass over the text into tokens: words (letters, with inner apostrophes and hyphens:
 * `O'Neill`, `García-López`), numbers (ASCII digits) and single punctuation characters. Whitespace
 * is not a token; a token records whether a line break comes before it. Typed arrays, one object per
 * scan: re-entrant; the only module state is a read-only table of letter units built on first use.
 */
export const WORD = 1;
export const NUM = 2;
export const PUNCT = 3;

/** Flags */
export const CAP = 1; // starts with an upper-case letter
export const UPPER = 2; // two or more letters, all upper case
export const NL = 4; // a line break lies between the previous token and this one
export const SPACE = 8; // whitespace lies between the previous token and this one
export const SENT = 16; // starts a sentence (text start, after a line break or after . ! ? and a space)
export const GLUED = 32; // a word or number touching a letter or digit run (`GB82`, `Ab9`): not a word of prose
export const ALPHA = 64; // a word of ASCII letters only

export interface Tokens {
	text: string;
	count: number;
	start: Int32Array;
	end: Int32Array;
	kind: Uint8Array;
	flags: Uint8Array;
	/** lower-case text of word tokens, filled on first use (a recognizer asks for the same word several times) */
	lows: Array<string | undefined>;
	/** word-list bits of word tokens (see lexOf), -1 until first use */
	lex?: Int32Array;
	/** word-table bits of word tokens (see wordBits), -1 until first use */
	wbits?: Int32Array;
}

/** Per UTF-16 unit: IS_LETTER (a letter or mark, no surrogate), IS_UPPER (an upper-case letter); built once from Unicode properties, read-only after. */
const IS_LETTER = 1;
const IS_UPPER = 2;
let units: Uint8Array | undefined;

function unitTable(): Uint8Array {
	if (units) return units;
	const table = new Uint8Array(0x10000);
	const all: string[] = [];
	for (let c = 0; c < 0x10000; c++) all.push(c >= 0xd800 && c <= 0xdfff ? ' ' : String.fromCharCode(c));
	const text = all.join('');
	for (const m of text.matchAll(/[\p{L}\p{M}]/gu)) table[m.index] |= IS_LETTER;
	for (const m of text.matchAll(/\p{Lu}/gu)) table[m.index] |= IS_UPPER;
	units = table;
	return table;
}

export function tokenize(text: string): Tokens {
	const u = unitTable();
	const n = text.length;
	// room for the tokens and at least 8 zeroed entries after the last (a recognizer may read a few entries past it), or n + 1
	let cap = Math.min(n + 1, (n >> 2) + 64);
	let start = new Int32Array(cap);
	let end = new Int32Array(cap);
	let kind = new Uint8Array(cap);
	let flags = new Uint8Array(cap);
	let count = 0;
	let i = 0;
	let pending = NL | SENT; // text start counts as a line start
	let prevEndsSentence = false;
	while (i < n) {
		const c = text.charCodeAt(i);
		if (c === 32 || c === 9 || c === 13 || c === 10 || c === 160 || c === 12 || c === 11 || c === 0x2028 || c === 0x2029) {
			pending |= SPACE;
			if (c === 10 || c === 13 || c === 0x2028 || c === 0x2029) pending |= NL | SENT;
			else if (prevEndsSentence) pending |= SENT;
			i++;
			continue;
		}
		let f = pending;
		pending = 0;
		const s = i;
		let k: number;
		if (c >= 48 && c <= 57) {
			k = NUM;
			i++;
			while (i < n) {
				const d = text.charCodeAt(i);
				if (d < 48 || d > 57) break;
				i++;
			}
		} else if ((u[c] & IS_LETTER) !== 0) {
			k = WORD;
			let upper = true;
			let letters = 0;
			let ascii = true;
			if ((u[c] & IS_UPPER) !== 0) f |= CAP;
			for (;;) {
				while (i < n) {
					const d = text.charCodeAt(i);
					const b = u[d];
					if ((b & IS_LETTER) === 0) break;
					if ((b & IS_UPPER) === 0) upper = false;
					if (d >= 128) ascii = false;
					letters++;
					i++;
				}
				// inner apostrophe or hyphen followed by letters (not a lone `'s` / `’s`)
				if (i + 1 < n) {
					const d = text.charCodeAt(i);
					if ((d === 39 || d === 0x2019 || d === 45) && (u[text.charCodeAt(i + 1)] & IS_LETTER) !== 0) {
						const lone = d !== 45 && (i + 2 >= n || (u[text.charCodeAt(i + 2)] & IS_LETTER) === 0) && (text.charCodeAt(i + 1) === 115 || text.charCodeAt(i + 1) === 116);
						if (!lone) {
							ascii = false;
							i++;
							continue;
						}
					}
				}
				break;
			}
			if (upper && letters >= 2) f |= UPPER;
			if (ascii) f |= ALPHA;
		} else {
			k = PUNCT;
			i++;
		}
		if (k !== PUNCT && count > 0 && kind[count - 1] !== PUNCT && end[count - 1] === s) {
			f |= GLUED;
			flags[count - 1] |= GLUED;
		}
		if (count + 8 >= cap && cap < n + 1) {
			cap = Math.min(n + 1, cap * 2);
			start = grow(start, cap);
			end = grow(end, cap);
			kind = grow(kind, cap);
			flags = grow(flags, cap);
		}
		start[count] = s;
		end[count] = i;
		kind[count] = k;
		flags[count] = f;
		count++;
		prevEndsSentence = k === PUNCT && (c === 46 || c === 33 || c === 63);
	}
	return { text, count, start, end, kind, flags, lows: [] };
}

function grow<T extends Int32Array | Uint8Array>(a: T, size: number): T {
	const b = new (a.constructor as new (n: number) => T)(size);
	b.set(a);
	return b;
}

/** The token's text. */
export function tok(t: Tokens, i: number): string {
	return t.text.slice(t.start[i], t.end[i]);
}

/** The token's text in lower case ('' for punctuation and numbers). */
export function low(t: Tokens, i: number): string {
	if (i < 0 || i >= t.count || t.kind[i] !== WORD) return '';
	// one slot per token from the start: an array written at scattered indexes would turn into a slow dictionary
	if (t.lows.length !== t.count) t.lows = new Array<string | undefined>(t.count).fill(undefined);
	let w = t.lows[i];
	if (w === undefined) t.lows[i] = w = t.text.slice(t.start[i], t.end[i]).toLowerCase();
	return w;
}

/** Word-list bits (Lexicon.lookup) of word token i, looked up once per token; 0 for other tokens. */
export function lexOf(t: Tokens, lx: { lookup(word: string): number }, i: number): number {
	if (i < 0 || i >= t.count || t.kind[i] !== WORD) return lx.lookup('');
	let lex = t.lex;
	if (lex === undefined) {
		lex = t.lex = new Int32Array(t.count);
		lex.fill(-1);
	}
	let b = lex[i];
	if (b < 0) lex[i] = b = lx.lookup(low(t, i));
	return b;
}

/** low(t, i) === w, for a non-empty lower-case w, without making the string of a token of ASCII letters. */
export function lowIs(t: Tokens, i: number, w: string): boolean {
	if (i < 0 || i >= t.count || t.kind[i] !== WORD) return false;
	if ((t.flags[i] & ALPHA) === 0) return low(t, i) === w;
	const s = t.start[i];
	if (t.end[i] - s !== w.length) return false;
	for (let k = 0; k < w.length; k++) if ((t.text.charCodeAt(s + k) | 32) !== w.charCodeAt(k)) return false;
	return true;
}

/** True when token i is the punctuation character `ch`. */
export function isPunct(t: Tokens, i: number, ch: string): boolean {
	return i >= 0 && i < t.count && t.kind[i] === PUNCT && t.text[t.start[i]] === ch;
}
