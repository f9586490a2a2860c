import type { WorkflowNode } from '../harness/client';
import { callWebhook, createActiveWorkflow, nodeRan, waitForExecutions } from '../harness/client';
import { noOp, type, uniquePath, webhookTrigger } from '../harness/nodes';
import { limitStoreCredential } from './limit-store';
import { HALTED, KILL_SWITCH, PROTECTED, errorDescription, errorMessage, killSwitchWorkflow } from './workflow';

const link = (node: string) => ({ node, type: 'main' as const, index: 0 });

/** Webhook → [Split Out] → Kill Switch → Protected Step → back to Kill Switch (a loop only the switch can stop). */
async function loopWorkflow(parameters: Record<string, unknown>, split: boolean) {
	const path = uniquePath('loop');
	const nodes: WorkflowNode[] = [
		webhookTrigger(path),
		...(split ? [{ name: 'Split Out', type: 'n8n-nodes-base.splitOut', typeVersion: 1, parameters: { fieldToSplitOut: 'body.items' } }] : []),
		{ name: KILL_SWITCH, type: type('killSwitch'), typeVersion: 1, parameters: { source: 'none', ...parameters } },
		noOp(PROTECTED),
		noOp(HALTED),
	];
	const connections = {
		Webhook: { main: [[link(split ? 'Split Out' : KILL_SWITCH)]] },
		...(split ? { 'Split Out': { main: [[link(KILL_SWITCH)]] } } : {}),
		[KILL_SWITCH]: { main: [[link(PROTECTED)], [link(HALTED)]] },
		[PROTECTED]: { main: [[link(KILL_SWITCH)]] },
	};
	const workflowId = await createActiveWorkflow(`Kill switch loop ${path}`, nodes, connections);
	return { path, workflowId };
}

function itemsPerRun(execution: Awaited<ReturnType<typeof waitForExecutions>>[number], node: string, output: number): number[] {
	return (execution.data?.resultData.runData[node] ?? []).map((run) => (run.data?.main?.[output] ?? []).length);
}

