import { GovernanceError, GovernanceErrorCode } from '../errors/governance-error';
import { generatedSecretProblem } from '../shared/generated-secret';

/** The environments a Governance Profile can name; `custom` takes a free name. */
export const ENVIRONMENTS = ['development', 'staging', 'production'] as const;

export const DATA_CLASSIFICATIONS = ['public', 'internal', 'confidential', 'restricted'] as const;
export type DataClassification = (typeof DATA_CLASSIFICATIONS)[number];

/** What a Governance Profile credential holds, after normalisation. */
export interface GovernanceProfile {
	/** Lower-case environment name: development, staging, production or a custom name. */
	environment: string;
	/** Expected instance base URL, normalised (no trailing slash), or '' when not set. */
	expectedBaseUrl: string;
	owner: string;
	deputy: string;
	sponsor: string;
	dataClassification: DataClassification;
	signingSecret: string;
	scope: string;
}

export interface ProfileProblem {
	field: string;
	message: string;
}

const EMAIL = /^[^\s@<>()[\]\\,;:"]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;
const CUSTOM_ENVIRONMENT = /^[a-z][a-z0-9_-]{0,39}$/;

export function isEmail(value: string): boolean {
	return value.length <= 254 && EMAIL.test(value);
}

/** Normalises a base URL for comparison: lower-case scheme and host, default port dropped, no trailing slash. */
export function normaliseBaseUrl(value: string): string {
	const trimmed = value.trim();
	if (trimmed === '') return '';
	let url: URL;
	try {
		url = new URL(trimmed);
	} catch {
		throw new GovernanceError(GovernanceErrorCode.InvalidConfiguration, `"${trimmed}" is not a URL`, {
			hint: 'Write the full base URL including the scheme, e.g. https://n8n.example.com',
		});
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:') {
		throw new GovernanceError(
			GovernanceErrorCode.InvalidConfiguration,
			`"${trimmed}" is not an http(s) URL`,
			{ hint: 'Use an http:// or https:// base URL' },
		);
	}
	const path = url.pathname.replace(/\/+$/, '');
	return `${url.protocol}//${url.host}${path}`.toLowerCase();
}

/** Every problem with a profile's raw values, each naming its field. An empty list means the profile is usable. */
export function checkProfile(raw: Record<string, unknown>): ProfileProblem[] {
	const problems: ProfileProblem[] = [];
	const environment = resolveEnvironment(raw);
	if (!CUSTOM_ENVIRONMENT.test(environment)) {
		problems.push({
			field: 'customEnvironment',
			message: `Environment name "${environment}" must start with a letter and use only a-z, 0-9, "-" or "_" (at most 40 characters)`,
		});
	}
	const baseUrl = String(raw.expectedBaseUrl ?? '');
	try {
		normaliseBaseUrl(baseUrl);
	} catch (error) {
		problems.push({ field: 'expectedBaseUrl', message: (error as Error).message });
	}
	for (const field of ['owner', 'deputy', 'sponsor']) {
		const value = String(raw[field] ?? '').trim();
		const required = field === 'owner';
		if (value === '' && !required) continue;
		if (!isEmail(value)) {
			problems.push({ field, message: `${field} "${value}" is not a valid email address` });
		}
	}
	const classification = String(raw.dataClassification ?? '');
	if (!(DATA_CLASSIFICATIONS as readonly string[]).includes(classification)) {
		problems.push({
			field: 'dataClassification',
			message: `Data classification "${classification}" must be one of ${DATA_CLASSIFICATIONS.join(', ')}`,
		});
	}
	const secretProblem = generatedSecretProblem(String(raw.signingSecret ?? ''), 'Signing secret');
	if (secretProblem) problems.push({ field: 'signingSecret', message: secretProblem });
	return problems;
}

function resolveEnvironment(raw: Record<string, unknown>): string {
	const environment = String(raw.environment ?? '').trim().toLowerCase();
	return environment === 'custom' ? String(raw.customEnvironment ?? '').trim().toLowerCase() : environment;
}

/** Builds a profile from a credential's raw values, or throws naming every problem at once. */
export function parseProfile(raw: Record<string, unknown>): GovernanceProfile {
	const problems = checkProfile(raw);
	if (problems.length > 0) {
		throw new GovernanceError(
			GovernanceErrorCode.InvalidConfiguration,
			`The Governance Profile credential is not usable: ${problems.map((p) => p.message).join('; ')}`,
			{
				hint: 'Open the Governance Profile credential, correct the fields named above and save it',
				details: { problems },
			},
		);
	}
	return {
		environment: resolveEnvironment(raw),
		expectedBaseUrl: normaliseBaseUrl(String(raw.expectedBaseUrl ?? '')),
		owner: String(raw.owner).trim().toLowerCase(),
		deputy: String(raw.deputy ?? '').trim().toLowerCase(),
		sponsor: String(raw.sponsor ?? '').trim().toLowerCase(),
		dataClassification: raw.dataClassification as DataClassification,
		signingSecret: String(raw.signingSecret),
		scope: String(raw.scope ?? ''),
	};
}
