import type { ICredentialDataDecryptedObject, ICredentialTestRequest, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';
import { UserError } from 'n8n-workflow';
import type { ScopedRequestOptions, SecretHeader } from '../../lib/scoped-credentials/attach';
import { attachScopedSecret } from '../../lib/scoped-credentials/attach';
import { HTTP_METHODS } from '../../lib/scoped-credentials/policy';

/** The scope fields both scoped credential types share, after their own secret fields. */
export const scopeProperties: INodeProperties[] = [
	{
		displayName: 'Allowed Hosts',
		name: 'allowedHosts',
		type: 'string',
		typeOptions: { rows: 2 },
		default: '',
		required: true,
		placeholder: 'api.example.com, *.internal.example.com',
		description:
			'The only hosts the secret is sent to, separated by commas or new lines. "*.example.com" matches every host below example.com (not example.com itself). Add ":port" to pin a port.',
	},
	{
		displayName: 'Allowed Methods',
		name: 'allowedMethods',
		type: 'multiOptions',
		options: HTTP_METHODS.map((method) => ({ name: method, value: method })),
		default: [],
		description: 'The HTTP methods the secret may be used with. Leave empty to allow every method.',
	},
	{
		displayName: 'Allow Plain HTTP',
		name: 'allowHttp',
		type: 'boolean',
		default: false,
		description: 'Whether the secret may be sent over unencrypted http:// (only for trusted networks such as loopback). Off: https only.',
	},
	{
		displayName: 'Allowed Proxies',
		name: 'allowedProxies',
		type: 'string',
		typeOptions: { rows: 2 },
		default: '',
		placeholder: 'http://proxy.internal.example.com:3128',
		description:
			'The only proxies a request carrying the secret may go through (a proxy can read it), as scheme://host:port, separated by commas or new lines. Empty: a request that names a proxy (e.g. the HTTP Request node\'s Options → Proxy) is refused. Proxies set in the n8n server\'s environment (HTTP_PROXY, HTTPS_PROXY) are not visible here.',
	},
	{
		displayName: 'Allow Ignoring SSL Issues',
		name: 'allowInsecureTls',
		type: 'boolean',
		default: false,
		description:
			'Whether the secret may be sent on a request that skips TLS certificate validation (the HTTP Request node\'s "Ignore SSL Issues"). Off: such requests are refused, since anyone in the path could pose as the server.',
	},
	{
		displayName:
			'Redirects are not followed while this secret is attached: a redirect answer (301, 302, 303, 307, 308) makes the request fail. Use the final URL.',
		name: 'redirectNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Environment',
		name: 'environment',
		type: 'string',
		default: '',
		placeholder: 'e.g. production',
		description: 'Which environment this secret belongs to (a label for reviewers)',
	},
	{
		displayName: 'Owner Email',
		name: 'owner',
		type: 'string',
		default: '',
		placeholder: 'name@email.com',
		description: 'Who answers for this secret and rotates it',
	},
	{
		displayName: 'Expires On',
		name: 'expiresOn',
		type: 'dateTime',
		default: '',
		description:
			'From this moment the credential refuses to attach the secret (n8n server time zone unless the value has an offset). Leave empty for no expiry.',
	},
	{
		displayName: 'Rotate By',
		name: 'rotateBy',
		type: 'dateTime',
		default: '',
		description: 'When the secret should be rotated (for reviewers; it does not stop the credential)',
	},
	{
		displayName: 'Test URL',
		name: 'testUrl',
		type: 'string',
		default: '',
		placeholder: 'https://api.example.com/v1/me',
		description: 'A read-only GET endpoint on an allowed host that accepts the secret; used by the Test button',
	},
];

/**
 * Builds an `authenticate` function that attaches the secret only to requests the scope allows, and
 * otherwise throws before any connection is made. n8n calls it for every request made with the credential,
 * from the HTTP Request node (legacy `uri` options), from other nodes (`url` + `baseURL`) and for the Test button.
 */
export function scopedAuthenticate(
	label: string,
	header: (credentials: ICredentialDataDecryptedObject) => SecretHeader,
): (credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions) => Promise<IHttpRequestOptions> {
	return async (credentials, requestOptions) => {
		const result = attachScopedSecret(
			label,
			credentials,
			requestOptions as unknown as ScopedRequestOptions,
			header(credentials),
			Date.now(),
		);
		// Thrown before any connection: n8n's request helpers call authenticate, then send.
		if (!result.ok) throw new UserError(result.message, { description: result.hint });
		return result.request as unknown as IHttpRequestOptions;
	};
}

/** The redirect answers a scoped credential never follows (n8n's request layer treats every 3xx with a Location as one). */
export const REDIRECT_STATUSES = [301, 302, 303, 307, 308] as const;

/**
 * The Test button's request: a GET to the Test URL through the same `authenticate`. A redirect answer fails
 * there too (redirects are not followed while the secret is attached); these rules make n8n say why.
 */
export const scopedTestRequest: ICredentialTestRequest = {
	request: { url: '={{$credentials.testUrl}}', method: 'GET' },
	rules: REDIRECT_STATUSES.map((status) => ({
		type: 'responseCode' as const,
		properties: {
			value: status,
			message: `The Test URL answered with a redirect (HTTP ${status}). A scoped credential does not follow redirects, so the secret is never sent past the first hop: use the final URL (where the redirect points) as the Test URL and in your requests.`,
		},
	})),
};
