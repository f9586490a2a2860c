import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import type { N8nApi } from '../../../lib/shared/n8n-api';

export interface FakeRequest {
	options: { url: string; method: string; headers: Record<string, string>; body?: unknown; timeout: number; abortSignal?: AbortSignal };
}

export type FakeTransport = (request: FakeRequest) => Promise<{ statusCode: number; body: unknown }>;

/** A Kill Switch execute context: parameters (item-aware via functions), credentials, run index, contexts and an HTTP fake. */
export function killSwitchContext(options: {
	items: INodeExecutionData[];
	parameters: Record<string, unknown | ((itemIndex: number) => unknown)>;
	credentials?: Record<string, IDataObject>;
	transport?: FakeTransport;
	continueOnFail?: boolean;
	runIndex?: number;
	nodeContext?: IDataObject;
	staticData?: IDataObject;
	hints?: string[];
	cancelSignal?: AbortSignal;
	/** A data-table API for the Governance Limit Store API credential (attaches the credential). */
	limitStore?: N8nApi;
	executionId?: string;
}): IExecuteFunctions {
	const node = {
		id: 'node-ks',
		name: 'Kill Switch',
		type: 'n8n-nodes-governance.killSwitch',
		typeVersion: 1,
		position: [0, 0] as [number, number],
		parameters: {},
		credentials: {
			governanceUnleashClientApi: { id: 'cred-1', name: 'Unleash prod' },
			governanceOfrepApi: { id: 'cred-2', name: 'flagd' },
			...(options.limitStore ? { governanceLimitStoreApi: { id: 'cred-3', name: 'Limit store' } } : {}),
		},
	};
	const nodeContext = options.nodeContext ?? {};
	const staticData = options.staticData ?? {};
	const transport: FakeTransport = options.transport ?? (async () => ({ statusCode: 200, body: '{}' }));
	const context = {
		getInputData: () => options.items,
		getNodeParameter: (name: string, index: number, fallback?: unknown) => {
			if (!(name in options.parameters)) return fallback;
			const value = options.parameters[name];
			return typeof value === 'function' ? (value as (i: number) => unknown)(index) : value;
		},
		getCredentials: async (type: string) => {
			if (type === 'governanceLimitStoreApi' && options.limitStore) return { baseUrl: 'http://127.0.0.1:5678', apiKey: 'k', dataTableId: 'tbl1' };
			const found = options.credentials?.[type];
			if (!found) throw new Error(`Node "Kill Switch" does not have any credentials of type "${type}" set`);
			return found;
		},
		getNode: () => node,
		getWorkflow: () => ({ id: 'wf-1', name: 'Workflow One', active: true }),
		getExecutionId: () => options.executionId ?? 'exec-1',
		continueOnFail: () => options.continueOnFail ?? false,
		getWorkflowDataProxy: () => ({ $runIndex: options.runIndex ?? 0 }),
		getContext: () => nodeContext,
		getWorkflowStaticData: () => staticData,
		addExecutionHints: (...hints: Array<{ message: string }>) => options.hints?.push(...hints.map((h) => h.message)),
		getExecutionCancelSignal: () => options.cancelSignal,
		helpers: {
			httpRequest: async (request: FakeRequest['options']) => await transport({ options: request }),
			// n8n's authenticated helper swaps in the execution's own abort signal, so the node must not use it.
			// n8n's authenticated helper swaps in the execution's own abort signal: flag sources must not use it; the limit
			// store (n8n's own API) does.
			httpRequestWithAuthentication: async (type: string, request: { method: string; url: string; qs?: Record<string, string>; body?: unknown }) => {
				if (type !== 'governanceLimitStoreApi' || !options.limitStore) throw new Error('the Kill Switch must not use httpRequestWithAuthentication for flag sources');
				const scope = { GET: 'dataTableRow:read', POST: 'dataTableRow:create', PATCH: 'dataTableRow:update' }[request.method] ?? '';
				const path = request.url.replace('http://127.0.0.1:5678/api/v1', '');
				const answer = await options.limitStore({ method: request.method as 'GET', path, qs: request.qs, body: request.body, scope });
				return { statusCode: answer.status, body: answer.body };
			},
		},
	};
	return context as unknown as IExecuteFunctions;
}

export const items = (...jsons: IDataObject[]): INodeExecutionData[] => jsons.map((json) => ({ json }));
