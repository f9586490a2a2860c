import type { ICredentialDataDecryptedObject, ICredentialType, IHttpRequestOptions, INodeProperties, Icon } from 'n8n-workflow';
import { credentialHeader } from '../lib/kill-switch/http';

export class GovernanceKillSwitchHttpHeaderApi implements ICredentialType {
	name = 'governanceKillSwitchHttpHeaderApi';

	displayName = 'Governance Kill Switch HTTP Header API';

	icon: Icon = { light: 'file:../icons/governance.svg', dark: 'file:../icons/governance.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-governance/n8n-nodes-governance#kill-switch';

	// Tested by the Kill Switch node (methods.credentialTest.flagHttpHeaderTest): the URL lives in the node.

	properties: INodeProperties[] = [
		{
			displayName: 'Header Name',
			name: 'headerName',
			type: 'string',
			default: 'Authorization',
			required: true,
			description: 'Header sent with the GET request to the switch URL',
		},
		{
			displayName: 'Header Value',
			name: 'secretValue',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			placeholder: 'Bearer …',
		},
	];

	async authenticate(credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		// The Kill Switch node adds the same header itself (it sends through n8n's plain request helper).
		return { ...requestOptions, headers: { ...(requestOptions.headers ?? {}), ...credentialHeader(credentials.headerName, credentials.secretValue) } };
	}
}
