/**
 * What a node does, as data: triggers, governance nodes of this pack, AI nodes, side effects, money movement.
 * Node types are matched on their full n8n type name; our own nodes on their short name under any package
 * prefix (`n8n-nodes-governance.`, `CUSTOM.` when loaded as a custom extension).
 */
import type { WorkflowNode } from './workflow';

export type GovernanceKind = 'approvalGate' | 'auditEmitter' | 'environmentAssertion' | 'killSwitch' | 'redactRestore' | 'verifyWebhookSignature';

const GOVERNANCE_KINDS: readonly GovernanceKind[] = ['approvalGate', 'auditEmitter', 'environmentAssertion', 'killSwitch', 'redactRestore', 'verifyWebhookSignature'];
const GOVERNANCE_PREFIXES = ['n8n-nodes-governance.', 'CUSTOM.', '@n8n-nodes-governance/n8n-nodes-governance.'];

const kindOfType = new Map<string, GovernanceKind | undefined>();

export function governanceKind(node: WorkflowNode): GovernanceKind | undefined {
	if (kindOfType.has(node.type)) return kindOfType.get(node.type);
	const prefix = GOVERNANCE_PREFIXES.find((p) => node.type.startsWith(p));
	const short = prefix ? (node.type.slice(prefix.length) as GovernanceKind) : undefined;
	const kind = short && GOVERNANCE_KINDS.includes(short) ? short : undefined;
	if (kindOfType.size < 10_000) kindOfType.set(node.type, kind);
	return kind;
}

/** A governance node only governs when it runs and an error stops the item (not On Error → Continue). */
export function governs(node: WorkflowNode): boolean {
	return node.disabled !== true && node.onError !== 'continueRegularOutput';
}

export const isGovernance = (node: WorkflowNode, kind: GovernanceKind, extra?: (n: WorkflowNode) => boolean): boolean =>
	governanceKind(node) === kind && governs(node) && (extra ? extra(node) : true);

/**
 * Whether items leaving `output` of a governance node have passed its control. Failure outputs (the Approval
 * Gate's "Rejected / Timed Out"; "Halted", "Mismatch", "Invalid", "Contains Sensitive Data" in route modes) have not.
 */
export function governedOutput(node: WorkflowNode, output: number): boolean {
	const p = node.parameters;
	switch (governanceKind(node)) {
		case 'approvalGate':
			return output === 1;
		case 'killSwitch':
			return p.onHalt !== 'route' || output === 0;
		case 'environmentAssertion':
			return p.onMismatch !== 'route' || output === 0;
		case 'verifyWebhookSignature':
			return p.onInvalid !== 'route' || output === 0;
		case 'redactRestore':
			return p.mode !== 'detectRoute' || output === 0;
		default:
			return true;
	}
}

export const isRedact = (n: WorkflowNode) => isGovernance(n, 'redactRestore', (x) => (x.parameters.operation ?? 'redact') === 'redact');

const TRIGGER_TYPES = new Set([
	'n8n-nodes-base.webhook',
	'n8n-nodes-base.manualTrigger',
	'n8n-nodes-base.start',
	'n8n-nodes-base.executeWorkflowTrigger',
	'n8n-nodes-base.errorTrigger',
	'n8n-nodes-base.cron',
	'n8n-nodes-base.interval',
]);

export function isTrigger(node: WorkflowNode): boolean {
	return TRIGGER_TYPES.has(node.type) || /Trigger$/.test(node.type);
}

/** Triggers that accept requests from the network, with how they say they are authenticated. */
export const INBOUND_TRIGGERS: Record<string, (p: Record<string, unknown>) => boolean> = {
	'n8n-nodes-base.webhook': (p) => typeof p.authentication === 'string' && p.authentication !== 'none',
	'n8n-nodes-base.formTrigger': (p) => typeof p.authentication === 'string' && p.authentication !== 'none',
	// A Chat Trigger that is not public is only reachable from the editor.
	'@n8n/n8n-nodes-langchain.chatTrigger': (p) => p.public !== true || (typeof p.authentication === 'string' && p.authentication !== 'none'),
};

