import { createCredential, createActiveWorkflow, getExecution } from './client';
import type { WorkflowNode } from './client';
import { noOp, type, uniquePath, webhookTrigger } from './nodes';
import { createProfile } from './profiles';
import type { startReceiver } from './receiver';

type Receiver = Awaited<ReturnType<typeof startReceiver>>;

export async function createApprovers(approvers: string[], totpSecrets: Record<string, string> = {}) {
	return await createCredential('governanceApproversApi', {
		approvers: approvers.join('\n'),
		totpSecrets: Object.entries(totpSecrets)
			.map(([email, secret]) => `${email}=${secret}`)
			.join('\n'),
		issuer: 'n8n Approvals',
	});
}

export function gateNode(
	name: string,
	credentials: { profile: { id: string; name: string }; approvers: { id: string; name: string } },
	parameters: Record<string, unknown>,
): WorkflowNode {
	return {
		name,
		type: type('approvalGate'),
		typeVersion: 1,
		parameters: {
			title: '=Refund {{ $json.body.amount }} EUR',
			riskNote: 'Money leaves the company',
			summary: 'Customer asked for a refund',
			requestedBy: '={{ $json.body.requester }}',
			shownFields: 'body.amount, body.customer',
			expiresAfter: 10,
			expiryUnit: 'minutes',
			channel: 'webhook',
			...parameters,
		},
		credentials: { governanceProfileApi: credentials.profile, governanceApproversApi: credentials.approvers },
	};
}

const to = (node: string) => [{ node, type: 'main' as const, index: 0 }];

/**
 * Webhook → Approval Gate → Rejected (output 0) / Approved (output 1); with `secondGate`, Approved → Second Gate →
 * Second Rejected / Second Approved.
 */
export async function createApprovalWorkflow(
	receiver: Receiver,
	options: {
		approvers?: string[];
		totp?: Record<string, string>;
		gate?: Record<string, unknown>;
		secondGate?: Record<string, unknown>;
		/** Rejected and Approved are Audit Emitters recording `approval.decided` (events on their second output). */
		audit?: boolean;
	} = {},
) {
	const profile = await createProfile();
	const approvers = await createApprovers(options.approvers ?? ['alice@governance.test', 'bob@governance.test'], options.totp);
	const path = uniquePath('approval');
	const gate = (name: string, extra?: Record<string, unknown>) =>
		gateNode(name, { profile, approvers }, { notificationUrl: `${receiver.url}/notify`, ...options.gate, ...extra });
	const end = (name: string): WorkflowNode =>
		options.audit
			? {
					name,
					type: type('auditEmitter'),
					typeVersion: 1,
					parameters: { delivery: 'items', eventAction: 'approval.decided' },
					credentials: { governanceProfileApi: profile },
				}
			: noOp(name);
	const nodes = [webhookTrigger(path, 'Webhook', 'onReceived'), gate('Approval Gate'), end('Rejected')];
	const connections: Record<string, { main: Array<ReturnType<typeof to>> }> = {
		Webhook: { main: [to('Approval Gate')] },
		'Approval Gate': { main: [to('Rejected'), to(options.secondGate ? 'Second Gate' : 'Approved')] },
	};
	if (options.secondGate) {
		nodes.push(gate('Second Gate', options.secondGate), noOp('Second Rejected'), noOp('Second Approved'));
		connections['Second Gate'] = { main: [to('Second Rejected'), to('Second Approved')] };
	} else {
		nodes.push(end('Approved'));
	}
	const workflowId = await createActiveWorkflow(`Approval ${path}`, nodes, connections);
	return { workflowId, path, profile, approvers };
}

/** Links by approver from a generic-webhook notification, and the execution id they belong to. */
export function linksOf(notification: any): { links: Record<string, string>; executionId: string } {
	const links: Record<string, string> = {};
	for (const link of notification.links as Array<{ approver: string; url: string }>) links[link.approver] = link.url;
	const first = Object.values(links)[0];
	const executionId = new URL(first).pathname.split('/')[2];
	return { links, executionId };
}

export async function postDecision(url: string, form: Record<string, string>, headers: Record<string, string> = {}) {
	const response = await fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
		body: new URLSearchParams(form).toString(),
	});
	return { status: response.status, text: await response.text() };
}

export function tokenOf(url: string): string {
	return new URL(url).searchParams.get('approval_token') ?? '';
}

export async function statusOf(executionId: string) {
	return (await getExecution(executionId)).status;
}

export async function waitForStatus(executionId: string, status: string, timeoutMs = 30000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const execution = await getExecution(executionId);
		if (execution.status === status) return execution;
		if (Date.now() > deadline) throw new Error(`execution ${executionId} is ${execution.status}, not ${status}`);
		await new Promise((r) => setTimeout(r, 250));
	}
}
