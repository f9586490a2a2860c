import type { INodeProperties, IWebhookDescription } from 'n8n-workflow';

/** Resume webhooks: the node-id path keeps two gates of one execution apart; it does not authorise. */
export const APPROVAL_WEBHOOKS: IWebhookDescription[] = (['GET', 'HEAD', 'POST'] as const).map((httpMethod) => ({
	name: 'default',
	httpMethod,
	responseMode: 'onReceived',
	responseData: '',
	path: '={{ $nodeId }}',
	restartWebhook: true,
	isFullPath: true,
}));

export const approvalGateProperties: INodeProperties[] = [
	{
		displayName:
			'The run waits here until an approver decides on their personal, signed link, or the request expires. Approved items leave on the "Approved" output with an "approval" record; rejected and timed-out items leave on the first output (timed-out items carry no "approval").',
		name: 'notice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Title',
		name: 'title',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. Refund of {{ $json.amount }} EUR to {{ $json.customer }}',
		description: 'What the approver is asked to approve',
	},
	{
		displayName: 'Risk Note',
		name: 'riskNote',
		type: 'string',
		typeOptions: { rows: 2 },
		default: '',
		description: 'What can go wrong if this is approved',
	},
	{
		displayName: 'Summary',
		name: 'summary',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
	},
	{
		displayName: 'Requested By',
		name: 'requestedBy',
		type: 'string',
		default: '',
		placeholder: 'e.g. {{ $json.requester }}',
		description: 'Email of whoever asked. They cannot approve their own request.',
	},
	{
		displayName: 'Fields to Show',
		name: 'shownFields',
		type: 'string',
		default: '',
		placeholder: 'e.g. amount, customer.name',
		description: 'Comma-separated item fields shown to the approver, for every item (paths such as customer.name or lines[0].amount)',
	},
	{
		displayName: 'Expires After',
		name: 'expiresAfter',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 60,
	},
	{
		displayName: 'Expiry Unit',
		name: 'expiryUnit',
		type: 'options',
		options: [
			{ name: 'Days', value: 'days' },
			{ name: 'Hours', value: 'hours' },
			{ name: 'Minutes', value: 'minutes' },
			{ name: 'Seconds', value: 'seconds' },
		],
		default: 'minutes',
		description: 'After expiry no decision is accepted and the items leave on the first output (never approved)',
	},
	{
		displayName: 'Require Authenticator Code',
		name: 'requireTotp',
		type: 'boolean',
		default: false,
		description:
			"Whether the approver must also enter the current code from their authenticator app (TOTP secrets in the approvers credential)",
	},
	{
		displayName: 'Allow Anyone With the Link',
		name: 'allowAnyone',
		type: 'boolean',
		default: false,
		description: 'Whether one shared link is sent and whoever holds it may decide (they type their email). Not recommended.',
	},
	{
		displayName:
			'Anyone holding the link can decide. Use named approvers in the Governance Approvers credential for an authenticated decision.',
		name: 'anyoneWarning',
		type: 'notice',
		default: '',
		displayOptions: { show: { allowAnyone: [true] } },
	},
	{
		displayName: 'Exclude Earlier Approvers',
		name: 'excludePreviousApprovers',
		type: 'boolean',
		default: false,
		description:
			'Whether approvers who decided at an earlier gate of this run are left out, so two gates in a row need two different people',
	},
	{
		displayName: 'Notify Via',
		name: 'channel',
		type: 'options',
		options: [
			{ name: 'Another N8n Workflow (Its Webhook URL)', value: 'n8nWorkflow' },
			{ name: 'Generic JSON Webhook', value: 'webhook' },
			{ name: 'Microsoft Teams Incoming Webhook', value: 'teams' },
			{ name: 'Slack Incoming Webhook', value: 'slack' },
		],
		default: 'slack',
	},
	{
		displayName: 'Notification URL',
		name: 'notificationUrl',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'https://hooks.slack.com/services/…',
		description: 'Where the request with the approver links is posted',
	},
	{
		displayName: 'Sign Notifications',
		name: 'signNotifications',
		type: 'boolean',
		default: false,
		displayOptions: { show: { channel: ['n8nWorkflow', 'webhook'] } },
		description:
			'Whether each notification carries X-Signature: sha256=&lt;hex&gt;, an HMAC-SHA256 of the body keyed with the Webhook Signing Secret credential, so the receiving workflow can check it with Verify Webhook Signature (preset Generic) and refuse anyone else',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Allow Self-Approval',
				name: 'allowSelfApproval',
				type: 'boolean',
				default: false,
				description: 'Whether the requester may approve their own request',
			},
			{
				displayName: 'Max Comment Length',
				name: 'maxCommentLength',
				type: 'number',
				default: 1000,
			},
			{
				displayName: 'Notification Timeout (Ms)',
				name: 'notificationTimeout',
				type: 'number',
				default: 10000,
			},
		],
	},
];
