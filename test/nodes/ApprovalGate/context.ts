import { randomBytes } from 'node:crypto';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, IWebhookFunctions } from 'n8n-workflow';

export const ALICE = 'alice@example.com';
export const BOB = 'bob@example.com';

const PROFILE = {
	environment: 'production',
	expectedBaseUrl: '',
	owner: 'owner@example.com',
	dataClassification: 'confidential',
	signingSecret: randomBytes(32).toString('base64'),
};
const CREDENTIALS: Record<string, IDataObject> = {
	governanceProfileApi: PROFILE,
	governanceApproversApi: { approvers: `${ALICE}\n${BOB}`, totpSecrets: '' },
};
const NODE = { id: 'gate-node-1', name: 'Approval Gate', type: 'n8n-nodes-governance.approvalGate', typeVersion: 1, position: [0, 0], parameters: {} };
const EXECUTION_ID = '4711';
const RESUME_URL = `http://127.0.0.1:5678/webhook-waiting/${EXECUTION_ID}?signature=n8n-resume-token`;

export const ITEMS: INodeExecutionData[] = [{ json: { amount: 90, requester: 'carol@example.com' } }];
const PARAMETERS: Record<string, unknown> = {
	title: 'Refund 90 EUR',
	riskNote: 'Money leaves the company',
	summary: 'Customer asked for a refund',
	requestedBy: 'carol@example.com',
	shownFields: 'amount',
	expiresAfter: 10,
	expiryUnit: 'minutes',
	channel: 'webhook',
	notificationUrl: 'http://127.0.0.1:9/notify',
	options: {},
};

/** What execute() posted to the notification channel. */
export interface SentNotification {
	links: Array<{ approver: string; url: string }>;
	body: Buffer;
	headers: Record<string, string>;
}

/** Runs the gate's execute() with mocks (parameters and credentials may be added) and returns what it posted. */
export async function sendApprovalRequest(parameters: Record<string, unknown> = {}, credentials: Record<string, IDataObject> = {}): Promise<SentNotification> {
	let sent: SentNotification | undefined;
	const all = { ...PARAMETERS, ...parameters };
	const context = {
		getInputData: () => ITEMS,
		getNode: () => NODE,
		getNodeParameter: (name: string, _index: number, fallback?: unknown) => (name in all ? all[name] : fallback),
		getCredentials: async (type: string) => {
			const found = { ...CREDENTIALS, ...credentials }[type];
			if (!found) throw new Error(`Node does not have any credentials set for "${type}"`);
			return found;
		},
		getExecutionId: () => EXECUTION_ID,
		evaluateExpression: () => RESUME_URL,
		getWorkflow: () => ({ id: 'wf-1', name: 'Refunds', active: true }),
		helpers: {
			httpRequest: async (options: { body: Buffer; headers: Record<string, string> }) => {
				sent = { links: JSON.parse(options.body.toString('utf8')).links, body: options.body, headers: options.headers };
				return {};
			},
		},
		addExecutionHints: () => undefined,
		putExecutionToWait: async () => undefined,
		continueOnFail: () => false,
	} as unknown as IExecuteFunctions;
	const { executeApprovalGate } = await import('../../../nodes/ApprovalGate/execute');
	await executeApprovalGate.call(context);
	if (sent === undefined) throw new Error('execute() sent no notification');
	return sent;
}

/** Runs the gate's execute() with mocks and returns each approver's link from the notification it sent. */
export async function approvalLinks(): Promise<Record<string, string>> {
	const sent = await sendApprovalRequest();
	return Object.fromEntries(sent.links.map((l) => [l.approver, l.url]));
}

/** What webhook() did to the HTTP response itself. */
export interface RecordedResponse {
	status?: number;
	headers: Record<string, string>;
	body?: unknown;
}

/** A webhook context for one hit on `url`, recording what webhook() writes to the response. */
export function webhookContext(request: { method: string; url: string; body?: unknown; headers?: Record<string, string> }) {
	const url = new URL(request.url);
	const response: RecordedResponse = { headers: {} };
	const res = {
		status(code: number) {
			response.status = code;
			return res;
		},
		setHeader(name: string, value: string) {
			response.headers[name.toLowerCase()] = value;
			return res;
		},
		send(body: unknown) {
			response.body = body;
			return res;
		},
	};
	const context = {
		getRequestObject: () => ({ method: request.method, originalUrl: `${url.pathname}${url.search}`, url: `${url.pathname}${url.search}` }),
		getResponseObject: () => res,
		getQueryData: () => Object.fromEntries(url.searchParams),
		getBodyData: () => request.body ?? {},
		getHeaderData: () => ({ 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0 Safari/537.36', ...request.headers }),
		getNode: () => NODE,
		getExecutionId: () => EXECUTION_ID,
		getNodeParameter: (name: string, fallback?: unknown) => (name in PARAMETERS ? PARAMETERS[name] : fallback),
		getCredentials: async (type: string) => CREDENTIALS[type],
		evaluateExpression: () => ITEMS,
	} as unknown as IWebhookFunctions;
	return { context, response };
}
