import { GovernanceError, GovernanceErrorCode } from '../errors/governance-error';
import { decryptMap } from './crypto-map';
import type { PlaceholderMap } from './crypto-map';
import { PLACEHOLDER_LIKE_RE } from './operators/placeholder';
import type { RestoreResult } from './types';

/** Resolves `map` (encrypted string + secret, or an already decrypted object). */
export function openMap(map: string | PlaceholderMap, secret?: string | Uint8Array): PlaceholderMap {
	if (typeof map === 'string') return decryptMap(map, secret);
	if (typeof map === 'object' && map !== null && !Array.isArray(map)) return map;
	throw new GovernanceError(GovernanceErrorCode.InvalidInput, 'restore() needs the encryptedMap string returned by redact().', {
		hint: 'Pass result.encryptedMap together with the same secret used for redaction.',
	});
}

/** Restores originals in one string; `used` collects the placeholders found. */
export function restoreString(text: string, map: PlaceholderMap, used: Set<string>, unknown: Set<string>): { text: string; restored: number } {
	let restored = 0;
	const re = new RegExp(PLACEHOLDER_LIKE_RE.source, 'g');
	const out = text.replace(re, (token: string) => {
		if (Object.prototype.hasOwnProperty.call(map, token)) {
			used.add(token);
			restored++;
			return map[token];
		}
		unknown.add(token);
		return token;
	});
	return { text: out, restored };
}

/**
 * Puts original values back for placeholders of the (encrypted) map. Never guesses: a mangled
 * placeholder is left as is and reported in `unmatched`, as is every map entry not found in the text.
 */
export function restore(text: string, map: string | PlaceholderMap, secret?: string | Uint8Array): RestoreResult {
	if (typeof text !== 'string') {
		throw new GovernanceError(GovernanceErrorCode.InvalidInput, `restore() needs a string, got ${typeof text}.`, {
			hint: 'Use restoreObject() for objects.',
		});
	}
	const plain = openMap(map, secret);
	const used = new Set<string>();
	const unknown = new Set<string>();
	const r = restoreString(text, plain, used, unknown);
	return { text: r.text, restored: r.restored, unmatched: unmatchedList(plain, used, unknown) };
}

export function unmatchedList(map: PlaceholderMap, used: Set<string>, unknown: Set<string>): string[] {
	const out = Object.keys(map).filter((k) => !used.has(k));
	for (const u of unknown) out.push(u);
	return out;
}
