import type { ApprovalRequest } from './approval-request';
import { ANYONE_APPROVER } from './link';
import { signWebhook } from '../webhook-signature/verify';

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

/** Slack escaping of its control characters (&, <, >), required in every Slack text object. */
export function escapeSlack(text: string): string {
	return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function slackLink(url: string, label: string): string {
	// `|` and `>` end a Slack link; they never occur in our URLs, but encode defensively.
	const safeUrl = url.replace(/\|/g, '%7C').replace(/>/g, '%3E').replace(/</g, '%3C');
	return `<${safeUrl}|${escapeSlack(label).replace(/\|/g, '¦')}>`;
}

/**
 * A Slack `plain_text` object: Slack never reads formatting, links or mentions in it, so text from the run
 * (title, risk note, summary, shown fields) is shown as written. Cut before an entity, never inside one.
 */
function slackPlain(text: string, max: number): Record<string, unknown> {
	let escaped = escapeSlack(text);
	if (escaped.length > max) {
		let cut = escaped.slice(0, max - 1);
		const amp = cut.lastIndexOf('&');
		if (amp > cut.lastIndexOf(';')) cut = cut.slice(0, amp);
		escaped = `${cut}…`;
	}
	return { type: 'plain_text', text: escaped, emoji: false };
}

/**
 * Slack incoming-webhook payload `{ text, blocks }` with one link per approver; unfurling disabled. Only the
 * link lines (our URLs and the approver list of the credential) use mrkdwn; everything else is plain text.
 */
export function buildSlackMessage(input: NotificationInput): Record<string, unknown> {
	const { request } = input;
	const text = `Approval needed: ${request.title}`;
	const blocks: Array<Record<string, unknown>> = [{ type: 'header', text: slackPlain(text, 150) }];
	if (request.riskNote) blocks.push({ type: 'section', text: slackPlain(`Risk: ${request.riskNote}`, 3000) });
	if (request.summary) blocks.push({ type: 'section', text: slackPlain(request.summary, 3000) });
	const facts = [
		...request.fields.map((f) => `${f.label}: ${f.value}`),
		`Requested by: ${request.requestedBy || 'not stated'}`,
		`Decide before: ${isoTime(request.expiresAt)} (UTC)`,
	];
	blocks.push({ type: 'section', text: slackPlain(facts.join('\n'), 3000) });
	const linkLines = input.links.map((l) => `• ${slackLink(l.url, `Review as ${approverLabel(l.approver)}`)}`);
	for (let i = 0; i < linkLines.length; i += 10) {
		blocks.push({ type: 'section', text: { type: 'mrkdwn', text: linkLines.slice(i, i + 10).join('\n'), verbatim: true } });
	}
	const contextParts = [`Request ${request.requestId}`];
	if (input.workflowName) contextParts.unshift(input.workflowName);
	contextParts.push('Each link is personal: do not use someone else’s.');
	blocks.push({ type: 'context', elements: [slackPlain(contextParts.join(' · '), 3000)] });
	// `mrkdwn: false`: the notification text (shown where blocks are not) is not formatted either.
	return { text: escapeSlack(text), mrkdwn: false, blocks, unfurl_links: false, unfurl_media: false };
}

/**
 * Adaptive Card text that Teams shows as written: a RichTextBlock of TextRuns, which no host reads as Markdown
 * (TextBlock and FactSet do, so `[Approve here](https://…)` in a field would become a link).
 */
function teamsText(runs: Array<string | Record<string, unknown>>, block: Record<string, unknown> = {}): Record<string, unknown> {
	return {
		type: 'RichTextBlock',
		inlines: runs.map((run) => (typeof run === 'string' ? { type: 'TextRun', text: run } : { type: 'TextRun', ...run })),
		...block,
	};
}

/** Microsoft Teams incoming-webhook message carrying an Adaptive Card (1.4) with one button per approver. */
export function buildTeamsMessage(input: NotificationInput): Record<string, unknown> {
	const { request } = input;
	const body: Array<Record<string, unknown>> = [
		teamsText([{ text: `Approval needed: ${request.title}`, weight: 'Bolder', size: 'Medium' }]),
	];
	if (input.workflowName) body.push(teamsText([{ text: input.workflowName, isSubtle: true }], { spacing: 'None' }));
	if (request.riskNote) body.push(teamsText([{ text: 'Risk: ', weight: 'Bolder', color: 'Warning' }, { text: request.riskNote, color: 'Warning' }]));
	if (request.summary) body.push(teamsText([request.summary]));
	const facts: Array<[string, string]> = [
		...request.fields.map((f): [string, string] => [f.label, f.value]),
		['Requested by', request.requestedBy || 'not stated'],
		['Decide before', `${isoTime(request.expiresAt)} (UTC)`],
		['Request ID', request.requestId],
	];
	body.push({
		type: 'Container',
		items: facts.map(([title, value]) => teamsText([{ text: `${title}: `, weight: 'Bolder' }, value], { spacing: 'Small' })),
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

/** A notification ready to send: the exact body bytes and the headers, signed when a secret is given. */
export interface NotificationDelivery {
	body: Buffer;
	headers: Record<string, string>;
}

/**
 * Serialises a payload once and, with a signing secret, adds `X-Signature: sha256=<hex HMAC-SHA256(secret, body)>`
 * over those exact bytes (the Generic preset of Verify Webhook Signature), so the receiving workflow can refuse
 * requests that did not come from this gate.
 */
export function notificationDelivery(payload: Record<string, unknown>, signingSecret?: string): NotificationDelivery {
	const body = Buffer.from(JSON.stringify(payload), 'utf8');
	const headers: Record<string, string> = { 'Content-Type': 'application/json' };
	return { body, headers: signingSecret === undefined ? headers : { ...headers, ...signWebhook('generic', signingSecret, body) } };
}
