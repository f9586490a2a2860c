import type { EnvironmentAssertionInput } from '../../../lib/environment/assertion';
import { assertEnvironment, describeViolations } from '../../../lib/environment/assertion';
import type { GovernanceProfile } from '../../../lib/environment/profile';

const profile = (overrides: Partial<GovernanceProfile> = {}): GovernanceProfile => ({
	environment: 'production',
	expectedBaseUrl: 'https://n8n.example.com',
	owner: 'owner@example.com',
	deputy: '',
	sponsor: '',
	dataClassification: 'internal',
	signingSecret: 'x',
	scope: '',
	...overrides,
});

const input = (overrides: Partial<EnvironmentAssertionInput> = {}): EnvironmentAssertionInput => ({
	profile: profile(),
	allowedEnvironments: ['production'],
	requireBaseUrlMatch: false,
	actualBaseUrl: 'https://n8n.example.com',
	executionMode: 'webhook',
	allowManualInProduction: false,
	...overrides,
});

describe('assertEnvironment', () => {
	test.each<[string, Partial<EnvironmentAssertionInput>, string[]]>([
		['allowed environment, webhook run', {}, []],
		['one of several allowed', { profile: profile({ environment: 'staging' }), allowedEnvironments: ['staging', 'production'] }, []],
		['allowed list written in capitals', { allowedEnvironments: [' Production '] }, []],
		['environment not allowed', { profile: profile({ environment: 'development' }) }, ['environment-allowed']],
		['nothing allowed at all', { allowedEnvironments: ['', ' '] }, ['environment-allowed']],
		['base URL matches after normalisation', { requireBaseUrlMatch: true, actualBaseUrl: 'https://N8N.example.com/' }, []],
		['base URL differs', { requireBaseUrlMatch: true, actualBaseUrl: 'https://other.example.com' }, ['base-url-matches']],
		['base URL required but profile has none', { requireBaseUrlMatch: true, profile: profile({ expectedBaseUrl: '' }) }, ['base-url-matches']],
		['base URL differs but the rule is off', { actualBaseUrl: 'https://other.example.com' }, []],
		['manual run in production', { executionMode: 'manual' }, ['manual-in-production']],
		['manual run in production, allowed', { executionMode: 'manual', allowManualInProduction: true }, []],
		['manual run in staging', { executionMode: 'manual', profile: profile({ environment: 'staging' }), allowedEnvironments: ['staging'] }, []],
		[
			'everything wrong at once',
			{ profile: profile({ environment: 'development' }), allowedEnvironments: ['development', 'production'], requireBaseUrlMatch: true, actualBaseUrl: 'http://localhost:5678', executionMode: 'manual' },
			['base-url-matches'],
		],
	])('when %s then the violated rules are %j', (_, overrides, rules) => {
		const result = assertEnvironment(input(overrides));
		expect(result.ok ? [] : result.violations.map((v) => v.rule)).toEqual(rules);
	});

	test('when the environment is wrong then the message names expected and actual', () => {
		const result = assertEnvironment(input({ profile: profile({ environment: 'staging' }) }));
		if (result.ok) throw new Error('expected a violation');
		expect(describeViolations(result.violations)).toBe(
			'This workflow may run in production, but the Governance Profile says this instance is "staging" (expected: production; actual: staging)',
		);
		expect(result.violations[0].hint).toMatch(/select the right Governance Profile/);
	});
});
