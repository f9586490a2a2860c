import type { WorkflowNode } from '../harness/client';
import { callWebhook, createActiveWorkflow, e2e, nodeOutput, nodeRan, rest, waitForExecutions } from '../harness/client';
import { noOp, type, uniquePath, webhookTrigger } from '../harness/nodes';
import { createProfile } from '../harness/profiles';

async function assertionWorkflow(
	credential: { id: string; name: string },
	parameters: Record<string, unknown>,
	extraNodes: WorkflowNode[] = [noOp('After Assertion')],
) {
	const path = uniquePath('env');
	const nodes: WorkflowNode[] = [
		webhookTrigger(path),
		{
			name: 'Environment Assertion',
			type: type('environmentAssertion'),
			typeVersion: 1,
			parameters,
			credentials: { governanceProfileApi: credential },
		},
		...extraNodes,
	];
	const workflowId = await createActiveWorkflow(`Environment assertion ${path}`, nodes);
	return { path, workflowId };
}

describe('Environment Assertion in a real n8n', () => {
	test('when n8n loads the pack then both types are listed as users see them', async () => {
		const nodes = await rest('GET', '/types/nodes.json');
		const credentials = await rest('GET', '/types/credentials.json');
		expect(nodes.status).toBe(200);
		const node = (nodes.json as Array<{ name: string; displayName: string }>).find(
			(n) => n.name === 'n8n-nodes-governance.environmentAssertion',
		);
		expect(node?.displayName).toBe('Environment Assertion');
		const credential = (credentials.json as Array<{ name: string; supportedNodes?: string[] }>).find(
			(c) => c.name === 'governanceProfileApi',
		);
		expect(credential).toBeDefined();
		expect(credential?.supportedNodes).toContain('n8n-nodes-governance.environmentAssertion');
	});

	test('when the profile environment is allowed then the items pass untouched plus the governance stamp', async () => {
		const credential = await createProfile({ environment: 'production' });
		const { path, workflowId } = await assertionWorkflow(credential, { allowedEnvironments: ['production'] });
		const response = await callWebhook(path, { body: { order: 42 } });
		expect(response.status).toBe(200);
		const [execution] = await waitForExecutions(workflowId);
		expect(execution.status).toBe('success');
		const [passed] = nodeOutput(execution, 'Environment Assertion');
		expect(passed).toHaveLength(1);
		expect(passed[0].body).toEqual({ order: 42 });
		expect(passed[0].governance).toEqual({
			environment: 'production',
			owner: 'owner@governance.test',
			profile: credential.name,
			dataClassification: 'confidential',
		});
		expect(nodeRan(execution, 'After Assertion')).toBe(true);
	});

	test('when the profile environment is not allowed then the run fails there and the next node never runs', async () => {
		const credential = await createProfile({ environment: 'development' });
		const { path, workflowId } = await assertionWorkflow(credential, { allowedEnvironments: ['production'] });
		const response = await callWebhook(path, { body: { order: 43 } });
		expect(response.status).toBeGreaterThanOrEqual(500);
		const [execution] = await waitForExecutions(workflowId);
		expect(execution.status).toBe('error');
		expect(execution.data?.resultData.error?.message).toBe(
			'Environment assertion failed: This workflow may run in production, but the Governance Profile says this instance is "development" (expected: production; actual: development)',
		);
		expect(execution.data?.resultData.error?.node?.name).toBe('Environment Assertion');
		expect(nodeRan(execution, 'After Assertion')).toBe(false);
	});

	test('when mismatches are routed then the items leave on the Mismatch output with the violation', async () => {
		const credential = await createProfile({ environment: 'staging' });
		const mismatch = noOp('On Mismatch');
		const { path, workflowId } = await assertionWorkflow(
			credential,
			{ allowedEnvironments: ['production'], onMismatch: 'route' },
			[noOp('After Assertion'), mismatch],
		);
		await callWebhook(path, { body: { order: 44 } });
		const [execution] = await waitForExecutions(workflowId);
		const [passed, routed] = nodeOutput(execution, 'Environment Assertion');
		expect(passed).toEqual([]);
		expect(routed).toHaveLength(1);
		expect(routed[0].governance.violations[0].rule).toBe('environment-allowed');
	});

	test('when it fails under "Continue (using error output)" then only an error item without input data leaves, on the error output', async () => {
		const credential = await createProfile({ environment: 'development' });
		const path = uniquePath('env-error-output');
		const nodes: WorkflowNode[] = [
			webhookTrigger(path),
			{
				name: 'Environment Assertion',
				type: type('environmentAssertion'),
				typeVersion: 1,
				parameters: { allowedEnvironments: ['production'] },
				credentials: { governanceProfileApi: credential },
				onError: 'continueErrorOutput',
			} as WorkflowNode,
			noOp('After Assertion'),
			noOp('Handle Error'),
		];
		const workflowId = await createActiveWorkflow(`Environment assertion ${path}`, nodes, {
			Webhook: { main: [[{ node: 'Environment Assertion', type: 'main', index: 0 }]] },
			'Environment Assertion': {
				main: [[{ node: 'After Assertion', type: 'main', index: 0 }], [{ node: 'Handle Error', type: 'main', index: 0 }]],
			},
		});
		await callWebhook(path, { body: { secretOrder: 'do-not-leak' } });
		const [execution] = await waitForExecutions(workflowId);
		expect(nodeRan(execution, 'After Assertion')).toBe(false);
		expect(nodeRan(execution, 'Handle Error')).toBe(true);
		const [errorItems] = nodeOutput(execution, 'Handle Error');
		expect(errorItems).toHaveLength(1);
		expect(errorItems[0].error).toMatch(/^Environment assertion failed/);
		expect(JSON.stringify(errorItems)).not.toContain('do-not-leak');
	});

	describe('base URL rule', () => {
		test('when the profile expects this instance URL then the items pass', async () => {
			const credential = await createProfile({ expectedBaseUrl: `${e2e().baseUrl}/` });
			const { path, workflowId } = await assertionWorkflow(credential, {
				allowedEnvironments: ['production'],
				requireBaseUrlMatch: true,
			});
			expect((await callWebhook(path, { body: {} })).status).toBe(200);
			const [execution] = await waitForExecutions(workflowId);
			expect(execution.status).toBe('success');
			expect(nodeRan(execution, 'After Assertion')).toBe(true);
		});

		test('when the profile expects another instance then the run fails naming both URLs', async () => {
			const credential = await createProfile({ expectedBaseUrl: 'https://n8n.example.com' });
			const { path, workflowId } = await assertionWorkflow(credential, {
				allowedEnvironments: ['production'],
				requireBaseUrlMatch: true,
			});
			expect((await callWebhook(path, { body: {} })).status).toBeGreaterThanOrEqual(500);
			const [execution] = await waitForExecutions(workflowId);
			expect(execution.status).toBe('error');
			expect(execution.data?.resultData.error?.message).toContain(
				`The Governance Profile belongs to the instance at https://n8n.example.com, but this instance is ${e2e().baseUrl}`,
			);
			expect(nodeRan(execution, 'After Assertion')).toBe(false);
		});
	});
});
