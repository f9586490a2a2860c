/**
 * Anchored search: a global pattern tried only where a match can start. Each pattern names words
 * (anchors) of which every match holds one, and how far before the anchor its match can start, as
 * a count of whitespace gaps (runs of at most two whitespace units between runs of at most RUN
 * letters, digits and `'’-./,`). The words come from the tables the pattern is built from. One pass
 * over the tokens finds every anchor word (lower case, at a token start or after a non-ASCII letter,
 * an apostrophe or a hyphen inside a token, as `\b` sees it); the windows before the anchors are
 * merged, and the pattern runs sticky at each possible start inside them, each position at most once.
 * The first start that matches is the one a global search from the same index finds: a search
 * without anchors would only try positions outside every window, where no match can start.
 * Per scan objects only (re-entrant); the anchor tables are built once from the read-only word lists.
 */
import type { Tokens } from './tokens';
import { ALPHA, WORD } from './tokens';

/** Anchor words of a pattern: `words` end where the token (or a part of it, see above) ends; the token (or part) starts with one of `prefixes`. */
export interface AnchorKind {
	/** lower-case words */
	words: readonly string[];
	prefixes?: readonly string[];
	/** whitespace gaps between the start of a match and its anchor (0: the match starts at the anchor) */
	gaps: number;
}

/** Longest run of non-whitespace units a pattern has between two gaps (a capitalised word: 63 code points). */
const RUN = 140;
const MAX_WORD = 16;

interface Table {
	mask: number;
	keys: Int32Array;
	bits: Int32Array;
}

function hashStep(h: number, c: number): number {
	return Math.imul(h ^ c, 16777619);
}
const SEED = 0x811c9dc5 | 0;

function put(t: Table, w: string, bit: number): void {
	let h = SEED;
	for (let i = 0; i < w.length; i++) h = hashStep(h, w.charCodeAt(i));
	if (h === 0) h = 1;
	let k = (h ^ (h >>> 15)) & t.mask;
	while (t.keys[k] !== 0 && t.keys[k] !== h) k = (k + 1) & t.mask;
	t.keys[k] = h;
	t.bits[k] |= bit;
}

function get(t: Table, h: number): number {
	if (h === 0) h = 1;
	let k = (h ^ (h >>> 15)) & t.mask;
	for (;;) {
		const key = t.keys[k];
		if (key === h) return t.bits[k];
		if (key === 0) return 0;
		k = (k + 1) & t.mask;
	}
}

/** Anchor words of several patterns, one bit per kind. */
export class AnchorSet {
	readonly kinds: readonly AnchorKind[];
	private exact: Table;
	private prefix: Table;
	private hasPrefix = false;
	/** by the first two lower-case ASCII letters of a word (26: none or another unit): whether some exact word / prefix may start so */
	private exact2 = new Uint8Array(27 * 27);
	private prefix2 = new Uint8Array(27 * 27);

	constructor(kinds: readonly AnchorKind[]) {
		if (kinds.length > 30) throw new Error('an AnchorSet holds at most 30 kinds');
		this.kinds = kinds;
		let n = 0;
		for (const k of kinds) n += k.words.length + (k.prefixes?.length ?? 0);
		let size = 64;
		while (size < n * 4) size <<= 1;
		this.exact = { mask: size - 1, keys: new Int32Array(size), bits: new Int32Array(size) };
		this.prefix = { mask: size - 1, keys: new Int32Array(size), bits: new Int32Array(size) };
		const check = (w: string) => {
			// a part ends at a unit that is no letter (see part()): an anchor word holds letters only
			if (w.length === 0 || w.length > MAX_WORD || w !== lower(w) || !/^\p{L}+$/u.test(w)) throw new Error(`anchor word '${w}' must be lower-case letters, 1 to ${MAX_WORD} units`);
			return w;
		};
		kinds.forEach((k, b) => {
			for (const w of k.words) {
				put(this.exact, check(w), 1 << b);
				mark2(this.exact2, w);
			}
			for (const w of k.prefixes ?? []) {
				put(this.prefix, check(w), 1 << b);
				mark2(this.prefix2, w);
				this.hasPrefix = true;
			}
		});
	}

