import type { IAuthenticateGeneric, ICredentialTestRequest, ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

export class GovernanceLimitStoreApi implements ICredentialType {
	name = 'governanceLimitStoreApi';

	displayName = 'Governance Limit Store API';

	icon: Icon = { light: 'file:../icons/governance.svg', dark: 'file:../icons/governance.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-governance/n8n-nodes-governance#window-limits-in-a-shared-store';

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
			description: 'An n8n API key (Settings → n8n API) with the scopes dataTableRow:read, dataTableRow:create and dataTableRow:update',
		},
		{
			displayName: 'Data Table ID',
			name: 'dataTableId',
			type: 'string',
			default: '',
			required: true,
			description:
				'A data table with the columns key (string), version (number), state (string) and writer (string). The Kill Switch keeps one row per node in it.',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { headers: { 'X-N8N-API-KEY': '={{$credentials.apiKey}}' } },
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '={{"/api/v1/data-tables/" + encodeURIComponent($credentials.dataTableId) + "/rows"}}',
			qs: { limit: 1 },
			method: 'GET',
		},
	};
}
