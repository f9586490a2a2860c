import type { IAuthenticate, ICredentialTestRequest, ICredentialType, INodeProperties, Icon } from 'n8n-workflow';
import { scopeProperties, scopedAuthenticate, scopedTestRequest } from './scoped/fields';

export class GovernanceScopedApiKeyApi implements ICredentialType {
	name = 'governanceScopedApiKeyApi';

	displayName = 'Governance Scoped API Key API';

	icon: Icon = { light: 'file:../icons/governance.svg', dark: 'file:../icons/governance.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-governance/n8n-nodes-governance#scoped-api-key-credential';

	// The scope below replaces n8n's own domain fields; two lists for one question would confuse reviewers.
	hideDomainRestrictionFields = true;

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		{
			displayName: 'Header Name',
			name: 'headerName',
			type: 'string',
			default: 'X-API-Key',
			required: true,
			description: 'The request header that carries the key',
		},
		...scopeProperties,
	];

	authenticate: IAuthenticate = scopedAuthenticate('Scoped API Key', (credentials) => ({
		name: String(credentials.headerName ?? 'X-API-Key').trim(),
		value: String(credentials.apiKey ?? ''),
	}));

	test: ICredentialTestRequest = scopedTestRequest;
}
