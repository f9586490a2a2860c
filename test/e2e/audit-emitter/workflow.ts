import { randomBytes } from 'node:crypto';
import type { WorkflowNode } from '../harness/client';
import { createActiveWorkflow, createCredential } from '../harness/client';
import { type, uniquePath, webhookTrigger } from '../harness/nodes';

export const WEBHOOK_SECRET = randomBytes(24).toString('hex');

/** A Split Out node: one item per element of the posted `orders`, keeping headers (traceparent) on each. */
export function splitOrders(): WorkflowNode {
	return {
		name: 'Split Orders',
		type: 'n8n-nodes-base.splitOut',
		typeVersion: 1,
		parameters: { fieldToSplitOut: 'body.orders', include: 'allOtherFields', options: { destinationFieldName: 'order' } },
	};
}

export function environmentAssertion(profile: { id: string; name: string }): WorkflowNode {
	return {
		name: 'Environment Assertion',
		type: type('environmentAssertion'),
		typeVersion: 1,
		parameters: { allowedEnvironments: ['production'] },
		credentials: { governanceProfileApi: profile },
	};
}

export function auditEmitter(
	name: string,
	profile: { id: string; name: string },
	sink: { id: string; name: string } | undefined,
	parameters: Record<string, unknown> = {},
): WorkflowNode {
	return {
		name,
		type: type('auditEmitter'),
		typeVersion: 1,
		parameters: { delivery: sink ? 'sink' : 'items', ...parameters },
		credentials: sink ? { governanceProfileApi: profile, governanceAuditSinkApi: sink } : { governanceProfileApi: profile },
	};
}

export async function webhookSink(url: string) {
	return await createCredential('governanceAuditSinkApi', { sinkType: 'webhook', url, webhookSecret: WEBHOOK_SECRET }, `Audit webhook ${uniquePath('s')}`);
}

/** Webhook → Split Orders → … ; returns the webhook path and workflow id. */
export async function orderWorkflow(prefix: string, nodes: WorkflowNode[], connections?: Parameters<typeof createActiveWorkflow>[2]) {
	const path = uniquePath(prefix);
	const all = [webhookTrigger(path), splitOrders(), ...nodes];
	const workflowId = await createActiveWorkflow(`Audit ${path}`, all, connections);
	return { path, workflowId };
}

export const orders = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `o-${i + 1}`, amount: 10 * (i + 1) }));
