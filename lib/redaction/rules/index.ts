/**
 * The rule table, derived from every family file: each exported array of rules is collected,
 * so a rule added to a family file cannot be forgotten here. A test checks that every file in
 * this folder is imported and that ids are unique.
 */
import { createHash } from 'node:crypto';
import type { RedactionRule } from '../types';
import * as apac from './apac';
import * as contact from './contact';
import * as date from './date';
import * as eu from './eu';
import * as financial from './financial';
import * as network from './network';
import * as phone from './phone';
import * as secrets from './secrets';
import * as uk from './uk';
import * as us from './us';

/** Family name → module; the test compares these names with the files on disk. */
export const RULE_FAMILIES: Record<string, Record<string, unknown>> = {
	apac, contact, date, eu, financial, network, phone, secrets, uk, us,
};

function isRule(value: unknown): value is RedactionRule {
	return typeof value === 'object' && value !== null && 'id' in value && 'pattern' in value && 'entity' in value;
}

function collect(): RedactionRule[] {
	const out: RedactionRule[] = [];
	for (const mod of Object.values(RULE_FAMILIES)) {
		for (const value of Object.values(mod)) {
			if (Array.isArray(value) && value.every(isRule)) out.push(...value);
		}
	}
	return out;
}

/** Every built-in rule, in family order. */
export const RULES: readonly RedactionRule[] = Object.freeze(collect());

/** Every built-in entity name. */
export const BUILT_IN_ENTITIES: readonly string[] = Object.freeze([...new Set(RULES.map((r) => r.entity))].sort());

/** Changes whenever a rule's id, entity, pattern, score or context words change. */
export const RULE_SET_VERSION: string = (() => {
	const h = createHash('sha256');
	for (const r of RULES) {
		h.update(`${r.id}\u0000${r.entity}\u0000${r.pattern.source}\u0000${r.pattern.flags}\u0000${r.score}\u0000${(r.keywords ?? []).join(',')}\u0000${r.requiresContext ? 1 : 0}\n`);
	}
	return `1.${h.digest('hex').slice(0, 12)}`;
})();

/** True for the `SECRET_*` entities (credentials, keys, tokens). */
export function isSecretEntity(entity: string): boolean {
	return entity.startsWith('SECRET_');
}
