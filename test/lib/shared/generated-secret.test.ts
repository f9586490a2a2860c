import { randomBytes } from 'node:crypto';
import { GENERATE_SECRET_COMMAND, generatedSecretProblem } from '../../../lib/shared/generated-secret';

describe('generated secrets', () => {
	test.each([
		// What generators print for 32 or more random bytes.
		['openssl rand -base64 32', () => randomBytes(32).toString('base64')],
		['openssl rand -hex 32', () => randomBytes(32).toString('hex')],
		['upper-case hex', () => randomBytes(32).toString('hex').toUpperCase()],
		['base64url without padding (43 characters)', () => randomBytes(32).toString('base64url')],
		['openssl rand -base64 48', () => randomBytes(48).toString('base64')],
	])('when the secret is %s then it is accepted (200 samples)', (_label, make) => {
		for (let i = 0; i < 200; i++) {
			const secret = make();
			expect([secret, generatedSecretProblem(secret, 'Secret')]).toEqual([secret, undefined]);
		}
	});

	test.each([
		// The phrase the issue quotes: typed, not generated ("!" is in neither alphabet).
		['my-n8n-production-signing-secret-for-the-governance-profile-2024!', 'is not base64 or hex'],
		// The same phrase without "!" is valid base64url, but reads like words.
		['my-n8n-production-signing-secret-for-the-governance-profile-2024', 'does not look like generator output'],
		['MyProductionSigningSecretForTheGovernanceProfile2024', 'does not look like generator output'],
		// The base64 alphabet typed in order: 64 distinct characters, 48 bytes, one long run.
		['ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/', 'does not look like generator output'],
		['0123456789abcdef'.repeat(4), 'does not look like generator output'],
		['ab'.repeat(40), 'does not look like generator output'],
		['a'.repeat(64), 'does not look like generator output'],
		['correct horse battery staple correct horse battery', 'contains spaces or line breaks'],
		// 31 random bytes: one short.
		[randomBytes(31).toString('base64'), 'encodes 31 bytes as base64'],
		[randomBytes(31).toString('hex'), 'encodes 31 bytes as hex'],
		[randomBytes(16).toString('hex'), 'encodes 16 bytes as hex'],
		// Broken encodings: bad padding, mixed alphabets, odd hex length.
		[`${randomBytes(32).toString('base64')}=`, 'is not base64 or hex'],
		[`${randomBytes(32).toString('hex')}0`, 'is not base64 or hex'],
		['', 'is empty'],
	])('when the secret is %j then it is refused (%s) with the command to make one', (secret, problem) => {
		const message = generatedSecretProblem(secret, 'Secret');
		expect(message).toContain(`Secret ${problem}`);
		expect(message).toContain(`"${GENERATE_SECRET_COMMAND}"`);
	});
});
