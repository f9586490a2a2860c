import { createActiveWorkflow, createCredential, e2e, rest } from '../harness/client';
import { noOp, type, uniquePath, webhookTrigger } from '../harness/nodes';

/**
 * A workflow whose runs stay busy: Webhook (answers at once) → [Kill Switch] → Wait → No Op "Done". Under 65 s n8n
 * waits in-process (running). `killSwitch`: the Kill Switch's parameters, to put one before the slow step.
 */
export async function slowWorkflow(seconds: number, name = 'slow', killSwitch?: Record<string, unknown>) {
	const path = uniquePath(name);
	const wait = { name: 'Wait', type: 'n8n-nodes-base.wait', typeVersion: 1.1, parameters: { resume: 'timeInterval', amount: seconds, unit: 'seconds' } };
	const guard = killSwitch ? [{ name: 'Kill Switch', type: type('killSwitch'), typeVersion: 1, parameters: killSwitch }] : [];
	const id = await createActiveWorkflow(`${name} ${path}`, [webhookTrigger(path, 'Webhook', 'onReceived'), ...guard, wait, noOp('Done')]);
	return { id, path };
}

/** An n8n API key with exactly `scopes`, in a Governance Execution Control API credential. */
export async function controlCredential(scopes: string[], baseUrl = e2e().baseUrl) {
	const created = await rest('POST', '/rest/api-keys', { label: uniquePath('stop-key'), scopes, expiresAt: null });
	const apiKey = created.json?.data?.rawApiKey as string | undefined;
	if (!apiKey) throw new Error(`could not create an API key with ${scopes.join(', ')}: ${JSON.stringify(created.json)}`);
	return await createCredential('governanceExecutionControlApi', { baseUrl, apiKey }, `Execution control ${uniquePath('c')}`);
}

/** Webhook (answers with the last node) → Stop Executions with `parameters`. */
export async function incidentWorkflow(credential: { id: string; name: string }, parameters: Record<string, unknown>) {
	const path = uniquePath('incident');
	const stop = { name: 'Stop Executions', type: type('stopExecutions'), typeVersion: 1, parameters, credentials: { governanceExecutionControlApi: credential } };
	const id = await createActiveWorkflow(`incident ${path}`, [webhookTrigger(path), stop]);
	return { id, path };
}
