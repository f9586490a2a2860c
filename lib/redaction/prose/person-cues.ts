/**
 * Token-level cues of the PERSON recognizer: headline lines, handles, a verb after a sentence's
 * first name, a name addressed at a sentence start, a role noun before a run, list neighbours, an
 * ordinal day, the words of e-mail local parts. Each looks at a few tokens around a run.
 */
import type { Run } from './person';
import { PERSON_NOUN_BEFORE, SPEECH_AFTER, SPEECH_BEFORE, SUBJECT_VERBS } from './cues';
import { CAP, isPunct, low, NL, NUM, PUNCT, SENT, SPACE, WORD } from './tokens';
import type { Tokens } from './tokens';

/** Marks the tokens of lines of four or more words where at least 75 % of the words are capitalised (titles, headlines). */
export function headlines(t: Tokens): Uint8Array {
	const out = new Uint8Array(t.count);
	let from = 0;
	let words = 0;
	let caps = 0;
	for (let i = 0; i <= t.count; i++) {
		if (i === t.count || (i > from && (t.flags[i] & NL) !== 0)) {
			if (words >= 4 && caps * 4 >= words * 3) out.fill(1, from, i);
			from = i;
			words = caps = 0;
		}
		// items of a list (`Anna, Derek and Andrew`) say nothing about the line's style
		if (i < t.count && t.kind[i] === WORD && !isPunct(t, i - 1, ',') && !((t.flags[i] & CAP) !== 0 && isAnd(t, i - 1))) {
			words++;
			if ((t.flags[i] & CAP) !== 0) caps++;
		}
	}
	return out;
}

/** Token k is the word `and` (compared without making its lower-case string). */
export function isAnd(t: Tokens, k: number): boolean {
	if (k < 0 || t.kind[k] !== WORD || t.end[k] - t.start[k] !== 3) return false;
	const s = t.start[k];
	return (t.text.charCodeAt(s) | 32) === 97 && (t.text.charCodeAt(s + 1) | 32) === 110 && (t.text.charCodeAt(s + 2) | 32) === 100;
}

/** A word of a handle or hashtag (`@Harry_Styles`, `#Aries`): no name in prose. */
export function handle(t: Tokens, i: number): boolean {
	if ((t.flags[i] & SPACE) === 0 && (isPunct(t, i - 1, '@') || isPunct(t, i - 1, '#') || isPunct(t, i - 1, '_'))) return true;
	return isPunct(t, i + 1, '_') && (t.flags[i + 1] & SPACE) === 0;
}

/** A given name starting a sentence is a name when a verb follows (`Kenji wants`, `David is`) or a possessive (`Ana's`). */
export function subjectAfter(t: Tokens, r: Run): boolean {
	const a = r.last + 1;
	if (a < t.count && (isPunct(t, a, "'") || isPunct(t, a, '’'))) return low(t, a + 1) === 's' && (t.flags[a] & SPACE) === 0;
	if (a >= t.count) return true; // a name alone in a field or on the last line: `Jane`
	if ((t.flags[a] & NL) !== 0) return (t.flags[r.first] & NL) !== 0;
	if (t.kind[a] !== WORD || (t.flags[a] & CAP) !== 0) return false;
	const w = low(t, a);
	// `Hendrix died`, `Obama announces`: a known verb, or a third-person or past form
	return SUBJECT_VERBS.has(w) || /^[a-z]{2,}(?:[^su]s|ed)$/.test(w);
}

/** `Warrane, can I …`: a name addressed at the start of a sentence. */
export function vocativeStart(t: Tokens, r: Run): boolean {
	if ((t.flags[r.first] & SENT) === 0 || !isPunct(t, r.last + 1, ',') || r.last !== r.first) return false;
	return VOCATIVE_NEXT.has(low(t, r.last + 2));
}

const VOCATIVE_NEXT = new Set(['can', 'could', 'would', 'will', 'please', 'i', 'you', 'we', 'do', 'did', 'are', 'have', 'thanks', 'thank']);

/** A role noun right before the run, on its line: `Producer Mashuu Samurakami`, `my colleague Anouk Verbeek`. */
export function roleBefore(t: Tokens, r: Run): boolean {
	const b = r.first - 1;
	return b >= 0 && t.kind[b] === WORD && (t.flags[r.first] & NL) === 0 && PERSON_NOUN_BEFORE.has(low(t, b));
}

