import type { Execution, WorkflowNode } from '../harness/client';
import { callWebhook, createActiveWorkflow, waitForExecutions } from '../harness/client';
import { noOp, type, uniquePath, webhookTrigger } from '../harness/nodes';

export const KILL_SWITCH = 'Kill Switch';
export const PROTECTED = 'Protected Step';
export const HALTED = 'Halted Branch';

/** Webhook → Kill Switch → Protected Step (and → Halted Branch on output 1 when routing). */
export async function killSwitchWorkflow(
	parameters: Record<string, unknown>,
	credentials?: Record<string, { id: string; name: string }>,
) {
	const path = uniquePath('kill');
	const nodes: WorkflowNode[] = [
		webhookTrigger(path),
		{ name: KILL_SWITCH, type: type('killSwitch'), typeVersion: 1, parameters, credentials },
		noOp(PROTECTED),
		noOp(HALTED),
	];
	const connections = {
		Webhook: { main: [[{ node: KILL_SWITCH, type: 'main' as const, index: 0 }]] },
		[KILL_SWITCH]: {
			main: [[{ node: PROTECTED, type: 'main' as const, index: 0 }], [{ node: HALTED, type: 'main' as const, index: 0 }]],
		},
	};
	const workflowId = await createActiveWorkflow(`Kill switch ${path}`, nodes, connections);
	let calls = 0;
	/** Calls the webhook and returns that execution (finished). */
	const run = async (body: unknown = {}): Promise<{ status: number; execution: Execution }> => {
		const response = await callWebhook(path, { body });
		calls++;
		const done = await waitForExecutions(workflowId, calls);
		const newest = done.reduce((a, b) => (Number(a.id) > Number(b.id) ? a : b));
		return { status: response.status, execution: newest };
	};
	return { path, workflowId, run };
}

export function errorMessage(execution: Execution): string {
	return execution.data?.resultData.error?.message ?? '';
}

export function errorDescription(execution: Execution): string {
	return execution.data?.resultData.error?.description ?? '';
}
