/** Approvals: a human decision before money moves or customer records change. */
import { moneyOrCustomerChange } from '../effects';
import { isGovernance, isSendAndWait } from '../kinds';
import type { WorkflowNode } from '../workflow';
import { BASE, flow, gov, http, n, webhook } from './fixture-kit';
import type { RawFinding, Rule, RuleContext } from './rule';

const isGate = (node: WorkflowNode) => isGovernance(node, 'approvalGate');
const isAnyApproval = (node: WorkflowNode) => isGate(node) || isSendAndWait(node);

/** Steps that need approval, each with whether a path reaches it with no approval at all, or only n8n's. */
function unapproved(ctx: RuleContext, weakOnly: boolean): RawFinding[] {
	if (ctx.entryGuards.has('approvalGate')) return [];
	const noApproval = ctx.entryGuards.has('sendAndWait') ? new Set<string>() : ctx.open('any-approval', isAnyApproval);
	const noGate = ctx.open('approval-gate', isGate);
	return ctx.graph.nodes.flatMap((node) => {
		const why = moneyOrCustomerChange(ctx.graph, node, ctx.policy);
		if (!why) return [];
		if (!weakOnly && noApproval.has(node.name)) return [{ node: node.name, message: `This step ${why} and a trigger reaches it with no Approval Gate on the way.` }];
		if (weakOnly && !noApproval.has(node.name) && noGate.has(node.name)) {
			return [{ node: node.name, message: `This step ${why}; the only approval before it is n8n's send-and-wait, which anyone holding the link can answer.` }];
		}
		return [];
	});
}

const stripe = (name = 'Refund') => n(name, `${BASE}stripe`, { resource: 'charge', operation: 'create' });

export const approvalRules: Rule[] = [
	{
		id: 'GOV-APR-001',
		section: 'Approvals',
		severity: 'error',
		title: 'Money movement or customer-record change without approval',
		why: 'The checklist requires a human approval before money moves or customer records change.',
		fix: 'Put an Approval Gate (this pack) on every path before the step; route its approved output to the step.',
		check: (ctx) => unapproved(ctx, false),
		fixtures: {
			triggers: [
				{ title: 'stripe after a webhook', workflow: flow('Pay', [webhook(), stripe()], [['Webhook', 'Refund']]) },
				{ title: 'CRM delete', workflow: flow('CRM', [webhook(), n('Delete contact', `${BASE}hubspot`, { resource: 'contact', operation: 'delete' })], [['Webhook', 'Delete contact']]) },
				{ title: 'POST to an unlisted host', workflow: flow('Post', [webhook(), http('Post', 'https://erp.example.com/orders', { method: 'POST' })], [['Webhook', 'Post']]) },
				{ title: 'refund on the rejected output', workflow: flow('Rejected', [webhook(), gov('approvalGate', 'Gate'), stripe()], [['Webhook', 'Gate'], ['Gate', 'Refund', 0]]) },
				{ title: 'second path around the gate', workflow: flow('Around', [webhook(), gov('approvalGate', 'Gate'), n('If', `${BASE}if`), stripe()], [['Webhook', 'Gate'], ['Gate', 'Refund', 1], ['Webhook', 'If'], ['If', 'Refund']]) },
			],
			passes: [
				{ title: 'behind a gate', workflow: flow('Gated', [webhook(), gov('approvalGate', 'Gate'), stripe()], [['Webhook', 'Gate'], ['Gate', 'Refund', 1]]) },
				{ title: 'POST to a safe host', policy: { safeHosts: ['tickets.example.com'] }, workflow: flow('Safe', [webhook(), http('Ticket', 'https://tickets.example.com/new', { method: 'POST' })], [['Webhook', 'Ticket']]) },
				{ title: 'model API and Slack notification', workflow: flow('Notify', [webhook(), http('Model', 'https://api.openai.com/v1/responses', { method: 'POST' }), http('Slack', 'https://hooks.slack.com/services/T0/B0/x', { method: 'POST' })], [['Webhook', 'Model'], ['Model', 'Slack']]) },
				{ title: 'CRM read', workflow: flow('Read', [webhook(), n('Get', `${BASE}hubspot`, { operation: 'get' })], [['Webhook', 'Get']]) },
			],
		},
	},
	{
		id: 'GOV-APR-002',
		section: 'Approvals',
		severity: 'warning',
		title: 'Approval only through n8n send-and-wait (anyone with the link)',
		why: 'The checklist asks for an approval by a named person; n8n\'s send-and-wait link approves for whoever holds or forwards it.',
		fix: 'Use the Approval Gate (this pack): named approvers, signed links, optional TOTP and quorum, and an audit trail.',
		check: (ctx) => unapproved(ctx, true),
		fixtures: {
			triggers: [{ title: 'slack send-and-wait', workflow: flow('Weak', [webhook(), n('Ask', `${BASE}slack`, { operation: 'sendAndWait' }), stripe()], [['Webhook', 'Ask'], ['Ask', 'Refund']]) }],
			passes: [{ title: 'gate', workflow: flow('Gated', [webhook(), gov('approvalGate', 'Gate'), stripe()], [['Webhook', 'Gate'], ['Gate', 'Refund', 1]]) }],
		},
	},
];
