/**
 * PERSON: runs of capitalised words judged by the name lists, titles, salutations, sign-offs,
 * self-introductions, header lines, initials and particles, then made consistent inside the text
 * (a found name's parts elsewhere, the name behind an e-mail local part). Linear: each token starts
 * at most one run of at most MAX_RUN tokens, and every pass is a single walk over the tokens.
 */
import type { Detection } from '../types';
import { ORG_HEADS, PERSON_NOUN_BEFORE, ROLES, SPEECH_AFTER, SPEECH_BEFORE, SURNAME_ENDING, UNIT_WORDS } from './cues';
import { CITY, COMMON, COUNTRY, GIVEN, MAJOR, NATIONALITY, RARE, REGION, SURNAME } from './lexicon';
import { strongPlaceCue, weakPlaceCue } from './location';
import { articleThing, handle, headlines, listed, ordinal, quoteAt, roleBefore, speechAround, subjectAfter, vocativeStart } from './person-cues';
import type { Lexicon } from './lexicon';
import { CAP, GLUED, isPunct, lexOf, low, lowIs, NL, NUM, PUNCT, SENT, SPACE, UPPER, WORD } from './tokens';
import { W, wordBits } from './wordbits';
import type { Tokens } from './tokens';
import { ORG_SUFFIXES } from './words';

const MAX_RUN = 6;
const MIXED_OK = /^(?:Mc|Mac|O'|O’|D'|D’|Di|De|La|Le|Van)|-/;

/** Scores: context (title, salutation, header, intro, e-mail, known part) > two list words > one. */
export const PERSON_SCORES = { context: 0.85, pair: 0.75, surnames: 0.6, single: 0.45 };

/** A candidate run of name-like tokens [first, last] (token indexes) and its name parts. */
export interface Run {
	first: number;
	last: number;
	/** token indexes of the name parts (no particles, no initials) */
	parts: number[];
	/** lower-case text of each part */
	lows: string[];
}

const G = 1; // given name
const S = 2; // surname list
const C = 4; // common English word
const P = 8; // known place
const U = 16; // unknown word (no list, not common)

export function classify(lx: Lexicon, w: string): number {
	return classBits(lx.lookup(w));
}

/** classify() of word token i. */
function classOf(t: Tokens, lx: Lexicon, i: number): number {
	return classBits(lexOf(t, lx, i));
}

function classBits(b: number): number {
	let c = 0;
	if (b & GIVEN) c |= G;
	if (b & SURNAME) c |= S;
	if (b & COMMON) c |= C;
	if (b & (CITY | COUNTRY | REGION)) c |= P;
	if ((c & (G | S | C)) === 0) c |= U;
	return c;
}

function isInitial(t: Tokens, i: number): boolean {
	return t.kind[i] === WORD && (t.flags[i] & CAP) !== 0 && t.end[i] - t.start[i] === 1;
}

const UNITS = new Set(UNIT_WORDS.map((w) => w.toLowerCase()));

/** A unit word used as one (`Suite 541`, `Apt. 5`, `Unit #2`): a number after it on its line, maybe behind `.` or `#`. */
function unitInUse(t: Tokens, i: number): boolean {
	if (!UNITS.has(low(t, i))) return false;
	let j = i + 1;
	for (let k = 0; k < 2 && j < t.count && t.kind[j] === PUNCT && (t.flags[j] & NL) === 0 && '.#'.includes(t.text[t.start[j]]); k++) j++;
	return j < t.count && t.kind[j] === NUM && (t.flags[j] & NL) === 0;
}

