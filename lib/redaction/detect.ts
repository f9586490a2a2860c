import { GovernanceError, GovernanceErrorCode } from '../errors/governance-error';
import { hasContextWords } from './context';
import { buildPlan, planFor } from './plan';
import type { Plan } from './plan';
import { resolveOverlaps, runCustom } from './custom';
import { acceptMatch, newScan } from './accept';
import type { Scan } from './accept';
import { scanWindowsOf } from './dispatch';
import type { Detection, DetectOptions, RedactionRule } from './types';
import { RULES } from './rules';
import { append, detectProse, PROSE_ENTITIES } from './prose';

export { resolveOverlaps };
export { CONTEXT_BOOST } from './accept';

/** True when one of `keywords` starts a word within the context around [start, end). */
export function hasContext(text: string, start: number, end: number, keywords: readonly string[]): boolean {
	return hasContextWords(text, start, end, keywords);
}

function scanLiterals(scan: Scan, plan: Plan): void {
	const text = scan.text;
	for (const { c, literals, after } of plan.literal) {
		for (const lit of literals) {
			let idx = text.indexOf(lit);
			// the next occurrence of `after` found so far (a match at idx needs one at or past idx + lit.length)
			let need = -1;
			while (idx >= 0) {
				if (after !== undefined && need < idx + lit.length) {
					need = text.indexOf(after, idx + lit.length);
					if (need < 0) break;
				}
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
	for (const e of PROSE_ENTITIES) extra.add(e);
	const plan = planFor(options.entities, extra);
	if (!warmedUp) warmUp();
	const scan = newScan(text, plan);
	scanWindowsOf(scan, plan);
	scanLiterals(scan, plan);
	const out = scan.out;
	append(out, detectProse(text, { entities: options.entities, alsoRedact: options.alsoRedact }));
	runCustom(text, options, out);
	const resolved = resolveOverlaps(out);
	const min = options.minScore ?? 0;
	return min > 0 ? resolved.filter((d) => (d.score ?? 0) >= min) : resolved;
}

let warmedUp = false;

/**
 * The first detect() call first scans the rule samples and a few hostile shapes once (about 10 K
 * units). The engine's hot functions are optimised for the branches they have seen; a branch
 * first taken later (a URL, a PEM block, a long token, a growing buffer) deoptimises them, and
 * recompiling the scanner costs more CPU than scanning a megabyte. Results are discarded.
 * Cost: this is the engine's code running for the first time (interpreted, then compiled). On a
 * 2-core machine the whole first call (plan included) measured 80-105 ms of CPU in a fast phase, and
 * 150-165 ms in a slow one, about 30 ms of which for the last six hostile shapes. A second round
 * (there was one) cost 35 ms more and kept no more code optimised: the type feedback is gathered in
 * the first.
 */
function warmUp(): void {
	warmedUp = true;
	const samples = RULES.flatMap((r) => [...r.samples.positive, ...r.samples.negative]);
	// the shapes of the adversarial tests and bench; 'ıt60' takes the scanner's non-ASCII letter path,
	// whose first use deoptimised it (about 80 ms of recompiling)
	const hostile = ['1', '1-', '1 ', '1.', 'a@', 'a@b.', ':', '1:a:', 'Ab9', 'eyJ', 'http://a', '-----BEGIN RSA PRIVATE KEY-----\n', 'password=a1', '+1 ', '(1)', 'GB82 ', 'gb82 ', 'DE89 3704 ', 'GB82 WEST ', 'ıt60 ', 'SKx-', 'AKIA-'];
	const text = [...samples, ...hostile.map((u) => u.repeat(Math.ceil(300 / u.length)))].join(' \n');
	detectWithPlan(text, planFor(undefined, new Set()));
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
