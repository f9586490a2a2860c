/**
 * Change review: what a new version of a workflow adds compared to the last approved one. Pure; the CLI's
 * `diff` command renders it. Secrets in prompts are masked before they are compared or shown.
 */
import { createTwoFilesPatch } from 'diff';
import { BUILT_IN_ENTITIES, detect, isSecretEntity } from '../../../lib/redaction';
import { checkWorkflows } from './engine';
import type { Finding } from './engine';
import { facetsOf } from './facets';
import type { Facets } from './facets';
import { graphOf } from './graph';
import { DEFAULT_MODEL_HOSTS, governanceKind, governs, hostMatches } from './kinds';
import type { Policy } from './policy';
import { maskSecret } from './rules/secrets';
import type { Workflow } from './workflow';

export interface WorkflowChange {
	name: string;
	status: 'added' | 'removed' | 'changed' | 'unchanged';
	lists: { label: string; added: string[]; removed: string[] }[];
	promptDiffs: string[];
	controlsRemoved: string[];
	webhookAuth: string[];
	newSideEffects: string[];
	newFindings: Finding[];
	risks: string[];
}

const SECRETS = BUILT_IN_ENTITIES.filter(isSecretEntity);

export function maskSecrets(text: string): string {
	let out = '';
	let at = 0;
	for (const d of detect(text, { entities: SECRETS }).sort((a, b) => a.start - b.start)) {
		if (d.start < at) continue;
		out += text.slice(at, d.start) + maskSecret(d.entity, text.slice(d.start, d.end));
		at = d.end;
	}
	return out + text.slice(at);
}

const minus = (a: string[], b: string[]) => a.filter((x) => !b.includes(x));
const controlNodes = (w: Workflow | undefined) => (w ? w.nodes.filter((n) => governanceKind(n) && governs(n)).map((n) => `${n.name} (${governanceKind(n)})`) : []);
const findingKey = (f: Finding) => `${f.ruleId}|${f.node ?? ''}|${f.path ?? ''}`;

function compare(oldW: Workflow | undefined, newW: Workflow | undefined, oldF: Finding[], newF: Finding[], policy: Policy): WorkflowChange {
	const empty: Facets = { owners: [], triggers: [], credentials: [], services: [], hosts: [], models: [], aiNodes: [], controls: [], webhookAuth: {}, sideEffects: {}, prompts: {} };
	const a = oldW ? facetsOf(graphOf(oldW), policy) : empty;
	const b = newW ? facetsOf(graphOf(newW), policy) : empty;
	const list = (label: string, key: 'hosts' | 'credentials' | 'aiNodes' | 'models' | 'services' | 'owners') => ({ label, added: minus(b[key], a[key]), removed: minus(a[key], b[key]) });
	const change: WorkflowChange = {
		name: (newW ?? oldW)!.name,
		status: !oldW ? 'added' : !newW ? 'removed' : 'changed',
		lists: [list('Outbound hosts', 'hosts'), list('Third-party services', 'services'), list('Credentials', 'credentials'), list('AI nodes', 'aiNodes'), list('AI models', 'models'), list('Owners (Governance Profile)', 'owners')],
		promptDiffs: [],
		controlsRemoved: newW ? minus(controlNodes(oldW), controlNodes(newW)) : [],
		webhookAuth: [],
		newSideEffects: Object.keys(b.sideEffects).filter((k) => a.sideEffects[k] === undefined).map((k) => `${k}: ${b.sideEffects[k]}`),
		newFindings: newF.filter((f) => !f.suppressed && !oldF.some((o) => findingKey(o) === findingKey(f))),
		risks: [],
	};
	for (const key of new Set([...Object.keys(a.prompts), ...Object.keys(b.prompts)])) {
		const before = maskSecrets(a.prompts[key] ?? '');
		const after = maskSecrets(b.prompts[key] ?? '');
		if (before !== after) change.promptDiffs.push(createTwoFilesPatch(`${key} (approved)`, `${key} (proposed)`, `${before}\n`, `${after}\n`, '', '', { context: 2 }).replace(/^=+\n/, ''));
	}
	for (const node of new Set([...Object.keys(a.webhookAuth), ...Object.keys(b.webhookAuth)])) {
		if (a.webhookAuth[node] !== b.webhookAuth[node]) change.webhookAuth.push(`${node}: ${a.webhookAuth[node] ?? '(new trigger)'} → ${b.webhookAuth[node] ?? '(removed)'}`);
		if (b.webhookAuth[node] === 'none' && a.webhookAuth[node] !== 'none') change.risks.push(`webhook "${node}" is now open to anyone`);
	}
	const safe = [...policy.safeHosts, ...DEFAULT_MODEL_HOSTS, ...policy.modelHosts];
	for (const host of change.lists[0].added) if (!hostMatches(host, safe)) change.risks.push(`new outbound host ${host} is not in the policy's safeHosts`);
	for (const c of change.controlsRemoved) change.risks.push(`governance control removed: ${c}`);
	for (const f of change.newFindings) if (f.severity === 'error') change.risks.push(`new ${f.ruleId}${f.node ? ` at "${f.node}"` : ''}: ${f.message}`);
	const touched = change.lists.some((l) => l.added.length + l.removed.length > 0) || change.promptDiffs.length + change.controlsRemoved.length + change.webhookAuth.length + change.newSideEffects.length + change.newFindings.length > 0;
	if (change.status === 'changed' && !touched) change.status = 'unchanged';
	return change;
}

/** Pairs workflows by id, then by name, and compares each pair. */
export function reviewChanges(oldList: Workflow[], newList: Workflow[], policy: Policy): WorkflowChange[] {
	const oldFindings = checkWorkflows(oldList, { policy });
	const newFindings = checkWorkflows(newList, { policy });
	const of = (list: Finding[], w?: Workflow) => (w ? list.filter((f) => f.workflow === w) : []);
	const match = (w: Workflow) => oldList.find((o) => w.id !== undefined && o.id === w.id) ?? oldList.find((o) => o.name === w.name);
	const paired = new Set<Workflow>();
	const changes = newList.map((w) => {
		const old = match(w);
		if (old) paired.add(old);
		return compare(old, w, of(oldFindings, old), of(newFindings, w), policy);
	});
	for (const old of oldList) if (!paired.has(old)) changes.push(compare(old, undefined, of(oldFindings, old), [], policy));
	return changes;
}
