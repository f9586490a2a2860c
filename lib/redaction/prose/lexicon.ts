/**
 * Word lists of the prose recognizers, compiled at build time by scripts/build-prose-data.js from
 * openly licensed devDependencies (sources and licences: NOTICE). On first use every entry goes into
 * one open-addressing table of two 32-bit hashes with a bit per list (about 30 ms and 6 MB for
 * ~500 K entries, where Sets of strings took 0.7 s of CPU here). Two independent 32-bit hashes make
 * a false hit about 1e-13 per look-up. The table is shared read-only: nothing changes during a scan.
 */
import data from './data/lexicon.json';

export const COMMON = 1;
export const GIVEN = 2;
export const SURNAME = 4;
export const CITY = 8;
export const MAJOR = 16;
export const REGION = 32;
export const COUNTRY = 64;
export const RARE = 128;
/** A proper prefix of a place name of several words (`rio de` of `rio de janeiro`): a phrase may go on. */
export const PREFIX = 256;
/** A nationality or religion word (`Syrian`, `Mexicans`, `Christian`): alone it describes, it names no one. */
export const NATIONALITY = 512;

/** Membership test of one list. */
export interface WordSet {
	has(word: string): boolean;
}

export interface Lexicon {
	/** Bits of the lists holding `word` (lower case). */
	lookup(word: string): number;
	/** common English words (lower case) */
	common: WordSet;
	given: WordSet;
	surname: WordSet;
	city: WordSet;
	/** cities of 50,000 people or more */
	major: WordSet;
	region: WordSet;
	country: WordSet;
	/** longest place name in words (at most 5) */
	placeWords: number;
}

interface Table {
	mask: number;
	h1: Int32Array;
	h2: Int32Array;
	bits: Uint16Array;
}

function insert(t: Table, s: string, from: number, to: number, bit: number): void {
	let a = 0x811c9dc5 | 0;
	let b = 0x9747b28c | 0;
	for (let i = from; i < to; i++) {
		const c = s.charCodeAt(i);
		a = Math.imul(a ^ c, 16777619);
		b = Math.imul(b + c, 0x5bd1e995) ^ (b >>> 15);
	}
	if (a === 0) a = 1;
	let k = (a ^ (a >>> 16)) & t.mask;
	while (t.h1[k] !== 0 && (t.h1[k] !== a || t.h2[k] !== b)) k = (k + 1) & t.mask;
	t.h1[k] = a;
	t.h2[k] = b;
	t.bits[k] |= bit;
}

function find(t: Table, w: string): number {
	let a = 0x811c9dc5 | 0;
	let b = 0x9747b28c | 0;
	for (let i = 0; i < w.length; i++) {
		const c = w.charCodeAt(i);
		a = Math.imul(a ^ c, 16777619);
		b = Math.imul(b + c, 0x5bd1e995) ^ (b >>> 15);
	}
	if (a === 0) a = 1;
	let k = (a ^ (a >>> 16)) & t.mask;
	while (t.h1[k] !== 0) {
		if (t.h1[k] === a && t.h2[k] === b) return t.bits[k];
		k = (k + 1) & t.mask;
	}
	return 0;
}

let lexicon: Lexicon | undefined;
function nonAscii(w: string): boolean {
	for (let i = 0; i < w.length; i++) if (w.charCodeAt(i) > 0x7f) return true;
	return false;
}
const MARKS = /\p{M}/gu;
/** Letters without a combining mark, spelled in ASCII, as scripts/build-prose-data.js does for every entry. */
const LETTERS: Record<string, string> = { ø: 'o', æ: 'ae', œ: 'oe', ß: 'ss', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i', ħ: 'h' };
/** A word without diacritics: the form every entry of the lists also has. */
const bare = (w: string): string => w.normalize('NFD').replace(MARKS, '').replace(/[øæœßłđðþıħ]/g, (c) => LETTERS[c]);

export function getLexicon(): Lexicon {
	if (lexicon) return lexicon;
	const lists: Array<[string, number]> = [
		[data.common, COMMON], [data.rare, RARE], [data.given, GIVEN], [data.surname, SURNAME], [data.city, CITY], [data.major, MAJOR], [data.region, REGION], [data.country, COUNTRY],
		[data.nationality, NATIONALITY],
	];
	let total = 0;
	for (const [s] of lists) total += s.length / 6;
	let size = 1 << 16;
	while (size < total * 2) size <<= 1;
	const t: Table = { mask: size - 1, h1: new Int32Array(size), h2: new Int32Array(size), bits: new Uint16Array(size) };
	let placeWords = 1;
	for (const [s, bit] of lists) {
		let from = 0;
		let spaces = 0;
		for (let i = 0; i <= s.length; i++) {
			const c = i < s.length ? s.charCodeAt(i) : 10;
			if (c === 32) {
				spaces++;
				if (bit >= CITY && bit <= COUNTRY) insert(t, s, from, i, PREFIX);
			}
			if (c !== 10) continue;
			if (i > from) insert(t, s, from, i, bit);
			if (bit >= CITY && bit <= COUNTRY && spaces + 1 > placeWords) placeWords = spaces + 1;
			from = i + 1;
			spaces = 0;
		}
	}
	const lookup = (w: string) => {
		const b = find(t, w);
		return b !== 0 || !nonAscii(w) ? b : find(t, bare(w));
	};
	const set = (bit: number): WordSet => ({ has: (w) => (lookup(w) & bit) !== 0 });
	lexicon = {
		lookup,
		common: set(COMMON), given: set(GIVEN), surname: set(SURNAME), city: set(CITY), major: set(MAJOR), region: set(REGION), country: set(COUNTRY),
		placeWords: Math.min(placeWords, 5),
	};
	return lexicon;
}
