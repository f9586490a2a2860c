import { deriveTraceId, parseTraceparent, resolveCorrelation } from '../../../lib/audit';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const SPAN = '00f067aa0ba902b7';

describe('parseTraceparent', () => {
	test.each([
		['a valid version-00 header', `00-${TRACE}-${SPAN}-01`, { version: '00', traceId: TRACE, parentId: SPAN, flags: '01' }],
		['surrounding whitespace', `  00-${TRACE}-${SPAN}-00 `, { version: '00', traceId: TRACE, parentId: SPAN, flags: '00' }],
		['a future version with more fields', `cc-${TRACE}-${SPAN}-01-what-the-future-holds`, { version: 'cc', traceId: TRACE, parentId: SPAN, flags: '01' }],
		['a future version of exactly 55 chars', `01-${TRACE}-${SPAN}-09`, { version: '01', traceId: TRACE, parentId: SPAN, flags: '09' }],
		['version ff', `ff-${TRACE}-${SPAN}-01`, undefined],
		['version 00 with trailing data', `00-${TRACE}-${SPAN}-01-extra`, undefined],
		['a future version with junk after flags', `01-${TRACE}-${SPAN}-01x`, undefined],
		['an all-zero trace id', `00-${'0'.repeat(32)}-${SPAN}-01`, undefined],
		['an all-zero parent id', `00-${TRACE}-${'0'.repeat(16)}-01`, undefined],
		['uppercase hex', `00-${TRACE.toUpperCase()}-${SPAN}-01`, undefined],
		['a short trace id', `00-${TRACE.slice(1)}-${SPAN}-01`, undefined],
		['a short parent id', `00-${TRACE}-${SPAN.slice(1)}-01`, undefined],
		['one-char flags', `00-${TRACE}-${SPAN}-1`, undefined],
		['non-hex characters', `00-${TRACE.slice(0, 31)}g-${SPAN}-01`, undefined],
		['an empty string', '', undefined],
		['undefined', undefined, undefined],
	])('when the header is %s then the result is as expected', (_name, header, expected) => {
		expect(parseTraceparent(header as string | undefined)).toEqual(expected);
	});
});

describe('resolveCorrelation', () => {
	test('when a valid traceparent comes in then its trace id is reused with a fresh span id', () => {
		const c = resolveCorrelation({ traceparent: `00-${TRACE}-${SPAN}-01`, workflowId: 'w', executionId: 'e' });
		expect(c.origin).toBe('incoming');
		expect(c.traceId).toBe(TRACE);
		expect(c.parentId).toBe(SPAN);
		expect(c.spanId).toMatch(/^[0-9a-f]{16}$/);
		expect(c.spanId).not.toBe(SPAN);
		expect(c.traceparent).toBe(`00-${TRACE}-${c.spanId}-01`);
	});

	test('when the incoming flags are not sampled then the downstream header keeps them unsampled', () => {
		expect(resolveCorrelation({ traceparent: `00-${TRACE}-${SPAN}-00`, executionId: 'e' }).flags).toBe('00');
	});

	test('when the header is invalid or missing then the trace id is derived from workflow and execution ids', () => {
		const a = resolveCorrelation({ traceparent: 'garbage', workflowId: 'w1', executionId: 'e1' });
		const b = resolveCorrelation({ workflowId: 'w1', executionId: 'e1' });
		expect(a.origin).toBe('derived');
		expect(a.traceId).toBe(b.traceId);
		expect(a.traceId).toBe(deriveTraceId('w1', 'e1'));
		expect(a.traceId).toMatch(/^[0-9a-f]{32}$/);
		expect(a.spanId).not.toBe(b.spanId);
		expect(deriveTraceId('w1', 'e2')).not.toBe(a.traceId);
	});

	test('when a span id is given then it is used', () => {
		expect(resolveCorrelation({ executionId: 'e', spanId: SPAN }).traceparent.endsWith(`-${SPAN}-01`)).toBe(true);
	});
});
