import { GovernanceError, GovernanceErrorCode } from '../errors/governance-error';

/** One step of a parsed path: an own property name or an array index. */
export type PathSegment = string | number;

const MAX_PATH_LENGTH = 500;

/**
 * Parses `a.b[0].c`, `$.a.b`, `items[2]` or `a["key.with.dots"]` into segments.
 * Throws GovernanceError(InvalidConfiguration) when the path cannot be parsed.
 */
export function parseJsonPath(path: string): PathSegment[] {
	const invalid = (why: string) =>
		new GovernanceError(GovernanceErrorCode.InvalidConfiguration, `JSON path "${String(path).slice(0, 80)}" is invalid: ${why}.`, {
			hint: 'Use a dot path such as "flags.killSwitch" or "data.items[0].enabled".',
		});
	if (typeof path !== 'string' || path.trim() === '') throw invalid('it is empty');
	if (path.length > MAX_PATH_LENGTH) throw invalid('it is too long');
	let rest = path.trim();
	if (rest === '$') throw invalid('it selects the whole document');
	if (rest.startsWith('$.')) rest = rest.slice(2);
	else if (rest.startsWith('$[')) rest = rest.slice(1);
	const segments: PathSegment[] = [];
	const pattern = /^(?:\.?([A-Za-z_$][\w$-]*)|\[(\d+)\]|\["((?:[^"\\]|\\.)*)"\]|\['((?:[^'\\]|\\.)*)'\])/;
	let first = true;
	while (rest.length > 0) {
		if (first && rest.startsWith('.')) throw invalid('it starts with a dot');
		const match = pattern.exec(rest);
		if (match === null) throw invalid(`unexpected text at "${rest.slice(0, 20)}"`);
		if (match[1] !== undefined) segments.push(match[1]);
		else if (match[2] !== undefined) segments.push(Number(match[2]));
		else segments.push((match[3] ?? match[4]).replace(/\\(.)/g, '$1'));
		rest = rest.slice(match[0].length);
		first = false;
	}
	return segments;
}

/** Reads a value by segments using own properties only. `found: false` when any step is missing. */
export function readJsonPath(document: unknown, segments: readonly PathSegment[]): { found: boolean; value?: unknown } {
	let current: unknown = document;
	for (const segment of segments) {
		if (typeof segment === 'number') {
			if (!Array.isArray(current) || segment >= current.length) return { found: false };
			current = current[segment];
		} else {
			if (current === null || typeof current !== 'object' || Array.isArray(current)) return { found: false };
			if (!Object.prototype.hasOwnProperty.call(current, segment)) return { found: false };
			current = (current as Record<string, unknown>)[segment];
		}
	}
	return { found: true, value: current };
}