/** A speech verb right before the run (`says Pirjo Madetoja`) or right after it in lower case (`Pirjo Madetoja said`), on its line. */
export function speechAround(t: Tokens, r: Run): boolean {
	const b = r.first - 1;
	const a = r.last + 1;
	if (b >= 0 && t.kind[b] === WORD && (t.flags[r.first] & NL) === 0 && SPEECH_AFTER.has(low(t, b))) return true;
	return a < t.count && t.kind[a] === WORD && (t.flags[a] & (CAP | NL)) === 0 && SPEECH_BEFORE.has(low(t, a));
}

/**
 * The list separator after token a: a comma, a conjunction (`and`, `or`, `und`, `et`, `y`, `e`, `&`) or both. Returns
 * the token after it (a + 1 when there is none) and whether a conjunction was there (the list's last item follows).
 */
export function listNext(t: Tokens, a: number): { next: number; last: boolean } {
	let k = a + 1;
	if (isPunct(t, k, ',')) k++;
	const w = low(t, k);
	const last = w === 'and' || w === 'or' || w === 'und' || w === 'et' || w === 'y' || w === 'e' || isPunct(t, k, '&');
	return { next: last ? k + 1 : k, last };
}

/** Tokens a and b are neighbours in a list: `a, b` / `a and b` / `a & b` / `a, and b`. */
export function listed(t: Tokens, a: number, b: number): boolean {
	return listNext(t, a).next === b && b - a > 1;
}

/** The suffix of an ordinal day such as `12th`, `1st`, `3rd` at token i (the tokens split it: `12` `th`). */
export function ordinal(t: Tokens, i: number): boolean {
	if (i < 1 || t.kind[i] !== WORD || t.kind[i - 1] !== NUM || t.end[i - 1] !== t.start[i] || t.end[i] - t.start[i] !== 2) return false;
	const w = low(t, i);
	return w === 'st' || w === 'nd' || w === 'rd' || w === 'th';
}

/** Lower-case name parts of e-mail local parts (`maria.gonzalez@` → maria, gonzalez). */
export function emailParts(t: Tokens): Set<string> {
	const out = new Set<string>();
	for (let i = 0; i < t.count; i++) {
		if (!isPunct(t, i, '@') || (t.flags[i] & SPACE) !== 0) continue;
		// walk back over word . word _ word (at most 4 words)
		const words: string[] = [];
		let k = i - 1;
		while (k >= 0 && words.length < 4) {
			if (t.kind[k] === WORD) words.push(low(t, k));
			else if (t.kind[k] === NUM) words.length = 0;
			else if (t.kind[k] !== PUNCT || !'._-'.includes(t.text[t.start[k]])) break;
			if ((t.flags[k] & SPACE) !== 0) break;
			k--;
		}
		if (words.length >= 2) for (const w of words) if (w.length >= 2) out.add(w);
	}
	return out;
}

const QUOTES = '"“„«';
/** A quotation mark at token k, on the same line. */
export function quoteAt(t: Tokens, k: number): boolean {
	return k < t.count && t.kind[k] === PUNCT && QUOTES.includes(t.text[t.start[k]]) && (t.flags[k] & NL) === 0;
}

const ARTICLES = new Set(['the', 'a', 'an']);
/** Lower-case words after `the X` that show X is no modifier of a noun. */
const FUNCTION_WORDS = new Set('of in on at to and or as is was were are for from with by that which who has had have will would can could'.split(' '));

/**
 * An article right before the run from `first` to `last` (`across the Rhine.`, `the Stanley Cup,`), with no noun after
 * it that the run qualifies (`the Johnson novel`, `the Donald Trump era`): a thing or a place, no person.
 */
export function articleThing(t: Tokens, first: number, last: number): boolean {
	if ((t.flags[first] & NL) !== 0 || first === 0 || t.kind[first - 1] !== WORD || !ARTICLES.has(low(t, first - 1))) return false;
	const k = last + 1;
	return !(k < t.count && t.kind[k] === WORD && (t.flags[k] & (CAP | NL)) === 0 && !FUNCTION_WORDS.has(low(t, k)));
}
