/// <reference types="node" />
/**
 * Audit engine throughput: sign, verify and query over N generated events (default 1,000,000),
 * interleaved across executions as a merged log would be. Run: npm run bench:audit [-- --events N]
 */
import { createHash, createHmac } from 'node:crypto';
import { formatAuditTimeline, initialChainState, queryAuditEvents, queryAuditLog, signClose, signNext, verifyAuditEvents, verifyAuditLog } from '../../lib/audit';
import type { AuditChainState, AuditEvent } from '../../lib/audit';

const KEY = { id: 'bench-key', secret: 'bench-secret-0123456789abcdef0123456789abcdef' };
const argIndex = process.argv.indexOf('--events');
const TOTAL = argIndex > 0 ? Number(process.argv[argIndex + 1]) : 1_000_000;
const PER_CHAIN = 10; // 9 events + closing event
const CHAINS = Math.ceil(TOTAL / PER_CHAIN);
const VERIFY_TARGET = 200_000;
const QUERY_TARGET_MS = 1000;

interface Timing {
	wallMs: number;
	cpuMs: number;
}

function measure<T>(fn: () => T): { result: T; timing: Timing } {
	const cpu0 = process.cpuUsage();
	const t0 = performance.now();
	const result = fn();
	const wallMs = performance.now() - t0;
	const cpu = process.cpuUsage(cpu0);
	return { result, timing: { wallMs, cpuMs: (cpu.user + cpu.system) / 1000 } };
}

const rate = (n: number, ms: number) => Math.round(n / (ms / 1000));
const fmt = (n: number) => n.toLocaleString('en-US');

function report(name: string, n: number, t: Timing, extra = ''): void {
	console.log(`${name.padEnd(42)} ${fmt(n).padStart(10)} events  ${t.wallMs.toFixed(0).padStart(7)} ms wall  ${fmt(rate(n, t.wallMs)).padStart(9)} ev/s wall  ${fmt(rate(n, t.cpuMs)).padStart(9)} ev/s cpu ${extra}`);
}

console.log(`node ${process.version}, ${TOTAL.toLocaleString('en-US')} events in ${fmt(CHAINS)} chains of ${PER_CHAIN}`);

// --- sign: signNext over plain state objects, chains interleaved round-robin
let clock = Date.UTC(2024, 4, 1);
const now = () => new Date((clock += 1));
const states: AuditChainState[] = Array.from({ length: CHAINS }, (_, c) => initialChainState(`exec-${c}`));
const signCloseStep = (state: AuditChainState) => signClose(state, { actor: { type: 'system' } }, KEY, { now });
const sign = measure(() => {
	const out: AuditEvent[] = [];
	for (let step = 0; step < PER_CHAIN && out.length < TOTAL; step++) {
		for (let c = 0; c < CHAINS && out.length < TOTAL; c++) {
			const input = {
				action: step === 0 ? 'workflow.started' : 'data.sent_to_model',
				outcome: 'success',
				actor: { type: 'user', id: `u-${c % 1000}`, name: `User ${c % 1000}` },
				workflow: { id: `wf-${c % 100}`, name: `Workflow ${c % 100}`, versionId: `v-${c % 7}` },
				execution: { id: `exec-${c}`, mode: 'webhook' },
				node: { name: `Node ${step}`, type: 'n8n-nodes-base.openAi' },
				profile: { environment: 'production', owner: 'ops@example.com', dataClassification: 'confidential' },
				policies: [{ policy: 'redaction', result: 'applied', detail: `${step} EMAIL_ADDRESS` }],
				custom: { model: 'gpt-4o-mini', tokens: 1000 + step },
			};
			const result = step === PER_CHAIN - 1 ? signCloseStep(states[c]) : signNext(states[c], input, KEY, { now });
			states[c] = result.state;
			out.push(result.event);
		}
	}
	return out;
});
const events = sign.result;
report('sign (build + HMAC + hash)', events.length, sign.timing);

// --- transport: serialise to JSON lines and parse back, as the CLI reads a file
const serialise = measure(() => events.map((e) => JSON.stringify(e)));
const lines = serialise.result;
const bytes = lines.reduce((sum, l) => sum + l.length + 1, 0);
report('serialise (JSON.stringify)', lines.length, serialise.timing, `${(bytes / 1e6).toFixed(0)} MB`);
const parse = measure(() => lines.map((l) => JSON.parse(l) as AuditEvent));
const parsed = parse.result;
report('parse (JSON.parse)', parsed.length, parse.timing);

