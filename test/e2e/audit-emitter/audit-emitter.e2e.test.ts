import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuditEvent } from '../../../lib/audit';
import { deriveAuditKey, verifyAuditEvents, verifyWebhookSignature } from '../../../lib/audit';
import { callWebhook, createCredential, nodeOutput, nodeRan, waitForExecutions } from '../harness/client';
import { noOp } from '../harness/nodes';
import { createProfile } from '../harness/profiles';
import { startReceiver } from '../harness/receiver';
import { WEBHOOK_SECRET, auditEmitter, environmentAssertion, orderWorkflow, orders, webhookSink } from './workflow';

const ROOT = join(__dirname, '..', '..', '..');
const CLI = join(ROOT, 'cli', 'bin', 'n8n-governance.js');
const TRACE_ID = '0af7651916cd43dd8448eb211c80319c';
const TRACEPARENT = `00-${TRACE_ID}-b7ad6b7169203331-01`;
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

let dir: string;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let profile: Awaited<ReturnType<typeof createProfile>>;

/** A loopback URL nothing listens on: a receiver started and stopped again. */
async function deadUrl(): Promise<string> {
	const stopped = await startReceiver();
	await stopped.close();
	return `${stopped.url}/audit`;
}

beforeAll(async () => {
	// The CLI is its own package: build it as `npm run build:cli` does, so the test runs what auditors run.
	execFileSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(ROOT, 'cli', 'tsconfig.json')], { stdio: 'pipe' });
	dir = mkdtempSync(join(tmpdir(), 'ngov-audit-e2e-'));
	receiver = await startReceiver();
	profile = await createProfile({ environment: 'production' });
}, 180_000);

