/// <reference types="node" />
/**
 * Audit engine throughput: sign, verify and query over N generated events (default 1,000,000),
 * interleaved across executions as a merged log would be. Run: npm run bench:audit [-- --events N]
 */
import { rangeMacHex, rangeMacKey, rangeSha256Hex } from '../../lib/audit/crypto';
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

// --- floors of the scheme on this machine, over the same log bytes: what any verifier of it must do
// per line, without reading any field. (1) the three digests: HMAC inner + outer over the line minus
// a sig-sized cut, SHA-256 of the line for the chain; (2) those plus finding the line and one Map
// insert for the event id and one lookup/update for its chain (ids and chain ids at fixed offsets).
const macKey = rangeMacKey(KEY.secret);
const digestsOnly = measure(() => {
	let n = 0;
	for (let start = 0; start < log.length; n++) {
		const end = log.indexOf(10, start);
		const cut = start + ((end - start) >> 1);
		rangeMacHex(macKey, log, start, cut, cut + 73, end);
		rangeSha256Hex(log, start, end);
		start = end + 1;
	}
	return n;
});
report('floor: 3 digests per line', digestsOnly.result, digestsOnly.timing, `${(log.length / digestsOnly.result).toFixed(0)} B/line`);
const minimalLoop = measure(() => {
	const ids = new Map<string, number>();
	const chains = new Map<string, { hash: string }>();
	let n = 0;
	for (let start = 0; start < log.length; n++) {
		const end = log.indexOf(10, start);
		const cut = start + ((end - start) >> 1);
		rangeMacHex(macKey, log, start, cut, cut + 73, end);
		const hash = rangeSha256Hex(log, start, end);
		const id = log.toString('latin1', end - 400, end - 364);
		if (ids.get(id) === undefined) ids.set(id, n);
		const chainId = log.toString('latin1', start + 12, start + 22);
		const chain = chains.get(chainId);
		if (chain === undefined) chains.set(chainId, { hash });
		else chain.hash = hash;
		start = end + 1;
	}
	return { n, ids: ids.size, chains: chains.size };
});
report('floor: + line split, id and chain maps', minimalLoop.result.n, minimalLoop.timing, `distinct ids ${fmt(minimalLoop.result.ids)}, chains ${fmt(minimalLoop.result.chains)}`);

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
console.log(`         floors of the scheme here: 3 digests per line ${fmt(rate(digestsOnly.result, digestsOnly.timing.wallMs))} ev/s wall; with line split and id/chain maps ${fmt(rate(minimalLoop.result.n, minimalLoop.timing.wallMs))} ev/s wall`);
console.log(`         query over ${fmt(parsed.length)} events < ${QUERY_TARGET_MS} ms: ${slowestQuery < QUERY_TARGET_MS ? 'MET' : 'MISSED'} (slowest ${slowestQuery.toFixed(0)} ms over parsed events)`);
const slowestFiltered = Math.max(...fileQueryResults.filter((q) => q.filtered).map((q) => q.ms));
const fullFile = fileQueryResults.find((q) => !q.filtered)?.ms ?? NaN;
console.log(`         from the file's bytes: slowest filtered query ${slowestFiltered.toFixed(0)} ms (${slowestFiltered < QUERY_TARGET_MS ? 'under' : 'over'} ${QUERY_TARGET_MS} ms); the unfiltered timeline parses every line: ${fullFile.toFixed(0)} ms`);
