import type { ICredentialTestFunctions, ICredentialsDecrypted, INodeCredentialTestResult } from 'n8n-workflow';
import { describeSink, parseSinkConfig } from '../../lib/audit';

/** Node-side test for the Audit Sink credential: checks the fields without sending an event to the sink. */
export async function auditSinkTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	try {
		const config = parseSinkConfig((credential.data ?? {}) as Record<string, unknown>);
		return { status: 'OK', message: `Usable: events go to ${describeSink(config)}` };
	} catch (error) {
		return { status: 'Error', message: (error as Error).message };
	}
}
