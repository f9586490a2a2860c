/**
 * Membership of word tokens in the recognizers' word tables (words.ts, cues.ts) without making the
 * token's lower-case string: one table over every listed word, a bit per list, probed with a hash of
 * the token's units lower-cased and confirmed unit by unit (exactly `list.has(low(t, i))`). A token's
 * bits are computed once per scan and kept in its token table. The table is built once, read-only.
 */
import { INTRO_BEFORE, NOT_NAME, PARTICLES, PERSON_HEADERS, PLACE_BEFORE, PLACE_INTRO, SALUTATIONS, SIGN_OFFS, TITLES } from './words';
import type { Tokens } from './tokens';
import { ALPHA, low, WORD } from './tokens';

/** The lists, one bit each. */
export const W = { NOT_NAME: 1, TITLES: 2, SALUTATIONS: 4, INTRO_BEFORE: 8, PERSON_HEADERS: 16, SIGN_OFFS: 32, PARTICLES: 64, PLACE_BEFORE: 128, PLACE_INTRO: 256 };
const LISTS: Array<[ReadonlySet<string>, number]> = [
	[NOT_NAME, W.NOT_NAME], [TITLES, W.TITLES], [SALUTATIONS, W.SALUTATIONS], [INTRO_BEFORE, W.INTRO_BEFORE], [PERSON_HEADERS, W.PERSON_HEADERS],
	[SIGN_OFFS, W.SIGN_OFFS], [PARTICLES, W.PARTICLES], [PLACE_BEFORE, W.PLACE_BEFORE], [PLACE_INTRO, W.PLACE_INTRO],
];

interface Table {
	mask: number;
	keys: Int32Array;
	/** index into words + 1 (0: empty) */
	slot: Int32Array;
	words: string[];
	bits: number[];
}

const SEED = 0x811c9dc5 | 0;
const step = (h: number, c: number) => Math.imul(h ^ c, 16777619);

let table: Table | undefined;

function build(): Table {
	const all = new Map<string, number>();
	for (const [list, bit] of LISTS) for (const w of list) all.set(w, (all.get(w) ?? 0) | bit);
	let size = 64;
	while (size < all.size * 4) size <<= 1;
	const t: Table = { mask: size - 1, keys: new Int32Array(size), slot: new Int32Array(size), words: [], bits: [] };
	for (const [w, b] of all) {
		let h = SEED;
		for (let i = 0; i < w.length; i++) h = step(h, w.charCodeAt(i));
		let k = h & t.mask;
		while (t.slot[k] !== 0) k = (k + 1) & t.mask;
		t.keys[k] = h;
		t.words.push(w);
		t.bits.push(b);
		t.slot[k] = t.words.length;
	}
	return t;
}

/** Bits of the lists holding the lower-case text of token i (0 for other tokens and indexes outside). */
export function wordBits(t: Tokens, i: number): number {
	if (i < 0 || i >= t.count || t.kind[i] !== WORD) return 0;
	let cache = t.wbits;
	if (cache === undefined) {
		cache = t.wbits = new Int32Array(t.count);
		cache.fill(-1);
	}
	let b = cache[i];
	if (b < 0) cache[i] = b = compute(t, i);
	return b;
}

function compute(t: Tokens, i: number): number {
	const tab = (table ??= build());
	const ascii = (t.flags[i] & ALPHA) !== 0;
	// ASCII letters: lower-cased unit by unit; other tokens through their lower-case string
	const text = ascii ? t.text : low(t, i);
	const s = ascii ? t.start[i] : 0;
	const e = ascii ? t.end[i] : text.length;
	let h = SEED;
	for (let j = s; j < e; j++) h = step(h, ascii ? text.charCodeAt(j) | 32 : text.charCodeAt(j));
	for (let k = h & tab.mask; tab.slot[k] !== 0; k = (k + 1) & tab.mask) {
		if (tab.keys[k] !== h) continue;
		const w = tab.words[tab.slot[k] - 1];
		if (w.length !== e - s) continue;
		let same = true;
		for (let j = 0; j < w.length && same; j++) same = w.charCodeAt(j) === (ascii ? text.charCodeAt(s + j) | 32 : text.charCodeAt(s + j));
		if (same) return tab.bits[tab.slot[k] - 1];
	}
	return 0;
}
