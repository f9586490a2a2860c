import { randomHex, sha256Hex } from './crypto';

/** The fields of a W3C Trace Context `traceparent` header. */
export interface TraceParent {
	version: string;
	traceId: string;
	parentId: string;
	flags: string;
}

const V00 = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;
const FUTURE = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(?:-.*)?$/;
const ZERO_TRACE = '0'.repeat(32);
const ZERO_SPAN = '0'.repeat(16);

/**
 * Parses a `traceparent` header per W3C Trace Context level 1: lowercase hex only, version `ff`
 * invalid, version 00 exactly 55 characters, trace id and parent id not all zeros. A higher version
 * is read by its first four fields when what follows them starts with `-`. Returns undefined when invalid.
 */
export function parseTraceparent(value: string | undefined | null): TraceParent | undefined {
	if (typeof value !== 'string') return undefined;
	const header = value.trim();
	let fields: string[];
	const v00 = V00.exec(header);
	if (v00) {
		fields = ['00', v00[1], v00[2], v00[3]];
	} else {
		const future = FUTURE.exec(header);
		if (!future || future[1] === '00' || future[1] === 'ff') return undefined;
		fields = future.slice(1, 5);
	}
	const [version, traceId, parentId, flags] = fields;
	if (traceId === ZERO_TRACE || parentId === ZERO_SPAN) return undefined;
	return { version, traceId, parentId, flags };
}

/** Formats a version-00 `traceparent`. */
export function formatTraceparent(traceId: string, spanId: string, flags = '01'): string {
	return `00-${traceId}-${spanId}-${flags}`;
}

/** A trace id derived from workflow and execution ids: first 16 bytes of SHA-256, hex. */
export function deriveTraceId(workflowId: string, executionId: string): string {
	const input = `n8n-governance-trace:${workflowId}:${executionId}`;
	// Every event of an execution derives the same id: remember the last one.
	if (input === lastDerived.input) return lastDerived.id;
	const hash = sha256Hex(input).slice(0, 32);
	const id = hash === ZERO_TRACE ? `${hash.slice(0, 31)}1` : hash;
	lastDerived = { input, id };
	return id;
}

let lastDerived = { input: '', id: '' };

/** A random, non-zero 8-byte span id in hex. */
export function newSpanId(): string {
	for (;;) {
		const id = randomHex(8);
		if (id !== ZERO_SPAN) return id;
	}
}

export function isSpanId(value: string): boolean {
	return /^[0-9a-f]{16}$/.test(value) && value !== ZERO_SPAN;
}

export function isTraceId(value: string): boolean {
	return /^[0-9a-f]{32}$/.test(value) && value !== ZERO_TRACE;
}

/** The correlation an execution uses: its trace id and the `traceparent` to send downstream. */
export interface Correlation {
	traceId: string;
	/** Span id of the incoming caller, when a valid header was given. */
	parentId?: string;
	/** Fresh span id for this hop. */
	spanId: string;
	flags: string;
	/** `traceparent` for downstream calls: same trace id, fresh span id. */
	traceparent: string;
	origin: 'incoming' | 'derived';
}

/**
 * Reuses the trace id of a valid incoming `traceparent`, else derives one deterministically from
 * workflow id + execution id, and produces a `traceparent` with a fresh span id for downstream calls.
 */
export function resolveCorrelation(options: {
	traceparent?: string | null;
	workflowId?: string;
	executionId: string;
	spanId?: string;
}): Correlation {
	const spanId = options.spanId !== undefined && isSpanId(options.spanId) ? options.spanId : newSpanId();
	const incoming = parseTraceparent(options.traceparent);
	if (incoming) {
		// Keep only the sampled bit for version 00 headers we emit.
		const flags = (parseInt(incoming.flags, 16) & 1) === 1 ? '01' : '00';
		return {
			traceId: incoming.traceId,
			parentId: incoming.parentId,
			spanId,
			flags,
			traceparent: formatTraceparent(incoming.traceId, spanId, flags),
			origin: 'incoming',
		};
	}
	const traceId = deriveTraceId(options.workflowId ?? '', options.executionId);
	return { traceId, spanId, flags: '01', traceparent: formatTraceparent(traceId, spanId, '01'), origin: 'derived' };
}
