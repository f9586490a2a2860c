/** Drivers of the shipped templates' main paths, shared by the templates test and the compatibility smoke. */
import { createHmac, randomBytes } from 'node:crypto';
import { bindCredentials, credentialTypes, forApi } from '../../../scripts/lib/templates';
import type { TemplateWorkflow } from '../../../scripts/lib/templates';
import { createApprovers } from '../harness/approval';
import { postDecision, tokenOf, waitForStatus } from '../harness/approval';
import {
	activateWorkflow,
	callWebhook,
	createCredential,
	createWorkflow,
	e2e,
	listExecutions,
	getExecution,
	nodeOutput,
	nodeRan,
	waitForExecutions,
} from '../harness/client';
import { createProfile } from '../harness/profiles';
import { controlCredential, slowWorkflow } from '../kill-switch/stop-workflows';
import type { AuditEvent } from '../../../lib/audit';
import { deriveAuditKey, verifyAuditEvents } from '../../../lib/audit';

const WEBHOOK_SECRET = randomBytes(24).toString('hex');
/** The header the templates' webhooks require (n8n's Header Auth, credential type httpHeaderAuth). */
const WEBHOOK_HEADER = { name: 'X-Webhook-Key', value: randomBytes(24).toString('base64url') };
const AUTH = { [WEBHOOK_HEADER.name]: WEBHOOK_HEADER.value };
/** The last Governance Profile made for a template: its secret verifies the template's audit events. */
let profile: Awaited<ReturnType<typeof createProfile>> | undefined;

/** Verifies the events a template's emitter output, requiring its chain to be closed. */
function expectClosedChain(events: AuditEvent[]) {
	const key = deriveAuditKey(profile?.signingSecret ?? '');
	const result = verifyAuditEvents(events, { [key.id]: key.secret }, { requireClosed: true });
	expect(result).toMatchObject({ valid: true, chains: [{ closed: true }] });
}

/** Test credentials for every type a template may reference. */
const CREDENTIALS: Record<string, () => Promise<{ id: string; name: string }>> = {
	governanceProfileApi: async () => (profile = await createProfile({ environment: 'production' })),
	governanceApproversApi: async () => await createApprovers(['alice@example.com', 'bob@example.com']),
	governanceWebhookSigningSecretApi: async () => await createCredential('governanceWebhookSigningSecretApi', { secret: WEBHOOK_SECRET, previousSecret: '', owner: 'owner@example.com' }),
	httpHeaderAuth: async () => await createCredential('httpHeaderAuth', { ...WEBHOOK_HEADER }),
	governanceExecutionControlApi: async () => await controlCredential(['execution:list', 'execution:stop']),
	governanceRedactionKeyApi: async () =>
		await createCredential('governanceRedactionKeyApi', { keyId: 'k1', secret: randomBytes(48).toString('base64'), previousKeyId: '', previousSecret: '' }),
};

/** Creates test credentials for the template's credential types, then creates and activates it; returns its id. */
export async function install(workflow: TemplateWorkflow): Promise<string> {
	const byType: Record<string, { id: string; name: string }> = {};
	for (const type of credentialTypes(workflow)) {
		const make = CREDENTIALS[type];
		if (!make) throw new Error(`no test credential for ${type}`);
		byType[type] = await make();
	}
	const body = forApi(bindCredentials(workflow, byType));
	const id = await createWorkflow(body.name, body.nodes as never, body.connections);
	await activateWorkflow(id);
	return id;
}

function webhookPath(workflow: TemplateWorkflow, nodeName: string): string {
	const node = workflow.nodes.find((n) => n.name === nodeName);
	if (!node) throw new Error(`template "${workflow.name}" has no node "${nodeName}"`);
	return String(node.parameters.path);
}

