import { GovernanceError, GovernanceErrorCode } from '../errors/governance-error';
import { BUILT_IN_ENTITIES, RULES } from './rules';
import { charMask, COLON2_BIT, newWindowList, scanWindows, SCHEME_BIT } from './scanner';
import { buildKeywordTable, CONTEXT_AFTER, CONTEXT_BEFORE, contextOf, hasContextWords, indexKeywords, keywordSet, MAX_KEYWORD_SETS, regionMask, setRegex, spanHasContext, testKeywords } from './context';
import type { KeywordIndex, KeywordSet, KeywordTable } from './context';
import { checkLeadText, LEAD_SLOTS, newSegments, parseLead, segmentWindow } from './lead';
import { resolveOverlaps, runCustom } from './custom';
import type { Detection, DetectOptions, RedactionRule } from './types';

export { resolveOverlaps };

/** Score added when a rule's context words occur near a match it does not require them for. */
export const CONTEXT_BOOST = 0.3;
const MAX_BUCKET = 24;
const RIGHT_PAD = 24;

interface CompiledRule {
	/** Position in Plan.rules (its bit in the rule masks). */
	index: number;
	rule: RedactionRule;
	/** Global pattern (scanning), for rules without a lead shape. */
	re: RegExp;
	/** Sticky copy, tried only at the window's lead positions. */
	sticky: RegExp;
	anyMask: number;
	minLength: number;
	minDigits: number;
	maxDigits: number;
	minLetters: number;
	allMask: number;
	kw?: KeywordSet;
	/** Lead-shape membership (LEAD_SLOTS) and literal leads; both absent: the rule runs on every window. */
	lead?: Uint8Array;
	leadText?: string[];
}

interface Plan {
	/** Window rules, in table order. */
	rules: CompiledRule[];
	/** Words (32 rules each) of a rule mask. */
	words: number;
	/** Per digit bucket: rules with minDigits <= bucket. */
	bucketMask: Int32Array;
	/** Rules without a lead shape. */
	freeMask: Int32Array;
	/** Per lead slot: rules whose lead shape includes it. */
	leadMask: Int32Array;
	/** Literal leads by first code unit (< 128): [text, rule index]. */
	leadText: Array<Array<[string, number]> | undefined>;
	literal: Array<{ c: CompiledRule; literals: string[] }>;
	/** Trie of every context word; undefined when there are too many word lists for the index masks. */
	kwTable: KeywordTable | undefined;
}

/** Per-call state: the text, its context-word index (lazy), detections. */
interface Scan {
	text: string;
	plan: Plan;
	index: KeywordIndex | undefined;
	/** Lower-casing changed the length (or no index): use the string-building context check. */
	fallback: boolean;
	out: Detection[];
}

function newScan(text: string, plan: Plan): Scan {
	return { text, plan, index: undefined, fallback: plan.kwTable === undefined, out: [] };
}

function charMaskOf(rule: RedactionRule): number {
	try {
		return charMask(rule.trigger?.anyChar);
	} catch (error) {
		throw new GovernanceError(GovernanceErrorCode.InvalidConfiguration, `Rule '${rule.id}': ${(error as Error).message}`, {
			hint: 'Fix trigger.anyChar in the rule row.',
		});
	}
}

function compile(rule: RedactionRule, index: number, kwSet: (words: readonly string[]) => KeywordSet): CompiledRule {
	if (!rule.pattern.global) {
		throw new GovernanceError(GovernanceErrorCode.InvalidConfiguration, `Rule '${rule.id}' pattern lacks the g flag.`, {
			hint: 'Every rule pattern must be global so the engine can iterate its matches.',
		});
	}
	const t = rule.trigger;
	return {
		index,
		rule,
		re: new RegExp(rule.pattern.source, rule.pattern.flags),
		sticky: new RegExp(rule.pattern.source, rule.pattern.flags.replace('g', '') + 'y'),
		anyMask: charMaskOf(rule),
		minLength: t?.minLength ?? 0,
		minDigits: t?.minDigits ?? 0,
		maxDigits: t?.maxDigits ?? Number.MAX_SAFE_INTEGER,
		minLetters: t?.minLetters ?? 0,
		allMask: (t?.scheme ? SCHEME_BIT : 0) | (t?.twoColons ? COLON2_BIT : 0),
		kw: rule.keywords && rule.keywords.length > 0 ? kwSet(rule.keywords) : undefined,
		lead: t?.lead ? parseLead(rule.id, t.lead) : undefined,
		leadText: t?.leadText ? checkLeadText(rule.id, t.leadText) : undefined,
	};
}

