import type { IAuthenticateGeneric, ICredentialTestRequest, ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

export class GovernanceExecutionRecordApi implements ICredentialType {
	name = 'governanceExecutionRecordApi';

	displayName = 'Governance Execution Record API';

	icon: Icon = { light: 'file:../icons/governance.svg', dark: 'file:../icons/governance.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-governance/n8n-nodes-governance#the-workflow-version-in-every-event';

	// An n8n API key: only this pack's nodes may decrypt it.
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
				'An n8n API key (Settings → n8n API) with the scope execution:read only. The Audit Emitter reads its own execution\'s record once per execution to learn the workflow version that ran.',
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
			qs: { limit: 1 },
			method: 'GET',
		},
	};
}
