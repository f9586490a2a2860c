/**
 * Which steps change the world, as tables: money movement, customer records, database writes, messages, and
 * outbound HTTP writes. An export omits parameters left at their default, so a missing operation on a listed
 * node counts as a write (fail closed) unless it is a known read.
 */
import { DEFAULT_MODEL_HOSTS, hostMatches, httpMethod, isHttpRequest, operationOf, urlHost } from './kinds';
import { derivedOf } from './graph';
import type { WorkflowGraph } from './graph';
import type { Policy } from './policy';
import type { WorkflowNode } from './workflow';

const base = (names: string[]) => names.map((x) => `n8n-nodes-base.${x}`);

export const MONEY_NODE_TYPES = base(['stripe', 'paypal', 'quickBooks', 'xero', 'chargebee', 'wise', 'invoiceNinja', 'paddle', 'harvest', 'wooCommerce', 'shopify', 'moneybird']);
export const CUSTOMER_NODE_TYPES = base(['hubspot', 'salesforce', 'pipedrive', 'zohoCrm', 'freshworksCrm', 'copper', 'agileCrm', 'keap', 'highLevel', 'activeCampaign', 'affinity', 'mailchimp', 'zendesk', 'intercom', 'freshdesk', 'microsoftDynamicsCrm', 'odoo', 'sugarCrm']);
const DATABASE_NODE_TYPES = base(['postgres', 'mySql', 'microsoftSql', 'mongoDb', 'oracleDb', 'snowflake', 'supabase', 'questDb', 'timescaleDb', 'crateDb', 'redis', 'elasticsearch', 'airtable', 'baserow', 'nocoDb', 'googleSheets', 'microsoftExcel', 'googleBigQuery']);
const MESSAGE_NODE_TYPES = base(['slack', 'gmail', 'emailSend', 'telegram', 'discord', 'microsoftTeams', 'mattermost', 'twilio', 'sendGrid', 'mailgun', 'microsoftOutlook', 'whatsApp', 'rocketchat', 'matrix']);

/** Hosts of chat notifications: a POST there sends a message, it does not move money or change records. */
export const NOTIFICATION_HOSTS = ['hooks.slack.com', 'discord.com', 'api.telegram.org', '*.webhook.office.com', 'chat.googleapis.com'];

const READ_OPERATION = /^(get|getAll|getMany|search|list|lookup|read|find|select|count|download|aggregate|info|sendAndWait)$/i;
const CUSTOMER_WRITE = /^(update|delete|upsert|merge|remove|deleteMany|updateMany|add|create)/i;
const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** `slackTool` → `slack`: an AI agent's tool does what its node does. */
const baseType = (type: string) => (type.endsWith('Tool') ? type.slice(0, -4) : type);

const MONEY = new Set(MONEY_NODE_TYPES);
const CUSTOMER = new Set(CUSTOMER_NODE_TYPES);
const DATABASE = new Set(DATABASE_NODE_TYPES);
const MESSAGE = new Set(MESSAGE_NODE_TYPES);

const isRead = (node: WorkflowNode) => READ_OPERATION.test(operationOf(node));
const has = (list: ReadonlySet<string>, extra: readonly string[], node: WorkflowNode) => list.has(baseType(node.type)) || extra.includes(node.type);

function httpWrite(node: WorkflowNode): { method: string; host?: string } | undefined {
	if (!isHttpRequest(node)) return undefined;
	const method = httpMethod(node);
	return WRITE_METHODS.has(method) ? { method, host: urlHost(node.parameters.url) } : undefined;
}

/** Both answers for a node: why it moves money or changes customer records, and why it acts outside the workflow. */
interface NodeEffects {
	money: string | undefined;
	effect: string | undefined;
}

/**
 * Both answers for every node of a graph under a policy, in one pass when first asked: several rules and the
 * inventory ask for the same nodes. (One table per graph, not a lookup inlined into each caller.)
 */
function effectsIn(graph: WorkflowGraph, policy: Policy): Map<WorkflowNode, NodeEffects> {
	return derivedOf(graph, 'effects', policy, () => {
		const safe = [...policy.safeHosts, ...DEFAULT_MODEL_HOSTS, ...policy.modelHosts, ...NOTIFICATION_HOSTS];
		const modelHosts = [...DEFAULT_MODEL_HOSTS, ...policy.modelHosts];
		const table = new Map<WorkflowNode, NodeEffects>();
		for (const node of graph.nodes) {
			const money = moneyOrCustomerChangeOf(node, policy, safe);
			table.set(node, { money, effect: money ?? sideEffectOf(node, policy, modelHosts) });
		}
		return table;
	});
}

/** A node's answers; a node that is not one of the graph's is a caller's mistake, never "no effect" (fail closed). */
function effectsOf(graph: WorkflowGraph, node: WorkflowNode, policy: Policy): NodeEffects {
	const found = effectsIn(graph, policy).get(node);
	if (found === undefined) throw new Error(`Node "${node.name}" is not a node of the graph of workflow "${graph.workflow.name}"`);
	return found;
}

/** Why this step (a node of the graph) moves money or changes customer records (the Approvals rule), or undefined. */
export const moneyOrCustomerChange = (graph: WorkflowGraph, node: WorkflowNode, policy: Policy): string | undefined => effectsOf(graph, node, policy).money;

/** Why this step (a node of the graph) has an effect outside the workflow (sends, writes, pays), or undefined. */
export const sideEffect = (graph: WorkflowGraph, node: WorkflowNode, policy: Policy): string | undefined => effectsOf(graph, node, policy).effect;

function moneyOrCustomerChangeOf(node: WorkflowNode, policy: Policy, safe: readonly string[]): string | undefined {
	if (node.disabled === true) return undefined;
	const op = operationOf(node);
	if (has(MONEY, policy.moneyNodeTypes, node) && !isRead(node)) return `moves money (${node.type}${op ? `, ${op}` : ''})`;
	if (has(CUSTOMER, policy.customerRecordNodeTypes, node) && (op === '' || CUSTOMER_WRITE.test(op))) {
		return `changes customer records (${node.type}${op ? `, ${op}` : ''})`;
	}
	if (has(DATABASE, [], node) && !isRead(node)) return `writes to a database (${node.type}${op ? `, ${op}` : ''})`;
	const write = httpWrite(node);
	if (write) {
		if (write.host === undefined) return `sends HTTP ${write.method} to a host only known at run time`;
		if (!hostMatches(write.host, safe)) return `sends HTTP ${write.method} to ${write.host}, which the policy does not list as safe`;
	}
	return undefined;
}

/** A side effect that is not money or customer records (those are checked first). */
function sideEffectOf(node: WorkflowNode, policy: Policy, modelHosts: readonly string[]): string | undefined {
	if (node.disabled === true) return undefined;
	if (has(MESSAGE, [], node) && !isRead(node)) return `sends a message (${node.type})`;
	if (has(CUSTOMER, policy.customerRecordNodeTypes, node) && !isRead(node)) return `writes to a CRM (${node.type})`;
	const write = httpWrite(node);
	if (write && !(write.host && hostMatches(write.host, modelHosts))) {
		return `sends HTTP ${write.method} to ${write.host ?? 'a host only known at run time'}`;
	}
	return undefined;
}
