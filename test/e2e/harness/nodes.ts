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

/** A Set node in raw mode: its output is the JSON the expression `jsonOutput` renders. */
export function setRaw(name: string, jsonOutput: string): WorkflowNode {
	return { name, type: 'n8n-nodes-base.set', typeVersion: 3.4, parameters: { mode: 'raw', jsonOutput } };
}

/**
 * The least n8n charges for a governed chain, with n8n's own nodes only (the benches' "floor" chain): the TOTP node
 * reads its credential and computes locally, like a governance node reading its profile or key; one Set evaluates an
 * expression, like the Kill Switch; `extra` nodes go before the last Set (e.g. an HTTP request where the Audit
 * Emitter delivers). The TOTP output replaces the item, so `lastSet` reads the webhook's item by name.
 */
export function floorNodes(credential: { id: string; name: string }, lastSet: string, extra: WorkflowNode[] = []): WorkflowNode[] {
	const totp = (name: string): WorkflowNode => ({
		name,
		type: 'n8n-nodes-base.totp',
		typeVersion: 1,
		parameters: { operation: 'generateSecret', options: {} },
		credentials: { totpApi: credential },
	});
	return [totp('TOTP 1'), setRaw('Expression', '={ "halt": {{ $json.token === "halt" }} }'), totp('TOTP 2'), totp('TOTP 3'), ...extra, setRaw('Set', lastSet)];
}

/** A TOTP credential for floorNodes (a fixed test secret). */
export const FLOOR_TOTP = { secret: 'JBSWY3DPEHPK3PXP', label: 'bench:floor' };
