import { createHmac } from 'node:crypto';
import {
	DEFAULT_RETRY_POLICY,
	backoffDelay,
	buildSplunkHecRequest,
	buildWebhookRequest,
	isRetryable,
	parseRetryAfter,
	planDelivery,
	retrySchedule,
	verifyAuditEvents,
	verifyWebhookSignature,
} from '../../../lib/audit';
import type { DeliveryOutcome } from '../../../lib/audit';
import { GovernanceError } from '../../../lib/errors/governance-error';
import { KEYS, makeChain } from './fixtures';

const SECRET = 'whsec-test';
const NOW = 1714564800;

describe('webhook payload', () => {
	const events = makeChain('exec-w', 2);
	const request = buildWebhookRequest(events, { secret: SECRET, timestamp: NOW });

	test('when built then the body is the JSON array of events and the signature covers "<timestamp>.<body>"', () => {
		expect(JSON.parse(request.body)).toEqual(events);
		expect(request.headers['X-Governance-Timestamp']).toBe(String(NOW));
		const expected = createHmac('sha256', SECRET).update(`${NOW}.${request.body}`).digest('hex');
		expect(request.headers['X-Governance-Signature']).toBe(`sha256=${expected}`);
		expect(request.headers['Content-Type']).toBe('application/json');
	});

	test('when the receiver verifies the request then it is valid and the events still verify', () => {
		expect(verifyWebhookSignature(request.body, request.headers, SECRET, 300, NOW + 10)).toEqual({ valid: true });
		expect(verifyAuditEvents(JSON.parse(request.body), KEYS, { requireClosed: true }).valid).toBe(true);
	});

	test.each<[string, () => ReturnType<typeof verifyWebhookSignature>, string]>([
		['the body is changed', () => verifyWebhookSignature(request.body.replace('exec-w', 'exec-x'), request.headers, SECRET, 300, NOW), 'bad_signature'],
		['the secret is wrong', () => verifyWebhookSignature(request.body, request.headers, 'other', 300, NOW), 'bad_signature'],
		['the timestamp header is changed', () => verifyWebhookSignature(request.body, { ...request.headers, 'X-Governance-Timestamp': String(NOW + 1) }, SECRET, 300, NOW), 'bad_signature'],
		['the request is too old', () => verifyWebhookSignature(request.body, request.headers, SECRET, 300, NOW + 301), 'stale_timestamp'],
		['the timestamp is not a number', () => verifyWebhookSignature(request.body, { ...request.headers, 'X-Governance-Timestamp': 'soon' }, SECRET, 300, NOW), 'bad_timestamp'],
		['the signature header is missing', () => verifyWebhookSignature(request.body, { 'X-Governance-Timestamp': String(NOW) }, SECRET, 300, NOW), 'missing_headers'],
	])('when %s then verification fails', (_name, run, reason) => {
		expect(run()).toEqual({ valid: false, reason });
	});

	test('when header names arrive lower-cased (Node http) then verification still works', () => {
		const lower = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k.toLowerCase(), v]));
		expect(verifyWebhookSignature(request.body, lower, SECRET, 300, NOW).valid).toBe(true);
	});
});

describe('Splunk HEC payload', () => {
	const events = makeChain('exec-s', 2);

	test('when built then the body is one HEC event object per audit event and the token is in the header', () => {
		const request = buildSplunkHecRequest(events, { token: 'abc-123', host: 'n8n-1', index: 'audit' });
		expect(request.path).toBe('/services/collector/event');
		expect(request.headers.Authorization).toBe('Splunk abc-123');
		const objects = request.body.split('\n').map((line) => JSON.parse(line));
		expect(objects).toHaveLength(3);
		expect(objects[0]).toEqual({
			time: Date.parse(events[0].time) / 1000,
			host: 'n8n-1',
			source: events[0].source,
			sourcetype: 'n8n:governance:audit',
			index: 'audit',
			event: events[0],
		});
		expect(verifyAuditEvents(objects.map((o) => o.event), KEYS).valid).toBe(true);
	});

	test('when host and index are not set then they are left out', () => {
		const [first] = buildSplunkHecRequest(events, { token: 't' }).body.split('\n').map((l) => JSON.parse(l));
		expect(Object.keys(first).sort()).toEqual(['event', 'source', 'sourcetype', 'time']);
	});

	test('when the token is empty then a GovernanceError is thrown', () => {
		expect(() => buildSplunkHecRequest(events, { token: ' ' })).toThrow(GovernanceError);
	});
});

describe('delivery planning', () => {
	test.each<[string, DeliveryOutcome, boolean]>([
		['a network error', { kind: 'network', code: 'ECONNRESET' }, true],
		['HTTP 408', { kind: 'http', status: 408 }, true],
		['HTTP 429', { kind: 'http', status: 429 }, true],
		['HTTP 500', { kind: 'http', status: 500 }, true],
		['HTTP 503', { kind: 'http', status: 503 }, true],
		['HTTP 400', { kind: 'http', status: 400 }, false],
		['HTTP 401', { kind: 'http', status: 401 }, false],
		['HTTP 404', { kind: 'http', status: 404 }, false],
	])('when the outcome is %s then retryable is %s', (_name, outcome, expected) => {
		expect(isRetryable(outcome)).toBe(expected);
	});

	test('when random is fixed then backoff is exponential with equal jitter and capped', () => {
		const policy = { maxRetries: 6, baseDelayMs: 100, maxDelayMs: 1000 };
		expect(retrySchedule(policy, () => 0)).toEqual([50, 100, 200, 400, 500, 500]);
		expect(retrySchedule(policy, () => 0.999999)).toEqual([100, 200, 400, 800, 1000, 1000]);
		expect(backoffDelay(1, policy, () => 0.5)).toBe(150);
	});

	test('when attempts keep failing retryably then retries stop after maxRetries', () => {
		const outcome: DeliveryOutcome = { kind: 'http', status: 503 };
		const decisions = [1, 2, 3, 4, 5, 6].map((attempt) => planDelivery(attempt, outcome, DEFAULT_RETRY_POLICY, () => 0.5).action);
		expect(decisions).toEqual(['retry', 'retry', 'retry', 'retry', 'retry', 'give_up']);
	});

	test.each<[string, DeliveryOutcome, string]>([
		['HTTP 204', { kind: 'http', status: 204 }, 'done'],
		['HTTP 400', { kind: 'http', status: 400 }, 'give_up'],
		['a network error', { kind: 'network' }, 'retry'],
	])('when the first attempt ends with %s then the action is %s', (_name, outcome, action) => {
		expect(planDelivery(1, outcome).action).toBe(action);
	});

	test('when the server sends Retry-After then the delay honours it up to the cap', () => {
		const policy = { maxRetries: 3, baseDelayMs: 100, maxDelayMs: 10_000 };
		expect(planDelivery(1, { kind: 'http', status: 429, retryAfter: '7' }, policy, () => 0).delayMs).toBe(7000);
		expect(planDelivery(1, { kind: 'http', status: 429, retryAfter: '120' }, policy, () => 0).delayMs).toBe(10_000);
		expect(parseRetryAfter('Wed, 01 May 2024 12:00:05 GMT', Date.parse('2024-05-01T12:00:00Z'))).toBe(5000);
		expect(parseRetryAfter('whenever', 0)).toBeUndefined();
	});
});
