import { GovernanceError, GovernanceErrorCode } from '../errors/governance-error';
import { hasContextWords } from './context';
import { buildPlan, planFor } from './plan';
import type { Plan } from './plan';
import { customRules, resolveOverlaps, runCustom } from './custom';
import { scanRules } from './accept';
import type { Detection, DetectOptions, RedactionRule } from './types';
import { append, detectProse, PROSE_ENTITIES } from './prose';

export { resolveOverlaps };
export { CONTEXT_BOOST, DEFAULT_MIN_SCORE, NO_CONTEXT_FACTOR } from './accept';

/** True when one of `keywords` starts a word within the context around [start, end). */
export function hasContext(text: string, start: number, end: number, keywords: readonly string[]): boolean {
	return hasContextWords(text, start, end, keywords);
}

/**
 * Finds PII and secrets in `text`. Offsets are UTF-16, end exclusive; the result is sorted and
 * non-overlapping. Without `minScore` every candidate is returned, also the weak ones (a rule that
 * wants context words, none near); see the README for the score scale.
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
	const min = options.minScore ?? 0;
	const custom = customRules(options);
	// the plan's rules, then the custom patterns that run natively (their plan is new on each call)
	const out = scanRules(text, plan, min);
	if (custom.native.length > 0) append(out, scanRules(text, custom.plan, min));
	append(out, detectProse(text, { entities: options.entities, alsoRedact: options.alsoRedact }));
	runCustom(text, options, custom, out);
	return resolveOverlaps(min > 0 ? out.filter((d) => (d.score ?? 0) >= min) : out);
}

/** Runs exactly the given rules (used by the rule-sample tests and by tooling). */
export function detectWithRules(text: string, rules: readonly RedactionRule[], minScore = 0): Detection[] {
	return detectWithPlan(text, cachedPlan(rules), minScore, true);
}

/** Like detectWithRules, without the derived gates (every rule runs on every text): the reference they are tested against. */
export function detectPlain(text: string, rules: readonly RedactionRule[], minScore = 0): Detection[] {
	return detectWithPlan(text, cachedPlan(rules), minScore, false);
}

/** Plans of rule arrays passed again (same array, same rule objects), so repeated calls do not recompile. */
const plans = new WeakMap<readonly RedactionRule[], { rules: RedactionRule[]; plan: Plan }>();

function cachedPlan(rules: readonly RedactionRule[]): Plan {
	const hit = plans.get(rules);
	if (hit && hit.rules.length === rules.length && hit.rules.every((r, i) => r === rules[i])) return hit.plan;
	const plan = buildPlan(rules);
	plans.set(rules, { rules: [...rules], plan });
	return plan;
}

function detectWithPlan(text: string, plan: Plan, minScore: number, gates: boolean): Detection[] {
	const out = scanRules(text, plan, minScore, gates);
	return resolveOverlaps(minScore > 0 ? out.filter((d) => (d.score ?? 0) >= minScore) : out);
}
