import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

export class GovernanceRedactionKeyApi implements ICredentialType {
	name = 'governanceRedactionKeyApi';

	displayName = 'Governance Redaction Key API';

	icon: Icon = { light: 'file:../icons/governance.svg', dark: 'file:../icons/governance.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-governance/n8n-nodes-governance#redaction-key-credential';

	// Decrypts every reversible redaction map made with it: only this pack's nodes may decrypt it.
	restrictToSupportedNodes = true as const;

	// Tested by the Redact / Restore node (methods.credentialTest.redactionKeyTest): no HTTP call to make.

	properties: INodeProperties[] = [
		{
			displayName: 'Key ID',
			name: 'keyId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. 2026-11',
			description:
				'A name for this key, recorded next to every map it encrypts (redaction.keyId). Change it whenever you change the secret.',
		},
		{
			displayName: 'Secret',
			name: 'secret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'A generated secret: base64 or hex of at least 32 random bytes, e.g. the output of "openssl rand -base64 32". Typed phrases are refused. Encrypts reversible maps and keys HMAC pseudonyms.',
		},
		{
			displayName: 'Previous Key ID',
			name: 'previousKeyId',
			type: 'string',
			default: '',
			description: 'Optional, during a rotation: the ID of the key this one replaces',
		},
		{
			displayName: 'Previous Secret',
			name: 'previousSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Optional, during a rotation: the replaced secret. Restore still opens maps made with it; Redact never uses it.',
		},
	];
}
