import { GovernanceError, GovernanceErrorCode } from '../errors/governance-error';
import { OpenedMap, openEncryptedMap } from './crypto-map';
import type { PlaceholderMap } from './crypto-map';
import { PLACEHOLDER_LIKE_RE, parsePlaceholder } from './operators/placeholder';
import type { RestoreResult } from './types';

/** Resolves `map` (encrypted string + secret, an opened map, or a plain placeholder → value object). */
export function openMap(map: string | PlaceholderMap | OpenedMap, secret?: string | Uint8Array): OpenedMap {
	if (typeof map === 'string') return openEncryptedMap(map, secret);
	if (map instanceof OpenedMap) return map;
	if (typeof map === 'object' && map !== null && !Array.isArray(map)) return new OpenedMap(map);
	throw new GovernanceError(GovernanceErrorCode.InvalidInput, 'restore() needs the encryptedMap string returned by redact().', {
		hint: 'Pass result.encryptedMap together with the same secret used for redaction.',
	});
}

/** What restoring one value met: placeholders used, unknown ones, and ones of another item of the run. */
export class RestoreTally {
	readonly used = new Set<string>();
	readonly unknown = new Set<string>();
	readonly otherItem = new Set<string>();
	restored = 0;

	constructor(readonly map: OpenedMap) {}

	/** Placeholders of the map missing from the text, then placeholder-like tokens the map does not know. */
	unmatched(): string[] {
		const out = Object.keys(this.map.entries).filter((k) => !this.used.has(k));
		for (const u of this.unknown) out.push(u);
		return out;
	}

	/**
	 * Fails closed when the text holds a placeholder the run issued for another item: the map does
	 * not belong to this text, and another item's values must not be written into it.
	 */
	check(): void {
		if (this.otherItem.size === 0) return;
		const list = [...this.otherItem].slice(0, 5).join(', ');
		throw new GovernanceError(
			GovernanceErrorCode.IntegrityFailure,
			`The map does not belong to this text: it holds ${list}, which Redact made for another item. Nothing was restored.`,
			{
				hint: 'Restore each item with the map of the item it came from: keep pairedItem through the nodes in between (a Code node that reorders or merges items must set it), or carry redaction.map on the item and use {{ $json.redaction.map }}.',
				details: { otherItem: [...this.otherItem] },
			},
		);
	}
}

/** Restores originals in one string; placeholder-shaped text recorded as verbatim comes back as it is. */
export function restoreString(text: string, tally: RestoreTally): string {
	const { entries, verbatim, issued } = tally.map;
	const re = new RegExp(PLACEHOLDER_LIKE_RE.source, 'g');
	return text.replace(re, (token: string) => {
		if (Object.prototype.hasOwnProperty.call(entries, token)) {
			tally.used.add(token);
			tally.restored++;
			return entries[token];
		}
		if (verbatim.has(token)) return token;
		const p = parsePlaceholder(token);
		if (p && p.n <= (issued[p.entity] ?? 0)) tally.otherItem.add(token);
		else tally.unknown.add(token);
		return token;
	});
}

/**
 * Puts original values back for placeholders of the (encrypted) map. Never guesses: a mangled
 * placeholder is left as is and reported in `unmatched`, as is every map entry not found in the text.
 * A placeholder the run made for another item fails the call (the map belongs to another text).
 */
export function restore(text: string, map: string | PlaceholderMap | OpenedMap, secret?: string | Uint8Array): RestoreResult {
	if (typeof text !== 'string') {
		throw new GovernanceError(GovernanceErrorCode.InvalidInput, `restore() needs a string, got ${typeof text}.`, {
			hint: 'Use restoreObject() for objects.',
		});
	}
	const tally = new RestoreTally(openMap(map, secret));
	const out = restoreString(text, tally);
	tally.check();
	return { text: out, restored: tally.restored, unmatched: tally.unmatched() };
}