export const isStickyNote = (node: WorkflowNode) => node.type === 'n8n-nodes-base.stickyNote';
export const isHttpRequest = (node: WorkflowNode) => node.type === 'n8n-nodes-base.httpRequest' || node.type === 'n8n-nodes-base.httpRequestTool' || node.type === '@n8n/n8n-nodes-langchain.toolHttpRequest';
export const isExecuteWorkflow = (node: WorkflowNode) => node.type === 'n8n-nodes-base.executeWorkflow' || node.type === '@n8n/n8n-nodes-langchain.toolWorkflow';
export const isLoopNode = (node: WorkflowNode) => node.type === 'n8n-nodes-base.splitInBatches';

const AI_TYPE = /^@n8n\/n8n-nodes-langchain\.(lmChat|lm[A-Z]|agent|chainLlm|chainSummarization|chainRetrievalQa|openAi|anthropic|googleGemini|mistral|ollama|informationExtractor|textClassifier|sentimentAnalysis|embeddings)/;
const AI_BASE_TYPES = new Set(['n8n-nodes-base.openAi', 'n8n-nodes-base.mistralAi', 'n8n-nodes-base.perplexity']);

/** Default hosts of model APIs: an HTTP request to one of them sends text to a model. */
export const DEFAULT_MODEL_HOSTS = [
	'api.openai.com',
	'api.anthropic.com',
	'generativelanguage.googleapis.com',
	'aiplatform.googleapis.com',
	'api.mistral.ai',
	'api.cohere.ai',
	'api.cohere.com',
	'api.groq.com',
	'api.perplexity.ai',
	'api.deepseek.com',
	'api.together.xyz',
	'openrouter.ai',
	'api-inference.huggingface.co',
	'*.openai.azure.com',
];

/** Hosts of URLs already parsed: a folder of exports repeats its URLs, and several rules and the inventory ask. */
const hostOfUrl = new Map<string, string | undefined>();

/** Host of a literal URL; undefined for expressions or unparsable text (the host is then unknown). */
export function urlHost(url: unknown): string | undefined {
	if (typeof url !== 'string' || url.startsWith('=')) return undefined;
	if (hostOfUrl.has(url)) return hostOfUrl.get(url);
	let host: string | undefined;
	try {
		host = new URL(url).hostname.toLowerCase();
	} catch {
		host = undefined;
	}
	if (hostOfUrl.size >= 10_000) hostOfUrl.clear();
	hostOfUrl.set(url, host);
	return host;
}

/** `*.example.com` matches subdomains; other patterns match the host exactly. */
export function hostMatches(host: string, patterns: readonly string[]): boolean {
	return patterns.some((p) => {
		const pattern = p.toLowerCase();
		return pattern.startsWith('*.') ? host.endsWith(pattern.slice(1)) : host === pattern;
	});
}

export function isAiNode(node: WorkflowNode, modelHosts: readonly string[]): boolean {
	if (AI_TYPE.test(node.type) || AI_BASE_TYPES.has(node.type)) return true;
	if (!isHttpRequest(node)) return false;
	const host = urlHost(node.parameters.url);
	return host !== undefined && hostMatches(host, modelHosts);
}

/** A language model sub-node (connected to an agent or chain through ai_languageModel). */
export const isModelSubNode = (node: WorkflowNode) => /^@n8n\/n8n-nodes-langchain\.lm/.test(node.type);

/** The model a node names, when it names one literally. */
export function modelName(node: WorkflowNode): string | undefined {
	const model = node.parameters.model ?? node.parameters.modelId;
	if (typeof model === 'string') return model;
	if (model && typeof model === 'object' && typeof (model as { value?: unknown }).value === 'string') return (model as { value: string }).value;
	return undefined;
}

export function operationOf(node: WorkflowNode): string {
	const op = node.parameters.operation;
	return typeof op === 'string' ? op : '';
}

export function httpMethod(node: WorkflowNode): string {
	const m = node.parameters.method ?? node.parameters.requestMethod;
	return typeof m === 'string' ? m.toUpperCase() : 'GET';
}

/** n8n's own human-in-the-loop: any node run with operation "sendAndWait" (Slack, Gmail, Teams, …). */
export const isSendAndWait = (node: WorkflowNode) => operationOf(node) === 'sendAndWait' && node.disabled !== true;

/** Tools an AI agent can call that pause for a person (n8n's human review tools). */
export const isHumanReviewTool = (node: WorkflowNode) => /Hitl|HumanReview|humanInTheLoop/i.test(node.type) || isSendAndWait(node);
