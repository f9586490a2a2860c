import type { INodeProperties } from 'n8n-workflow';
import { DEFAULT_TOLERANCE_SECONDS, MAX_TOLERANCE_SECONDS } from '../../lib/webhook-signature/verify';

/** Shown in the node and in the error when the raw body is missing: the one setting builders forget. */
export const RAW_BODY_HOW_TO =
	'In the Webhook node, open "Options", click "Add option", choose "Raw Body" and turn it on (the raw body then arrives in the binary field "data"). Then place this node directly after the Webhook node.';

export const verifyWebhookSignatureProperties: INodeProperties[] = [
	{
		displayName: `Needs the exact bytes the sender signed. ${RAW_BODY_HOW_TO} Invalid requests never reach the nodes after this one.`,
		name: 'notice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Preset',
		name: 'preset',
		type: 'options',
		options: [
			{ name: 'Generic', value: 'generic', description: 'X-Signature: sha256=&lt;hex&gt;, HMAC-SHA256 of the raw body' },
			{ name: 'GitHub', value: 'github', description: 'X-Hub-Signature-256: sha256=&lt;hex&gt;, HMAC-SHA256 of the raw body' },
			{
				name: 'Slack',
				value: 'slack',
				description: 'X-Slack-Signature: v0=&lt;hex&gt; over "v0:&lt;timestamp&gt;:&lt;body&gt;", with X-Slack-Request-Timestamp',
			},
			{ name: 'Stripe', value: 'stripe', description: 'Stripe-Signature: t=…,v1=… over "&lt;t&gt;.&lt;body&gt;"' },
		],
		default: 'github',
		description: 'How the sender signs its requests',
	},
	{
		displayName: 'Signature Header',
		name: 'signatureHeader',
		type: 'string',
		default: 'X-Signature',
		displayOptions: { show: { preset: ['generic'] } },
		description: 'The header that carries "sha256=&lt;hex&gt;"',
	},
	{
		displayName: 'Timestamp Tolerance (Seconds)',
		name: 'toleranceSeconds',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: MAX_TOLERANCE_SECONDS },
		default: DEFAULT_TOLERANCE_SECONDS,
		displayOptions: { show: { preset: ['slack', 'stripe'] } },
		description: 'Requests whose signed timestamp is further than this from now are refused as replays',
	},
	{
		displayName: 'On Invalid Signature',
		name: 'onInvalid',
		type: 'options',
		options: [
			{
				name: 'Stop Execution',
				value: 'stop',
				description: 'Fail the execution with an error naming the preset and the reason',
			},
			{
				name: 'Route to Invalid Output',
				value: 'route',
				description: 'Send the request to a second output, with the reason attached, instead of failing',
			},
		],
		default: 'stop',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Raw Body Field',
				name: 'binaryPropertyName',
				type: 'string',
				default: 'data',
				description: 'The binary field the Webhook node puts the raw body in ("data" unless you changed it)',
			},
		],
	},
];
