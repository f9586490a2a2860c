import type { GovernanceProfile } from './profile';
import { normaliseBaseUrl } from './profile';

/** What the Environment Assertion checks a profile against. */
export interface EnvironmentAssertionInput {
	profile: GovernanceProfile;
	/** Lower-case environment names the workflow may run in. */
	allowedEnvironments: string[];
	/** When true, the instance base URL must equal the profile's expected base URL. */
	requireBaseUrlMatch: boolean;
	/** The base URL this n8n instance reports for itself. */
	actualBaseUrl: string;
	/** n8n's execution mode: manual, webhook, trigger, integrated, ... */
	executionMode: string;
	/** When false, editor (manual) executions are refused in production. */
	allowManualInProduction: boolean;
}

export interface AssertionViolation {
	rule: string;
	expected: string;
	actual: string;
	message: string;
	hint: string;
}

export type AssertionResult = { ok: true } | { ok: false; violations: AssertionViolation[] };

interface AssertionRule {
	id: string;
	/** Returns the violation, or undefined when the rule holds or does not apply. */
	check: (input: EnvironmentAssertionInput) => Omit<AssertionViolation, 'rule'> | undefined;
}

const MANUAL_MODES = new Set(['manual']);

/** The checks, in the order they are reported. */
export const ENVIRONMENT_RULES: readonly AssertionRule[] = [
	{
		id: 'environment-allowed',
		check: ({ profile, allowedEnvironments }) => {
			const allowed = allowedEnvironments.map((e) => e.trim().toLowerCase()).filter((e) => e !== '');
			if (allowed.length === 0) {
				return {
					expected: '(at least one allowed environment)',
					actual: profile.environment,
					message: 'No allowed environment is configured, so no environment can pass',
					hint: 'Select the environments this workflow may run in under "Allowed Environments"',
				};
			}
			if (allowed.includes(profile.environment)) return undefined;
			return {
				expected: allowed.join(' or '),
				actual: profile.environment,
				message: `This workflow may run in ${allowed.join(' or ')}, but the Governance Profile says this instance is "${profile.environment}"`,
				hint: 'Run the workflow on an instance of an allowed environment, or select the right Governance Profile credential for this instance',
			};
		},
	},
	{
		id: 'base-url-matches',
		check: ({ profile, requireBaseUrlMatch, actualBaseUrl }) => {
			if (!requireBaseUrlMatch) return undefined;
			const actual = safeNormalise(actualBaseUrl);
			if (profile.expectedBaseUrl === '') {
				return {
					expected: '(an expected base URL in the profile)',
					actual,
					message: 'The base URL must match, but the Governance Profile has no expected instance base URL',
					hint: `Set "Expected Instance Base URL" in the Governance Profile credential (this instance reports ${actual}), or turn off "Require Base URL Match"`,
				};
			}
			if (profile.expectedBaseUrl === actual) return undefined;
			return {
				expected: profile.expectedBaseUrl,
				actual,
				message: `The Governance Profile belongs to the instance at ${profile.expectedBaseUrl}, but this instance is ${actual}`,
				hint: 'Use the Governance Profile made for this instance; a profile copied from another instance must not be reused. If the instance URL changed, update the profile (and N8N_EDITOR_BASE_URL)',
			};
		},
	},
	{
		id: 'manual-in-production',
		check: ({ profile, executionMode, allowManualInProduction }) => {
			if (allowManualInProduction || profile.environment !== 'production') return undefined;
			if (!MANUAL_MODES.has(executionMode)) return undefined;
			return {
				expected: 'a production trigger (webhook, schedule, ...)',
				actual: `${executionMode} execution`,
				message: 'Manual (editor) executions are not allowed in production',
				hint: 'Trigger the workflow through its production trigger, or turn on "Allow Manual Executions in Production" if testing here is intended',
			};
		},
	},
];

function safeNormalise(url: string): string {
	try {
		return normaliseBaseUrl(url);
	} catch {
		return url;
	}
}

/** Runs every rule; the assertion holds only when none is violated. */
export function assertEnvironment(input: EnvironmentAssertionInput): AssertionResult {
	const violations: AssertionViolation[] = [];
	for (const rule of ENVIRONMENT_RULES) {
		const violation = rule.check(input);
		if (violation) violations.push({ rule: rule.id, ...violation });
	}
	return violations.length === 0 ? { ok: true } : { ok: false, violations };
}

/** One message for all violations: what failed, expected vs actual. */
export function describeViolations(violations: AssertionViolation[]): string {
	return violations
		.map((v) => `${v.message} (expected: ${v.expected}; actual: ${v.actual})`)
		.join('. ');
}
