import type { ICredentialTestFunctions, ICredentialsDecrypted, INodeCredentialTestResult } from 'n8n-workflow';

/** Node-side test for the HTTP header credential: the switch URL is a node parameter, so only the fields can be checked. */
export async function flagHttpHeaderTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const data = (credential.data ?? {}) as Record<string, unknown>;
	const name = String(data.headerName ?? '').trim();
	if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) return { status: 'Error', message: `"${name}" is not a valid HTTP header name` };
	if (String(data.secretValue ?? '') === '') return { status: 'Error', message: 'The header value is empty' };
	return { status: 'OK', message: 'The header is usable; the Kill Switch node sends it to its URL' };
}
