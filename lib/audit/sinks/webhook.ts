import { hmacSha256Hex, safeEqual } from '../crypto';
import type { AuditEvent } from '../types';

export const WEBHOOK_TIMESTAMP_HEADER = 'X-Governance-Timestamp';
export const WEBHOOK_SIGNATURE_HEADER = 'X-Governance-Signature';

/** An HTTP request the node sends as is (no I/O here). */
export interface SinkRequest {
	/** Path to append to the configured base URL, when the sink has a fixed one. */
	path?: string;
	method: 'POST';
	headers: Record<string, string>;
	body: string;
}

/** The string a webhook signature covers: `<timestamp>.<body>`. */
export function webhookSigningInput(timestamp: string, body: string): string {
	return `${timestamp}.${body}`;
}

/**
 * Builds a webhook delivery: body = JSON array of events; `X-Governance-Timestamp` = Unix seconds;
 * `X-Governance-Signature` = `sha256=` + hex HMAC-SHA256(secret, "<timestamp>.<body>").
 */
export function buildWebhookRequest(events: readonly AuditEvent[], options: { secret: string; timestamp?: number }): SinkRequest {
	const timestamp = String(Math.floor(options.timestamp ?? Date.now() / 1000));
	const body = JSON.stringify(events);
	return {
		method: 'POST',
		headers: {
			'Content-Type': 'application/json',
			[WEBHOOK_TIMESTAMP_HEADER]: timestamp,
			[WEBHOOK_SIGNATURE_HEADER]: `sha256=${hmacSha256Hex(options.secret, webhookSigningInput(timestamp, body))}`,
		},
		body,
	};
}

export interface WebhookVerification {
	valid: boolean;
	reason?: 'missing_headers' | 'bad_timestamp' | 'stale_timestamp' | 'bad_signature';
}

function header(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
	const lower = name.toLowerCase();
	for (const key of Object.keys(headers)) {
		if (key.toLowerCase() !== lower) continue;
		const value = headers[key];
		return Array.isArray(value) ? value[0] : value;
	}
	return undefined;
}

/**
 * Receiver side of {@link buildWebhookRequest}: checks the signature over the raw body (constant
 * time) and that the timestamp is within `toleranceSeconds` of `nowSeconds` (replay window).
 */
export function verifyWebhookSignature(
	body: string,
	headers: Record<string, string | string[] | undefined>,
	secret: string,
	toleranceSeconds = 300,
	nowSeconds: number = Date.now() / 1000,
): WebhookVerification {
	const timestamp = header(headers, WEBHOOK_TIMESTAMP_HEADER);
	const signature = header(headers, WEBHOOK_SIGNATURE_HEADER);
	if (timestamp === undefined || signature === undefined) return { valid: false, reason: 'missing_headers' };
	if (!/^\d{1,12}$/.test(timestamp)) return { valid: false, reason: 'bad_timestamp' };
	if (Math.abs(nowSeconds - Number(timestamp)) > toleranceSeconds) return { valid: false, reason: 'stale_timestamp' };
	const expected = `sha256=${hmacSha256Hex(secret, webhookSigningInput(timestamp, body))}`;
	return safeEqual(expected, signature.trim()) ? { valid: true } : { valid: false, reason: 'bad_signature' };
}
