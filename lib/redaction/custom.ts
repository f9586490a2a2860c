/** User-supplied patterns, the deny list, and overlap resolution of all candidates. */
import { GovernanceError, GovernanceErrorCode } from '../errors/governance-error';
import { compileDenyList } from './deny-list';
import { runsInLinearTime } from './linear';
import { compileRule } from './plan';
import type { CompiledRule, Plan } from './plan';
import type { CustomPattern, Detection, DetectOptions, PatternMatcher, RedactionRule } from './types';

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

/** How a custom pattern runs: natively with the built-in rules, or through the injected matcher. */
export type CustomMode = 'native' | 'matcher';

const modeCache = new Map<string, boolean>();

/** Whether a custom pattern runs natively (checked once per pattern text; see linear.ts). */
export function customPatternRunsNatively(p: CustomPattern): boolean {
	const source = p.pattern instanceof RegExp ? p.pattern.source : String(p.pattern);
	let safe = modeCache.get(source);
	if (safe === undefined) {
		safe = runsInLinearTime(source);
		if (modeCache.size >= 1024) modeCache.clear();
		modeCache.set(source, safe);
	}
	return safe;
}

export interface CustomRules {
	/** Patterns that run natively, in the same pass as the built-in rules. */
	native: CompiledRule[];
	/** The native ones as a plan (the same object for the same patterns, so its derived gates are built once). */
	plan: Plan;
	/** Patterns that run through `options.matcher` (the default matcher when none is given). */
	viaMatcher: Array<{ pattern: CustomPattern; re: RegExp }>;
}

function checkEntity(p: CustomPattern | undefined): asserts p is CustomPattern {
	if (!p || typeof p.entity !== 'string' || p.entity === '') {
		throw new GovernanceError(GovernanceErrorCode.InvalidInput, 'A custom pattern has no entity name.', {
			hint: 'Give every custom pattern an entity, e.g. { entity: "EMPLOYEE_ID", pattern: "EMP-\\\\d{6}" }.',
		});
	}
}

/**
 * Splits the custom patterns: without an injected matcher all run natively; with one, those that
 * pass the linear-time check run natively and only the rest through the matcher.
 */
export function customRules(options: DetectOptions): CustomRules {
	const patterns = options.customPatterns ?? [];
	if (patterns.length === 0) return NONE;
	for (const p of patterns) checkEntity(p);
	// the same patterns on every item of an execution: compiled once (each search sets lastIndex before it runs, as for the built-in rules)
	const key = `${options.matcher === undefined ? 'n' : 'm'}${JSON.stringify(patterns.map((p) => [p.entity, p.pattern instanceof RegExp ? `/${p.pattern.source}/${p.pattern.flags}` : String(p.pattern), p.flags ?? '', p.score ?? null]))}`;
	let hit = compiled.get(key);
	if (hit === undefined) {
		hit = compileCustomRules(patterns, options.matcher !== undefined);
		if (compiled.size >= 64) compiled.clear();
		compiled.set(key, hit);
	}
	return hit;
}

const NONE: CustomRules = Object.freeze({ native: [], plan: { rules: [] }, viaMatcher: [] }) as CustomRules;
const compiled = new Map<string, CustomRules>();

function compileCustomRules(patterns: readonly CustomPattern[], hasMatcher: boolean): CustomRules {
	const out: CustomRules = { native: [], plan: { rules: [] }, viaMatcher: [] };
	for (const p of patterns) {
		const re = compileCustom(p);
		if (!hasMatcher || customPatternRunsNatively(p)) {
			const rule: RedactionRule = {
				id: `custom:${p.entity}`,
				entity: p.entity,
				description: 'custom pattern',
				pattern: re,
				score: p.score ?? 0.9,
				defaultOperator: 'placeholder',
				samples: { positive: [], negative: [] },
			};
			out.native.push(compileRule(rule));
		} else out.viaMatcher.push({ pattern: p, re });
	}
	out.plan = { rules: out.native };
	return out;
}

