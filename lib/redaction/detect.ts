import { GovernanceError, GovernanceErrorCode } from '../errors/governance-error';
import { codeAt, newWindowList, scanWindows } from './scanner';
import { CONTEXT_AFTER, CONTEXT_BEFORE, contextOf, hasContextWords, newKeywordIndex, regionMask, setRegex, spanHasContext, testKeywords } from './context';
import type { KeywordIndex, KeywordSet } from './context';
import { KIND_DIGITS, KIND_LETTERS, KIND_MIXED, leadSlot } from './lead';
import { buildPlan, gateWindow, planFor } from './plan';
import type { CompiledRule, Plan } from './plan';
import { resolveOverlaps, runCustom } from './custom';
import type { Detection, DetectOptions, RedactionRule } from './types';
import { RULES } from './rules';

export { resolveOverlaps };

/** Score added when a rule's context words occur near a match it does not require them for. */
export const CONTEXT_BOOST = 0.3;
const RIGHT_PAD = 24;

/** Per-call state: the text, its context-word index (filled by the window scanner), detections. */
interface Scan {
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
function newScan(text: string, plan: Plan): Scan {
	const table = plan.kwTable;
	let index: KeywordIndex | undefined;
	if (table !== undefined && table.letterStarts) {
		const lower = text.toLowerCase();
		if (lower.length === text.length && text.indexOf('\u212a') < 0) index = newKeywordIndex(lower, table);
	}
	return { text, plan, index, out: [], rules: [] };
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
	scan.rules.push(c.index);
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
		const e = pre === undefined || pre(scan.text, offset + at) ? acceptMatch(c, scan, sub, m, offset) : -1;
		re.lastIndex = e > at ? e : at + 1;
	}
}

const WINDOWS = newWindowList();
const MASK = new Int32Array(64);
/** The gated rules that have a lead shape or literal lead (and no non-ASCII one, which makes a rule free). */
const LEAD_GATE = new Int32Array(64);
/**
 * Per rule, valid while FROM_STAMP equals the window's stamp: where its next match may start (after
 * an accepted one), and the start (text offset) of the match its pattern found ahead, kept in PENDING.
 */
const FROM = new Int32Array(2048);
const NEXT_AT = new Int32Array(2048);
const PENDING: Array<RegExpExecArray | null> = new Array<RegExpExecArray | null>(2048).fill(null);
const FROM_STAMP = new Int32Array(2048);
let stamp = 0;

/** State of the window being dispatched: its slice (made once, when a pattern first runs) and context checks. */
interface WindowState {
	ws: number;
	we: number;
	sub: string | undefined;
	/** context sets checked around this window, and those found */
	kwChecked: number;
	kwFound: number;
}
const WIN: WindowState = { ws: 0, we: 0, sub: undefined, kwChecked: 0, kwFound: 0 };

function subOf(text: string): string {
	// The slice runs a little past the window so trailing lookaheads see the real next characters.
	if (WIN.sub === undefined) WIN.sub = text.slice(WIN.ws, WIN.we + RIGHT_PAD);
	return WIN.sub;
}

/** Context-only rules: the cheap check of the window's surroundings (once per word list and window) before any pattern runs. */
function contextAround(scan: Scan, c: CompiledRule): boolean {
	const kw = c.kw as KeywordSet;
	// more word lists than mask bits (no index either): check every time
	if (kw.id > 30) return windowContext(scan, kw, WIN.ws, WIN.we);
	const bit = 1 << kw.id;
	if ((WIN.kwChecked & bit) === 0) {
		WIN.kwChecked |= bit;
		if (windowContext(scan, kw, WIN.ws, WIN.we)) WIN.kwFound |= bit;
	}
	return (WIN.kwFound & bit) !== 0;
}

/**
 * Tries lead-shaped rule `c` at segment start `p` (text offset) of the current window. The rule's
 * global pattern searches from there (natively, like a plain scan) and the match it finds is kept
 * until the walk reaches its start: positions before it need no look, and a match that starts
 * where the rule has no lead is never accepted (what lead shapes and prechecks promise; tests
 * compare with a plain scan). Once the pattern finds nothing more, or the context check fails, the
 * rule leaves the window's gate. Returns false when it did.
 */
