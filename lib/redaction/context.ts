/**
 * Context words near a match, without building strings or running a regex per candidate.
 *
 * Semantics (kept from the original per-span regex): the context of a match [start, end) is
 * lower(text[start-48, start)) + ' ' + lower(text[end, end+24)); a rule's context word counts when
 * it occurs in that string at a word start, i.e. where the previous character of the context
 * string is not a lower-case ASCII letter nor a code >= 0xC0 (the first character of each part
 * has a non-letter before it: the string start, or the joining space). Words with a space may
 * straddle the joining space.
 *
 * Each detect() call lower-cases the text once; the window scanner walks that lower-cased text and
 * records every context word that starts a word (a trie walk where the first units can begin one:
 * a one- or two-unit word, or the hash of a longer one's first three), so a region query is a binary
 * search. When lower-casing changes the length (U+0130) or
 * turns a non-ASCII unit into an ASCII letter (U+212A), offsets or token classes would not line
 * up: the scanner then reads the original text and the string-building check is used.
 */

export const CONTEXT_BEFORE = 48;
export const CONTEXT_AFTER = 24;
/** Keyword sets per plan that fit the bit masks of the index. */
export const MAX_KEYWORD_SETS = 31;

/** One distinct list of context words. */
export interface KeywordSet {
	/** Bit of this set in the index masks. */
	id: number;
	words: readonly string[];
	/** words with a space, split at each space: [before, after] */
	split: Array<[string, string]>;
	/** lazily compiled regex for the fallback path */
	re?: RegExp;
}

/** Every context word of a plan, in a trie over their characters. */
export interface KeywordTable {
	sets: KeywordSet[];
	/** code unit → symbol (ASCII), -1 when no word uses it */
	ascii: Int16Array;
	other: Map<number, number>;
	symbols: number;
	/** transitions: node * symbols + symbol → node, -1 none */
	next: Int32Array;
	/** node → bit mask of the sets of the word ending there (0: none) */
	ends: Int32Array;
	/** node → word length */
	depth: Int32Array;
	/** (c0 & 127) << 7 | (c1 & 127) of the two-unit words: with singles and starts, a pre-filter for trie walks */
	pairs: Uint8Array;
	/** As pairs, for the first two units of the longer words: only those word starts read a third unit */
	longPairs: Uint8Array;
	/** startHash of the first three units of each longer word (a few false hits): on the bench corpus 127 trie walks per 4 KB item, against 250 with two-unit prefixes */
	starts: Uint8Array;
	/** c0 & 127 of one-unit words */
	singles: Uint8Array;
	/** every word starts with a letter (a-z or a code >= 0xC0): only letter word starts need a look */
	letterStarts: boolean;
}

export function keywordSet(id: number, words: readonly string[]): KeywordSet {
	const split: Array<[string, string]> = [];
	for (const w of words) for (let k = w.indexOf(' '); k > 0; k = w.indexOf(' ', k + 1)) split.push([w.slice(0, k), w.slice(k + 1)]);
	return { id, words, split };
}

