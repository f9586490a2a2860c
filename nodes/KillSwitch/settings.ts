import type { IDataObject } from 'n8n-workflow';
import { GovernanceError, GovernanceErrorCode } from '../../lib/errors/governance-error';
import type { RunLimits } from '../../lib/kill-switch/run-plan';

export type SwitchSource = 'expression' | 'httpJson' | 'none' | 'ofrep' | 'unleash';
export type OnSourceError = 'continue' | 'halt' | 'useLastKnown';

export const UNLEASH_CREDENTIAL = 'governanceUnleashClientApi';
export const OFREP_CREDENTIAL = 'governanceOfrepApi';
export const HTTP_HEADER_CREDENTIAL = 'governanceKillSwitchHttpHeaderApi';

/** Node parameters that hold for the whole run (read from item 0). */
export interface KillSwitchSettings {
	source: SwitchSource;
	/** Flag value that means halt. */
	haltWhen: boolean;
	onSourceError: OnSourceError;
	route: boolean;
	ttlMs: number;
	maxStaleMs: number;
	timeoutMs: number;
	/** Custom name for messages and Halted items; '' = derive. */
	switchName: string;
	limits: RunLimits;
}

/** Reads a parameter of item 0 with a fallback. */
export type ParameterReader = (name: string, fallback: unknown) => unknown;

const SOURCES: readonly SwitchSource[] = ['expression', 'httpJson', 'none', 'ofrep', 'unleash'];
const ON_ERROR: readonly OnSourceError[] = ['continue', 'halt', 'useLastKnown'];

function invalid(message: string, hint: string): GovernanceError {
	return new GovernanceError(GovernanceErrorCode.InvalidConfiguration, message, { hint });
}

function seconds(value: unknown, name: string, min: number): number {
	const n = Number(value);
	if (!Number.isFinite(n) || n < min) throw invalid(`"${name}" must be a number of ${min} or more (got ${String(value)}).`, `Set "${name}" under Options or Limits.`);
	return n;
}

function whole(value: unknown, name: string): number {
	const n = Number(value);
	if (!Number.isSafeInteger(n) || n < 0) throw invalid(`"${name}" must be a whole number of 0 or more (got ${String(value)}).`, `Fix "${name}" under Limits.`);
	return n;
}

/** Limits from the "Limits" collection: a limit is on when its field was added. */
export function readLimits(raw: IDataObject): RunLimits {
	const limits: RunLimits = {};
	if (raw.maxItemsPerExecution !== undefined) limits.maxItemsPerExecution = whole(raw.maxItemsPerExecution, 'Max Items per Execution');
	if (raw.maxRunsPerExecution !== undefined) limits.maxRunsPerExecution = whole(raw.maxRunsPerExecution, 'Max Runs per Execution');
	if (raw.maxExecutionsPerWindow !== undefined) {
		const mode = raw.executionWindowMode === 'fixed' ? 'fixed' : 'sliding';
		limits.executionsPerWindow = {
			max: whole(raw.maxExecutionsPerWindow, 'Max Executions per Window'),
			windowMs: seconds(raw.executionWindowSeconds ?? 3600, 'Execution Window (Seconds)', 1) * 1000,
			mode,
		};
	}
	const field = typeof raw.spendField === 'string' ? raw.spendField.trim() : '';
	if (field !== '' || raw.spendCap !== undefined) {
		if (field === '' || raw.spendCap === undefined) {
			throw invalid('A spend budget needs both "Spend Field" and "Budget Cap".', 'Add the missing one under Limits, or remove the other.');
		}
		limits.spendBudget = {
			path: field,
			cap: seconds(raw.spendCap, 'Budget Cap', 0),
			windowMs: seconds(raw.spendWindowSeconds ?? 86400, 'Budget Window (Seconds)', 1) * 1000,
			missingAsZero: raw.spendMissingAsZero === true,
		};
	}
	return limits;
}

/** Reads and checks the run-wide settings. Throws GovernanceError naming the parameter to fix. */
export function readSettings(param: ParameterReader): KillSwitchSettings {
	const source = String(param('source', 'unleash')) as SwitchSource;
	if (!SOURCES.includes(source)) throw invalid(`Unknown switch source "${source}".`, 'Choose a Switch Source.');
	const onSourceError = String(param('onSourceError', 'halt')) as OnSourceError;
	if (!ON_ERROR.includes(onSourceError)) throw invalid(`Unknown "On Source Error" value "${onSourceError}".`, 'Choose an "On Source Error" option.');
	const options = (param('options', {}) ?? {}) as IDataObject;
	const ttl = seconds(options.cacheTtlSeconds ?? 10, 'Cache TTL (Seconds)', 0);
	const maxStale = seconds(options.maxStalenessSeconds ?? 60, 'Max Staleness (Seconds)', 0);
	if (ttl > maxStale) {
		throw invalid(
			`"Cache TTL" (${ttl} s) is longer than "Max Staleness" (${maxStale} s), so a cached value could be used after it is too old.`,
			'Lower the Cache TTL or raise the Max Staleness under Options.',
		);
	}
	const timeoutMs = seconds(options.timeoutMs ?? 2000, 'Timeout (Ms)', 100);
	return {
		source,
		haltWhen: param('haltWhen', 'on') !== 'off',
		onSourceError,
		route: param('onHalt', 'stop') === 'route',
		ttlMs: ttl * 1000,
		maxStaleMs: maxStale * 1000,
		timeoutMs: Math.min(timeoutMs, 60000),
		switchName: typeof options.switchName === 'string' ? options.switchName.trim() : '',
		limits: readLimits((param('limits', {}) ?? {}) as IDataObject),
	};
}
