import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

export class GovernanceApproversApi implements ICredentialType {
	name = 'governanceApproversApi';

	displayName = 'Governance Approvers API';

	icon: Icon = { light: 'file:../icons/governance.svg', dark: 'file:../icons/governance.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-governance/n8n-nodes-governance#approval-gate';

	// Holds TOTP secrets: only this pack's nodes may decrypt it.
	restrictToSupportedNodes = true as const;

	// Tested by the Approval Gate (methods.credentialTest.governanceApproversTest), which also shows the
	// otpauth:// enrolment URI of each approver with a TOTP secret.

	properties: INodeProperties[] = [
		{
			displayName: 'Approver Emails',
			name: 'approvers',
			type: 'string',
			typeOptions: { rows: 4 },
			default: '',
			placeholder: 'alice@example.com\nbob@example.com',
			description: 'One email address per line. Each approver gets a personal, signed link.',
		},
		{
			displayName: 'TOTP Secrets',
			name: 'totpSecrets',
			type: 'string',
			typeOptions: { password: true, rows: 4 },
			default: '',
			placeholder: 'alice@example.com=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
			description:
				'Optional second factor: one "email=BASE32SECRET" line per approver (RFC 6238, as authenticator apps use). Click "Test" to see each approver\'s otpauth:// enrolment URI.',
		},
		{
			displayName: 'Issuer Name',
			name: 'issuer',
			type: 'string',
			default: 'n8n Approvals',
			description: 'The name authenticator apps show next to the code',
		},
	];
}
