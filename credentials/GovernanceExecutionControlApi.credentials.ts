import type { IAuthenticateGeneric, ICredentialTestRequest, ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

export class GovernanceExecutionControlApi implements ICredentialType {
	name = 'governanceExecutionControlApi';

	displayName = 'Governance Execution Control API';

	icon: Icon = { light: 'file:../icons/governance.svg', dark: 'file:../icons/governance.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-governance/n8n-nodes-governance#stop-executions';

	// An n8n API key that can stop executions: only this pack's nodes may decrypt it.
	restrictToSupportedNodes = true as const;

	properties: INodeProperties[] = [
		{
			displayName: 'n8n Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://n8n.example.com',
			description: "This instance's base URL, as its public API is reached from n8n itself (without /api/v1)",
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'An n8n API key (Settings → n8n API) with the scopes execution:list and execution:stop, of a user who may run the workflows to stop. Stop Executions lists and stops executions with it.',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { headers: { 'X-N8N-API-KEY': '={{$credentials.apiKey}}' } },
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/api/v1/executions',
			qs: { limit: 1, status: 'running' },
			method: 'GET',
		},
	};
}
