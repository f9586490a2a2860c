/**
 * `npm run bench:overhead` (issue 17, item 6): what the governed chain costs per execution in a single-process n8n.
 *
 *   governed  Webhook → Environment Assertion → Kill Switch (expression) → Redact (token, ~1 KB) → Audit Emitter (items) → Set
 *   noop      Webhook → 4 × No Op → Set
 *   bare      Webhook → Set
 *   floor     Webhook → TOTP → Set (expression) → TOTP → TOTP → Set: n8n's own nodes doing what n8n does for the
 *             governed chain's nodes (three credential reads, one expression before the last Set), no code of ours —
 *             the least the governed chain can cost on this n8n (n8n's TOTP node reads its credential and computes
 *             locally; its output replaces the item, so the last Set reads the webhook's item by name)
 *
 * One n8n, the three workflows called one request at a time, interleaved in rotating order (150 each), so load on the
 * machine hits all three alike; ratios come from this one run. Then the split of the governed chain's extra time:
 *   - ours: the four nodes' own code, run in this process with stand-in n8n contexts (credentials handed over at once),
 *   - n8n inside our nodes: n8n's per-node execution time minus ours (credential reads and decryption, parameter and
 *     expression evaluation, node bookkeeping),
 *   - n8n outside the nodes: the rest of the latency difference to the No Op chain (mostly saving the larger
 *     execution data: the redacted text, the audit event and the stamps travel through every later node).
 */
import * as fs from 'node:fs';
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import type { WorkflowNode } from '../../test/e2e/harness/client';
import { createActiveWorkflow, createCredential, getExecution, listExecutions } from '../../test/e2e/harness/client';
import { FLOOR_TOTP, floorNodes, noOp, type, uniquePath, webhookTrigger } from '../../test/e2e/harness/nodes';
import { createProfile } from '../../test/e2e/harness/profiles';
import { auditEmitter, environmentAssertion } from '../../test/e2e/audit-emitter/workflow';
import { createRedactionKey, redactNode } from '../../test/e2e/redact-restore/workflow';
import { executeContext } from '../../test/nodes/helpers/execute-context';
import { emitterContext } from '../../test/nodes/AuditEmitter/context';
import { killSwitchContext } from '../../test/nodes/KillSwitch/context';
import { redactContext } from '../../test/nodes/RedactRestore/context';
import { customerText } from '../../test/helpers/customer-text';
import { freePort } from '../../test/e2e/harness/ports';
import { OWNER } from '../../test/e2e/harness/owner';
import { EnvironmentAssertion } from '../../nodes/EnvironmentAssertion/EnvironmentAssertion.node';
import { KillSwitch } from '../../nodes/KillSwitch/KillSwitch.node';
import { RedactRestore } from '../../nodes/RedactRestore/RedactRestore.node';
import { AuditEmitter } from '../../nodes/AuditEmitter/AuditEmitter.node';

// scripts/lib is plain JS: the npm script links it next to the compiled bench (bench-results/overhead-build/scripts).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const host = require('../../scripts/lib/n8n-host') as { startN8n: (o: { port: number; brokerPort: number }) => Promise<{ baseUrl: string; pid: number; stop: () => Promise<void>; logFile: string; userFolder: string }> };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const api = require('../../scripts/lib/n8n-api') as { ensureOwner: (u: string, o: unknown) => Promise<string>; createApiKey: (u: string, c: string) => Promise<string> };