/** Drives each template's main path; keyed by file name so a new template without a driver fails the test. */
export const MAIN_PATHS: Record<string, (workflow: TemplateWorkflow, workflowId: string) => Promise<void>> = {
	'production-guard.workflow.json': async (workflow, workflowId) => {
		const path = webhookPath(workflow, 'Order webhook');
		expect((await callWebhook(path, { body: { order: 41 } })).status).toBe(403); // no header: refused before the workflow runs
		const response = await callWebhook(path, { body: { order: 42 }, headers: AUTH });
		expect(response.status).toBe(200);
		expect(response.json).toMatchObject({ sent: true, order: 42, environment: 'production' });
		const halted = await callWebhook(path, { body: { order: 43, simulateIncident: true }, headers: AUTH });
		expect(halted.status).toBeGreaterThanOrEqual(500);
		const full = await waitForExecutions(workflowId, 2);
		const sent = full.filter((e) => nodeRan(e, 'Send confirmation (stand-in)'));
		const stopped = full.filter((e) => nodeRan(e, 'Audit halt'));
		expect([sent.length, stopped.length]).toEqual([1, 1]);
		// both outcomes of the switch are recorded as signed, closed chains
		expectClosedChain(nodeOutput(sent[0], 'Audit confirmation sent')[1] as AuditEvent[]);
		const haltEvents = nodeOutput(stopped[0], 'Audit halt')[1] as AuditEvent[];
		expectClosedChain(haltEvents);
		expect(haltEvents[0].data).toMatchObject({ action: 'order.halted_by_kill_switch', outcome: 'denied' });
		expect(stopped[0].status).toBe('error');
		expect(nodeRan(stopped[0], 'Send confirmation (stand-in)')).toBe(false);
	},

	'incident-stop-workflow.workflow.json': async (workflow, workflowId) => {
		const target = await slowWorkflow(50, 'incident-target');
		for (let i = 0; i < 2; i++) await callWebhook(target.path, { body: {} });
		for (let i = 0; i < 100 && (await listExecutions(target.id, 'running')).length < 2; i++) await new Promise((r) => setTimeout(r, 200));
		const body = JSON.stringify({ workflowIds: target.id, reason: 'INC-1: template test' });
		const url = `${e2e().baseUrl}/webhook/${webhookPath(workflow, 'Incident trigger')}`;
		const post = async (signature: string) => {
			for (let attempt = 0; ; attempt++) {
				const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-signature': signature }, body });
				if (r.status !== 404 || attempt > 30) return { status: r.status, text: await r.text() };
				await new Promise((res) => setTimeout(res, 100));
			}
		};
		// an unsigned request stops at the signature check and stops nothing
		expect((await post('sha256=' + '0'.repeat(64))).status).toBeGreaterThanOrEqual(500);
		expect(await listExecutions(target.id, 'running')).toHaveLength(2);
		const ok = await post(`sha256=${createHmac('sha256', WEBHOOK_SECRET).update(body).digest('hex')}`);
		expect(ok.status).toBe(200);
		expect(JSON.parse(ok.text)).toMatchObject({ stopped: 2, found: { running: 2 }, remaining: { running: 0, waiting: 0, queued: 0 }, reason: 'INC-1: template test' });
		expect((await listExecutions(target.id)).map((e) => e.status)).toEqual(['canceled', 'canceled']);
		const done = (await waitForExecutions(workflowId, 2)).find((e) => nodeRan(e, 'Stop Executions'));
		const events = nodeOutput(done!, 'Audit the stop')[1] as AuditEvent[];
		expect(events[0].data).toMatchObject({ action: 'executions.stopped', policies: [{ policy: 'stop-executions', result: 'stopped' }] });
		expectClosedChain(events);
	},

	'signed-inbound-webhook.workflow.json': async (workflow, workflowId) => {
		const body = JSON.stringify({ action: 'opened', number: 7 });
		const signature = `sha256=${createHmac('sha256', WEBHOOK_SECRET).update(body).digest('hex')}`;
		const url = `${e2e().baseUrl}/webhook/${webhookPath(workflow, 'GitHub webhook')}`;
		const post = async (sig: string, payload: string) => {
			for (let attempt = 0; ; attempt++) {
				const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-github-event': 'issues', 'x-hub-signature-256': sig }, body: payload });
				if (r.status !== 404 || attempt > 30) return { status: r.status, text: await r.text() };
				await new Promise((res) => setTimeout(res, 100));
			}
		};
		const ok = await post(signature, body);
		expect(ok.status).toBe(200);
		expect(JSON.parse(ok.text)).toEqual({ accepted: true, event: 'issues', action: 'opened' });
		expect((await post(signature, body.replace('opened', 'closed'))).status).toBeGreaterThanOrEqual(500);
		const [verified] = (await waitForExecutions(workflowId, 2)).filter((e) => nodeRan(e, 'Audit verified event'));
		const events = nodeOutput(verified, 'Audit verified event')[1] as AuditEvent[];
		expectClosedChain(events);
		expect(events[0].data).toMatchObject({ action: 'webhook.received', actor: { id: 'signed:github' } });
	},

	'redact-model-restore.workflow.json': async (workflow, workflowId) => {
		// the flagship request of issue 15: names, a street address, a city, a postcode and a place besides the structured data
		const text =
			'Hi, this is Maria Gonzalez (maria.gonzalez@example.com), I live at 12 Oak Street, Springfield IL 62704. My card ' +
			'4111 1111 1111 1111 was charged twice. My colleague Dr. Peter Novak in Berlin can confirm. Call me at +1 415 555 0199.';
		const planted = ['Maria', 'Gonzalez', 'maria.gonzalez@example.com', '12 Oak Street', 'Springfield', '62704', '4111 1111 1111 1111', 'Peter Novak', 'Peter', 'Novak', 'Berlin', '+1 415 555 0199', '415 555 0199'];
		expect((await callWebhook(webhookPath(workflow, 'Support question'), { body: { text: 'no header' } })).status).toBe(403);
		const response = await callWebhook(webhookPath(workflow, 'Support question'), { body: { text }, headers: AUTH });
		expect(response.status).toBe(200);
		// Restore gives every value back exactly where it was
		expect(response.json.answer).toBe(`Draft reply: we will contact you about "${text}" within one business day.`);
		const [execution] = await waitForExecutions(workflowId); // the refused call never started an execution
		const storedRedact = JSON.stringify(execution.data?.resultData.runData.Redact);
		const storedModel = JSON.stringify(execution.data?.resultData.runData['Model (stand-in)']);
		for (const value of planted) {
			expect(storedRedact).not.toContain(value);
			expect(storedModel).not.toContain(value);
		}
		const counts = execution.data?.resultData.runData.Redact[0].data?.main[0]?.[0].json.redaction.counts;
		expect(counts).toEqual({ PERSON: 2, EMAIL_ADDRESS: 1, STREET_ADDRESS: 1, CREDIT_CARD: 1, LOCATION: 1, PHONE_NUMBER: 1 });
		expect(nodeRan(execution, 'Store audit events (stand-in)')).toBe(true);
		expectClosedChain(nodeOutput(execution, 'Audit data sent to model')[1] as AuditEvent[]);
	},

	'refund-approval.workflow.json': async (workflow, workflowId) => {
		expect((await callWebhook(webhookPath(workflow, 'Refund request'), { body: { customer: 'ACME', amount: 1 } })).status).toBe(403);
		await callWebhook(webhookPath(workflow, 'Refund request'), {
			body: { customer: 'ACME', amount: 120, reason: 'Damaged delivery', requestedBy: 'carol@example.com' },
			headers: AUTH,
		});
		// The inbox refuses a request the gate did not sign.
		const forged = await callWebhook(webhookPath(workflow, 'Approval inbox (stand-in for Slack)'), { body: { links: [] }, headers: { 'x-signature': `sha256=${'0'.repeat(64)}` } });
		expect(forged.status).toBe(200); // onReceived: n8n answers first, the run then stops at the signature check
		// The gate posts its links to the template's own "Approval inbox" webhook: a second execution.
		let inbox: any;
		for (let i = 0; i < 100 && !inbox; i++) {
			for (const e of await listExecutions(workflowId)) {
				const full = await getExecution(e.id);
				if (nodeRan(full, 'Verify approval request') && full.status === 'success') inbox = full;
			}
			if (!inbox) await new Promise((r) => setTimeout(r, 200));
		}
		const payload = inbox.data.resultData.runData['Approval inbox (stand-in for Slack)'][0].data.main[0][0].json.body;
		const link = payload.links.find((l: { approver: string }) => l.approver === 'alice@example.com').url as string;
		const executionId = new URL(link).pathname.split('/')[2];
		await waitForStatus(executionId, 'waiting');
		expect((await postDecision(link, { approval_token: tokenOf(link), decision: 'approve' })).status).toBe(200);
		const done = await waitForStatus(executionId, 'success');
		expect(nodeRan(done, 'Issue refund (stand-in)')).toBe(true);
		expect(nodeRan(done, 'Store audit events (stand-in)')).toBe(true);
		// The gate signed its decision, so the emitter records it as a fact: approved by alice, vouched for by the gate.
		const events = nodeOutput(done, 'Audit approval')[1] as AuditEvent[];
		expect(events[0].data).toMatchObject({
			action: 'approval.decided',
			outcome: 'approved',
			actor: { type: 'user', id: 'alice@example.com', verifiedBy: 'approval-gate' },
			policies: [{ policy: 'approval', result: 'approved' }],
		});
		expectClosedChain(events);
		// the forged notification ran into the signature check and stopped there
		const refused = (await waitForExecutions(workflowId, 1)).filter((e) => nodeRan(e, 'Verify approval request') && e.status === 'error');
		expect(refused.length).toBe(1);
	},
};
