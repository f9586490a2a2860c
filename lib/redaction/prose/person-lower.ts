/**
 * PERSON in lower case: chat and form text often writes names without capitals (`my name is lena
 * andersson`, `mr. elliott`, `this is ana garcía`). Capitals say nothing there, so only a cue that
 * introduces a name counts — a title with its dot, a self-introduction (`my name is`, `this is`,
 * `i am`, `call me`) — and every word must be a list name (given name or surname) that is no English
 * word of either list (`dear customer`, `this is urgent`, `i am sure` stay text). Up to three words. After the
 * strongest cues (`my name is`, `call me`, a `name:` header) a word no list knows counts too (`my name is borna
 * jerković`) or a name that is also a less common English word (`john`), and an initial with its dot (`hyuuma t. maida`).
 * A list of three or more given names in lower case counts too (`silvana, adam and caleb`), each with the single
 * score (a walk starts only at a list's first word). Linear: each word is looked at a bounded number of times.
 */
import type { Detection } from '../types';
import { COMMON, GIVEN, RARE, SURNAME } from './lexicon';
import type { Lexicon } from './lexicon';
import { CAP, isPunct, lexOf, low, NL, WORD } from './tokens';
import type { Tokens } from './tokens';
import { introduces, PERSON_SCORES } from './person';
import { listNext } from './person-cues';
import { W, wordBits } from './wordbits';

const MAX_WORDS = 3;
const VOWELS = 'aeiouy';

/** A lower-case word that only a name list knows. */
function listNameOnly(t: Tokens, lx: Lexicon, i: number): boolean {
	if (i >= t.count || t.kind[i] !== WORD || (t.flags[i] & CAP) !== 0 || t.end[i] - t.start[i] < 2) return false;
	const b = lexOf(t, lx, i);
	return (b & (GIVEN | SURNAME)) !== 0 && (b & (COMMON | RARE)) === 0;
}

/** A cue right before token i that introduces a name: `mr.` / `dr.`, or a self-introduction. */
function introducesName(t: Tokens, i: number): boolean {
	if ((t.flags[i] & NL) !== 0) return false;
	// `mr. elliott`: a title and its dot, right before
	if (isPunct(t, i - 1, '.')) return i >= 2 && t.kind[i - 2] === WORD && (wordBits(t, i - 2) & W.TITLES) !== 0;
	return i >= 1 && t.kind[i - 1] === WORD && (wordBits(t, i - 1) & W.INTRO_BEFORE) !== 0 && introduces(t, i - 1);
}

/**
 * After the strongest cues (strongIntro), a lower-case word that is no common English word: one no list knows
 * (`hyuuma`; `borna` is a town too), or a name that is also a less common English word (`john`); no digit glued to it
 * (`xj9`).
 */
function strongPart(t: Tokens, lx: Lexicon, i: number): boolean {
	if (i >= t.count || t.kind[i] !== WORD || (t.flags[i] & CAP) !== 0 || t.end[i] - t.start[i] < 2 || /[\p{L}\p{N}_]/u.test(t.text[t.end[i]] ?? '')) return false;
	const b = lexOf(t, lx, i);
	return (b & COMMON) === 0 && ((b & RARE) === 0 || (b & (GIVEN | SURNAME)) !== 0);
}

/** `my name is …`, `call me …`, a `name:` header: a cue that says the words after it are a name, whatever they are. */
function strongIntro(t: Tokens, i: number): boolean {
	if ((t.flags[i] & NL) !== 0 && !isPunct(t, i - 1, ':')) return false;
	const w = t.kind[i - 1] === WORD ? low(t, i - 1) : isPunct(t, i - 1, ':') ? ':' : '';
	const w2 = i >= 2 && t.kind[i - 2] === WORD ? low(t, i - 2) : '';
	return (w === 'is' && w2 === 'name') || (w === 'me' && STRONG_CALL.has(w2)) || (w === ':' && w2 === 'name');
}
const STRONG_CALL = new Set(['call', 'calls', 'called']);

/** An initial in a lower-case name (`hyuuma t. maida`, `benjamin a seiler`): the token after it (and its dot), or -1. */
function initialAt(t: Tokens, k: number): number {
	if (k + 1 >= t.count || t.kind[k] !== WORD || t.end[k] - t.start[k] !== 1) return -1;
	const n = isPunct(t, k + 1, '.') && t.start[k + 1] === t.end[k] ? k + 2 : k + 1;
	return n < t.count && t.start[n] - t.end[n - 1] === 1 ? n : -1;
}

