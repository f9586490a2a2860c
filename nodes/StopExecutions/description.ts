import type { INodeProperties } from 'n8n-workflow';

export const stopExecutionsProperties: INodeProperties[] = [
	{
		displayName:
			'Stops executions that already run, wait or are queued, through the n8n public API (never this execution). To halt new runs as well, flip the Kill Switch flag first.',
		name: 'notice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Workflows',
		name: 'scope',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Chosen Workflows', value: 'chosen', description: 'The workflow IDs listed below' },
			{ name: 'All Workflows', value: 'all', description: 'Every workflow the API key may run' },
		],
		default: 'chosen',
	},
	{
		displayName: 'Workflow IDs',
		name: 'workflowIds',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 2tUt1wbLX592XDdX, 8FqnVqYBbNV0zMpE',
		description: 'Comma-separated IDs, as in the workflow URL (…/workflow/ID)',
		displayOptions: { show: { scope: ['chosen'] } },
	},
	{
		displayName: 'Statuses',
		name: 'statuses',
		type: 'multiOptions',
		options: [
			{ name: 'Queued', value: 'queued', description: 'Accepted but not started (n8n lists them as "new")' },
			{ name: 'Running', value: 'running' },
			{ name: 'Waiting', value: 'waiting', description: 'Paused at a Wait node or an Approval Gate' },
		],
		default: ['queued', 'running', 'waiting'],
	},
	{
		displayName: 'Reason',
		name: 'reason',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. INC-4711: model provider leaking data',
		description: 'Why the executions are stopped; kept in the output and the audit event',
	},
	{
		displayName: 'Dry Run',
		name: 'dryRun',
		type: 'boolean',
		default: false,
		description: 'Whether to only count what would be stopped, without stopping anything',
	},
];