/** The custom patterns that need the matcher, and the deny list, into `out`. */
export function runCustom(text: string, options: DetectOptions, custom: CustomRules, out: Detection[]): void {
	const matcher = options.matcher ?? defaultMatcher;
	for (const { pattern: p, re } of custom.viaMatcher) {
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

/**
 * Keeps the best of overlapping candidates (higher score, then longer span, then earlier); returns
 * them sorted by start. Candidates are taken best first; one is kept when it overlaps no kept span:
 * no kept span covers a unit of it, nor starts inside it empty, and an empty one must not lie
 * strictly inside a kept span. Kept spans mark the units they cover, so each check reads the
 * candidate's own units: linear in the text, where inserting into a sorted list was quadratic on
 * hostile inputs (a megabyte of alternating e-mails and card numbers).
 */
export function resolveOverlaps(candidates: Detection[]): Detection[] {
	if (candidates.length <= 1) return candidates.slice();
	return byClusters(candidates) ?? resolveAll(candidates);
}

function resolveAll(candidates: Detection[]): Detection[] {
	const order = candidates.slice().sort((a, b) => (b.score ?? 0) - (a.score ?? 0) || b.end - b.start - (a.end - a.start) || a.start - b.start);
	const kept = order.length <= SMALL ? keepSmall(order) : keepMarked(order);
	// by start; an empty span before a longer one at the same start, later empty ones first
	const at = kept.map((_, i) => i);
	at.sort((x, y) => kept[x].start - kept[y].start || kept[x].end - kept[y].end || y - x);
	return at.map((i) => kept[i]);
}

/**
 * The usual case: non-empty candidates, almost in text order (window by window). Sorted by start
 * (an insertion sort), they fall into clusters of chained overlaps. A candidate's fate depends only
 * on the kept spans it overlaps, all in its own cluster, which the best-first pass meets in the same
 * order as when it resolves the cluster alone: so a lone candidate is kept, and each cluster is
 * resolved apart; clusters are disjoint and in order. undefined (resolveAll then) when one is
 * empty or the candidates are far from in order.
 */
function byClusters(candidates: Detection[]): Detection[] | undefined {
	const sorted = candidates.slice();
	// far from sorted (custom-pattern hits appended after the rules' of a long text): resolveAll sorts
	let moves = 4 * sorted.length + 64;
	for (let i = 0; i < sorted.length; i++) {
		const d = sorted[i];
		if (d.end <= d.start) return undefined;
		let j = i - 1;
		while (j >= 0 && sorted[j].start > d.start) {
			if (--moves < 0) return undefined;
			sorted[j + 1] = sorted[j];
			j--;
		}
		sorted[j + 1] = d;
	}
	const out: Detection[] = [];
	for (let i = 0; i < sorted.length; ) {
		let j = i + 1;
		let end = sorted[i].end;
		for (; j < sorted.length && sorted[j].start < end; j++) if (sorted[j].end > end) end = sorted[j].end;
		if (j === i + 1) out.push(sorted[i]);
		else for (const d of resolveAll(sorted.slice(i, j))) out.push(d);
		i = j;
	}
	return out;
}

/** Up to this many candidates (an item's usual count), kept spans are compared directly: no per-unit arrays to allocate and clear. */
const SMALL = 48;

/** keepMarked's choice, by comparing each candidate with the spans kept so far (quadratic in their number). */
function keepSmall(order: Detection[]): Detection[] {
	const kept: Detection[] = [];
	for (const c of order) {
		let free = true;
		for (let k = 0; k < kept.length && free; k++) {
			const o = kept[k];
			if (c.end > c.start) {
				// a kept span covers one of c's units, or a kept empty span starts at one
				if (o.end > o.start ? o.start < c.end && c.start < o.end : o.start >= c.start && o.start < c.end) free = false;
			} else if (o.start < c.start && o.end > c.start) free = false; // c lies strictly inside a kept span
		}
		if (free) kept.push(c);
	}
	return kept;
}

function keepMarked(order: Detection[]): Detection[] {
	let base = order[0].start;
	let top = order[0].end;
	for (const c of order) {
		if (c.start < base) base = c.start;
		if (c.end > top) top = c.end;
	}
	// owner[i - base]: 1 + number of the kept span covering unit i (0: none); empty[i - base]: a kept empty span starts at i
	const owner = new Int32Array(top - base + 1);
	const empty = new Uint8Array(top - base + 1);
	const kept: Detection[] = [];
	for (const c of order) {
		const start = c.start - base;
		const end = c.end - base;
		let free = true;
		if (end > start) {
			for (let i = start; i < end && free; i++) if (owner[i] !== 0 || empty[i] !== 0) free = false;
		} else if (start > 0 && owner[start - 1] !== 0 && owner[start - 1] === owner[start]) free = false;
		if (!free) continue;
		kept.push(c);
		if (end > start) owner.fill(kept.length, start, end);
		else empty[start] = 1;
	}
	return kept;
}
