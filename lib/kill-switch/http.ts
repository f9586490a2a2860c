import type { FetchJson, FlagResolution, HttpRequest, HttpResponse } from './types';

/** Default per-request timeout for flag sources. */
export const DEFAULT_TIMEOUT_MS = 2000;

const TIMEOUT_CODES = ['ETIMEDOUT', 'ECONNABORTED', 'ESOCKETTIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT'];
const TIMEOUT_NAMES = ['TimeoutError', 'AbortError'];

/** Shortens and strips URL credentials/queries from transport error text before it reaches messages. */
export function safeErrorText(error: unknown): string {
	const raw = error instanceof Error ? error.message : typeof error === 'string' ? error : 'unknown error';
	return raw
		.replace(/(https?:\/\/)[^/@\s]*@/gi, '$1')
		.replace(/(https?:\/\/[^\s?#]*)\?[^\s#]*/gi, '$1?…')
		.slice(0, 200);
}

/** True when a thrown transport error looks like a timeout. */
export function isTimeoutError(error: unknown, depth = 0): boolean {
	if (error === null || typeof error !== 'object') return false;
	const e = error as { code?: unknown; name?: unknown; message?: unknown; messages?: unknown; cause?: unknown };
	if (typeof e.code === 'string' && TIMEOUT_CODES.includes(e.code)) return true;
	if (typeof e.name === 'string' && TIMEOUT_NAMES.includes(e.name)) return true;
	if (typeof e.message === 'string' && /time(d)?[\s-]?out/i.test(e.message)) return true;
	// Transports wrap errors (n8n's NodeApiError keeps the original as `cause` and its text in `messages`).
	if (Array.isArray(e.messages) && e.messages.some((m) => typeof m === 'string' && /time(d)?[\s-]?out/i.test(m))) return true;
	return depth < 3 && e.cause !== undefined && e.cause !== error && isTimeoutError(e.cause, depth + 1);
}

/** Waits `ms`, or rejects as soon as `signal` aborts (n8n-workflow's `sleep`; lib/ imports nothing from n8n). */
export type Wait = (ms: number, signal: AbortSignal) => Promise<void>;

const STOPPED = 'the execution was stopped while waiting for the answer';

/** Thrown by {@link withDeadline} when the deadline passes first (`isTimeoutError` recognises it). */
export class DeadlineError extends Error {
	override name = 'TimeoutError';

	constructor(readonly ms: number) {
		super(`No complete answer within ${ms} ms`);
	}
}

/**
 * Runs `send` with a deadline for the whole exchange: connecting, the headers and the last byte of the body. A
 * socket timeout only fires when the line goes idle, so a source that trickles a byte now and then would hold the
 * run for as long as it likes. When the deadline passes, rejects with {@link DeadlineError}; whichever way it ends,
 * the signal handed to `send` is aborted afterwards, so an abandoned request is torn down and the wait's timer is
 * cleared. `cancel` (the execution's own signal) aborts both early.
 */
export async function withDeadline<T>(send: (signal: AbortSignal) => Promise<T>, ms: number, wait: Wait, cancel?: AbortSignal): Promise<T> {
	if (cancel?.aborted) throw new Error(STOPPED);
	const controller = new AbortController();
	const onCancel = () => controller.abort(cancel?.reason);
	cancel?.addEventListener('abort', onCancel, { once: true });
	const deadline = wait(ms, controller.signal).then(() => {
		throw new DeadlineError(ms);
	});
	try {
		return await Promise.race([send(controller.signal), deadline]);
	} catch (error) {
		// A cancelled execution ends the wait and the request alike: say what happened, not how either noticed.
		throw cancel?.aborted === true && !(error instanceof DeadlineError) ? new Error(STOPPED) : error;
	} finally {
		controller.abort();
		cancel?.removeEventListener('abort', onCancel);
	}
}

/** The header a flag-source credential adds (`{}` when its name or value is empty). */
export function credentialHeader(name: unknown, value: unknown): Record<string, string> {
	const header = typeof name === 'string' ? name.trim() : '';
	const secret = typeof value === 'string' ? value : '';
	return header === '' || secret === '' ? {} : { [header]: secret };
}

/** Calls the transport; converts throws into TIMEOUT / SOURCE_UNREACHABLE resolutions. */
export async function fetchSafely(fetchJson: FetchJson, request: HttpRequest, sourceName: string): Promise<HttpResponse | FlagResolution> {
	try {
		const response = await fetchJson(request);
		if (response === null || typeof response !== 'object' || typeof response.status !== 'number') {
			return { errorCode: 'SOURCE_UNREACHABLE', errorMessage: `${sourceName} returned no HTTP response.` };
		}
		return response;
	} catch (error) {
		if (isTimeoutError(error)) {
			return { errorCode: 'TIMEOUT', errorMessage: `${sourceName} did not answer within ${request.timeoutMs} ms.` };
		}
		return { errorCode: 'SOURCE_UNREACHABLE', errorMessage: `${sourceName} could not be reached: ${safeErrorText(error)}` };
	}
}

/** Type guard separating a transport response from an early error resolution. */
export function isHttpResponse(value: HttpResponse | FlagResolution): value is HttpResponse {
	return typeof (value as HttpResponse).status === 'number';
}

/** Parses a body that may be raw text. */
export function parseJsonBody(body: unknown): { ok: true; value: unknown } | { ok: false } {
	if (typeof body !== 'string') return body === undefined ? { ok: false } : { ok: true, value: body };
	try {
		return { ok: true, value: JSON.parse(body) };
	} catch {
		return { ok: false };
	}
}

/** Base URL without trailing slashes. */
export function trimBaseUrl(url: string): string {
	return url.trim().replace(/\/+$/, '');
}

/** HTTP_ERROR resolution for an unexpected status, with an auth hint for 401/403. */
export function httpError(sourceName: string, status: number): FlagResolution {
	const detail =
		status === 401 || status === 403
			? 'the credentials were rejected'
			: status === 429
				? 'rate limited'
				: status >= 500
					? 'server error'
					: 'unexpected status';
	return { errorCode: 'HTTP_ERROR', errorMessage: `${sourceName} answered HTTP ${status} (${detail}).` };
}

/** Plain-object check. */
export function isRecord(value: unknown): value is Record<string, unknown> {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}
