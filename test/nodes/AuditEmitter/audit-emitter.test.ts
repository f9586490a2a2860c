import { NodeOperationError } from 'n8n-workflow';
import type { AuditEvent } from '../../../lib/audit';
import { REDACTED_SECRET, deriveAuditKey, verifyAuditEvents, verifyWebhookSignature } from '../../../lib/audit';
import { signApprovalDecision } from '../../../lib/approval/attestation';
import { AuditEmitter } from '../../../nodes/AuditEmitter/AuditEmitter.node';
import { PROFILE, WEBHOOK_SINK, emitterContext } from './context';

const node = new AuditEmitter();
const KEY = deriveAuditKey(PROFILE.signingSecret);
const KEYS = { [KEY.id]: KEY.secret };
const ITEMS_ONLY = { delivery: 'items' };
const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const UNSIGNED_DECISION = { decision: 'rejected', approver: 'bob@example.com', factor: 'link+totp', comment: 'no', decidedAt: '2024-05-01T00:00:00Z', requestId: 'r-1', requestedBy: 'a@example.com', gateNodeId: 'gate-1' };
const SIGNED_DECISION = { ...UNSIGNED_DECISION, signature: signApprovalDecision(PROFILE.signingSecret, 'exec-1', UNSIGNED_DECISION) };

async function emit(options: Parameters<typeof emitterContext>[0]) {
	const { context, flow, sent, hints } = emitterContext(options);
	const out = await node.execute.call(context);
	return { out, flow, sent, hints, events: (out[1] ?? []).map((i) => i.json as unknown as AuditEvent) };
}