function buildPlan(rules: readonly RedactionRule[]): Plan {
	const kwSets: KeywordSet[] = [];
	const kwByKey = new Map<string, KeywordSet>();
	const kwSet = (words: readonly string[]): KeywordSet => {
		const key = words.join('\u0000');
		let set = kwByKey.get(key);
		if (!set) {
			set = keywordSet(kwSets.length, words);
			kwSets.push(set);
			kwByKey.set(key, set);
		}
		return set;
	};
	const windowRules: CompiledRule[] = [];
	const literal: Plan['literal'] = [];
	for (const rule of rules) {
		const c = compile(rule, windowRules.length, kwSet);
		if (rule.trigger?.literals) {
			literal.push({ c, literals: rule.trigger.literals });
			continue;
		}
		windowRules.push(c);
	}
	const words = Math.max(1, Math.ceil(windowRules.length / 32));
	const bucketMask = new Int32Array((MAX_BUCKET + 1) * words);
	const freeMask = new Int32Array(words);
	const leadMask = new Int32Array(LEAD_SLOTS * words);
	const leadText: Plan['leadText'] = [];
	for (let i = 0; i < 128; i++) leadText.push(undefined);
	for (const c of windowRules) {
		const w = c.index >> 5;
		const bit = 1 << (c.index & 31);
		for (let d = Math.min(c.minDigits, MAX_BUCKET); d <= MAX_BUCKET; d++) bucketMask[d * words + w] |= bit;
		if (!c.lead && !c.leadText) freeMask[w] |= bit;
		if (c.lead) for (let k = 0; k < LEAD_SLOTS; k++) if (c.lead[k]) leadMask[k * words + w] |= bit;
		for (const t of c.leadText ?? []) {
			const f = t.charCodeAt(0);
			if (f >= 128) {
				freeMask[w] |= bit; // non-ASCII literal: no pre-filter, the rule runs everywhere
				continue;
			}
			(leadText[f] ??= []).push([t, c.index]);
		}
	}
	const kwTable = kwSets.length <= MAX_KEYWORD_SETS ? buildKeywordTable(kwSets) : undefined;
	return { rules: windowRules, words, bucketMask, freeMask, leadMask, leadText, literal, kwTable };
}

const planCache = new Map<string, Plan>();
const knownEntities = new Set(BUILT_IN_ENTITIES);

function planFor(entities: string[] | undefined, extra: Set<string>): Plan {
	const key = entities ? [...new Set(entities)].sort().join(',') : '*';
	let plan = planCache.get(key);
	if (plan) return plan;
	let rules: readonly RedactionRule[] = RULES;
	if (entities) {
		const unknown = entities.filter((e) => !knownEntities.has(e) && !extra.has(e));
		if (unknown.length > 0) {
			throw new GovernanceError(GovernanceErrorCode.InvalidInput, `Unknown entity name(s): ${unknown.join(', ')}.`, {
				hint: `Use built-in names (${BUILT_IN_ENTITIES.join(', ')}) or the entity of a custom pattern / deny list.`,
				details: { unknown },
			});
		}
		const wanted = new Set(entities);
		rules = RULES.filter((r) => wanted.has(r.entity));
	}
	plan = buildPlan(rules);
	if (planCache.size > 64) planCache.clear();
	planCache.set(key, plan);
	return plan;
}

/** True when one of `keywords` starts a word within the context around [start, end). */
export function hasContext(text: string, start: number, end: number, keywords: readonly string[]): boolean {
	return hasContextWords(text, start, end, keywords);
}

function indexOf(scan: Scan): KeywordIndex | undefined {
	if (scan.index === undefined && !scan.fallback) {
		const lower = scan.text.toLowerCase();
		if (lower.length === scan.text.length) scan.index = indexKeywords(lower, scan.plan.kwTable as KeywordTable);
		else scan.fallback = true;
	}
	return scan.index;
}

/** Context words of `set` around the match [start, end). */
function spanContext(scan: Scan, set: KeywordSet, start: number, end: number): boolean {
	const index = indexOf(scan);
	if (index !== undefined) return spanHasContext(index, set, start, end);
	return testKeywords(setRegex(set), contextOf(scan.text, start, end));
}

/**
 * Context words around the window [ws, we) (the cheap pre-check of context-only rules): a bit mask of
 * the keyword sets found, or -1 (all) on the fallback path, where `windowContextSlow` decides per set.
 */