function tryAt(scan: Scan, c: CompiledRule, p: number): boolean {
	const r = c.index;
	if (FROM_STAMP[r] !== stamp) {
		FROM_STAMP[r] = stamp;
		FROM[r] = 0;
		NEXT_AT[r] = -1;
	}
	if (FROM[r] > p || NEXT_AT[r] > p) return true;
	if (c.ctxOnly && !contextAround(scan, c)) return false;
	const sub = subOf(scan.text);
	const ws = WIN.ws;
	const at = p - ws;
	if (c.pre !== undefined && !c.pre(scan.text, p)) return true;
	let m: RegExpExecArray | null;
	if (NEXT_AT[r] === p) m = PENDING[r];
	else {
		const re = c.re;
		re.lastIndex = at;
		m = re.exec(sub);
		if (m === null || m.index >= WIN.we - ws) return false;
		if (m.index > at) {
			NEXT_AT[r] = ws + m.index;
			PENDING[r] = m;
			return true;
		}
	}
	const e = acceptMatch(c, scan, sub, m as RegExpExecArray, ws);
	FROM[r] = e > at ? ws + e : p + 1;
	NEXT_AT[r] = -1;
	return true;
}

function isAlnum(c: number): boolean {
	return (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122);
}

/**
 * Lead-shaped rules of the window: one walk over its segment starts (the window start and every
 * position after a unit that is not an ASCII letter/digit); at each, the rules whose lead shape or
 * literal lead occurs there are tried, in rule order.
 */
function runLeads(scan: Scan, plan: Plan, mask: Int32Array): void {
	const text = scan.text;
	const { ws, we } = WIN;
	const W = plan.words;
	const { leadMask, leadSingle, leadPairs, literalMask, shapeMask, singleAny } = plan;
	let live = 0;
	// some live rule has a lead shape: runs need classifying (else they are only skipped)
	let shapes = false;
	for (let k = 0; k < W; k++) {
		for (let bits = mask[k]; bits !== 0; bits &= bits - 1) live++;
		if ((mask[k] & shapeMask[k]) !== 0) shapes = true;
	}
	let p = ws;
	while (p < we) {
		const f = text.charCodeAt(p);
		const run = isAlnum(f);
		let q = p + 1;
		let slot = 0;
		if (run) {
			if (shapes) {
				let digits = false;
				let letters = false;
				for (q = p; q < we; q++) {
					const e = codeAt(text, q);
					if (e >= 48 && e <= 57) digits = true;
					else if ((e | 32) >= 97 && (e | 32) <= 122) letters = true;
					else break;
				}
				slot = leadSlot(digits ? (letters ? KIND_MIXED : KIND_DIGITS) : KIND_LETTERS, q - p, codeAt(text, q));
			} else while (q < we && isAlnum(text.charCodeAt(q))) q++;
		}
		const ascii = f < 128;
		const single = ascii && singleAny[f] === 1;
		const literal = ascii && leadPairs[(f << 7) | (codeAt(text, p + 1) & 127)] === 1;
		if (slot !== 0 || single || literal) {
			for (let k = 0; k < W; k++) {
				let bits = leadMask[slot * W + k] & mask[k];
				if (single) bits |= leadSingle[f * W + k] & mask[k];
				if (literal && (mask[k] & literalMask[k]) !== 0) bits |= literalLeads(plan, text, p, k) & mask[k];
				while (bits !== 0) {
					const low = bits & -bits;
					bits ^= low;
					if (!tryAt(scan, plan.rules[k * 32 + 31 - Math.clz32(low)], p)) {
						// done with this window: hostile runs of lead positions then cost nothing more
						mask[k] &= ~low;
						if (--live === 0) return;
						shapes = false;
						for (let j = 0; j < W; j++) if ((mask[j] & shapeMask[j]) !== 0) shapes = true;
					}
				}
			}
		}
		// after a run, its next unit is no segment start (it follows a letter/digit)
		p = run ? q + 1 : q;
	}
}

