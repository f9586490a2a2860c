import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

/** A minimal IExecuteFunctions for unit tests of node logic; the e2e tests cover the real thing. */
export function executeContext(options: {
	items: INodeExecutionData[];
	parameters: Record<string, unknown>;
	credentials?: Record<string, unknown>;
	continueOnFail?: boolean;
	mode?: string;
	baseUrl?: string;
}): IExecuteFunctions {
	const node = {
		id: 'node-1',
		name: 'Node Under Test',
		type: 'n8n-nodes-governance.test',
		typeVersion: 1,
		position: [0, 0] as [number, number],
		parameters: {},
		credentials: { governanceProfileApi: { id: '1', name: 'Prod profile' } },
	};
	return {
		getInputData: () => options.items,
		getNodeParameter: (name: string, _index: number, fallback?: unknown) =>
			name in options.parameters ? options.parameters[name] : fallback,
		getCredentials: async () => {
			if (!options.credentials) throw new Error('no credentials');
			return options.credentials;
		},
		getNode: () => node,
		continueOnFail: () => options.continueOnFail ?? false,
		getMode: () => options.mode ?? 'webhook',
		getInstanceBaseUrl: () => options.baseUrl ?? 'http://127.0.0.1:5678',
	} as unknown as IExecuteFunctions;
}
