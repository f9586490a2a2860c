/** Logging and alerting: error workflows, audit events after decisions, execution-data retention. */
import { downstream } from '../graph';
import { governanceKind, isGovernance } from '../kinds';
import { aiSteps } from './data-ai';
import { BASE, flow, gov, http, n, webhook } from './fixture-kit';
import type { Rule } from './rule';

const AUDITED = new Set(['approvalGate', 'redactRestore', 'killSwitch']);

export const loggingRules: Rule[] = [
	{
		id: 'GOV-LOG-001',
		section: 'Logging',
		severity: 'warning',
		title: 'No error workflow set',
		why: 'The checklist requires alerting: without an error workflow a failed run is only visible to someone who opens the executions list.',
		fix: 'Set Workflow Settings → Error Workflow to a workflow that alerts on-call and records an Audit Emitter (this pack) event.',
		check: ({ workflow, graph }) => {
			if (typeof workflow.settings.errorWorkflow === 'string' && workflow.settings.errorWorkflow !== '') return [];
			if (graph.nodes.some((node) => node.type === 'n8n-nodes-base.errorTrigger')) return []; // it is an error workflow
			return [{ message: 'Workflow Settings name no error workflow, so failures raise no alert.' }];
		},
		fixtures: {
			triggers: [{ title: 'no setting', workflow: flow('Quiet', [webhook()], [], { settings: {} }) }],
			passes: [
				{ title: 'set', workflow: flow('Alerting', [webhook()]) },
				{ title: 'is an error workflow', workflow: flow('Errors', [n('On error', `${BASE}errorTrigger`)], [], { settings: {} }) },
			],
		},
	},
	{
		id: 'GOV-LOG-002',
		section: 'Logging',
		severity: 'warning',
		title: 'Governance decision not recorded by an Audit Emitter',
		why: 'The checklist requires logging of decisions: an approval, redaction or kill switch with no audit event after it leaves no evidence.',
		fix: 'Add an Audit Emitter (this pack) after the Approval Gate, Redact or Kill Switch, on each of its outputs.',
		check: ({ graph }) =>
			graph.nodes.flatMap((node) => {
				const kind = governanceKind(node);
				if (!kind || !AUDITED.has(kind) || node.disabled === true) return [];
				if (kind === 'redactRestore' && (node.parameters.operation ?? 'redact') !== 'redact') return [];
				const after = downstream(graph, node.name);
				return [...after].some((name) => isGovernance(graph.byName.get(name)!, 'auditEmitter')) ? [] : [{ node: node.name, message: `No Audit Emitter follows ${node.name}, so its decisions are not recorded.` }];
			}),
		fixtures: {
			triggers: [{ title: 'gate without audit', workflow: flow('Gate', [webhook(), gov('approvalGate', 'Gate'), n('Next', `${BASE}noOp`)], [['Webhook', 'Gate'], ['Gate', 'Next', 1]]) }],
			passes: [{ title: 'gate then audit', workflow: flow('Audited', [webhook(), gov('approvalGate', 'Gate'), gov('auditEmitter', 'Audit')], [['Webhook', 'Gate'], ['Gate', 'Audit', 1]]) }],
		},
	},
	{
		id: 'GOV-LOG-003',
		section: 'Logging',
		severity: 'warning',
		title: 'Successful executions keep their data in a workflow that sends text to models',
		why: 'The checklist requires a retention decision for text sent to models; saving every successful execution keeps that text in n8n\'s database.',
		fix: 'Set Workflow Settings → Save successful production executions to "Do not save", and record what was sent with the Audit Emitter (this pack) instead.',
		check: (ctx) => {
			if (ctx.workflow.settings.saveDataSuccessExecution !== 'all' || aiSteps(ctx).length === 0) return [];
			return [{ message: 'saveDataSuccessExecution is "all" and the workflow sends text to a model: every prompt and answer stays in the execution data.' }];
		},
		fixtures: {
			triggers: [{ title: 'keeps all', workflow: flow('Keep', [webhook(), http('Ask', 'https://api.openai.com/v1/responses', { method: 'POST' })], [['Webhook', 'Ask']], { settings: { saveDataSuccessExecution: 'all', errorWorkflow: 'x' } }) }],
			passes: [{ title: 'keeps none', workflow: flow('None', [webhook(), http('Ask', 'https://api.openai.com/v1/responses', { method: 'POST' })], [['Webhook', 'Ask']], { settings: { saveDataSuccessExecution: 'none' } }) }],
		},
	},
];
