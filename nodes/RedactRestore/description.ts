import type { INodeProperties } from 'n8n-workflow';
import { description as redactDescription } from './actions/redact.operation';
import { description as restoreDescription } from './actions/restore.operation';

export const redactRestoreProperties: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Redact',
				value: 'redact',
				description: 'Find PII and secrets in the item, then replace, route or block them',
				action: 'Redact sensitive data',
			},
			{
				name: 'Restore',
				value: 'restore',
				description: "Put the original values back into a model's answer, from the encrypted map",
				action: 'Restore redacted values',
			},
		],
		default: 'redact',
	},
	...redactDescription,
	...restoreDescription,
];
