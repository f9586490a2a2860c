/** Governance nodes that do not govern: disabled, or errors let through to the governed step. */
import { governanceKind } from '../kinds';
import { BASE, flow, gov, n, webhook } from './fixture-kit';
import type { Rule } from './rule';

const stop = (extra: Record<string, unknown>) => flow('Gate', [webhook(), gov('approvalGate', 'Gate', {}, extra), n('Pay', `${BASE}stripe`)], [['Webhook', 'Gate'], ['Gate', 'Pay', 1]]);

export const governanceRules: Rule[] = [
	{
		id: 'GOV-GOV-001',
		section: 'Governance nodes',
		severity: 'error',
		title: 'Governance node is disabled',
		why: 'A disabled governance node passes every item through, so the control the checklist relies on is not there.',
		fix: 'Enable the governance node (Approval Gate, Redact, Kill Switch … of this pack), or remove it and fix the finding its absence raises.',
		check: ({ graph }) => graph.nodes.filter((node) => governanceKind(node) && node.disabled === true).map((node) => ({ node: node.name, message: `${node.name} is disabled: it does not govern anything.` })),
		fixtures: { triggers: [{ title: 'disabled gate', workflow: stop({ disabled: true }) }], passes: [{ title: 'enabled gate', workflow: stop({}) }] },
	},
	{
		id: 'GOV-GOV-002',
		section: 'Governance nodes',
		severity: 'error',
		title: 'Governance node set to On Error → Continue (regular output)',
		why: 'With Continue (regular output) an item the governance node refused still reaches the governed step, so the checklist control fails open.',
		fix: 'On the governance node (Approval Gate, Redact, Kill Switch … of this pack) set Settings → On Error to Stop Workflow, or to Continue (using error output) and route that output away from the governed step.',
		check: ({ graph }) =>
			graph.nodes
				.filter((node) => governanceKind(node) && node.disabled !== true && node.onError === 'continueRegularOutput')
				.map((node) => ({ node: node.name, message: `${node.name} continues on error through its regular output: refused items reach the next step.` })),
		fixtures: {
			triggers: [
				{ title: 'continue regular output', workflow: stop({ onError: 'continueRegularOutput' }) },
				{ title: 'older continueOnFail', workflow: stop({ continueOnFail: true }) },
			],
			passes: [{ title: 'error output', workflow: stop({ onError: 'continueErrorOutput' }) }],
		},
	},
];
