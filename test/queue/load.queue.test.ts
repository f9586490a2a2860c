/**
 * Load and faults in queue mode. NGOV_QUEUE_LOAD_RUNS executions (300 by default; `npm run bench:queue`: 2,000) of
 * Webhook → Environment Assertion → Kill Switch (expression) → Redact (~900 chars) → Audit Emitter (loopback
 * receiver) → Set at NGOV_QUEUE_LOAD_CLIENTS concurrent clients (16), through the webhook processor, with the
 * faults in NGOV_QUEUE_FAULTS (default `kill`; the bench adds `redis,receiver`): SIGKILL worker 1 and restart it,
 * restart Redis, the audit receiver answers 500 for 10 s. Before that, a fault-free side-by-side of the governed
 * chain, the same chain with No Op nodes and an n8n-only floor (n8n's own nodes doing what n8n does for ours: three
 * credential reads, one expression, one POST to the receiver; see floorNodes) in alternating blocks gives throughput
 * and p50/p99.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WorkflowNode } from '../e2e/harness/client';
import { createActiveWorkflow, createCredential } from '../e2e/harness/client';
import { FLOOR_TOTP, floorNodes, noOp, type, uniquePath, webhookTrigger } from '../e2e/harness/nodes';
import { createProfile } from '../e2e/harness/profiles';
import { startReceiver } from '../e2e/harness/receiver';
import { auditEmitter, environmentAssertion, webhookSink } from '../e2e/audit-emitter/workflow';
import { createRedactionKey, redactNode } from '../e2e/redact-restore/workflow';
import { attachQueueCluster } from './harness/cluster';
import { allExecutions, callQueueWebhook } from './harness/client';
import { REDACT, cliVerify } from './harness/governed';
import { ledger } from './harness/ledger';
import type { LoadResult } from './harness/load';
import { figures, runLoad } from './harness/load';

const RUNS = Number(process.env.NGOV_QUEUE_LOAD_RUNS ?? 300);
const CLIENTS = Number(process.env.NGOV_QUEUE_LOAD_CLIENTS ?? 16);
const FAULTS = (process.env.NGOV_QUEUE_FAULTS ?? 'kill').split(',').filter(Boolean);
const SIDE_BY_SIDE = Math.min(400, Math.max(100, Math.round(RUNS / 4)));
const log = (line: string) => process.stderr.write(`[queue load] ${line}\n`);
const sleep = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

const cluster = attachQueueCluster();
let failing = false;
const refused = new WeakSet<object>();
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let dir: string;
let profile: Awaited<ReturnType<typeof createProfile>>;

const SET: WorkflowNode = {
	name: 'Set',
	type: 'n8n-nodes-base.set',
	typeVersion: 3.4,
	parameters: { mode: 'raw', jsonOutput: '={ "i": {{ $json.body.i }}, "execution": "{{ $execution.id }}" }' },
};

/** The governed chain, with its own audit sink (a path of its own at the receiver, a chain id of its own). */
async function governedChain(): Promise<{ path: string; sink: { id: string; name: string }; url: string }> {
	const key = await createRedactionKey();
	const path = uniquePath('load-governed');
	const url = `/audit/${path}`;
	const sink = await webhookSink(`${receiver.url}${url}`);
	await createActiveWorkflow(`Load governed ${path}`, [
		webhookTrigger(path),
		environmentAssertion(profile),
		{ name: 'Kill Switch', type: type('killSwitch'), typeVersion: 1, parameters: { source: 'expression', switchValue: '={{ $json.body.halt }}' } },
		redactNode('Redact', { ...REDACT, fieldScope: 'paths', paths: 'body.text' }, key),
		auditEmitter('Audit Emitter', profile, sink, { closeChain: true }),
		SET,
	]);
	await warmUp(path);
	return { path, sink, url };
}

/** A fresh activation reaches the webhook processor a moment later: call until the webhook is registered. */
async function warmUp(path: string) {
	const answer = await callQueueWebhook(path, { body: { i: -1, halt: false, text: 'warm-up' } });
	if (answer.status !== 200) throw new Error(`warm-up call answered ${answer.status}: ${answer.text.slice(0, 300)}`);
}