/** Name-like: a capitalised word (or ALL-CAPS), not in NOT_NAME, no unit word before its number, at least two letters. */
function nameLike(t: Tokens, i: number, continuing = false): boolean {
	// names are 2-40 letters (a longer "word" is a hyphenated storm like `SKx-SKx-…`)
	if (t.kind[i] !== WORD || (t.flags[i] & (CAP | GLUED)) !== CAP || t.end[i] - t.start[i] < 2 || t.end[i] - t.start[i] > 40) return false;
	const f = t.flags[i];
	// a mixed word like `iPhone` or `HubSpot` is no name; `McDonald`, `O'Neill`, `DeAngelo`, `García-López` are
	if ((f & UPPER) === 0) {
		const text = t.text;
		for (let k = t.start[i] + 1; k < t.end[i]; k++) {
			const c = text.charCodeAt(k);
			if (c >= 65 && c <= 90 && !MIXED_OK.test(text.slice(t.start[i], t.end[i]))) return false;
			if (c >= 65 && c <= 90) break;
		}
	}
	const b = wordBits(t, i);
	if ((b & W.NOT_NAME) !== 0 || unitInUse(t, i)) return false;
	if ((b & W.TITLES) === 0 || i + 1 >= t.count || (t.flags[i + 1] & NL) !== 0) return true;
	// a title starts no name: `Herr Bauer` → `Bauer` (found by its title); after a name part it ends one (`Ben Bishop`)
	// unless a name follows it (`County Coroner William McLaughlin`)
	return continuing && !(joined(t, i) && nameLike(t, i + 1));
}

/** Whitespace without a line break separates tokens a and a+1 (a short run of spaces). */
function joined(t: Tokens, a: number): boolean {
	const b = a + 1;
	return (t.flags[b] & NL) === 0 && (t.flags[b] & SPACE) !== 0 && t.start[b] - t.end[a] <= 3;
}

/** Builds the run that starts at token i, or undefined. */
export function runAt(t: Tokens, i: number): Run | undefined {
	if (!nameLike(t, i)) return undefined;
	const parts = [i];
	const lows = [low(t, i)];
	let last = i;
	let j = i;
	while (j + 1 < t.count && parts.length + (j - i) < MAX_RUN * 2) {
		let next = j + 1;
		// `J.` initial: the dot joins
		if (isInitial(t, j) && isPunct(t, next, '.') && (t.flags[next] & SPACE) === 0) next++;
		if (next >= t.count || !joined(t, next - 1)) break;
		if (nameLike(t, next, true) && parts.length < MAX_RUN) {
			parts.push(next);
			lows.push(low(t, next));
			last = j = next;
			continue;
		}
		if (isInitial(t, next) && next + 1 < t.count && (isPunct(t, next + 1, '.') || joined(t, next)) && parts.length < MAX_RUN) {
			j = next;
			continue;
		}
		// particles between name parts: `van der Berg`
		if (t.kind[next] === WORD && (t.flags[next] & CAP) === 0 && (wordBits(t, next) & W.PARTICLES) !== 0) {
			let k = next;
			while (k + 1 < t.count && t.kind[k + 1] === WORD && (t.flags[k + 1] & CAP) === 0 && (wordBits(t, k + 1) & W.PARTICLES) !== 0 && k - next < 2) k++;
			if (k + 1 < t.count && joined(t, k) && nameLike(t, k + 1)) {
				j = k;
				continue;
			}
		}
		break;
	}
	return { first: i, last, parts, lows };
}

/** Index of the word before token i, skipping one '.' (`Dr.`), or -1. */
function wordBefore(t: Tokens, i: number): number {
	let k = i - 1;
	if (isPunct(t, k, '.')) {
		k--;
		// `Dr. Novak`, `Mr. Leiva`: a dot joins only a title to the name
		if (k < 0 || t.kind[k] !== WORD || (wordBits(t, k) & W.TITLES) === 0) return -1;
	}
	return k >= 0 && t.kind[k] === WORD ? k : -1;
}

/** Whether the intro word at token w (`is`, `am`, `me`, `called` …) introduces a name: `my name is`, `this is`, `call me`. */
export function introduces(t: Tokens, w: number): boolean {
	const lw = low(t, w);
	const w2 = low(t, w - 1);
	if (lw === 'is' || lw === 'am') return w2 === 'name' || w2 === 'this' || w2 === 'i' || w2 === 'it';
	// `call me Ana`, `me llamo Ana` (llamo is an intro word itself); `she named him Frank`
	if (lw === 'me' || lw === 'him' || lw === 'her') return w2 === 'call' || w2 === 'calls' || w2 === 'called' || w2 === 'named' || w2 === 'name';
	return true;
}

