import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../cli/src/cli';
import { callWebhook, createActiveWorkflow, createWorkflow, e2e, waitForExecutions } from '../harness/client';
import type { WorkflowNode } from '../harness/client';
import { uniquePath, webhookTrigger } from '../harness/nodes';

/** `check --instance` and `inventory --instance` against the real n8n: only GET requests, findings and last runs. */
let server: http.Server;
let port: number;
let dir: string;
let keyFile: string;
const ids = { open: '', dormant: '', secret: '' };
let lastRun: { startedAt: string; status: string };
const SECRET = 'sk-proj-Zq8vT3mK9pL2xW7nR4cY6bH1dF5gJ0sA3eU8Zq8vT3mK9pL2';

async function cli(args: string[]) {
	let stdout = '';
	let stderr = '';
	const requests: string[] = [];
	const before = globalThis.fetch;
	globalThis.fetch = async (input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) => {
		requests.push(`${init?.method ?? 'GET'} ${String(input)}`);
		return await before(input, init);
	};
	try {
		const code = await main(args, { out: (t) => (stdout += t), err: (t) => (stderr += t), readStdin: () => '' });
		return { code, stdout, stderr, requests };
	} finally {
		globalThis.fetch = before;
	}
}

beforeAll(async () => {
	server = http.createServer((req, res) => res.end('{"ok":true}'));
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	port = (server.address() as AddressInfo).port;
	dir = mkdtempSync(join(tmpdir(), 'ngov-check-e2e-'));
	keyFile = join(dir, 'api-key');
	writeFileSync(keyFile, `${e2e().apiKey}\n`);

	const path = uniquePath('check-open');
	const refund: WorkflowNode = { name: 'Refund call', type: 'n8n-nodes-base.httpRequest', typeVersion: 4.2, parameters: { method: 'POST', url: `http://127.0.0.1:${port}/refund`, options: { timeout: 5000 } } };
	ids.open = await createActiveWorkflow('check e2e: open refund', [webhookTrigger(path), refund]);
	expect((await callWebhook(path, { body: { amount: 5 } })).status).toBe(200);
	const [execution] = await waitForExecutions(ids.open, 1);
	lastRun = { startedAt: (execution as unknown as { startedAt: string }).startedAt, status: execution.status };

	const schedule: WorkflowNode = { name: 'Every month', type: 'n8n-nodes-base.scheduleTrigger', typeVersion: 1.2, parameters: { rule: { interval: [{ field: 'months' }] } } };
	ids.dormant = await createActiveWorkflow('check e2e: dormant', [schedule, { name: 'Nothing', type: 'n8n-nodes-base.noOp', typeVersion: 1, parameters: {} }]);

	const code: WorkflowNode = { name: 'Code', type: 'n8n-nodes-base.code', typeVersion: 2, parameters: { jsCode: `const key = '${SECRET}';\nreturn [];` } };
	ids.secret = await createWorkflow('check e2e: secret in code', [{ name: 'Manual', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {} }, code]);
});

afterAll(async () => {
	await new Promise<void>((resolve) => server.close(() => resolve()));
	rmSync(dir, { recursive: true, force: true });
});

type Finding = { ruleId: string; node?: string; message: string; workflow: { id: string; file: string } };

describe('n8n-governance check --instance', () => {
	let result: Awaited<ReturnType<typeof cli>>;
	let findings: Finding[];
	beforeAll(async () => {
		result = await cli(['check', '--instance', e2e().baseUrl, '--api-key-file', keyFile, '--format', 'json']);
		findings = (JSON.parse(result.stdout) as { findings: Finding[] }).findings;
	});
	const of = (id: string) => findings.filter((f) => f.workflow.id === id);

	test('when the instance holds rule-breaking workflows then it exits 1 and reports them by workflow and node', () => {
		expect(result.stderr).toBe('');
		expect(result.code).toBe(1);
		const open = of(ids.open);
		expect(open.map((f) => f.ruleId)).toEqual(expect.arrayContaining(['GOV-ACC-001', 'GOV-APR-001', 'GOV-ENV-001', 'GOV-OWN-001']));
		expect(open.find((f) => f.ruleId === 'GOV-APR-001')?.node).toBe('Refund call');
		expect(open[0].workflow.file).toBe(`${e2e().baseUrl}/workflow/${ids.open}`);
	});

	test('when an active workflow never ran then offboarding reports it, with the pruning caveat', () => {
		const zombie = of(ids.dormant).find((f) => f.ruleId === 'GOV-OFF-001');
		expect(zombie?.message).toMatch(/has no recorded execution .*n8n prunes old executions/);
		expect(of(ids.open).find((f) => f.ruleId === 'GOV-OFF-001')).toBeUndefined(); // it ran just now
	});

	test('when a workflow holds a secret then it is found and never printed', () => {
		expect(of(ids.secret).find((f) => f.ruleId === 'GOV-SEC-001')?.node).toBe('Code');
		expect(result.stdout).not.toContain(SECRET);
	});

	test('it only reads: every request is a GET to the public API', () => {
		expect(result.requests.length).toBeGreaterThan(3);
		for (const r of result.requests) expect(r).toMatch(new RegExp(`^GET ${e2e().baseUrl.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/api/v1/(workflows|executions)\\?`));
	});
});

describe('n8n-governance inventory --instance', () => {
	test('when a workflow ran then its row has the last execution time and status', async () => {
		const result = await cli(['inventory', '--instance', e2e().baseUrl, '--api-key-file', keyFile, '--format', 'json']);
		expect(result.code).toBe(0);
		const rows = JSON.parse(result.stdout) as Record<string, unknown>[];
		const open = rows.find((r) => r.id === ids.open)!;
		expect(open).toMatchObject({ workflow: 'check e2e: open refund', active: true, lastExecution: lastRun.startedAt, lastExecutionStatus: lastRun.status, hosts: ['127.0.0.1'], triggers: ['webhook'] });
		expect(rows.find((r) => r.id === ids.dormant)).toMatchObject({ lastExecution: 'none recorded', triggers: ['schedule'] });
	});

	test('when the API key is wrong then it exits 2 and says so', async () => {
		const bad = join(dir, 'bad-key');
		writeFileSync(bad, 'not-a-key');
		const result = await cli(['inventory', '--instance', e2e().baseUrl, '--api-key-file', bad]);
		expect(result.code).toBe(2);
		expect(result.stderr).toMatch(/refused the API key \(HTTP 401\)/);
	});
});
