/** Resilience and limits: timeouts, retry caps, kill switches on loops and expensive steps. */
import { moneyOrCustomerChange } from '../effects';
import { downstream } from '../graph';
import { DEFAULT_MODEL_HOSTS, isAiNode, isGovernance, isHttpRequest } from '../kinds';
import type { WorkflowNode } from '../workflow';
import { aiSteps } from './data-ai';
import { BASE, chain, flow, gov, http, manual, n, webhook } from './fixture-kit';
import type { Rule } from './rule';

const isKillSwitch = (node: WorkflowNode) => isGovernance(node, 'killSwitch');
const N8N_DEFAULT_TIMEOUT_S = 300;

const loop = (inside: ReturnType<typeof n>[], extra: ReturnType<typeof n>[] = []) =>
	flow('Loop', [manual(), ...extra, n('Loop', `${BASE}splitInBatches`, { batchSize: 10 }, { typeVersion: 3 }), ...inside], [...chain('Manual', ...extra.map((e) => e.name), 'Loop'), ['Loop', inside[0].name, 1], ...chain(...inside.map((i) => i.name)), [inside[inside.length - 1].name, 'Loop']]);

export const resilienceRules: Rule[] = [
	{
		id: 'GOV-RES-001',
		section: 'Resilience and limits',
		severity: 'warning',
		title: 'Loop calls HTTP or a model with no kill switch or item cap',
		why: 'The checklist requires kill switches on expensive steps: a loop that calls an API or a model multiplies cost and damage with every item.',
		fix: 'Put a Kill Switch (this pack) inside the loop, or a Limit node before it that caps the items.',
		check: ({ graph, policy }) => {
			const hosts = [...DEFAULT_MODEL_HOSTS, ...policy.modelHosts];
			const capped = new Set(graph.nodes.filter((node) => node.type === 'n8n-nodes-base.limit' && node.disabled !== true).flatMap((node) => [...downstream(graph, node.name)]));
			const guarded = new Set(graph.nodes.filter(isKillSwitch).map((node) => graph.loopOf.get(node.name)));
			return graph.nodes
				.filter((node) => graph.loopOf.has(node.name) && (isHttpRequest(node) || isAiNode(node, hosts)) && !guarded.has(graph.loopOf.get(node.name)) && !capped.has(node.name))
				.map((node) => ({ node: node.name, message: `${node.name} runs inside a loop with no Kill Switch in the loop and no Limit before it.` }));
		},
		fixtures: {
			triggers: [{ title: 'http in a loop', workflow: loop([http('Call', 'https://api.example.com/x')]) }],
			passes: [
				{ title: 'kill switch in the loop', workflow: loop([gov('killSwitch', 'Kill Switch'), http('Call', 'https://api.example.com/x')]) },
				{ title: 'limit before', workflow: loop([http('Call', 'https://api.example.com/x')], [n('Limit', `${BASE}limit`, { maxItems: 100 })]) },
			],
		},
	},
	{
		id: 'GOV-RES-002',
		section: 'Resilience and limits',
		severity: 'warning',
		title: 'HTTP request timeout unset or above the policy maximum',
		why: `The checklist requires timeouts on outbound calls; n8n waits ${N8N_DEFAULT_TIMEOUT_S} s by default, holding a worker and the data in memory.`,
		fix: 'Set Options → Timeout on the HTTP Request node at or below the policy maximum; a Kill Switch (this pack) can stop a misbehaving dependency.',
		check: ({ graph, policy }) =>
			graph.nodes.filter(isHttpRequest).flatMap((node) => {
				const options = (node.parameters.options ?? {}) as Record<string, unknown>;
				const ms = typeof options.timeout === 'number' ? options.timeout : undefined;
				if (ms !== undefined && ms <= policy.httpTimeoutMaxSeconds * 1000) return [];
				const what = ms === undefined ? `has no timeout (n8n then waits ${N8N_DEFAULT_TIMEOUT_S} s)` : `waits ${ms / 1000} s`;
				return [{ node: node.name, path: 'parameters.options.timeout', message: `${node.name} ${what}; the policy allows at most ${policy.httpTimeoutMaxSeconds} s.` }];
			}),
		fixtures: {
			triggers: [
				{ title: 'unset', workflow: flow('Unset', [manual(), http('Call', 'https://api.example.com', { options: {} })], [['Manual', 'Call']]) },
				{ title: 'too long', workflow: flow('Long', [manual(), http('Call', 'https://api.example.com', { options: { timeout: 120000 } })], [['Manual', 'Call']]) },
			],
			passes: [{ title: '10 s', workflow: flow('Short', [manual(), http('Call', 'https://api.example.com')], [['Manual', 'Call']]) }],
		},
	},
	{
		id: 'GOV-RES-003',
		section: 'Resilience and limits',
		severity: 'warning',
		title: 'Retries above the policy cap',
		why: 'The checklist requires retry caps: every retry of a paid or writing call repeats its cost and its effect.',
		fix: 'Lower Settings → Max Tries to the policy cap; for calls that must not repeat, turn Retry On Fail off and guard them with a Kill Switch (this pack).',
		check: ({ graph, policy }) =>
			graph.nodes
				.filter((node) => node.retryOnFail === true && (node.maxTries ?? 3) > policy.maxTries)
				.map((node) => ({ node: node.name, message: `${node.name} tries up to ${node.maxTries ?? 3} times; the policy allows ${policy.maxTries}.` })),
		fixtures: {
			triggers: [{ title: '5 tries', workflow: flow('Retry', [manual(), http('Call', 'https://api.example.com', {}, { retryOnFail: true, maxTries: 5 })], [['Manual', 'Call']]) }],
			passes: [{ title: '2 tries', workflow: flow('Retry', [manual(), http('Call', 'https://api.example.com', {}, { retryOnFail: true, maxTries: 2 })], [['Manual', 'Call']]) }],
		},
	},
	{
		id: 'GOV-RES-004',
		section: 'Resilience and limits',
		severity: 'warning',
		title: 'Expensive step with no Kill Switch before it',
		why: 'The checklist requires a kill switch on expensive steps so an incident can be stopped without editing or deactivating workflows.',
		fix: 'Put a Kill Switch (this pack) before model calls and payments, fed by a flag your incident process can flip.',
		check: (ctx) => {
			if (ctx.entryGuards.has('killSwitch')) return [];
			const open = ctx.open('kill-switch', isKillSwitch);
			const expensive = [...aiSteps(ctx), ...ctx.graph.nodes.filter((node) => moneyOrCustomerChange(ctx.graph, node, ctx.policy)?.startsWith('moves money'))];
			return [...new Set(expensive)].filter((node) => open.has(node.name)).map((node) => ({ node: node.name, message: `${node.name} costs money per run and no Kill Switch runs before it.` }));
		},
		fixtures: {
			triggers: [{ title: 'model without switch', workflow: flow('Model', [webhook(), http('Ask', 'https://api.openai.com/v1/responses', { method: 'POST' })], [['Webhook', 'Ask']]) }],
			passes: [{ title: 'switch first', workflow: flow('Switched', [webhook(), gov('killSwitch', 'Kill Switch'), http('Ask', 'https://api.openai.com/v1/responses', { method: 'POST' })], [['Webhook', 'Kill Switch'], ['Kill Switch', 'Ask']]) }],
		},
	},
];