afterAll(async () => {
	await receiver?.close();
	if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('Audit Emitter in a real n8n', () => {
	test('when a run passes two emitters then the webhook receives signed batches whose events verify with the CLI as one chain', async () => {
		const sink = await webhookSink(`${receiver.url}/audit`);
		const { path, workflowId } = await orderWorkflow('audit-hook', [
			environmentAssertion(profile),
			auditEmitter('Record Send', profile, sink, {
				targetType: 'order',
				targetId: '={{ $json.order.id }}',
				customFields: { field: [{ name: 'amount', value: '={{ $json.order.amount }}' }, { name: 'apiKey', value: 'sk-live0123456789abcdefghij' }] },
			}),
			auditEmitter('Record Completed', profile, sink, { eventAction: 'workflow.completed' }),
		]);
		const before = receiver.received.length;
		const response = await callWebhook(path, { body: { orders: orders(3) }, headers: { traceparent: TRACEPARENT } });
		expect(response.status).toBe(200);
		const [execution] = await waitForExecutions(workflowId);
		expect(execution.status).toBe('success');

		const requests = receiver.received.slice(before);
		expect(requests).toHaveLength(2);
		for (const request of requests) {
			expect(request.url).toBe('/audit');
			expect(verifyWebhookSignature(request.body, request.headers as Record<string, string>, WEBHOOK_SECRET)).toEqual({ valid: true });
		}
		const events = requests.flatMap((r) => r.json as AuditEvent[]);
		expect(events.map((e) => e.seq)).toEqual([0, 1, 2, 3, 4, 5]);
		expect(events.map((e) => e.data.action)).toEqual([...Array(3).fill('data.sent_to_model'), ...Array(3).fill('workflow.completed')]);
		for (const event of events) {
			expect(event.data).toMatchObject({
				execution: { id: execution.id, mode: 'webhook' },
				workflow: { id: workflowId },
				environment: 'production',
				owner: 'owner@governance.test',
				dataClassification: 'confidential',
				correlationId: TRACE_ID,
				actor: { type: 'webhook', name: 'Webhook' },
				policies: [{ policy: 'environment-assertion', result: 'passed', detail: 'environment production' }],
			});
			expect(event.chainid).toBe(`${execution.id}/${sink.id}`);
			expect(event.traceparent.startsWith(`00-${TRACE_ID}-`)).toBe(true);
		}
		expect(events[1].data).toMatchObject({ target: { type: 'order', id: 'o-2' }, custom: { amount: 20, apiKey: '[REDACTED:SECRET]' } });
		expect(JSON.stringify(events)).not.toContain('sk-live');

		// Items go on with their audit reference and a traceparent for downstream calls.
		const [passed] = nodeOutput(execution, 'Record Completed');
		expect(passed.map((i) => i.audit.eventId)).toEqual(events.slice(3).map((e) => e.id));
		expect(passed[0].audit).toMatchObject({ seq: 3, chainId: events[0].chainid, traceparent: events[3].traceparent });

		const key = deriveAuditKey(profile.signingSecret);
		const keyFile = join(dir, 'keys.json');
		const eventsFile = join(dir, 'events.jsonl');
		writeFileSync(keyFile, JSON.stringify({ [key.id]: key.secret }));
		writeFileSync(eventsFile, requests.map((r) => r.json.map((e: unknown) => JSON.stringify(e)).join('\n')).join('\n') + '\n');
		const verify = spawnSync(process.execPath, [CLI, 'audit', 'verify', '--key-file', keyFile, eventsFile], { encoding: 'utf8' });
		process.stderr.write(`[e2e] CLI verify: ${verify.stdout}[e2e] first event: ${JSON.stringify(events[0])}\n`);
		expect(verify.stderr).toBe('');
		expect(verify.stdout).toBe('OK: 6 event(s) in 1 chain(s), 0 closed; every signature and link verified.\n');
		expect(verify.status).toBe(0);

		// One changed byte is caught.
		writeFileSync(eventsFile, JSON.stringify(events.map((e, i) => (i === 2 ? { ...e, data: { ...e.data, outcome: 'failure' } } : e))));
		const tampered = spawnSync(process.execPath, [CLI, 'audit', 'verify', '--key-file', keyFile, eventsFile], { encoding: 'utf8' });
		process.stderr.write(`[e2e] CLI verify after one change: exit ${tampered.status}\n${tampered.stdout}`);
		expect(tampered.status).toBe(1);
		expect(tampered.stdout).toContain(`event ${events[2].id}, chain ${events[2].chainid}, seq 2: bad_signature`);
	});

	test('when the emitter runs once per loop iteration then its runs continue one chain (state in the execution data)', async () => {
		const loop = { name: 'Loop', type: 'n8n-nodes-base.splitInBatches', typeVersion: 3, parameters: { batchSize: 1, options: {} } };
		const { path, workflowId } = await orderWorkflow('audit-loop', [loop, auditEmitter('Audit Emitter', profile, undefined), noOp('Done')], {
			Webhook: { main: [[{ node: 'Split Orders', type: 'main', index: 0 }]] },
			'Split Orders': { main: [[{ node: 'Loop', type: 'main', index: 0 }]] },
			Loop: { main: [[{ node: 'Done', type: 'main', index: 0 }], [{ node: 'Audit Emitter', type: 'main', index: 0 }]] },
			'Audit Emitter': { main: [[{ node: 'Loop', type: 'main', index: 0 }]] },
		});
		await callWebhook(path, { body: { orders: orders(3) } });
		const [execution] = await waitForExecutions(workflowId);
		expect(execution.status).toBe('success');
		const runs = execution.data?.resultData.runData['Audit Emitter'] ?? [];
		expect(runs).toHaveLength(3);
		const events = runs.flatMap((run) => (run.data?.main[1] ?? []).map((item) => item.json as AuditEvent));
		expect(events.map((e) => [e.seq, e.chainid])).toEqual([0, 1, 2].map((seq) => [seq, `${execution.id}/items`]));
		const key = deriveAuditKey(profile.signingSecret);
		expect(verifyAuditEvents(events, { [key.id]: key.secret })).toMatchObject({ valid: true, chains: [{ events: 3 }] });
	});

	test('when the receiver is down then the run fails naming the sink and every undelivered event id', async () => {
		const url = await deadUrl();
		const sink = await webhookSink(url);
		const { path, workflowId } = await orderWorkflow('audit-down', [
			environmentAssertion(profile),
			auditEmitter('Audit Emitter', profile, sink, { options: { retries: 1 } }),
			noOp('After Audit'),
		]);
		const response = await callWebhook(path, { body: { orders: orders(3) } });
		expect(response.status).toBeGreaterThanOrEqual(500);
		const [execution] = await waitForExecutions(workflowId);
		expect(execution.status).toBe('error');
		const error = execution.data?.resultData.error;
		process.stderr.write(`[e2e] receiver down: ${error?.message}\n[e2e] description: ${error?.description}\n`);
		expect(error?.node?.name).toBe('Audit Emitter');
		expect(error?.message).toMatch(
			new RegExp(
				`^Audit events not delivered to HTTP webhook ${url.replace(/[.]/g, '\\.')} \\(credential "${sink.name}"\\): network error ECONNREFUSED after 2 attempts\\. Undelivered event ids: ${UUID}, ${UUID}, ${UUID}$`,
			),
		);
		expect(nodeRan(execution, 'After Audit')).toBe(false);
	});

	test('when "Route to Undelivered Output" is set then the events leave there, still verifiable, and the run goes on', async () => {
		const sink = await webhookSink(await deadUrl());
		const { path, workflowId } = await orderWorkflow(
			'audit-route',
			[auditEmitter('Audit Emitter', profile, sink, { onUndelivered: 'route', options: { retries: 0 } }), noOp('After Audit'), noOp('Store Undelivered')],
			{
				Webhook: { main: [[{ node: 'Split Orders', type: 'main', index: 0 }]] },
				'Split Orders': { main: [[{ node: 'Audit Emitter', type: 'main', index: 0 }]] },
				'Audit Emitter': { main: [[{ node: 'After Audit', type: 'main', index: 0 }], [{ node: 'Store Undelivered', type: 'main', index: 0 }]] },
			},
		);
		await callWebhook(path, { body: { orders: orders(2) } });
		const [execution] = await waitForExecutions(workflowId);
		expect(execution.status).toBe('success');
		const [passed, undelivered] = nodeOutput(execution, 'Audit Emitter');
		expect(passed).toHaveLength(2);
		expect(undelivered).toHaveLength(2);
		expect(undelivered[0].reason).toBe('network error ECONNREFUSED after 1 attempts');
		const events = undelivered.map((u) => u.event as AuditEvent);
		expect(events.map((e) => e.id)).toEqual(passed.map((p) => p.audit.eventId));
		expect(verifyAuditEvents(events, { [deriveAuditKey(profile.signingSecret).id]: deriveAuditKey(profile.signingSecret).secret }).valid).toBe(true);
		expect(nodeRan(execution, 'Store Undelivered')).toBe(true);
	});

	test('when the sink is Splunk HEC then one batch goes to /services/collector/event with the Splunk token', async () => {
		const sink = await createCredential('governanceAuditSinkApi', { sinkType: 'splunkHec', url: receiver.url, splunkToken: 'hec-token-e2e', splunkIndex: 'governance' });
		const { path, workflowId } = await orderWorkflow('audit-splunk', [auditEmitter('Audit Emitter', profile, sink)]);
		const before = receiver.received.length;
		await callWebhook(path, { body: { orders: orders(3) } });
		const [execution] = await waitForExecutions(workflowId);
		expect(execution.status).toBe('success');
		const [request] = receiver.received.slice(before);
		expect(request.url).toBe('/services/collector/event');
		expect(request.headers.authorization).toBe('Splunk hec-token-e2e');
		const lines = request.body.split('\n').map((l) => JSON.parse(l));
		expect(lines).toHaveLength(3);
		for (const line of lines) {
			expect(line).toMatchObject({ index: 'governance', sourcetype: 'n8n:governance:audit', source: `/n8n/workflows/${workflowId}` });
			expect(typeof line.time).toBe('number');
			expect(line.event.data.execution.id).toBe(execution.id);
		}
	});

	test('when the sink is OTLP then one logs export goes to /v1/logs with the auth header and trace ids', async () => {
		const sink = await createCredential('governanceAuditSinkApi', { sinkType: 'otlp', url: `${receiver.url}/otel`, otlpHeaderName: 'X-Api-Key', otlpHeaderToken: 'otel-key', otlpServiceName: 'n8n-e2e' });
		const { path, workflowId } = await orderWorkflow('audit-otlp', [auditEmitter('Audit Emitter', profile, sink)]);
		const before = receiver.received.length;
		await callWebhook(path, { body: { orders: orders(2) }, headers: { traceparent: TRACEPARENT } });
		const [execution] = await waitForExecutions(workflowId);
		expect(execution.status).toBe('success');
		const [request] = receiver.received.slice(before);
		expect(request.url).toBe('/otel/v1/logs');
		expect(request.headers['x-api-key']).toBe('otel-key');
		expect(request.headers['content-type']).toMatch(/^application\/json/);
		const resource = request.json.resourceLogs[0];
		expect(resource.resource.attributes).toEqual(
			expect.arrayContaining([{ key: 'service.name', value: { stringValue: 'n8n-e2e' } }, { key: 'deployment.environment.name', value: { stringValue: 'production' } }]),
		);
		const records = resource.scopeLogs[0].logRecords;
		expect(records).toHaveLength(2);
		expect(records[0]).toMatchObject({ traceId: TRACE_ID, severityText: 'INFO', eventName: 'io.n8n.governance.audit.recorded' });
		expect(records[0].attributes).toEqual(expect.arrayContaining([{ key: 'n8n.execution.id', value: { stringValue: execution.id } }]));
	});

	test('when 100 items pass with the items-only sink, with static parameters and with one expression per item, then every item gets one event of one verifiable chain', async () => {
		// The cost per item is measured by npm run bench:audit, not here: a clock bound failed on a loaded machine.
		const expression = '={{ $json.order.id }}';

		const { path, workflowId } = await orderWorkflow('audit-items', [
			auditEmitter('Emitter Static', profile, undefined, { targetType: 'order' }),
			auditEmitter('Emitter Expression', profile, undefined, { targetType: 'order', targetId: expression }),
		]);
		const keys = { [deriveAuditKey(profile.signingSecret).id]: deriveAuditKey(profile.signingSecret).secret };
		for (let run = 0; run < 2; run++) {
			await callWebhook(path, { body: { orders: orders(100) } });
			const [execution] = await waitForExecutions(workflowId, run + 1);
			expect(execution.status).toBe('success');
			const [passed, events] = nodeOutput(execution, 'Emitter Expression');
			expect(passed).toHaveLength(100);
			expect(events).toHaveLength(100);
			expect(events[99].data.target).toEqual({ type: 'order', id: 'o-100' });
			const all = [...nodeOutput(execution, 'Emitter Static')[1], ...events];
			expect(verifyAuditEvents(all, keys)).toMatchObject({ valid: true, chains: [{ events: 200 }] });
		}
	});
});
