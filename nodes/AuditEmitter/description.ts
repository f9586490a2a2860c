import type { INodeProperties } from 'n8n-workflow';

const toSink = { show: { delivery: ['sink'] } };

export const auditEmitterProperties: INodeProperties[] = [
	{
		displayName:
			'Records one signed audit event per item (who, what, which workflow and execution, under which Governance Profile, which policies applied). Events of one execution form a hash chain that "n8n-governance audit verify" checks.',
		name: 'notice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Delivery',
		name: 'delivery',
		type: 'options',
		options: [
			{
				name: 'Output Events as Items',
				value: 'items',
				description: 'Emit the signed events on a second output, to store with any n8n node',
			},
			{
				name: 'Send to Audit Sink',
				value: 'sink',
				description: 'Send the events of this run in one batch to the sink of the Audit Sink credential',
			},
		],
		default: 'sink',
	},
	{
		displayName: 'Action',
		name: 'eventAction',
		type: 'options',
		options: [
			{ name: 'Approval Decided', value: 'approval.decided' },
			{ name: 'Custom', value: 'custom' },
			{ name: 'Data Sent to Model', value: 'data.sent_to_model' },
			{
				name: 'From Item',
				value: 'auto',
				description: 'Approval.decided when the item carries an Approval Gate decision, otherwise data.sent_to_model',
			},
			{ name: 'Record Changed', value: 'record.changed' },
			{ name: 'Workflow Completed', value: 'workflow.completed' },
			{ name: 'Workflow Started', value: 'workflow.started' },
		],
		default: 'auto',
		description: 'What happened',
	},
	{
		displayName: 'Custom Action',
		name: 'customAction',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. invoice.paid',
		displayOptions: { show: { eventAction: ['custom'] } },
	},
	{
		displayName: 'Outcome',
		name: 'outcome',
		type: 'options',
		options: [
			{ name: 'Approved', value: 'approved' },
			{ name: 'Custom', value: 'custom' },
			{ name: 'Denied', value: 'denied' },
			{ name: 'Failure', value: 'failure' },
			{
				name: 'From Item',
				value: 'auto',
				description: "The Approval Gate's decision when the item carries one, otherwise success",
			},
			{ name: 'Pending', value: 'pending' },
			{ name: 'Rejected', value: 'rejected' },
			{ name: 'Success', value: 'success' },
		],
		default: 'auto',
	},
	{
		displayName: 'Custom Outcome',
		name: 'customOutcome',
		type: 'string',
		default: '',
		required: true,
		displayOptions: { show: { outcome: ['custom'] } },
	},
	{
		displayName: 'Actor',
		name: 'actor',
		type: 'options',
		options: [
			{
				name: 'From Execution',
				value: 'auto',
				description: 'The approver of a decision on the item, else the webhook caller, schedule or editor user that started the run',
			},
			{ name: 'Define Below', value: 'custom' },
		],
		default: 'auto',
		description: 'Who triggered what is recorded',
	},
	{
		displayName: 'Actor Type',
		name: 'actorType',
		type: 'string',
		default: 'user',
		placeholder: 'e.g. user, service, model',
		displayOptions: { show: { actor: ['custom'] } },
	},
	{
		displayName: 'Actor ID',
		name: 'actorId',
		type: 'string',
		default: '',
		placeholder: 'e.g. {{ $json.userEmail }}',
		displayOptions: { show: { actor: ['custom'] } },
	},
	{
		displayName: 'Actor Name',
		name: 'actorName',
		type: 'string',
		default: '',
		displayOptions: { show: { actor: ['custom'] } },
	},
	{
		displayName: 'Target Type',
		name: 'targetType',
		type: 'string',
		default: '',
		placeholder: 'e.g. ticket, model, customer',
		description: 'What the action was done to; leave empty to record no target',
	},
	{
		displayName: 'Target ID',
		name: 'targetId',
		type: 'string',
		default: '',
		placeholder: 'e.g. {{ $json.ticketId }}',
	},
	{
		displayName: 'Target Name',
		name: 'targetName',
		type: 'string',
		default: '',
	},
	{
		displayName: 'Custom Fields',
		name: 'customFields',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		default: {},
		placeholder: 'Add Field',
		description: 'Extra key/value pairs for data.custom. Values that look like secrets are replaced by [REDACTED:SECRET].',
		options: [
			{
				displayName: 'Field',
				name: 'field',
				values: [
					{ displayName: 'Name', name: 'name', type: 'string', default: '' },
					{ displayName: 'Value', name: 'value', type: 'string', default: '' },
				],
			},
		],
	},
	{
		displayName: 'Close Chain',
		name: 'closeChain',
		type: 'boolean',
		default: false,
		description:
			"Whether to sign a closing event after this node's events, ending the run's audit chain. Turn it on for the last Audit Emitter of each path, so a verifier (audit verify --require-closed) can tell a complete log from one whose last events were cut. Not inside a loop.",
	},
	{
		displayName: 'If Delivery Fails',
		name: 'onUndelivered',
		type: 'options',
		displayOptions: toSink,
		options: [
			{
				name: 'Stop Execution',
				value: 'stop',
				description: 'Fail the execution with an error naming the sink and the event IDs not delivered',
			},
			{
				name: 'Route to Undelivered Output',
				value: 'route',
				description: 'Items go on; the events that could not be delivered leave on a second output',
			},
		],
		default: 'stop',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: toSink,
		options: [
			{
				displayName: 'Retries',
				name: 'retries',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 10 },
				default: 3,
				description: 'Retries after a network error, HTTP 408, 429 or 5xx, with exponential backoff (0.5 s, 1 s, 2 s, … capped at 10 s)',
			},
			{
				displayName: 'Timeout (Ms)',
				name: 'timeoutMs',
				type: 'number',
				typeOptions: { minValue: 100 },
				default: 10000,
				description: 'How long one request may take',
			},
		],
	},
];
