import type { IExecuteFunctions, INodePropertyOptions } from 'n8n-workflow';
import { GovernanceError, GovernanceErrorCode } from '../../lib/errors/governance-error';
import { splitPathList } from '../../lib/shared/path';
import type { CustomPattern, OperatorConfig, OperatorName, RedactObjectOptions } from '../../lib/redaction';
import { BUILT_IN_ENTITIES, DEFAULT_MIN_SCORE, OFF_BY_DEFAULT, PROSE_ENTITIES, RULE_FAMILIES } from '../../lib/redaction';
import type { KeySource, RedactionKeys } from './keys';
import { safeMatcher } from './matcher';

export type RedactMode = 'block' | 'detectRoute' | 'redact';

/** Entity names the engine and the Audit Emitter accept, and restorable placeholders can carry. */
const ENTITY_NAME = /^[A-Z][A-Z0-9_]{0,63}$/;
const OPERATORS: readonly OperatorName[] = ['hash', 'mask', 'placeholder', 'remove', 'token'];

const ACRONYMS = new Set([
	'ABN', 'ACN', 'API', 'AU', 'AWS', 'BE', 'BSN', 'CPR', 'DE', 'DK', 'ES', 'FI', 'FIN', 'FR', 'IBAN', 'ID', 'IN', 'IP', 'IT', 'ITIN', 'JWT',
	'MAC', 'NHS', 'NIE', 'NIF', 'NINO', 'NIR', 'NL', 'NRIC', 'PAN', 'PESEL', 'PL', 'SE', 'SG', 'SSN', 'SWIFT', 'TFN', 'UK', 'URL', 'US', 'VAT',
]);
const SPELLED: Record<string, string> = { GITHUB: 'GitHub', GITLAB: 'GitLab', OPENAI: 'OpenAI' };

/** "SECRET_AWS_ACCESS_KEY" → "Secret: AWS Access Key", for the entity pickers. */
export function entityLabel(entity: string): string {
	const words = entity.split('_').map((w) => SPELLED[w] ?? (ACRONYMS.has(w) ? w : w.charAt(0) + w.slice(1).toLowerCase()));
	return entity.startsWith('SECRET_') ? `Secret: ${words.slice(1).join(' ')}` : words.join(' ');
}

/** Every entity the node offers: the rule table's and the prose recognizers'. */
export const ALL_ENTITIES: readonly string[] = [...new Set([...BUILT_IN_ENTITIES, ...PROSE_ENTITIES])].sort();

/** Family of an entity for the pickers (n8n's multi-select has no groups): its rule file, or "Names and places". */
const FAMILY_LABEL: Record<string, string> = {
	apac: 'Asia-Pacific ID', contact: 'Contact', date: 'Date', eu: 'EU ID', financial: 'Financial', network: 'Network',
	phone: 'Contact', secrets: 'Secret', uk: 'UK ID', us: 'US ID',
};
export function entityFamily(entity: string): string {
	if (PROSE_ENTITIES.includes(entity)) return 'Names and places';
	for (const [family, mod] of Object.entries(RULE_FAMILIES)) {
		for (const value of Object.values(mod)) {
			if (Array.isArray(value) && value.some((r) => (r as { entity?: string })?.entity === entity)) return FAMILY_LABEL[family] ?? family;
		}
	}
	return 'Other';
}

/** The entities as multiOptions, sorted by label (the lint wants sorted options); the description names the family. */
export const ENTITY_OPTIONS: INodePropertyOptions[] = ALL_ENTITIES.map((entity) => ({
	name: entityLabel(entity),
	value: entity,
	description: `${entityFamily(entity)}, placeholder &lt;${entity}_1&gt;${OFF_BY_DEFAULT.includes(entity) ? ', off unless selected' : ''}`,
})).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

function invalid(message: string, hint: string): GovernanceError {
	return new GovernanceError(GovernanceErrorCode.InvalidConfiguration, message, { hint });
}

/** "a, b\nc" → ['a', 'b', 'c'] (empty entries dropped). */
export function splitList(value: unknown): string[] {
	return String(value ?? '')
		.split(/[,\n]/)
		.map((s) => s.trim())
		.filter((s) => s !== '');
}

function operatorConfig(type: unknown, keep: unknown, char: string | undefined, where: string): OperatorConfig {
	if (!OPERATORS.includes(type as OperatorName)) {
		throw invalid(`Unknown operator "${String(type)}" for ${where}.`, `Choose one of: ${OPERATORS.join(', ')}.`);
	}
	const config: OperatorConfig = { type: type as OperatorName };
	if (config.type === 'mask') {
		const n = Number(keep ?? 4);
		if (!Number.isInteger(n) || n < 0 || n > 64) throw invalid(`Keep Last for ${where} must be a whole number from 0 to 64.`, 'Enter e.g. 4.');
		config.keep = n;
		if (char !== undefined && char !== '') config.char = char;
	}
	return config;
}

interface OverrideEntry {
	entity?: string;
	operator?: string;
	keepLast?: number;
}

interface PatternEntry {
	entity?: string;
	pattern?: string;
	ignoreCase?: boolean;
}

export interface RedactSettings {
	mode: RedactMode;
	options: RedactObjectOptions;
	/** Whether `options` use the hash or token operator, i.e. need keys. */
	needsKeys: boolean;
	keySource: KeySource;
}

/**
 * Reads the Redact parameters of one item into engine options. Detect and Block only look, so they use
 * placeholders and never need a key. Every problem is a configuration error naming the parameter.
 */
