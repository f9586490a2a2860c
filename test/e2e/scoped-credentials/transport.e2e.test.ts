import type { Execution } from '../harness/client';
import { callWebhook, createCredential, nodeOutput, nodeRan, rest, waitForExecutions } from '../harness/client';
import type { Recorder } from './servers';
import { headerValues, selfSignedCertificate, startProxy, startRecorder } from './servers';
import { httpWorkflow, scope } from './workflow';

/**
 * Issue 12, findings 1–3: the secret must not travel through a proxy, over unverified TLS, or along a
 * redirect unless the credential allows exactly that. Every test looks at what the loopback servers received.
 */
let target: Recorder;
let tlsTarget: Recorder;
let proxy: Awaited<ReturnType<typeof startProxy>>;
let elsewhere: Recorder;
let redirector: Recorder;
let tlsRedirector: Recorder;

/** Answers `/redirect/<status>?to=<url>` with that status and `Location: <url>`. */
const redirect = (seen: { url: string }) => {
	const match = /^\/redirect\/(\d{3})\?to=(.*)$/.exec(seen.url);
	if (!match) return { status: 200, body: JSON.stringify({ ok: true, path: seen.url }) };
	return { status: Number(match[1]), headers: { location: decodeURIComponent(match[2]) }, body: '' };
};

beforeAll(async () => {
	const tls = selfSignedCertificate();
	target = await startRecorder();
	tlsTarget = await startRecorder(undefined, tls);
	proxy = await startProxy();
	elsewhere = await startRecorder();
	redirector = await startRecorder(redirect);
	tlsRedirector = await startRecorder(redirect, tls);
});
afterAll(async () => {
	for (const server of [target, tlsTarget, proxy, elsewhere, redirector, tlsRedirector]) await server?.close();
});

const KEY = { type: 'governanceScopedApiKeyApi', label: 'Scoped API Key', header: 'x-api-key' };
const BEARER = { type: 'governanceScopedBearerTokenApi', label: 'Scoped Bearer Token', header: 'authorization' };
type Kind = typeof KEY;

/** A credential of `kind` holding a unique secret, and the value that secret takes on the wire. */
async function credentialWith(kind: Kind, name: string, overrides: Record<string, unknown> = {}) {
	const secret = `e2e-${name}-${Date.now()}`;
	const fields = kind === KEY ? { apiKey: secret, headerName: 'X-API-Key' } : { token: secret };
	const credential = await createCredential(kind.type, { ...fields, ...scope(overrides) });
	return { credential, wire: kind === KEY ? secret : `Bearer ${secret}` };
}

/** Runs Webhook → HTTP Request (v4.2) → No-op once and returns the finished execution. */
async function run(kind: Kind, credential: { id: string; name: string }, url: string, options: Record<string, unknown> = {}): Promise<Execution> {
	const { path, workflowId } = await httpWorkflow(kind.type, credential, url, 'GET', options);
	await callWebhook(path, { body: {} });
	const [execution] = await waitForExecutions(workflowId);
	return execution;
}

const errorOf = (execution: Execution) => execution.data?.resultData.error;

