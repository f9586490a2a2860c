import { GovernanceError, GovernanceErrorCode } from '../errors/governance-error';

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
/** 32 bytes of entropy, the strength of an HMAC-SHA256 key. */
export const MIN_SECRET_ENTROPY_BITS = 256;

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

/** Fewer distinct characters than this marks a secret as patterned ("abab…"), not random. */
const MIN_DISTINCT_CHARS = 10;

/**
 * Length of the shortest prefix that the whole string repeats at least twice ("abcabcab" → 3), by the KMP
 * prefix function; the full length when it does not repeat.
 */
function shortestPeriod(value: string): number {
	const prefix = new Array<number>(value.length).fill(0);
	for (let i = 1; i < value.length; i++) {
		let k = prefix[i - 1];
		while (k > 0 && value[i] !== value[k]) k = prefix[k - 1];
		if (value[i] === value[k]) k++;
		prefix[i] = k;
	}
	const period = value.length - prefix[value.length - 1];
	return period * 2 <= value.length ? period : value.length;
}

const HEX = /^[0-9a-fA-F]+$/;
const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;

/** Bits per character: 4 for hex, 6 for base64 using at least two character classes, else log2 of the classes used. */
function bitsPerChar(secret: string): number {
	if (HEX.test(secret)) return 4;
	const classes: Array<[RegExp, number]> = [
		[/[a-z]/, 26],
		[/[A-Z]/, 26],
		[/[0-9]/, 10],
		[/[^a-zA-Z0-9]/, 33],
	];
	const used = classes.filter(([re]) => re.test(secret));
	if (BASE64.test(secret) && used.length >= 2) return 6;
	return Math.log2(used.reduce((sum, [, size]) => sum + size, 0));
}

/**
 * Estimated entropy of a secret in bits: period × bits per character, where the period is the secret's
 * length (without base64 padding) unless it repeats itself ("abcdabcd…" counts 4 characters). Hex counts
 * 4 bits and base64 6 bits per character, so 32 random bytes in either encoding (`openssl rand -hex 32`,
 * `openssl rand -base64 32`) reach exactly 256 bits; a secret with fewer than 10 distinct characters counts
 * only log2(distinct) bits per character.
 */
export function estimateSecretEntropyBits(secret: string): number {
	const body = secret.replace(/=+$/, '');
	if (body.length === 0) return 0;
	const distinct = new Set(body).size;
	const perChar = distinct >= MIN_DISTINCT_CHARS ? bitsPerChar(body) : Math.log2(distinct);
	return shortestPeriod(body) * perChar;
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
	const secret = String(raw.signingSecret ?? '');
	const bits = estimateSecretEntropyBits(secret);
	if (bits < MIN_SECRET_ENTROPY_BITS) {
		problems.push({
			field: 'signingSecret',
			message: `Signing secret is too weak (about ${Math.floor(bits)} bits of entropy; at least ${MIN_SECRET_ENTROPY_BITS} needed). Use 43 or more random characters, e.g. the output of "openssl rand -base64 48"`,
		});
	}
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
