/** Environments and ownership: environments that cannot cross; a named owner and scope. */
import { sideEffect } from '../effects';
import { isGovernance } from '../kinds';
import { BASE, flow, gov, http, n, profile, webhook } from './fixture-kit';
import type { Rule } from './rule';

/** The Governance Profile credentials a workflow uses (its owner, scope and data class live there). */
export const governanceProfiles = (nodes: { credentials?: Record<string, { id?: string | null; name?: string }> }[]) =>
	nodes.flatMap((node) => (node.credentials?.governanceProfileApi ? [node.credentials.governanceProfileApi] : []));

const post = http('Create ticket', 'https://erp.example.com/tickets', { method: 'POST' });

export const environmentRules: Rule[] = [
	{
		id: 'GOV-ENV-001',
		section: 'Environments and ownership',
		severity: 'warning',
		errorInProduction: true,
		title: 'Side effect with no Environment Assertion before it',
		why: 'The checklist requires environments that cannot cross: a copy of a production workflow in staging must not send, write or pay for real.',
		fix: 'Put an Environment Assertion (this pack) after the trigger, allowing only the environments this workflow may act in.',
		check: (ctx) => {
			if (ctx.entryGuards.has('environmentAssertion')) return [];
			const open = ctx.open('environment', (node) => isGovernance(node, 'environmentAssertion'));
			return ctx.graph.nodes.flatMap((node) => {
				const why = open.has(node.name) ? sideEffect(ctx.graph, node, ctx.policy) : undefined;
				return why ? [{ node: node.name, message: `This step ${why} and no Environment Assertion runs before it.` }] : [];
			});
		},
		fixtures: {
			triggers: [{ title: 'POST without assertion', workflow: flow('Post', [webhook(), post], [['Webhook', 'Create ticket']]) }],
			passes: [
				{ title: 'asserted first', workflow: flow('Asserted', [webhook(), gov('environmentAssertion', 'Assert', {}, { credentials: profile }), post], [['Webhook', 'Assert'], ['Assert', 'Create ticket']]) },
				{ title: 'no side effect', workflow: flow('Pure', [webhook(), n('Set', `${BASE}set`)], [['Webhook', 'Set']]) },
			],
		},
	},
	{
		id: 'GOV-OWN-001',
		section: 'Environments and ownership',
		severity: 'warning',
		errorInProduction: true,
		title: 'No Governance Profile: the workflow has no named owner',
		why: 'The checklist asks for a named owner and scope for every workflow; without one nobody answers for it and offboarding cannot find a contact.',
		fix: 'Attach a Governance Profile credential (owner, deputy, data classification) to the Environment Assertion or Audit Emitter (this pack).',
		check: ({ graph }) => (governanceProfiles(graph.nodes).length > 0 ? [] : [{ message: 'No node uses a Governance Profile credential, so the workflow names no owner or data classification.' }]),
		fixtures: {
			triggers: [{ title: 'no profile', workflow: flow('Orphan', [webhook(), n('Set', `${BASE}set`)], [['Webhook', 'Set']]) }],
			passes: [{ title: 'profile on the assertion', workflow: flow('Owned', [webhook(), gov('environmentAssertion', 'Assert', {}, { credentials: profile })], [['Webhook', 'Assert']]) }],
		},
	},
];