export function readRedactSettings(context: IExecuteFunctions, i: number): RedactSettings {
	const mode = context.getNodeParameter('mode', i, 'redact') as RedactMode;
	const extra = context.getNodeParameter('options', i, {}) as { denyListEntity?: string; maskChar?: string; minScore?: number; alsoRedact?: unknown };
	const options: RedactObjectOptions = {};

	if (context.getNodeParameter('fieldScope', i, 'all') === 'paths') {
		const paths = splitPathList(context.getNodeParameter('paths', i, ''));
		if (paths.length === 0) throw invalid('Fields to Redact is empty.', 'List paths such as "body.text, messages.*.content", or choose All String Fields.');
		options.paths = paths;
	}
	const entities = context.getNodeParameter('entities', i, []) as string[];
	const customEntries = ((context.getNodeParameter('customPatterns', i, {}) as { patterns?: PatternEntry[] }).patterns ?? []);
	const customPatterns: CustomPattern[] = customEntries.map((p, k) => {
		const entity = String(p.entity ?? '').trim();
		if (!ENTITY_NAME.test(entity)) {
			throw invalid(`Custom pattern ${k + 1}: entity name "${entity}" is not usable.`, 'Use upper-case letters, digits and "_", starting with a letter, e.g. EMPLOYEE_ID.');
		}
		if (String(p.pattern ?? '') === '') throw invalid(`Custom pattern ${k + 1} (${entity}) has no pattern.`, 'Enter a JavaScript regular expression without slashes, e.g. EMP-\\d{6}.');
		return { entity, pattern: String(p.pattern), flags: p.ignoreCase ? 'i' : '' };
	});
	const denyList = splitList(context.getNodeParameter('denyList', i, ''));
	const denyListEntity = String(extra.denyListEntity ?? '').trim() || 'DENY_LIST';
	if (!ENTITY_NAME.test(denyListEntity)) {
		throw invalid(`Deny list entity name "${denyListEntity}" is not usable.`, 'Use upper-case letters, digits and "_", e.g. PROJECT_NAME.');
	}
	const known = new Set<string>([...ALL_ENTITIES, 'KNOWN_VALUE', ...customPatterns.map((p) => p.entity), ...(denyList.length > 0 ? [denyListEntity] : [])]);
	// Empty = every built-in entity, so rules added to the engine later are covered without editing the workflow.
	// Custom patterns and the deny list always run.
	if (entities.length > 0) options.entities = [...entities];
	if (denyList.length > 0) {
		options.denyList = denyList;
		options.denyListEntity = denyListEntity;
	}
	if (customPatterns.length > 0) {
		options.customPatterns = customPatterns;
		options.matcher = safeMatcher(context.getNode(), customPatterns);
	}
	// Unset: the default (context-less weak values are not redacted, as before weak scores existed); 0: every candidate.
	const minScore = extra.minScore ?? DEFAULT_MIN_SCORE;
	if (minScore > 0) options.minScore = minScore;
	const alsoRedact = knownValues(extra.alsoRedact);
	if (alsoRedact.length > 0) options.alsoRedact = alsoRedact;

	if (mode !== 'redact') return { mode, options: { ...options, operator: 'placeholder' }, needsKeys: false, keySource: 'none' };

	const maskChar = extra.maskChar;
	options.operator = operatorConfig(context.getNodeParameter('operator', i, 'token'), context.getNodeParameter('keepLast', i, 4), maskChar, 'every entity');
	const overrides = ((context.getNodeParameter('operatorOverrides', i, {}) as { overrides?: OverrideEntry[] }).overrides ?? []);
	if (overrides.length > 0) options.operators = {};
	for (const o of overrides) {
		const entity = String(o.entity ?? '').trim();
		if (!known.has(entity)) {
			throw invalid(`Operator override for unknown entity "${entity}".`, 'Use a built-in entity name (e.g. EMAIL_ADDRESS), a custom pattern entity or the deny list entity.');
		}
		options.operators![entity] = operatorConfig(o.operator, o.keepLast, maskChar, entity);
	}
	const used = [options.operator, ...Object.values(options.operators ?? {})] as OperatorConfig[];
	const needsKeys = used.some((op) => op.type === 'hash' || op.type === 'token');
	const keySource = context.getNodeParameter('keySource', i, 'redactionKey') as KeySource;
	if (needsKeys && keySource === 'none') {
		throw invalid(
			'The Reversible Token and Hash operators need a key, but Key Source is None.',
			'Set Key Source to Redaction Key or Governance Profile, or use Placeholder, Mask or Remove.',
		);
	}
	return { mode, options, needsKeys, keySource };
}

/**
 * "Also Redact Values": an expression giving a list (`{{ [$json.customer.name, $json.customer.street] }}`)
 * or a text with one value a line. Numbers count as text; empty entries, null and objects are dropped.
 */
export function knownValues(value: unknown): string[] {
	const list = Array.isArray(value) ? value : typeof value === 'string' ? value.split('\n') : value === undefined || value === null ? [] : [value];
	return list
		.filter((v) => typeof v === 'string' || typeof v === 'number')
		.map((v) => String(v).trim())
		.filter((v) => v !== '');
}

/** Engine options with the key material of the run. */
export function withKeys(options: RedactObjectOptions, keys: RedactionKeys | undefined): RedactObjectOptions {
	return keys ? { ...options, secret: keys.mapSecret, hmacKey: keys.hmacKey } : options;
}
