import { expectOk, request } from '../../../scripts/lib/n8n-api';
import { LIMIT_STORE_COLUMNS } from '../../../lib/kill-switch/shared-window';
import { createCredential, e2e, rest } from '../harness/client';
import { uniquePath } from '../harness/nodes';

export const LIMIT_STORE_SCOPES = ['dataTableRow:read', 'dataTableRow:create', 'dataTableRow:update'];

/**
 * A data table for the Kill Switch's window limits (created through the public API with the harness's key), and a
 * Governance Limit Store API credential whose key has only the row scopes.
 */
export async function limitStoreCredential(state: { baseUrl: string; apiKey: string; cookie?: string } = e2e(), scopes = LIMIT_STORE_SCOPES) {
	const table = expectOk(
		await request(state.baseUrl, 'POST', '/api/v1/data-tables', { apiKey: state.apiKey, body: { name: uniquePath('limits'), columns: LIMIT_STORE_COLUMNS } }),
		'Creating the limit data table',
	);
	const key = state.cookie
		? await request(state.baseUrl, 'POST', '/rest/api-keys', { cookie: state.cookie, body: { label: uniquePath('limit-key'), scopes, expiresAt: null } })
		: await rest('POST', '/rest/api-keys', { label: uniquePath('limit-key'), scopes, expiresAt: null });
	const apiKey = key.json?.data?.rawApiKey as string | undefined;
	if (!apiKey) throw new Error(`could not create a limit-store API key: ${JSON.stringify(key.json)}`);
	const dataTableId = String(table.json.id);
	const credential = await createCredential('governanceLimitStoreApi', { baseUrl: state.baseUrl, apiKey, dataTableId }, `Limit store ${uniquePath('c')}`);
	return { ...credential, dataTableId };
}
