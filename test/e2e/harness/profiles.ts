import { randomBytes } from 'node:crypto';
import { createCredential } from './client';

/** Creates a Governance Profile credential in the running n8n. */
export async function createProfile(overrides: Record<string, unknown> = {}) {
	const data = {
		environment: 'production',
		customEnvironment: '',
		expectedBaseUrl: '',
		owner: 'owner@governance.test',
		deputy: 'deputy@governance.test',
		sponsor: 'sponsor@governance.test',
		dataClassification: 'confidential',
		signingSecret: randomBytes(48).toString('base64'),
		scope: 'End-to-end test profile',
		...overrides,
	};
	return { ...(await createCredential('governanceProfileApi', data)), signingSecret: String(data.signingSecret) };
}
