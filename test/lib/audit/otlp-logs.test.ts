import { buildOtlpLogsPayload, buildOtlpLogsRequest, severityFor, toAnyValue, toUnixNano } from '../../../lib/audit';
import { makeChain } from './fixtures';

// The protobufjs root generated from the official opentelemetry-proto definitions, as shipped by
// the OpenTelemetry JS SDK (@opentelemetry/otlp-transformer).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const root = require('@opentelemetry/otlp-transformer/build/src/generated/root.js');
const ExportLogsServiceRequest = root.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;

type Json = unknown;

/** OTLP/JSON differs from proto3 JSON in one point: traceId/spanId are hex, not base64. */
function otlpJsonToProtoObject(value: Json, key = ''): Json {
	if ((key === 'traceId' || key === 'spanId') && typeof value === 'string') {
		expect(value).toMatch(key === 'traceId' ? /^[0-9a-f]{32}$/ : /^[0-9a-f]{16}$/);
		return Buffer.from(value, 'hex');
	}
	if (Array.isArray(value)) return value.map((v) => otlpJsonToProtoObject(v));
	if (value !== null && typeof value === 'object') {
		return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, otlpJsonToProtoObject(v, k)]));
	}
	return value;
}

function bytesToHex(value: Json, key = ''): Json {
	if ((key === 'traceId' || key === 'spanId') && typeof value === 'string') return Buffer.from(value, 'base64').toString('hex');
	if (Array.isArray(value)) return value.map((v) => bytesToHex(v));
	if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, bytesToHex(v, k)]));
	return value;
}

/** Decodes OTLP/JSON text with the official schema and re-encodes it through protobuf binary. */
function decodeWithOtel(body: string) {
	const message = ExportLogsServiceRequest.fromObject(otlpJsonToProtoObject(JSON.parse(body)));
	expect(ExportLogsServiceRequest.verify(message)).toBeNull();
	const binary = ExportLogsServiceRequest.encode(message).finish();
	const decoded = ExportLogsServiceRequest.decode(binary);
	return { decoded, plain: bytesToHex(ExportLogsServiceRequest.toObject(decoded, { longs: String, enums: Number, bytes: String })) };
}

const observedTime = new Date('2024-05-01T13:00:00.000Z');

describe('buildOtlpLogsPayload', () => {
	test('when the request is decoded by the OpenTelemetry protobuf schema then nothing is lost or renamed', () => {
		const events = makeChain('exec-otel', 2);
		const request = buildOtlpLogsRequest(events, { serviceName: 'n8n', serviceVersion: '1.2.3', scopeVersion: '0.1.0', observedTime, resourceAttributes: { 'service.namespace': 'ai', 'host.count': 3 } });
		expect(request.path).toBe('/v1/logs');
		const { plain } = decodeWithOtel(request.body);
		// Round trip through the official schema equals what we sent: every field name and type is known to OTLP.
		expect(plain).toEqual(JSON.parse(request.body));
	});

	test('when a field name is not in the OTLP schema then this decoding check notices (the check has teeth)', () => {
		const payload = JSON.parse(JSON.stringify(buildOtlpLogsPayload(makeChain('x', 1), { observedTime })));
		const record = payload.resourceLogs[0].scopeLogs[0].logRecords[0];
		record.severity_number = record.severityNumber;
		delete record.severityNumber;
		expect(decodeWithOtel(JSON.stringify(payload)).plain).not.toEqual(payload);
	});

	test('when decoded then trace id bytes, span id, times, body and attributes are right', () => {
		const events = makeChain('exec-otel', 1);
		const { decoded } = decodeWithOtel(JSON.stringify(buildOtlpLogsPayload(events, { serviceName: 'gov', observedTime })));
		const resource = decoded.resourceLogs[0].resource;
		const attrs = Object.fromEntries(resource.attributes.map((a: { key: string; value: { stringValue: string } }) => [a.key, a.value.stringValue]));
		expect(attrs).toEqual({ 'service.name': 'gov', 'deployment.environment.name': 'production' });
		const [record, closing] = decoded.resourceLogs[0].scopeLogs[0].logRecords;
		expect(Buffer.from(record.traceId).toString('hex')).toBe(events[0].data.correlationId);
		expect(Buffer.from(record.spanId).toString('hex')).toBe(events[0].traceparent.split('-')[2]);
		expect(record.timeUnixNano.toString()).toBe(`${Date.parse(events[0].time)}000000`);
		expect(record.observedTimeUnixNano.toString()).toBe('1714568400000000000');
		expect(record.severityNumber).toBe(9);
		expect(record.severityText).toBe('INFO');
		expect(record.eventName).toBe(events[0].type);
		expect(JSON.parse(record.body.stringValue)).toEqual(events[0]);
		const recordAttrs = Object.fromEntries(record.attributes.map((a: { key: string; value: Record<string, unknown> }) => [a.key, a.value.stringValue ?? String(a.value.intValue)]));
		expect(recordAttrs).toMatchObject({
			'cloudevents.event_id': events[0].id,
			'cloudevents.event_type': events[0].type,
			'governance.action': 'workflow.started',
			'governance.chain.seq': '0',
			'n8n.workflow.id': 'wf-1',
			'n8n.execution.id': 'exec-otel',
		});
		expect(closing.attributes.find((a: { key: string }) => a.key === 'governance.chain.seq').value.intValue.toString()).toBe('1');
	});

	test('when the body format is kvlist then the structured body survives the official schema', () => {
		const events = makeChain('exec-kv', 1);
		const body = JSON.stringify(buildOtlpLogsPayload(events, { bodyFormat: 'kvlist', observedTime }));
		const { plain } = decodeWithOtel(body);
		expect(plain).toEqual(JSON.parse(body));
		const kv = (plain as { resourceLogs: Array<{ scopeLogs: Array<{ logRecords: Array<{ body: { kvlistValue: { values: Array<{ key: string }> } } }> }> }> }).resourceLogs[0].scopeLogs[0].logRecords[0].body.kvlistValue.values.map((v) => v.key);
		expect(kv).toContain('data');
	});

	test.each([
		['2024-05-01T12:00:00Z', '1714564800000000000'],
		['2024-05-01T12:00:00.5Z', '1714564800500000000'],
		['2024-05-01T12:00:00.123456789Z', '1714564800123456789'],
		['2024-05-01T14:00:00.000001+02:00', '1714564800000001000'],
		['1970-01-01T00:00:00.000000042Z', '42'],
	])('when the time is %s then timeUnixNano is %s', (time, nanos) => {
		expect(toUnixNano(time)).toBe(nanos);
	});

	test.each([
		['success', 9, 'INFO'],
		['failure', 17, 'ERROR'],
		['denied', 13, 'WARN'],
		['approved', 9, 'INFO'],
	])('when the outcome is %s then severity is %s %s', (outcome, severityNumber, severityText) => {
		expect(severityFor(outcome)).toEqual({ severityNumber, severityText });
	});

	test('when JSON values are converted then int64 become strings and doubles stay numbers', () => {
		expect(toAnyValue({ a: 1, b: 1.5, c: [true, null], d: 'x' })).toEqual({
			kvlistValue: {
				values: [
					{ key: 'a', value: { intValue: '1' } },
					{ key: 'b', value: { doubleValue: 1.5 } },
					{ key: 'c', value: { arrayValue: { values: [{ boolValue: true }, {}] } } },
					{ key: 'd', value: { stringValue: 'x' } },
				],
			},
		});
	});
});