describe('Kill Switch limits in a real n8n', () => {
	test('when a loop runs the node more than Max Runs per Execution (3) then run 4 stops the execution and the protected step ran exactly 3 times', async () => {
		const { path, workflowId } = await loopWorkflow({ limits: { maxRunsPerExecution: 3 } }, false);
		await callWebhook(path, { body: { n: 1 } });
		const [execution] = await waitForExecutions(workflowId);
		expect(execution.status).toBe('error');
		expect(errorMessage(execution)).toBe(
			'Limit "max-runs-per-execution" reached: This node ran 4 times in one execution; the limit is 3. A loop may not terminate.',
		);
		expect(errorDescription(execution)).toBe(
			'Check the loop that leads back to this node for a missing exit condition, or raise "Max Runs per Execution" under Limits.',
		);
		expect(execution.data?.resultData.runData[PROTECTED]).toHaveLength(3);
		expect(execution.data?.resultData.runData[KILL_SWITCH]).toHaveLength(4);
	});

	test('when items loop back through the node then exactly Max Items per Execution (7) pass in total and the rest leave on Halted', async () => {
		const { path, workflowId } = await loopWorkflow({ onHalt: 'route', limits: { maxItemsPerExecution: 7, maxRunsPerExecution: 10 } }, true);
		await callWebhook(path, { body: { items: [{ i: 1 }, { i: 2 }, { i: 3 }] } });
		const [execution] = await waitForExecutions(workflowId);
		expect(execution.status).toBe('success');
		// runs of the switch: 3 pass, 3 pass, 1 passes + 2 halt, the 1 looped item halts
		expect(itemsPerRun(execution, KILL_SWITCH, 0)).toEqual([3, 3, 1, 0]);
		expect(itemsPerRun(execution, KILL_SWITCH, 1)).toEqual([0, 0, 2, 1]);
		const throughProtected = itemsPerRun(execution, PROTECTED, 0).reduce((a, b) => a + b, 0);
		expect(throughProtected).toBe(7);
		const halted = execution.data?.resultData.runData[KILL_SWITCH][2].data?.main[1]?.[0].json;
		expect(halted.killSwitch).toEqual({
			switch: 'max-items-per-execution',
			source: 'limit',
			reason: 'Item 2 of this run would be item 8 to pass in this execution; the limit is 7.',
			trippedAt: expect.any(String),
		});
	});

	test('when Max Executions per Window is 2 then the third execution of the active workflow halts (count kept in the limit store)', async () => {
		const store = await limitStoreCredential();
		const workflow = await killSwitchWorkflow({ source: 'none', limits: { maxExecutionsPerWindow: 2, executionWindowSeconds: 3600 } }, { governanceLimitStoreApi: store });
		expect((await workflow.run()).execution.status).toBe('success');
		expect((await workflow.run()).execution.status).toBe('success');
		const third = await workflow.run();
		expect(third.execution.status).toBe('error');
		expect(errorMessage(third.execution)).toBe('Limit "max-executions-per-window" reached: 2 executions already ran in the last 3600 s; the limit is 2.');
	});

	test('when 8 executions start at once with Max Executions per Window 3 then exactly 3 pass in all (the shared store holds under overlap)', async () => {
		const store = await limitStoreCredential();
		const path = uniquePath('burst');
		const workflowId = await createActiveWorkflow(`Kill switch burst ${path}`, [
			webhookTrigger(path),
			{
				name: KILL_SWITCH,
				type: type('killSwitch'),
				typeVersion: 1,
				parameters: { source: 'none', limits: { maxExecutionsPerWindow: 3, executionWindowSeconds: 3600 } },
				credentials: { governanceLimitStoreApi: store },
			},
			noOp(PROTECTED),
		]);
		await callWebhook(path, { body: { warmup: true } });
		await waitForExecutions(workflowId, 1);
		await Promise.all(Array.from({ length: 8 }, async (_, i) => await callWebhook(path, { body: { i } })));
		const executions = await waitForExecutions(workflowId, 9);
		const passed = executions.filter((e) => e.status === 'success').length;
		process.stderr.write(`[e2e] burst of 8 (+1 warm-up) with a window limit of 3: ${passed} executions passed\n`);
		expect(passed).toBe(3);
		expect(executions.filter((e) => nodeRan(e, PROTECTED))).toHaveLength(3);
	});

	test('when a window limit is set without a limit store then every run stops saying the limit could not hold', async () => {
		const workflow = await killSwitchWorkflow({ source: 'none', onHalt: 'route', limits: { maxExecutionsPerWindow: 100 } });
		const run = await workflow.run();
		expect(run.execution.status).toBe('error');
		expect(errorMessage(run.execution)).toMatch(/need a shared limit store, and this node has none/);
		expect(run.execution.data?.resultData.runData[PROTECTED]).toBeUndefined();
	});

	test('when a spend budget of 100 is reached exactly then the next item over the cap halts', async () => {
		const workflow = await killSwitchWorkflow(
			{ source: 'none', onHalt: 'route', limits: { spendField: 'body.tokens', spendCap: 100, spendWindowSeconds: 86400 } },
			{ governanceLimitStoreApi: await limitStoreCredential() },
		);
		const first = await workflow.run({ tokens: 60 });
		const second = await workflow.run({ tokens: 40 });
		const third = await workflow.run({ tokens: 1 });
		expect([first, second].map((r) => r.execution.data?.resultData.runData[PROTECTED]?.length ?? 0)).toEqual([1, 1]);
		const halted = third.execution.data?.resultData.runData[KILL_SWITCH][0].data?.main[1]?.[0].json;
		expect(halted.killSwitch).toMatchObject({ switch: 'spend-budget-per-window', source: 'limit', reason: 'Spend would reach 101 in this window; the cap is 100.' });
		expect(third.execution.data?.resultData.runData[PROTECTED]).toBeUndefined();
		expect(third.execution.data?.resultData.runData[HALTED]).toHaveLength(1);
	});
});
