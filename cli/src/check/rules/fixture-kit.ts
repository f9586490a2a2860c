/** Small builders for fixture workflows, shaped exactly like n8n exports. */

export type FxNode = Record<string, unknown> & { name: string; type: string };

export const GOV = 'n8n-nodes-governance.';
export const BASE = 'n8n-nodes-base.';
export const LC = '@n8n/n8n-nodes-langchain.';

export function n(name: string, type: string, parameters: Record<string, unknown> = {}, extra: Record<string, unknown> = {}): FxNode {
	return { name, type, typeVersion: 1, position: [0, 0], parameters, ...extra };
}

export const webhook = (name = 'Webhook', parameters: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) =>
	n(name, `${BASE}webhook`, { httpMethod: 'POST', path: 'a8f3e2d1c4b5a6978e7f6a5b4c3d2e1f', authentication: 'headerAuth', ...parameters }, extra);
export const manual = (name = 'Manual') => n(name, `${BASE}manualTrigger`);
export const gov = (kind: string, name: string, parameters: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) =>
	n(name, `${GOV}${kind}`, parameters, extra);
export const profile = { governanceProfileApi: { id: 'p1', name: 'Governance Profile (finance)' } };
export const http = (name: string, url: string, parameters: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) =>
	n(name, `${BASE}httpRequest`, { url, options: { timeout: 10000 }, ...parameters }, { typeVersion: 4.2, ...extra });

/** Edge spec: [from, to] for main output 0, or [from, to, output] / [from, to, output, connectionType]. */
export type FxEdge = [string, string] | [string, string, number] | [string, string, number, string];

export function flow(name: string, nodes: FxNode[], edges: FxEdge[] = [], extra: Record<string, unknown> = {}): Record<string, unknown> {
	const connections: Record<string, Record<string, { node: string; type: string; index: number }[][]>> = {};
	for (const [from, to, output = 0, type = 'main'] of edges) {
		const byType = (connections[from] ??= {});
		const outputs = (byType[type] ??= []);
		while (outputs.length <= output) outputs.push([]);
		outputs[output].push({ node: to, type, index: 0 });
	}
	return { name, nodes, connections, settings: { executionOrder: 'v1', errorWorkflow: 'wf-errors' }, ...extra };
}

/** A chain a → b → c … of main edges. */
export const chain = (...names: string[]): FxEdge[] => names.slice(1).map((to, i) => [names[i], to] as FxEdge);