async function noOpChain(): Promise<string> {
	const path = uniquePath('load-noop');
	await createActiveWorkflow(`Load No Op ${path}`, [webhookTrigger(path), noOp('No Op 1'), noOp('No Op 2'), noOp('No Op 3'), noOp('No Op 4'), SET]);
	await warmUp(path);
	return path;
}

/** n8n's own nodes doing what n8n does for the governed chain (see floorNodes), delivering to the receiver as the Audit Emitter does. */
async function floorChain(): Promise<string> {
	const path = uniquePath('load-floor');
	const credential = await createCredential('totpApi', FLOOR_TOTP);
	const post: WorkflowNode = {
		name: 'Deliver',
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		parameters: { method: 'POST', url: `${receiver.url}/floor/${path}`, sendBody: true, specifyBody: 'json', jsonBody: '{"event":"floor"}', options: { timeout: 10000 } },
	};
	const set = `={ "i": {{ $('Webhook').item.json.body.i }}, "execution": "{{ $execution.id }}" }`;
	await createActiveWorkflow(`Load floor ${path}`, [webhookTrigger(path), ...floorNodes(credential, set, [post])]);
	await warmUp(path);
	return path;
}

const workflowIdOf = async (path: string) => {
	const response = await fetch(`${cluster.mainUrl}/api/v1/workflows?limit=250`, { headers: { 'x-n8n-api-key': cluster.apiKey } });
	const workflows = ((await response.json()) as { data: Array<{ id: string; nodes: Array<{ parameters: { path?: string } }> }> }).data;
	return workflows.find((w) => w.nodes.some((n) => n.parameters.path === path))!.id;
};

function merge(a: LoadResult, b: LoadResult): LoadResult {
	return { calls: [...a.calls, ...b.calls], wallMs: a.wallMs + b.wallMs };
}

beforeAll(async () => {
	dir = mkdtempSync(join(tmpdir(), 'ngov-queue-load-'));
	// A request answered 500 was not accepted: only what the receiver answered 2xx counts as arrived.
	receiver = await startReceiver((request) => {
		if (!failing) return { status: 200 };
		refused.add(request);
		return { status: 500, body: '{"error":"receiver down (test fault)"}' };
	});
	profile = await createProfile({ environment: 'production' });
});

afterAll(async () => {
	await receiver?.close();
	if (dir) rmSync(dir, { recursive: true, force: true });
});

