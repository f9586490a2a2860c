import type { ApprovalRequest } from './approval-request';
import { ANYONE_APPROVER } from './link';

/** One approver's personal link (approver {@link ANYONE_APPROVER} for a shared link). */
export interface ApproverLink {
	approver: string;
	url: string;
}

/** Common input of the notification builders. */
export interface NotificationInput {
	request: ApprovalRequest;
	links: readonly ApproverLink[];
	/** Optional context line, e.g. the workflow name. */
	workflowName?: string;
}

function isoTime(ms: number): string {
	return new Date(ms).toISOString().replace('.000Z', 'Z');
}

function approverLabel(approver: string): string {
	return approver === ANYONE_APPROVER ? 'anyone with this link' : approver;
}

/** Slack mrkdwn escaping (&, <, >) so user text cannot inject links or mentions. */
export function escapeSlack(text: string): string {
	return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function slackLink(url: string, label: string): string {
	// `|` and `>` end a Slack link; they never occur in our URLs, but encode defensively.
	const safeUrl = url.replace(/\|/g, '%7C').replace(/>/g, '%3E').replace(/</g, '%3C');
	return `<${safeUrl}|${escapeSlack(label).replace(/\|/g, '¦')}>`;
}

function truncate(text: string, max: number): string {
	return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Slack incoming-webhook payload `{ text, blocks }` with one link per approver; unfurling disabled. */
export function buildSlackMessage(input: NotificationInput): Record<string, unknown> {
	const { request } = input;
	const text = `Approval needed: ${request.title}`;
	const blocks: Array<Record<string, unknown>> = [
		{ type: 'header', text: { type: 'plain_text', text: truncate(text, 150), emoji: false } },
	];
	if (request.riskNote) {
		blocks.push({ type: 'section', text: { type: 'mrkdwn', text: truncate(`*Risk:* ${escapeSlack(request.riskNote)}`, 3000) } });
	}
	if (request.summary) {
		blocks.push({ type: 'section', text: { type: 'mrkdwn', text: truncate(escapeSlack(request.summary), 3000) } });
	}
	const facts = [
		...request.fields.map((f) => `*${escapeSlack(f.label)}:* ${escapeSlack(f.value)}`),
		`*Requested by:* ${escapeSlack(request.requestedBy || 'not stated')}`,
		`*Decide before:* ${isoTime(request.expiresAt)} (UTC)`,
	];
	blocks.push({ type: 'section', text: { type: 'mrkdwn', text: truncate(facts.join('\n'), 3000) } });
	const linkLines = input.links.map((l) => `• ${slackLink(l.url, `Review as ${approverLabel(l.approver)}`)}`);
	for (let i = 0; i < linkLines.length; i += 10) {
		blocks.push({ type: 'section', text: { type: 'mrkdwn', text: linkLines.slice(i, i + 10).join('\n') } });
	}
	const contextParts = [`Request ${escapeSlack(request.requestId)}`];
	if (input.workflowName) contextParts.unshift(escapeSlack(input.workflowName));
	contextParts.push('Each link is personal: do not use someone else’s.');
	blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: truncate(contextParts.join(' · '), 3000) }] });
	return { text: escapeSlack(text), blocks, unfurl_links: false, unfurl_media: false };
}

/** Microsoft Teams incoming-webhook message carrying an Adaptive Card (1.4) with one button per approver. */
export function buildTeamsMessage(input: NotificationInput): Record<string, unknown> {
	const { request } = input;
	const body: Array<Record<string, unknown>> = [
		{ type: 'TextBlock', text: `Approval needed: ${request.title}`, weight: 'Bolder', size: 'Medium', wrap: true },
	];
	if (input.workflowName) body.push({ type: 'TextBlock', text: input.workflowName, isSubtle: true, spacing: 'None', wrap: true });
	if (request.riskNote) body.push({ type: 'TextBlock', text: `Risk: ${request.riskNote}`, color: 'Warning', wrap: true });
	if (request.summary) body.push({ type: 'TextBlock', text: request.summary, wrap: true });
	body.push({
		type: 'FactSet',
		facts: [
			...request.fields.map((f) => ({ title: f.label, value: f.value })),
			{ title: 'Requested by', value: request.requestedBy || 'not stated' },
			{ title: 'Decide before', value: `${isoTime(request.expiresAt)} (UTC)` },
			{ title: 'Request ID', value: request.requestId },
		],
	});
	const actions = input.links.map((l) => ({ type: 'Action.OpenUrl', title: `Review as ${approverLabel(l.approver)}`, url: l.url }));
	return {
		type: 'message',
		attachments: [
			{
				contentType: 'application/vnd.microsoft.card.adaptive',
				contentUrl: null,
				content: {
					$schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
					type: 'AdaptiveCard',
					version: '1.4',
					body,
					actions,
				},
			},
		],
	};
}

/** Generic JSON webhook payload (also used to trigger another n8n workflow). */
export function buildGenericPayload(input: NotificationInput): Record<string, unknown> {
	const { request } = input;
	return {
		type: 'approval.requested',
		requestId: request.requestId,
		title: request.title,
		riskNote: request.riskNote,
		summary: request.summary,
		requestedBy: request.requestedBy,
		fields: request.fields.map((f) => ({ label: f.label, value: f.value })),
		approvers: [...request.approvers],
		allowAnyone: request.allowAnyone,
		requireTotp: request.requireTotp,
		createdAt: isoTime(request.createdAt),
		expiresAt: isoTime(request.expiresAt),
		...(input.workflowName ? { workflowName: input.workflowName } : {}),
		links: input.links.map((l) => ({ approver: l.approver, url: l.url })),
	};
}

/** Payload for the "another n8n workflow" channel: identical to {@link buildGenericPayload}. */
export function buildN8nWorkflowPayload(input: NotificationInput): Record<string, unknown> {
	return buildGenericPayload(input);
}

/** Channel → builder table. */
export const NOTIFICATION_BUILDERS = {
	slack: buildSlackMessage,
	teams: buildTeamsMessage,
	webhook: buildGenericPayload,
	n8nWorkflow: buildN8nWorkflowPayload,
} as const;
