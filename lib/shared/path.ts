import { GovernanceError, GovernanceErrorCode } from '../errors/governance-error';

/**
 * The one field-path syntax of the pack (README, "Field paths"):
 *
 *   customer.email      steps separated by dots
 *   choices.0.text      a step of digits: an index on an array, a key on an object
 *   items[0].note       `[n]` is the same step as `.n`
 *   messages.*.content  `*` (or `[*]`) matches every key of an object and every index of an array
 *   a["first name"]     a quoted key (double or single quotes, `\` escapes) may hold any character
 *   $.flags.halt        an optional leading `$` names the document itself
 *
 * Every step is a name; what it picks depends on the value it is applied to. On an array a step picks the
 * element whose index it spells (`0`, `12`; not `01`), on an object the own property of that name. So
 * `a.0`, `a[0]` and `a["0"]` are one path, and `0` reads `{ "0": … }` and `[…]` alike.
 */

/** The `*` step: every key or index. */
export const ANY_STEP: unique symbol = Symbol('*');
export type PathStep = string | typeof ANY_STEP;

const MAX_PATH_LENGTH = 500;
const INDEX = /^(?:0|[1-9]\d*)$/;
const PATH_HINT =
	'Separate steps with dots: customer.email, choices.0.text or items[0].note; "*" matches every key or index ' +
	'(messages.*.content); quote a name that holds spaces, dots, commas, brackets or quotes: customer["first name"].';

function invalidPath(path: unknown, why: string, hint = PATH_HINT): GovernanceError {
	const shown = typeof path === 'string' ? JSON.stringify(path.length > 80 ? `${path.slice(0, 80)}…` : path) : String(path);
	return new GovernanceError(GovernanceErrorCode.InvalidConfiguration, `Path ${shown} is invalid: ${why}.`, { hint });
}

/** Reads a quoted name starting at `s[start]` (the quote); returns it and the index after the closing quote. */
function readQuoted(path: string, s: string, start: number): [string, number] {
	const quote = s[start];
	let name = '';
	for (let i = start + 1; i < s.length; i++) {
		if (s[i] === '\\' && i + 1 < s.length) name += s[++i];
		else if (s[i] === quote) return [name, i + 1];
		else name += s[i];
	}
	throw invalidPath(path, `the quote at character ${start + 1} is not closed`);
}

/** Reads `[…]` starting at `s[start]`; returns the step and the index after `]`. */
function readBracket(path: string, s: string, start: number): [PathStep, number] {
	if (s[start + 1] === '"' || s[start + 1] === "'") {
		const [name, end] = readQuoted(path, s, start + 1);
		if (s[end] !== ']') throw invalidPath(path, `expected "]" after the quoted name at character ${end + 1}`);
		return [name, end + 1];
	}
	const close = s.indexOf(']', start);
	if (close < 0) throw invalidPath(path, `the "[" at character ${start + 1} is not closed`);
	const inside = s.slice(start + 1, close);
	if (inside === '*') return [ANY_STEP, close + 1];
	if (INDEX.test(inside)) return [inside, close + 1];
	if (/^[+-]?\d+$/.test(inside.trim())) throw invalidPath(path, `"[${inside}]" is not an index: indexes are whole numbers from 0, written without sign, spaces or leading zeros`);
	throw invalidPath(path, `"[${inside}]" holds neither an index nor a quoted name`, `Write ["${inside}"] for a key of that name, or [0] for an index. ${PATH_HINT}`);
}

/** Reads an unquoted name starting at `s[start]`; returns the step and the index after it. */
function readBare(path: string, s: string, start: number): [PathStep, number] {
	let end = start;
	while (end < s.length && s[end] !== '.' && s[end] !== '[') {
		const c = s[end];
		if (c === ']' || c === '"' || c === "'" || c === ',' || /\s/.test(c)) {
			const what = /\s/.test(c) ? 'a space' : `"${c}"`;
			throw invalidPath(path, `${what} at character ${end + 1} is not allowed in an unquoted name`);
		}
		end++;
	}
	const name = s.slice(start, end);
	if (name === '*') return [ANY_STEP, end];
	if (name.includes('*')) throw invalidPath(path, `"*" must be a whole step, and "${name}" holds more`, `Quote a name that holds "*": ["${name}"]. ${PATH_HINT}`);
	return [name, end];
}

