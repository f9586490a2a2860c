import { GovernanceError, GovernanceErrorCode } from '../errors/governance-error';
import { newWindowList, scanWindows } from './scanner';
import { CONTEXT_AFTER, CONTEXT_BEFORE, contextOf, hasContextWords, newKeywordIndex, regionMask, setRegex, spanHasContext, testKeywords } from './context';
import type { KeywordIndex, KeywordSet } from './context';
import { newSegments, segmentWindow } from './lead';
import { buildPlan, gateWindow, leadWindow, planFor } from './plan';
import type { CompiledRule, Plan } from './plan';
import { resolveOverlaps, runCustom } from './custom';
import type { Detection, DetectOptions, RedactionRule } from './types';

export { resolveOverlaps };

/** Score added when a rule's context words occur near a match it does not require them for. */
export const CONTEXT_BOOST = 0.3;
const RIGHT_PAD = 24;
/**
 * Windows longer than this skip the lead-shape dispatch (its per-position bookkeeping costs more
 * than the regex engine's own scan on long hostile runs); every gated rule then scans the window.
 */
const LEAD_WINDOW_MAX = 1024;

/** Per-call state: the text, its context-word index (filled by the window scanner), detections. */
interface Scan {
	text: string;
	plan: Plan;
	/** undefined: no index (see newScan); the string-building context check is used. */
	index: KeywordIndex | undefined;
	out: Detection[];
}

/**
 * The index needs the lower-cased text to line up with the text (same length) and to classify
 * tokens alike (U+212A KELVIN SIGN lower-cases to an ASCII 'k'), and a trie whose words all start
 * with a letter (the scanner looks only at letter word starts).
 */
function newScan(text: string, plan: Plan): Scan {
	const table = plan.kwTable;
	let index: KeywordIndex | undefined;
	if (table !== undefined && table.letterStarts) {
		const lower = text.toLowerCase();
		if (lower.length === text.length && text.indexOf('\u212a') < 0) index = newKeywordIndex(lower, table);
	}
	return { text, plan, index, out: [] };
}

/** True when one of `keywords` starts a word within the context around [start, end). */
export function hasContext(text: string, start: number, end: number, keywords: readonly string[]): boolean {
	return hasContextWords(text, start, end, keywords);
}

/** Context words of `set` around the match [start, end). */
function spanContext(scan: Scan, set: KeywordSet, start: number, end: number): boolean {
	const index = scan.index;
	if (index !== undefined) return spanHasContext(index, set, start, end);
	return testKeywords(setRegex(set), contextOf(scan.text, start, end));
}

