/**
 * Workflows and checks the queue suite shares. Builders come from the single-process e2e suite
 * (test/e2e/harness, test/e2e/*\/workflow.ts); only the wiring is new here.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AuditEvent } from '../../../lib/audit';
import { deriveAuditKey } from '../../../lib/audit';
import type { WorkflowNode } from '../../e2e/harness/client';
import { createActiveWorkflow } from '../../e2e/harness/client';
import { createApprovers, gateNode } from '../../e2e/harness/approval';
import { uniquePath, webhookTrigger } from '../../e2e/harness/nodes';
import { createProfile } from '../../e2e/harness/profiles';
import type { startReceiver } from '../../e2e/harness/receiver';
import { auditEmitter, webhookSink } from '../../e2e/audit-emitter/workflow';
import { createRedactionKey, redactNode } from '../../e2e/redact-restore/workflow';

type Receiver = Awaited<ReturnType<typeof startReceiver>>;
const CLI = join(__dirname, '..', '..', '..', 'cli', 'bin', 'n8n-governance.js');
const to = (node: string) => [{ node, type: 'main' as const, index: 0 }];

export const REDACT = { operation: 'redact', mode: 'redact', operator: 'token', keySource: 'redactionKey' };
export const RESTORE = { operation: 'restore', keySource: 'redactionKey', restoreFields: 'body.text' };

/**
 * Webhook → Redact (body.text) → Record Request (audit) → Approval Gate
 *   → output 0: Record Rejected (audit, closes the chain)
 *   → output 1: Restore (body.text) → Record Approved (audit, closes the chain)
 * Audit events go to `receiver`/audit, approval notifications to `receiver`/notify.
 */
export async function governedApprovalWorkflow(receiver: Receiver, gate: Record<string, unknown> = {}) {
	const profile = await createProfile();
	const approvers = await createApprovers(['alice@governance.test', 'bob@governance.test']);
	const key = await createRedactionKey();
	const sink = await webhookSink(`${receiver.url}/audit`);
	const path = uniquePath('queue-approval');
	const nodes: WorkflowNode[] = [
		webhookTrigger(path, 'Webhook', 'onReceived'),
		redactNode('Redact', { ...REDACT, fieldScope: 'paths', paths: 'body.text' }, key),
		auditEmitter('Record Request', profile, sink, { eventAction: 'workflow.started' }),
		gateNode('Approval Gate', { profile, approvers }, { notificationUrl: `${receiver.url}/notify`, ...gate }),
		auditEmitter('Record Rejected', profile, sink, { eventAction: 'approval.decided', closeChain: true }),
		redactNode('Restore', RESTORE, key),
		auditEmitter('Record Approved', profile, sink, { eventAction: 'approval.decided', closeChain: true }),
	];
	const connections = {
		Webhook: { main: [to('Redact')] },
		Redact: { main: [to('Record Request')] },
		'Record Request': { main: [to('Approval Gate')] },
		'Approval Gate': { main: [to('Record Rejected'), to('Restore')] },
		Restore: { main: [to('Record Approved')] },
	};
	const workflowId = await createActiveWorkflow(`Queue approval ${path}`, nodes, connections);
	return { workflowId, path, profile, sink };
}

/** Audit events the receiver got for one execution, in arrival order. */
export function eventsFor(receiver: Receiver, executionId: string): AuditEvent[] {
	return receiver.received
		.filter((r) => r.url === '/audit' && Array.isArray(r.json))
		.flatMap((r) => r.json as AuditEvent[])
		.filter((e) => String((e.data as { execution?: { id?: string } }).execution?.id) === String(executionId));
}

/** Runs `n8n-governance audit verify` (built by `npm run build:cli`) over `events` with the profile's audit key. */
export function cliVerify(dir: string, signingSecret: string, events: AuditEvent[], ...flags: string[]) {
	const key = deriveAuditKey(signingSecret);
	const keyFile = join(dir, `keys-${key.id}.json`);
	const log = join(dir, `events-${Date.now()}-${Math.random().toString(36).slice(2)}.jsonl`);
	writeFileSync(keyFile, JSON.stringify({ [key.id]: key.secret }));
	writeFileSync(log, events.map((e) => JSON.stringify(e)).join('\n') + '\n');
	const result = spawnSync(process.execPath, [CLI, 'audit', 'verify', '--key-file', keyFile, ...flags, log], { encoding: 'utf8' });
	return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