/** Parses a path (syntax above) into steps. Throws GovernanceError (InvalidConfiguration) saying what is wrong. */
export function parsePath(path: string): PathStep[] {
	if (typeof path !== 'string' || path.trim() === '') throw invalidPath(path, 'it is empty');
	if (path.length > MAX_PATH_LENGTH) throw invalidPath(path, `it is longer than ${MAX_PATH_LENGTH} characters`);
	const s = path.trim();
	if (s === '$') throw invalidPath(path, 'it names the whole document, not a field in it');
	let i = s.startsWith('$.') ? 2 : s.startsWith('$[') ? 1 : 0;
	const steps: PathStep[] = [];
	let afterDot = i === 2;
	while (i < s.length) {
		let step: PathStep;
		if (s[i] === '.') {
			throw invalidPath(path, i === 0 ? 'it starts with a dot' : `two dots in a row at character ${i + 1}`);
		} else if (s[i] === '[') {
			if (afterDot) throw invalidPath(path, `".[" at character ${i}: write a[0] or a.0, not a.[0]`);
			[step, i] = readBracket(path, s, i);
		} else {
			if (steps.length > 0 && !afterDot) throw invalidPath(path, `expected "." or "[" at character ${i + 1}`);
			[step, i] = readBare(path, s, i);
		}
		steps.push(step);
		afterDot = false;
		if (s[i] === '.') {
			if (i === s.length - 1) throw invalidPath(path, 'it ends with a dot');
			afterDot = true;
			i++;
		}
	}
	if (steps.length === 0) throw invalidPath(path, 'it ends with a dot');
	return steps;
}

/** Parses a path that must name one value: `*` is refused (it matches many). */
export function parseSinglePath(path: string): string[] {
	const steps = parsePath(path);
	if (steps.includes(ANY_STEP)) {
		throw invalidPath(path, '"*" matches many values, and this field reads one', `Name the index or key instead, e.g. items.0.price. ${PATH_HINT}`);
	}
	return steps as string[];
}

/** The child of `value` named `step`: an array element by index, or an own property of an object. */
function child(value: unknown, step: string): { found: boolean; value?: unknown } {
	if (Array.isArray(value)) {
		return INDEX.test(step) && Number(step) < value.length ? { found: true, value: value[Number(step)] } : { found: false };
	}
	if (value === null || typeof value !== 'object' || !Object.prototype.hasOwnProperty.call(value, step)) return { found: false };
	return { found: true, value: (value as Record<string, unknown>)[step] };
}

/** Reads the value at `steps` (own properties only). `found: false` when any step is missing. */
export function readPath(document: unknown, steps: readonly string[]): { found: boolean; value?: unknown } {
	let current: { found: boolean; value?: unknown } = { found: true, value: document };
	for (const step of steps) {
		current = child(current.value, step);
		if (!current.found) return current;
	}
	return current;
}

/** Every value `steps` reaches, `*` expanded, in document order, each with its concrete path. */
export function selectPath(document: unknown, steps: readonly PathStep[]): Array<{ at: string[]; value: unknown }> {
	let matches: Array<{ at: string[]; value: unknown }> = [{ at: [], value: document }];
	for (const step of steps) {
		const next: Array<{ at: string[]; value: unknown }> = [];
		for (const { at, value } of matches) {
			const names = step !== ANY_STEP ? [step] : Array.isArray(value) ? value.map((_, i) => String(i)) : value !== null && typeof value === 'object' ? Object.keys(value) : [];
			for (const name of names) {
				const found = child(value, name);
				if (found.found) next.push({ at: [...at, name], value: found.value });
			}
		}
		matches = next;
	}
	return matches;
}

/** A copy of `document` with the value at `at` (an existing concrete path) replaced; nothing is mutated. */
export function setPath<T>(document: T, at: readonly string[], value: unknown): T {
	const step = (node: unknown, k: number): unknown => {
		if (k === at.length) return value;
		const key = at[k];
		if (!child(node, key).found) throw invalidPath(at.join('.'), `nothing is at step ${k + 1} ("${key}")`);
		if (Array.isArray(node)) {
			const copy = node.slice();
			copy[Number(key)] = step(node[Number(key)], k + 1);
			return copy;
		}
		const object = node as Record<string, unknown>;
		return { ...object, [key]: step(object[key], k + 1) };
	};
	return step(document, 0) as T;
}

/** Writes steps back as a path that parses to the same steps (names quoted when they need it). */
export function formatPath(steps: readonly PathStep[]): string {
	return steps
		.map((step, i) => {
			if (step === ANY_STEP) return i === 0 ? '*' : '.*';
			if (step !== '' && step !== '*' && !/[\s.[\]"',*]/.test(step) && !(i === 0 && step === '$')) return i === 0 ? step : `.${step}`;
			return `["${step.replace(/["\\]/g, '\\$&')}"]`;
		})
		.join('');
}

/** Splits a comma- or newline-separated list of paths; commas inside quotes or brackets stay in their path. */
export function splitPathList(list: unknown): string[] {
	const text = String(list ?? '');
	const out: string[] = [];
	let current = '';
	let quote: string | undefined;
	let depth = 0;
	for (let i = 0; i < text.length; i++) {
		const c = text[i];
		if (quote !== undefined) {
			current += c;
			if (c === '\\' && i + 1 < text.length) current += text[++i];
			else if (c === quote) quote = undefined;
		} else if ((c === ',' || c === '\n') && depth === 0) {
			out.push(current);
			current = '';
		} else {
			if (c === '"' || c === "'") quote = c;
			else if (c === '[') depth++;
			else if (c === ']' && depth > 0) depth--;
			current += c;
		}
	}
	out.push(current);
	return out.map((p) => p.trim()).filter((p) => p !== '');
}
