/**
 * Context words near a match. The context of a match [start, end) is the lower-cased text of the
 * CONTEXT_BEFORE units before it and the CONTEXT_AFTER units after it, joined by one space. A rule's
 * context word counts where it starts a word there: the unit before it is not a lower-case ASCII
 * letter nor a code >= 0xC0. Words with a space may straddle the joining space.
 */

export const CONTEXT_BEFORE = 48;
export const CONTEXT_AFTER = 24;

/** One regex for a list of context words: any of them, at a word start (stateless: no `g`). */
export function keywordRegex(words: readonly string[]): RegExp {
	const alt = [...words].sort((a, b) => b.length - a.length).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
	return new RegExp(`(?<![a-z\\u00c0-\\uffff])(?:${alt.join('|')})`);
}

/** Lower-cased text around [start, end): what context words are searched in. */
export function contextOf(text: string, start: number, end: number): string {
	return `${text.slice(Math.max(0, start - CONTEXT_BEFORE), start)} ${text.slice(end, end + CONTEXT_AFTER)}`.toLowerCase();
}

/**
 * True when a word of `re` (from keywordRegex) starts a word in the context of [start, end).
 * `lower` is the whole text lower-cased: its slices are the context when the lengths agree.
 */
export function contextNear(re: RegExp, text: string, lower: string, start: number, end: number): boolean {
	if (lower.length !== text.length) return re.test(contextOf(text, start, end));
	return re.test(`${lower.slice(Math.max(0, start - CONTEXT_BEFORE), start)} ${lower.slice(end, end + CONTEXT_AFTER)}`);
}

/** One-off check with an ad-hoc word list (kept for tooling). */
export function hasContextWords(text: string, start: number, end: number, keywords: readonly string[]): boolean {
	return keywordRegex(keywords).test(contextOf(text, start, end));
}