function windowContext(scan: Scan, ws: number, we: number): number {
	const index = indexOf(scan);
	if (index === undefined) return -1;
	const a = ws - CONTEXT_BEFORE > 0 ? ws - CONTEXT_BEFORE : 0;
	return regionMask(index, a, Math.min(index.lower.length, we + CONTEXT_AFTER));
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
	re.lastIndex = 0;
	for (let m = re.exec(sub); m !== null; m = re.exec(sub)) {
		const at = m.index;
		if (at >= limit) return;
		const e = acceptMatch(c, scan, sub, m, offset);
		re.lastIndex = e > at ? e : at + 1;
	}
}

const WINDOWS = newWindowList();
const SEGMENTS = newSegments();

/**
 * Runs a lead-shaped rule only at the window's segment starts that have its lead shape: the same
 * matches, in the same order, as scanning `sub`, because no accepted match can start elsewhere.
 */
function runRuleAtLeads(c: CompiledRule, scan: Scan, sub: string, ws: number, limit: number): void {
	const re = c.sticky;
	const lead = c.lead;
	const texts = c.leadText;
	const text = scan.text;
	const seg = SEGMENTS.data;
	const count = SEGMENTS.count;
	let next = 0;
	for (let i = 0; i < count; i++) {
		const at = seg[2 * i] - ws;
		if (at < next) continue;
		if (at >= limit) return;
		let ok = lead !== undefined && lead[seg[2 * i + 1]] === 1;
		if (!ok && texts) for (let k = 0; k < texts.length && !ok; k++) ok = text.startsWith(texts[k], ws + at);
		if (!ok) continue;
		re.lastIndex = at;
		const m = re.exec(sub);
		if (m === null) continue;
		const e = acceptMatch(c, scan, sub, m, ws);
		next = e > at ? e : at + 1;
	}
}

const MASK = new Int32Array(64);

function scanWindowsOf(scan: Scan, plan: Plan): void {
	const text = scan.text;
	scanWindows(text, WINDOWS);
	const win = WINDOWS.data;
	const nw = WINDOWS.length;
	const W = plan.words;
	const mask = W <= MASK.length ? MASK : new Int32Array(W);
	for (let w = 0; w < nw; w += 6) {
		const ws = win[w];
		const we = win[w + 1];
		const digits = win[w + 2];
		const cmask = win[w + 3];
		const letters = win[w + 4];
		// maxDigits only applies to single-token windows: joined tokens may hold several entities.
		const single = win[w + 5] === 1;
		const bucket = (digits < MAX_BUCKET ? digits : MAX_BUCKET) * W;
		// Rules whose lead shape occurs in the window (or that have none), within the digit bucket.
		segmentWindow(text, ws, we, SEGMENTS);
		for (let k = 0; k < W; k++) mask[k] = plan.freeMask[k];
		const seg = SEGMENTS.data;
		for (let i = 0; i < SEGMENTS.count; i++) {
			const slot = seg[2 * i + 1] * W;
			for (let k = 0; k < W; k++) mask[k] |= plan.leadMask[slot + k];
			const p = seg[2 * i];
			const f = text.charCodeAt(p);
			const texts = f < 128 ? plan.leadText[f] : undefined;
			if (texts) for (const [t, r] of texts) if (text.startsWith(t, p)) mask[r >> 5] |= 1 << (r & 31);
		}
		const len = we - ws;
		let sub: string | undefined;
		let kwMask = 0;
		let kwDone = false;
		for (let k = 0; k < W; k++) {
			let bits = mask[k] & plan.bucketMask[bucket + k];
			while (bits !== 0) {
				const low = bits & -bits;
				bits ^= low;
				const c = plan.rules[k * 32 + 31 - Math.clz32(low)];
				if ((single && digits > c.maxDigits) || len < c.minLength || letters < c.minLetters || (c.anyMask !== 0 && (cmask & c.anyMask) === 0) || (cmask & c.allMask) !== c.allMask) continue;
				const kw = c.kw;
				if (kw && c.rule.requiresContext) {
					// Cheap pre-check on the window's surroundings (once per window) before running the pattern.
					if (!kwDone) {
						kwMask = windowContext(scan, ws, we);
						kwDone = true;
					}
					if (kwMask === -1 ? !windowContextSlow(scan, kw, ws, we) : (kwMask & (1 << kw.id)) === 0) continue;
				}
				// The slice runs a little past the window so trailing lookaheads see the real next characters.
				if (sub === undefined) sub = text.slice(ws, we + RIGHT_PAD);
				if (c.lead || c.leadText) runRuleAtLeads(c, scan, sub, ws, len);
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
	const plan = buildPlan(rules);
	const scan = newScan(text, plan);
	scanWindowsOf(scan, plan);
	scanLiterals(scan, plan);
	return resolveOverlaps(scan.out);
}
