import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { webhookSigningSecretTest } from '../shared/webhook-signing-secret';
import { verifyWebhookSignatureProperties } from './description';
import { executeVerifyWebhookSignature } from './execute';

export class VerifyWebhookSignature implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Verify Webhook Signature',
		name: 'verifyWebhookSignature',
		icon: { light: 'file:verifyWebhookSignature.svg', dark: 'file:verifyWebhookSignature.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ "preset: " + $parameter["preset"] }}',
		description: "Stop a webhook run unless the request carries a valid HMAC signature from its sender",
		defaults: { name: 'Verify Webhook Signature' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: `={{ $parameter["onInvalid"] === "route" ? [{ "type": "${NodeConnectionTypes.Main}", "displayName": "Verified" }, { "type": "${NodeConnectionTypes.Main}", "displayName": "Invalid" }] : [{ "type": "${NodeConnectionTypes.Main}" }] }}`,
		credentials: [
			{ name: 'governanceWebhookSigningSecretApi', required: true, testedBy: 'webhookSigningSecretTest' },
		],
		properties: verifyWebhookSignatureProperties,
	};

	methods = { credentialTest: { webhookSigningSecretTest } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return executeVerifyWebhookSignature.call(this);
	}
}