/** Context words of `set` anywhere around the window [ws, we) (the cheap pre-check of context-only rules). */
function windowContext(scan: Scan, set: KeywordSet, ws: number, we: number): boolean {
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
function acceptMatch(c: CompiledRule, scan: Scan, sub: string, m: RegExpExecArray, offset: number): number {
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
	return e;
}

/** Runs one compiled rule over `sub` (which starts at `offset` in the text), scanning. */
function runRule(c: CompiledRule, scan: Scan, sub: string, offset: number, limit: number): void {
	const re = c.re;
	const pre = c.pre;
	re.lastIndex = 0;
	for (let m = re.exec(sub); m !== null; m = re.exec(sub)) {
		const at = m.index;
		if (at >= limit) return;
		const e = pre === undefined || pre(sub, at) ? acceptMatch(c, scan, sub, m, offset) : -1;
		re.lastIndex = e > at ? e : at + 1;
	}
}

const WINDOWS = newWindowList();
const SEGMENTS = newSegments();

/** True when segment `i` of the current window has a lead shape or literal lead of `c`. */
function isLead(c: CompiledRule, text: string, seg: Int32Array, i: number): boolean {
	if (c.lead !== undefined && c.lead[seg[2 * i + 1]] === 1) return true;
	const texts = c.leadText;
	if (texts) for (let k = 0; k < texts.length; k++) if (text.startsWith(texts[k], seg[2 * i])) return true;
	return false;
}

/**
 * Runs a lead-shaped rule over `sub`: the same scan as runRule, but the search always resumes at
 * the next segment start with the rule's lead shape. Exact, because no accepted match starts
 * elsewhere, and a rejected match only moves the search on by one position.
 */
function runRuleAtLeads(c: CompiledRule, scan: Scan, sub: string, ws: number, limit: number): void {
	const re = c.re;
	const text = scan.text;
	const seg = SEGMENTS.data;
	const count = SEGMENTS.count;
	const pre = c.pre;
	let i = 0;
	let from = 0;
	for (;;) {
		// next lead position at or after `from` that passes the precheck
		while (i < count && (seg[2 * i] - ws < from || !isLead(c, text, seg, i) || (pre !== undefined && !pre(sub, seg[2 * i] - ws)))) i++;
		if (i >= count) return;
		const at0 = seg[2 * i] - ws;
		if (at0 >= limit) return;
		re.lastIndex = at0;
		const m = re.exec(sub);
		if (m === null) return;
		const at = m.index;
		if (at >= limit) return;
		const e = at === at0 || pre === undefined || pre(sub, at) ? acceptMatch(c, scan, sub, m, ws) : -1;
		from = e > at ? e : at + 1;
	}
}

const MASK = new Int32Array(64);

/**
 * Long windows, for a rule whose only lead is one literal and that has a precheck (a '+' number):
 * indexOf finds the literal, the precheck rejects look-alikes in O(1), the pattern runs only after.
 * Exact for the same reason as runRuleAtLeads.
 */
function runRuleAtLiteral(c: CompiledRule, scan: Scan, sub: string, ws: number, limit: number): void {
	const re = c.re;
	const text = scan.text;
	const pre = c.pre as (text: string, at: number) => boolean;
	const lit = (c.leadText as string[])[0];
	const end = ws + limit;
	let from = 0;
	for (;;) {
		let found = -1;
		for (let p = text.indexOf(lit, ws + from); p >= 0 && p < end; p = text.indexOf(lit, p + 1)) {
			if ((p === ws || !isAlnumAt(text, p - 1)) && pre(sub, p - ws)) {
				found = p - ws;
				break;
			}
		}
		if (found < 0) return;
		re.lastIndex = found;
		const m = re.exec(sub);
		if (m === null) return;
		const at = m.index;
		if (at >= limit) return;
		const e = at === found || pre(sub, at) ? acceptMatch(c, scan, sub, m, ws) : -1;
		from = e > at ? e : at + 1;
	}
}

function isAlnumAt(text: string, p: number): boolean {
	const c = text.charCodeAt(p);
	return (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122);
}


function scanWindowsOf(scan: Scan, plan: Plan): void {
	const text = scan.text;
	const index = scan.index;
	scanWindows(index === undefined ? text : index.lower, text, WINDOWS, index);
	const win = WINDOWS.data;
	const nw = WINDOWS.length;
	const W = plan.words;
	if (W > MASK.length) throw new GovernanceError(GovernanceErrorCode.InvalidConfiguration, 'Too many rules in one rule set (max 2048).');
	const mask = MASK;
	for (let w = 0; w < nw; w += 6) {
		const ws = win[w];
		const we = win[w + 1];
		const len = we - ws;
		if (!gateWindow(plan, mask, win[w + 2], len, win[w + 4], win[w + 3], win[w + 5] === 1)) continue;
		const leads = len <= LEAD_WINDOW_MAX;
		if (leads) {
			segmentWindow(text, ws, we, SEGMENTS);
			if (!leadWindow(plan, mask, text, SEGMENTS)) continue;
		}
		let sub: string | undefined;
		// context sets checked around this window, and those found
		let kwChecked = 0;
		let kwFound = 0;
		for (let k = 0; k < W; k++) {
			let bits = mask[k];
			while (bits !== 0) {
				const low = bits & -bits;
				bits ^= low;
				const c = plan.rules[k * 32 + 31 - Math.clz32(low)];
				if (c.ctxOnly) {
					// Cheap pre-check on the window's surroundings (once per set and window) before running the pattern.
					const kw = c.kw as KeywordSet;
					if (kw.id > 30) {
						// more word lists than mask bits (no index either): check every time
						if (!windowContext(scan, kw, ws, we)) continue;
					} else {
						const bit = 1 << kw.id;
						if ((kwChecked & bit) === 0) {
							kwChecked |= bit;
							if (windowContext(scan, kw, ws, we)) kwFound |= bit;
						}
						if ((kwFound & bit) === 0) continue;
					}
				}
				// The slice runs a little past the window so trailing lookaheads see the real next characters.
				if (sub === undefined) sub = text.slice(ws, we + RIGHT_PAD);
				if (leads && (c.lead || c.leadText)) runRuleAtLeads(c, scan, sub, ws, len);
				else if (c.pre && c.lead === undefined && c.leadText?.length === 1) runRuleAtLiteral(c, scan, sub, ws, len);
				else runRule(c, scan, sub, ws, len);
			}
		}
	}
}

function scanLiterals(scan: Scan, plan: Plan): void {
	const text = scan.text;
	for (const { c, literals } of plan.literal) {
		for (const lit of literals) {
			let idx = text.indexOf(lit);
			while (idx >= 0) {
				c.sticky.lastIndex = idx;
				const m = c.sticky.exec(text);
				const e = m ? acceptMatch(c, scan, text, m, 0) : -1;
				idx = text.indexOf(lit, e > idx ? e : idx + lit.length);
			}
		}
	}
}

/**
 * Finds PII and secrets in `text`. Offsets are UTF-16, end exclusive; the result is sorted and
 * non-overlapping.
 */
export function detect(text: string, options: DetectOptions = {}): Detection[] {
	if (typeof text !== 'string') {
		throw new GovernanceError(GovernanceErrorCode.InvalidInput, `detect() needs a string, got ${typeof text}.`, {
			hint: 'Pass the text to scan; use redactObject() for objects.',
		});
	}
	const extra = new Set<string>((options.customPatterns ?? []).map((p) => p?.entity));
	if (options.denyList) extra.add(options.denyListEntity ?? 'DENY_LIST');
	const plan = planFor(options.entities, extra);
	const scan = newScan(text, plan);
	scanWindowsOf(scan, plan);
	scanLiterals(scan, plan);
	const out = scan.out;
	runCustom(text, options, out);
	const resolved = resolveOverlaps(out);
	const min = options.minScore ?? 0;
	return min > 0 ? resolved.filter((d) => (d.score ?? 0) >= min) : resolved;
}

/** Runs exactly the given rules (used by the rule-sample tests and by tooling). */
export function detectWithRules(text: string, rules: readonly RedactionRule[]): Detection[] {
	return detectWithPlan(text, cachedPlan(withLeads, rules, true));
}

/** Like detectWithRules, but ignoring lead shapes and prechecks (every rule scans every gated window): the reference they are tested against. */
export function detectWithoutLeads(text: string, rules: readonly RedactionRule[]): Detection[] {
	return detectWithPlan(text, cachedPlan(withoutLeads, rules, false));
}

/** Plans of rule arrays passed again (same array, same rule objects), so repeated calls do not recompile. */
const withLeads = new WeakMap<readonly RedactionRule[], { rules: RedactionRule[]; plan: Plan }>();
const withoutLeads = new WeakMap<readonly RedactionRule[], { rules: RedactionRule[]; plan: Plan }>();

function cachedPlan(cache: WeakMap<readonly RedactionRule[], { rules: RedactionRule[]; plan: Plan }>, rules: readonly RedactionRule[], leads: boolean): Plan {
	const hit = cache.get(rules);
	if (hit && hit.rules.length === rules.length && hit.rules.every((r, i) => r === rules[i])) return hit.plan;
	const plan = buildPlan(rules, leads);
	cache.set(rules, { rules: [...rules], plan });
	return plan;
}

function detectWithPlan(text: string, plan: Plan): Detection[] {
	const scan = newScan(text, plan);
	scanWindowsOf(scan, plan);
	scanLiterals(scan, plan);
	return resolveOverlaps(scan.out);
}
