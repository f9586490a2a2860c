import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { GovernanceError, GovernanceErrorCode } from '../errors/governance-error';

/** Placeholder → original value, as produced by the reversible `token` operator. */
export type PlaceholderMap = Record<string, string>;

const SALT = Buffer.from('n8n-nodes-governance/redaction', 'utf8');
const INFO = Buffer.from('reversible-map/v1', 'utf8');
const AAD = Buffer.from('v1', 'utf8');
export const MIN_SECRET_BYTES = 16;

function toBytes(secret: string | Uint8Array | undefined, purpose: string): Buffer {
	const bytes = typeof secret === 'string' ? Buffer.from(secret, 'utf8') : secret instanceof Uint8Array ? Buffer.from(secret) : undefined;
	if (!bytes || bytes.length < MIN_SECRET_BYTES) {
		throw new GovernanceError(GovernanceErrorCode.InvalidConfiguration, `The ${purpose} secret is missing or shorter than ${MIN_SECRET_BYTES} bytes.`, {
			hint: `Set a random secret of at least ${MIN_SECRET_BYTES} bytes (32 recommended) in the governance credential.`,
		});
	}
	return bytes;
}

/** Raw key bytes of a caller secret, validated for length (shared with the hash operator). */
export function secretBytes(secret: string | Uint8Array | undefined, purpose: string): Buffer {
	return toBytes(secret, purpose);
}

function deriveKey(secret: string | Uint8Array | undefined): Buffer {
	return Buffer.from(hkdfSync('sha256', toBytes(secret, 'reversible-redaction'), SALT, INFO, 32));
}

/** AES-256-GCM encryption of the map: `v1.<iv>.<ciphertext>.<tag>`, base64url parts, random 12-byte IV. */
export function encryptMap(map: PlaceholderMap, secret: string | Uint8Array | undefined): string {
	const key = deriveKey(secret);
	const iv = randomBytes(12);
	const cipher = createCipheriv('aes-256-gcm', key, iv);
	cipher.setAAD(AAD);
	const ct = Buffer.concat([cipher.update(JSON.stringify(map), 'utf8'), cipher.final()]);
	return `v1.${iv.toString('base64url')}.${ct.toString('base64url')}.${cipher.getAuthTag().toString('base64url')}`;
}

/** Decrypts a map from encryptMap. Wrong secret or tampering → GovernanceError IntegrityFailure. */
export function decryptMap(encrypted: string, secret: string | Uint8Array | undefined): PlaceholderMap {
	const parts = typeof encrypted === 'string' ? encrypted.split('.') : [];
	if (parts.length !== 4 || parts[0] !== 'v1') {
		throw new GovernanceError(GovernanceErrorCode.InvalidInput, 'The redaction map is not in the v1.<iv>.<ciphertext>.<tag> format.', {
			hint: 'Pass the encryptedMap string returned by redact() unchanged.',
		});
	}
	const key = deriveKey(secret);
	const iv = Buffer.from(parts[1], 'base64url');
	const tag = Buffer.from(parts[3], 'base64url');
	let plain: string;
	try {
		if (iv.length !== 12 || tag.length !== 16) throw new Error('bad iv or tag length');
		const decipher = createDecipheriv('aes-256-gcm', key, iv);
		decipher.setAAD(AAD);
		decipher.setAuthTag(tag);
		plain = Buffer.concat([decipher.update(Buffer.from(parts[2], 'base64url')), decipher.final()]).toString('utf8');
	} catch (error) {
		throw new GovernanceError(GovernanceErrorCode.IntegrityFailure, 'The redaction map could not be decrypted: wrong secret or the map was altered.', {
			hint: 'Use the same secret that redact() used, and store the map exactly as returned.',
			cause: error,
		});
	}
	const parsed: unknown = JSON.parse(plain);
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
		throw new GovernanceError(GovernanceErrorCode.IntegrityFailure, 'The decrypted redaction map is not an object.', {
			hint: 'Pass the encryptedMap string returned by redact() unchanged.',
		});
	}
	return parsed as PlaceholderMap;
}
