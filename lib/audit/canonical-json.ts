import { GovernanceError, GovernanceErrorCode } from '../errors/governance-error';

/** A value that survives a JSON round trip unchanged. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

const MAX_DEPTH = 256;
/** Matches a lone surrogate only: with the `u` flag a valid pair is one code point. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

function fail(message: string, path: string): never {
	throw new GovernanceError(GovernanceErrorCode.InvalidInput, `${message} at ${path || '(root)'}`, {
		hint: 'Audit events must be I-JSON (RFC 7493): finite numbers, well-formed strings, no cycles.',
	});
}

/** Strings that need no escaping at all: no quote, backslash, control character or surrogate. */
const PLAIN_STRING = /^[^"\\\u0000-\u001f\ud800-\udfff]*$/;

function serializeString(value: string, path: string): string {
	if (PLAIN_STRING.test(value)) return `"${value}"`;
	const out = JSON.stringify(value);
	// JSON.stringify escapes lone surrogates as \udXXX; I-JSON (required by RFC 8785) forbids them.
	if (out.indexOf('\\ud') !== -1 && LONE_SURROGATE.test(value)) fail('Lone surrogate in string', path);
	return out;
}

/**
 * True when JSON.stringify(value) is already the canonical form: every object is a plain object
 * whose keys are in strictly ascending code-unit order (so V8's integer-key ordering cannot
 * interfere), numbers are finite, and there is nothing JSON.stringify would drop or convert.
 */
function isStringifyReady(value: unknown, depth: number): boolean {
	switch (typeof value) {
		case 'string':
		case 'boolean':
			return true;
		case 'number':
			return Number.isFinite(value);
		case 'object':
			break;
		default:
			return false;
	}
	if (value === null) return true;
	if (depth > MAX_DEPTH) return false;
	if (Array.isArray(value)) {
		for (let i = 0; i < value.length; i++) if (!isStringifyReady(value[i], depth + 1)) return false;
		return true;
	}
	const proto = Object.getPrototypeOf(value);
	if (proto !== Object.prototype && proto !== null) return false;
	const keys = Object.keys(value as object);
	for (let i = 0; i < keys.length; i++) {
		if (i > 0 && !(keys[i - 1] < keys[i])) return false;
		if (!isStringifyReady((value as Record<string, unknown>)[keys[i]], depth + 1)) return false;
	}
	return true;
}

function serialize(value: unknown, depth: number, path: string): string | undefined {
	switch (typeof value) {
		case 'string':
			return serializeString(value, path);
		case 'number':
			if (!Number.isFinite(value)) fail('Non-finite number', path);
			// ECMAScript Number::toString is exactly the RFC 8785 number format (and -0 becomes "0").
			return String(value);
		case 'boolean':
			return value ? 'true' : 'false';
		case 'undefined':
		case 'function':
		case 'symbol':
			return undefined;
		case 'bigint':
			return fail('BigInt is not JSON', path);
		default:
			break;
	}
	if (value === null) return 'null';
	if (depth > MAX_DEPTH) fail('Nesting too deep (or cyclic)', path);
	if (isStringifyReady(value, depth)) {
		// Same text as the slow path below, produced natively; a lone surrogate sends us to the slow path.
		const out = JSON.stringify(value);
		if (out.indexOf('\\ud') === -1) return out;
	}
	const obj = value as { toJSON?: () => unknown };
	if (typeof obj.toJSON === 'function') return serialize(obj.toJSON(), depth + 1, path);
	if (Array.isArray(value)) {
		let out = '[';
		for (let i = 0; i < value.length; i++) {
			if (i > 0) out += ',';
			out += serialize(value[i], depth + 1, `${path}[${i}]`) ?? 'null';
		}
		return out + ']';
	}
	const record = value as Record<string, unknown>;
	// Default sort compares UTF-16 code units, which is what RFC 8785 section 3.2.3 requires.
	const keys = Object.keys(record).sort();
	let out = '{';
	let first = true;
	for (const key of keys) {
		const member = serialize(record[key], depth + 1, `${path}.${key}`);
		if (member === undefined) continue;
		if (!first) out += ',';
		first = false;
		out += serializeString(key, path) + ':' + member;
	}
	return out + '}';
}

/**
 * Serialises a JSON value per RFC 8785 (JSON Canonicalization Scheme): members sorted by UTF-16 code
 * units, ECMAScript number formatting, minimal string escaping, no whitespace. Like JSON.stringify,
 * object members whose value is undefined, a function or a symbol are left out (null in arrays), so
 * `canonicalize(x) === canonicalize(JSON.parse(JSON.stringify(x)))`.
 * @throws GovernanceError (INVALID_INPUT) on NaN/Infinity, BigInt, lone surrogates or nesting deeper than 256.
 */
export function canonicalize(value: unknown): string {
	const out = serialize(value, 0, '');
	if (out === undefined) fail('Value is not JSON', '');
	return out;
}

/**
 * Canonical form of each top-level member of a plain object, keyed by member name, in canonical
 * order. Lets a caller build the canonical form of the object with and without some members
 * without serialising the rest twice.
 */
export function canonicalMembers(value: Record<string, unknown>): Array<[string, string]> {
	const keys = Object.keys(value).sort();
	const members: Array<[string, string]> = [];
	for (const key of keys) {
		const member = serialize(value[key], 1, `.${key}`);
		if (member !== undefined) members.push([key, serializeString(key, '') + ':' + member]);
	}
	return members;
}

/** Joins members from {@link canonicalMembers}, leaving out the one named `skip`. */
export function joinCanonicalMembers(members: Array<[string, string]>, skip?: string): string {
	let out = '{';
	let first = true;
	for (const [key, text] of members) {
		if (key === skip) continue;
		if (!first) out += ',';
		first = false;
		out += text;
	}
	return out + '}';
}


/**
 * The candidate canonical texts of an event, with and without its `skip` member, built in one pass
 * assuming the value is already in canonical order (what our signer emits) without checking nested
 * objects: nested values go straight through JSON.stringify. Only a MAC match makes them
 * trustworthy; fall back to {@link canonicalMembers} otherwise. Undefined when the top level is out
 * of order or a value cannot be written.
 */
export function candidateTexts(value: Record<string, unknown>, skip: string): { withSkipped: string; withoutSkipped: string } | undefined {
	let all = '{';
	let rest = '{';
	let previous = '';
	try {
		for (const key in value) {
			if (!Object.prototype.hasOwnProperty.call(value, key)) continue;
			if (previous !== '' && !(previous < key)) return undefined;
			previous = key;
			const item = value[key];
			let text: string | undefined;
			if (typeof item === 'string') text = PLAIN_STRING.test(item) ? `"${item}"` : JSON.stringify(item);
			else if (typeof item === 'number') text = Number.isFinite(item) ? String(item) : undefined;
			else text = JSON.stringify(item);
			if (text === undefined) return undefined;
			const member = `${PLAIN_STRING.test(key) ? `"${key}"` : JSON.stringify(key)}:${text}`;
			all += all.length === 1 ? member : `,${member}`;
			if (key !== skip) rest += rest.length === 1 ? member : `,${member}`;
		}
	} catch {
		return undefined;
	}
	return { withSkipped: `${all}}`, withoutSkipped: `${rest}}` };
}
