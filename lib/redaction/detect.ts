import { GovernanceError, GovernanceErrorCode } from '../errors/governance-error';
import { BUILT_IN_ENTITIES, RULES } from './rules';
import { charMask, COLON2_BIT, findWindows, SCHEME_BIT } from './scanner';
import { compileDenyList } from './deny-list';
import type { CustomPattern, Detection, DetectOptions, PatternMatcher, RedactionRule } from './types';

/** Score added when a rule's context words occur near a match it does not require them for. */
export const CONTEXT_BOOST = 0.3;
const CONTEXT_BEFORE = 48;
const CONTEXT_AFTER = 24;
const MAX_BUCKET = 24;
const RIGHT_PAD = 24;

interface CompiledRule {
	rule: RedactionRule;
	re: RegExp;
	anyMask: number;
	minLength: number;
	minDigits: number;
	maxDigits: number;
	minLetters: number;
	allMask: number;
	/** Word-start test for the rule's context words, run on a lowercased context string. */
	kw?: RegExp;
}

interface Plan {
	/** Window rules indexed by min(digitCount, MAX_BUCKET). */
	buckets: CompiledRule[][];
	literal: Array<{ c: CompiledRule; literals: string[] }>;
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

/** Matches any of `words` (a 'g' regex); the word-start check is done by `testKeywords`. */
function keywordRegex(words: readonly string[]): RegExp {
	const alt = [...words].sort((a, b) => b.length - a.length).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
	return new RegExp(`(?:${alt.join('|')})`, 'g');
}

/** True when a keyword of `re` occurs in `ctx` at a word start (previous char not a letter). */
function testKeywords(re: RegExp, ctx: string): boolean {
	re.lastIndex = 0;
	for (let m = re.exec(ctx); m !== null; m = re.exec(ctx)) {
		const p = m.index === 0 ? 32 : ctx.charCodeAt(m.index - 1);
		if (!((p >= 97 && p <= 122) || p >= 0xc0)) return true;
		re.lastIndex = m.index + 1;
	}
	return false;
}

/** Lowercased text around [start, end): what context words are searched in. */
function contextOf(text: string, start: number, end: number): string {
	return `${text.slice(Math.max(0, start - CONTEXT_BEFORE), start)} ${text.slice(end, end + CONTEXT_AFTER)}`.toLowerCase();
}

function compile(rule: RedactionRule): CompiledRule {
	if (!rule.pattern.global) {
		throw new GovernanceError(GovernanceErrorCode.InvalidConfiguration, `Rule '${rule.id}' pattern lacks the g flag.`, {
			hint: 'Every rule pattern must be global so the engine can iterate its matches.',
		});
	}
	return {
		rule,
		re: new RegExp(rule.pattern.source, rule.pattern.flags),
		anyMask: charMaskOf(rule),
		minLength: rule.trigger?.minLength ?? 0,
		minDigits: rule.trigger?.minDigits ?? 0,
		maxDigits: rule.trigger?.maxDigits ?? Number.MAX_SAFE_INTEGER,
		minLetters: rule.trigger?.minLetters ?? 0,
		allMask: (rule.trigger?.scheme ? SCHEME_BIT : 0) | (rule.trigger?.twoColons ? COLON2_BIT : 0),
		kw: rule.keywords && rule.keywords.length > 0 ? keywordRegex(rule.keywords) : undefined,
	};
}

function buildPlan(rules: readonly RedactionRule[]): Plan {
	const buckets: CompiledRule[][] = [];
	for (let d = 0; d <= MAX_BUCKET; d++) buckets.push([]);
	const literal: Plan['literal'] = [];
	for (const rule of rules) {
		const c = compile(rule);
		if (rule.trigger?.literals) {
			c.re = new RegExp(rule.pattern.source, rule.pattern.flags.replace('g', '') + 'y');
			literal.push({ c, literals: rule.trigger.literals });
			continue;
		}
		for (let d = Math.min(c.minDigits, MAX_BUCKET); d <= MAX_BUCKET; d++) buckets[d].push(c);
	}
	return { buckets, literal };
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
	return testKeywords(keywordRegex(keywords), contextOf(text, start, end));
}

/** Validates one match of `c` in `sub` (which starts at `offset` in `text`); returns the accepted end in `sub`, or -1. */
function acceptMatch(c: CompiledRule, text: string, sub: string, m: RegExpExecArray, offset: number, out: Detection[]): number {
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
	if (c.kw && rule.requiresContext && !testKeywords(c.kw, contextOf(text, offset + s, offset + e))) return -1;
	if (rule.validate && !rule.validate(value)) return -1;
	let score = rule.score;
	if (c.kw && !rule.requiresContext && score < 1 && testKeywords(c.kw, contextOf(text, offset + s, offset + e))) {
		score = Math.min(1, score + CONTEXT_BOOST);
	}
	out.push({ entity: rule.entity, start: offset + s, end: offset + e, score, ruleId: rule.id });
	return e;
}

/** Runs one compiled rule over `sub` (which starts at `offset` in `text`). */
function runRule(c: CompiledRule, text: string, sub: string, offset: number, out: Detection[], limit: number): void {
	const re = c.re;
	re.lastIndex = 0;
	for (let m = re.exec(sub); m !== null; m = re.exec(sub)) {
		const at = m.index;
		if (at >= limit) return;
		const e = acceptMatch(c, text, sub, m, offset, out);
		re.lastIndex = e > at ? e : at + 1;
	}
}

function scanWindows(text: string, plan: Plan, out: Detection[]): void {
	const windows: number[] = [];
	findWindows(text, windows);
	for (let w = 0; w < windows.length; w += 6) {
		const ws = windows[w];
		const we = windows[w + 1];
		const digits = windows[w + 2];
		const mask = windows[w + 3];
		const letters = windows[w + 4];
		// maxDigits only applies to single-token windows: joined tokens may hold several entities.
		const single = windows[w + 5] === 1;
		const rules = plan.buckets[digits < MAX_BUCKET ? digits : MAX_BUCKET];
		const len = we - ws;
		let sub: string | undefined;
		let ctx: string | undefined;
		for (let r = 0; r < rules.length; r++) {
			const c = rules[r];
			if ((single && digits > c.maxDigits) || len < c.minLength || letters < c.minLetters || (c.anyMask !== 0 && (mask & c.anyMask) === 0) || (mask & c.allMask) !== c.allMask) continue;
			if (c.rule.requiresContext && c.kw) {
				// Cheap pre-check on the window's surroundings before running the pattern.
				if (ctx === undefined) ctx = text.slice(Math.max(0, ws - CONTEXT_BEFORE), we + CONTEXT_AFTER).toLowerCase();
				if (!testKeywords(c.kw, ctx)) continue;
			}
			// The slice runs a little past the window so trailing lookaheads see the real next characters.
			if (sub === undefined) sub = text.slice(ws, we + RIGHT_PAD);
			runRule(c, text, sub, ws, out, len);
		}
	}
}

function scanLiterals(text: string, plan: Plan, out: Detection[]): void {
	for (const { c, literals } of plan.literal) {
		for (const lit of literals) {
			let idx = text.indexOf(lit);
			while (idx >= 0) {
				c.re.lastIndex = idx;
				const m = c.re.exec(text);
				const e = m ? acceptMatch(c, text, text, m, 0, out) : -1;
				idx = text.indexOf(lit, e > idx ? e : idx + lit.length);
			}
		}
	}
}

const defaultMatcher: PatternMatcher = (re, text) => {
	const spans: Array<{ start: number; end: number }> = [];
	re.lastIndex = 0;
	for (let m = re.exec(text); m !== null; m = re.exec(text)) {
		if (m[0].length === 0) {
			re.lastIndex++;
			continue;
		}
		spans.push({ start: m.index, end: m.index + m[0].length });
	}
	return spans;
};

function compileCustom(p: CustomPattern): RegExp {
	try {
		if (p.pattern instanceof RegExp) {
			const flags = p.pattern.flags.includes('g') ? p.pattern.flags : p.pattern.flags + 'g';
			return new RegExp(p.pattern.source, flags);
		}
		const flags = [...new Set(`g${p.flags ?? ''}`)].join('');
		return new RegExp(p.pattern, flags);
	} catch (error) {
		throw new GovernanceError(GovernanceErrorCode.InvalidInput, `Custom pattern for ${p.entity} does not compile: ${(error as Error).message}`, {
			hint: 'Write a JavaScript regular expression (without surrounding slashes) and valid flags.',
			cause: error,
		});
	}
}

function runCustom(text: string, options: DetectOptions, out: Detection[]): void {
	const matcher = options.matcher ?? defaultMatcher;
	for (const p of options.customPatterns ?? []) {
		if (!p || typeof p.entity !== 'string' || p.entity === '') {
			throw new GovernanceError(GovernanceErrorCode.InvalidInput, 'A custom pattern has no entity name.', {
				hint: 'Give every custom pattern an entity, e.g. { entity: "EMPLOYEE_ID", pattern: "EMP-\\\\d{6}" }.',
			});
		}
		const re = compileCustom(p);
		for (const span of matcher(re, text)) {
			if (span.end > span.start) out.push({ entity: p.entity, start: span.start, end: span.end, score: p.score ?? 0.9, ruleId: `custom:${p.entity}` });
		}
	}
	if (options.denyList && options.denyList.length > 0) {
		const re = compileDenyList(options.denyList);
		if (re) {
			const entity = options.denyListEntity ?? 'DENY_LIST';
			re.lastIndex = 0;
			for (let m = re.exec(text); m !== null; m = re.exec(text)) {
				out.push({ entity, start: m.index, end: m.index + m[0].length, score: 1, ruleId: 'deny-list' });
			}
		}
	}
}

/** Keeps the best of overlapping candidates (higher score, then longer span, then earlier); returns them sorted by start. */
export function resolveOverlaps(candidates: Detection[]): Detection[] {
	if (candidates.length <= 1) return candidates.slice();
	const order = candidates.slice().sort((a, b) => (b.score ?? 0) - (a.score ?? 0) || b.end - b.start - (a.end - a.start) || a.start - b.start);
	const kept: Detection[] = [];
	for (const c of order) {
		// kept is sorted by start; find the first kept span starting at or after c.start.
		let lo = 0;
		let hi = kept.length;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if (kept[mid].start < c.start) lo = mid + 1;
			else hi = mid;
		}
		if (lo < kept.length && kept[lo].start < c.end) continue;
		if (lo > 0 && kept[lo - 1].end > c.start) continue;
		kept.splice(lo, 0, c);
	}
	return kept;
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
	const out: Detection[] = [];
	scanWindows(text, plan, out);
	scanLiterals(text, plan, out);
	runCustom(text, options, out);
	const resolved = resolveOverlaps(out);
	const min = options.minScore ?? 0;
	return min > 0 ? resolved.filter((d) => (d.score ?? 0) >= min) : resolved;
}

/** Runs exactly the given rules (used by the rule-sample tests and by tooling). */
export function detectWithRules(text: string, rules: readonly RedactionRule[]): Detection[] {
	const plan = buildPlan(rules);
	const out: Detection[] = [];
	scanWindows(text, plan, out);
	scanLiterals(text, plan, out);
	return resolveOverlaps(out);
}
