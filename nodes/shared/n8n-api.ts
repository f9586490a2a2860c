import type { IDataObject, IExecuteFunctions, IHttpRequestMethods } from 'n8n-workflow';
import type { N8nApi } from '../../lib/shared/n8n-api';

/**
 * The lib/ transport for n8n's public API through one of our API-key credentials (fields baseUrl, apiKey): n8n's
 * authenticated request helper adds the key; statuses are returned, never thrown (lib/shared/n8n-api maps them).
 */
export async function n8nApiFor(context: IExecuteFunctions, credentialType: string): Promise<N8nApi> {
	const credentials = await context.getCredentials(credentialType);
	const base = String(credentials.baseUrl ?? '').trim().replace(/\/+$/, '');
	return async (request) => {
		const response = (await context.helpers.httpRequestWithAuthentication.call(context, credentialType, {
			method: request.method as IHttpRequestMethods,
			url: `${base}/api/v1${request.path}`,
			qs: request.qs,
			body: request.body as IDataObject | undefined,
			json: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
		})) as { statusCode?: number; body?: unknown };
		return { status: Number(response.statusCode ?? 0), body: response.body };
	};
}
