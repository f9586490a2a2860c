import type { ICredentialDataDecryptedObject, IHttpRequestOptions } from 'n8n-workflow';
import { ScopedApiKeyApi } from '../../../credentials/ScopedApiKeyApi.credentials';
import { ScopedBearerTokenApi } from '../../../credentials/ScopedBearerTokenApi.credentials';

type AuthFn = (c: ICredentialDataDecryptedObject, r: IHttpRequestOptions) => Promise<IHttpRequestOptions>;
const keyAuth = new ScopedApiKeyApi().authenticate as unknown as AuthFn;
const bearerAuth = new ScopedBearerTokenApi().authenticate as unknown as AuthFn;

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
		expect(new ScopedApiKeyApi().test.request).toEqual({ url: '={{$credentials.testUrl}}', method: 'GET' });
		expect(new ScopedBearerTokenApi().test.request).toEqual({ url: '={{$credentials.testUrl}}', method: 'GET' });
	});
});
