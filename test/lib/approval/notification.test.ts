import { buildGenericPayload, buildN8nWorkflowPayload, buildSlackMessage, buildTeamsMessage } from '../../../lib/approval/notification';
import { ALICE, BOB, makeRequest } from './fixtures';

const request = makeRequest({ title: 'Pay <@U123> & co', summary: 'See <https://evil.example|here>' });
const links = [
	{ approver: ALICE, url: 'https://n8n.example.com/webhook-waiting/1/n?signature=s&approval_token=a.b' },
	{ approver: BOB, url: 'https://n8n.example.com/webhook-waiting/1/n?signature=s&approval_token=c.d' },
];

describe('notifications', () => {
	test('when building Slack then text + blocks hold one link per approver and user text is escaped', () => {
		const message = buildSlackMessage({ request, links, workflowName: 'Refunds' });
		expect(message.text).toBe('Approval needed: Pay &lt;@U123&gt; &amp; co');
		expect(message.unfurl_links).toBe(false);
		const json = JSON.stringify(message.blocks);
		expect(json).toContain(`<${links[0].url}|Review as ${ALICE}>`);
		expect(json).toContain(`<${links[1].url}|Review as ${BOB}>`);
		expect(json).not.toContain('<https://evil.example|here>');
		expect(json).toContain('Refunds');
	});

	test('when building Teams then it is an Adaptive Card message with an OpenUrl action per approver', () => {
		const message = buildTeamsMessage({ request, links }) as { type: string; attachments: Array<{ contentType: string; content: { type: string; actions: unknown[] } }> };
		expect(message.type).toBe('message');
		expect(message.attachments[0].contentType).toBe('application/vnd.microsoft.card.adaptive');
		expect(message.attachments[0].content.type).toBe('AdaptiveCard');
		expect(message.attachments[0].content.actions).toEqual([
			{ type: 'Action.OpenUrl', title: `Review as ${ALICE}`, url: links[0].url },
			{ type: 'Action.OpenUrl', title: `Review as ${BOB}`, url: links[1].url },
		]);
	});

	test('when building the generic payload then it carries the request and links; n8n workflow payload is identical', () => {
		const payload = buildGenericPayload({ request, links });
		expect(payload).toMatchObject({
			type: 'approval.requested',
			requestId: 'req-1',
			title: request.title,
			approvers: request.approvers,
			expiresAt: new Date(request.expiresAt).toISOString().replace('.000Z', 'Z'),
			links,
		});
		expect(buildN8nWorkflowPayload({ request, links })).toEqual(payload);
	});

	test('when there are many approvers then Slack link sections stay within 10 lines each', () => {
		const many = Array.from({ length: 25 }, (_, i) => ({ approver: `a${i}@example.com`, url: `https://x/${i}` }));
		const blocks = buildSlackMessage({ request, links: many }).blocks as Array<{ text?: { text: string } }>;
		const linkSections = blocks.filter((b) => b.text?.text.includes('Review as'));
		expect(linkSections).toHaveLength(3);
	});
});
