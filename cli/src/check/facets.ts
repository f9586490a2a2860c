/**
 * What a workflow is made of, for inventory and change review: owner, data class, triggers, credentials,
 * third parties and hosts, AI models and prompts, governance controls, webhook authentication, side effects.
 */
import { sideEffect } from './effects';
import type { WorkflowGraph } from './graph';
import { governanceKind, governs, INBOUND_TRIGGERS, isHttpRequest, isTrigger, modelName, urlHost } from './kinds';
import type { Policy } from './policy';
import { aiSteps } from './rules/data-ai';
import { governanceProfiles } from './rules/environment';
import { strings } from './rules/secrets';

export interface Facets {
	owners: string[];
	dataClass?: string;
	triggers: string[];
	credentials: string[];
	services: string[];
	hosts: string[];
	models: string[];
	aiNodes: string[];
	controls: string[];
	/** inbound trigger node → its authentication ("none" when open) */
	webhookAuth: Record<string, string>;
	/** node → why it has an effect outside the workflow */
	sideEffects: Record<string, string>;
	/** "node › parameter path" → prompt or system message text */
	prompts: Record<string, string>;
}

const PROMPT_KEY = /(^|\.)(text|prompt|systemMessage|system|instructions|message|content)(\[\d+\])?$/;
const sorted = (values: Iterable<string>) => [...new Set(values)].filter(Boolean).sort();
const shortNames = new Map<string, string>();
/** `n8n-nodes-base.slackTrigger` → `slack`; memoised (a folder of exports repeats its node types). */
function short(type: string): string {
	let name = shortNames.get(type);
	if (name === undefined) {
		name = type.split('.').pop()!.replace(/(Tool|Trigger)$/, '');
		if (shortNames.size < 10_000) shortNames.set(type, name);
	}
	return name;
}
const CLASS_TAG = /^(data|classification|data-class)[:=](.+)$/i;

export function facetsOf(graph: WorkflowGraph, policy: Policy): Facets {
	const { nodes, workflow } = graph;
	const ai = aiSteps({ graph, policy });
	const aiNames = new Set(ai.map((n) => n.name));
	const f: Facets = {
		owners: sorted(governanceProfiles(nodes).map((c) => c.name ?? c.id ?? '')),
		triggers: sorted(nodes.filter(isTrigger).map((n) => short(n.type) || n.type)),
		credentials: sorted(nodes.flatMap((n) => Object.entries(n.credentials ?? {}).map(([type, c]) => `${type}: ${c?.name ?? c?.id ?? '?'}`))),
		services: sorted(nodes.filter((n) => !governanceKind(n) && !isHttpRequest(n) && (Object.keys(n.credentials ?? {}).length > 0 || aiNames.has(n.name) || sideEffect(n, policy))).map((n) => short(n.type))),
		hosts: sorted(nodes.filter(isHttpRequest).map((n) => urlHost(n.parameters.url) ?? (n.parameters.url ? '(run-time URL)' : ''))),
		models: sorted(nodes.map(modelName).filter((m): m is string => m !== undefined)),
		aiNodes: sorted(ai.map((n) => n.name)),
		controls: sorted(nodes.filter((n) => governanceKind(n) && governs(n)).map((n) => governanceKind(n)!)),
		webhookAuth: {},
		sideEffects: {},
		prompts: {},
	};
	const tag = workflow.tags.map((t) => CLASS_TAG.exec(t)).find(Boolean);
	if (tag) f.dataClass = tag[2];
	for (const node of nodes) {
		if (INBOUND_TRIGGERS[node.type]) f.webhookAuth[node.name] = INBOUND_TRIGGERS[node.type](node.parameters) ? String(node.parameters.authentication ?? 'editor only') : 'none';
		const effect = sideEffect(node, policy);
		if (effect) f.sideEffects[node.name] = effect;
		if (aiNames.has(node.name) || graph.attachedTo.has(node.name)) {
			for (const [path, text] of strings(node.parameters, 'parameters')) if (PROMPT_KEY.test(path) && text.trim() !== '') f.prompts[`${node.name} › ${path}`] = text;
		}
	}
	return f;
}