export function buildKeywordTable(sets: KeywordSet[]): KeywordTable {
	const ascii = new Int16Array(128).fill(-1);
	const other = new Map<number, number>();
	let symbols = 0;
	for (const s of sets) {
		for (const w of s.words) {
			for (let i = 0; i < w.length; i++) {
				const c = w.charCodeAt(i);
				if (c < 128 ? ascii[c] < 0 : !other.has(c)) {
					if (c < 128) ascii[c] = symbols++;
					else other.set(c, symbols++);
				}
			}
		}
	}
	const S = Math.max(1, symbols);
	const rows: number[][] = [new Array<number>(S).fill(-1)];
	const ends: number[] = [0];
	const depth: number[] = [0];
	for (const s of sets) {
		for (const w of s.words) {
			if (w.length === 0) continue;
			let node = 0;
			for (let i = 0; i < w.length; i++) {
				const c = w.charCodeAt(i);
				const sym = c < 128 ? ascii[c] : (other.get(c) as number);
				let to = rows[node][sym];
				if (to < 0) {
					to = rows.length;
					rows.push(new Array<number>(S).fill(-1));
					ends.push(0);
					depth.push(i + 1);
					rows[node][sym] = to;
				}
				node = to;
			}
			ends[node] |= 1 << s.id;
		}
	}
	const pairs = new Uint8Array(128 * 128);
	const singles = new Uint8Array(128);
	const longPairs = new Uint8Array(128 * 128);
	const starts = new Uint8Array(START_HASHES);
	for (const s of sets) {
		for (const w of s.words) {
			if (w.length === 1) singles[w.charCodeAt(0) & 127] = 1;
			else if (w.length === 2) pairs[((w.charCodeAt(0) & 127) << 7) | (w.charCodeAt(1) & 127)] = 1;
			else if (w.length > 2) {
				longPairs[((w.charCodeAt(0) & 127) << 7) | (w.charCodeAt(1) & 127)] = 1;
				starts[startHash(w.charCodeAt(0), w.charCodeAt(1), w.charCodeAt(2))] = 1;
			}
		}
	}
	const next = new Int32Array(rows.length * S);
	for (let r = 0; r < rows.length; r++) for (let k = 0; k < S; k++) next[r * S + k] = rows[r][k];
	const letterStarts = sets.every((s) => s.words.every((w) => w.length === 0 || isLetter(w.charCodeAt(0))));
	return { sets, ascii, other, symbols: S, next, ends: Int32Array.from(ends), depth: Int32Array.from(depth), pairs, singles, longPairs, starts, letterStarts };
}

/** Size of KeywordTable.starts. */
export const START_HASHES = 4096;

/** Hash of three code units (each & 127) into [0, START_HASHES). */
export function startHash(c0: number, c1: number, c2: number): number {
	return (((c0 & 127) << 10) ^ ((c1 & 127) << 5) ^ (c2 & 127)) & (START_HASHES - 1);
}

function isLetter(p: number): boolean {
	return (p >= 97 && p <= 122) || p >= 0xc0;
}

/**
 * Occurrences of context words at word starts of one lower-cased text, in text order. The scanner
 * fills it in its single pass (indexWord at every letter word start), so no separate pass runs.
 */
export interface KeywordIndex {
	lower: string;
	table: KeywordTable;
	/** [position, length, set mask] triples */
	occ: Int32Array;
	count: number;
	/** OR of the set masks of all occurrences: a set outside it occurs nowhere at a word start */
	all: number;
}

function symbolAt(t: KeywordTable, lower: string, q: number): number {
	const c = lower.charCodeAt(q);
	if (c < 128) return t.ascii[c];
	const s = t.other.get(c);
	return s === undefined ? -1 : s;
}

/** Set mask of the words of the table that start at `p` in `lower` and end by `limit`. */
function wordsAt(t: KeywordTable, lower: string, p: number, limit: number): number {
	let node = 0;
	let mask = 0;
	for (let q = p; q < limit; q++) {
		const sym = symbolAt(t, lower, q);
		if (sym < 0) break;
		node = t.next[node * t.symbols + sym];
		if (node < 0) break;
		mask |= t.ends[node];
	}
	return mask;
}

/** Occurrence buffer shared by successive calls (an index lives only during one detect call). */
let OCC = new Int32Array(3 * 4); // starts small, like the window list (its growth path then has type feedback)

export function newKeywordIndex(lower: string, table: KeywordTable): KeywordIndex {
	return { lower, table, occ: OCC, count: 0, all: 0 };
}

/**
 * Records the context words starting at `p`, a word start of the text (the scanner calls it where
 * the pair pre-filter of the table hits). Words may run past the token: they can hold spaces.
 */
export function indexWord(idx: KeywordIndex, p: number): void {
	const { lower, table } = idx;
	const { next, ends, depth } = table;
	const S = table.symbols;
	const n = lower.length;
	let sym = symbolAt(table, lower, p);
	let node = sym < 0 ? -1 : next[sym]; // the root is node 0
	for (let q = p + 1; node >= 0; q++) {
		if (ends[node] !== 0) {
			let occ = idx.occ;
			const k = idx.count * 3;
			if (k + 3 > occ.length) {
				const grown = new Int32Array(occ.length * 2);
				grown.set(occ);
				OCC = idx.occ = occ = grown;
			}
			occ[k] = p;
			occ[k + 1] = depth[node];
			occ[k + 2] = ends[node];
			idx.count++;
			idx.all |= ends[node];
		}
		if (q >= n) break;
		sym = symbolAt(table, lower, q);
		node = sym < 0 ? -1 : next[node * S + sym];
	}
}

