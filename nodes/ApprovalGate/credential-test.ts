import type { ICredentialTestFunctions, ICredentialsDecrypted, INodeCredentialTestResult } from 'n8n-workflow';
import { parseApproverRoster } from '../../lib/approval/gate';
import { otpauthUri } from '../../lib/approval/totp';

/** Checks the approvers credential and shows each enrolled approver's otpauth:// URI (to paste into a QR generator). */
export async function governanceApproversTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const data = credential.data ?? {};
	try {
		const roster = parseApproverRoster(String(data.approvers ?? ''), String(data.totpSecrets ?? ''));
		const issuer = String(data.issuer ?? '') || 'n8n Approvals';
		const notListed = Object.keys(roster.totpSecrets).filter((e) => !roster.approvers.includes(e));
		if (notListed.length > 0) {
			return { status: 'Error', message: `TOTP secrets are set for ${notListed.join(', ')}, who ${notListed.length === 1 ? 'is' : 'are'} not in Approver Emails` };
		}
		const uris = Object.entries(roster.totpSecrets).map(([account, secret]) => otpauthUri({ secret, account, issuer }));
		return {
			status: 'OK',
			message: `${roster.approvers.length} approver(s). ${uris.length > 0 ? `Enrolment URIs: ${uris.join(' ')}` : 'No authenticator enrolled.'}`,
		};
	} catch (error) {
		return { status: 'Error', message: (error as Error).message };
	}
}
