import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { governanceProfileTest } from '../shared/governance-profile';
import { APPROVAL_WEBHOOKS, approvalGateProperties } from './description';
import { executeApprovalGate } from './execute';
import { governanceApproversTest } from './credential-test';
import { webhookSigningSecretTest } from '../shared/webhook-signing-secret';
import { approvalWebhook } from './webhook';

export class ApprovalGate implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Approval Gate',
		name: 'approvalGate',
		icon: { light: 'file:approvalGate.svg', dark: 'file:approvalGate.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ "notify via " + $parameter["channel"] }}',
		description: 'Wait for an authenticated human decision; never approved by a timeout',
		defaults: { name: 'Approval Gate' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		outputNames: ['Rejected / Timed Out', 'Approved'],
		credentials: [
			{ name: 'governanceProfileApi', required: true, testedBy: 'governanceProfileTest' },
			{ name: 'governanceApproversApi', required: true, testedBy: 'governanceApproversTest' },
			{ name: 'governanceWebhookSigningSecretApi', required: true, testedBy: 'webhookSigningSecretTest', displayOptions: { show: { signNotifications: [true] } } },
		],
		webhooks: APPROVAL_WEBHOOKS,
		properties: approvalGateProperties,
	};

	methods = { credentialTest: { governanceProfileTest, governanceApproversTest, webhookSigningSecretTest } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeApprovalGate.call(this);
	}

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await approvalWebhook.call(this);
	}
}
