/** Bounded exponential backoff with jitter. */
export interface RetryPolicy {
	/** Retries after the first attempt (so at most maxRetries + 1 attempts). Default 5. */
	maxRetries: number;
	/** Delay before the first retry, before jitter. Default 500 ms. */
	baseDelayMs: number;
	/** Cap for any single delay, including a server's Retry-After. Default 30 s. */
	maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxRetries: 5, baseDelayMs: 500, maxDelayMs: 30_000 };

/** What one attempt returned: an HTTP status, or a network-level error (no response). */
export type DeliveryOutcome =
	| { kind: 'http'; status: number; retryAfter?: string }
	| { kind: 'network'; code?: string };

/** The decision for the attempt that just failed (or succeeded). */
export interface DeliveryDecision {
	action: 'done' | 'retry' | 'give_up';
	/** Milliseconds to sleep before the next attempt when `action` is `retry`. */
	delayMs?: number;
	reason: string;
}

/** Retryable: any network error (no response), HTTP 408, 429 and 5xx. */
export function isRetryable(outcome: DeliveryOutcome): boolean {
	if (outcome.kind === 'network') return true;
	return outcome.status === 408 || outcome.status === 429 || (outcome.status >= 500 && outcome.status <= 599);
}

/** Parses Retry-After (delta seconds or HTTP date) into milliseconds from `nowMs`. */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
	if (value === undefined) return undefined;
	const trimmed = value.trim();
	if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
	const date = Date.parse(trimmed);
	return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

/**
 * Backoff before retry number `retry` (0-based): "equal jitter", i.e. half of
 * min(maxDelay, base * 2^retry) plus a random share of the other half; `random` returns [0, 1).
 */
export function backoffDelay(retry: number, policy: RetryPolicy = DEFAULT_RETRY_POLICY, random: () => number = Math.random): number {
	const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * Math.pow(2, retry));
	const r = Math.min(Math.max(random(), 0), 1);
	return Math.round(ceiling / 2 + (r * ceiling) / 2);
}

/**
 * Decides what to do after attempt number `attempt` (1-based) ended with `outcome`: done on 2xx,
 * retry (with a delay to pass to n8n's `sleep`) on retryable outcomes while retries remain, else give up.
 * A server's Retry-After raises the delay, capped at `maxDelayMs`.
 */
export function planDelivery(
	attempt: number,
	outcome: DeliveryOutcome,
	policy: RetryPolicy = DEFAULT_RETRY_POLICY,
	random: () => number = Math.random,
	nowMs: number = Date.now(),
): DeliveryDecision {
	if (outcome.kind === 'http' && outcome.status >= 200 && outcome.status <= 299) return { action: 'done', reason: `HTTP ${outcome.status}` };
	const what = outcome.kind === 'http' ? `HTTP ${outcome.status}` : `network error${outcome.code ? ` ${outcome.code}` : ''}`;
	if (!isRetryable(outcome)) return { action: 'give_up', reason: `${what} is not retryable` };
	if (attempt > policy.maxRetries) return { action: 'give_up', reason: `${what} after ${attempt} attempts` };
	let delayMs = backoffDelay(attempt - 1, policy, random);
	const retryAfter = outcome.kind === 'http' ? parseRetryAfter(outcome.retryAfter, nowMs) : undefined;
	if (retryAfter !== undefined) delayMs = Math.min(policy.maxDelayMs, Math.max(delayMs, retryAfter));
	return { action: 'retry', delayMs, reason: `${what}, retry ${attempt} of ${policy.maxRetries}` };
}

/** The whole delay schedule a policy gives when every attempt fails retryably. */
export function retrySchedule(policy: RetryPolicy = DEFAULT_RETRY_POLICY, random: () => number = Math.random): number[] {
	return Array.from({ length: policy.maxRetries }, (_, i) => backoffDelay(i, policy, random));
}
