import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { GovernanceError, GovernanceErrorCode } from '../../lib/errors/governance-error';
import type { SignaturePresetId } from '../../lib/webhook-signature/presets';
import { SIGNATURE_PRESETS, isSignaturePresetId } from '../../lib/webhook-signature/presets';
import { DEFAULT_TOLERANCE_SECONDS, verifyIncomingWebhook } from '../../lib/webhook-signature/verify';
import { errorItem, toNodeError } from '../shared/errors';
import { WEBHOOK_SIGNING_SECRET_CREDENTIAL } from '../shared/webhook-signing-secret';
import { RAW_BODY_HOW_TO } from './description';

/** Checks each item's request signature. Verified items pass with `signatureCheck: { valid: true, preset }`; anything undecidable stops the run. */
export async function executeVerifyWebhookSignature(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const route = this.getNodeParameter('onInvalid', 0) === 'route';
	const verified: INodeExecutionData[] = [];
	const invalid: INodeExecutionData[] = [];
	const failed: INodeExecutionData[] = [];

	let secrets: string[] = [];
	let credentialError: unknown;
	try {
		const credential = await this.getCredentials(WEBHOOK_SIGNING_SECRET_CREDENTIAL);
		secrets = [String(credential.secret ?? ''), String(credential.previousSecret ?? '')];
	} catch (error) {
		credentialError = error;
	}

	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const item = items[itemIndex];
		try {
			if (credentialError !== undefined) throw credentialError;
			const presetId = this.getNodeParameter('preset', itemIndex) as SignaturePresetId;
			const label = isSignaturePresetId(presetId) ? SIGNATURE_PRESETS[presetId].label : String(presetId);
			const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
			const binaryField = String(options.binaryPropertyName ?? 'data').trim() || 'data';
			const headers = item.json.headers;
			if (headers === null || typeof headers !== 'object' || Array.isArray(headers)) {
				throw new GovernanceError(
					GovernanceErrorCode.InvalidInput,
					`${label} signature cannot be checked: the item has no request headers (item.json.headers)`,
					{ hint: 'Place this node directly after a Webhook node, so each item is the incoming request' },
				);
			}
			if (!item.binary?.[binaryField]) {
				throw new GovernanceError(
					GovernanceErrorCode.InvalidConfiguration,
					`${label} signature cannot be checked: the raw request body is missing (no binary field "${binaryField}")`,
					{ hint: `The signature covers the exact bytes sent, and the parsed JSON cannot reproduce them. ${RAW_BODY_HOW_TO}` },
				);
			}
			const rawBody = await this.helpers.getBinaryDataBuffer(itemIndex, binaryField);
			const result = verifyIncomingWebhook({
				preset: presetId,
				secrets,
				headers: headers as Record<string, unknown>,
				rawBody,
				now: Date.now(),
				toleranceSeconds: this.getNodeParameter('toleranceSeconds', itemIndex, DEFAULT_TOLERANCE_SECONDS) as number,
				signatureHeader: this.getNodeParameter('signatureHeader', itemIndex, '') as string,
			});
			if (result.valid) {
				// The stamp lets an Audit Emitter downstream record the caller as vouched for by this signature.
				const signatureCheck: IDataObject = { valid: true, preset: presetId };
				verified.push({ ...item, json: { ...item.json, signatureCheck }, pairedItem: { item: itemIndex } });
				continue;
			}
			if (!route) {
				throw new NodeOperationError(this.getNode(), result.message, { itemIndex, description: result.hint });
			}
			const signatureCheck: IDataObject = { valid: false, preset: result.preset, reason: result.reason, message: result.message };
			invalid.push({ ...item, json: { ...item.json, signatureCheck }, pairedItem: { item: itemIndex } });
		} catch (error) {
			const nodeError = toNodeError(this.getNode(), error, itemIndex);
			if (!this.continueOnFail()) throw nodeError;
			// Error items carry none of the unverified request.
			failed.push(errorItem(nodeError, itemIndex));
		}
	}
	return route ? [verified, [...invalid, ...failed]] : [[...verified, ...failed]];
}
