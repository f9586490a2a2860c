/**
 * Redaction engine: detection of PII and secrets (a rule table with checksum validators),
 * operators (placeholder, mask, HMAC pseudonym, remove, reversible token with an encrypted map),
 * restore, and an object-level helper. Pure: imports only node:crypto.
 */
export type {
	CustomPattern,
	Detection,
	DetectOptions,
	OperatorConfig,
	OperatorName,
	PatternMatcher,
	RedactionReport,
	RedactionRule,
	RedactOptions,
	RedactResult,
	RestoreResult,
} from './types';
export { detectWithRules, resolveOverlaps, CONTEXT_BOOST, DEFAULT_MIN_SCORE, NO_CONTEXT_FACTOR } from './detect';
export { customPatternRunsNatively } from './custom';
export { detect, normalizedView } from './normalize';
export type { NormalizedView } from './normalize';
export { redact } from './redact';
export { restore } from './restore';
export { redactObject, restoreObject } from './object-walk';
export type { RedactObjectOptions, RedactObjectResult } from './object-walk';
export { encryptMap, decryptMap, openEncryptedMap, OpenedMap, MIN_SECRET_BYTES } from './crypto-map';
export { PlaceholderNumbering } from './operators/numbering';
export type { PlaceholderMap } from './crypto-map';
export { RULES, BUILT_IN_ENTITIES, RULE_SET_VERSION, RULE_FAMILIES, isSecretEntity } from './rules';
export { GENERIC_SECRET_MIN_ENTROPY } from './rules/secrets';
export { PROSE_ENTITIES, PROSE_DEFAULT_ENTITIES, OFF_BY_DEFAULT, detectProse } from './prose';
export type { ProseOptions } from './prose';
export { maskValue } from './operators/mask';
export { pseudonym, PSEUDONYM_HEX_CHARS } from './operators/hash';
export * as validators from './validators';
