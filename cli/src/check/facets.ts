/**
 * What a workflow is made of, for inventory and change review: owner, data class, triggers, credentials,
 * third parties and hosts, AI models and prompts, governance controls, webhook authentication, side effects.
 */
import { sideEffect } from './effects';
import type { WorkflowGraph } from './graph';
import { governanceKind, governs, INBOUND_TRIGGERS, isHttpRequest, isTrigger, modelName, urlHost } from './kinds';
import type { Policy } from './policy';
import { aiSteps } from './rules/data-ai';
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
/** The one empty list every empty facet shares (frozen: a facet is read, never changed); most facets are empty. */
const NONE: string[] = Object.freeze([]) as unknown as string[];
function sorted(values: string[]): string[] {
	if (values.length === 0) return NONE;
	const list = [...new Set(values)].filter(Boolean).sort();
	return list.length === 0 ? NONE : list;
}
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

/**
 * One pass over the nodes (a chain of filter/map per facet made the compiled function several times larger: it is
 * among the first to be optimised, and its compile time delayed the first thousand workflows of a run).
 */
export function facetsOf(graph: WorkflowGraph, policy: Policy): Facets {
	const { nodes, workflow } = graph;
	const ai = aiSteps({ graph, policy });
	const aiNames = new Set<string>();
	for (const step of ai) aiNames.add(step.name);
	const owners: string[] = [];
	const triggers: string[] = [];
	const credentials: string[] = [];
	const services: string[] = [];
	const hosts: string[] = [];
	const models: string[] = [];
	const controls: string[] = [];
	const webhookAuth: Record<string, string> = {};
	const sideEffects: Record<string, string> = {};
	const prompts: Record<string, string> = {};
	for (const node of nodes) {
		const used = node.credentials ?? {};
		const types = Object.keys(used);
		const profile = used.governanceProfileApi;
		if (profile) owners.push(profile.name ?? profile.id ?? '');
		for (const type of types) credentials.push(`${type}: ${used[type]?.name ?? used[type]?.id ?? '?'}`);
		if (isTrigger(node)) triggers.push(short(node.type) || node.type);
		const kind = governanceKind(node);
		const http = isHttpRequest(node);
		const effect = sideEffect(graph, node, policy);
		if (!kind && !http && (types.length > 0 || aiNames.has(node.name) || effect)) services.push(short(node.type));
		if (http) hosts.push(urlHost(node.parameters.url) ?? (node.parameters.url ? '(run-time URL)' : ''));
		const model = modelName(node);
		if (model !== undefined) models.push(model);
		if (kind && governs(node)) controls.push(kind);
		const inbound = INBOUND_TRIGGERS[node.type];
		if (inbound) webhookAuth[node.name] = inbound(node.parameters) ? String(node.parameters.authentication ?? 'editor only') : 'none';
		if (effect) sideEffects[node.name] = effect;
		if (aiNames.has(node.name) || graph.attachedTo.has(node.name)) {
			for (const [path, text] of strings(node.parameters, 'parameters')) if (PROMPT_KEY.test(path) && text.trim() !== '') prompts[`${node.name} › ${path}`] = text;
		}
	}
	const f: Facets = {
		owners: sorted(owners),
		triggers: sorted(triggers),
		credentials: sorted(credentials),
		services: sorted(services),
		hosts: sorted(hosts),
		models: sorted(models),
		aiNodes: sorted([...aiNames]),
		controls: sorted(controls),
		webhookAuth,
		sideEffects,
		prompts,
	};
	for (const t of workflow.tags) {
		const tag = CLASS_TAG.exec(t);
		if (tag) {
			f.dataClass = tag[2];
			break;
		}
	}
	return f;
}
