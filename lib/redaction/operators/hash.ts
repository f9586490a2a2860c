import { createHmac } from 'node:crypto';

/** Hex characters of the HMAC kept in the pseudonym (48 bits). */
export const PSEUDONYM_HEX_CHARS = 12;

/**
 * Stable pseudonym `<ENTITY_h:3fa9c1d2e4b5>`: HMAC-SHA256(key, entity NUL value), first 12 hex chars.
 * The same key and value give the same pseudonym in every call; without the key it cannot be linked back.
 */
export function pseudonym(entity: string, value: string, key: Uint8Array): string {
	const mac = createHmac('sha256', key).update(`${entity}\u0000${value}`, 'utf8').digest('hex');
	return `<${entity}_h:${mac.slice(0, PSEUDONYM_HEX_CHARS)}>`;
}
