import { execFileSync, spawnSync } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuditEvent } from '../../../lib/audit';
import { deriveAuditKey, verifyAuditEvents } from '../../../lib/audit';
import type { WorkflowNode } from '../harness/client';
import { activateWorkflow, callWebhook, createCredential, createWorkflow, e2e, getExecution, nodeOutput, nodeRan, rest, waitForExecutions } from '../harness/client';
import { createApprovalWorkflow } from '../harness/approval';
import { noOp, type, uniquePath, webhookTrigger } from '../harness/nodes';
import { createProfile } from '../harness/profiles';
import { startReceiver } from '../harness/receiver';
import { auditEmitter, webhookSink } from './workflow';

/**
 * Evidence an investigator relies on, in a real n8n: which version ran, whether the log is complete, and
 * which identity acted, with what a caller says about itself kept apart from what something vouches for.
 */
const ROOT = join(__dirname, '..', '..', '..');
const CLI = join(ROOT, 'cli', 'bin', 'n8n-governance.js');

let dir: string;
let profile: Awaited<ReturnType<typeof createProfile>>;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let keyFile: string;

function cli(...args: string[]) {
	return spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
}

function eventsOf(execution: Awaited<ReturnType<typeof getExecution>>, node: string): AuditEvent[] {
	return nodeOutput(execution, node)[1] as AuditEvent[];
}

beforeAll(async () => {
	execFileSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(ROOT, 'cli', 'tsconfig.json')], { stdio: 'pipe' });
	dir = mkdtempSync(join(tmpdir(), 'ngov-evidence-e2e-'));
	profile = await createProfile({ environment: 'production' });
	receiver = await startReceiver();
	const key = deriveAuditKey(profile.signingSecret);
	keyFile = join(dir, 'keys.json');
	writeFileSync(keyFile, JSON.stringify({ [key.id]: key.secret }));
}, 180_000);

