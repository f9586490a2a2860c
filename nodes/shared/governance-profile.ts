import type {
	ICredentialTestFunctions,
	ICredentialsDecrypted,
	IExecuteFunctions,
	INodeCredentialTestResult,
} from 'n8n-workflow';
import type { GovernanceProfile } from '../../lib/environment/profile';
import { checkProfile, parseProfile } from '../../lib/environment/profile';

export const GOVERNANCE_PROFILE_CREDENTIAL = 'governanceProfileApi';

/** Node-side credential test for the Governance Profile (it has no HTTP endpoint to call). */
export async function governanceProfileTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const problems = checkProfile((credential.data ?? {}) as Record<string, unknown>);
	if (problems.length === 0) return { status: 'OK', message: 'The profile is complete and its secret is strong' };
	return { status: 'Error', message: problems.map((p) => `${p.field}: ${p.message}`).join('; ') };
}

/** Reads and validates the node's Governance Profile credential; throws a GovernanceError naming each problem. */
export async function readGovernanceProfile(
	context: IExecuteFunctions,
): Promise<{ profile: GovernanceProfile; profileName: string }> {
	const raw = await context.getCredentials(GOVERNANCE_PROFILE_CREDENTIAL);
	const profile = parseProfile(raw as Record<string, unknown>);
	const profileName = context.getNode().credentials?.[GOVERNANCE_PROFILE_CREDENTIAL]?.name ?? '';
	return { profile, profileName };
}
