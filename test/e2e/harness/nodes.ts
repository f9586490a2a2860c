import { randomUUID } from 'node:crypto';
import type { WorkflowNode } from './client';

/** Our node types as users see them after installing the package. */
export const PACK = 'n8n-nodes-governance';
export const type = (node: string) => `${PACK}.${node}`;

/** A Webhook trigger that answers with the last node's items (or n8n's error when the run fails). */
export function webhookTrigger(
	path: string,
	name = 'Webhook',
	respond: 'lastNode' | 'onReceived' = 'lastNode',
	options: Record<string, unknown> = {},
): WorkflowNode {
	const response = respond === 'lastNode' ? { responseMode: 'lastNode', responseData: 'allEntries' } : { responseMode: 'onReceived' };
	return {
		name,
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		webhookId: randomUUID(),
		parameters: { httpMethod: 'POST', path, ...response, options },
	};
}

/** A node that only proves it ran. */
export function noOp(name: string): WorkflowNode {
	return { name, type: 'n8n-nodes-base.noOp', typeVersion: 1, parameters: {} };
}

export const uniquePath = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;