	/**
	 * Anchors of the tokens: positions (ascending) and their kind bits; returns the count. A word is
	 * compared from each token start and, in a token holding units other than ASCII letters, from each
	 * position next to such a unit (where `\b` may hold inside the token).
	 */
	find(t: Tokens): AnchorList {
		const text = t.text;
		const out = new AnchorList();
		for (let i = 0; i < t.count; i++) {
			if (t.kind[i] !== WORD) continue;
			const s = t.start[i];
			const e = t.end[i];
			if ((t.flags[i] & ALPHA) !== 0) {
				// ASCII letters only: one part, compared when its first two letters may start a word
				const c0 = (text.charCodeAt(s) | 32) - 97;
				const c1 = e - s > 1 ? (text.charCodeAt(s + 1) | 32) - 97 : 26;
				const x = this.exact2[c0 * 27 + c1] !== 0 && e - s <= MAX_WORD;
				const pre = this.prefix2[c0 * 27 + c1] !== 0;
				if (!x && !pre) continue;
				let h = SEED;
				let b = 0;
				const end = Math.min(e, s + MAX_WORD);
				for (let j = s; j < end; j++) {
					h = hashStep(h, text.charCodeAt(j) | 32);
					if (pre) b |= get(this.prefix, h);
				}
				if (x) b |= get(this.exact, h);
				if (b !== 0) out.add(s, b);
				continue;
			}
			for (let p = s; p < e; p++) {
				const c = text.charCodeAt(p);
				// a word starts at a letter: at the token start, after a unit that is no ASCII letter, or at a non-ASCII unit
				if (c < 128 ? !isAsciiLetter(c) || (p > s && isAsciiLetter(text.charCodeAt(p - 1))) : false) continue;
				const pb = this.part(text, p, e);
				if (pb !== 0) out.add(p, pb);
			}
		}
		return out;
	}

	/** Kind bits of the words starting at p inside the token ending at e (units lower-cased one by one; an ASCII unit that is no letter ends them). */
	private part(text: string, p: number, e: number): number {
		let b = 0;
		let h = SEED;
		for (let j = p; j < e && j - p < MAX_WORD; j++) {
			const c = text.charCodeAt(j);
			if (c < 128 && !isAsciiLetter(c)) break;
			h = hashStep(h, lowerUnit(c));
			if (this.hasPrefix) b |= get(this.prefix, h);
			// an exact word ends at the token end or before a unit that is no ASCII letter
			if (j + 1 >= e || !isAsciiLetter(text.charCodeAt(j + 1))) b |= get(this.exact, h);
		}
		return b;
	}
}

/** Marks the first two letters of w (26 for a unit that is no ASCII letter, or none); a one-letter prefix marks every second letter. */
function mark2(table: Uint8Array, w: string): void {
	const at = (k: number) => {
		const c = w.charCodeAt(k);
		return c >= 97 && c <= 122 ? c - 97 : 26;
	};
	const c0 = at(0);
	if (w.length === 1) for (let c1 = 0; c1 < 27; c1++) table[c0 * 27 + c1] = 1;
	else table[c0 * 27 + at(1)] = 1;
}

function isAsciiLetter(c: number): boolean {
	return (c | 32) >= 97 && (c | 32) <= 122;
}

/** One UTF-16 unit in lower case as case-insensitive patterns compare it (`ſ` is `s`; a unit without a one-unit lower case stays). */
function lowerUnit(c: number): number {
	if (c < 128) return c >= 65 && c <= 90 ? c | 32 : c;
	if (c === 0x17f) return 115;
	const l = String.fromCharCode(c).toLowerCase();
	return l.length === 1 ? l.charCodeAt(0) : c;
}

/** Lower case as the patterns' case-insensitive matching sees it (`ſ` is `s`). */
export function lower(s: string): string {
	const l = s.toLowerCase();
	return l.includes('\u017f') ? l.replace(/\u017f/g, 's') : l;
}

