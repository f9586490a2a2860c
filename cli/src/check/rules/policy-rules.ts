/** Findings about the inputs and the policy themselves: nothing unreadable or expired passes silently. */
import { BASE, flow, n, webhook } from './fixture-kit';
import type { Rule } from './rule';

const today = (now: Date) => now.toISOString().slice(0, 10);

export const matchesWorkflow = (ref: string, workflow: { name: string; id?: string }) => ref === workflow.name || ref === workflow.id;

export const policyRules: Rule[] = [
	{
		id: 'GOV-POL-001',
		section: 'Policy',
		severity: 'error',
		title: 'Suppression expired',
		why: 'A suppression is a dated exception to the checklist; once it expires the exception must be renewed with a reason or the finding fixed.',
		fix: 'Fix the finding it hid, or renew the suppression in n8n-governance.policy.json with a new reason and expiry date.',
		check: ({ workflow, policy, now }) =>
			policy.suppressions
				.filter((s) => matchesWorkflow(s.workflow, workflow) && s.expires < today(now))
				.map((s) => ({ node: s.node, message: `The suppression of ${s.rule} ("${s.reason}") expired on ${s.expires}; the finding it hid is reported again.` })),
		fixtures: {
			triggers: [{ title: 'expired', policy: { suppressions: [{ rule: 'GOV-LOG-001', workflow: 'Quiet', reason: 'alerting is done by the caller', expires: '2020-01-01' }] }, workflow: flow('Quiet', [webhook()]) }],
			passes: [{ title: 'valid', policy: { suppressions: [{ rule: 'GOV-LOG-001', workflow: 'Quiet', reason: 'alerting is done by the caller', expires: '2999-01-01' }] }, workflow: flow('Quiet', [webhook()]) }],
		},
	},
	{
		id: 'GOV-INP-001',
		section: 'Policy',
		severity: 'warning',
		title: 'Workflow could not be read completely',
		why: 'The checklist gate must not pass what it could not read: duplicate node names, nodes without a type or connections to missing nodes hide paths.',
		fix: 'Rename duplicate nodes and remove broken connections in the editor, then export again.',
		check: ({ workflow, graph }) => [
			...workflow.problems.map((message) => ({ message: `The workflow's shape is broken: ${message}.` })),
			...graph.danglingEdges.map((edge) => ({ message: `A connection names a node that does not exist: ${edge}.` })),
		],
		fixtures: {
			triggers: [
				{ title: 'duplicate names', workflow: flow('Dup', [webhook(), n('Set', `${BASE}set`), n('Set', `${BASE}set`)], [['Webhook', 'Set']]) },
				{ title: 'dangling edge', workflow: flow('Dangling', [webhook()], [['Webhook', 'Gone']]) },
			],
			passes: [{ title: 'clean', workflow: flow('Clean', [webhook(), n('Set', `${BASE}set`)], [['Webhook', 'Set']]) }],
		},
	},
];
