import type { ICredentialDataDecryptedObject, ICredentialTestRequest, ICredentialType, IHttpRequestOptions, INodeProperties, Icon } from 'n8n-workflow';
import { credentialHeader } from '../lib/kill-switch/http';

export class GovernanceOfrepApi implements ICredentialType {
	name = 'governanceOfrepApi';

	displayName = 'Governance OFREP API';

	icon: Icon = { light: 'file:../icons/governance.svg', dark: 'file:../icons/governance.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-governance/n8n-nodes-governance#kill-switch';

	properties: INodeProperties[] = [
		{
			displayName: 'Service URL',
			name: 'url',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'http://flagd.internal:8016',
			description:
				'Base URL of an OpenFeature Remote Evaluation Protocol service (flagd, GO Feature Flag relay proxy, …), without /ofrep/v1',
		},
		{
			displayName: 'Auth Header Name',
			name: 'headerName',
			type: 'string',
			default: 'Authorization',
			description: 'Header that carries the secret below; e.g. Authorization or X-API-Key',
		},
		{
			displayName: 'Auth Header Value',
			name: 'secretValue',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			placeholder: 'Bearer …',
			description: 'Leave empty when the service needs no authentication (flagd on a private network)',
		},
	];

	async authenticate(credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		// The Kill Switch node adds the same header itself (it sends through n8n's plain request helper).
		return { ...requestOptions, headers: { ...(requestOptions.headers ?? {}), ...credentialHeader(credentials.headerName, credentials.secretValue) } };
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.url.replace(/\\/+$/, "")}}',
			url: '/ofrep/v1/evaluate/flags',
			method: 'POST',
			body: { context: {} },
		},
	};
}
