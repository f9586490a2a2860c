import type { IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';
import type { AuditEvent, AuditSinkConfig, DeliveryOutcome, RetryPolicy } from '../../lib/audit';
import { batchEvents, buildSinkRequest, parseSinkConfig, planDelivery, sinkRequestUrl } from '../../lib/audit';

export const AUDIT_SINK_CREDENTIAL = 'governanceAuditSinkApi';

/** The sink of the node's Audit Sink credential, validated, and the credential's id and name. */
export async function readSink(context: IExecuteFunctions): Promise<{ config: AuditSinkConfig; credentialId: string; credentialName: string }> {
	const raw = await context.getCredentials(AUDIT_SINK_CREDENTIAL);
	const reference = context.getNode().credentials?.[AUDIT_SINK_CREDENTIAL];
	return { config: parseSinkConfig(raw as Record<string, unknown>), credentialId: reference?.id ?? '', credentialName: reference?.name ?? '' };
}

/** One POST; never throws: a network-level failure is an outcome like an HTTP status. */
async function attempt(context: IExecuteFunctions, config: AuditSinkConfig, events: AuditEvent[], timeoutMs: number): Promise<DeliveryOutcome> {
	const request = buildSinkRequest(config, events);
	const options: IHttpRequestOptions = {
		url: sinkRequestUrl(config, request),
		method: 'POST',
		headers: request.headers,
		// A Buffer goes out byte for byte: axios would JSON-encode a string that is not one JSON value
		// (Splunk's newline-separated batch) and trims one that is (which would break the webhook signature).
		body: Buffer.from(request.body, 'utf8'),
		json: false,
		timeout: timeoutMs,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
	};
	try {
		const response = (await context.helpers.httpRequest(options)) as { statusCode: number; headers?: Record<string, unknown> };
		const retryAfter = response.headers?.['retry-after'];
		return { kind: 'http', status: response.statusCode, retryAfter: typeof retryAfter === 'string' ? retryAfter : undefined };
	} catch (error) {
		const e = error as { code?: unknown; cause?: { code?: unknown } };
		const code = typeof e.code === 'string' ? e.code : typeof e.cause?.code === 'string' ? e.cause.code : undefined;
		return { kind: 'network', code };
	}
}

export interface DeliveryReport {
	delivered: AuditEvent[];
	undelivered: AuditEvent[];
	/** Why the first failed batch gave up, e.g. "HTTP 503 after 4 attempts". */
	reason?: string;
}

/**
 * Sends the events in batches, each with bounded retries and backoff (planDelivery + n8n's sleep).
 * Stops at the first batch that gives up: it and every later batch are reported undelivered.
 */
export async function deliver(
	context: IExecuteFunctions,
	config: AuditSinkConfig,
	events: AuditEvent[],
	policy: RetryPolicy,
	timeoutMs: number,
): Promise<DeliveryReport> {
	const delivered: AuditEvent[] = [];
	const batches = batchEvents(events);
	for (let b = 0; b < batches.length; b++) {
		for (let attemptNo = 1; ; attemptNo++) {
			const outcome = await attempt(context, config, batches[b], timeoutMs);
			const decision = planDelivery(attemptNo, outcome, policy);
			if (decision.action === 'done') break;
			if (decision.action === 'give_up') {
				return { delivered, undelivered: batches.slice(b).flat(), reason: decision.reason };
			}
			await sleep(decision.delayMs ?? 0);
		}
		delivered.push(...batches[b]);
	}
	return { delivered, undelivered: [] };
}