/**
 * Bit mask of the sets with a word in lower[a, b) at a word start, where position `a` always counts
 * as a word start (it begins a context part). Stops early once every bit of `needed` is found, so
 * only the bits of `needed` are reliable.
 */
export function regionMask(idx: KeywordIndex, a: number, b: number, needed: number): number {
	let mask = 0;
	const lower = idx.lower;
	if (a < b && a > 0 && isLetter(lower.charCodeAt(a - 1))) {
		// `a` is not a word start in the text, so the index lacks it: walk it directly.
		mask = wordsAt(idx.table, lower, a, b);
		if ((mask & needed) === needed) return mask;
	}
	if (a >= b || (idx.all & needed & ~mask) === 0) return mask;
	const occ = idx.occ;
	const count = idx.count;
	// first occurrence at or after `a`
	let lo = 0;
	let hi = count;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if (occ[mid * 3] < a) lo = mid + 1;
		else hi = mid;
	}
	for (let i = lo; i < count; i++) {
		const k = i * 3;
		const p = occ[k];
		if (p >= b) return mask;
		if (p + occ[k + 1] <= b) {
			mask |= occ[k + 2];
			if ((mask & needed) === needed) return mask;
		}
	}
	return mask;
}

/** Context check of the match [start, end) against `set`. */
export function spanHasContext(idx: KeywordIndex, set: KeywordSet, start: number, end: number): boolean {
	const lower = idx.lower;
	const bit = 1 << set.id;
	const a = start - CONTEXT_BEFORE > 0 ? start - CONTEXT_BEFORE : 0;
	const b = end + CONTEXT_AFTER < lower.length ? end + CONTEXT_AFTER : lower.length;
	if ((regionMask(idx, a, start, bit) & bit) !== 0 || (regionMask(idx, end, b, bit) & bit) !== 0) return true;
	// A word with a space may straddle the joining space: its head ends the first part, its tail starts the second.
	for (let k = 0; k < set.split.length; k++) {
		const [head, tail] = set.split[k];
		const p = start - head.length;
		if (p < a || end + tail.length > b) continue;
		if (p > a && isLetter(lower.charCodeAt(p - 1))) continue;
		if (lower.startsWith(head, p) && lower.startsWith(tail, end)) return true;
	}
	return false;
}

// ---- Fallback: the original string-building check (lower-casing changed the length).

function keywordRegex(words: readonly string[]): RegExp {
	const alt = [...words].sort((a, b) => b.length - a.length).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
	return new RegExp(`(?:${alt.join('|')})`, 'g');
}

/** True when a keyword of `re` occurs in `ctx` at a word start (previous char not a letter). */
export function testKeywords(re: RegExp, ctx: string): boolean {
	re.lastIndex = 0;
	for (let m = re.exec(ctx); m !== null; m = re.exec(ctx)) {
		const p = m.index === 0 ? 32 : ctx.charCodeAt(m.index - 1);
		if (!isLetter(p)) return true;
		re.lastIndex = m.index + 1;
	}
	return false;
}

export function setRegex(set: KeywordSet): RegExp {
	if (!set.re) set.re = keywordRegex(set.words);
	return set.re;
}

/** Lowercased text around [start, end): what context words are searched in (fallback path). */
export function contextOf(text: string, start: number, end: number): string {
	return `${text.slice(Math.max(0, start - CONTEXT_BEFORE), start)} ${text.slice(end, end + CONTEXT_AFTER)}`.toLowerCase();
}

/** One-off check with an ad-hoc word list (kept for tooling). */
export function hasContextWords(text: string, start: number, end: number, keywords: readonly string[]): boolean {
	return testKeywords(keywordRegex(keywords), contextOf(text, start, end));
}
