import { randomBytes } from 'node:crypto';
import type { Execution, WorkflowNode } from '../harness/client';
import { callWebhook, createActiveWorkflow, createCredential, waitForExecutions } from '../harness/client';
import { type, uniquePath, webhookTrigger } from '../harness/nodes';

/** One value of each planted entity type; none may appear in what n8n stored for the Redact node. */
export const PLANTED = {
	email: 'jane.doe@example.com',
	card: '4111 1111 1111 1111', // passes Luhn
	iban: 'DE89 3704 0044 0532 0130 00',
	phone: '+44 20 7946 0958',
	ipv6: '2001:db8:85a3::8a2e:370:7334',
	aws: 'AKIAZ3MHQ7VX4WLKPR2D',
};
export const PLANTED_TEXT = `Please refund ${PLANTED.email}: card ${PLANTED.card}, IBAN ${PLANTED.iban}, phone ${PLANTED.phone}, seen from ${PLANTED.ipv6}, leaked key ${PLANTED.aws}.`;

/** A workflow node that may carry n8n's per-node error setting. */
export type Node = WorkflowNode & { onError?: 'continueErrorOutput' | 'continueRegularOutput' | 'stopWorkflow' };
type Link = { node: string; type: 'main'; index: number };
export const link = (node: string): Link => ({ node, type: 'main', index: 0 });

export async function createRedactionKey(keyId = `k-${randomBytes(3).toString('hex')}`, extra: Record<string, unknown> = {}) {
	const data = { keyId, secret: randomBytes(48).toString('base64'), previousKeyId: '', previousSecret: '', ...extra };
	return { ...(await createCredential('governanceRedactionKeyApi', data)), ...data };
}

export function redactNode(name: string, parameters: Record<string, unknown>, key?: { id: string; name: string }, extra: Partial<Node> = {}): Node {
	return {
		name,
		type: type('redactRestore'),
		typeVersion: 1,
		parameters,
		credentials: key ? { governanceRedactionKeyApi: { id: key.id, name: key.name } } : undefined,
		...extra,
	};
}

/** The stand-in for a model: a Code node that echoes the (redacted) prompt. */
export function modelNode(name: string, jsCode: string): Node {
	return { name, type: 'n8n-nodes-base.code', typeVersion: 2, parameters: { mode: 'runOnceForAllItems', jsCode } };
}

/** Creates and activates a webhook workflow; `run` calls it and returns the response and the finished execution. */
export async function webhookWorkflow(label: string, nodes: Node[], connections: Record<string, { main: Link[][] }>) {
	const path = uniquePath(label);
	const trigger = webhookTrigger(path);
	const first = nodes[0].name;
	const workflowId = await createActiveWorkflow(`Redact ${path}`, [trigger, ...nodes], { Webhook: { main: [[link(first)]] }, ...connections });
	let calls = 0;
	const run = async (body: unknown) => {
		const started = Date.now();
		const response = await callWebhook(path, { body });
		const roundTripMs = Date.now() - started;
		calls++;
		const done = await waitForExecutions(workflowId, calls);
		const execution = done.reduce((a, b) => (Number(a.id) > Number(b.id) ? a : b));
		return { response, execution, roundTripMs };
	};
	return { path, workflowId, run };
}

/** Everything n8n stored for one node (all runs, all outputs, errors), as JSON text. */
export function storedFor(execution: Execution, node: string): string {
	return JSON.stringify(execution.data?.resultData.runData[node] ?? null);
}

export function executionTimeMs(execution: Execution, node: string): number {
	const runs = (execution.data?.resultData.runData[node] ?? []) as Array<{ executionTime?: number }>;
	return runs.reduce((sum, r) => sum + (r.executionTime ?? 0), 0);
}

export function plantedIn(text: string): string[] {
	return Object.values(PLANTED).filter((value) => text.includes(value));
}
