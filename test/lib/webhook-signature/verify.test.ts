import { createHmac, randomBytes } from 'node:crypto';
import { constantTimeEqual, digestMatchesHex } from '../../../lib/webhook-signature/constant-time';
import type { SignaturePresetId } from '../../../lib/webhook-signature/presets';
import { checkSigningSecret, signWebhook, verifyIncomingWebhook } from '../../../lib/webhook-signature/verify';

const SECRET = 'whsec_test_secret_0123456789abcdef';
const OTHER = 'another-secret-0123456789abcdef';
const NOW = Date.parse('2026-06-01T12:00:00Z');
const NOW_S = NOW / 1000;
const BODY = Buffer.from('{"action":"opened","number":42}');
const hmac = (secret: string, payload: string) => createHmac('sha256', secret).update(payload).digest('hex');
const lower = (headers: Record<string, string>) => Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));

function verify(preset: SignaturePresetId, headers: Record<string, unknown>, body = BODY, extra: Record<string, unknown> = {}) {
	return verifyIncomingWebhook({ preset, secrets: [SECRET], headers, rawBody: body, now: NOW, ...extra });
}
const reasonOf = (result: ReturnType<typeof verify>) => (result.valid ? 'valid' : result.reason);

// Headers computed independently of the lib (from each provider's documentation), so the presets are checked, not echoed.
const valid: Record<SignaturePresetId, Record<string, string>> = {
	generic: { 'x-signature': `sha256=${hmac(SECRET, BODY.toString())}` },
	github: { 'x-hub-signature-256': `sha256=${hmac(SECRET, BODY.toString())}` },
	stripe: { 'stripe-signature': `t=${NOW_S},v1=${hmac(SECRET, `${NOW_S}.${BODY.toString()}`)}` },
	slack: {
		'x-slack-signature': `v0=${hmac(SECRET, `v0:${NOW_S}:${BODY.toString()}`)}`,
		'x-slack-request-timestamp': String(NOW_S),
	},
};
const PRESETS = Object.keys(valid) as SignaturePresetId[];

