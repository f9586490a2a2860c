import type {
	ICredentialTestFunctions,
	ICredentialsDecrypted,
	IExecuteFunctions,
	INodeCredentialTestResult,
} from 'n8n-workflow';
import { GovernanceError, GovernanceErrorCode } from '../../lib/errors/governance-error';
import { hkdfSha256 } from '../../lib/shared/derived-keys';
import { generatedSecretProblem } from '../../lib/shared/generated-secret';
import { readGovernanceProfile } from '../shared/governance-profile';

export const REDACTION_KEY_CREDENTIAL = 'governanceRedactionKeyApi';

/** Where the secret for hash pseudonyms and reversible maps comes from. */
export type KeySource = 'governanceProfile' | 'none' | 'redactionKey';

/** Keys derived from one secret, so the map key and the pseudonym key are never the same bytes. */
export interface RedactionKeys {
	/** Shown in reports and errors; never secret. */
	keyId: string;
	/** `secret` of the engine: the reversible map key is derived from it (HKDF inside lib/redaction). */
	mapSecret: Buffer;
	/** `hmacKey` of the engine's hash operator. */
	hmacKey: Buffer;
}

const SALT = Buffer.from('n8n-nodes-governance/redact-restore-node', 'utf8');

function derive(secret: string, purpose: string): Buffer {
	return hkdfSha256(Buffer.from(secret, 'utf8'), SALT, Buffer.from(purpose, 'utf8'), 32);
}

/**
 * Subkeys of a secret. The Governance Profile's signing secret also signs approvals and audit events,
 * so nothing here ever uses a secret directly.
 */
export function deriveKeys(secret: string, keyId: string): RedactionKeys {
	return { keyId, mapSecret: derive(secret, 'reversible-map/v1'), hmacKey: derive(secret, 'hash-pseudonym/v1') };
}

export interface KeyProblem {
	field: string;
	message: string;
}

/** Every problem with a Redaction Key credential's raw values; empty when it is usable. */
export function checkRedactionKey(raw: Record<string, unknown>): KeyProblem[] {
	const problems: KeyProblem[] = [];
	const keyId = String(raw.keyId ?? '').trim();
	if (!/^[A-Za-z0-9._:-]{1,64}$/.test(keyId)) {
		problems.push({ field: 'keyId', message: 'Key ID must be 1-64 characters: letters, digits, ".", "_", ":" or "-"' });
	}
	const secretProblem = generatedSecretProblem(String(raw.secret ?? ''), 'Secret');
	if (secretProblem) problems.push({ field: 'secret', message: secretProblem });
	const previousId = String(raw.previousKeyId ?? '').trim();
	const previousSecret = String(raw.previousSecret ?? '');
	if (previousSecret !== '') {
		const previousProblem = generatedSecretProblem(previousSecret, 'Previous secret');
		if (previousProblem) problems.push({ field: 'previousSecret', message: previousProblem });
		if (previousId === '' || previousId === keyId) {
			problems.push({ field: 'previousKeyId', message: 'Previous Key ID must be set and differ from Key ID when a previous secret is given' });
		}
	}
	return problems;
}

/** Node-side credential test for the Redaction Key (it has no HTTP endpoint to call). */
export async function redactionKeyTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const problems = checkRedactionKey((credential.data ?? {}) as Record<string, unknown>);
	if (problems.length === 0) return { status: 'OK', message: 'The key is usable and its secret is strong' };
	return { status: 'Error', message: problems.map((p) => `${p.field}: ${p.message}`).join('; ') };
}

/**
 * The keys of the chosen source: the current key first, then (Redaction Key only) the previous one,
 * which Restore tries when the current one cannot open a map.
 */
export async function readKeys(context: IExecuteFunctions, source: KeySource): Promise<RedactionKeys[]> {
	if (source === 'governanceProfile') {
		const { profile, profileName } = await readGovernanceProfile(context);
		return [deriveKeys(profile.signingSecret, `governance-profile:${profileName}`)];
	}
	if (source !== 'redactionKey') {
		throw new GovernanceError(GovernanceErrorCode.InvalidConfiguration, `Unknown key source "${String(source)}".`, {
			hint: 'Choose Redaction Key or Governance Profile as the key source.',
		});
	}
	const raw = (await context.getCredentials(REDACTION_KEY_CREDENTIAL)) as Record<string, unknown>;
	const problems = checkRedactionKey(raw);
	if (problems.length > 0) {
		throw new GovernanceError(
			GovernanceErrorCode.InvalidConfiguration,
			`The Redaction Key credential is not usable: ${problems.map((p) => p.message).join('; ')}`,
			{ hint: 'Open the Redaction Key credential, correct the fields named above and save it' },
		);
	}
	const keys = [deriveKeys(String(raw.secret), String(raw.keyId).trim())];
	if (String(raw.previousSecret ?? '') !== '') keys.push(deriveKeys(String(raw.previousSecret), String(raw.previousKeyId).trim()));
	return keys;
}