describe('Audit Emitter node: mapping', () => {
	test('when items pass in items mode then each gets audit fields, events verify and the input is untouched', async () => {
		const items = [{ json: { a: 1 } }, { json: { a: 2 } }];
		const { out, events } = await emit({ items, parameters: ITEMS_ONLY });
		expect(out[0].map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(out[1].map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(items[0].json).toEqual({ a: 1 });
		expect(out[0][1].json).toEqual({ a: 2, audit: { eventId: events[1].id, traceparent: events[1].traceparent, seq: 1, chainId: 'exec-1/items' } });
		expect(verifyAuditEvents(events, KEYS).valid).toBe(true);
		expect(events[0]).toMatchObject({ keyid: KEY.id, chainid: 'exec-1/items', source: '/n8n/workflows/wf-1' });
		expect(events[0].data).toMatchObject({
			action: 'data.sent_to_model',
			outcome: 'success',
			actor: { type: 'webhook', name: 'Webhook' },
			environment: 'production',
			owner: 'owner@example.com',
			dataClassification: 'confidential',
			workflow: { id: 'wf-1', name: 'Support bot' },
			execution: { id: 'exec-1', mode: 'webhook' },
			node: { name: 'Audit Emitter', type: 'n8n-nodes-governance.auditEmitter' },
		});
	});

	test('when the item carries a Stop Executions report then the event is executions.stopped with the reason and counts', async () => {
		const report = { dryRun: false, reason: 'INC-9: leak', workflows: ['wfA'], statuses: ['running'], found: { running: 3, waiting: 0, queued: 2 }, stopped: 5 };
		const { events } = await emit({ items: [{ json: { stopExecutions: report } }], parameters: ITEMS_ONLY });
		expect(events[0].data.action).toBe('executions.stopped');
		expect(events[0].data.policies).toEqual([{ policy: 'stop-executions', result: 'stopped', detail: 'stopped 5 of running 3, waiting 0, queued 2 in workflows wfA; reason: INC-9: leak' }]);
		const dry = await emit({ items: [{ json: { stopExecutions: { ...report, dryRun: true, stopped: 0, workflows: 'all' } } }], parameters: ITEMS_ONLY });
		expect(dry.events[0].data.action).toBe('data.sent_to_model');
		expect(dry.events[0].data.policies?.[0]).toMatchObject({ result: 'dry_run', detail: 'would stop running 3, waiting 0, queued 2 in all workflows; reason: INC-9: leak' });
	});

	test('when two emitters run in one execution then the second continues the chain from the flow context', async () => {
		const first = await emit({ items: [{ json: {} }, { json: {} }], parameters: ITEMS_ONLY });
		const second = await emit({ items: [{ json: {} }], parameters: { ...ITEMS_ONLY, eventAction: 'workflow.completed' }, flow: first.flow });
		expect(second.events[0].seq).toBe(2);
		const all = [...first.events, ...second.events];
		expect(verifyAuditEvents(all, KEYS)).toMatchObject({ valid: true, chains: [{ chainId: 'exec-1/items', events: 3, closed: false }] });
		// Another execution starts its own chain.
		const other = await emit({ items: [{ json: {} }], parameters: ITEMS_ONLY, flow: {}, executionId: 'exec-2' });
		expect(other.events[0]).toMatchObject({ seq: 0, chainid: 'exec-2/items' });
	});

	test.each([
		// A decision an Approval Gate of this execution signed makes the event approval.decided by the approver.
		[{ approval: SIGNED_DECISION },
			{ action: 'approval.decided', outcome: 'rejected', actor: { type: 'user', id: 'bob@example.com', verifiedBy: 'approval-gate' }, policies: [{ policy: 'approval', result: 'rejected', detail: 'by bob@example.com, via link+totp, request r-1' }] }],
		// An approval object nobody signed (e.g. mapped from a webhook body) is only a claim.
		[{ approval: UNSIGNED_DECISION },
			{ action: 'data.sent_to_model', outcome: 'success', actor: { type: 'webhook', name: 'Webhook' }, policies: [{ policy: 'approval', result: 'unverified', detail: 'item claims rejected by bob@example.com, via link+totp, request r-1; no Approval Gate of this run signed it' }] }],
		// A signed decision whose approver was changed afterwards no longer verifies.
		[{ approval: { ...SIGNED_DECISION, approver: 'mallory@example.com' } },
			{ action: 'data.sent_to_model', actor: { type: 'webhook', name: 'Webhook' }, policies: [{ policy: 'approval', result: 'unverified' }] }],
		// A decision signed in another execution (copied into this run) is not this run's decision.
		[{ approval: { ...UNSIGNED_DECISION, signature: signApprovalDecision(PROFILE.signingSecret, 'exec-0', UNSIGNED_DECISION) } },
			{ action: 'data.sent_to_model', policies: [{ policy: 'approval', result: 'unverified' }] }],
		// A Redact report becomes a policy evaluation counting each entity.
		[{ redaction: { counts: { EMAIL_ADDRESS: 3, PHONE_NUMBER: 1 }, fields: ['body.text', 'body.from'], ruleSetVersion: '1.abc' } },
			{ action: 'data.sent_to_model', policies: [{ policy: 'redaction', result: 'applied', detail: '3 EMAIL_ADDRESS, 1 PHONE_NUMBER in 2 field(s) (rule set 1.abc)' }] }],
		// The Environment Assertion stamp says the run passed it.
		[{ governance: { environment: 'production', owner: 'o@example.com' } },
			{ policies: [{ policy: 'environment-assertion', result: 'passed', detail: 'environment production' }] }],
	])('when the item carries %j then the event records it', async (json, expected) => {
		const { events } = await emit({ items: [{ json }], parameters: ITEMS_ONLY });
		expect(events[0].data).toMatchObject(expected);
	});

	test('when the item came with a traceparent then its trace id is the correlation id and flows on with a new span', async () => {
		const incoming = `00-${TRACE}-00f067aa0ba902b7-01`;
		const { out, events } = await emit({ items: [{ json: { headers: { traceparent: incoming } } }], parameters: ITEMS_ONLY });
		expect(events[0].data.correlationId).toBe(TRACE);
		const audit = out[0][0].json.audit as { traceparent: string };
		expect(audit.traceparent).toMatch(new RegExp(`^00-${TRACE}-[0-9a-f]{16}-01$`));
		expect(audit.traceparent).not.toBe(incoming);
	});

	test('when no traceparent came then every event of the execution shares one derived trace id', async () => {
		const { events } = await emit({ items: [{ json: {} }, { json: {} }], parameters: ITEMS_ONLY });
		expect(events[0].data.correlationId).toMatch(/^[0-9a-f]{32}$/);
		expect(events[1].data.correlationId).toBe(events[0].data.correlationId);
	});

	test('when custom fields hold secrets then they are masked and the paths recorded', async () => {
		const parameters = {
			...ITEMS_ONLY,
			eventAction: 'custom',
			customAction: 'invoice.paid',
			outcome: 'custom',
			customOutcome: 'partial',
			actor: 'custom',
			actorType: 'service',
			actorId: 'billing',
			targetType: 'invoice',
			targetId: 'INV-7',
			customFields: { field: [{ name: 'model', value: 'gpt-4o' }, { name: 'key', value: 'sk-abcdefghijklmnop1234567890' }, { name: 'cfg', value: 'api_key: 8f3e2a9b7c6d5e4f3a2b1c0d9e8f7a6b' }] },
		};
		const { events } = await emit({ items: [{ json: {} }], parameters });
		expect(events[0].data).toMatchObject({
			action: 'invoice.paid',
			outcome: 'partial',
			actor: { type: 'service', id: 'billing' },
			target: { type: 'invoice', id: 'INV-7' },
			custom: { model: 'gpt-4o', key: REDACTED_SECRET, cfg: REDACTED_SECRET },
			sanitized: { secretsMasked: 2, paths: ['data.custom.cfg', 'data.custom.key'] },
		});
		expect(JSON.stringify(events)).not.toContain('sk-abcdefghijklmnop');
	});

	const HOOK = [{ name: 'Hook', type: 'n8n-nodes-base.webhook' }];
	const JWT_HOOK = [{ name: 'Hook', type: 'n8n-nodes-base.webhook', parameters: { authentication: 'jwtAuth' } }];
	const SIGNED_HOOK = [...HOOK, { name: 'Verify', type: 'n8n-nodes-governance.verifyWebhookSignature' }];
	test.each([
		// A caller can send any X-Forwarded-For: it is recorded as a claim, never as the actor id.
		['webhook', HOOK, { headers: { 'x-forwarded-for': '1.2.3.4-spoofed-by-caller, 10.0.0.1' } }, { type: 'webhook', name: 'Hook', claimed: { id: '1.2.3.4-spoofed-by-caller', source: 'x-forwarded-for' } }],
		['webhook', HOOK, { headers: { 'x-real-ip': '203.0.113.9' } }, { type: 'webhook', name: 'Hook', claimed: { id: '203.0.113.9', source: 'x-real-ip' } }],
		// The JWT the Webhook node verified (JWT Auth) names the caller.
		['webhook', JWT_HOOK, { jwtPayload: { sub: 'partner-7' }, headers: { 'x-forwarded-for': '1.2.3.4' } }, { type: 'webhook', name: 'Hook', id: 'partner-7', verifiedBy: 'webhook-jwt', claimed: { id: '1.2.3.4', source: 'x-forwarded-for' } }],
		// A jwtPayload field without JWT Auth on the webhook vouches for nothing.
		['webhook', HOOK, { jwtPayload: { sub: 'partner-7' } }, { type: 'webhook', name: 'Hook' }],
		// A signature Verify Webhook Signature checked upstream vouches for the sender.
		['webhook', SIGNED_HOOK, { signatureCheck: { valid: true, preset: 'github' } }, { type: 'webhook', name: 'Hook', id: 'signed:github', verifiedBy: 'webhook-signature' }],
		// The same stamp without the node upstream is not evidence.
		['webhook', HOOK, { signatureCheck: { valid: true, preset: 'github' } }, { type: 'webhook', name: 'Hook' }],
		['trigger', [{ name: 'Every hour', type: 'n8n-nodes-base.scheduleTrigger' }], {}, { type: 'schedule', name: 'Every hour' }],
		['manual', [{ name: 'Start', type: 'n8n-nodes-base.manualTrigger' }], {}, { type: 'user', name: 'manual run from the editor' }],
	])('when the run was started in %s mode by %j with %j then the actor is derived from what vouches for it', async (mode, parents, json, actor) => {
		const { events } = await emit({ items: [{ json }], parameters: ITEMS_ONLY, mode, parents });
		expect(events[0].data.actor).toEqual(actor);
	});

	test('when n8n names the user who started a manual run then that user is the actor, verified by n8n', async () => {
		const { context } = emitterContext({ items: [{ json: {} }], parameters: ITEMS_ONLY, mode: 'manual', parents: [{ name: 'Start', type: 'n8n-nodes-base.manualTrigger' }] });
		(context as unknown as { getExecutionContext: () => unknown }).getExecutionContext = () => ({ version: 1, source: 'manual', executedByUserId: 'user-42' });
		const [, [event]] = await node.execute.call(context);
		expect((event.json as unknown as AuditEvent).data.actor).toEqual({ type: 'user', id: 'user-42', name: 'manual run from the editor', verifiedBy: 'n8n' });
	});

	test('when a required custom action is empty then the run stops naming the item', async () => {
		const { context } = emitterContext({ items: [{ json: {} }], parameters: { ...ITEMS_ONLY, eventAction: 'custom', customAction: ' ' } });
		const error = (await node.execute.call(context).catch((e: unknown) => e)) as NodeOperationError;
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toBe('"Custom Action" is empty');
	});

	test('when the profile is unusable then nothing is signed and the run stops', async () => {
		const { context } = emitterContext({ items: [{ json: {} }], parameters: ITEMS_ONLY });
		(context as unknown as { getCredentials: () => Promise<unknown> }).getCredentials = async () => ({ ...PROFILE, signingSecret: 'weak' });
		await expect(node.execute.call(context)).rejects.toThrow(/Signing secret encodes 3 bytes as base64; at least 32 random bytes are needed .*openssl rand -base64 32/);
	});
});

describe('Audit Emitter node: sinks', () => {
	const SINK = { delivery: 'sink', options: { retries: 0 } };

	test('when the webhook sink accepts then all items go in one signed request and pass on', async () => {
		const { out, sent, flow } = await emit({ items: [{ json: { n: 1 } }, { json: { n: 2 } }, { json: { n: 3 } }], parameters: SINK, sink: WEBHOOK_SINK });
		expect(out).toHaveLength(1);
		expect(sent).toHaveLength(1);
		expect(sent[0].url).toBe('http://127.0.0.1:9/audit');
		expect(verifyWebhookSignature(sent[0].body, sent[0].headers, WEBHOOK_SINK.webhookSecret).valid).toBe(true);
		const events = JSON.parse(sent[0].body) as AuditEvent[];
		expect(events.map((e) => e.id)).toEqual(out[0].map((i) => (i.json.audit as { eventId: string }).eventId));
		expect(events[0].chainid).toBe('exec-1/sink-1');
		expect(verifyAuditEvents(events, KEYS).valid).toBe(true);
		expect(flow.governanceAuditChains).toEqual({ 'exec-1/sink-1': { seq: 3, prevHash: expect.stringMatching(/^[0-9a-f]{64}$/) } });
	});

	test('when a run has more than 500 events then they go in several requests of at most 500, in chain order', async () => {
		const items = Array.from({ length: 1201 }, (_, n) => ({ json: { n } }));
		const { sent } = await emit({ items, parameters: SINK, sink: WEBHOOK_SINK });
		const batches = sent.map((request) => JSON.parse(request.body) as AuditEvent[]);
		expect(batches.map((b) => b.length)).toEqual([500, 500, 201]);
		expect(batches.flat().map((e) => e.seq)).toEqual(items.map((_, n) => n));
		for (const request of sent) expect(verifyWebhookSignature(request.body, request.headers, WEBHOOK_SINK.webhookSecret).valid).toBe(true);
	});

	test('when Splunk HEC and OTLP sinks are configured then requests go to their fixed paths with their auth', async () => {
		const splunk = await emit({ items: [{ json: {} }], parameters: SINK, sink: { sinkType: 'splunkHec', url: 'https://splunk.test:8088/', splunkToken: 'hec-token', splunkIndex: 'audit' } });
		expect(splunk.sent[0].url).toBe('https://splunk.test:8088/services/collector/event');
		expect(splunk.sent[0].headers.Authorization).toBe('Splunk hec-token');
		expect(JSON.parse(splunk.sent[0].body)).toMatchObject({ index: 'audit', sourcetype: 'n8n:governance:audit' });
		const otlp = await emit({ items: [{ json: {} }], parameters: SINK, sink: { sinkType: 'otlp', url: 'http://otel.test:4318', otlpHeaderName: 'X-Api-Key', otlpHeaderToken: 'k1' } });
		expect(otlp.sent[0].url).toBe('http://otel.test:4318/v1/logs');
		expect(otlp.sent[0].headers['X-Api-Key']).toBe('k1');
		expect(JSON.parse(otlp.sent[0].body).resourceLogs[0].scopeLogs[0].logRecords).toHaveLength(1);
	});

	test('when the sink keeps failing then the run stops naming the sink and every undelivered id, and the chain does not advance', async () => {
		const { context, flow, sent } = emitterContext({ items: [{ json: {} }, { json: {} }], parameters: SINK, sink: WEBHOOK_SINK, respond: () => ({ statusCode: 503 }) });
		const error = (await node.execute.call(context).catch((e: unknown) => e)) as NodeOperationError;
		const ids = (JSON.parse(sent[0].body) as AuditEvent[]).map((e) => e.id);
		expect(error.message).toBe(
			`Audit events not delivered to HTTP webhook http://127.0.0.1:9/audit (credential "Audit sink"): HTTP 503 after 1 attempts. Undelivered event ids: ${ids.join(', ')}`,
		);
		expect(flow.governanceAuditChains).toBeUndefined();
	});

	test('when the network fails with retries then it retries before giving up, and the errno stays in the message', async () => {
		const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
		const { context, sent } = emitterContext({ items: [{ json: {} }], parameters: { ...SINK, options: { retries: 1 } }, sink: WEBHOOK_SINK, respond: () => refused });
		await expect(node.execute.call(context)).rejects.toThrow(/: network error ECONNREFUSED after 2 attempts\. Undelivered event ids: /);
		expect(sent).toHaveLength(2);
	});

	test('when undelivered events are routed then they leave on the second output and the items go on', async () => {
		const { out, flow } = await emit({ items: [{ json: { n: 1 } }], parameters: { ...SINK, onUndelivered: 'route' }, sink: WEBHOOK_SINK, respond: () => ({ statusCode: 400 }) });
		expect(out[0][0].json.n).toBe(1);
		expect(out[1]).toHaveLength(1);
		expect(out[1][0].json).toMatchObject({ reason: 'HTTP 400 is not retryable', sink: 'HTTP webhook http://127.0.0.1:9/audit (credential "Audit sink")' });
		const event = out[1][0].json.event as unknown as AuditEvent;
		expect(event.id).toBe((out[0][0].json.audit as { eventId: string }).eventId);
		expect(verifyAuditEvents([event], KEYS).valid).toBe(true);
		expect(flow.governanceAuditChains).toBeDefined();
	});

	test('when delivery fails under continueOnFail then error items carry no input data', async () => {
		const { out } = await emit({ items: [{ json: { secret: 'x' } }], parameters: SINK, sink: WEBHOOK_SINK, respond: () => ({ statusCode: 500 }), continueOnFail: true });
		expect(out[0][0].json).not.toHaveProperty('secret');
		expect(out[0][0].json.error).toMatch(/^Audit events not delivered to HTTP webhook/);
		// item.error set: "Continue (using error output)" routes it off the success path.
		expect(out[0][0].error).toBeDefined();
	});

	test('when the sink credential is unusable then the run stops before signing', async () => {
		const { context, sent } = emitterContext({ items: [{ json: {} }], parameters: SINK, sink: { ...WEBHOOK_SINK, webhookSecret: 'short' } });
		await expect(node.execute.call(context)).rejects.toThrow('The webhook signing secret is shorter than 16 characters');
		expect(sent).toHaveLength(0);
	});
});

describe('Audit Emitter node: closing the chain', () => {
	const EMITTER_AFTER = [{ name: 'Audit Done', type: 'n8n-nodes-governance.auditEmitter' }];

	test('when Close Chain is on then a signed closing event follows the items\' events and the chain verifies as closed', async () => {
		const first = await emit({ items: [{ json: {} }, { json: {} }], parameters: ITEMS_ONLY, children: EMITTER_AFTER });
		const last = await emit({ items: [{ json: {} }], parameters: { ...ITEMS_ONLY, closeChain: true }, flow: first.flow });
		expect(last.events.map((e) => [e.seq, e.type])).toEqual([
			[2, 'io.n8n.governance.audit.recorded'],
			[3, 'io.n8n.governance.audit.chain.closed'],
		]);
		expect(last.events[1].data).toMatchObject({ action: 'audit.chain.closed', outcome: 'success', count: 3, actor: { type: 'system', name: 'Audit Emitter' } });
		expect(last.out[1].map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 0 }]);
		const all = [...first.events, ...last.events];
		expect(verifyAuditEvents(all, KEYS, { requireClosed: true })).toMatchObject({ valid: true, chains: [{ events: 4, closed: true }] });
		// Without the closing event (the last one deleted), the same log no longer passes --require-closed.
		expect(verifyAuditEvents(all.slice(0, -1), KEYS, { requireClosed: true })).toMatchObject({ valid: false, problems: [{ code: 'not_closed' }] });
	});

	test('when the closing event goes to a sink then it is in the same batch as the items\' events', async () => {
		const { sent } = await emit({ items: [{ json: {} }], parameters: { delivery: 'sink', closeChain: true }, sink: WEBHOOK_SINK });
		const batch = JSON.parse(sent[0].body) as AuditEvent[];
		expect(batch.map((e) => e.type)).toEqual(['io.n8n.governance.audit.recorded', 'io.n8n.governance.audit.chain.closed']);
	});

	test('when an emitter runs after the chain was closed then the run stops naming the fix', async () => {
		const closed = await emit({ items: [{ json: {} }], parameters: { ...ITEMS_ONLY, closeChain: true } });
		const { context } = emitterContext({ items: [{ json: {} }], parameters: ITEMS_ONLY, flow: closed.flow });
		const error = (await node.execute.call(context).catch((e: unknown) => e)) as NodeOperationError;
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toBe("This run's audit chain exec-1/items was already closed by an earlier Audit Emitter");
	});

	test('when no Audit Emitter follows and Close Chain is off then the output pane hints to close the chain', async () => {
		const open = await emit({ items: [{ json: {} }], parameters: ITEMS_ONLY });
		expect(open.hints.map((h) => h.message)).toEqual([expect.stringContaining('No Audit Emitter follows "Audit Emitter", but it does not close the audit chain')]);
		expect((await emit({ items: [{ json: {} }], parameters: ITEMS_ONLY, children: EMITTER_AFTER })).hints).toEqual([]);
		expect((await emit({ items: [{ json: {} }], parameters: { ...ITEMS_ONLY, closeChain: true } })).hints).toEqual([]);
	});
});

