/**
 * AGE and DATE_OF_BIRTH with context (`aged 42`, `42 years old`, `born 3 March 1981`,
 * `DOB: 1981-03-03`), and ORGANIZATION (capitalised words before a legal form: `Acme GmbH`,
 * `Northwind Traders Ltd.`). Global patterns with bounded repetitions: linear.
 */
import { literalGate } from '../literals';
import type { Detection } from '../types';
import { AnchorSet, leadingLetters, PlainSearch, WindowSearch, windows } from './anchors';
import type { AnchorKind, Search } from './anchors';
import type { Tokens } from './tokens';
import { ORG_SUFFIXES } from './words';

export const EXTRA_SCORES = { age: 0.75, dob: 0.85, org: 0.7 };

const MONTH = String.raw`(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?|Januar|Februar|März|Mai|Juni|Juli|Oktober|Dezember|janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre)\.?`;
const DATE = String.raw`(?:\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{1,2}(?:st|nd|rd|th)?\.?\s(?:of\s)?${MONTH},?\s\d{4}|${MONTH}\s\d{1,2}(?:st|nd|rd|th)?,?\s\d{4})`;
/** Words before a date of birth. */
const DOB_CUES = String.raw`born(?:\s+on)?|DOB|D\.O\.B\.?|date\s+of\s+birth|birth\s?date|birthday|geboren(?:\s+am)?|Geburtsdatum|né(?:e)?\s+le|date\s+de\s+naissance|fecha\s+de\s+nacimiento|nacid[oa]\s+el|data\s+di\s+nascita|nat[oa]\s+il`;
const DOB = new RegExp(String.raw`\b(?:${DOB_CUES})\s{0,3}[:\-]?\s{0,3}(${DATE})`, 'giu');
/** Words before an age (`aged 42`, `at the age of 61`), after it (`42 years old`, `25 y/o`), and verbs before it (`turned 40 today`, `I'll turn 23.`). */
const AGE_BEFORE = String.raw`aged?(?:\s+of)?|Alter|âge|edad|età`;
const AGE_UNITS = 'years?|yrs?';
const AGE_SHORT = String.raw`y\/o|yo|y\.o\.`;
const AGE_VERBS = "I'm|I am|is|turned|turning|turn|he's|she's";
const AGE = new RegExp(String.raw`\b(?:(?:${AGE_BEFORE})\s{0,3}:?\s{0,3}(\d{1,3})\b|(\d{1,3})(?:\s|-)?(?:${AGE_UNITS})(?:\s|-)old\b|(\d{1,3})\s?(?:${AGE_SHORT})(?![\p{L}\d])|(?:${AGE_VERBS})\s(\d{1,3})(?=\s(?:years|yrs|this|next|now|today)|[.,!]))`, 'giu');

/**
 * Anchors (see anchors.ts): the words a match starts with, from the tables above, or the unit word
 * after the number (at most one gap before it: the number's). One more gap than the pattern allows.
 */
const lead = (...sources: Array<[string, boolean]>): AnchorKind => {
	const all = sources.map(([s, letterAfter]) => leadingLetters(s, letterAfter));
	return { words: all.flatMap((l) => l.exact), prefixes: all.flatMap((l) => l.prefix), gaps: 0 };
};
// a date may start with a month name right after a birth-date cue (`DOBJan 5, 1980`); an age's words are followed by no letter
const KINDS: AnchorKind[] = [lead([DOB_CUES, true]), lead([AGE_BEFORE, false], [AGE_VERBS, false]), { ...lead([AGE_UNITS, false], [AGE_SHORT, false]), gaps: 2 }];
const ANCHORS = new AnchorSet(KINDS);
const STICKY = { DOB: new RegExp(DOB.source, 'iuy'), AGE: new RegExp(AGE.source, 'iuy') };
const ORG = new RegExp(String.raw`(?<![\p{L}\p{M}\d])(?:\p{Lu}[\p{L}\p{M}&'’.-]{0,30}\s{1,2}){1,4}(?:&\s)?(?:${[...ORG_SUFFIXES].map((s) => s.replace(/\//g, '\\/')).sort((a, b) => b.length - a.length).map((s) => `${s[0].toUpperCase()}${s.slice(1)}|${s.toUpperCase()}`).join('|')}|GmbH|KGaA|SpA|SARL|Srl|S\.A\.|S\.L\.|S\.p\.A\.|S\.r\.l\.|B\.V\.|N\.V\.|A\/S|Sp\.\sz\so\.o\.|s\.r\.o\.|a\.s\.|Pty\sLtd)(?![\p{L}\d])\.?`, 'gu');

/** Derived from each pattern on first use (see literalGate): texts without any literal a match needs are skipped. */
const GATES = new Map<RegExp, ((text: string) => boolean) | undefined>();

/** A global search of `re`, or (with `search`) of a sticky copy inside its anchor windows. */
function scan(re: RegExp, text: string, entity: string, score: number, out: Detection[], ruleId: string, search?: Search): void {
	if (search === undefined) {
		if (!GATES.has(re)) GATES.set(re, literalGate(re));
		const gate = GATES.get(re);
		if (gate !== undefined && !gate(text)) return;
	}
	const r = search ?? new PlainSearch(new RegExp(re.source, re.flags), text);
	let m: RegExpExecArray | null;
	let next = 0;
	while ((m = r.exec(next)) !== null) {
		next = m.index + m[0].length;
		let s = m.index;
		let e = s + m[0].length;
		const g = m.slice(1).findIndex((x) => x !== undefined);
		if (g >= 0) {
			const v = m[g + 1];
			s = m.index + m[0].lastIndexOf(v);
			e = s + v.length;
		}
		out.push({ entity, start: s, end: e, score, ruleId });
		if (next === m.index) next++;
	}
}

/** Anchors of the age and birth-date patterns in the tokens (found once for both). */
export function extraAnchors(t: Tokens): ReturnType<AnchorSet['find']> {
	return ANCHORS.find(t);
}

/** Ages; `anchors` from extraAnchors(t), or undefined for the plain global search. */
export function findAges(t: Tokens, out: Detection[], anchors?: ReturnType<AnchorSet['find']>): void {
	const search = anchors && new WindowSearch(STICKY.AGE, t.text, windows(t.text, KINDS, anchors, 0b110));
	scan(AGE, t.text, 'AGE', EXTRA_SCORES.age, out, 'prose-age', search);
}

export function findBirthDates(t: Tokens, out: Detection[], anchors?: ReturnType<AnchorSet['find']>): void {
	const search = anchors && new WindowSearch(STICKY.DOB, t.text, windows(t.text, KINDS, anchors, 0b001));
	scan(DOB, t.text, 'DATE_OF_BIRTH', EXTRA_SCORES.dob, out, 'prose-date-of-birth', search);
}

export function findOrganizations(text: string, out: Detection[]): void {
	scan(ORG, text, 'ORGANIZATION', EXTRA_SCORES.org, out, 'prose-organization');
}

/** The patterns, for the tests of their derived gates. */
export const PATTERNS: Readonly<Record<string, RegExp>> = Object.freeze({ DOB, AGE, ORG });