/** Context before token i that makes the following run a name. */
export function contextBefore(t: Tokens, i: number): boolean {
	const w = wordBefore(t, i);
	if (w >= 0 && (t.flags[i] & NL) === 0) {
		const wb = wordBits(t, w);
		// `Mr. Novak`, `MR. NOVAK`, `ms. Quinzia` (a title in lower case with its dot, unless it also introduces: `me.`
		// ends a sentence more often than it abbreviates Maître); not `ME. Go` (a title in capitals before a word that is not)
		const dotted = w === i - 2 && (wb & W.INTRO_BEFORE) === 0;
		if ((wb & W.TITLES) !== 0 && ((t.flags[w] & CAP) !== 0 || dotted) && ((t.flags[w] & UPPER) === 0 || (t.flags[i] & UPPER) !== 0)) return true;
		if ((wb & W.SALUTATIONS) !== 0 && w === i - 1) return true;
		if ((wb & W.INTRO_BEFORE) !== 0 && w === i - 1) return introduces(t, w);
		if (w === i - 1 && lowIs(t, w, 'by')) return false;
	}
	// `Hi, Maria` / `Thanks, Maria`: a capitalised salutation, a comma, the name on the same line
	if (isPunct(t, i - 1, ',') && (t.flags[i] & NL) === 0 && i >= 2 && t.kind[i - 2] === WORD && (t.flags[i - 2] & CAP) !== 0 && (wordBits(t, i - 2) & W.SALUTATIONS) !== 0) return true;
	// header line `From: Maria` / `Name: MARIA GONZALEZ`
	if (isPunct(t, i - 1, ':')) {
		const k = i - 2;
		if (k >= 0 && t.kind[k] === WORD && (wordBits(t, k) & W.PERSON_HEADERS) !== 0) return true;
	}
	// sign-off on the line before: `Regards,\nMaria`
	if ((t.flags[i] & NL) !== 0) {
		let k = i - 1;
		if (isPunct(t, k, ',') || isPunct(t, k, '!')) k--;
		if (k >= 0 && t.kind[k] === WORD && (wordBits(t, k) & W.SIGN_OFFS) !== 0) return true;
	}
	return false;
}

/** An ALL-CAPS run needs a header (`Name:`) or a title word (`Mr.`) right before it; checked cheaply first. */
function upperContext(t: Tokens, i: number): boolean {
	const p = i - 1;
	if (p < 0 || (t.flags[i] & NL) !== 0) return false;
	if (t.kind[p] === PUNCT ? !isPunct(t, p, ':') && !isPunct(t, p, '.') : t.kind[p] !== WORD || (t.flags[p] & UPPER) !== 0) return false;
	return contextBefore(t, i);
}

/** Runs of the text with their decision; `known` holds lower-case parts with evidence (e-mail local parts). */
export function findPersons(t: Tokens, lx: Lexicon, known: Set<string>): Detection[] {
	const out: Detection[] = [];
	const runs: Array<{ run: Run; score: number }> = [];
	const title = headlines(t);
	let i = 0;
	while (i < t.count) {
		if (t.kind[i] !== WORD || (t.flags[i] & (CAP | GLUED)) !== CAP) {
			i++;
			continue;
		}
		if (handle(t, i)) {
			i++;
			continue;
		}
		// ALL-CAPS words (`GB82`, `ERROR`) are names only after a header or a title: `Name: MARIA GONZALEZ`
		const found = (t.flags[i] & UPPER) !== 0 && !upperContext(t, i) ? undefined : runAt(t, i);
		if (!found) {
			i++;
			continue;
		}
		let run = trimLeading(t, lx, found);
		let score = judge(t, lx, run, known, title);
		const pair = score === 0 ? closingPair(t, lx, run) : undefined;
		if (pair) [run, score] = [pair, judge(t, lx, pair, known, title)];
		runs.push({ run, score });
		i = found.last + 1;
	}
	// consistency: a part of a found name (or of an e-mail local part) makes another run a name
	const parts = new Set(known);
	for (const r of runs) if (r.score > 0) for (const w of r.run.lows) if (w.length >= 2) parts.add(w);
	for (const r of runs) {
		if (r.score > 0) continue;
		if (r.run.lows.every((w) => parts.has(w))) r.score = PERSON_SCORES.context;
		else if (r.run.lows.length > 1 && parts.has(r.run.lows[0])) {
			r.run = { ...r.run, last: r.run.parts[0], parts: [r.run.parts[0]], lows: [r.run.lows[0]] };
			r.score = PERSON_SCORES.context;
		}
	}
	// lists: `Kónya, Becker and Vasquez` — a one-word run next to a found name in a list is a name
	for (let pass = 0; pass < 2; pass++) {
		for (let k = 0; k < runs.length; k++) {
			const r = runs[k];
			if (r.score > 0 || r.run.parts.length !== 1 || !listName(classOf(t, lx, r.run.parts[0]))) continue;
			const prev = runs[k - 1];
			const next = runs[k + 1];
			if ((prev && prev.score > 0 && listed(t, prev.run.last, r.run.first)) || (next && next.score > 0 && listed(t, r.run.last, next.run.first))) r.score = PERSON_SCORES.single;
		}
	}
	firms(t, lx, runs);
	for (const r of runs) if (r.score > 0) out.push(span(t, r.run, r.score));
	return out;
}