describe('Scoped credentials and the HTTP Request node\'s proxy option', () => {
	test.each([KEY, BEARER])('when the node names a proxy the credential does not allow then the proxy receives nothing and the run fails naming the rule ($label)', async (kind) => {
		const { credential, wire } = await credentialWith(kind, 'proxy-refused');
		const path = `/proxied-${Date.now()}`;
		const execution = await run(kind, credential, `http://127.0.0.1:${target.port}${path}`, { proxy: `http://127.0.0.1:${proxy.port}` });
		expect(execution.status).toBe('error');
		expect(errorOf(execution)?.message).toBe(
			`${kind.label} refused: proxy "http://127.0.0.1:${proxy.port}" is not in the allowed proxies (none); a proxy can read the secret`,
		);
		expect(errorOf(execution)?.description).toMatch(/add it as scheme:\/\/host:port to "Allowed Proxies" in the credential/);
		expect(nodeRan(execution, 'After Request')).toBe(false);
		expect(headerValues(proxy.seen, kind.header)).not.toContain(wire);
		expect(proxy.seen.filter((s) => s.url.includes(path))).toHaveLength(0);
		expect(target.seen.filter((s) => s.url === path)).toHaveLength(0);
	});

	test('when the credential allows exactly that proxy then the request goes through it with the key', async () => {
		const { credential, wire } = await credentialWith(KEY, 'proxy-allowed', { allowedProxies: `http://127.0.0.1:${proxy.port}` });
		const path = `/proxied-ok-${Date.now()}`;
		const execution = await run(KEY, credential, `http://127.0.0.1:${target.port}${path}`, { proxy: `http://127.0.0.1:${proxy.port}` });
		expect(execution.status).toBe('success');
		expect(proxy.seen.filter((s) => s.url === `http://127.0.0.1:${target.port}${path}`).map((s) => s.headers['x-api-key'])).toEqual([wire]);
		expect(target.seen.filter((s) => s.url === path)).toHaveLength(1);
	});

	test('when the target is https behind a CONNECT proxy with "Ignore SSL Issues" then no tunnel opens unless the credential allows both', async () => {
		const options = { proxy: `http://127.0.0.1:${proxy.port}`, allowUnauthorizedCerts: true };
		const url = (path: string) => `https://127.0.0.1:${tlsTarget.port}${path}`;
		const refused = await credentialWith(BEARER, 'connect-refused', { allowHttp: false });
		const refusedPath = `/connect-refused-${Date.now()}`;
		const before = proxy.tunnels.length;
		expect(errorOf(await run(BEARER, refused.credential, url(refusedPath), options))?.message).toMatch(/^Scoped Bearer Token refused: proxy "http:\/\/127\.0\.0\.1:\d+" is not in the allowed proxies/);
		expect(proxy.tunnels.length).toBe(before);
		expect(tlsTarget.seen.filter((s) => s.url === refusedPath)).toHaveLength(0);

		const allowed = await credentialWith(BEARER, 'connect-allowed', { allowHttp: false, allowedProxies: `http://127.0.0.1:${proxy.port}`, allowInsecureTls: true });
		const allowedPath = `/connect-allowed-${Date.now()}`;
		expect((await run(BEARER, allowed.credential, url(allowedPath), options)).status).toBe('success');
		expect(proxy.tunnels.slice(before)).toEqual([`127.0.0.1:${tlsTarget.port}`]);
		expect(tlsTarget.seen.filter((s) => s.url === allowedPath).map((s) => s.headers.authorization)).toEqual([allowed.wire]);
	});

	test('when the credential allows another proxy then this one is still refused', async () => {
		const { credential } = await credentialWith(KEY, 'proxy-other', { allowedProxies: `http://127.0.0.1:${proxy.port + 1}` });
		const execution = await run(KEY, credential, `http://127.0.0.1:${target.port}/proxied-other`, { proxy: `http://127.0.0.1:${proxy.port}` });
		expect(errorOf(execution)?.message).toBe(
			`Scoped API Key refused: proxy "http://127.0.0.1:${proxy.port}" is not in the allowed proxies (http://127.0.0.1:${proxy.port + 1}); a proxy can read the secret`,
		);
	});
});

describe('Scoped credentials and "Ignore SSL Issues"', () => {
	test.each([KEY, BEARER])('when the node ignores SSL issues then a self-signed server receives nothing and the run fails naming the rule ($label)', async (kind) => {
		const { credential, wire } = await credentialWith(kind, 'tls-refused', { allowHttp: false });
		const path = `/tls-${Date.now()}`;
		const execution = await run(kind, credential, `https://127.0.0.1:${tlsTarget.port}${path}`, { allowUnauthorizedCerts: true });
		expect(execution.status).toBe('error');
		expect(errorOf(execution)?.message).toBe(
			`${kind.label} refused: the request skips TLS certificate validation ("Ignore SSL Issues") and "Allow Ignoring SSL Issues" is off; anyone in the path could pose as the server and read the secret`,
		);
		expect(tlsTarget.seen.filter((s) => s.url === path)).toHaveLength(0);
		expect(headerValues(tlsTarget.seen, kind.header)).not.toContain(wire);
	});

	test('when the credential allows ignoring SSL issues then the self-signed server receives the key', async () => {
		const { credential, wire } = await credentialWith(KEY, 'tls-allowed', { allowHttp: false, allowInsecureTls: true });
		const path = `/tls-ok-${Date.now()}`;
		const execution = await run(KEY, credential, `https://127.0.0.1:${tlsTarget.port}${path}`, { allowUnauthorizedCerts: true });
		expect(execution.status).toBe('success');
		expect(tlsTarget.seen.filter((s) => s.url === path).map((s) => s.headers['x-api-key'])).toEqual([wire]);
	});
});

