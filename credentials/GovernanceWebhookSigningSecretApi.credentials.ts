import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

export class GovernanceWebhookSigningSecretApi implements ICredentialType {
	name = 'governanceWebhookSigningSecretApi';

	displayName = 'Governance Webhook Signing Secret API';

	icon: Icon = { light: 'file:../icons/governance.svg', dark: 'file:../icons/governance.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-governance/n8n-nodes-governance#webhook-signing-secret-credential';

	// A signing secret lets anyone forge "verified" requests: only this pack's nodes may decrypt it.
	restrictToSupportedNodes = true as const;

	// Tested by the nodes that use it (methods.credentialTest.webhookSigningSecretTest): there is no endpoint to call.

	properties: INodeProperties[] = [
		{
			displayName: 'Signing Secret',
			name: 'secret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'The secret the sender signs requests with: GitHub webhook secret, Stripe endpoint secret (whsec_…, used whole), Slack signing secret, or your own (at least 16 characters besides whitespace, at least 5 different ones, not a short sequence repeated)',
		},
		{
			displayName: 'Previous Signing Secret',
			name: 'previousSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'While rotating: the old secret, still accepted until you clear this field',
		},
		{
			displayName: 'Owner Email',
			name: 'owner',
			type: 'string',
			default: '',
			placeholder: 'name@email.com',
			description: 'Who answers for this secret and rotates it',
		},
	];
}
