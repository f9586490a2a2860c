import { GovernanceError, GovernanceErrorCode } from '../../errors/governance-error';
import { DEFAULT_TIMEOUT_MS, fetchSafely, httpError, isHttpResponse, isRecord, parseJsonBody, trimBaseUrl } from '../http';
import type { EvaluationContext, FetchJson, FlagErrorCode, FlagResolution, FlagSource, HttpRequest, HttpResponse } from '../types';

const SOURCE = 'OFREP';

/** OFREP error codes → our codes. Unknown codes become HTTP_ERROR. */
export const OFREP_ERROR_CODES: Readonly<Record<string, FlagErrorCode>> = {
	FLAG_NOT_FOUND: 'FLAG_NOT_FOUND',
	PARSE_ERROR: 'PARSE_ERROR',
	TYPE_MISMATCH: 'TYPE_MISMATCH',
	TARGETING_KEY_MISSING: 'HTTP_ERROR',
	INVALID_CONTEXT: 'HTTP_ERROR',
	GENERAL: 'HTTP_ERROR',
};

/** Configuration of a flag evaluated through the OpenFeature Remote Evaluation Protocol. */
export interface OfrepSourceOptions {
	baseUrl: string;
	flagKey: string;
	fetchJson: FetchJson;
	/** Extra headers, e.g. `{ Authorization: 'Bearer …' }` or `{ 'X-API-Key': '…' }`. */
	headers?: Record<string, string>;
	timeoutMs?: number;
}

/** POST `<url>/ofrep/v1/evaluate/flags/<key>` with `{ context }`. */
export function buildOfrepRequest(options: Omit<OfrepSourceOptions, 'fetchJson'>, context: EvaluationContext = {}): HttpRequest {
	return {
		url: `${trimBaseUrl(options.baseUrl)}/ofrep/v1/evaluate/flags/${encodeURIComponent(options.flagKey)}`,
		method: 'POST',
		headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...(options.headers ?? {}) },
		body: { context },
		timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
	};
}

function fromErrorBody(body: Record<string, unknown>, status: number): FlagResolution {
	const code = typeof body.errorCode === 'string' ? body.errorCode : '';
	const details = typeof body.errorDetails === 'string' ? `: ${body.errorDetails.slice(0, 200)}` : '';
	const mapped = Object.prototype.hasOwnProperty.call(OFREP_ERROR_CODES, code) ? OFREP_ERROR_CODES[code] : 'HTTP_ERROR';
	return { errorCode: mapped, errorMessage: `${SOURCE} error ${code || `HTTP ${status}`}${details}` };
}

/**
 * Interprets an OFREP single-flag response `{ key, value, reason, variant, metadata }` or an error
 * `{ errorCode, errorDetails }` (400/404). A non-boolean value is TYPE_MISMATCH. A missing value with
 * reason DISABLED is read as "switch off". Reason text: `metadata.reason`, else `variant`.
 */
export function interpretOfrepResponse(response: HttpResponse, flagKey: string): FlagResolution {
	const parsed = parseJsonBody(response.body);
	const body = parsed.ok && isRecord(parsed.value) ? parsed.value : undefined;
	if (response.status === 400 || response.status === 404) {
		if (body !== undefined && typeof body.errorCode === 'string') return fromErrorBody(body, response.status);
		return response.status === 404
			? { errorCode: 'FLAG_NOT_FOUND', errorMessage: `${SOURCE} has no flag "${flagKey}".` }
			: httpError(SOURCE, response.status);
	}
	if (response.status < 200 || response.status >= 300) return httpError(SOURCE, response.status);
	if (body === undefined) return { errorCode: 'PARSE_ERROR', errorMessage: `${SOURCE} response is not a JSON object.` };
	if (typeof body.errorCode === 'string') return fromErrorBody(body, response.status);
	const metadata = isRecord(body.metadata) ? body.metadata : {};
	const reasonText =
		typeof metadata.reason === 'string' && metadata.reason !== ''
			? metadata.reason
			: typeof body.variant === 'string' && body.variant !== ''
				? body.variant
				: undefined;
	const withReason = (r: FlagResolution): FlagResolution => (reasonText === undefined ? r : { ...r, reason: reasonText.slice(0, 500) });
	if (!Object.prototype.hasOwnProperty.call(body, 'value')) {
		if (body.reason === 'DISABLED') return withReason({ value: false, reason: 'flag disabled in the flag service' });
		return { errorCode: 'PARSE_ERROR', errorMessage: `${SOURCE} response has no value.` };
	}
	if (typeof body.value !== 'boolean') {
		return { errorCode: 'TYPE_MISMATCH', errorMessage: `${SOURCE} flag "${flagKey}" is a ${body.value === null ? 'null' : typeof body.value}, not a boolean.` };
	}
	return withReason({ value: body.value });
}

/** An OFREP-backed {@link FlagSource}. */
export function createOfrepSource(options: OfrepSourceOptions): FlagSource {
	if (!options.baseUrl || !options.flagKey) {
		throw new GovernanceError(GovernanceErrorCode.InvalidConfiguration, 'OFREP source needs a URL and a flag key.', {
			hint: 'Fill in the OFREP service URL and the flag key.',
		});
	}
	return {
		name: SOURCE,
		flagKey: options.flagKey,
		async evaluate(context: EvaluationContext = {}) {
			const response = await fetchSafely(options.fetchJson, buildOfrepRequest(options, context), SOURCE);
			return isHttpResponse(response) ? interpretOfrepResponse(response, options.flagKey) : response;
		},
	};
}
