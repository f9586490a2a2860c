import { randomBytes } from 'node:crypto';
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { executeContext } from '../helpers/execute-context';

export const PROFILE = {
	environment: 'production',
	expectedBaseUrl: '',
	owner: 'owner@example.com',
	dataClassification: 'confidential',
	signingSecret: randomBytes(32).toString('base64'),
};

export const WEBHOOK_SINK = { sinkType: 'webhook', url: 'http://127.0.0.1:9/audit', webhookSecret: 'receiver-secret-0123456789' };

export interface SentRequest {
	url: string;
	headers: Record<string, string>;
	body: string;
}

/** An execute context for the Audit Emitter: flow context shared between calls, recorded HTTP requests. */
export function emitterContext(options: {
	items: INodeExecutionData[];
	parameters: Record<string, unknown>;
	sink?: Record<string, unknown>;
	flow?: IDataObject;
	respond?: (request: SentRequest) => { statusCode: number } | Error;
	continueOnFail?: boolean;
	mode?: string;
	parents?: Array<{ name: string; type: string; parameters?: Record<string, unknown> }>;
	executionId?: string;
	/** The n8n API credential's answer for the execution record (attaches the credential); an Error fails the request. */
	n8nApi?: { workflowVersionId: string | null } | Error;
	/** Nodes after the emitter (getChildNodes); none by default. */
	children?: Array<{ name: string; type: string }>;
}) {
	const base = executeContext({ items: options.items, parameters: options.parameters, continueOnFail: options.continueOnFail, mode: options.mode });
	const flow: IDataObject = options.flow ?? {};
	const sent: SentRequest[] = [];
	const hints: Array<{ message: string }> = [];
	const node = {
		...base.getNode(),
		name: 'Audit Emitter',
		type: 'n8n-nodes-governance.auditEmitter',
		parameters: options.parameters,
		credentials: {
			governanceProfileApi: { id: 'p1', name: 'Prod profile' },
			governanceAuditSinkApi: { id: 'sink-1', name: 'Audit sink' },
			...(options.n8nApi ? { governanceExecutionRecordApi: { id: 'api-1', name: 'n8n API' } } : {}),
		},
	};
	const apiReads: string[] = [];
	const context = {
		...base,
		getNode: () => node,
		getCredentials: async (type: string) => {
			if (type === 'governanceProfileApi') return PROFILE;
			if (type === 'governanceAuditSinkApi' && options.sink) return options.sink;
			if (type === 'governanceExecutionRecordApi' && options.n8nApi) return { baseUrl: 'http://127.0.0.1:5678/', apiKey: 'k' };
			throw new Error(`no credential ${type}`);
		},
		getExecutionId: () => options.executionId ?? 'exec-1',
		getWorkflow: () => ({ id: 'wf-1', name: 'Support bot', active: true }),
		getChildNodes: () => (options.children ?? []).map((c) => ({ ...c, typeVersion: 1, disabled: false })),
		addExecutionHints: (...added: Array<{ message: string }>) => hints.push(...added),
		getParentNodes: () => (options.parents ?? [{ name: 'Webhook', type: 'n8n-nodes-base.webhook' }]).map((p) => ({ ...p, typeVersion: 1, disabled: false })),
		getContext: (type: string) => {
			if (type !== 'flow') throw new Error('only the flow context is expected');
			return flow;
		},
		helpers: {
			httpRequestWithAuthentication: async (credential: string, request: { url: string }) => {
				apiReads.push(`${credential} ${request.url}`);
				if (options.n8nApi instanceof Error) throw options.n8nApi;
				return { id: options.executionId ?? 'exec-1', ...options.n8nApi };
			},
			httpRequest: async (request: { url: string; headers: Record<string, string>; body: Buffer | string }) => {
				const entry = { url: request.url, headers: request.headers, body: request.body.toString() };
				sent.push(entry);
				const answer = options.respond ? options.respond(entry) : { statusCode: 200 };
				if (answer instanceof Error) throw answer;
				return { statusCode: answer.statusCode, headers: {}, body: '' };
			},
		},
	} as unknown as IExecuteFunctions;
	return { context, flow, sent, hints, apiReads };
}
