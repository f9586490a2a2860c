/** Environment Assertion and Verify Webhook Signature behind the webhook processor, executed by the workers. */
import { createHmac, randomBytes } from 'node:crypto';
import type { WorkflowNode } from '../e2e/harness/client';
import { createActiveWorkflow, createCredential, nodeOutput, nodeRan, waitForExecutions } from '../e2e/harness/client';
import { noOp, type, uniquePath, webhookTrigger } from '../e2e/harness/nodes';
import { createProfile } from '../e2e/harness/profiles';
import { callQueueWebhook, workersThatRan } from './harness/client';

const SECRET = randomBytes(32).toString('hex');
const sign = (body: string) => `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`;

async function workflow(label: string, node: WorkflowNode, triggerOptions: Record<string, unknown> = {}) {
	const path = uniquePath(label);
	const workflowId = await createActiveWorkflow(`Queue ${path}`, [webhookTrigger(path, 'Webhook', 'lastNode', triggerOptions), node, noOp('After')]);
	return { path, workflowId };
}

async function assertion(environment: string) {
	const profile = await createProfile({ environment });
	return await workflow('queue-env', {
		name: 'Environment Assertion',
		type: type('environmentAssertion'),
		typeVersion: 1,
		parameters: { allowedEnvironments: ['production'] },
		credentials: { governanceProfileApi: profile },
	});
}

async function signature() {
	const credential = await createCredential('governanceWebhookSigningSecretApi', { secret: SECRET, previousSecret: '', owner: 'owner@governance.test' });
	return await workflow(
		'queue-sig',
		{ name: 'Verify Webhook Signature', type: type('verifyWebhookSignature'), typeVersion: 1, parameters: { preset: 'github' }, credentials: { governanceWebhookSigningSecretApi: credential } },
		{ rawBody: true },
	);
}

async function onlyExecution(workflowId: string) {
	const [execution] = await waitForExecutions(workflowId, 1, 60000);
	expect(workersThatRan(execution.id)).toHaveLength(1);
	return execution;
}

describe('Environment Assertion through the webhook processor', () => {
	test('when the profile says production then the items pass with the governance stamp', async () => {
		const { path, workflowId } = await assertion('production');
		const answer = await callQueueWebhook(path, { body: { order: 42 } });
		expect(answer.status).toBe(200);
		const execution = await onlyExecution(workflowId);
		expect(execution.status).toBe('success');
		expect(nodeOutput(execution, 'Environment Assertion')[0][0].governance).toMatchObject({ environment: 'production' });
		expect(nodeRan(execution, 'After')).toBe(true);
	});

	test('when the profile says development then the run stops at the assertion and the caller gets an error', async () => {
		const { path, workflowId } = await assertion('development');
		const answer = await callQueueWebhook(path, { body: { order: 43 } });
		expect(answer.status).toBeGreaterThanOrEqual(500);
		const execution = await onlyExecution(workflowId);
		expect(execution.status).toBe('error');
		expect(execution.data?.resultData.error?.message).toMatch(/^Environment assertion failed: .*"development"/);
		expect(nodeRan(execution, 'After')).toBe(false);
	});
});

describe('Verify Webhook Signature through the webhook processor', () => {
	test('when a GitHub-signed body arrives then the worker verifies the exact bytes the webhook processor received', async () => {
		const { path, workflowId } = await signature();
		const body = '{"action":  "opened", "number":42}';
		const answer = await callQueueWebhook(path, { rawBody: body, headers: { 'x-hub-signature-256': sign(body) } });
		const execution = await onlyExecution(workflowId);
		expect({ status: answer.status, run: execution.status, error: execution.data?.resultData.error?.message }).toEqual({ status: 200, run: 'success', error: undefined });
		expect(nodeOutput(execution, 'Verify Webhook Signature')[0][0].signatureCheck).toEqual({ valid: true, preset: 'github' });
		expect(nodeRan(execution, 'After')).toBe(true);
	});

	test('when the body was tampered with then the run stops at the node and the next node never runs', async () => {
		const { path, workflowId } = await signature();
		const answer = await callQueueWebhook(path, { rawBody: '{"amount":10000}', headers: { 'x-hub-signature-256': sign('{"amount":10}') } });
		expect(answer.status).toBeGreaterThanOrEqual(500);
		const execution = await onlyExecution(workflowId);
		expect(execution.data?.resultData.error?.message).toMatch(/^Webhook signature rejected \(GitHub preset\): signature mismatch/);
		expect(nodeRan(execution, 'After')).toBe(false);
	});
});
