import type { IDataObject, INodeExecutionData, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import type { ApprovalRequest } from '../../lib/approval/approval-request';
import { signApprovalDecision } from '../../lib/approval/attestation';
import type { DecisionResult } from '../../lib/approval/decision';
import { evaluateDecision, linkToken } from '../../lib/approval/decision';
import { bindingRequestId, gateRequest, previousTotpSteps } from '../../lib/approval/gate';
import { verifyApprovalToken } from '../../lib/approval/link';
import type { PageResponse } from '../../lib/approval/page';
import { renderDecisionResponse, renderResultPage, approvalPageHeaders } from '../../lib/approval/page';
import { GOVERNANCE_PROFILE_CREDENTIAL } from '../shared/governance-profile';
import { APPROVERS_CREDENTIAL, readGateConfig } from './settings';

function send(context: IWebhookFunctions, page: PageResponse): void {
	const res = context.getResponseObject();
	res.status(page.status);
	for (const [name, value] of Object.entries(page.headers)) res.setHeader(name, value);
	res.send(page.body);
}

/** The waiting node's input items, as the run handed them to the gate. */
function inputItems(context: IWebhookFunctions): INodeExecutionData[] {
	const items = context.evaluateExpression('{{ $input.all() }}', 0);
	return Array.isArray(items) ? (items as unknown as INodeExecutionData[]) : [];
}

/**
 * One hit on the gate's resume URL. Pure decision logic lives in lib/approval; this maps n8n's request to it
 * and the result to a page plus, only for a valid decision, the items for the matching output.
 * Must never throw: a throw would resume the run with an empty item (see the README).
 */
export async function approvalWebhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	try {
		return await handle(this);
	} catch {
		send(this, {
			status: 500,
			headers: approvalPageHeaders(),
			body: renderResultPage({
				kind: 'refused',
				refusal: { reason: 'misconfigured', message: 'This approval step could not process your request. The run is still waiting; contact the workflow owner.' },
			}),
		});
		return { noWebhookResponse: true };
	}
}

async function handle(context: IWebhookFunctions): Promise<IWebhookResponseData> {
	const req = context.getRequestObject();
	const method = req.method.toUpperCase();
	const query = context.getQueryData() as IDataObject;
	const body = method === 'POST' ? context.getBodyData() : {};
	const items = inputItems(context);
	const node = context.getNode();
	const executionId = context.getExecutionId();
	const config = readGateConfig(
		(name, fallback) => context.getNodeParameter(name, fallback),
		{
			profile: await context.getCredentials(GOVERNANCE_PROFILE_CREDENTIAL),
			approvers: await context.getCredentials(APPROVERS_CREDENTIAL),
		},
		items,
	);
	const now = Date.now();
	const ids = { secret: config.secret, executionId, nodeId: node.id };
	// The link's signed expiry is the request's expiry; an unverifiable link leaves it at 1 and is refused below.
	// linkToken is the reading evaluateDecision verifies too, so both judge the same link (any body type).
	const verified = verifyApprovalToken(linkToken({ method, query, body }), {
		...ids,
		now: 0,
		requestId: bindingRequestId(config.secret, executionId, node.id, config.settings),
	});
	const expiresAt = verified.ok ? verified.claims.expiresAt : 1;
	const request: ApprovalRequest = gateRequest(config.settings, ids, { now: Math.min(now, expiresAt - 1), expiresAt }).request;
	const result: DecisionResult = evaluateDecision({
		method,
		query,
		body,
		headers: context.getHeaderData(),
		request,
		...ids,
		now,
		usedTotpSteps: previousTotpSteps(items),
		totpSecrets: config.roster.totpSecrets,
		allowSelfApproval: config.options.allowSelfApproval === true,
		maxCommentLength: Number(config.options.maxCommentLength ?? 1000),
	});
	const page = renderDecisionResponse(result, { request, actionUrl: req.originalUrl ?? req.url, maxCommentLength: Number(config.options.maxCommentLength ?? 1000) });
	if (result.kind !== 'decided') {
		send(context, page);
		return { noWebhookResponse: true };
	}

	const approval: IDataObject = { ...result.decision, gateNodeId: node.id };
	if (result.usedTotpStep !== undefined) approval.totpStep = result.usedTotpStep;
	// Signed so an Audit Emitter records it as a decision only when this gate made it (see lib/approval/attestation).
	approval.signature = signApprovalDecision(config.secret, executionId, { ...result.decision, gateNodeId: node.id });
	const decided = items.map((item, index) => ({
		json: { ...item.json, approval },
		binary: item.binary,
		pairedItem: { item: index },
	}));
	// Not sent from here: several POSTs can pass this point at once, and n8n resumes the run for only one of
	// them. Handed back as `webhookResponse`, the page is sent by n8n after its resume took effect (a conditional
	// update of the waiting execution); every other request gets n8n's own error, which claims nothing.
	// n8n puts its sandbox CSP on that response; ours stays in the page's meta tag, the other headers here.
	const res = context.getResponseObject();
	for (const [name, value] of Object.entries(page.headers)) {
		if (name !== 'content-type') res.setHeader(name, value);
	}
	return {
		webhookResponse: page.body,
		workflowData: result.decision.decision === 'approved' ? [[], decided] : [decided, []],
	};
}
