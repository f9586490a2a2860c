import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { ANYONE_APPROVER, buildApprovalUrl, createApprovalToken } from '../../lib/approval/link';
import { gateRequest } from '../../lib/approval/gate';
import { NOTIFICATION_BUILDERS, notificationDelivery } from '../../lib/approval/notification';
import { checkSigningSecret } from '../../lib/webhook-signature/verify';
import { WEBHOOK_SIGNING_SECRET_CREDENTIAL } from '../shared/webhook-signing-secret';
import { errorItem, nodeError, toNodeError } from '../shared/errors';
import { GOVERNANCE_PROFILE_CREDENTIAL } from '../shared/governance-profile';
import { APPROVERS_CREDENTIAL, readGateConfig } from './settings';

/** `<base>/webhook-waiting/<executionId>?signature=…` → the same URL with `/<nodeId>` appended to the path. */
export function nodeResumeUrl(resumeUrl: string, nodeId: string): string {
	const url = new URL(resumeUrl);
	url.pathname = `${url.pathname.replace(/\/+$/, '')}/${encodeURIComponent(nodeId)}`;
	return url.toString();
}

/** Posts the request to the notification channel; a failure stops the run, since nobody got a link. */
async function deliver(
	this: IExecuteFunctions,
	channel: string,
	url: string,
	payload: Record<string, unknown>,
	timeout: number,
	signingSecret: string | undefined,
): Promise<void> {
	const { body, headers } = notificationDelivery(payload, signingSecret);
	try {
		// A Buffer goes out byte for byte, so a signature over it still matches on arrival.
		await this.helpers.httpRequest({ method: 'POST', url, headers, body, json: false, timeout });
	} catch (error) {
		// nodeError keeps the message exact: n8n rewrites messages that merely contain an errno name (ECONNREFUSED).
		throw nodeError(this.getNode(), `Could not deliver the approval request to the ${channel} channel: ${(error as Error).message}`, {
			description: 'Nobody received the approval links, so the run stopped instead of waiting. Check the Notification URL and that the receiving service is reachable from n8n.',
		});
	}
}

/** The Webhook Signing Secret when the node signs its notifications (generic and n8n-workflow channels only). */
async function notificationSecret(this: IExecuteFunctions, channel: string): Promise<string | undefined> {
	if (channel !== 'n8nWorkflow' && channel !== 'webhook') return undefined;
	if (this.getNodeParameter('signNotifications', 0, false) !== true) return undefined;
	const secret = (await this.getCredentials(WEBHOOK_SIGNING_SECRET_CREDENTIAL)).secret;
	const problems = checkSigningSecret(secret);
	if (problems.length > 0) {
		throw new NodeOperationError(this.getNode(), `The Webhook Signing Secret credential cannot sign notifications: ${problems.join('; ')}`, {
			description: 'Put a random secret of at least 16 characters into the credential (the same one the receiving Verify Webhook Signature uses), or turn off "Sign Notifications"',
		});
	}
	return secret as string;
}

/**
 * Creates one request for the run's items, sends every approver a personal signed link, and puts the
 * execution to wait until the request's expiry. Anything that fails stops here: nobody could approve.
 */
export async function executeApprovalGate(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const node = this.getNode();
	try {
		const config = readGateConfig(
			(name, fallback) => this.getNodeParameter(name, 0, fallback),
			{
				profile: await this.getCredentials(GOVERNANCE_PROFILE_CREDENTIAL),
				approvers: await this.getCredentials(APPROVERS_CREDENTIAL),
			},
			items,
		);
		const executionId = this.getExecutionId();
		const now = Date.now();
		const { request, warnings } = gateRequest(
			config.settings,
			{ secret: config.secret, executionId, nodeId: node.id },
			{ now, expiresAt: now + config.ttlMs },
		);
		if (request.requireTotp) {
			const missing = request.approvers.filter((a) => !config.roster.totpSecrets[a]);
			if (missing.length > 0 || request.allowAnyone) {
				throw new NodeOperationError(node, `An authenticator code is required, but ${request.allowAnyone ? 'anyone-with-the-link approvals cannot have one' : `${missing.join(', ')} ha${missing.length === 1 ? 's' : 've'} no TOTP secret`}`, {
					description: 'Add an "email=BASE32SECRET" line per approver to the Governance Approvers credential, or turn off "Require Authenticator Code"',
				});
			}
		}
		const base = nodeResumeUrl(String(this.evaluateExpression('{{ $execution.resumeUrl }}', 0)), node.id);
		const recipients = request.approvers.length > 0 ? request.approvers : [ANYONE_APPROVER];
		const links = recipients.map((approver) => ({
			approver,
			url: buildApprovalUrl(
				base,
				createApprovalToken({ secret: config.secret, executionId, nodeId: node.id, approver, expiresAt: request.expiresAt, requestId: request.requestId }),
			),
		}));
		const channel = this.getNodeParameter('channel', 0) as keyof typeof NOTIFICATION_BUILDERS;
		const url = this.getNodeParameter('notificationUrl', 0) as string;
		if (!Object.prototype.hasOwnProperty.call(NOTIFICATION_BUILDERS, channel)) {
			throw new NodeOperationError(node, `Unknown notification channel "${channel}"`, { description: 'Choose a channel under "Notify Via"' });
		}
		const payload = NOTIFICATION_BUILDERS[channel]({ request, links, workflowName: this.getWorkflow().name });
		await deliver.call(this, channel, url, payload, Number(config.options.notificationTimeout ?? 10000), await notificationSecret.call(this, channel));
		for (const message of warnings) this.addExecutionHints({ message, location: 'outputPane' });
		await this.putExecutionToWait(new Date(request.expiresAt));
		return [items];
	} catch (error) {
		const nodeError = toNodeError(node, error);
		if (!this.continueOnFail()) throw nodeError;
		// Never on "Approved": under continue-on-fail the error items leave on the first output.
		return [items.map((_, index) => errorItem(nodeError, index)), []];
	}
}
