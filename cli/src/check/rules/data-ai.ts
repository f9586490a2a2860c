/** Data and model governance: redaction before text reaches a model; agent tools with side effects. */
import { sideEffect } from '../effects';
import { derivedOf } from '../graph';
import { DEFAULT_MODEL_HOSTS, isAiNode, isExecuteWorkflow, isHumanReviewTool, isRedact } from '../kinds';
import type { RuleContext } from './rule';
import type { WorkflowNode } from '../workflow';
import { BASE, LC, flow, gov, http, n, webhook } from './fixture-kit';
import type { Rule } from './rule';

/** AI steps that receive workflow data: AI root nodes and HTTP calls to model hosts (not model sub-nodes); once per graph. */
export function aiSteps({ graph, policy }: Pick<RuleContext, 'graph' | 'policy'>): WorkflowNode[] {
	return derivedOf(graph, 'aiSteps', policy, () => {
		const hosts = [...DEFAULT_MODEL_HOSTS, ...policy.modelHosts];
		return graph.nodes.filter((node) => node.disabled !== true && !graph.attachedTo.has(node.name) && isAiNode(node, hosts));
	});
}

const agent = (name = 'Agent') => n(name, `${LC}agent`, { promptType: 'define', text: '={{ $json.body.question }}' });
const model = (name = 'Model') => n(name, `${LC}lmChatOpenAi`, { model: { __rl: true, value: 'gpt-4o-mini', mode: 'list' } });

export const dataRules: Rule[] = [
	{
		id: 'GOV-DAT-001',
		section: 'Data and models',
		severity: 'error',
		title: 'Text reaches an external model without redaction',
		why: 'The checklist requires a written decision on what text goes to external models, with redaction before it leaves.',
		fix: 'Put Redact / Restore (this pack, operation Redact) on every path before the model; Restore the answer after it.',
		check: (ctx) => {
			if (ctx.entryGuards.has('redactRestore')) return [];
			const open = ctx.open('redact', isRedact);
			return aiSteps(ctx)
				.filter((node) => open.has(node.name))
				.map((node) => ({ node: node.name, message: `${node.name} (${node.type.split('.').pop()}) sends workflow data to a model on a path with no Redact before it.` }));
		},
		fixtures: {
			triggers: [
				{ title: 'agent with a model', workflow: flow('Agent', [webhook(), agent(), model()], [['Webhook', 'Agent'], ['Model', 'Agent', 0, 'ai_languageModel']]) },
				{ title: 'HTTP to a model API', workflow: flow('Http', [webhook(), http('Ask', 'https://api.anthropic.com/v1/messages', { method: 'POST' })], [['Webhook', 'Ask']]) },
				{ title: 'redact set to continue', workflow: flow('Cont', [webhook(), gov('redactRestore', 'Redact', {}, { onError: 'continueRegularOutput' }), agent(), model()], [['Webhook', 'Redact'], ['Redact', 'Agent'], ['Model', 'Agent', 0, 'ai_languageModel']]) },
			],
			passes: [
				{ title: 'redacted first', workflow: flow('Red', [webhook(), gov('redactRestore', 'Redact', { operation: 'redact' }), agent(), model()], [['Webhook', 'Redact'], ['Redact', 'Agent'], ['Model', 'Agent', 0, 'ai_languageModel']]) },
				{ title: 'restore is not redact but follows one', workflow: flow('Both', [webhook(), gov('redactRestore', 'Redact'), http('Ask', 'https://api.openai.com/v1/responses', { method: 'POST' }), gov('redactRestore', 'Restore', { operation: 'restore' })], [['Webhook', 'Redact'], ['Redact', 'Ask'], ['Ask', 'Restore']]) },
			],
		},
	},
	{
		id: 'GOV-DAT-002',
		section: 'Data and models',
		severity: 'error',
		title: 'AI agent tool with side effects and no human review',
		why: 'An agent chooses its own tool calls; the checklist wants a person to review any call that sends, writes or pays.',
		fix: 'Give the agent a sub-workflow tool whose workflow puts an Approval Gate (this pack) before the side effect, or a human-review tool.',
		check: ({ graph, policy }) =>
			[...graph.attachedTo].flatMap(([name, roots]) => {
				const tool = graph.byName.get(name)!;
				if (!roots.some((r) => r.type === 'ai_tool') || isExecuteWorkflow(tool) || isHumanReviewTool(tool)) return [];
				const why = sideEffect(graph, tool, policy);
				return why ? [{ node: name, message: `An agent can call this tool, which ${why}, with no human review.` }] : [];
			}),
		fixtures: {
			triggers: [{ title: 'gmail tool', workflow: flow('Tool', [webhook(), gov('redactRestore', 'Redact'), agent(), model(), n('Send mail', `${BASE}gmailTool`, { operation: 'send' })], [['Webhook', 'Redact'], ['Redact', 'Agent'], ['Model', 'Agent', 0, 'ai_languageModel'], ['Send mail', 'Agent', 0, 'ai_tool']]) }],
			passes: [
				{ title: 'read-only tool', workflow: flow('Read', [webhook(), agent(), model(), n('Lookup', `${BASE}hubspotTool`, { operation: 'get' })], [['Webhook', 'Agent'], ['Model', 'Agent', 0, 'ai_languageModel'], ['Lookup', 'Agent', 0, 'ai_tool']]) },
				{ title: 'sub-workflow tool', workflow: flow('Sub', [webhook(), agent(), model(), n('Refund tool', `${LC}toolWorkflow`, { workflowId: 'wf-refund' })], [['Webhook', 'Agent'], ['Model', 'Agent', 0, 'ai_languageModel'], ['Refund tool', 'Agent', 0, 'ai_tool']]) },
			],
		},
	},
];