/** `Owens, Duran and Oneal`: a list of bare surnames joined by `and` names a firm, not people (some item is no given name). */
function firms(t: Tokens, lx: Lexicon, runs: Array<{ run: Run; score: number }>): void {
	let k = 0;
	while (k < runs.length) {
		let j = k;
		while (j + 1 < runs.length && runs[j].run.parts.length === 1 && runs[j + 1].run.parts.length === 1 && listed(t, runs[j].run.last, runs[j + 1].run.first)) j++;
		if (j > k) {
			const items = runs.slice(k, j + 1);
			const cls = items.map((r) => classOf(t, lx, r.run.parts[0]));
			const joinedByAnd = !isPunct(t, runs[j - 1].run.last + 1, ',') || low(t, runs[j - 1].run.last + 2) === 'and';
			if (joinedByAnd && cls.every((c) => (c & S) !== 0) && cls.some((c) => (c & G) === 0) && items.every((r) => !contextBefore(t, r.run.first))) for (const r of items) r.score = 0;
		}
		k = j + 1;
	}
}

/** Verbs, nouns and punctuation around a run that make it a name: `says Bergqvist`, `Novak said`, `my kid Florence`, `Remember me, Mary?`. */
function cueAround(t: Tokens, r: Run, n: number, first: number): boolean {
	const b = r.first - 1;
	// `in Toronto asked`: a place after its preposition stays a place
	if ((first & P) !== 0 && (wordBits(t, b) & W.PLACE_BEFORE) !== 0 && !SPEECH_AFTER.has(low(t, b - 1))) return false;
	// a common word needs a surname after it (`said Will Smith`, not `said Holy shit`)
	if (b >= 0 && t.kind[b] === WORD && (t.flags[r.first] & NL) === 0 && ((first & C) === 0 || n > 1)) {
		const lb = low(t, b);
		if (SPEECH_AFTER.has(lb) || PERSON_NOUN_BEFORE.has(lb)) return true;
		if ((lb === 'at' || lb === 'to') && SPEECH_AFTER.has(low(t, b - 1))) return true;
	}
	const a = r.last + 1;
	if ((first & C) === 0 && a < t.count && t.kind[a] === WORD && (t.flags[a] & (CAP | NL)) === 0 && SPEECH_BEFORE.has(low(t, a))) return true;
	// a vocative: `…, Mary?` / `…, Roy!`
	return n === 1 && (first & G) !== 0 && isPunct(t, b, ',') && (isPunct(t, a, '!') || isPunct(t, a, '?'));
}

/** A word that may be a name in a list: on a name list, or unknown, and no common word. */
function listName(c: number): boolean {
	return (c & C) === 0 && (c & (G | S | U)) !== 0;
}

/**
 * Drops leading common words of a run (`Producer James Sparks` → `James Sparks`), and a nationality before
 * one (`Syrian President Assad` → `Assad`; `Christian Bale` stays).
 */
function trimLeading(t: Tokens, lx: Lexicon, r: Run): Run {
	let k = 0;
	while (k < r.parts.length - 1) {
		const c = classOf(t, lx, r.parts[k]);
		const title = (c & C) !== 0 && (c & G) === 0;
		if (!title && !((lexOf(t, lx, r.parts[k]) & NATIONALITY) !== 0 && (classOf(t, lx, r.parts[k + 1]) & (C | G)) === C)) break;
		k++;
	}
	return k === 0 ? r : { first: r.parts[k], last: r.last, parts: r.parts.slice(k), lows: r.lows.slice(k) };
}

