import type { IAuthenticateGeneric, ICredentialTestRequest, ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

export class GovernanceUnleashClientApi implements ICredentialType {
	name = 'governanceUnleashClientApi';

	displayName = 'Governance Unleash Client API';

	icon: Icon = { light: 'file:../icons/governance.svg', dark: 'file:../icons/governance.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-governance/n8n-nodes-governance#kill-switch';

	properties: INodeProperties[] = [
		{
			displayName: 'Unleash URL',
			name: 'url',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://unleash.example.com',
			description: 'Base URL of the Unleash server, with or without the trailing /api',
		},
		{
			displayName: 'Backend API Token',
			name: 'token',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			placeholder: 'default:production.abc123…',
			description:
				'A backend (client) token for the project and environment that hold the kill-switch flag. Read-only: it can evaluate flags, not change them.',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { headers: { Authorization: '={{$credentials.token}}' } },
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.url.replace(/\\/+$/, "").replace(/\\/api$/, "")}}',
			url: '/api/client/features',
			method: 'GET',
		},
	};
}
