import type { IsSecret } from '../../lib/audit';
import { defaultIsSecret } from '../../lib/audit';
import { BUILT_IN_ENTITIES, detect, isSecretEntity } from '../../lib/redaction';

/** The redaction engine's SECRET_* entities: API keys, tokens, private keys, credentials in URLs, … */
const SECRET_ENTITIES: string[] = BUILT_IN_ENTITIES.filter(isSecretEntity);

/**
 * The sanitiser hook of audit events: the audit engine's built-in shapes, plus anything the redaction
 * engine detects as a SECRET_* entity. A string is masked whole, never partly kept.
 */
export const auditIsSecret: IsSecret = (value) =>
	defaultIsSecret(value) || (value.length >= 8 && detect(value, { entities: SECRET_ENTITIES }).length > 0);
