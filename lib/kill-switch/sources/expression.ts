import type { FlagResolution, FlagSource } from '../types';

/** Reads an n8n expression result: true/false or the strings "true"/"false" (any case, trimmed). */
export function interpretExpressionValue(value: unknown): FlagResolution {
	if (typeof value === 'boolean') return { value };
	if (typeof value === 'string') {
		const text = value.trim().toLowerCase();
		if (text === 'true') return { value: true };
		if (text === 'false') return { value: false };
		return { errorCode: 'TYPE_MISMATCH', errorMessage: `Expression gave the text "${value.slice(0, 40)}", not true/false.` };
	}
	const kind = value === null ? 'null' : value === undefined ? 'nothing' : Array.isArray(value) ? 'a list' : typeof value;
	return { errorCode: 'TYPE_MISMATCH', errorMessage: `Expression gave ${kind}, not true/false.` };
}

/** A {@link FlagSource} over an already-evaluated expression value. */
export function createExpressionSource(value: unknown, flagKey = 'expression'): FlagSource {
	const resolution = interpretExpressionValue(value);
	return { name: 'Expression', flagKey, evaluate: async () => ({ ...resolution }) };
}
