import { createHmac, randomBytes } from 'node:crypto';
import type { WorkflowNode } from '../harness/client';
import { createActiveWorkflow, createCredential, e2e, nodeOutput, nodeRan, rest, waitForExecutions } from '../harness/client';
import { noOp, type, uniquePath, webhookTrigger } from '../harness/nodes';

const SECRET = randomBytes(32).toString('hex');
const sign = (body: string, secret = SECRET) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

/** Posts exact bytes (the harness's callWebhook re-serialises JSON, which would change what was signed). */
async function postRaw(path: string, body: string, headers: Record<string, string>) {
	for (let attempt = 0; ; attempt++) {
		const response = await fetch(`${e2e().baseUrl}/webhook/${path}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', ...headers },
			body,
		});
		const text = await response.text();
		if (response.status === 404 && attempt < 40) {
			await new Promise((resolve) => setTimeout(resolve, 100));
			continue;
		}
		return { status: response.status, text };
	}
}

async function verifyWorkflow(
	parameters: Record<string, unknown>,
	{
		rawBody = true,
		extra = [noOp('After Verify')] as WorkflowNode[],
		connections = undefined as Parameters<typeof createActiveWorkflow>[2],
		secret = SECRET,
	} = {},
) {
	const credential = await createCredential('governanceWebhookSigningSecretApi', { secret, previousSecret: '', owner: 'owner@governance.test' });
	const path = uniquePath('sig');
	const trigger = webhookTrigger(path);
	trigger.parameters = { ...trigger.parameters, options: rawBody ? { rawBody: true } : {} };
	const nodes: WorkflowNode[] = [
		trigger,
		{
			name: 'Verify Webhook Signature',
			type: type('verifyWebhookSignature'),
			typeVersion: 1,
			parameters,
			credentials: { governanceWebhookSigningSecretApi: credential },
		},
		...extra,
	];
	const workflowId = await createActiveWorkflow(`Verify signature ${path}`, nodes, connections);
	return { path, workflowId };
}

describe('Verify Webhook Signature in a real n8n', () => {
	test('when n8n loads the pack then the node and its credential are listed', async () => {
		const nodes = await rest('GET', '/types/nodes.json');
		const node = (nodes.json as Array<{ name: string; displayName: string }>).find((n) => n.name === type('verifyWebhookSignature'));
		expect(node?.displayName).toBe('Verify Webhook Signature');
		const credentials = await rest('GET', '/types/credentials.json');
		const credential = (credentials.json as Array<{ name: string; supportedNodes?: string[] }>).find((c) => c.name === 'governanceWebhookSigningSecretApi');
		expect(credential?.supportedNodes).toContain(type('verifyWebhookSignature'));
	});

	test('when a GitHub-signed request arrives then it passes with its signatureCheck stamp and the next node runs', async () => {
		const { path, workflowId } = await verifyWorkflow({ preset: 'github' });
		// Odd spacing on purpose: re-serialised JSON would not match this signature.
		const body = '{"action":  "opened", "number":42}';
		const response = await postRaw(path, body, { 'x-hub-signature-256': sign(body) });
		expect(response.status).toBe(200);
		const [execution] = await waitForExecutions(workflowId);
		expect(execution.status).toBe('success');
		const [verified] = nodeOutput(execution, 'Verify Webhook Signature');
		expect(verified).toHaveLength(1);
		expect(verified[0].body).toEqual({ action: 'opened', number: 42 });
		expect(verified[0].signatureCheck).toEqual({ valid: true, preset: 'github' });
		expect(nodeRan(execution, 'After Verify')).toBe(true);
	});

	test('when the body was tampered with then the run fails at the node and the next node never runs', async () => {
		const { path, workflowId } = await verifyWorkflow({ preset: 'github' });
		const signed = '{"amount":10}';
		const response = await postRaw(path, '{"amount":10000}', { 'x-hub-signature-256': sign(signed) });
		expect(response.status).toBeGreaterThanOrEqual(500);
		const [execution] = await waitForExecutions(workflowId);
		expect(execution.status).toBe('error');
		expect(execution.data?.resultData.error?.message).toBe(
			'Webhook signature rejected (GitHub preset): signature mismatch: "X-Hub-Signature-256" does not match the raw body signed with the credential\'s secret',
		);
		expect(execution.data?.resultData.error?.node?.name).toBe('Verify Webhook Signature');
		expect(nodeRan(execution, 'After Verify')).toBe(false);
	});

	test('when the signature header is missing then the run fails naming the header', async () => {
		const { path, workflowId } = await verifyWorkflow({ preset: 'github' });
		await postRaw(path, '{"a":1}', {});
		const [execution] = await waitForExecutions(workflowId);
		expect(execution.data?.resultData.error?.message).toBe('Webhook signature rejected (GitHub preset): missing header "X-Hub-Signature-256"');
		expect(nodeRan(execution, 'After Verify')).toBe(false);
	});

	test('when the Webhook node does not keep the raw body then the run fails and says how to turn it on', async () => {
		const { path, workflowId } = await verifyWorkflow({ preset: 'github' }, { rawBody: false });
		const body = '{"a":1}';
		await postRaw(path, body, { 'x-hub-signature-256': sign(body) });
		const [execution] = await waitForExecutions(workflowId);
		expect(execution.data?.resultData.error?.message).toBe(
			'GitHub signature cannot be checked: the raw request body is missing (no binary field "data")',
		);
		expect(execution.data?.resultData.error?.description).toContain('choose "Raw Body" and turn it on');
		expect(nodeRan(execution, 'After Verify')).toBe(false);
	});

	test('when the signing secret is 16 spaces then a request signed with it is refused and the next node never runs', async () => {
		const spaces = ' '.repeat(16);
		const { path, workflowId } = await verifyWorkflow({ preset: 'github' }, { secret: spaces });
		const body = '{"action":"opened"}';
		const response = await postRaw(path, body, { 'x-hub-signature-256': sign(body, spaces) });
		expect(response.status).toBeGreaterThanOrEqual(500);
		const [execution] = await waitForExecutions(workflowId);
		expect(execution.status).toBe('error');
		expect(execution.data?.resultData.error?.message).toBe(
			'GitHub signature cannot be checked: The signing secret is only whitespace (spaces, tabs or line breaks), so anyone can sign with it',
		);
		expect(nodeRan(execution, 'After Verify')).toBe(false);
	});

	test('when the credential is tested in n8n then whitespace and low-variety secrets are refused and a provider secret passes', async () => {
		const test = async (secret: string) => {
			const data = { secret, previousSecret: '', owner: 'owner@governance.test' };
			const { id, name } = await createCredential('governanceWebhookSigningSecretApi', data);
			const response = await rest('POST', '/rest/credentials/test', { credentials: { id, name, type: 'governanceWebhookSigningSecretApi', data } });
			return response.json?.data as { status: string; message: string };
		};
		expect(await test(SECRET)).toEqual({ status: 'OK', message: 'The signing secret is usable' });
		expect(await test(' '.repeat(16))).toEqual({
			status: 'Error',
			message: 'secret: The signing secret is only whitespace (spaces, tabs or line breaks), so anyone can sign with it',
		});
		expect(await test('ab'.repeat(12))).toEqual({ status: 'Error', message: 'secret: The signing secret is the same 2 characters over and over, so it can be guessed' });
	});

	test('when invalid requests are routed then they leave on the Invalid output only', async () => {
		const main = (node: string) => [{ node, type: 'main' as const, index: 0 }];
		const { path, workflowId } = await verifyWorkflow(
			{ preset: 'github', onInvalid: 'route' },
			{
				extra: [noOp('After Verify'), noOp('On Invalid')],
				connections: {
					Webhook: { main: [main('Verify Webhook Signature')] },
					'Verify Webhook Signature': { main: [main('After Verify'), main('On Invalid')] },
				},
			},
		);
		await postRaw(path, '{"a":1}', { 'x-hub-signature-256': sign('{"a":2}') });
		const [execution] = await waitForExecutions(workflowId);
		const [verified, invalid] = nodeOutput(execution, 'Verify Webhook Signature');
		expect(verified).toEqual([]);
		expect(invalid).toHaveLength(1);
		expect(invalid[0].signatureCheck).toMatchObject({ valid: false, preset: 'github', reason: 'signature-mismatch' });
		expect(execution.status).toBe('success');
		expect(nodeRan(execution, 'On Invalid')).toBe(true);
		expect(nodeRan(execution, 'After Verify')).toBe(false);
	});
});