/** A unit `\s` matches. */
function isSpace(c: number): boolean {
	if (c < 128) return c === 32 || (c >= 9 && c <= 13);
	return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/**
 * Windows [from, to] (disjoint, ascending) where a match can start: before each anchor of the kinds
 * in `mask`, back over at most `gaps` whitespace gaps of its kind.
 */
export function windows(text: string, kinds: readonly AnchorKind[], found: { pos: Int32Array; bits: Int32Array; count: number }, mask: number): { from: Int32Array; to: Int32Array; count: number } {
	const from = new Int32Array(found.count);
	const to = new Int32Array(found.count);
	let n = 0;
	const last = new Int32Array(kinds.length).fill(-1);
	for (let a = 0; a < found.count; a++) {
		const b = found.bits[a] & mask;
		if (b === 0) continue;
		const p = found.pos[a];
		let lo = p;
		for (let k = 0; k < kinds.length; k++) {
			if ((b & (1 << k)) === 0) continue;
			// a walk that meets the window before ends there when that window reaches back past this kind's last bound
			// (bounds of one kind never decrease): linear in a storm of anchors
			let bound: number;
			if (n > 0 && from[n - 1] <= last[k]) {
				bound = walkBack(text, p, kinds[k].gaps, to[n - 1] + 1);
				if (bound <= to[n - 1] + 1) bound = from[n - 1];
			} else bound = walkBack(text, p, kinds[k].gaps, last[k]);
			last[k] = bound;
			if (bound < lo) lo = bound;
		}
		// merge with the windows before (their ends are below p)
		while (n > 0 && from[n - 1] >= lo) n--;
		if (n > 0 && to[n - 1] >= lo - 1) {
			to[n - 1] = p;
			continue;
		}
		from[n] = lo;
		to[n++] = p;
	}
	return { from, to, count: n };
}

/** Lowest start of a match whose anchor is at p: back over runs of pattern units and at most `gaps` gaps, or `floor` once the walk reaches it (a lower bound known to hold). */
function walkBack(text: string, p: number, gaps: number, floor: number): number {
	let i = p;
	let g = 0;
	let run = 0;
	while (i > 0) {
		if (i <= floor) return floor;
		const c = text.charCodeAt(i - 1);
		if (isSpace(c)) {
			if (g === gaps) return i;
			let r = 1;
			while (i - r > 0 && r <= 2 && isSpace(text.charCodeAt(i - r - 1))) r++;
			if (r > 2) return i;
			g++;
			i -= r;
			run = 0;
			continue;
		}
		const unit = (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122) || c >= 128 || c === 39 || c === 44 || c === 45 || c === 46 || c === 47;
		if (!unit) return i;
		if (++run > RUN) return i;
		i--;
	}
	return 0;
}

/**
 * A match of these patterns starts at a unit that is no ASCII character (no low surrogate), or at an ASCII
 * letter (`lower`: also a lower-case one) or digit with no ASCII letter or digit before it (`\b` and the
 * patterns' lookbehinds).
 */
function startable(text: string, s: number, lower: boolean): boolean {
	const c = text.charCodeAt(s);
	if (c >= 128) return c < 0xdc00 || c > 0xdfff;
	if (!((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (lower && c >= 97 && c <= 122))) return false;
	if (s === 0) return true;
	const d = text.charCodeAt(s - 1);
	return !((d >= 48 && d <= 57) || ((d | 32) >= 97 && (d | 32) <= 122));
}

/** A global search from an index. */
export interface Search {
	exec(from: number): RegExpExecArray | null;
}

/** The plain global search (the reference the windowed one must equal). */
export class PlainSearch implements Search {
	constructor(private readonly re: RegExp, private readonly text: string) {
		if (!re.global) throw new Error('PlainSearch needs a global pattern');
	}

	exec(from: number): RegExpExecArray | null {
		// from the next code point when `from` falls inside a surrogate pair (a Unicode search would step back to the pair)
		const c = this.text.charCodeAt(from);
		if (from > 0 && c >= 0xdc00 && c <= 0xdfff && this.text.charCodeAt(from - 1) >= 0xd800 && this.text.charCodeAt(from - 1) <= 0xdbff) from++;
		this.re.lastIndex = from;
		return this.re.exec(this.text);
	}
}

/** Global search of a sticky pattern inside windows; exec(from) with from never decreasing between calls. */
export class WindowSearch implements Search {
	private w = 0;
	/** every start below this has been tried (and failed, or matched and been passed) */
	private tried = 0;

	/** `lower`: a match may start with an ASCII lower-case letter */
	constructor(private readonly re: RegExp, private readonly text: string, private readonly win: { from: Int32Array; to: Int32Array; count: number }, private readonly lower = true) {
		if (!re.sticky) throw new Error('WindowSearch needs a sticky pattern');
	}

	exec(from: number): RegExpExecArray | null {
		const { text, win, re } = this;
		let s = Math.max(from, this.tried);
		while (this.w < win.count && win.to[this.w] < s) this.w++;
		for (; this.w < win.count; this.w++) {
			if (s < win.from[this.w]) s = win.from[this.w];
			for (const e = win.to[this.w]; s <= e; s++) {
				if (!startable(text, s, this.lower)) continue;
				re.lastIndex = s;
				const m = re.exec(text);
				if (m !== null) {
					this.tried = s + 1;
					return m;
				}
			}
			this.tried = s;
		}
		return null;
	}
}

/** Anchors found by a pass of a recognizer's own, as (position, kind bits) in ascending positions. */
export class AnchorList {
	pos = new Int32Array(16);
	bits = new Int32Array(16);
	count = 0;

	add(p: number, b: number): void {
		if (this.count === this.pos.length) {
			const np = new Int32Array(this.count * 2);
			np.set(this.pos);
			this.pos = np;
			const nb = new Int32Array(this.count * 2);
			nb.set(this.bits);
			this.bits = nb;
		}
		this.pos[this.count] = p;
		this.bits[this.count++] = b;
	}
}

/** Both anchor lists in one, in ascending positions. */
export function mergeAnchors(a: { pos: Int32Array; bits: Int32Array; count: number }, b: { pos: Int32Array; bits: Int32Array; count: number }): AnchorList {
	const out = new AnchorList();
	let i = 0;
	let j = 0;
	while (i < a.count || j < b.count) {
		if (j >= b.count || (i < a.count && a.pos[i] <= b.pos[j])) {
			out.add(a.pos[i], a.bits[i]);
			i++;
		} else {
			out.add(b.pos[j], b.bits[j]);
			j++;
		}
	}
	return out;
}

/** Lower-case words of a regex alternation of words and forms (`Av\.?`, `C/`, `[Rr]ue`): escapes, dots and slashes dropped. */
export function alternationWords(source: string): string[] {
	return source.split('|').map((a) => lower(a.replace(/\\\.\??|\/|\\/g, '').replace(/\[(\p{L})\p{L}\]/gu, '$1')));
}

/**
 * Lower-case leading letters of each alternative of a regex alternation: `exact` when a non-letter
 * must follow them (`D\.O\.B` → `d`, `date\s+of` → `date`; an alternative that ends with them when
 * `letterAfter` is false), else `prefix` (`aged?` → `age`, `nacid[oa]` → `nacid`, `born(?:…)?` → `born`).
 */
export function leadingLetters(source: string, letterAfter = false): { exact: string[]; prefix: string[] } {
	const exact: string[] = [];
	const prefix: string[] = [];
	for (const a of source.split('|')) {
		const m = /^\p{L}+/u.exec(a);
		if (!m) throw new Error(`alternative '${a}' starts with no letter`);
		const rest = a.slice(m[0].length);
		// a letter under a quantifier may be absent or repeated: the word ends before it
		if (/^[?*{]/.test(rest)) prefix.push(lower(m[0].slice(0, -1)));
		else if (rest === '' ? !letterAfter : /^(?:\\[s./]|[ '’/])(?![?*{])/.test(rest)) exact.push(lower(m[0]));
		else prefix.push(lower(m[0]));
	}
	return { exact, prefix };
}