/** A given name only the name lists know, in lower case. */
function givenOnly(t: Tokens, lx: Lexicon, i: number): boolean {
	return listNameOnly(t, lx, i) && (lexOf(t, lx, i) & GIVEN) !== 0;
}

/**
 * A list of three or more such given names (`silvana, adam, kristina and caleb`): commas between them, a conjunction
 * before the last (listNext), on one line. Returns the token index of the last name, or -1.
 */
function nameList(t: Tokens, lx: Lexicon, i: number): number {
	let k = i;
	for (let n = 2; ; n++) {
		const { next, last } = listNext(t, k);
		if (next === k + 1 || next >= t.count || (t.flags[next] & NL) !== 0 || !givenOnly(t, lx, next)) return -1;
		k = next;
		if (last) return n >= 3 ? k : -1;
	}
}

/**
 * `codey m ross`, `eric g. samoylova`: a given name, a middle initial (its dot optional, required for a vowel) and a
 * last word that is a list name or unknown (three letters or more), on one line, one space apart; an initial between
 * two names rarely happens by chance. Returns the last token, or -1.
 */
function initialName(t: Tokens, lx: Lexicon, i: number): number {
	const m = i + 1;
	if (!givenOnly(t, lx, i) || m >= t.count || t.start[m] - t.end[i] !== 1 || (t.flags[m] & (CAP | NL)) !== 0) return -1;
	const k = initialAt(t, m);
	// a vowel alone is a word in many languages (`merci a toi`, `chama o careca`), not an initial, unless dotted
	if (k < 0 || (k === m + 1 && VOWELS.includes(t.text[t.start[m]])) || (t.flags[k] & NL) !== 0) return -1;
	return listNameOnly(t, lx, k) || (t.kind[k] === WORD && (t.flags[k] & CAP) === 0 && t.end[k] - t.start[k] >= 3 && lexOf(t, lx, k) === 0 && !/[\p{N}_]/u.test(t.text[t.end[k]] ?? '')) ? k : -1;
}

/**
 * Lower-case names after a cue, as PERSON with the context score; a name with a middle initial with the pair score; a
 * list of given names with the single score.
 */
export function findLowerCaseNames(t: Tokens, lx: Lexicon): Detection[] {
	const out: Detection[] = [];
	for (let i = 0; i < t.count; i++) {
		// a list starts at its first given name: not after a comma that follows another given name
		if (!givenOnly(t, lx, i) || (i > 1 && isPunct(t, i - 1, ',') && givenOnly(t, lx, i - 2))) continue;
		const last = nameList(t, lx, i);
		if (last < 0) continue;
		for (let k = i; k <= last; k++) if (t.kind[k] === WORD && givenOnly(t, lx, k)) out.push({ entity: 'PERSON', start: t.start[k], end: t.end[k], score: PERSON_SCORES.single, ruleId: 'prose-person' });
		i = last;
	}
	for (let i = 0; i < t.count; i++) {
		const last = initialName(t, lx, i);
		if (last < 0) continue;
		out.push({ entity: 'PERSON', start: t.start[i], end: t.end[last], score: PERSON_SCORES.pair, ruleId: 'prose-person' });
		i = last;
	}
	for (let i = 1; i < t.count; i++) {
		const strong = strongPart(t, lx, i) && strongIntro(t, i);
		if (!strong && (!listNameOnly(t, lx, i) || !introducesName(t, i))) continue;
		const part = (k: number) => (strong ? strongPart(t, lx, k) : listNameOnly(t, lx, k));
		let last = i;
		for (let n = 1; n < MAX_WORDS && last + 1 < t.count && t.start[last + 1] - t.end[last] === 1 && (t.flags[last + 1] & NL) === 0; n++) {
			const k = strong ? initialAt(t, last + 1) : -1;
			if (k > 0 && part(k) && (t.flags[k] & NL) === 0) last = k;
			else if (part(last + 1)) last++;
			else break;
		}
		out.push({ entity: 'PERSON', start: t.start[i], end: t.end[last], score: PERSON_SCORES.context, ruleId: 'prose-person' });
		i = last;
	}
	return out;
}
