/**
 * A plan: the rules of one entity selection, each compiled once. Everything the engine uses to go
 * fast is derived here from the rule rows (their patterns and context words); no row carries a hint.
 */
import { GovernanceError, GovernanceErrorCode } from '../errors/governance-error';
import { keywordRegex } from './context';
import { requiredLiterals } from './literals';
import type { Need } from './literals';
import type { RedactionRule } from './types';
import { BUILT_IN_ENTITIES, RULES } from './rules';

export interface CompiledRule {
	rule: RedactionRule;
	/** The rule's pattern as a global regex (with `d` when a group is reported). */
	re: RegExp;
	/** Derived: strings of which every match holds one, and how far from its start (see literals.ts); undefined: none known. */
	need: Need | undefined;
	/** The literals are compared with the lower-cased text (the pattern ignores case). */
	folded: boolean;
	/** Context words as one regex (see context.ts); undefined when the rule has none. */
	keywords: RegExp | undefined;
	/**
	 * Derived: each context word up to its first space. When a word is near a match, one of these is
	 * in the lower-cased text (a part never straddles the space joining the two sides of the context).
	 */
	heads: string[] | undefined;
}

export interface Plan {
	rules: CompiledRule[];
}

export function compileRule(rule: RedactionRule): CompiledRule {
	const p = rule.pattern;
	let flags = p.flags.includes('g') ? p.flags : `${p.flags}g`;
	if (rule.group !== undefined && !flags.includes('d')) flags += 'd';
	const re = new RegExp(p.source, flags.replace('y', ''));
	const kw = rule.keywords && rule.keywords.length > 0 ? keywordRegex(rule.keywords) : undefined;
	const heads = rule.keywords && rule.keywords.length > 0 ? [...new Set(rule.keywords.map((w) => w.split(' ')[0]))] : undefined;
	return { rule, re, need: requiredLiterals(p), folded: p.flags.includes('i'), keywords: kw, heads };
}

export function buildPlan(rules: readonly RedactionRule[]): Plan {
	return { rules: rules.map(compileRule) };
}

const knownEntities = new Set(BUILT_IN_ENTITIES);
const planCache = new Map<string, Plan>();

/** The plan of an entity selection (undefined: every built-in rule), cached by the selection. */
export function planFor(entities: string[] | undefined, extra: Set<string>): Plan {
	const key = entities ? [...new Set(entities)].sort().join(',') : '*';
	if (entities) {
		const unknown = entities.filter((e) => !knownEntities.has(e) && !extra.has(e));
		if (unknown.length > 0) {
			throw new GovernanceError(GovernanceErrorCode.InvalidInput, `Unknown entity name(s): ${unknown.join(', ')}.`, {
				hint: `Use built-in names (${BUILT_IN_ENTITIES.join(', ')}) or the entity of a custom pattern / deny list.`,
				details: { unknown },
			});
		}
	}
	let plan = planCache.get(key);
	if (plan) return plan;
	const wanted = entities ? new Set(entities) : undefined;
	plan = buildPlan(wanted ? RULES.filter((r) => wanted.has(r.entity)) : RULES);
	if (planCache.size > 64) planCache.clear();
	planCache.set(key, plan);
	return plan;
}
