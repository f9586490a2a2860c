import { GovernanceError, GovernanceErrorCode } from '../errors/governance-error';

/**
 * Reads audit events from text: a JSON array, or JSON Lines (one event per line, blank lines skipped).
 * @throws GovernanceError (INVALID_INPUT) naming the line that is not JSON.
 */
export function parseAuditEventsText(text: string): unknown[] {
	const trimmed = text.replace(/^\uFEFF/, '').trim();
	if (trimmed === '') return [];
	if (trimmed.startsWith('[')) {
		let parsed: unknown;
		try {
			parsed = JSON.parse(trimmed);
		} catch (error) {
			throw new GovernanceError(GovernanceErrorCode.InvalidInput, `Input is not a valid JSON array: ${(error as Error).message}`);
		}
		if (!Array.isArray(parsed)) throw new GovernanceError(GovernanceErrorCode.InvalidInput, 'Input is not a JSON array');
		return parsed;
	}
	const events: unknown[] = [];
	const lines = trimmed.split('\n');
	for (let i = 0; i < lines.length; i++) {
		const line = lines[i].trim();
		if (line === '') continue;
		try {
			events.push(JSON.parse(line));
		} catch (error) {
			throw lineError(i + 1, error);
		}
	}
	return events;
}

/** The error for a line of a JSON Lines log that is not JSON (line numbers count from 1). */
export function lineError(lineNo: number, error: unknown): GovernanceError {
	return new GovernanceError(GovernanceErrorCode.InvalidInput, `Line ${lineNo} is not JSON: ${(error as Error).message}`, {
		hint: 'Give a JSON array of events or one JSON event per line.',
	});
}

/**
 * Reads verification keys: a JSON object `{ "<keyId>": "<secret>" }`, or lines `keyId=secret`
 * (blank lines and lines starting with # skipped).
 * @throws GovernanceError (INVALID_CONFIGURATION) when no key can be read.
 */
export function parseKeyFile(text: string): Record<string, string> {
	const trimmed = text.replace(/^\uFEFF/, '').trim();
	const keys: Record<string, string> = {};
	const bad = (message: string): never => {
		throw new GovernanceError(GovernanceErrorCode.InvalidConfiguration, message, {
			hint: 'Key file: JSON {"keyId": "secret"} or one keyId=secret per line.',
		});
	};
	if (trimmed.startsWith('{')) {
		let parsed: unknown;
		try {
			parsed = JSON.parse(trimmed);
		} catch (error) {
			return bad(`Key file is not valid JSON: ${(error as Error).message}`);
		}
		for (const [id, secret] of Object.entries(parsed as Record<string, unknown>)) {
			if (typeof secret !== 'string' || secret === '') bad(`Key "${id}" has no string secret`);
			keys[id] = secret as string;
		}
	} else {
		trimmed.split('\n').forEach((raw, i) => {
			const line = raw.trim();
			if (line === '' || line.startsWith('#')) return;
			const eq = line.indexOf('=');
			if (eq <= 0 || eq === line.length - 1) bad(`Key file line ${i + 1} is not keyId=secret`);
			keys[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
		});
	}
	if (Object.keys(keys).length === 0) bad('Key file holds no keys');
	return keys;
}
