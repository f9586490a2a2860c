import { randomBytes } from 'node:crypto';
import {
	checkProfile,
	normaliseBaseUrl,
	parseProfile,
} from '../../../lib/environment/profile';
import { GovernanceError } from '../../../lib/errors/governance-error';

const strongSecret = randomBytes(32).toString('hex');
const valid = {
	environment: 'production',
	customEnvironment: '',
	expectedBaseUrl: 'https://n8n.example.com/',
	owner: 'Owner@Example.com',
	deputy: '',
	sponsor: 'sponsor@example.com',
	dataClassification: 'restricted',
	signingSecret: strongSecret,
	scope: 'Refund approvals',
};

describe('Governance Profile values', () => {
	test('when every value is valid then no problem is reported and the profile is normalised', () => {
		expect(checkProfile(valid)).toEqual([]);
		expect(parseProfile(valid)).toMatchObject({
			environment: 'production',
			expectedBaseUrl: 'https://n8n.example.com',
			owner: 'owner@example.com',
			dataClassification: 'restricted',
		});
	});

	test.each([
		// each row breaks one field and expects exactly that field to be named
		['owner', { owner: 'not-an-email' }],
		['owner', { owner: '' }],
		['deputy', { deputy: 'deputy@' }],
		['sponsor', { sponsor: 'a b@example.com' }],
		['dataClassification', { dataClassification: 'secret' }],
		['expectedBaseUrl', { expectedBaseUrl: 'n8n.example.com' }],
		['expectedBaseUrl', { expectedBaseUrl: 'ftp://n8n.example.com' }],
		['customEnvironment', { environment: 'custom', customEnvironment: '9lives' }],
		['customEnvironment', { environment: 'custom', customEnvironment: '' }],
		['signingSecret', { signingSecret: '' }],
		['signingSecret', { signingSecret: 'correct horse battery staple' }],
		// The two the old entropy estimate accepted: a long typed phrase, and the base64 alphabet typed in order.
		['signingSecret', { signingSecret: 'my-n8n-production-signing-secret-for-the-governance-profile-2024!' }],
		['signingSecret', { signingSecret: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/' }],
		// 16 random bytes as hex: 128 bits, half of what is needed
		['signingSecret', { signingSecret: randomBytes(16).toString('hex') }],
		// long but repetitive
		['signingSecret', { signingSecret: 'ab'.repeat(60) }],
	])('when %s is wrong (%j) then the check names it', (field, override) => {
		const problems = checkProfile({ ...valid, ...override });
		expect(problems.map((p) => p.field)).toEqual([field]);
	});

	test('when several values are wrong then parseProfile throws one error naming all of them', () => {
		let caught: unknown;
		try {
			parseProfile({ ...valid, owner: 'x', signingSecret: 'short' });
		} catch (error) {
			caught = error;
		}
		expect(caught).toBeInstanceOf(GovernanceError);
		expect((caught as GovernanceError).message).toMatch(/owner "x" is not a valid email address.*Signing secret is not base64 or hex/);
		expect((caught as GovernanceError).hint).toMatch(/Governance Profile credential/);
	});

	test('when a custom environment is named then it is the environment', () => {
		expect(parseProfile({ ...valid, environment: 'custom', customEnvironment: 'EU-Prod' }).environment).toBe('eu-prod');
	});

	test.each([
		['https://N8N.example.com/', 'https://n8n.example.com'],
		['https://n8n.example.com:443', 'https://n8n.example.com'],
		['http://127.0.0.1:5678/', 'http://127.0.0.1:5678'],
		['https://example.com/n8n/', 'https://example.com/n8n'],
		['', ''],
	])('when the base URL is %s then it normalises to %s', (input, output) => {
		expect(normaliseBaseUrl(input)).toBe(output);
	});
});
