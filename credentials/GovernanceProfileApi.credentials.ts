import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

export class GovernanceProfileApi implements ICredentialType {
	name = 'governanceProfileApi';

	displayName = 'Governance Profile API';

	icon: Icon = { light: 'file:../icons/governance.svg', dark: 'file:../icons/governance.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-governance/n8n-nodes-governance#governance-profile-credential';

	// Holds the signing secret for approvals and audit events: only this pack's nodes may decrypt it.
	restrictToSupportedNodes = true as const;

	// Tested by the nodes that use it (methods.credentialTest.governanceProfileTest): no HTTP call to make.

	properties: INodeProperties[] = [
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			options: [
				{ name: 'Custom', value: 'custom' },
				{ name: 'Development', value: 'development' },
				{ name: 'Production', value: 'production' },
				{ name: 'Staging', value: 'staging' },
			],
			default: 'development',
			description: 'Which environment this n8n instance is. Environment Assertion nodes compare against it.',
		},
		{
			displayName: 'Custom Environment Name',
			name: 'customEnvironment',
			type: 'string',
			default: '',
			placeholder: 'e.g. eu-prod',
			displayOptions: { show: { environment: ['custom'] } },
			description: 'Lower-case name starting with a letter; a-z, 0-9, "-" and "_"',
		},
		{
			displayName: 'Expected Instance Base URL',
			name: 'expectedBaseUrl',
			type: 'string',
			default: '',
			placeholder: 'https://n8n.example.com',
			description:
				'The base URL this instance must have. Leave empty to skip. Guards against a production credential copied into another instance.',
		},
		{
			displayName: 'Owner Email',
			name: 'owner',
			type: 'string',
			placeholder: 'name@email.com',
			default: '',
			required: true,
			description: 'Who answers for workflows that use this profile',
		},
		{
			displayName: 'Deputy Email',
			name: 'deputy',
			type: 'string',
			placeholder: 'name@email.com',
			default: '',
		},
		{
			displayName: 'Business Sponsor Email',
			name: 'sponsor',
			type: 'string',
			placeholder: 'name@email.com',
			default: '',
		},
		{
			displayName: 'Data Classification',
			name: 'dataClassification',
			type: 'options',
			options: [
				{ name: 'Confidential', value: 'confidential' },
				{ name: 'Internal', value: 'internal' },
				{ name: 'Public', value: 'public' },
				{ name: 'Restricted', value: 'restricted' },
			],
			default: 'internal',
			description: 'The most sensitive class of data the workflows under this profile handle',
		},
		{
			displayName: 'Signing Secret',
			name: 'signingSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'A generated secret: base64 or hex of at least 32 random bytes, e.g. the output of "openssl rand -base64 32". Typed phrases are refused. Signs approval links, approval decisions and audit events.',
		},
		{
			displayName: 'Scope Statement',
			name: 'scope',
			type: 'string',
			typeOptions: { rows: 3 },
			default: '',
			description: 'Free text: what workflows under this profile may do, and what they must not',
		},
	];
}
