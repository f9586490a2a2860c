import type { IAuthenticate, ICredentialTestRequest, ICredentialType, INodeProperties, Icon } from 'n8n-workflow';
import { scopeProperties, scopedAuthenticate, scopedTestRequest } from './scoped/fields';

export class GovernanceScopedBearerTokenApi implements ICredentialType {
	name = 'governanceScopedBearerTokenApi';

	displayName = 'Governance Scoped Bearer Token API';

	icon: Icon = { light: 'file:../icons/governance.svg', dark: 'file:../icons/governance.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-governance/n8n-nodes-governance#scoped-bearer-token-credential';

	// The scope below replaces n8n's own domain fields; two lists for one question would confuse reviewers.
	hideDomainRestrictionFields = true;

	properties: INodeProperties[] = [
		{
			displayName: 'Token',
			name: 'token',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'Sent as "Authorization: Bearer <token>"',
		},
		...scopeProperties,
	];

	authenticate: IAuthenticate = scopedAuthenticate('Scoped Bearer Token', (credentials) => ({
		name: 'Authorization',
		value: String(credentials.token ?? ''),
		prefix: 'Bearer ',
	}));

	test: ICredentialTestRequest = scopedTestRequest;
}
