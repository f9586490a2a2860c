import { callWebhook, createCredential, nodeOutput, nodeRan, rest, waitForExecutions } from '../harness/client';
import type { Recorder } from './servers';
import { startRecorder } from './servers';
import { httpWorkflow, scope } from './workflow';

/** A loopback server that records every request it receives: the proof of what left n8n. */
let server: Recorder;
let port: number;
let seen: Recorder['seen'];

beforeAll(async () => {
	server = await startRecorder();
	({ port, seen } = server);
});
afterAll(async () => await server.close());

const seenAt = (path: string) => seen.filter((s) => s.url.startsWith(path));

describe('Scoped credentials in n8n\'s own HTTP Request node', () => {
	test('when n8n loads the pack then both credential types are listed and usable by the HTTP Request node', async () => {
		const credentials = await rest('GET', '/types/credentials.json');
		const names = (credentials.json as Array<{ name: string; displayName: string }>).map((c) => `${c.name}=${c.displayName}`);
		expect(names).toEqual(expect.arrayContaining(['governanceScopedApiKeyApi=Governance Scoped API Key API', 'governanceScopedBearerTokenApi=Governance Scoped Bearer Token API']));
	});

	test('when the host is allowed then the server receives the key in the configured header', async () => {
		const credential = await createCredential('governanceScopedApiKeyApi', { apiKey: 'e2e-key-allowed', headerName: 'X-API-Key', ...scope() });
		const target = `/allowed-${Date.now()}`;
		const { path, workflowId } = await httpWorkflow('governanceScopedApiKeyApi', credential, `http://127.0.0.1:${port}${target}`);
		expect((await callWebhook(path, { body: {} })).status).toBe(200);
		const [execution] = await waitForExecutions(workflowId);
		expect(execution.status).toBe('success');
		expect(seenAt(target)).toHaveLength(1);
		expect(seenAt(target)[0].headers['x-api-key']).toBe('e2e-key-allowed');
		expect(nodeOutput(execution, 'HTTP Request')[0][0]).toEqual({ ok: true, path: target });
	});

	test('when the host is not allowed then nothing reaches the server and the run fails with the documented message', async () => {
		// Same server, same port: only the host name differs from what the credential allows.
		const credential = await createCredential('governanceScopedApiKeyApi', { apiKey: 'e2e-key-wrong-host', headerName: 'X-API-Key', ...scope({ allowedHosts: 'localhost' }) });
		const target = `/wrong-host-${Date.now()}`;
		const { path, workflowId } = await httpWorkflow('governanceScopedApiKeyApi', credential, `http://127.0.0.1:${port}${target}`);
		expect((await callWebhook(path, { body: {} })).status).toBeGreaterThanOrEqual(500);
		const [execution] = await waitForExecutions(workflowId);
		expect(execution.status).toBe('error');
		expect(execution.data?.resultData.error?.message).toBe(
			`Scoped API Key refused: host "127.0.0.1:${port}" is not in the allowed hosts (localhost)`,
		);
		expect(execution.data?.resultData.error?.description).toBe(
			'Send the request to an allowed host, or (if this host is legitimate) add it to "Allowed Hosts" in the credential',
		);
		expect(execution.data?.resultData.error?.node?.name).toBe('HTTP Request');
		expect(nodeRan(execution, 'After Request')).toBe(false);
		expect(seenAt(target)).toHaveLength(0);
		expect(seen.some((s) => s.headers['x-api-key'] === 'e2e-key-wrong-host')).toBe(false);
	});

	test('when the credential has expired then nothing reaches the server and the run fails naming the expiry', async () => {
		const credential = await createCredential('governanceScopedApiKeyApi', {
			apiKey: 'e2e-key-expired',
			headerName: 'X-API-Key',
			...scope({ expiresOn: '2020-01-01T00:00:00.000Z' }),
		});
		const target = `/expired-${Date.now()}`;
		const { path, workflowId } = await httpWorkflow('governanceScopedApiKeyApi', credential, `http://127.0.0.1:${port}${target}`);
		expect((await callWebhook(path, { body: {} })).status).toBeGreaterThanOrEqual(500);
		const [execution] = await waitForExecutions(workflowId);
		expect(execution.status).toBe('error');
		expect(execution.data?.resultData.error?.message).toBe('Scoped API Key refused: the credential expired on 2020-01-01T00:00:00.000Z');
		expect(seenAt(target)).toHaveLength(0);
	});

	test('when the method is not allowed then nothing reaches the server', async () => {
		const credential = await createCredential('governanceScopedBearerTokenApi', { token: 'e2e-token-get-only', ...scope({ allowedMethods: ['GET'] }) });
		const target = `/method-${Date.now()}`;
		const { path, workflowId } = await httpWorkflow('governanceScopedBearerTokenApi', credential, `http://127.0.0.1:${port}${target}`, 'DELETE');
		await callWebhook(path, { body: {} });
		const [execution] = await waitForExecutions(workflowId);
		expect(execution.data?.resultData.error?.message).toBe('Scoped Bearer Token refused: method DELETE is not in the allowed methods (GET)');
		expect(seenAt(target)).toHaveLength(0);
	});

	test('when a bearer token is used on an allowed host then it arrives as Authorization: Bearer', async () => {
		const credential = await createCredential('governanceScopedBearerTokenApi', { token: 'e2e-token-ok', ...scope() });
		const target = `/bearer-${Date.now()}`;
		const { path, workflowId } = await httpWorkflow('governanceScopedBearerTokenApi', credential, `http://127.0.0.1:${port}${target}`, 'POST');
		await callWebhook(path, { body: {} });
		const [execution] = await waitForExecutions(workflowId);
		expect(execution.status).toBe('success');
		expect(seenAt(target)[0].headers.authorization).toBe('Bearer e2e-token-ok');
	});

	test('when the credential is tested then the Test URL is called through the same scope check', async () => {
		const target = `/test-url-${Date.now()}`;
		const data = { apiKey: 'e2e-key-test', headerName: 'X-API-Key', ...scope({ testUrl: `http://127.0.0.1:${port}${target}` }) };
		const ok = await rest('POST', '/rest/credentials/test', { credentials: { id: '', name: 'test', type: 'governanceScopedApiKeyApi', data } });
		expect(ok.json?.data).toMatchObject({ status: 'OK' });
		expect(seenAt(target)[0].headers['x-api-key']).toBe('e2e-key-test');

		const refusedTarget = `/test-url-refused-${Date.now()}`;
		const refused = await rest('POST', '/rest/credentials/test', {
			credentials: { id: '', name: 'test', type: 'governanceScopedApiKeyApi', data: { ...data, allowedHosts: 'localhost', testUrl: `http://127.0.0.1:${port}${refusedTarget}` } },
		});
		expect(refused.json?.data).toEqual({
			status: 'Error',
			message: `Scoped API Key refused: host "127.0.0.1:${port}" is not in the allowed hosts (localhost)`,
		});
		expect(seenAt(refusedTarget)).toHaveLength(0);
	});
});
