/// <reference types="node" />
/** Profiles verify alone: node --cpu-prof bench/audit/dist/bench/audit/verify-profile.js [N] [FILE: write the log there; with N=0 read it] */
import { initialChainState, signNext, verifyAuditEvents, verifyAuditLog } from '../../lib/audit';
import type { AuditChainState, AuditEvent } from '../../lib/audit';

const KEY = { id: 'bench-key', secret: 'bench-secret-0123456789abcdef0123456789abcdef' };
import { readFileSync, writeFileSync } from 'node:fs';
const N = Number(process.argv[2] ?? 100_000);
const FILE = process.argv[3];
const CHAINS = Math.ceil(N / 10);
const states: AuditChainState[] = Array.from({ length: CHAINS }, (_, c) => initialChainState(`exec-${c}`));
let lines: string[] = [];
if (FILE && N === 0) lines = readFileSync(FILE, 'utf8').trim().split('\n');
else for (let step = 0; step < 10; step++) {
	for (let c = 0; c < CHAINS; c++) {
		const r = signNext(states[c], {
			action: 'data.sent_to_model', outcome: 'success', actor: { type: 'user', id: `u-${c % 1000}`, name: `User ${c % 1000}` },
			workflow: { id: `wf-${c % 100}`, name: `Workflow ${c % 100}`, versionId: `v-${c % 7}` }, execution: { id: `exec-${c}`, mode: 'webhook' },
			node: { name: `Node ${step}`, type: 'n8n-nodes-base.openAi' }, profile: { environment: 'production', owner: 'ops@example.com', dataClassification: 'confidential' },
			policies: [{ policy: 'redaction', result: 'applied', detail: `${step} EMAIL_ADDRESS` }], custom: { model: 'gpt-4o-mini', tokens: 1000 + step },
		}, KEY);
		states[c] = r.state;
		lines.push(JSON.stringify(r.event));
	}
}
/** The log as bytes, one line per event (joined in chunks: a million lines exceed V8's longest string). */
function logBytes(): Buffer {
	const chunks: Buffer[] = [];
	for (let i = 0; i < lines.length; i += 10_000) chunks.push(Buffer.from(lines.slice(i, i + 10_000).join('\n') + '\n', 'utf8'));
	return Buffer.concat(chunks);
}
if (FILE && N > 0) {
	writeFileSync(FILE, logBytes());
	process.exit(0);
}
const cpu = (f: () => void) => { const a = process.cpuUsage(); f(); const u = process.cpuUsage(a); return (u.user + u.system) / 1000; };
const log = logBytes();
let valid = false;
const logMs = cpu(() => { valid = verifyAuditLog(log, { [KEY.id]: KEY.secret }).valid; });
let parsed: AuditEvent[] = [];
const parseMs = cpu(() => { parsed = lines.map((l) => JSON.parse(l) as AuditEvent); });
let validObjects = false;
const objectsMs = cpu(() => { validObjects = verifyAuditEvents(parsed, { [KEY.id]: KEY.secret }).valid; });
const rate = (ms: number) => Math.round((lines.length / ms) * 1000);
console.log(`${lines.length} events: verifyAuditLog (bytes in) ${rate(logMs)} ev/s cpu, valid=${valid}`);
console.log(`${lines.length} events: parse ${rate(parseMs)} ev/s cpu, verifyAuditEvents ${rate(objectsMs)} ev/s cpu, parse+verify ${rate(parseMs + objectsMs)} ev/s cpu, valid=${validObjects}`);
