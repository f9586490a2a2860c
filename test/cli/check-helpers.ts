/** Shared by the check / inventory / diff CLI tests: a temp folder, in-process runs of the CLI, fixture flows. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { main } from '../../cli/src/cli';
import { BASE, LC, flow, gov, http, n, profile, webhook } from '../../cli/src/check/rules/fixture-kit';

export const CLI_ROOT = join(__dirname, '..', '..', 'cli');

export function tempDir(prefix: string) {
	const dir = mkdtempSync(join(tmpdir(), prefix));
	return {
		dir,
		write(name: string, content: string | Uint8Array | unknown): string {
			const path = join(dir, name);
			mkdirSync(dirname(path), { recursive: true });
			writeFileSync(path, typeof content === 'string' || content instanceof Uint8Array ? content : JSON.stringify(content, null, 2));
			return path;
		},
		remove: () => rmSync(dir, { recursive: true, force: true }),
	};
}

export async function run(args: string[]) {
	let stdout = '';
	let stderr = '';
	const code = await main(args, { out: (t) => (stdout += t), err: (t) => (stderr += t), readStdin: () => '' });
	return { code, stdout, stderr };
}

/** A workflow that passes every rule: signed webhook, assertion, kill switch, redaction, gate, audit. */
export const cleanFlow = (name = 'Clean refund', id = 'wf-clean'): Record<string, unknown> => ({
	...flow(
		name,
		[
			webhook('Webhook'),
			gov('environmentAssertion', 'Assert', {}, { credentials: profile }),
			gov('killSwitch', 'Kill Switch'),
			gov('approvalGate', 'Gate'),
			gov('auditEmitter', 'Audit', {}, { credentials: profile }),
			n('Refund', `${BASE}stripe`, { resource: 'charge', operation: 'create' }),
		],
		[['Webhook', 'Assert'], ['Assert', 'Kill Switch'], ['Kill Switch', 'Gate'], ['Gate', 'Audit', 1], ['Audit', 'Refund']],
	),
	id,
});

/** Breaks one rule of each checklist section. */
export const badFlow = (name = 'Everything wrong', id = 'wf-bad'): Record<string, unknown> => ({
	...flow(
		name,
		[
			webhook('Webhook', { authentication: 'none', path: 'refund' }),
			http('Call CRM', 'https://crm.example.com/api', { method: 'POST', headerParameters: { parameters: [{ name: 'Authorization', value: 'Bearer plain-text-token-123' }] }, options: {} }, { retryOnFail: true, maxTries: 5 }),
			n('Agent', `${LC}agent`, { text: '={{ $json.body }}', options: { systemMessage: 'You are a refund assistant.' } }),
			n('Model', `${LC}lmChatOpenAi`, { model: 'gpt-4o-mini' }),
			gov('approvalGate', 'Gate', {}, { disabled: true }),
			n('Refund', `${BASE}stripe`, { operation: 'create' }),
			n('Sub', `${BASE}executeWorkflow`, { workflowId: 'wf-elsewhere' }),
		],
		[['Webhook', 'Call CRM'], ['Call CRM', 'Agent'], ['Model', 'Agent', 0, 'ai_languageModel'], ['Agent', 'Gate'], ['Gate', 'Refund', 1], ['Refund', 'Sub']],
		{ settings: { saveDataSuccessExecution: 'all' } },
	),
	id,
});

/**
 * A sub-workflow that moves money (`Pay`: Execute Workflow Trigger → Stripe create), with `extraTrigger` also reachable
 * from a webhook of its own, and a caller that reaches it through an Execute Workflow node, behind an Approval Gate
 * when `gated`: the cross-workflow approval fixtures.
 */
export const payingSub = (extraTrigger = false) => ({
	id: 'wf-pay',
	name: 'Pay',
	nodes: [
		{ name: 'Called', type: 'n8n-nodes-base.executeWorkflowTrigger', parameters: {} },
		...(extraTrigger ? [{ name: 'Hook', type: 'n8n-nodes-base.webhook', parameters: { authentication: 'basicAuth' } }] : []),
		{ name: 'Refund', type: 'n8n-nodes-base.stripe', parameters: { operation: 'create' } },
	],
	connections: { Called: { main: [[{ node: 'Refund', type: 'main', index: 0 }]] }, ...(extraTrigger ? { Hook: { main: [[{ node: 'Refund', type: 'main', index: 0 }]] } } : {}) },
});

export const payingCaller = (gated: boolean) => ({
	id: 'wf-caller',
	name: 'Caller',
	nodes: [
		{ name: 'Webhook', type: 'n8n-nodes-base.webhook', parameters: { authentication: 'basicAuth' } },
		...(gated ? [{ name: 'Gate', type: 'n8n-nodes-governance.approvalGate', parameters: {} }] : []),
		{ name: 'Call', type: 'n8n-nodes-base.executeWorkflow', parameters: { workflowId: { __rl: true, value: 'wf-pay', mode: 'list' } } },
	],
	connections: gated
		? { Webhook: { main: [[{ node: 'Gate', type: 'main', index: 0 }]] }, Gate: { main: [[], [{ node: 'Call', type: 'main', index: 0 }]] } }
		: { Webhook: { main: [[{ node: 'Call', type: 'main', index: 0 }]] } },
});