/**
 * The given name + surname that close a run of three or more words starting with no list name, for a run that is no
 * name as a whole (`Hall of Famer Bill McKechnie`, `Juniors Erique Dozier` → `Bill McKechnie`, `Erique Dozier`): a word
 * no list knows in front of a full name qualifies it. No particle (`Downtown La Grange`). Or undefined.
 */
function closingPair(t: Tokens, lx: Lexicon, r: Run): Run | undefined {
	const n = r.parts.length;
	if (n < 3 || (classOf(t, lx, r.parts[0]) & (G | S)) !== 0) return undefined;
	const [g, s] = [r.parts[n - 2], r.parts[n - 1]];
	if ((classOf(t, lx, g) & G) === 0 || (classOf(t, lx, s) & (S | C)) !== S || (wordBits(t, g) & W.PARTICLES) !== 0 || s !== g + 1) return undefined;
	return { first: g, last: r.last, parts: [g, s], lows: r.lows.slice(n - 2) };
}

function span(t: Tokens, r: Run, score: number): Detection {
	return { entity: 'PERSON', start: t.start[r.first], end: t.end[r.last], score, ruleId: 'prose-person' };
}

/** A lower-case particle between the run's parts (`Villafranca del Cid`); an initial (`Alvir D. Novak`) is none. */
function particleInside(t: Tokens, r: Run): boolean {
	for (let k = r.first + 1; k < r.last; k++) if (t.kind[k] === WORD && (t.flags[k] & CAP) === 0) return true;
	return false;
}

