import { buildGenericPayload, buildN8nWorkflowPayload, buildSlackMessage, buildTeamsMessage, notificationDelivery } from '../../../lib/approval/notification';
import { verifyIncomingWebhook } from '../../../lib/webhook-signature/verify';
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

	describe('markup from the run is shown as written, never rendered', () => {
		const injected = '[Click here to approve](https://evil.example/a) **urgent** _ok_ ~x~ `c` *bold*';
		const hostile = makeRequest({
			title: injected,
			riskNote: injected,
			summary: injected,
			fields: [{ label: `Note ${injected}`, value: injected }],
		});
		const input = { request: hostile, links, workflowName: injected };

		/** Every object in a payload, depth first. */
		function nodes(value: unknown): Array<Record<string, unknown>> {
			if (value === null || typeof value !== 'object') return [];
			const children = Object.values(value as Record<string, unknown>).flatMap(nodes);
			return Array.isArray(value) ? children : [value as Record<string, unknown>, ...children];
		}
		const carriesInjected = (node: Record<string, unknown>) =>
			Object.values(node).some((v) => typeof v === 'string' && v.includes('evil.example'));

		test('when building Teams then run text sits only in TextRuns (not TextBlock or FactSet, which render Markdown)', () => {
			const all = nodes(buildTeamsMessage(input));
			const holders = all.filter(carriesInjected);
			// title, workflow name, risk note, summary, the field's label and its value
			expect(holders.length).toBeGreaterThanOrEqual(6);
			for (const holder of holders) expect(holder.type).toBe('TextRun');
			expect(all.some((n) => n.type === 'TextBlock' || n.type === 'FactSet')).toBe(false);
			const shown = holders.map((h) => h.text).join('\n');
			expect(shown).toContain(injected);
		});

		test('when building Slack then run text sits only in plain_text objects, never in mrkdwn', () => {
			const message = buildSlackMessage(input);
			const all = nodes(message.blocks);
			const holders = all.filter(carriesInjected);
			expect(holders.length).toBeGreaterThanOrEqual(5);
			for (const holder of holders) expect(holder.type).toBe('plain_text');
			for (const mrkdwn of all.filter((n) => n.type === 'mrkdwn')) expect(String(mrkdwn.text)).not.toMatch(/evil|\*\*|~x~/);
			expect(message.mrkdwn).toBe(false);
		});

		test('when Slack plain text is cut to its limit then no HTML entity is cut in half', () => {
			const long = makeRequest({ summary: `${'a'.repeat(2990)}<<<<<<<<<<<<` });
			const section = (buildSlackMessage({ request: long, links }).blocks as Array<{ text?: { text: string } }>)[2];
			expect(section.text?.text).toMatch(/a(&lt;)*…$/);
			expect(section.text?.text.length).toBeLessThanOrEqual(3000);
		});

		test('when building the generic JSON payload then the text is data and stays exactly as given', () => {
			const payload = buildGenericPayload(input);
			expect(payload).toMatchObject({ title: injected, riskNote: injected, summary: injected, workflowName: injected });
			expect(payload.fields).toEqual([{ label: `Note ${injected}`, value: injected }]);
		});
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

	test('when a notification is signed then Verify Webhook Signature (Generic) accepts its exact bytes and refuses an altered body or another secret', () => {
		const secret = 'a3F9-notification-secret-7Qx2';
		const { body, headers } = notificationDelivery(buildGenericPayload({ request, links }), secret);
		expect(JSON.parse(body.toString('utf8'))).toEqual(buildGenericPayload({ request, links }));
		expect(headers['Content-Type']).toBe('application/json');
		const verify = (raw: Buffer, secrets: string[]) => verifyIncomingWebhook({ preset: 'generic', secrets, rawBody: raw, headers, now: Date.now() });
		expect(verify(body, [secret])).toMatchObject({ valid: true });
		expect(verify(Buffer.from(body.toString('utf8').replace('req-1', 'req-2')), [secret])).toMatchObject({ valid: false, reason: 'signature-mismatch' });
		expect(verify(body, ['another-secret-of-enough-length'])).toMatchObject({ valid: false, reason: 'signature-mismatch' });
	});

	test('when a notification is not signed then it carries no signature header', () => {
		expect(Object.keys(notificationDelivery(buildGenericPayload({ request, links })).headers)).toEqual(['Content-Type']);
	});
});
