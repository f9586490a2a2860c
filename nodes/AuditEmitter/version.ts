import type { IExecuteFunctions } from 'n8n-workflow';
import { nodeError } from '../shared/errors';

export const N8N_API_CREDENTIAL = 'governanceExecutionRecordApi';

/**
 * n8n 2.x does not tell a node which workflow version runs (getWorkflow() gives id, name and active;
 * the workflow's versionId is the draft, while production runs the published version). The execution
 * record stores what ran (`workflowVersionId`), and the public API serves it. So, with the optional
 * Governance Execution Record API credential, the first emitter of an execution reads its own record once and keeps
 * the answer in the execution's flow context (persisted with the execution, like the chain state), so
 * later emitters, loop passes and resumed runs on any worker reuse it.
 */
const FLOW_KEY = 'governanceWorkflowVersion';

/** The version this execution ran, or undefined without the credential (or when n8n stored none). */
export async function workflowVersionOf(context: IExecuteFunctions, executionId: string): Promise<string | undefined> {
	if (!context.getNode().credentials?.[N8N_API_CREDENTIAL]) return undefined;
	const flow = context.getContext('flow');
	const cached = flow[FLOW_KEY] as { executionId?: unknown; versionId?: unknown } | undefined;
	if (cached && cached.executionId === executionId) return typeof cached.versionId === 'string' ? cached.versionId : undefined;

	const credentials = await context.getCredentials(N8N_API_CREDENTIAL);
	const base = String(credentials.baseUrl ?? '').trim().replace(/\/+$/, '');
	let record: { workflowVersionId?: unknown };
	try {
		record = (await context.helpers.httpRequestWithAuthentication.call(context, N8N_API_CREDENTIAL, {
			method: 'GET',
			url: `${base}/api/v1/executions/${encodeURIComponent(executionId)}`,
			json: true,
		})) as { workflowVersionId?: unknown };
	} catch (error) {
		throw nodeError(
			context.getNode(),
			`Could not read the workflow version of execution ${executionId} from the n8n API at ${base}: ${(error as Error).message}`,
			{
				description:
					'Check the Governance Execution Record API credential (a base URL n8n can reach, an API key with the scope execution:read), or remove it from the Audit Emitter to record events without the workflow version.',
			},
		);
	}
	const version = record?.workflowVersionId;
	const versionId = typeof version === 'string' && version !== '' ? version : undefined;
	flow[FLOW_KEY] = { executionId, versionId: versionId ?? null };
	return versionId;
}
