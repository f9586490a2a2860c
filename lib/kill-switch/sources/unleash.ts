import { GovernanceError, GovernanceErrorCode } from '../../errors/governance-error';
import { DEFAULT_TIMEOUT_MS, fetchSafely, httpError, isHttpResponse, isRecord, parseJsonBody, trimBaseUrl } from '../http';
import type { FetchJson, FlagResolution, FlagSource, HttpRequest, HttpResponse } from '../types';

const SOURCE = 'Unleash';

/** Configuration of an Unleash kill-switch flag read through the client API. */
export interface UnleashSourceOptions {
	/** Unleash base URL, with or without the trailing `/api`. */
	baseUrl: string;
	/** Client (backend) API token, sent as `Authorization`. */
	token: string;
	flagName: string;
	fetchJson: FetchJson;
	timeoutMs?: number;
	appName?: string;
}

/** GET `<url>/api/client/features/<flagName>` with the client token. */
export function buildUnleashRequest(options: Omit<UnleashSourceOptions, 'fetchJson'>): HttpRequest {
	let base = trimBaseUrl(options.baseUrl);
	if (!/\/api$/.test(base)) base = `${base}/api`;
	return {
		url: `${base}/client/features/${encodeURIComponent(options.flagName)}`,
		method: 'GET',
		headers: {
			Authorization: options.token,
			Accept: 'application/json',
			'UNLEASH-APPNAME': options.appName ?? 'n8n-nodes-governance',
		},
		timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
	};
}

function fromFeature(feature: Record<string, unknown>): FlagResolution {
	if (typeof feature.enabled !== 'boolean') {
		return { errorCode: 'TYPE_MISMATCH', errorMessage: `${SOURCE} flag "enabled" is not a boolean.` };
	}
	const resolution: FlagResolution = { value: feature.enabled };
	if (typeof feature.description === 'string' && feature.description.trim() !== '') {
		resolution.reason = feature.description.trim().slice(0, 500);
	}
	return resolution;
}

/**
 * Interprets a client-API response: a single feature `{ name, enabled, description }` or the list
 * `{ features: [...] }`. `enabled: true` means the kill switch is ON. Only the environment toggle is
 * read; strategies and variants are ignored (kill switches are plain on/off flags).
 */
export function interpretUnleashResponse(response: HttpResponse, flagName: string): FlagResolution {
	if (response.status === 404) return { errorCode: 'FLAG_NOT_FOUND', errorMessage: `${SOURCE} has no flag "${flagName}" for this token's project and environment.` };
	if (response.status < 200 || response.status >= 300) return httpError(SOURCE, response.status);
	const parsed = parseJsonBody(response.body);
	if (!parsed.ok || !isRecord(parsed.value)) return { errorCode: 'PARSE_ERROR', errorMessage: `${SOURCE} response is not a JSON object.` };
	const body = parsed.value;
	if (Object.prototype.hasOwnProperty.call(body, 'features')) {
		if (!Array.isArray(body.features)) return { errorCode: 'PARSE_ERROR', errorMessage: `${SOURCE} "features" is not a list.` };
		const feature = body.features.find((f: unknown) => isRecord(f) && f.name === flagName);
		if (!isRecord(feature)) return { errorCode: 'FLAG_NOT_FOUND', errorMessage: `${SOURCE} feature list has no flag "${flagName}".` };
		return fromFeature(feature);
	}
	if (typeof body.name === 'string' && body.name !== flagName) {
		return { errorCode: 'FLAG_NOT_FOUND', errorMessage: `${SOURCE} returned flag "${body.name.slice(0, 100)}" instead of "${flagName}".` };
	}
	return fromFeature(body);
}

/** An Unleash-backed {@link FlagSource}. Throws GovernanceError for missing configuration. */
export function createUnleashSource(options: UnleashSourceOptions): FlagSource {
	if (!options.baseUrl || !options.token || !options.flagName) {
		throw new GovernanceError(GovernanceErrorCode.InvalidConfiguration, 'Unleash source needs a URL, a client API token and a flag name.', {
			hint: 'Fill in the Unleash URL, token and flag name.',
		});
	}
	const request = buildUnleashRequest(options);
	return {
		name: SOURCE,
		flagKey: options.flagName,
		async evaluate() {
			const response = await fetchSafely(options.fetchJson, request, SOURCE);
			return isHttpResponse(response) ? interpretUnleashResponse(response, options.flagName) : response;
		},
	};
}
