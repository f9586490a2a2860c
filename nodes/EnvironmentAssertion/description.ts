import type { INodeProperties } from 'n8n-workflow';

export const environmentAssertionProperties: INodeProperties[] = [
	{
		displayName:
			'Place this node first in a production workflow. It stops the execution before any later node runs when the instance is not the environment you allow.',
		name: 'notice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Allowed Environments',
		name: 'allowedEnvironments',
		type: 'multiOptions',
		options: [
			{ name: 'Development', value: 'development' },
			{ name: 'Production', value: 'production' },
			{ name: 'Staging', value: 'staging' },
		],
		default: ['production'],
		description: 'The environments this workflow may run in, compared with the Governance Profile',
	},
	{
		displayName: 'Custom Environments',
		name: 'customEnvironments',
		type: 'string',
		default: '',
		placeholder: 'e.g. eu-prod, us-prod',
		description: 'Further allowed environment names (comma-separated), for profiles with a custom environment',
	},
	{
		displayName: 'Require Base URL Match',
		name: 'requireBaseUrlMatch',
		type: 'boolean',
		default: false,
		description:
			"Whether this instance's base URL must equal the profile's expected instance base URL (catches a profile copied to another instance)",
	},
	{
		displayName: 'Allow Manual Executions in Production',
		name: 'allowManualInProduction',
		type: 'boolean',
		default: false,
		description: 'Whether runs started from the editor may pass when the environment is production',
	},
	{
		displayName: 'On Mismatch',
		name: 'onMismatch',
		type: 'options',
		options: [
			{
				name: 'Stop Execution',
				value: 'stop',
				description: 'Fail the execution with an error naming expected and actual values',
			},
			{
				name: 'Route to Mismatch Output',
				value: 'route',
				description: 'Send the items to a second output, with the violations attached, instead of failing',
			},
		],
		default: 'stop',
	},
	{
		displayName: 'Stamp Governance Info',
		name: 'stamp',
		type: 'boolean',
		default: true,
		description:
			'Whether to add a "governance" object (environment, owner, profile name, data classification) to each passing item',
	},
];
