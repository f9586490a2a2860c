import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { listTemplates } from '../../../scripts/lib/templates';
import { request } from '../../../scripts/lib/n8n-api';
import { activateWorkflow, callWebhook, deactivateWorkflow, createCredential, createWorkflow, e2e, getExecution, rest, waitForExecutions } from '../harness/client';
import type { WorkflowNode } from '../harness/client';
import { PACK, type, uniquePath, webhookTrigger } from '../harness/nodes';
import { createProfile } from '../harness/profiles';
import { install, MAIN_PATHS } from '../templates/drivers';

/**
 * What the pack needs from its host n8n, checked in whichever release runs: the pinned one in every e2e run, and the
 * oldest supported one in `.ci/run`'s compatibility smoke (NGOV_N8N_HOST=oldest, see README "Supported n8n").
 */
const ROOT = join(__dirname, '..', '..', '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { n8n: { nodes: string[]; credentials: string[] } };

/** The n8n descriptions the built pack exports, as n8n loads them. */
function built<T>(files: string[]): T[] {
	return files.map((file) => {
		const exported = Object.values(require(join(ROOT, file)) as Record<string, new () => T>)[0];
		return new exported();
	});
}

/** A public-API call with the run's key (the harness's own helper throws on non-2xx; these tests read the status). */
async function publicApi(method: string, route: string, body?: unknown) {
	const { baseUrl, apiKey } = e2e();
	return await request(baseUrl, method, `/api/v1${route}`, { body, apiKey });
}

/** Webhook (answers at once) → Wait for a resume call that never comes: each call leaves one waiting execution. */
async function waitingWorkflow() {
	const path = uniquePath('compat-wait');
	const wait: WorkflowNode = { name: 'Wait', type: 'n8n-nodes-base.wait', typeVersion: 1.1, parameters: { resume: 'webhook', options: {} } };
	const id = await createWorkflow(`Compat ${path}`, [webhookTrigger(path, 'Webhook', 'onReceived'), wait]);
	await activateWorkflow(id);
	return { id, path };
}

/**
 * The workflow's waiting executions, read through the editor's API: n8n 2.27.4's public API does not list them
 * (measured: the editor's API showed three waiting executions while GET /api/v1/executions listed none).
 */
async function waitingExecutions(workflowId: string, count: number) {
	for (let i = 0; i < 150; i++) {
		const listed = await rest('GET', `/rest/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId }))}`);
		const waiting = ((listed.json?.data?.results ?? []) as Array<{ id: string; status: string }>).filter((e) => e.status === 'waiting');
		if (waiting.length >= count) return waiting;
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	throw new Error(`workflow ${workflowId}: fewer than ${count} waiting executions`);
}

describe('compatibility: what the pack needs from this n8n release', () => {
	test('when n8n loads the pack then every node and credential type package.json lists is registered', async () => {
		const nodes = (await rest('GET', '/types/nodes.json')).json as Array<{ name: string }>;
		const credentials = (await rest('GET', '/types/credentials.json')).json as Array<{ name: string }>;
		const nodeNames = built<{ description: { name: string } }>(pkg.n8n.nodes).map((n) => `${PACK}.${n.description.name}`);
		const credentialNames = built<{ name: string }>(pkg.n8n.credentials).map((c) => c.name);
		expect(nodeNames.filter((name) => !nodes.some((n) => n.name === name))).toEqual([]);
		expect(credentialNames.filter((name) => !credentials.some((c) => c.name === name))).toEqual([]);
	});

	test('when another node is given a restricted credential (restrictToSupportedNodes) then n8n refuses to save the workflow', async () => {
		const profile = await createProfile({ environment: 'production' });
		const leak: WorkflowNode = {
			name: 'Leak',
			type: 'n8n-nodes-base.httpRequest',
			typeVersion: 4.2,
			parameters: { method: 'GET', url: 'http://127.0.0.1:9/leak', authentication: 'predefinedCredentialType', nodeCredentialType: 'governanceProfileApi', options: {} },
			credentials: { governanceProfileApi: profile },
		};
		await expect(createWorkflow(`Compat ${uniquePath('restricted')}`, [webhookTrigger(uniquePath('compat-leak')), leak])).rejects.toThrow(
			/HTTP 400 .*cannot use credential type \\"governanceProfileApi\\"/,
		);
	});

	test('when the Redact → model → Restore template is imported then its main path runs', async () => {
		const file = 'redact-model-restore.workflow.json';
		const template = listTemplates().find((t) => t.file === file);
		if (!template) throw new Error(`templates/${file} is missing`);
		const workflowId = await install(template.workflow);
		try {
			await MAIN_PATHS[file](template.workflow, workflowId);
		} finally {
			// the templates test activates the same template (same webhook path) in the same n8n
			await deactivateWorkflow(workflowId);
		}
	});

	test('when an Audit Emitter reads its execution record (GET /api/v1/executions/{id}) then its event carries the version n8n stored', async () => {
		const profile = await createProfile({ environment: 'production' });
		const key = await rest('POST', '/rest/api-keys', { label: uniquePath('compat-read'), scopes: ['execution:read'], expiresAt: null });
		expect(key.status).toBe(200);
		const record = await createCredential('governanceExecutionRecordApi', { baseUrl: e2e().baseUrl, apiKey: key.json.data.rawApiKey });
		const path = uniquePath('compat-version');
		const emitter: WorkflowNode = {
			name: 'Audit Emitter',
			type: type('auditEmitter'),
			typeVersion: 1,
			parameters: { delivery: 'items', closeChain: true },
			credentials: { governanceProfileApi: profile, governanceExecutionRecordApi: record },
		};
		const id = await createWorkflow(`Compat ${path}`, [webhookTrigger(path), emitter]);
		await activateWorkflow(id);
		expect((await callWebhook(path, { body: {} })).status).toBe(200);
		const [execution] = await waitForExecutions(id);
		expect(execution.status).toBe('success');
		const stored = (await publicApi('GET', `/executions/${execution.id}`)).json as { workflowVersionId?: string | null };
		const events = (await getExecution(execution.id)).data?.resultData.runData['Audit Emitter'][0].data?.main[1] ?? [];
		process.stderr.write(`[e2e] execution record workflowVersionId: ${stored.workflowVersionId}\n`);
		expect(typeof stored.workflowVersionId).toBe('string');
		expect(events[0]?.json.data.workflow.versionId).toBe(stored.workflowVersionId);
	});

	test('when executions wait then the public API stops them, one by one (POST /executions/{id}/stop) and in bulk (POST /executions/stop)', async () => {
		const { id, path } = await waitingWorkflow();
		for (let i = 0; i < 3; i++) expect((await callWebhook(path, { body: {} })).status).toBe(200);
		const [one] = await waitingExecutions(id, 3);
		const single = await publicApi('POST', `/executions/${one.id}/stop`, {});
		expect([single.status, single.json?.status]).toEqual([200, 'canceled']);
		const bulk = await publicApi('POST', '/executions/stop', { status: ['waiting'], workflowId: id });
		expect([bulk.status, bulk.json]).toEqual([200, { stopped: 2 }]);
		expect(await waitingExecutions(id, 0)).toEqual([]);
	});
});
