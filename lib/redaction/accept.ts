/**
 * Per-call scan state and the acceptance of one pattern match (refine, context, validation, score),
 * shared by the window dispatch (dispatch.ts) and the literal scan (detect.ts).
 */
import { CONTEXT_AFTER, CONTEXT_BEFORE, contextOf, newKeywordIndex, regionMask, setRegex, spanHasContext, testKeywords } from './context';
import type { KeywordIndex, KeywordSet } from './context';
import type { CompiledRule, Plan } from './plan';
import type { Detection } from './types';

/** Score added when a rule's context words occur near a match it does not require them for. */
export const CONTEXT_BOOST = 0.3;

/** Per-call state: the text, its context-word index (filled by the window scanner), detections. */
export interface Scan {
	text: string;
	plan: Plan;
	/** undefined: no index (see newScan); the string-building context check is used. */
	index: KeywordIndex | undefined;
	out: Detection[];
	/** rule index (plan order) of each detection in `out` */
	rules: number[];
}

/**
 * The index needs the lower-cased text to line up with the text (same length) and to classify
 * tokens alike (U+212A KELVIN SIGN lower-cases to an ASCII 'k'), and a trie whose words all start
 * with a letter (the scanner looks only at letter word starts).
 */
export function newScan(text: string, plan: Plan): Scan {
	const table = plan.kwTable;
	let index: KeywordIndex | undefined;
	if (table !== undefined && table.letterStarts) {
		const lower = text.toLowerCase();
		if (lower.length === text.length && text.indexOf('\u212a') < 0) index = newKeywordIndex(lower, table);
	}
	return { text, plan, index, out: [], rules: [] };
}

/** Context words of `set` around the match [start, end). */
function spanContext(scan: Scan, set: KeywordSet, start: number, end: number): boolean {
	const index = scan.index;
	if (index !== undefined) return spanHasContext(index, set, start, end);
	return testKeywords(setRegex(set), contextOf(scan.text, start, end));
}

/** Context words of `set` anywhere around the window [ws, we) (the cheap pre-check of context-only rules). */
export function windowContext(scan: Scan, set: KeywordSet, ws: number, we: number): boolean {
	const index = scan.index;
	if (index === undefined) return windowContextSlow(scan, set, ws, we);
	const a = ws - CONTEXT_BEFORE > 0 ? ws - CONTEXT_BEFORE : 0;
	const bit = 1 << set.id;
	return (regionMask(index, a, Math.min(index.lower.length, we + CONTEXT_AFTER), bit) & bit) !== 0;
}

function windowContextSlow(scan: Scan, set: KeywordSet, ws: number, we: number): boolean {
	return testKeywords(setRegex(set), scan.text.slice(Math.max(0, ws - CONTEXT_BEFORE), we + CONTEXT_AFTER).toLowerCase());
}

/** Validates one match of `c` in `sub` (which starts at `offset` in the text); returns the accepted end in `sub`, or -1. */
export function acceptMatch(c: CompiledRule, scan: Scan, sub: string, m: RegExpExecArray, offset: number): number {
	const { rule } = c;
	let s = m.index;
	let e = s + m[0].length;
	if (rule.group !== undefined) {
		const idx = (m as RegExpExecArray & { indices?: Array<[number, number] | undefined> }).indices?.[rule.group];
		if (!idx) return -1;
		s = idx[0];
		e = idx[1];
	}
	let value = sub.slice(s, e);
	if (rule.refine) {
		const n = rule.refine(value);
		if (n <= 0) return -1;
		e = s + n;
		value = value.slice(0, n);
	}
	if (c.kw && rule.requiresContext && !spanContext(scan, c.kw, offset + s, offset + e)) return -1;
	if (rule.validate && !rule.validate(value)) return -1;
	let score = rule.score;
	if (c.kw && !rule.requiresContext && score < 1 && spanContext(scan, c.kw, offset + s, offset + e)) {
		score = Math.min(1, score + CONTEXT_BOOST);
	}
	scan.out.push({ entity: rule.entity, start: offset + s, end: offset + e, score, ruleId: rule.id });
	scan.rules.push(c.index);
	return e;
}

/** Runs one compiled rule over `sub` (which starts at `offset` in the text), scanning. */
export function runRule(c: CompiledRule, scan: Scan, sub: string, offset: number, limit: number): void {
	const re = c.re;
	const pre = c.pre;
	re.lastIndex = 0;
	for (let m = re.exec(sub); m !== null; m = re.exec(sub)) {
		const at = m.index;
		if (at >= limit) return;
		const e = pre === undefined || pre(scan.text, offset + at) ? acceptMatch(c, scan, sub, m, offset) : -1;
		re.lastIndex = e > at ? e : at + 1;
	}
}