describe(`Load in queue mode (${RUNS} executions, ${CLIENTS} clients, faults: ${FAULTS.join(', ') || 'none'})`, () => {
	test('side by side without faults: the governed chain, the same chain with No Op nodes, and the n8n-only floor', async () => {
		const chains = { governed: (await governedChain()).path, plain: await noOpChain(), floor: await floorChain() };
		const names = Object.keys(chains) as Array<keyof typeof chains>;
		const results = { governed: { calls: [], wallMs: 0 }, plain: { calls: [], wallMs: 0 }, floor: { calls: [], wallMs: 0 } } as Record<keyof typeof chains, LoadResult>;
		// Warm each (first calls load credentials and code on each worker), then alternate blocks.
		for (const name of names) await runLoad(chains[name], { runs: 32, clients: CLIENTS, offset: 1_000_000 });
		for (let block = 0; block < 2; block++) {
			for (const [k, name] of names.entries()) {
				results[name] = merge(results[name], await runLoad(chains[name], { runs: SIDE_BY_SIDE / 2, clients: CLIENTS, offset: (2 + k) * 1_000_000 + block * 10_000 }));
			}
		}
		const [fg, fp, ff] = [figures(results.governed), figures(results.plain), figures(results.floor)];
		const row = (name: string, f: ReturnType<typeof figures>) =>
			`${name.padEnd(34)} ${String(f.ok + '/' + f.calls).padStart(9)} ${f.throughput.toFixed(1).padStart(8)}/s ${String(f.p50).padStart(6)} ms ${String(f.p99).padStart(6)} ms`;
		const ratio = (a: ReturnType<typeof figures>, b: ReturnType<typeof figures>) =>
			`throughput x${(a.throughput / b.throughput).toFixed(2)}, p50 x${(a.p50 / b.p50).toFixed(2)}, p99 x${(a.p99 / b.p99).toFixed(2)}`;
		log(
			`\n${'chain'.padEnd(34)} ${'ok'.padStart(9)} ${'throughput'.padStart(10)} ${'p50'.padStart(9)} ${'p99'.padStart(9)}\n` +
				`${row('governed (5 governance nodes)', fg)}\n${row('same chain with No Op nodes', fp)}\n${row('n8n-only floor (TOTP, Set, HTTP)', ff)}\n` +
				`governed / No Op: ${ratio(fg, fp)}\nn8n-only floor / No Op: ${ratio(ff, fp)}\ngoverned / n8n-only floor: ${ratio(fg, ff)}`,
		);
		// a call without an answer names its input `i`, time and error, so the run it started can be found in n8n
		const failed = names.flatMap((name) => results[name].calls.filter((c) => c.status !== 200).map((c) => ({ chain: name, ...c })));
		if (failed.length > 0) log(`calls without a 200 answer: ${JSON.stringify(failed)}`);
		expect({ governed: fg.ok, plain: fp.ok, floor: ff.ok }).toEqual({ governed: results.governed.calls.length, plain: results.plain.calls.length, floor: results.floor.calls.length });
	}, 1800000);

	test('under faults every run either succeeds or stops without passing an undecided governance node, and no audit event is lost or forged', async () => {
		const { path, sink, url } = await governedChain();
		const workflowId = await workflowIdOf(path);
		const events: string[] = [];
		const faults: Array<Promise<void>> = [];
		const at = (share: number, name: string, act: () => Promise<void>) => ({ threshold: Math.round(RUNS * share), name, act, fired: false });
		const schedule = [
			at(0.2, 'kill', async () => {
				const worker = cluster.workers[0];
				const pid = worker.pid;
				await worker.kill();
				events.push(`SIGKILL worker 1 (pid ${pid}) at ${Date.now()}`);
				const t0 = Date.now();
				await worker.restart();
				events.push(`worker 1 restarted (pid ${worker.pid}) ${Date.now() - t0} ms after the kill`);
			}),
			at(0.5, 'redis', async () => {
				const t0 = Date.now();
				await cluster.redis.restart();
				events.push(`Redis restarted (pid ${cluster.redis.pid}) in ${Date.now() - t0} ms`);
			}),
			at(0.75, 'receiver', async () => {
				failing = true;
				events.push(`audit receiver answers 500 from ${Date.now()}`);
				await sleep(10000);
				failing = false;
				events.push(`audit receiver answers 200 again from ${Date.now()}`);
			}),
		].filter((f) => FAULTS.includes(f.name));
		const started = Date.now();
		const result = await runLoad(path, {
			runs: RUNS,
			clients: CLIENTS,
			onProgress: (done) => {
				for (const fault of schedule) {
					if (!fault.fired && done >= fault.threshold) {
						fault.fired = true;
						faults.push(fault.act());
					}
				}
			},
		});
		await Promise.all(faults);
		log(`load with faults: ${JSON.stringify(figures(result))} in ${Date.now() - started} ms; faults: ${events.join('; ')}`);
		const byStatus: Record<string, number> = {};
		for (const call of result.calls) byStatus[call.status] = (byStatus[call.status] ?? 0) + 1;
		log(`client answers by HTTP status: ${JSON.stringify(byStatus)}; non-200 answers (status, ms, body): ${JSON.stringify(result.calls.filter((c) => c.status !== 200).map((c) => [c.status, c.ms, (c.body ?? c.error ?? '').slice(0, 100)]).slice(0, 12))}`);

		// Wait until n8n has settled every execution (the killed worker's runs included).
		const deadline = Date.now() + 240000;
		let executions = await allExecutions(workflowId);
		while (executions.some((e) => ['running', 'new', 'waiting'].includes(e.status)) && Date.now() < deadline) {
			await sleep(3000);
			executions = await allExecutions(workflowId);
		}
		const report = ledger(executions, receiver.received.filter((r) => r.url === url && !refused.has(r)), sink.id);
		const failed = executions.filter((e) => e.status !== 'success');
		log(`executions by status: ${JSON.stringify(report.statuses)} (${executions.length} stored for ${RUNS} calls)`);
		for (const e of failed.slice(0, 12)) {
			const error = e.data?.resultData?.error;
			log(`  execution ${e.id} ${e.status}: ${error?.node?.name ?? '-'}: ${String(error?.message ?? '(no error stored)').slice(0, 200)}; ran: ${Object.keys(e.data?.resultData?.runData ?? {}).join(' → ')}`);
		}
		const refusedRequests = receiver.received.filter((r) => r.url === url && refused.has(r)).length;
		log(`audit: ${report.uniqueEvents.length} distinct events accepted; ${refusedRequests} requests refused with 500; ${report.undelivered.length} events named undelivered (by id) in failed runs' errors; duplicates: ${JSON.stringify(report.duplicates)}; unfinished chains (execution → seqs that arrived): ${JSON.stringify(report.unfinishedChains)}`);

		expect(report.undecidedPasses).toEqual([]);
		expect(report.lost).toEqual([]);
		expect(report.unknown).toEqual([]);
		expect(report.duplicates.filter((d) => !d.identical)).toEqual([]);
		// Every event that arrived verifies (signatures and links); chains of runs that did not finish show as
		// not closed, never as tampered.
		const plain = cliVerify(dir, profile.signingSecret, report.uniqueEvents);
		expect(plain.stderr).toBe('');
		expect(plain.stdout.split('\n')[0]).toMatch(/^OK: \d+ event\(s\) in \d+ chain\(s\)/);
		const closed = cliVerify(dir, profile.signingSecret, report.uniqueEvents, '--require-closed');
		const problems = closed.stdout.split('\n').filter((l) => /^\s*(chain|event) /.test(l.trim()) || l.includes(': '));
		log(`verify --require-closed: exit ${closed.status}; ${closed.stdout.split('\n').slice(0, 6).join(' | ')}`);
		const unfinished = new Set(Object.keys(report.unfinishedChains).map((id) => `${id}/${sink.id}`));
		for (const line of problems.filter((l) => /not_closed|bad_|broken|tamper|gap/.test(l))) {
			expect(line).toMatch(/not_closed/);
			expect([...unfinished].some((chain) => line.includes(`chain ${chain}:`))).toBe(true);
		}
		// Every 200 the clients got is a successful execution (and the warm-up call one more); a client that gave up
		// waiting (no answer within its timeout: status 0) says nothing about its run, which n8n may still finish
		// after the faults (seen once: a run re-queued behind the killed worker succeeded after 300 s). Every run
		// that did not succeed was hit by a fault: the killed worker's (n8n fails its stalled job) or the receiver's 500s.
		const answered = result.calls.filter((c) => c.status === 200).length + 1;
		const unanswered = result.calls.filter((c) => c.status === 0).length;
		expect(report.statuses.success).toBeGreaterThanOrEqual(answered);
		expect(report.statuses.success).toBeLessThanOrEqual(answered + unanswered);
		const cause = (e: any): string => {
			const error = e.data?.resultData?.error;
			if (/failed to be processed too many times/.test(String(error?.message))) return 'worker killed (stalled job failed by n8n)';
			if (error?.node?.name === 'Audit Emitter' && /^Audit events not delivered/.test(String(error?.message))) return 'audit receiver 500';
			return `other: ${e.status} ${error?.node?.name ?? '-'}: ${String(error?.message ?? '').slice(0, 160)}`;
		};
		const causes: Record<string, number> = {};
		for (const e of failed) causes[cause(e)] = (causes[cause(e)] ?? 0) + 1;
		log(`runs that did not succeed, by cause: ${JSON.stringify(causes)}`);
		expect(Object.keys(causes).filter((c) => c.startsWith('other'))).toEqual([]);
	}, 1800000);
});