/** Score of a run as a name (0: not a name). */
function judge(t: Tokens, lx: Lexicon, r: Run, known: Set<string>, title: Uint8Array): number {
	const cls = r.parts.map((i) => classOf(t, lx, i));
	const n = cls.length;
	const first = cls[0];
	const pure = (c: number, bit: number) => (c & (G | S | U)) === 0 && (c & bit) !== 0;
	if (r.lows.every((w) => known.has(w))) return PERSON_SCORES.context;
	// `across the Rhine.`, `the Stanley Cup,`: a thing or a place (`the Johnson novel`, `the Donald Trump era` stay)
	if (articleThing(t, r.first, r.last)) return 0;
	// a company: `Russell Investments`, `Drake PLC`, `Acme Ltd`
	const next = r.last + 1 < t.count && (t.flags[r.last + 1] & CAP) !== 0 ? low(t, r.last + 1) : '';
	if (ORG_HEADS.has(r.lows[n - 1]) || (n > 1 && ORG_SUFFIXES.has(r.lows[n - 1])) || ORG_SUFFIXES.has(next)) return 0;
	if (contextBefore(t, r.first)) {
		// `Hey Listeners`, `Dear Team`: a common or less common English word is no name; `Major Muslim organisations`: nor a nationality
		const b0 = lexOf(t, lx, r.parts[0]);
		if (pure(first, C) || pure(first, P) || ((b0 & RARE) !== 0 && (first & (G | S)) === 0) || (n === 1 && (b0 & NATIONALITY) !== 0 && (wordBits(t, r.first - 1) & W.TITLES) !== 0)) return 0;
		return PERSON_SCORES.context;
	}
	// `flew to Leppen`, `grew up in Remniku`, `home city Villafranca del Cid`: a place
	if (strongPlaceCue(t, r.first)) return 0;
	const morph = (k: number) => (cls[k] & U) !== 0 && SURNAME_ENDING.test(r.lows[k]);
	// a speaker at a line start: `Nicole: Remember me?`
	// (a word no list knows too when a quotation follows: `Vsevolod: "Who are you?"`)
	if (n === 1 && (t.flags[r.first] & NL) !== 0 && isPunct(t, r.last + 1, ':') && ((first & (G | S)) !== 0 || morph(0) || (first === U && quoteAt(t, r.last + 2))) && (first & C) === 0 && !ROLES.has(r.lows[0])) return PERSON_SCORES.context;
	const phrase = r.lows.join(' ');
	const placeBits = lx.lookup(phrase);
	const placeBefore = (wordBits(t, r.first - 1) & W.PLACE_BEFORE) !== 0;
	if (n >= 2 && (placeBits & (CITY | COUNTRY | REGION)) !== 0 && ((first & G) === 0 || (placeBits & (MAJOR | COUNTRY | REGION)) !== 0 || placeBefore)) return 0;
	// `Rzeszów Poland`, `Valderice Trapani`: a run ending in a region or country; `in Villafranca del Cid`: a particle place
	if (n >= 2 && (lexOf(t, lx, r.parts[n - 1]) & (COUNTRY | REGION)) !== 0 && (cls[n - 1] & (G | S)) === 0) return 0;
	if (n >= 2 && placeBefore && particleInside(t, r) && (first & G) === 0) return 0;
	// (two or more unknown words count as name-like after a role noun or beside a speech verb: `Producer Mashuu
	// Samurakami`, `says Pirjo Madetoja`)
	const nameish = (first & (G | S)) !== 0 || morph(0) || (n >= 2 && ((cls[n - 1] & (G | S)) !== 0 || morph(n - 1) || (cls.every((c) => c === U) && (roleBefore(t, r) || speechAround(t, r)))));
	if (!pure(first, C) && !pure(first, P) && nameish && cueAround(t, r, n, first)) return PERSON_SCORES.context;
	const rare = (lexOf(t, lx, r.parts[0]) & RARE) !== 0 && (first & G) === 0;
	if ((first & C) === 0 && !rare && !pure(first, P) && (nameish || (first & U) !== 0) && vocativeStart(t, r)) return PERSON_SCORES.context;
	// in a headline (most words capitalised) capitals say nothing: only a given name + surname pair counts
	const headline = title[r.first] === 1;
	// an English word of the larger list (`Lounge`, `Champ`) that is no given name
	const english = (k: number) => (lexOf(t, lx, r.parts[k]) & RARE) !== 0 && (cls[k] & G) === 0;
	if (n >= 2) {
		const lastC = cls[n - 1];
		const commons = cls.reduce((k, c) => k + ((c & C) !== 0 ? 1 : 0), 0);
		// `Early Action`, `Holy Days`, `Costa Lounge`, `Do Before Contacting A Professional Photographer`: English words, no name
		if (((first & C) !== 0 && (lastC & C) !== 0) || cls.some((c, k) => english(k) && (c & S) === 0) || (n >= 3 && commons >= 2)) return 0;
		if ((first & G) !== 0 && (lastC & (G | S | U)) !== 0) return PERSON_SCORES.pair;
		// an initial inside (`Ravil G Yefimov`, `Faina D. Yefremova`) and no common word
		if (r.last - r.first > n - 1 && cls.every((c) => (c & C) === 0)) return PERSON_SCORES.pair;
		if (!headline && cls.every((c, k) => (c & C) === 0 && !english(k)) && cls.some((c, k) => (c & (S | G)) !== 0 || morph(k)) && (cls[n - 1] & (S | G | U)) !== 0) return PERSON_SCORES.surnames;
		return 0;
	}
	// one word without context: a list name that is no common word, no big place, no nationality; inside a sentence, or a given name
	const lone = lexOf(t, lx, r.parts[0]);
	if ((t.flags[r.first] & UPPER) !== 0 || (first & C) !== 0 || headline || (lone & (RARE | NATIONALITY)) !== 0) return 0;
	// `19 Jan`, `12th Jan`, `Jan-25`, `Jan. 19`: a date
	if (t.kind[r.first - 1] === NUM || ordinal(t, r.first - 1) || ((isPunct(t, r.last + 1, '-') || isPunct(t, r.last + 1, '.')) && t.kind[r.last + 2] === NUM)) return 0;
	// a big place or a country; a region only when the word is no given name (regions include parishes such as `Michael`, `Mary`)
	if ((lexOf(t, lx, r.parts[0]) & (MAJOR | COUNTRY | ((first & G) !== 0 ? 0 : REGION))) !== 0) return 0;
	// `Jan 5` is a date; `in Aarhus` a place; `yell at Ashley` a given name (too weak a cue for a small place)
	if (t.kind[r.last + 1] === NUM || ((first & P) !== 0 && (wordBits(t, r.first - 1) & W.PLACE_BEFORE) !== 0 && !((first & G) !== 0 && weakPlaceCue(t, lx, r.first, r.last)))) return 0;
	if ((t.flags[r.first] & SENT) !== 0) return (first & (G | S)) !== 0 && subjectAfter(t, r) ? PERSON_SCORES.single : 0;
	if ((first & G) !== 0 || ((first & S) !== 0 && (lone & RARE) === 0)) return PERSON_SCORES.single;
	return 0;
}