// --- verify: signatures, links, anchors, ids, closing events
const verify = measure(() => verifyAuditEvents(parsed, { [KEY.id]: KEY.secret }, { requireClosed: true }));
if (!verify.result.valid) throw new Error(`bench chain did not verify: ${JSON.stringify(verify.result.problems.slice(0, 3))}`);
report('verify (parsed events)', parsed.length, verify.timing, `chains=${fmt(verify.result.chains.length)} valid=${verify.result.valid}`);

// --- verify as the CLI does: the JSON Lines file's bytes in, the verdict out (parsing included)
const log = Buffer.alloc(bytes);
let offset = 0;
for (const line of lines) {
	offset += log.write(line, offset, 'utf8');
	log[offset++] = 10;
}
const verifyLines = measure(() => verifyAuditLog(log, { [KEY.id]: KEY.secret }, { requireClosed: true }));
if (!verifyLines.result.valid) throw new Error('bench log did not verify');
report('verify JSON Lines (bytes in, parse incl.)', verifyLines.result.eventCount, verifyLines.timing, `chains=${fmt(verifyLines.result.chains.length)} valid=${verifyLines.result.valid}`);
lines.length = 0;

// --- the crypto floor: one HMAC-SHA256 and one SHA-256 per event over a canonical event text
const sample = JSON.stringify(parsed[0]);
const floorN = Math.min(parsed.length, 200_000);
const floor = measure(() => {
	for (let i = 0; i < floorN; i++) {
		createHmac('sha256', KEY.secret).update(sample).digest('hex');
		createHash('sha256').update(sample).digest('hex');
	}
});
report('crypto floor (HMAC + SHA-256 only)', floorN, floor.timing, `${sample.length} B/event`);

// --- query
const queries: Array<[string, Parameters<typeof queryAuditEvents>[1]]> = [
	['query --execution exec-4242', { executionId: 'exec-4242' }],
	['query --workflow wf-7', { workflowId: 'wf-7' }],
	['query --actor user:u-42', { actor: 'user:u-42' }],
	['query (no filter, full timeline)', {}],
];
const queryResults: Array<{ name: string; ms: number; matched: number }> = [];
for (const [name, q] of queries) {
	const run = measure(() => queryAuditEvents(parsed, q));
	report(name, parsed.length, run.timing, `matched=${fmt(run.result.total)} in ${fmt(run.result.chains.length)} executions`);
	queryResults.push({ name, ms: run.timing.wallMs, matched: run.result.total });
}
// --- the same queries as the CLI runs them: the JSON Lines file's bytes in (only lines that can match are parsed)
const fileQueryResults: Array<{ name: string; ms: number; filtered: boolean }> = [];
for (const [name, q] of queries) {
	const run = measure(() => queryAuditLog(log, q));
	const inMemory = queryResults.find((r) => r.name === name);
	if (run.result.total !== inMemory?.matched) throw new Error(`${name}: file query matched ${run.result.total}, in-memory ${inMemory?.matched}`);
	report(`${name} (file bytes)`, parsed.length, run.timing, `matched=${fmt(run.result.total)}`);
	fileQueryResults.push({ name, ms: run.timing.wallMs, filtered: Object.keys(q ?? {}).length > 0 });
}
const text = formatAuditTimeline(queryAuditEvents(parsed, { executionId: 'exec-4242' }));
console.log(`\nSample timeline:\n${text}`);

const verifyRate = rate(parsed.length, verifyLines.timing.wallMs);
const slowestQuery = Math.max(...queryResults.map((q) => q.ms));
console.log(`Targets: verify (CLI path: JSON Lines bytes) >= ${fmt(VERIFY_TARGET)} ev/s: ${verifyRate >= VERIFY_TARGET ? 'MET' : 'MISSED'} (${fmt(verifyRate)} ev/s wall, ${fmt(rate(parsed.length, verifyLines.timing.cpuMs))} ev/s cpu; object path ${fmt(rate(parsed.length, verify.timing.wallMs))} ev/s wall, ${fmt(rate(parsed.length, verify.timing.cpuMs))} ev/s cpu)`);
console.log(`         query over ${fmt(parsed.length)} events < ${QUERY_TARGET_MS} ms: ${slowestQuery < QUERY_TARGET_MS ? 'MET' : 'MISSED'} (slowest ${slowestQuery.toFixed(0)} ms over parsed events)`);
const slowestFiltered = Math.max(...fileQueryResults.filter((q) => q.filtered).map((q) => q.ms));
const fullFile = fileQueryResults.find((q) => !q.filtered)?.ms ?? NaN;
console.log(`         from the file's bytes: slowest filtered query ${slowestFiltered.toFixed(0)} ms (${slowestFiltered < QUERY_TARGET_MS ? 'under' : 'over'} ${QUERY_TARGET_MS} ms); the unfiltered timeline parses every line: ${fullFile.toFixed(0)} ms`);
