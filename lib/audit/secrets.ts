import { GovernanceError, GovernanceErrorCode } from '../errors/governance-error';
import type { JsonValue } from './canonical-json';

/** Decides whether a string is (or contains) a secret. lib/redaction provides a stronger one. */
export type IsSecret = (value: string) => boolean;

/** What a masked value is replaced with. */
export const REDACTED_SECRET = '[REDACTED:SECRET]';

const SECRET_PATTERNS: RegExp[] = [
	/\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/, // AWS access key id
	/\bgh[pousr]_[A-Za-z0-9]{30,}/, // GitHub tokens
	/\bgithub_pat_[A-Za-z0-9_]{30,}/,
	/\bxox[abposre]-[A-Za-z0-9-]{8,}/, // Slack tokens
	/\bsk-[A-Za-z0-9_-]{16,}/, // OpenAI / Anthropic / Stripe style secret keys
	/-----BEGIN [A-Z0-9 ]*-----/, // PEM blocks (private keys)
	/\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/, // JWT
];

/** Built-in check for common credential shapes (AWS, GitHub, Slack, `sk-` keys, PEM, JWT). */
export const defaultIsSecret: IsSecret = (value) => {
	if (value.length < 10) return false;
	for (const pattern of SECRET_PATTERNS) if (pattern.test(value)) return true;
	return false;
};

const MAX_DEPTH = 32;

interface SanitizeState {
	isSecret: IsSecret;
	paths: string[];
}

function invalid(message: string, path: string): never {
	throw new GovernanceError(GovernanceErrorCode.InvalidInput, `${message} at ${path}`, {
		hint: 'Custom audit fields must be plain JSON: strings, finite numbers, booleans, null, arrays, objects.',
	});
}

function sanitizeValue(value: unknown, path: string, depth: number, state: SanitizeState): JsonValue | undefined {
	if (value === null) return null;
	switch (typeof value) {
		case 'string':
			if (state.isSecret(value)) {
				state.paths.push(path);
				return REDACTED_SECRET;
			}
			return value;
		case 'number':
			if (!Number.isFinite(value)) invalid('Non-finite number', path);
			return value;
		case 'boolean':
			return value;
		case 'undefined':
			return undefined;
		case 'object':
			break;
		default:
			return invalid(`Unsupported ${typeof value} value`, path);
	}
	if (depth >= MAX_DEPTH) invalid('Nesting too deep (or cyclic)', path);
	if (value instanceof Date) return value.toISOString();
	if (Array.isArray(value)) {
		return value.map((item, i) => sanitizeValue(item, `${path}[${i}]`, depth + 1, state) ?? null);
	}
	const out: { [key: string]: JsonValue } = {};
	let masked = 0;
	// Sorted: the output is then in canonical member order (see canonical-json.ts).
	for (const key of Object.keys(value as object).sort()) {
		let outKey = key;
		if (state.isSecret(key)) {
			masked++;
			outKey = `${REDACTED_SECRET}#${masked}`;
			state.paths.push(`${path}.${outKey}`);
		}
		const item = sanitizeValue((value as Record<string, unknown>)[key], `${path}.${outKey}`, depth + 1, state);
		if (item !== undefined) out[outKey] = item;
	}
	return out;
}

/**
 * Deep-copies a value into plain JSON, replacing every string (and object key) that `isSecret`
 * flags with {@link REDACTED_SECRET}. Returns the copy and the paths that were masked.
 * @throws GovernanceError (INVALID_INPUT) on functions, symbols, BigInt, non-finite numbers or depth > 32.
 */
export function sanitizeJson(
	value: unknown,
	isSecret: IsSecret = defaultIsSecret,
	path = '$',
): { value: JsonValue | undefined; paths: string[] } {
	const state: SanitizeState = { isSecret, paths: [] };
	const out = sanitizeValue(value, path, 0, state);
	return { value: out, paths: state.paths };
}