/** Bits (word k) of the rules with a literal lead at p. */
function literalLeads(plan: Plan, text: string, p: number, k: number): number {
	const texts = plan.leadText[text.charCodeAt(p)] as Array<[string, number]>;
	let bits = 0;
	for (let j = 0; j < texts.length; j++) {
		const r = texts[j][1];
		if (r >> 5 === k && text.startsWith(texts[j][0], p)) bits |= 1 << (r & 31);
	}
	return bits;
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
	const out = scan.out;
	for (let w = 0; w < nw; w += 6) {
		const ws = win[w];
		const we = win[w + 1];
		if (!gateWindow(plan, mask, win[w + 2], we - ws, win[w + 4], win[w + 3], win[w + 5] === 1)) continue;
		let leads = 0;
		let free = 0;
		for (let k = 0; k < W; k++) {
			LEAD_GATE[k] = mask[k] & ~plan.freeMask[k];
			leads |= LEAD_GATE[k];
			free |= mask[k] & plan.freeMask[k];
		}
		WIN.ws = ws;
		WIN.we = we;
		WIN.sub = undefined;
		WIN.kwChecked = WIN.kwFound = 0;
		stamp++;
		const first = out.length;
		if (leads !== 0) runLeads(scan, plan, LEAD_GATE);
		if (free !== 0) {
			for (let k = 0; k < W; k++) {
				let bits = mask[k] & plan.freeMask[k];
				while (bits !== 0) {
					const low = bits & -bits;
					bits ^= low;
					const c = plan.rules[k * 32 + 31 - Math.clz32(low)];
					if (c.ctxOnly && !contextAround(scan, c)) continue;
					runRule(c, scan, subOf(text), ws, we - ws);
				}
			}
		}
		// Candidates of one window in rule order (each rule's in text order), as a rule-by-rule scan
		// lists them: overlap resolution keeps the first of equal candidates.
		if (out.length - first > 1) sortByRule(out, first, scan.rules);
	}
}

/** Stable insertion sort of out[first..] by rule index (a window holds few candidates). */
function sortByRule(out: Detection[], first: number, rules: number[]): void {
	for (let i = first + 1; i < out.length; i++) {
		const d = out[i];
		const r = rules[i];
		let j = i - 1;
		while (j >= first && rules[j] > r) {
			out[j + 1] = out[j];
			rules[j + 1] = rules[j];
			j--;
		}
		out[j + 1] = d;
		rules[j + 1] = r;
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
	if (!warmedUp) warmUp();
	const scan = newScan(text, plan);
	scanWindowsOf(scan, plan);
	scanLiterals(scan, plan);
	const out = scan.out;
	runCustom(text, options, out);
	const resolved = resolveOverlaps(out);
	const min = options.minScore ?? 0;
	return min > 0 ? resolved.filter((d) => (d.score ?? 0) >= min) : resolved;
}

let warmedUp = false;

/**
 * The first detect() call first scans the rule samples and a few hostile shapes once (about a
 * millisecond). The engine's hot functions are optimised for the branches they have seen; a branch
 * first taken later (a URL, a PEM block, a long token, a growing buffer) deoptimises them, and
 * recompiling the scanner costs more CPU than scanning a megabyte. Results are discarded.
 */
function warmUp(): void {
	warmedUp = true;
	const samples = RULES.flatMap((r) => [...r.samples.positive, ...r.samples.negative]);
	const hostile = ['1', '1-', '1 ', '1.', 'a@', 'a@b.', ':', '1:a:', 'Ab9', 'eyJ', 'http://a', '-----BEGIN RSA PRIVATE KEY-----\n', 'password=a1', '+1 ', '(1)', 'GB82 '];
	const text = [...samples, ...hostile.map((u) => u.repeat(Math.ceil(300 / u.length)))].join(' \n');
	for (let round = 0; round < 2; round++) detectWithPlan(text, planFor(undefined, new Set()));
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
