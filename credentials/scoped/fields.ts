import type { ICredentialDataDecryptedObject, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';
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
