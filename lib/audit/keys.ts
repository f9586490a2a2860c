import { GovernanceError, GovernanceErrorCode } from '../errors/governance-error';
import { hmacSha256Hex, sha256Hex } from './crypto';
import type { AuditKey } from './crypto';

/** Label mixed into the profile secret to derive the audit key (domain separation from approval links). */
export const AUDIT_DERIVATION_DOMAIN = 'n8n-governance/audit-signing-key/v1';
/** Prefix of derived key ids: `gp-` + the first 12 hex of SHA-256(derived secret). */
export const AUDIT_KEY_ID_PREFIX = 'gp-';

/**
 * The audit signing key of a Governance Profile: secret = hex HMAC-SHA256(profile signing secret,
 * {@link AUDIT_DERIVATION_DOMAIN}); id = `gp-` + first 12 hex of SHA-256(secret). Auditors get the derived
 * secret (never the profile secret, which also signs approval links). A new profile secret gives a new
 * key id, so rotated keys sit side by side in a key file.
 * @throws GovernanceError (INVALID_CONFIGURATION) when the profile secret is empty.
 */
export function deriveAuditKey(profileSecret: string): AuditKey & { secret: string } {
	if (typeof profileSecret !== 'string' || profileSecret === '') {
		throw new GovernanceError(GovernanceErrorCode.InvalidConfiguration, 'The Governance Profile has no signing secret to derive the audit key from', {
			hint: 'Set the signing secret of the Governance Profile (e.g. openssl rand -base64 32).',
		});
	}
	const secret = hmacSha256Hex(profileSecret, AUDIT_DERIVATION_DOMAIN);
	return { id: AUDIT_KEY_ID_PREFIX + sha256Hex(secret).slice(0, 12), secret };
}