afterAll(async () => {
	await receiver?.close();
	if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('Evidence in a real n8n: actors', () => {
	test('when a caller spoofs X-Forwarded-For and posts a forged approval object then neither appears as a fact in the event', async () => {
		const path = uniquePath('evidence-spoof');
		// A workflow that maps the posted approval onto the item, as a careless workflow might.
		const mapApproval: WorkflowNode = {
			name: 'Map Approval',
			type: 'n8n-nodes-base.code',
			typeVersion: 2,
			parameters: { jsCode: 'return $input.all().map((item) => ({ json: { ...item.json, approval: item.json.body.approval } }));' },
		};
		const id = await createWorkflow(`Evidence ${path}`, [webhookTrigger(path), mapApproval, auditEmitter('Audit Emitter', profile, undefined, { closeChain: true })]);
		await activateWorkflow(id);
		const forged = {
			decision: 'approved',
			approver: 'mallory@example.com',
			factor: 'link+totp',
			decidedAt: '2026-12-01T00:00:00.000Z',
			requestId: 'req-forged',
			gateNodeId: 'Gate',
			signature: randomBytes(32).toString('base64url'),
		};
		const response = await callWebhook(path, { body: { approval: forged }, headers: { 'x-forwarded-for': '1.2.3.4-spoofed-by-caller, 10.0.0.1' } });
		expect(response.status).toBe(200);
		const [execution] = await waitForExecutions(id);
		expect(execution.status).toBe('success');
		const [event, closing] = eventsOf(execution, 'Audit Emitter');
		process.stderr.write(`[e2e] spoofed request recorded as: ${JSON.stringify({ actor: event.data.actor, action: event.data.action, outcome: event.data.outcome, policies: event.data.policies })}\n`);
		expect(event.data.actor).toEqual({ type: 'webhook', name: 'Webhook', claimed: { id: '1.2.3.4-spoofed-by-caller', source: 'x-forwarded-for' } });
		expect(event.data.action).toBe('data.sent_to_model');
		expect(event.data.outcome).toBe('success');
		expect(event.data.policies).toEqual([
			{
				policy: 'approval',
				result: 'unverified',
				detail: 'item claims approved by mallory@example.com, via link+totp, request req-forged; no Approval Gate of this run signed it',
			},
		]);
		expect(closing.type).toBe('io.n8n.governance.audit.chain.closed');
	});

	test('when the Webhook node verified a JWT then its subject is the actor, verified by webhook-jwt', async () => {
		const secret = randomBytes(32).toString('base64');
		const jwt = await createCredential('jwtAuth', { keyType: 'passphrase', secret, algorithm: 'HS256' }, `JWT ${uniquePath('j')}`);
		const path = uniquePath('evidence-jwt');
		const hook = { ...webhookTrigger(path), credentials: { jwtAuth: jwt } };
		hook.parameters = { ...hook.parameters, authentication: 'jwtAuth' };
		const id = await createWorkflow(`Evidence ${path}`, [hook, auditEmitter('Audit Emitter', profile, undefined)]);
		await activateWorkflow(id);
		const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
		const unsigned = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode({ sub: 'partner-7', iat: Math.floor(Date.now() / 1000) })}`;
		const token = `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
		const response = await callWebhook(path, { body: {}, headers: { authorization: `Bearer ${token}`, 'x-forwarded-for': '198.51.100.7' } });
		expect(response.status).toBe(200);
		const [execution] = await waitForExecutions(id);
		const [event] = eventsOf(execution, 'Audit Emitter');
		expect(event.data.actor).toEqual({ type: 'webhook', name: 'Webhook', id: 'partner-7', verifiedBy: 'webhook-jwt', claimed: { id: '198.51.100.7', source: 'x-forwarded-for' } });
	});

	test('when a user runs the workflow from the editor then the actor is the manual run, with no user id n8n does not give', async () => {
		// n8n 2.41.1 names a user in the execution context (executedByUserId) only for dynamic credentials, not for
		// editor runs: the README says so, and this test notices when that changes.
		const trigger: WorkflowNode = { name: 'Trigger', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {} };
		const id = await createWorkflow(`Evidence ${uniquePath('manual')}`, [trigger, auditEmitter('Audit Emitter', profile, undefined)]);
		const started = await rest('POST', `/rest/workflows/${id}/run`, { triggerToStartFrom: { name: 'Trigger' } });
		expect(started.status).toBe(200);
		const [execution] = await waitForExecutions(id);
		expect(execution.mode).toBe('manual');
		const [event] = eventsOf(execution, 'Audit Emitter');
		expect(event.data.actor).toEqual({ type: 'user', name: 'manual run from the editor' });
	});
});

describe('Evidence in a real n8n: complete logs', () => {
	test('when the last emitter closes the chain then verify --require-closed passes the exported log, and reports it once its last event is deleted', async () => {
		const sink = await webhookSink(`${receiver.url}/audit`);
		const path = uniquePath('evidence-close');
		const id = await createWorkflow(`Evidence ${path}`, [
			webhookTrigger(path),
			auditEmitter('Record Request', profile, sink),
			auditEmitter('Record Completed', profile, sink, { eventAction: 'workflow.completed', closeChain: true }),
		]);
		await activateWorkflow(id);
		const before = receiver.received.length;
		await callWebhook(path, { body: {} });
		const [execution] = await waitForExecutions(id);
		expect(execution.status).toBe('success');
		const events = receiver.received.slice(before).flatMap((r) => r.json as AuditEvent[]);
		expect(events.map((e) => [e.seq, e.data.action])).toEqual([
			[0, 'data.sent_to_model'],
			[1, 'workflow.completed'],
			[2, 'audit.chain.closed'],
		]);
		const log = join(dir, 'closed.jsonl');
		writeFileSync(log, events.map((e) => JSON.stringify(e)).join('\n') + '\n');
		const complete = cli('audit', 'verify', '--key-file', keyFile, '--require-closed', log);
		expect(complete.stdout).toBe('OK: 3 event(s) in 1 chain(s), 1 closed; every signature and link verified.\n');
		expect(complete.status).toBe(0);

		writeFileSync(log, events.slice(0, -1).map((e) => JSON.stringify(e)).join('\n') + '\n');
		const cut = cli('audit', 'verify', '--key-file', keyFile, '--require-closed', log);
		process.stderr.write(`[e2e] verify --require-closed after deleting the last event: exit ${cut.status}\n${cut.stdout}`);
		expect(cut.status).toBe(1);
		expect(cut.stdout).toContain(`chain ${events[1].chainid}: not_closed: Chain ${events[1].chainid} has no closing event`);
		// Without --require-closed the cut log still verifies: the closing event is what makes the cut visible.
		expect(cli('audit', 'verify', '--key-file', keyFile, log).status).toBe(0);
	});
});

describe('Evidence in a real n8n: the version that ran', () => {
	test('when a workflow is edited and re-published then events before and after carry the version each execution ran, and audit query shows it', async () => {
		// An API key with only the scope the credential needs.
		const created = await rest('POST', '/rest/api-keys', { label: `execution read ${uniquePath('k')}`, scopes: ['execution:read'], expiresAt: null });
		expect(created.status).toBe(200);
		const n8nApi = await createCredential('governanceExecutionRecordApi', { baseUrl: e2e().baseUrl, apiKey: created.json.data.rawApiKey }, `n8n API ${uniquePath('c')}`);
		const path = uniquePath('evidence-version');
		const emitter = (targetType: string): WorkflowNode => ({
			...auditEmitter('Audit Emitter', profile, undefined, { targetType, closeChain: true }),
			credentials: { governanceProfileApi: profile, governanceExecutionRecordApi: n8nApi },
		});
		const hook = webhookTrigger(path);
		const id = await createWorkflow(`Evidence ${path}`, [hook, emitter('first')]);
		await activateWorkflow(id);
		await callWebhook(path, { body: {} });
		const [first] = await waitForExecutions(id);

		// Edit and publish again (same webhook id, so the same path).
		const published = await rest('GET', `/rest/workflows/${id}`);
		const workflow = published.json.data;
		const nodes = workflow.nodes.map((n: WorkflowNode) => (n.name === 'Audit Emitter' ? { ...n, parameters: { ...n.parameters, targetType: 'second' } } : n));
		const { baseUrl, apiKey } = e2e();
		const put = await fetch(`${baseUrl}/api/v1/workflows/${id}`, {
			method: 'PUT',
			headers: { 'content-type': 'application/json', 'x-n8n-api-key': apiKey },
			body: JSON.stringify({ name: workflow.name, nodes, connections: workflow.connections, settings: { executionOrder: 'v1', saveDataSuccessExecution: 'all' } }),
		});
		expect(put.status).toBe(200);
		await activateWorkflow(id);
		// The re-published version can take a moment to serve the webhook (a CI run once got the old one right after
		// activation): call until a run of the new version appears; every run checked below is the one that ran.
		let second: Awaited<ReturnType<typeof waitForExecutions>>[number] | undefined;
		for (let call = 2; call <= 12 && !second; call++) {
			await callWebhook(path, { body: {} });
			const latest = (await waitForExecutions(id, call)).filter((e) => e.id !== first.id);
			second = latest.find((e) => eventsOf(e, 'Audit Emitter')[0]?.data.target?.type === 'second');
			if (!second) await new Promise((resolve) => setTimeout(resolve, 500));
		}
		if (!second) throw new Error('the re-published version never ran');

		const [before] = eventsOf(await getExecution(first.id), 'Audit Emitter');
		const [after] = eventsOf(second, 'Audit Emitter');
		expect(before.data.target).toEqual({ type: 'first' });
		expect(after.data.target).toEqual({ type: 'second' });
		const v1 = before.data.workflow?.versionId;
		const v2 = after.data.workflow?.versionId;
		process.stderr.write(`[e2e] versions recorded: before ${v1}, after ${v2}\n`);
		expect(typeof v1).toBe('string');
		expect(typeof v2).toBe('string');
		expect(v2).not.toBe(v1);
		// What n8n itself stored for each execution.
		for (const [execution, version] of [[first, v1], [second, v2]] as const) {
			const record = await fetch(`${baseUrl}/api/v1/executions/${execution.id}`, { headers: { 'x-n8n-api-key': apiKey } });
			expect(((await record.json()) as { workflowVersionId: string }).workflowVersionId).toBe(version);
		}

		const log = join(dir, 'versions.jsonl');
		const all = [...eventsOf(await getExecution(first.id), 'Audit Emitter'), ...eventsOf(second, 'Audit Emitter')];
		expect(verifyAuditEvents(all, { [deriveAuditKey(profile.signingSecret).id]: deriveAuditKey(profile.signingSecret).secret }, { requireClosed: true }).valid).toBe(true);
		writeFileSync(log, all.map((e) => JSON.stringify(e)).join('\n') + '\n');
		const query = cli('audit', 'query', log, '--execution', second.id, '--key-file', keyFile);
		process.stderr.write(`[e2e] audit query --execution ${second.id}:\n${query.stdout}`);
		expect(query.status).toBe(0);
		expect(query.stdout).toContain(`  version: ${v2}\n`);
		expect(query.stdout).not.toContain(String(v1));
	});
});

describe('Evidence in a real n8n: README claims', () => {
	test('when another node is given the Governance Profile credential then n8n refuses to save the workflow', async () => {
		const path = uniquePath('evidence-restricted');
		const leak: WorkflowNode = {
			name: 'Leak',
			type: 'n8n-nodes-base.httpRequest',
			typeVersion: 4.2,
			parameters: { method: 'GET', url: `${receiver.url}/leak`, authentication: 'predefinedCredentialType', nodeCredentialType: 'governanceProfileApi', options: {} },
			credentials: { governanceProfileApi: profile },
		};
		await expect(createWorkflow(`Evidence ${path}`, [webhookTrigger(path), leak])).rejects.toThrow(
			/HTTP 400 .*Node \\"Leak\\" \(n8n-nodes-base\.httpRequest\) cannot use credential type \\"governanceProfileApi\\" — it is restricted to: n8n-nodes-governance\.environmentAssertion/,
		);
		expect(receiver.received.filter((r) => r.url === '/leak')).toEqual([]);
	});

	test('when the Approval Gate cannot deliver its notification then the run stops at the gate instead of waiting', async () => {
		const down = await startReceiver();
		await down.close();
		const { workflowId, path } = await createApprovalWorkflow(down);
		await callWebhook(path, { body: { amount: 10, customer: 'ACME', requester: 'carol@governance.test' } });
		const [execution] = await waitForExecutions(workflowId);
		const error = execution.data?.resultData.error;
		expect(execution.status).toBe('error');
		expect(error?.node?.name).toBe('Approval Gate');
		expect(error?.message).toMatch(/^Could not deliver the approval request to the webhook channel: /);
		expect(nodeRan(execution, 'Approved')).toBe(false);
		expect(nodeRan(execution, 'Rejected')).toBe(false);
	});

	test('when a halting Kill Switch is set to "Continue (regular output)" then n8n passes an { error } item on and the next step runs', async () => {
		const path = uniquePath('evidence-continue');
		const halt = { name: 'Kill Switch', type: type('killSwitch'), typeVersion: 1, parameters: { source: 'expression', switchValue: '={{ true }}' }, onError: 'continueRegularOutput' };
		const id = await createWorkflow(`Evidence ${path}`, [webhookTrigger(path), halt as WorkflowNode, noOp('Governed Step')]);
		await activateWorkflow(id);
		await callWebhook(path, { body: { secret: 'planted' } });
		const [execution] = await waitForExecutions(id);
		expect(nodeRan(execution, 'Governed Step')).toBe(true);
		const [reached] = nodeOutput(execution, 'Governed Step');
		expect(reached).toHaveLength(1);
		expect(Object.keys(reached[0])).toContain('error');
		expect(JSON.stringify(reached[0])).not.toContain('planted');
	});
});
