/** Access: authenticated, non-guessable webhooks. */
import { INBOUND_TRIGGERS, isGovernance } from '../kinds';
import type { Policy } from '../policy';
import { BASE, LC, flow, gov, n, webhook } from './fixture-kit';
import type { Rule } from './rule';

/** A path segment that carries enough randomness: long enough, with letters and digits. */
const randomSegment = (segment: string, min: number) => segment.length >= min && /[a-z]/i.test(segment) && /\d/.test(segment);

function guessablePath(path: unknown, policy: Policy): string | undefined {
	if (typeof path !== 'string' || path === '' || path.startsWith('=')) return undefined; // n8n then uses the node's random webhook id
	const segments = path.split('/').filter(Boolean);
	return segments.some((s) => randomSegment(s, policy.webhookPathMinRandomChars)) ? undefined : path;
}

export const accessRules: Rule[] = [
	{
		id: 'GOV-ACC-001',
		section: 'Access',
		severity: 'error',
		title: 'Webhook, Form or Chat trigger open to anyone',
		why: 'The checklist requires authenticated webhooks: without authentication or a signature check anyone who learns the URL can start the workflow.',
		fix: 'Set the trigger\'s Authentication, or put Verify Webhook Signature (this pack) directly after it.',
		check: ({ graph }) =>
			graph.nodes.flatMap((node) => {
				const authenticated = INBOUND_TRIGGERS[node.type];
				if (!authenticated || node.disabled === true || authenticated(node.parameters)) return [];
				const after = graph.next.get(node.name) ?? [];
				const verified = after.length > 0 && after.every((s) => isGovernance(graph.byName.get(s)!, 'verifyWebhookSignature'));
				return verified ? [] : [{ node: node.name, message: `${node.name} (${node.type.split('.').pop()}) accepts requests without authentication and no Verify Webhook Signature follows it.` }];
			}),
		fixtures: {
			triggers: [
				{ title: 'open webhook', workflow: flow('Open', [webhook('Webhook', { authentication: 'none' }), n('Do', `${BASE}noOp`)], [['Webhook', 'Do']]) },
				{ title: 'public chat', workflow: flow('Chat', [n('Chat', `${LC}chatTrigger`, { public: true })]) },
				{ title: 'verification disabled', workflow: flow('Off', [webhook('Webhook', { authentication: undefined }), gov('verifyWebhookSignature', 'Verify', {}, { disabled: true })], [['Webhook', 'Verify']]) },
			],
			passes: [
				{ title: 'header auth', workflow: flow('Auth', [webhook()]) },
				{ title: 'signature verified', workflow: flow('Signed', [webhook('Webhook', { authentication: 'none' }), gov('verifyWebhookSignature', 'Verify')], [['Webhook', 'Verify']]) },
				{ title: 'chat only in the editor', workflow: flow('Chat', [n('Chat', `${LC}chatTrigger`, { public: false })]) },
			],
		},
	},
	{
		id: 'GOV-ACC-002',
		section: 'Access',
		severity: 'warning',
		title: 'Guessable webhook path',
		why: 'The checklist asks for non-guessable webhooks: a short or dictionary path is found by scanners even before anyone leaks it.',
		fix: 'Leave the path empty (n8n uses a random id) or use a random segment of 16+ letters and digits; add Verify Webhook Signature (this pack) as well.',
		check: ({ graph, policy }) =>
			graph.nodes.flatMap((node) => {
				if (!INBOUND_TRIGGERS[node.type] || node.disabled === true) return [];
				const path = guessablePath(node.parameters.path, policy);
				return path === undefined ? [] : [{ node: node.name, path: 'parameters.path', message: `The path "${path}" has no random segment of ${policy.webhookPathMinRandomChars}+ letters and digits.` }];
			}),
		fixtures: {
			triggers: [
				{ title: 'short path', workflow: flow('Short', [webhook('Webhook', { path: 'orders' })]) },
				{ title: 'dictionary path', workflow: flow('Words', [webhook('Webhook', { path: 'templates/refund/request' })]) },
			],
			passes: [
				{ title: 'random path', workflow: flow('Random', [webhook()]) },
				{ title: 'uuid path', workflow: flow('Uuid', [webhook('Webhook', { path: 'hooks/3f2b8c1e-9d4a-4e7b-8c2d-1a2b3c4d5e6f' })]) },
			],
		},
	},
];
