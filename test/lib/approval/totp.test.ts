import { base32Decode, base32Encode, generateTotpSecret, otpauthUri, totpCode, totpStep, verifyTotp } from '../../../lib/approval/totp';

// RFC 6238 Appendix B, SHA-1 rows. Secret is ASCII "12345678901234567890".
const RFC_SECRET = base32Encode(Buffer.from('12345678901234567890', 'ascii'));

describe('totp', () => {
	test('when the RFC secret is base32-encoded then it matches the well-known string', () => {
		expect(RFC_SECRET).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
	});

	test.each([
		// [time seconds, 8-digit code from RFC 6238 Appendix B]
		[59, '94287082'],
		[1111111109, '07081804'],
		[1111111111, '14050471'],
		[1234567890, '89005924'],
		[2000000000, '69279037'],
		[20000000000, '65353130'],
	])('when time is %i s then the 8-digit SHA-1 code is %s (and the 6-digit code is its tail)', (seconds, code) => {
		expect(totpCode(RFC_SECRET, seconds * 1000, { digits: 8 })).toBe(code);
		expect(totpCode(RFC_SECRET, seconds * 1000)).toBe(code.slice(2));
	});

	test('when a secret is generated then it is 32 base32 chars decoding to 20 bytes', () => {
		const secret = generateTotpSecret();
		expect(secret).toMatch(/^[A-Z2-7]{32}$/);
		expect(base32Decode(secret)?.length).toBe(20);
	});

	test('when the random source is injected then the secret is deterministic', () => {
		expect(generateTotpSecret((n) => Buffer.alloc(n, 0))).toBe('A'.repeat(32));
	});

	test.each([
		// lowercase and spaces are accepted
		['gezd gnbv gy3t qojq gezd gnbv gy3t qojq', 20],
		// padding is ignored
		['MY======', 1],
	])('when decoding %p then it yields %i bytes', (text, length) => {
		expect(base32Decode(text)?.length).toBe(length);
	});

	test.each([
		// invalid alphabet
		['GEZ1'],
		// empty
		[''],
	])('when decoding invalid base32 %p then undefined', (text) => {
		expect(base32Decode(text)).toBeUndefined();
	});

	const now = 1111111111 * 1000;
	const step = totpStep(now);
	const codeAt = (offsetSteps: number) => totpCode(RFC_SECRET, now + offsetSteps * 30000);

	test.each([
		// current step
		[0, true],
		// one step back / forward is inside the default window
		[-1, true],
		[1, true],
		// two steps away is outside
		[-2, false],
		[2, false],
	])('when the code is %i steps from now then ok=%p', (offset, ok) => {
		const result = verifyTotp(RFC_SECRET, codeAt(offset), now);
		expect(result.ok).toBe(ok);
		if (result.ok) expect(result.step).toBe(step + offset);
	});

	test.each([
		// the exact step was used
		[[step], 0],
		// a later step was used: an earlier code must not be accepted any more
		[[step + 1], 0],
		// previous code after the current one was used
		[[step], -1],
	])('when used steps are %p and the code is %i steps away then it is refused as reused', (used, offset) => {
		expect(verifyTotp(RFC_SECRET, codeAt(offset), now, { usedSteps: used })).toEqual({
			ok: false,
			reason: 'reused_code',
			step: step + offset,
		});
	});

	test('when an older step was used then the current code is still accepted', () => {
		expect(verifyTotp(RFC_SECRET, codeAt(0), now, { usedSteps: [step - 1] })).toEqual({ ok: true, step });
	});

	test.each([
		// too short
		['12345', 'malformed_code'],
		// letters
		['12a456', 'malformed_code'],
		// not a string
		[123456, 'malformed_code'],
		// right shape, wrong code
		['000000', 'invalid_code'],
	])('when the code is %p then it is refused as %s', (code, reason) => {
		const result = verifyTotp(RFC_SECRET, code, now);
		if (code === '000000' && codeAt(0) === '000000') return;
		expect(result).toMatchObject({ ok: false, reason });
	});

	test('when the secret is not base32 then verify reports bad_secret instead of throwing', () => {
		expect(verifyTotp('not base32!', '123456', now)).toEqual({ ok: false, reason: 'bad_secret' });
	});

	test('when building an otpauth URI then label, issuer and parameters are encoded', () => {
		expect(otpauthUri({ secret: RFC_SECRET, account: 'alice@example.com', issuer: 'ACME Gov' })).toBe(
			`otpauth://totp/ACME%20Gov:alice%40example.com?secret=${RFC_SECRET}&issuer=ACME%20Gov&algorithm=SHA1&digits=6&period=30`,
		);
	});
});
