import type { WorkflowNode } from '../harness/client';
import { createActiveWorkflow } from '../harness/client';
import { noOp, uniquePath, webhookTrigger } from '../harness/nodes';

/**
 * Scope fields of a scoped credential as the tests create it: loopback, plain http allowed, nothing else
 * (no allowed proxies, certificate validation required: the defaults, so the fields are left out).
 */
export const scope = (overrides: Record<string, unknown> = {}) => ({
	allowedHosts: '127.0.0.1',
	allowedMethods: [],
	allowHttp: true,
	environment: 'e2e',
	owner: 'owner@governance.test',
	expiresOn: '',
	rotateBy: '',
	testUrl: '',
	...overrides,
});

/**
 * Webhook → HTTP Request (v4.2, predefined credential type) → No-op, as a builder would wire it.
 * `options` is the HTTP Request node's Options collection (e.g. `{ proxy }`, `{ allowUnauthorizedCerts: true }`).
 */
export async function httpWorkflow(
	credentialType: string,
	credential: { id: string; name: string },
	url: string,
	method = 'GET',
	options: Record<string, unknown> = {},
) {
	const path = uniquePath('scoped');
	const nodes: WorkflowNode[] = [
		webhookTrigger(path),
		{
			name: 'HTTP Request',
			type: 'n8n-nodes-base.httpRequest',
			typeVersion: 4.2,
			parameters: { method, url, authentication: 'predefinedCredentialType', nodeCredentialType: credentialType, options },
			credentials: { [credentialType]: credential },
		},
		noOp('After Request'),
	];
	const workflowId = await createActiveWorkflow(`Scoped credential ${path}`, nodes);
	return { path, workflowId };
}