describe('Audit Emitter node: the workflow version that ran', () => {
	test('when the n8n API credential is set then the execution record is read once per execution and every event carries its version', async () => {
		const first = emitterContext({ items: [{ json: {} }, { json: {} }], parameters: ITEMS_ONLY, n8nApi: { workflowVersionId: 'ver-published-2' } });
		const [, events] = await node.execute.call(first.context);
		expect(events.map((e) => (e.json as unknown as AuditEvent).data.workflow)).toEqual([
			{ id: 'wf-1', name: 'Support bot', versionId: 'ver-published-2' },
			{ id: 'wf-1', name: 'Support bot', versionId: 'ver-published-2' },
		]);
		expect(first.apiReads).toEqual(['governanceExecutionRecordApi http://127.0.0.1:5678/api/v1/executions/exec-1']);
		// A later emitter of the same execution reuses the cached answer from the flow context.
		const second = emitterContext({ items: [{ json: {} }], parameters: ITEMS_ONLY, n8nApi: { workflowVersionId: 'ver-other' }, flow: first.flow });
		const [, [later]] = await node.execute.call(second.context);
		expect((later.json as unknown as AuditEvent).data.workflow?.versionId).toBe('ver-published-2');
		expect(second.apiReads).toEqual([]);
	});

	test('when no n8n API credential is set then events carry no version and nothing is read', async () => {
		const { context, apiReads } = emitterContext({ items: [{ json: {} }], parameters: ITEMS_ONLY });
		const [, [event]] = await node.execute.call(context);
		expect((event.json as unknown as AuditEvent).data.workflow).toEqual({ id: 'wf-1', name: 'Support bot' });
		expect(apiReads).toEqual([]);
	});

	test('when the n8n API cannot be read then the run stops naming the credential to fix', async () => {
		const { context } = emitterContext({ items: [{ json: {} }], parameters: ITEMS_ONLY, n8nApi: new Error('Request failed with status code 401') });
		const error = (await node.execute.call(context).catch((e: unknown) => e)) as NodeOperationError;
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toBe('Could not read the workflow version of execution exec-1 from the n8n API at http://127.0.0.1:5678: Request failed with status code 401');
	});
});
