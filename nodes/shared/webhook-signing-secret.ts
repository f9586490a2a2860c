import type { ICredentialTestFunctions, ICredentialsDecrypted, INodeCredentialTestResult } from 'n8n-workflow';
import { checkSigningSecret } from '../../lib/webhook-signature/verify';

export const WEBHOOK_SIGNING_SECRET_CREDENTIAL = 'governanceWebhookSigningSecretApi';

/** Node-side test for the Webhook Signing Secret credential: there is no endpoint to call, so check the secrets. */
export async function webhookSigningSecretTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const data = (credential.data ?? {}) as Record<string, unknown>;
	const problems = [
		...checkSigningSecret(data.secret).map((p) => `secret: ${p}`),
		...(data.previousSecret ? checkSigningSecret(data.previousSecret).map((p) => `previousSecret: ${p}`) : []),
	];
	if (problems.length === 0) return { status: 'OK', message: 'The signing secret is usable' };
	return { status: 'Error', message: problems.join('; ') };
}
