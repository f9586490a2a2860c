import { GovernanceError, GovernanceErrorCode } from '../errors/governance-error';

/** One call to n8n's public API (`/api/v1` + path), answered by the injected transport. */
export interface N8nApiRequest {
	method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
	/** Path below `/api/v1`, e.g. `/executions/stop`. */
	path: string;
	qs?: Record<string, string | number>;
	body?: unknown;
	/** The API key scope this call needs, named in the error when n8n refuses it (403). */
	scope: string;
}

/** Status and parsed JSON body. Non-2xx must resolve, not throw; a network failure may throw. */
export interface N8nApiResponse {
	status: number;
	body: unknown;
}

/** The HTTP status of a refusal from {@link callN8nApi}, undefined for other errors. */
export function refusalStatus(error: unknown): number | undefined {
	const status = error instanceof GovernanceError ? error.details?.status : undefined;
	return typeof status === 'number' ? status : undefined;
}

/** Injected transport (the nodes implement it with `this.helpers.httpRequestWithAuthentication`). */
export type N8nApi = (request: N8nApiRequest) => Promise<N8nApiResponse>;

function messageOf(body: unknown): string {
	if (body !== null && typeof body === 'object' && typeof (body as { message?: unknown }).message === 'string') {
		return (body as { message: string }).message.slice(0, 200);
	}
	return typeof body === 'string' ? body.slice(0, 200) : '';
}

/**
 * Sends one call and returns the 2xx body. Refusals become errors that say what failed and how to fix it: 401 (the
 * key), 403 (the scope this call needs), 404 (what is missing), anything else or no answer (n8n unavailable).
 */
export async function callN8nApi(api: N8nApi, request: N8nApiRequest, what: string): Promise<unknown> {
	let response: N8nApiResponse;
	try {
		response = await api(request);
	} catch (error) {
		throw new GovernanceError(GovernanceErrorCode.SourceUnavailable, `Could not ${what}: the n8n API did not answer (${(error as Error).message?.slice(0, 200) ?? 'no answer'}).`, {
			hint: 'Check the base URL in the credential: n8n must reach its own public API there.',
		});
	}
	const { status, body } = response;
	if (status >= 200 && status < 300) return body;
	const detail = messageOf(body);
	const suffix = detail ? ` (n8n: ${detail})` : '';
	if (status === 401) {
		throw new GovernanceError(GovernanceErrorCode.InvalidConfiguration, `Could not ${what}: n8n rejected the API key (401)${suffix}.`, {
			details: { status },
			hint: 'Create an API key under Settings → n8n API and put it in the credential.',
		});
	}
	if (status === 403) {
		throw new GovernanceError(GovernanceErrorCode.InvalidConfiguration, `Could not ${what}: the API key lacks the scope ${request.scope} (403)${suffix}.`, {
			details: { status },
			hint: `Give the key the scope ${request.scope} under Settings → n8n API, or use a key that has it.`,
		});
	}
	if (status === 404) {
		throw new GovernanceError(GovernanceErrorCode.InvalidConfiguration, `Could not ${what}: n8n answered 404 (not found or not accessible with this key)${suffix}.`, {
			details: { status },
			hint: 'Check the id in the node or credential, and that the key belongs to a user who can see it.',
		});
	}
	throw new GovernanceError(GovernanceErrorCode.SourceUnavailable, `Could not ${what}: n8n answered HTTP ${status}${suffix}.`, {
		details: { status },
		hint: 'Check that n8n is healthy and its public API is enabled.',
	});
}