const REQUESTS = Number(process.env.NGOV_OVERHEAD_REQUESTS ?? 150);
const WARMUP = 10;
const REDACT = { operation: 'redact', mode: 'redact', operator: 'token', keySource: 'redactionKey', fieldScope: 'paths', paths: 'body.text' };
const KILL_SWITCH = { source: 'expression', switchValue: '={{ $json.body.halt === true }}' };
const SET: WorkflowNode = { name: 'Set', type: 'n8n-nodes-base.set', typeVersion: 3.4, parameters: { mode: 'raw', jsonOutput: '={ "i": {{ $json.body.i }} }' } };
const median = (xs: number[]) => {
	const s = [...xs].sort((a, b) => a - b);
	return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
/** Mean of the middle 80 % (the slowest and fastest tenth dropped): steadier than the median when latencies are bimodal. */
const trimmed = (xs: number[]) => {
	const s = [...xs].sort((a, b) => a - b);
	const cut = Math.floor(s.length / 10);
	const mid = s.slice(cut, s.length - cut);
	return mid.reduce((a, b) => a + b, 0) / mid.length;
};
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const f = (n: number, d = 2) => n.toFixed(d);

async function post(baseUrl: string, path: string, body: unknown): Promise<number> {
	const started = process.hrtime.bigint();
	for (let attempt = 0; ; attempt++) {
		const response = await fetch(`${baseUrl}/webhook/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
		await response.text();
		if (response.status === 404 && attempt < 50) {
			await new Promise((r) => setTimeout(r, 100));
			continue;
		}
		if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
		return Number(process.hrtime.bigint() - started) / 1e6;
	}
}

/** The four governance nodes' own code for one execution, with stand-in contexts (no n8n helpers behind them). */
async function oursOnce(i: number, profile: Record<string, unknown>, key: Record<string, unknown>, times: Record<string, number[]>) {
	const webhookItem: INodeExecutionData = { json: { headers: { 'content-type': 'application/json' }, params: {}, query: {}, body: { i, text: customerText(i) } } };
	const time = async (name: string, run: () => Promise<INodeExecutionData[][]>) => {
		const started = process.hrtime.bigint();
		const out = await run();
		(times[name] ??= []).push(Number(process.hrtime.bigint() - started) / 1e6);
		return out[0];
	};
	const ea = executeContext({ items: [webhookItem], parameters: { allowedEnvironments: ['production'] }, credentials: profile });
	Object.assign(ea, { getWorkflow: () => ({ id: 'wf', name: 'bench', active: true }), getExecutionId: () => `e${i}` });
	let items = await time('Environment Assertion', async () => await new EnvironmentAssertion().execute.call(ea));
	const ks = killSwitchContext({ items, parameters: { source: 'expression', switchValue: () => false } });
	items = await time('Kill Switch', async () => await new KillSwitch().execute.call(ks));
	const rr = redactContext({ items, parameters: REDACT, key, profile });
	Object.assign(rr, { getExecutionId: () => `e${i}`, getWorkflow: () => ({ id: 'wf', name: 'bench', active: true }) });
	items = await time('Redact', async () => await new RedactRestore().execute.call(rr as IExecuteFunctions));
	const { context } = emitterContext({ items, parameters: { delivery: 'items' }, executionId: `e${i}` });
	await time('Audit Emitter', async () => await new AuditEmitter().execute.call(context));
}

async function main() {
	const port = await freePort();
	const brokerPort = await freePort();
	const n8n = await host.startN8n({ port, brokerPort });
	try {
		const cookie = await api.ensureOwner(n8n.baseUrl, OWNER);
		const apiKey = await api.createApiKey(n8n.baseUrl, cookie);
		process.env.NGOV_E2E = JSON.stringify({ baseUrl: n8n.baseUrl, apiKey, cookie, pid: n8n.pid, userFolder: n8n.userFolder, logFile: n8n.logFile });
		const profile = await createProfile();
		const key = await createRedactionKey();
		const paths = { governed: uniquePath('governed'), noop: uniquePath('noop'), bare: uniquePath('bare'), floor: uniquePath('floor') };
		const totpCredential = await createCredential('totpApi', FLOOR_TOTP);
		const ids = {
			governed: await createActiveWorkflow(`Overhead governed ${paths.governed}`, [
				webhookTrigger(paths.governed),
				environmentAssertion(profile),
				{ name: 'Kill Switch', type: type('killSwitch'), typeVersion: 1, parameters: KILL_SWITCH },
				redactNode('Redact', REDACT, key),
				auditEmitter('Audit Emitter', profile, undefined, { closeChain: true }),
				SET,
			]),
			noop: await createActiveWorkflow(`Overhead noop ${paths.noop}`, [webhookTrigger(paths.noop), noOp('No Op 1'), noOp('No Op 2'), noOp('No Op 3'), noOp('No Op 4'), SET]),
			bare: await createActiveWorkflow(`Overhead bare ${paths.bare}`, [webhookTrigger(paths.bare), SET]),
			floor: await createActiveWorkflow(`Overhead floor ${paths.floor}`, [webhookTrigger(paths.floor), ...floorNodes(totpCredential, "={ \"i\": {{ $('Webhook').item.json.body.i }} }")]),
		};
		const chains = ['governed', 'noop', 'bare', 'floor'] as const;
		const latency: Record<(typeof chains)[number], number[]> = { governed: [], noop: [], bare: [], floor: [] };
		for (let i = 0; i < WARMUP; i++) for (const c of chains) await post(n8n.baseUrl, paths[c], { i, text: customerText(i) });
		const wallStart = Date.now();
		for (let i = 0; i < REQUESTS; i++) {
			const order = [...chains.slice(i % chains.length), ...chains.slice(0, i % chains.length)];
			for (const c of order) latency[c].push(await post(n8n.baseUrl, paths[c], { i, text: customerText(i) }));
		}
		const wallS = (Date.now() - wallStart) / 1000;

		// n8n's own per-node execution times, from the stored executions of the governed and No Op chains.
		const nodeTimes = async (workflowId: string) => {
			const out: Record<string, number[]> = {};
			const list = (await listExecutions(workflowId)).slice(0, 60);
			for (const e of list) {
				const full = await getExecution(e.id);
				for (const [node, runs] of Object.entries(full.data?.resultData.runData ?? {})) {
					(out[node] ??= []).push(Number((runs[0] as { executionTime?: number }).executionTime ?? NaN));
				}
			}
			return out;
		};
		const governedNodes = await nodeTimes(ids.governed);
		const noopNodes = await nodeTimes(ids.noop);
		const floorTimes = await nodeTimes(ids.floor);

		// Our own code per execution, in this process (stand-in contexts).
		const profileData = { environment: 'production', expectedBaseUrl: '', owner: 'owner@governance.test', dataClassification: 'confidential', signingSecret: profile.signingSecret };
		const keyData = { keyId: key.keyId, secret: key.secret, previousKeyId: '', previousSecret: '' };
		const ours: Record<string, number[]> = {};
		for (let i = 0; i < 30; i++) await oursOnce(i, profileData, keyData, {});
		for (let i = 0; i < 300; i++) await oursOnce(i, profileData, keyData, ours);

		const gov = median(latency.governed);
		const nop = median(latency.noop);
		const bare = median(latency.bare);
		const floor = median(latency.floor);
		const line = (label: string, xs: number[]) =>
			`  ${label.padEnd(10)} median ${f(median(xs))} ms   p90 ${f(pct(xs, 90))} ms   p99 ${f(pct(xs, 99))} ms   mean ${f(xs.reduce((a, b) => a + b, 0) / xs.length)} ms   trimmed mean ${f(trimmed(xs))} ms`;
		const tm = { governed: trimmed(latency.governed), noop: trimmed(latency.noop), floor: trimmed(latency.floor) };
		const out: string[] = [];
		out.push(`bench:overhead — single-process n8n 2.41.1 (SQLite), ${REQUESTS} requests per chain, interleaved, one at a time; text ${customerText(0).length} chars`);
		out.push(line('governed', latency.governed), line('noop', latency.noop), line('bare', latency.bare), line('floor', latency.floor));
		out.push(`  ratio governed / 4×No Op: ×${f(gov / nop, 3)} of medians, ×${f(tm.governed / tm.noop, 3)} of trimmed means  (target ≤ ×1.10)`);
		out.push(`  ratio n8n-only floor / 4×No Op: ×${f(floor / nop, 3)} of medians, ×${f(tm.floor / tm.noop, 3)} of trimmed means (n8n's own price of three credential reads and one expression)`);
		out.push(`  ratio governed / n8n-only floor: ×${f(gov / floor, 3)} of medians, ×${f(tm.governed / tm.floor, 3)} of trimmed means`);
		out.push(`  ratio governed / Set only: ×${f(gov / bare, 3)}`);
		out.push(`  extra per execution vs 4×No Op: ${f(gov - nop)} ms (median latency difference); wall time of the interleaved run ${f(wallS, 1)} s`);
		out.push('');
		out.push('  where the governed chain spends it (medians, ms per execution):');
		out.push('  node                   n8n-measured   ours (in process)   n8n inside the node');
		let sumN8n = 0;
		let sumOurs = 0;
		for (const node of ['Environment Assertion', 'Kill Switch', 'Redact', 'Audit Emitter']) {
			const measured = median(governedNodes[node] ?? []);
			const own = median(ours[node] ?? []);
			sumN8n += measured;
			sumOurs += own;
			out.push(`  ${node.padEnd(22)} ${f(measured).padStart(12)}   ${f(own, 3).padStart(17)}   ${f(Math.max(0, measured - own), 3).padStart(19)}`);
		}
		const noopSum = ['No Op 1', 'No Op 2', 'No Op 3', 'No Op 4'].reduce((s, n) => s + median(noopNodes[n] ?? []), 0);
		out.push(`  ${'sum of the four'.padEnd(22)} ${f(sumN8n).padStart(12)}   ${f(sumOurs, 3).padStart(17)}   ${f(Math.max(0, sumN8n - sumOurs), 3).padStart(19)}`);
		out.push(`  4 × No Op (n8n-measured): ${f(noopSum)} ms`);
		const floorSum = ['TOTP 1', 'Expression', 'TOTP 2', 'TOTP 3'].reduce((s, n) => s + median(floorTimes[n] ?? []), 0);
		out.push(`  the floor's TOTP, Expression, TOTP, TOTP (n8n-measured): ${f(floorSum)} ms; its last Set ${f(median(floorTimes.Set ?? []))} ms, the governed chain's ${f(median(governedNodes.Set ?? []))} ms, the No Op chain's ${f(median(noopNodes.Set ?? []))} ms`);
		out.push(`  our own code per execution: ${f(sumOurs, 3)} ms (target ≤ 1 ms)`);
		out.push(`  n8n inside our nodes (credential reads/decryption, parameters and expressions): ${f(Math.max(0, sumN8n - sumOurs - noopSum), 3)} ms beyond No Op nodes`);
		out.push(`  n8n outside the nodes (saving the larger execution data, webhook and run bookkeeping): ${f(Math.max(0, gov - nop - (sumN8n - noopSum)), 3)} ms`);
		const text = out.join('\n');
		process.stdout.write(`${text}\n`);
		fs.mkdirSync('bench-results', { recursive: true });
		fs.writeFileSync('bench-results/overhead.txt', `${text}\n`);
		fs.writeFileSync('bench-results/overhead-latencies.json', JSON.stringify({ latency, governedNodes, noopNodes, floorTimes }));
	} finally {
		await n8n.stop();
	}
}

main().catch((error) => {
	process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
	process.exitCode = 1;
});
