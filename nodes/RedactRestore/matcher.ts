import type { INode } from 'n8n-workflow';
import { NodeOperationError, safeRegex } from 'n8n-workflow';
import type { CustomPattern, PatternMatcher } from '../../lib/redaction';

/** n8n-workflow's safe regex engine stops a pattern after this long (not configurable). */
export const SAFE_REGEX_TIMEOUT_MS = 250;

/**
 * The engine's matcher for user-written patterns: each runs in n8n's vm-sandboxed regex engine, which
 * stops it after 250 ms, so a catastrophic pattern fails the item instead of hanging n8n.
 * Messages name the entity and the pattern, never the text it ran on.
 */
export function safeMatcher(node: INode, patterns: readonly CustomPattern[]): PatternMatcher {
	const entityOf = new Map<string, string>();
	for (const p of patterns) {
		try {
			// The engine compiles string patterns the same way, so the sources match (compiling runs nothing).
			entityOf.set(typeof p.pattern === 'string' ? new RegExp(p.pattern).source : p.pattern.source, p.entity);
		} catch {
			// The engine reports patterns that do not compile, before any matcher call.
		}
	}
	return (pattern, text) => {
		let matches: RegExpMatchArray[];
		try {
			matches = safeRegex.matchAll(pattern.source, text, pattern.flags);
		} catch (error) {
			const entity = entityOf.get(pattern.source) ?? 'a custom entity';
			const timedOut = /timed out/i.test((error as Error).message ?? '');
			throw new NodeOperationError(
				node,
				timedOut
					? `Custom pattern for ${entity} (/${pattern.source}/) was stopped after ${SAFE_REGEX_TIMEOUT_MS} ms: it backtracks catastrophically on this item's text`
					: `Custom pattern for ${entity} (/${pattern.source}/) could not run: ${(error as Error).message}`,
				{
					description: timedOut
						? 'Rewrite the pattern without nested or overlapping repetition, e.g. "a+$" instead of "(a+)+$", and bound repetitions ({1,64}).'
						: 'Check the pattern and its flags.',
				},
			);
		}
		const spans: Array<{ start: number; end: number }> = [];
		for (const m of matches) {
			const start = m.index ?? 0;
			spans.push({ start, end: start + m[0].length });
		}
		return spans;
	};
}
