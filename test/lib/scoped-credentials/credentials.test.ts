import type { ICredentialDataDecryptedObject, IHttpRequestOptions } from 'n8n-workflow';
import { GovernanceScopedApiKeyApi } from '../../../credentials/GovernanceScopedApiKeyApi.credentials';
import { GovernanceScopedBearerTokenApi } from '../../../credentials/GovernanceScopedBearerTokenApi.credentials';

type AuthFn = (c: ICredentialDataDecryptedObject, r: IHttpRequestOptions) => Promise<IHttpRequestOptions>;
const keyAuth = new GovernanceScopedApiKeyApi().authenticate as unknown as AuthFn;
const bearerAuth = new GovernanceScopedBearerTokenApi().authenticate as unknown as AuthFn;

const keyCredential = {
	apiKey: 'k-123',
	headerName: 'X-API-Key',
	allowedHosts: 'api.example.com, *.internal.example.com',
	allowedMethods: [],
	allowHttp: false,
	expiresOn: '',
	rotateBy: '',
};
const asOptions = (o: Record<string, unknown>) => o as unknown as IHttpRequestOptions;

describe('Scoped credential authenticate functions', () => {
	test('when the host is allowed then the key header is attached, other headers kept, the input untouched', async () => {
		const input = { uri: 'https://api.example.com/v1', method: 'GET', headers: { accept: 'json', 'x-api-key': 'user-typed' } };
		const out = (await keyAuth(keyCredential, asOptions(input))) as unknown as Record<string, any>;
		expect(out.headers).toEqual({ accept: 'json', 'X-API-Key': 'k-123' });
		expect(out.allowedDomains).toBe('api.example.com,*.internal.example.com');
		expect(input.headers).toEqual({ accept: 'json', 'x-api-key': 'user-typed' });
	});

	test('when the host is not allowed then it throws the documented message with a fix, and attaches nothing', async () => {
		const input = asOptions({ uri: 'https://evil.example.net/' });
		const error = await keyAuth(keyCredential, input).catch((e: unknown) => e);
		expect((error as Error).message).toBe(
			'Scoped API Key refused: host "evil.example.net" is not in the allowed hosts (api.example.com, *.internal.example.com)',
		);
		expect((error as { description?: string }).description).toMatch(/add it to "Allowed Hosts"/);
		expect((input as unknown as Record<string, unknown>).headers).toBeUndefined();
	});

	test('when the credential has expired then it refuses on an allowed host', async () => {
		await expect(keyAuth({ ...keyCredential, expiresOn: '2000-01-01T00:00:00Z' }, asOptions({ url: 'https://api.example.com/' }))).rejects.toThrow(
			/^Scoped API Key refused: the credential expired on 2000-01-01T00:00:00.000Z$/,
		);
	});

	test('when the header name would inject a header then it refuses', async () => {
		await expect(keyAuth({ ...keyCredential, headerName: 'X-Key\r\nX-Evil' }, asOptions({ url: 'https://api.example.com/' }))).rejects.toThrow(
			/is not a valid header name/,
		);
	});

	test('when the bearer token is allowed then Authorization is set; an empty token is refused', async () => {
		const bearer = { ...keyCredential, token: 't-456' };
		const out = (await bearerAuth(bearer, asOptions({ url: '/x', baseURL: 'https://a.internal.example.com' }))) as unknown as Record<string, any>;
		expect(out.headers).toEqual({ Authorization: 'Bearer t-456' });
		await expect(bearerAuth({ ...bearer, token: '' }, asOptions({ url: 'https://api.example.com/' }))).rejects.toThrow(
			'Scoped Bearer Token refused: the secret is empty',
		);
		await expect(bearerAuth(bearer, asOptions({ url: 'https://example.com/' }))).rejects.toThrow(
			/^Scoped Bearer Token refused: host "example.com" is not in the allowed hosts/,
		);
	});

	test('when the credential is tested then the request goes to the Test URL through the same authenticate', () => {
		expect(new GovernanceScopedApiKeyApi().test.request).toEqual({ url: '={{$credentials.testUrl}}', method: 'GET' });
		expect(new GovernanceScopedBearerTokenApi().test.request).toEqual({ url: '={{$credentials.testUrl}}', method: 'GET' });
	});

	/** Request options exactly as HTTP Request v4.2 builds them (n8n-nodes-base HttpRequestV3, predefined credential). */
	const httpRequestNode = (overrides: Record<string, unknown> = {}) =>
		asOptions({
			headers: {},
			method: 'GET',
			uri: 'https://api.example.com/v1/me',
			gzip: true,
			rejectUnauthorized: true,
			followRedirect: true,
			followAllRedirects: true,
			maxRedirects: undefined,
			resolveWithFullResponse: true,
			sendCredentialsOnCrossOriginRedirect: true,
			timeout: 300000,
			...overrides,
		});

	test('when the HTTP Request node names a proxy then the key is refused, naming the rule and the proxy', async () => {
		const error = (await keyAuth(keyCredential, httpRequestNode({ proxy: 'http://127.0.0.1:3128' })).catch((e: unknown) => e)) as Error;
		expect(error.message).toBe('Scoped API Key refused: proxy "http://127.0.0.1:3128" is not in the allowed proxies (none); a proxy can read the secret');
		const allowed = (await keyAuth({ ...keyCredential, allowedProxies: 'http://127.0.0.1:3128' }, httpRequestNode({ proxy: 'http://127.0.0.1:3128' }))) as unknown as Record<string, any>;
		expect(allowed.headers).toEqual({ 'X-API-Key': 'k-123' });
		expect(allowed.proxy).toBe('http://127.0.0.1:3128');
	});

	test('when the HTTP Request node ignores SSL issues then the token is refused unless the credential allows it', async () => {
		await expect(bearerAuth({ ...keyCredential, token: 't' }, httpRequestNode({ rejectUnauthorized: false }))).rejects.toThrow(
			/^Scoped Bearer Token refused: the request skips TLS certificate validation \("Ignore SSL Issues"\)/,
		);
		const allowed = (await bearerAuth({ ...keyCredential, token: 't', allowInsecureTls: true }, httpRequestNode({ rejectUnauthorized: false }))) as unknown as Record<string, any>;
		expect(allowed.headers).toEqual({ Authorization: 'Bearer t' });
	});

	test('when the HTTP Request node follows redirects then the returned options do not', async () => {
		const out = (await keyAuth(keyCredential, httpRequestNode())) as unknown as Record<string, any>;
		expect(out).toMatchObject({ followRedirect: false, followAllRedirects: false, maxRedirects: 0, disableFollowRedirect: true });
	});

	test.each([301, 302, 303, 307, 308])('when the Test URL answers %i then the Test button says to use the final URL', (status) => {
		for (const credential of [new GovernanceScopedApiKeyApi(), new GovernanceScopedBearerTokenApi()]) {
			const rule = credential.test.rules?.find((r) => r.type === 'responseCode' && r.properties.value === status);
			expect(rule?.properties.message).toMatch(new RegExp(`redirect \\(HTTP ${status}\\).*use the final URL`));
		}
	});
});
