import type { IExecuteFunctions } from 'n8n-workflow';
import { GovernanceError, GovernanceErrorCode } from '../../lib/errors/governance-error';
import type { RunLimits } from '../../lib/kill-switch/run-plan';
import { DataTableWindowStore } from '../../lib/kill-switch/shared-window';
import { n8nApiFor } from '../shared/n8n-api';

export const LIMIT_STORE_CREDENTIAL = 'governanceLimitStoreApi';

/** True when a limit counts across executions (and so needs a store every execution and worker shares). */
export function hasWindowLimits(limits: RunLimits): boolean {
	return limits.executionsPerWindow !== undefined || limits.spendBudget !== undefined;
}

/**
 * The shared store of this node's window limits, or undefined when it has none. Window limits without the store stop
 * the run: workflow static data cannot hold them (a queue worker starts every new execution with empty static data,
 * and overlapping executions overwrite each other's counts), and a limit must never silently let everything through.
 */
export async function windowStoreFor(context: IExecuteFunctions, limits: RunLimits): Promise<DataTableWindowStore | undefined> {
	if (!hasWindowLimits(limits)) return undefined;
	if (!context.getNode().credentials?.[LIMIT_STORE_CREDENTIAL]) {
		throw new GovernanceError(
			GovernanceErrorCode.InvalidConfiguration,
			'"Max Executions per Window" and the spend budget need a shared limit store, and this node has none: counts kept in the workflow\'s static data start from zero on every queue-mode worker and are overwritten by overlapping executions, so the limit would not hold. Halting instead of letting runs through uncounted.',
			{
				hint: 'Add a "Governance Limit Store API" credential (an n8n data table with the columns key, version, state, writer) to this node, or remove the window limits. Max Runs and Max Items per Execution need no store.',
			},
		);
	}
	const credentials = await context.getCredentials(LIMIT_STORE_CREDENTIAL);
	const api = await n8nApiFor(context, LIMIT_STORE_CREDENTIAL);
	const workflowId = String(context.getWorkflow().id ?? '');
	return new DataTableWindowStore(api, String(credentials.dataTableId ?? '').trim(), `${workflowId}:${context.getNode().id}`);
}
