import { GovernanceError, GovernanceErrorCode } from '../errors/governance-error';

const cache = new Map<string, RegExp | null>();

function escape(term: string): string {
	return term.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/**
 * One combined, escaped alternation for all terms (longest first), whole-word and
 * case-insensitive: `(?<![\p{L}\p{N}_])(?:t1|t2|…)(?![\p{L}\p{N}_])`. Cached per term list.
 */
export function compileDenyList(terms: readonly string[]): RegExp | null {
	const key = terms.join('\u0000');
	if (cache.has(key)) return cache.get(key) ?? null;
	const clean: string[] = [];
	for (const t of terms) {
		if (typeof t !== 'string') {
			throw new GovernanceError(GovernanceErrorCode.InvalidInput, `Deny-list terms must be strings, got ${typeof t}.`, {
				hint: 'Pass the deny list as an array of words or phrases.',
			});
		}
		const trimmed = t.trim();
		if (trimmed !== '') clean.push(trimmed);
	}
	const unique = [...new Set(clean.map((t) => t.toLowerCase()))].sort((a, b) => b.length - a.length);
	const re = unique.length === 0 ? null : new RegExp(`(?<![\\p{L}\\p{N}_])(?:${unique.map(escape).join('|')})(?![\\p{L}\\p{N}_])`, 'giu');
	if (cache.size > 64) cache.clear();
	cache.set(key, re);
	return re;
}
