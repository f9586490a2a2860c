import type { CacheDecision } from './cache';
import type { FlagErrorCode, FlagResolution } from './types';

/** Why and when a switch or limit stopped the workflow. Output-friendly (ISO time). */
export interface KillSwitchTrip {
	switch: string;
	source: string;
	reason: string;
	/** ISO 8601. */
	trippedAt: string;
}

/** Result of {@link evaluateKillSwitch}. */
export interface KillSwitchOutcome {
	halt: boolean;
	tripped?: KillSwitchTrip;
	/** What happened, why, and how to change it. */
	message: string;
	errorCode?: FlagErrorCode;
}

/** Input of {@link evaluateKillSwitch}. */
export interface EvaluateKillSwitchInput {
	resolution: FlagResolution;
	/** Default 'halt' (fail closed). */
	onError?: 'halt' | 'continue';
	/** Name shown to people, e.g. the node name or flag name. */
	switchName: string;
	/** Source kind, e.g. "Unleash". */
	sourceName: string;
	flagKey?: string;
	now: number;
	/** Flag value that means "halt". Default true; false for flags like "workflow-enabled". */
	haltWhen?: boolean;
	/** Cache details from decideWithCache, to explain stale values. */
	cache?: Pick<CacheDecision, 'origin' | 'ageMs' | 'sourceError'>;
}

/** How to fix each source error. */
export const SOURCE_ERROR_HINTS: Readonly<Record<FlagErrorCode, string>> = {
	SOURCE_UNREACHABLE: 'check the source URL, DNS and network access from n8n',
	TIMEOUT: 'check the source is up, or raise the timeout',
	HTTP_ERROR: 'check the token/credentials and that the URL points at the flag API',
	FLAG_NOT_FOUND: 'create the flag in the source, or fix the flag name / JSON path (names are case-sensitive)',
	TYPE_MISMATCH: 'make the flag a boolean (true = halt), or fix the JSON path / expression',
	PARSE_ERROR: 'make sure the URL returns JSON from the flag service, not an HTML login or error page',
};

function describeFlag(input: EvaluateKillSwitchInput): string {
	return input.flagKey ? `${input.sourceName} flag "${input.flagKey}"` : input.sourceName;
}

function staleNote(input: EvaluateKillSwitchInput): string {
	const cache = input.cache;
	if (cache === undefined || cache.origin !== 'stale-cache') return '';
	const seconds = Math.round((cache.ageMs ?? 0) / 1000);
	const code = cache.sourceError?.errorCode ?? 'error';
	return ` Used the cached value from ${seconds} s ago because ${input.sourceName} failed (${code}).`;
}

/**
 * Turns a flag resolution into halt/continue. Fails closed by default: an unreadable source halts,
 * with a message naming the source and error code. `onError: 'continue'` fails open (no trip).
 */
export function evaluateKillSwitch(input: EvaluateKillSwitchInput): KillSwitchOutcome {
	const { resolution, switchName } = input;
	const haltWhen = input.haltWhen ?? true;
	const trippedAt = new Date(input.now).toISOString();
	const what = describeFlag(input);

	if (resolution.errorCode !== undefined || typeof resolution.value !== 'boolean') {
		const errorCode: FlagErrorCode = resolution.errorCode ?? 'TYPE_MISMATCH';
		const detail = resolution.errorMessage ? `: ${resolution.errorMessage}` : '';
		const problem = `Kill switch "${switchName}" could not be read from ${what} (${errorCode}${detail}).`;
		const fix = `To fix: ${SOURCE_ERROR_HINTS[errorCode]}.`;
		if ((input.onError ?? 'halt') === 'continue') {
			return {
				halt: false,
				errorCode,
				message: `${problem} Continuing because "On Source Error" is set to continue (fail open). ${fix}`,
			};
		}
		return {
			halt: true,
			errorCode,
			tripped: { switch: switchName, source: input.sourceName, reason: `${errorCode}${detail}`, trippedAt },
			message: `${problem} Halting because "On Source Error" is set to halt (fail closed). ${fix} To fail open instead, set "On Source Error" to continue.`,
		};
	}

	const reasonText = resolution.reason ? ` Reason: ${resolution.reason}.` : '';
	if (resolution.value === haltWhen) {
		return {
			halt: true,
			tripped: {
				switch: switchName,
				source: input.sourceName,
				reason: resolution.reason ?? `${what} is ${String(resolution.value)}`,
				trippedAt,
			},
			message: `Kill switch "${switchName}" is ON (${what} is ${String(resolution.value)}): the workflow is halted.${reasonText}${staleNote(input)} To resume, set the flag to ${String(!haltWhen)} in ${input.sourceName}.`,
		};
	}
	return {
		halt: false,
		message: `Kill switch "${switchName}" is off (${what} is ${String(resolution.value)}): continuing.${staleNote(input)}`,
	};
}
