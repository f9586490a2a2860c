import { DEFAULT_TIMEOUT_MS, fetchSafely, httpError, isHttpResponse, parseJsonBody } from '../http';
import { parseSinglePath, readPath } from '../../shared/path';
import type { FetchJson, FlagResolution, FlagSource, HttpRequest, HttpResponse } from '../types';

const SOURCE = 'HTTP JSON';

/** Configuration of a boolean read from any JSON document over HTTP GET. */
export interface HttpJsonSourceOptions {
	url: string;
	/** A path to one value (lib/shared/path.ts), e.g. `flags.killSwitch` or `$.items[0].halt`. */
	valuePath: string;
	/** Optional sibling path of a reason text. */
	reasonPath?: string;
	fetchJson: FetchJson;
	headers?: Record<string, string>;
	timeoutMs?: number;
}

/** Parsed paths for {@link interpretHttpJsonResponse}. */
export interface HttpJsonPaths {
	valuePath: readonly string[];
	reasonPath?: readonly string[];
	/** Original text, for messages. */
	valuePathText: string;
}

/** GET the URL. */
export function buildHttpJsonRequest(options: Omit<HttpJsonSourceOptions, 'fetchJson' | 'valuePath'>): HttpRequest {
	return {
		url: options.url.trim(),
		method: 'GET',
		headers: { Accept: 'application/json', ...(options.headers ?? {}) },
		timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
	};
}

/** Reads a strict boolean at the path: missing → FLAG_NOT_FOUND, non-boolean → TYPE_MISMATCH, not JSON → PARSE_ERROR. */
export function interpretHttpJsonResponse(response: HttpResponse, paths: HttpJsonPaths): FlagResolution {
	if (response.status < 200 || response.status >= 300) return httpError(SOURCE, response.status);
	const parsed = parseJsonBody(response.body);
	if (!parsed.ok) return { errorCode: 'PARSE_ERROR', errorMessage: `${SOURCE} response is not JSON.` };
	const found = readPath(parsed.value, paths.valuePath);
	if (!found.found) return { errorCode: 'FLAG_NOT_FOUND', errorMessage: `${SOURCE} response has nothing at "${paths.valuePathText}".` };
	if (typeof found.value !== 'boolean') {
		const kind = found.value === null ? 'null' : Array.isArray(found.value) ? 'array' : typeof found.value;
		return { errorCode: 'TYPE_MISMATCH', errorMessage: `${SOURCE} value at "${paths.valuePathText}" is a ${kind}, not true/false.` };
	}
	const resolution: FlagResolution = { value: found.value };
	if (paths.reasonPath !== undefined) {
		const reason = readPath(parsed.value, paths.reasonPath);
		if (reason.found && typeof reason.value === 'string' && reason.value.trim() !== '') resolution.reason = reason.value.trim().slice(0, 500);
	}
	return resolution;
}

/** An HTTP-JSON {@link FlagSource}. Paths are validated here (GovernanceError on a bad path). */
export function createHttpJsonSource(options: HttpJsonSourceOptions): FlagSource {
	const paths: HttpJsonPaths = {
		valuePath: parseSinglePath(options.valuePath),
		reasonPath: options.reasonPath ? parseSinglePath(options.reasonPath) : undefined,
		valuePathText: options.valuePath,
	};
	const request = buildHttpJsonRequest(options);
	return {
		name: SOURCE,
		flagKey: options.valuePath,
		async evaluate() {
			const response = await fetchSafely(options.fetchJson, request, SOURCE);
			return isHttpResponse(response) ? interpretHttpJsonResponse(response, paths) : response;
		},
	};
}