describe('Scoped credentials and redirects', () => {
	const cases = [301, 302, 303, 307, 308].flatMap((status) => [KEY, BEARER].map((kind) => ({ status, kind, label: kind.label })));

	test.each(cases)('when an allowed host answers $status to another port then that port never receives the secret ($label)', async ({ status, kind }) => {
		const { credential, wire } = await credentialWith(kind, `redirect-${status}`, { allowedHosts: `127.0.0.1:${redirector.port}` });
		const next = `http://127.0.0.1:${elsewhere.port}/r2-${status}-${Date.now()}`;
		const execution = await run(kind, credential, `http://127.0.0.1:${redirector.port}/redirect/${status}?to=${encodeURIComponent(next)}`);
		// The first hop is allowed and carries the secret; the redirect is not followed.
		expect(headerValues(redirector.seen, kind.header)).toContain(wire);
		expect(elsewhere.seen.filter((s) => next.endsWith(s.url))).toHaveLength(0);
		expect(headerValues(elsewhere.seen, kind.header)).not.toContain(wire);
		expect(execution.status).toBe('error');
		// n8n's own message for an unfollowed redirect (status, then the body: empty here); no pack code runs
		// after the response, so the README and the Test button carry the "use the final URL" advice.
		expect(errorOf(execution)?.message).toBe(`${status} - ""`);
		expect(nodeRan(execution, 'After Request')).toBe(false);
	});

	test('when the node never errors and returns the full response then the redirect and its location are visible, and not followed', async () => {
		const { credential } = await credentialWith(KEY, 'redirect-visible', { allowedHosts: `127.0.0.1:${redirector.port}` });
		const next = `http://127.0.0.1:${elsewhere.port}/visible-${Date.now()}`;
		const execution = await run(KEY, credential, `http://127.0.0.1:${redirector.port}/redirect/302?to=${encodeURIComponent(next)}`, {
			response: { response: { neverError: true, fullResponse: true } },
		});
		expect(execution.status).toBe('success');
		expect(nodeOutput(execution, 'HTTP Request')[0][0]).toMatchObject({ statusCode: 302, headers: { location: next } });
		expect(elsewhere.seen.filter((s) => next.endsWith(s.url))).toHaveLength(0);
	});

	test.each([KEY, BEARER])('when an https allowed host redirects to plain http on the same host then the secret does not travel in clear ($label)', async (kind) => {
		// allowInsecureTls only lets the run reach the self-signed test server; plain http stays forbidden.
		const { credential, wire } = await credentialWith(kind, 'downgrade', { allowedHosts: '127.0.0.1', allowHttp: false, allowInsecureTls: true });
		const next = `http://127.0.0.1:${elsewhere.port}/downgraded-${Date.now()}`;
		const execution = await run(kind, credential, `https://127.0.0.1:${tlsRedirector.port}/redirect/302?to=${encodeURIComponent(next)}`, {
			allowUnauthorizedCerts: true,
		});
		expect(headerValues(tlsRedirector.seen, kind.header)).toContain(wire);
		expect(elsewhere.seen.filter((s) => next.endsWith(s.url))).toHaveLength(0);
		expect(headerValues(elsewhere.seen, kind.header)).not.toContain(wire);
		expect(execution.status).toBe('error');
	});

	test.each([301, 302, 303, 307, 308])('when the Test URL answers %i then Test fails, says why and to use the final URL, and the target gets nothing', async (status) => {
		const next = `http://127.0.0.1:${elsewhere.port}/test-final-${status}-${Date.now()}`;
		const data = { apiKey: 'e2e-key-test-redirect', headerName: 'X-API-Key', ...scope({ testUrl: `http://127.0.0.1:${redirector.port}/redirect/${status}?to=${encodeURIComponent(next)}` }) };
		const result = await rest('POST', '/rest/credentials/test', { credentials: { id: '', name: 'test', type: 'governanceScopedApiKeyApi', data } });
		expect(result.json?.data).toEqual({
			status: 'Error',
			message: `The Test URL answered with a redirect (HTTP ${status}). A scoped credential does not follow redirects, so the secret is never sent past the first hop: use the final URL (where the redirect points) as the Test URL and in your requests.`,
		});
		expect(elsewhere.seen.filter((s) => next.endsWith(s.url))).toHaveLength(0);
	});
});