describe('webhook signature presets', () => {
	test.each(PRESETS)('when the %s request is signed correctly then it is valid', (preset) => {
		expect(verify(preset, valid[preset])).toMatchObject({ valid: true, preset, secret: 'current' });
	});

	test.each(PRESETS)('when the %s signature is computed by signWebhook then it matches the documented format', (preset) => {
		const ts = preset === 'stripe' || preset === 'slack' ? NOW_S : undefined;
		expect(lower(signWebhook(preset, SECRET, BODY, ts))).toEqual(valid[preset]);
	});

	test.each(PRESETS)('when the %s body is tampered with then the signature does not match', (preset) => {
		expect(reasonOf(verify(preset, valid[preset], Buffer.from('{"action":"opened","number":43}')))).toBe('signature-mismatch');
	});

	test.each(PRESETS)('when the %s request was signed with another secret then the signature does not match', (preset) => {
		expect(reasonOf(verifyIncomingWebhook({ preset, secrets: [OTHER], headers: valid[preset], rawBody: BODY, now: NOW }))).toBe('signature-mismatch');
	});

	test.each(PRESETS)('when the %s request was signed with the previous secret during rotation then it is valid', (preset) => {
		expect(verifyIncomingWebhook({ preset, secrets: [OTHER, SECRET], headers: valid[preset], rawBody: BODY, now: NOW })).toMatchObject({
			valid: true,
			secret: 'previous',
		});
	});

	test.each(PRESETS)('when the %s signature header is missing then the reason is missing-header', (preset) => {
		const result = verify(preset, { 'content-type': 'application/json' });
		expect(reasonOf(result)).toBe('missing-header');
	});

	test.each([
		// [preset, headers, why]
		['github', { 'x-hub-signature-256': 'sha1=abc' }, 'wrong algorithm prefix'],
		['github', { 'x-hub-signature-256': `sha256=${'z'.repeat(64)}` }, 'not hex'],
		['github', { 'x-hub-signature-256': `sha256=${'a'.repeat(63)}` }, 'too short'],
		['generic', { 'x-signature': 'deadbeef' }, 'no prefix, too short'],
		['slack', { 'x-slack-signature': `v1=${'a'.repeat(64)}`, 'x-slack-request-timestamp': String(NOW_S) }, 'wrong version'],
		['slack', { 'x-slack-signature': `v0=${'a'.repeat(64)}`, 'x-slack-request-timestamp': 'yesterday' }, 'timestamp not numeric'],
		['stripe', { 'stripe-signature': `v1=${'a'.repeat(64)}` }, 'no t='],
		['stripe', { 'stripe-signature': `t=${NOW_S}` }, 'no v1='],
		['stripe', { 'stripe-signature': `t=${NOW_S},v1=xyz` }, 'v1 not hex'],
		['stripe', { 'stripe-signature': `t=${NOW_S},t=${NOW_S},v1=${'a'.repeat(64)}` }, 't repeated'],
		['github', { 'x-hub-signature-256': [valid.github['x-hub-signature-256'], valid.github['x-hub-signature-256']] }, 'header sent twice'],
	] as Array<[SignaturePresetId, Record<string, unknown>, string]>)('when the %s header is %j then it is malformed (%s)', (preset, headers) => {
		expect(reasonOf(verify(preset, headers))).toBe('malformed-header');
	});

	test('when the Slack timestamp header is missing then the message names that header', () => {
		const result = verify('slack', { 'x-slack-signature': valid.slack['x-slack-signature'] });
		expect(result).toMatchObject({
			reason: 'missing-header',
			message: 'Webhook signature rejected (Slack preset): missing header "X-Slack-Request-Timestamp"',
		});
	});

	test('when Stripe sends several v1 signatures (secret rolling) then any match is enough', () => {
		const good = hmac(SECRET, `${NOW_S}.${BODY.toString()}`);
		const header = `t=${NOW_S},v1=${'0'.repeat(64)},v0=${'1'.repeat(64)},v1=${good}`;
		expect(verify('stripe', { 'stripe-signature': header })).toMatchObject({ valid: true });
		expect(reasonOf(verify('stripe', { 'stripe-signature': `t=${NOW_S},v1=${'0'.repeat(64)},v1=${'1'.repeat(64)}` }))).toBe('signature-mismatch');
	});

	test.each([
		// [preset, skew seconds, tolerance, expected]
		['stripe', -300, undefined, 'valid'],
		['stripe', -301, undefined, 'timestamp-outside-window'],
		['stripe', 301, undefined, 'timestamp-outside-window'],
		['slack', -299, undefined, 'valid'],
		['slack', -3600, undefined, 'timestamp-outside-window'],
		['slack', -3600, 7200, 'valid'],
		['stripe', -10, 5, 'timestamp-outside-window'],
	] as Array<[SignaturePresetId, number, number | undefined, string]>)(
		'when a %s request is signed %d s from now with tolerance %s then it is %s',
		(preset, skew, tolerance, expected) => {
			const ts = NOW_S + skew;
			const headers = lower(signWebhook(preset, SECRET, BODY, ts));
			expect(reasonOf(verify(preset, headers, BODY, { toleranceSeconds: tolerance }))).toBe(expected);
		},
	);

	test('when a stale Stripe request is replayed then the message says how old it is and the window', () => {
		const headers = lower(signWebhook('stripe', SECRET, BODY, NOW_S - 812));
		expect(verify('stripe', headers)).toMatchObject({
			message: 'Webhook signature rejected (Stripe preset): timestamp 1780314388 is 812 s old, outside the 300 s window (a replayed or delayed request)',
		});
	});

	test('when the generic preset uses a custom header then only that header is read', () => {
		const headers = { 'x-acme-signature': valid.generic['x-signature'] };
		expect(verify('generic', headers, BODY, { signatureHeader: 'X-Acme-Signature' })).toMatchObject({ valid: true });
		expect(verify('generic', headers)).toMatchObject({ message: 'Webhook signature rejected (Generic preset): missing header "X-Signature"' });
	});

	test('when the hex signature is upper case then it still matches', () => {
		expect(verify('github', { 'x-hub-signature-256': `sha256=${hmac(SECRET, BODY.toString()).toUpperCase()}` })).toMatchObject({ valid: true });
	});

	test('when a GitHub signature does not match then the message names the preset, header and reason', () => {
		const result = verify('github', valid.github, Buffer.from('tampered'));
		expect(result).toMatchObject({
			message: 'Webhook signature rejected (GitHub preset): signature mismatch: "X-Hub-Signature-256" does not match the raw body signed with the credential\'s secret',
		});
	});

	test.each([
		[{ secrets: [''] }, /The signing secret is empty/],
		[{ secrets: ['short'] }, /shorter than 16 characters/],
		[{ secrets: [SECRET, 'short'] }, /shorter than 16/],
		[{ toleranceSeconds: 0 }, /out of range/],
		[{ preset: 'gitlab' }, /Unknown signature preset "gitlab"/],
		[{ signatureHeader: 'X Bad' }, /not a valid header name/],
	])('when the configuration is %j then it throws instead of deciding (fail closed)', (override, message) => {
		expect(() => verifyIncomingWebhook({ preset: 'github', secrets: [SECRET], headers: valid.github, rawBody: BODY, now: NOW, ...(override as object) })).toThrow(message);
	});

	test('checkSigningSecret lists problems for the credential test', () => {
		expect(checkSigningSecret(SECRET)).toEqual([]);
		expect(checkSigningSecret(undefined)).toEqual(['The signing secret is empty']);
	});

	test.each([
		// 16 spaces: anyone can sign with it
		[' '.repeat(16), 'The signing secret is only whitespace (spaces, tabs or line breaks), so anyone can sign with it'],
		// tabs and line breaks are whitespace too
		['\t\n \r'.repeat(8), 'The signing secret is only whitespace (spaces, tabs or line breaks), so anyone can sign with it'],
		// long enough only because of the padding
		['abcdefgh        ', 'The signing secret has fewer than 16 characters besides whitespace, so it can be guessed'],
		// a single repeated character
		['a'.repeat(32), 'The signing secret is one character over and over, so it can be guessed'],
		// a short unit written out again and again, with a partial last copy
		['abcabcabcabcabca', 'The signing secret is the same 3 characters over and over, so it can be guessed'],
		['passwordpassword', 'The signing secret is the same 8 characters over and over, so it can be guessed'],
		['12'.repeat(20), 'The signing secret is the same 2 characters over and over, so it can be guessed'],
		// not periodic, but only four different characters
		['1111222233334444', 'The signing secret uses only 4 different characters (at least 5 needed), so it can be guessed'],
		['aaaaaaaaaaaaaaab', 'The signing secret uses only 2 different characters (at least 5 needed), so it can be guessed'],
	])('when the secret is %j then it is refused as too weak', (secret, problem) => {
		expect(checkSigningSecret(secret)).toEqual([problem]);
	});

	test.each([
		// Slack signing secret: 32 hex digits
		['8f742231b10e8888abcd9900085a5e13'],
		// Stripe endpoint secret, used whole
		['whsec_5f8d2b9c1a7e4f3a6b0c9d8e7f6a5b4c'],
		// a GitHub secret the user chose: a passphrase and a 16-character generated one
		['correct horse battery staple'],
		['Q7v!pX2m#Lr9t@Ws'],
		// 16 random decimal digits
		['4817203956178340'],
		// a 16-character unit written out twice is as strong as the unit alone
		['Q7v!pX2m#Lr9t@WsQ7v!pX2m#Lr9t@Ws'],
	])('when the secret is %j (a format providers issue) then it is accepted', (secret) => {
		expect(checkSigningSecret(secret)).toEqual([]);
	});

	test('when random hex secrets are generated then none is refused', () => {
		for (let i = 0; i < 500; i++) {
			expect(checkSigningSecret(randomBytes(16).toString('hex'))).toEqual([]);
			expect(checkSigningSecret(`whsec_${randomBytes(24).toString('base64')}`)).toEqual([]);
		}
	});

	test.each([
		[{ secrets: [' '.repeat(16)] }, 'GitHub signature cannot be checked: The signing secret is only whitespace (spaces, tabs or line breaks), so anyone can sign with it'],
		[{ secrets: [SECRET, 'x'.repeat(20)] }, 'GitHub signature cannot be checked: The previous signing secret is one character over and over, so it can be guessed'],
	])('when the secret in use is %j then a request signed with it is not verified (fail closed)', (override, message) => {
		const secret = override.secrets[override.secrets.length - 1];
		const headers = lower(signWebhook('github', secret, BODY));
		expect(() => verifyIncomingWebhook({ preset: 'github', headers, rawBody: BODY, now: NOW, ...override })).toThrow(message);
	});
});

describe('constant-time comparison', () => {
	test.each([
		['abcd', 'abcd', true],
		['abcd', 'abce', false],
		['abcd', 'abc', false],
		['abc', 'abcd', false],
		['', '', true],
	])('constantTimeEqual(%s, %s) = %s, without throwing on length mismatch', (a, b, expected) => {
		expect(constantTimeEqual(Buffer.from(a), Buffer.from(b))).toBe(expected);
	});

	test('when the received hex is odd-length or not hex then it is a mismatch, not an exception', () => {
		const digest = Buffer.from('ab', 'hex');
		expect(digestMatchesHex(digest, 'ab')).toBe(true);
		expect(digestMatchesHex(digest, 'AB')).toBe(true);
		expect(digestMatchesHex(digest, 'a')).toBe(false);
		expect(digestMatchesHex(digest, 'zz')).toBe(false);
	});
});
