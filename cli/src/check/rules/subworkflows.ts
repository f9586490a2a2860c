/** Sub-workflows: calls are followed when the called workflow is among the inputs, reported otherwise. */
import { isExecuteWorkflow } from '../kinds';
import type { WorkflowNode } from '../workflow';
import { BASE, flow, n, webhook } from './fixture-kit';
import type { Rule } from './rule';

/** The id (or name) an Execute Workflow node calls, when it is fixed in the workflow; undefined otherwise. */
export function calledWorkflow(node: WorkflowNode): { ref?: string; why?: string } {
	const source = node.parameters.source ?? 'database';
	if (source !== 'database') return { why: `loads the workflow from "${String(source)}" at run time` };
	const id = node.parameters.workflowId;
	const value = id && typeof id === 'object' ? (id as { value?: unknown }).value : id;
	if (typeof value !== 'string' || value === '') return { why: 'names no workflow' };
	if (value.startsWith('=')) return { why: 'picks the workflow with an expression at run time' };
	return { ref: value };
}

const call = (workflowId: unknown, extra: Record<string, unknown> = {}) => flow('Caller', [webhook(), n('Call', `${BASE}executeWorkflow`, { workflowId, ...extra })], [['Webhook', 'Call']]);

export const subworkflowRules: Rule[] = [
	{
		id: 'GOV-SUB-001',
		section: 'Sub-workflows',
		severity: 'warning',
		title: 'Sub-workflow call not checked',
		why: 'The checklist gates every path; a called workflow that is not among the checked inputs may hold the unguarded step.',
		fix: 'Export and check the called workflow together with this one (same folder or array), and fix its own findings.',
		check: ({ graph, findWorkflow }) =>
			graph.nodes.filter((node) => isExecuteWorkflow(node) && node.disabled !== true).flatMap((node) => {
				const { ref, why } = calledWorkflow(node);
				if (ref !== undefined && findWorkflow(ref)) return [];
				return [{ node: node.name, message: ref !== undefined ? `Calls workflow ${ref}, which is not among the checked inputs.` : `The call ${why}, so its path cannot be followed.` }];
			}),
		fixtures: {
			triggers: [
				{ title: 'missing callee', workflow: call({ __rl: true, value: 'wf-missing', mode: 'list' }) },
				{ title: 'expression', workflow: call('={{ $json.target }}') },
			],
			passes: [{ title: 'callee among inputs', workflow: call({ __rl: true, value: 'wf-sub', mode: 'id' }), others: [{ ...flow('Sub', [n('Start', `${BASE}executeWorkflowTrigger`)]), id: 'wf-sub' }] }],
		},
	},
];
