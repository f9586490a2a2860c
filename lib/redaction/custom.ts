/** User-supplied patterns, the deny list, and overlap resolution of all candidates. */
import { GovernanceError, GovernanceErrorCode } from '../errors/governance-error';
import { compileDenyList } from './deny-list';
import type { CustomPattern, Detection, DetectOptions, PatternMatcher } from './types';

const defaultMatcher: PatternMatcher = (re, text) => {
	const spans: Array<{ start: number; end: number }> = [];
	re.lastIndex = 0;
	for (let m = re.exec(text); m !== null; m = re.exec(text)) {
		if (m[0].length === 0) {
			re.lastIndex++;
			continue;
		}
		spans.push({ start: m.index, end: m.index + m[0].length });
	}
	return spans;
};

function compileCustom(p: CustomPattern): RegExp {
	try {
		if (p.pattern instanceof RegExp) {
			const flags = p.pattern.flags.includes('g') ? p.pattern.flags : p.pattern.flags + 'g';
			return new RegExp(p.pattern.source, flags);
		}
		const flags = [...new Set(`g${p.flags ?? ''}`)].join('');
		return new RegExp(p.pattern, flags);
	} catch (error) {
		throw new GovernanceError(GovernanceErrorCode.InvalidInput, `Custom pattern for ${p.entity} does not compile: ${(error as Error).message}`, {
			hint: 'Write a JavaScript regular expression (without surrounding slashes) and valid flags.',
			cause: error,
		});
	}
}

export function runCustom(text: string, options: DetectOptions, out: Detection[]): void {
	const matcher = options.matcher ?? defaultMatcher;
	for (const p of options.customPatterns ?? []) {
		if (!p || typeof p.entity !== 'string' || p.entity === '') {
			throw new GovernanceError(GovernanceErrorCode.InvalidInput, 'A custom pattern has no entity name.', {
				hint: 'Give every custom pattern an entity, e.g. { entity: "EMPLOYEE_ID", pattern: "EMP-\\\\d{6}" }.',
			});
		}
		const re = compileCustom(p);
		for (const span of matcher(re, text)) {
			if (span.end > span.start) out.push({ entity: p.entity, start: span.start, end: span.end, score: p.score ?? 0.9, ruleId: `custom:${p.entity}` });
		}
	}
	if (options.denyList && options.denyList.length > 0) {
		const re = compileDenyList(options.denyList);
		if (re) {
			const entity = options.denyListEntity ?? 'DENY_LIST';
			re.lastIndex = 0;
			for (let m = re.exec(text); m !== null; m = re.exec(text)) {
				out.push({ entity, start: m.index, end: m.index + m[0].length, score: 1, ruleId: 'deny-list' });
			}
		}
	}
}

/** Keeps the best of overlapping candidates (higher score, then longer span, then earlier); returns them sorted by start. */
export function resolveOverlaps(candidates: Detection[]): Detection[] {
	if (candidates.length <= 1) return candidates.slice();
	const order = candidates.slice().sort((a, b) => (b.score ?? 0) - (a.score ?? 0) || b.end - b.start - (a.end - a.start) || a.start - b.start);
	const kept: Detection[] = [];
	for (const c of order) {
		// kept is sorted by start; find the first kept span starting at or after c.start.
		let lo = 0;
		let hi = kept.length;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if (kept[mid].start < c.start) lo = mid + 1;
			else hi = mid;
		}
		if (lo < kept.length && kept[lo].start < c.end) continue;
		if (lo > 0 && kept[lo - 1].end > c.start) continue;
		kept.splice(lo, 0, c);
	}
	return kept;
}

