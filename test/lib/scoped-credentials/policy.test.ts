import { decideScopedRequest, parseScopedPolicy } from '../../../lib/scoped-credentials/policy';
import { resolveRequestTarget } from '../../../lib/scoped-credentials/request-target';

const NOW = Date.parse('2026-06-01T12:00:00Z');
const policy = parseScopedPolicy({
	allowedHosts: 'api.example.com, *.internal.example.com\nlocalhost:8443',
	allowedMethods: ['GET', 'POST'],
	expiresOn: '2026-12-31T00:00:00Z',
	rotateBy: '2026-05-01T00:00:00Z',
	allowHttp: false,
});
const decide = (request: Record<string, unknown>, p = policy, now = NOW) => decideScopedRequest(p, request, now);
const ruleOf = (request: Record<string, unknown>, p = policy, now = NOW) => {
	const decision = decide(request, p, now);
	return decision.allowed ? 'allowed' : decision.rule;
};

describe('scoped credential decision table', () => {
	test.each([
		// [request options as n8n passes them, expected rule, why]
		[{ url: 'https://api.example.com/v1/me' }, 'allowed', 'httpRequestWithAuthentication shape, GET by default'],
		[{ uri: 'https://api.example.com/v1/me', method: 'POST' }, 'allowed', 'legacy requestWithAuthentication shape (HTTP Request node)'],
		[{ url: '/v1/me', baseURL: 'https://api.example.com' }, 'allowed', 'relative URL resolved against baseURL'],
		[{ url: '', baseURL: 'https://api.example.com/v1/me' }, 'allowed', 'empty url: the base URL is the target'],
		[{ url: 'https://evil.example.net/', baseURL: 'https://api.example.com' }, 'host-not-allowed', 'an absolute url wins over baseURL'],
		[{ url: 'https://evil.example.net/', uri: 'https://api.example.com/' }, 'host-not-allowed', 'n8n sends to url ?? uri, so url is checked'],
		[{ url: 'https://API.EXAMPLE.COM./v1' }, 'allowed', 'case and trailing dot of the request host'],
		[{ url: 'https://a.b.internal.example.com/x' }, 'allowed', 'wildcard, two levels deep'],
		[{ url: 'https://internal.example.com/x' }, 'host-not-allowed', 'wildcard does not cover the apex'],
		[{ url: 'https://badexample.com/x' }, 'host-not-allowed', 'no dot boundary'],
		[{ url: 'https://api.example.com@evil.net/' }, 'host-not-allowed', 'userinfo trick: the real host is evil.net'],
		[{ url: 'https://api.example.com:pw@api.example.com/' }, 'user-info', 'userinfo on an allowed host is refused too'],
		[{ url: 'https://api.example.com\\@evil.net/' }, 'allowed', 'backslash is a path separator for WHATWG URL (axios parses the same way): host stays api.example.com'],
		[{ url: 'https://evil.net#@api.example.com' }, 'host-not-allowed', 'fragment trick'],
		[{ url: 'https://api.example.com:8443/x' }, 'allowed', 'unpinned entry: any port'],
		[{ url: 'https://localhost:8443/x' }, 'allowed', 'pinned port'],
		[{ url: 'https://localhost/x' }, 'host-not-allowed', 'pinned entry, default port 443'],
		[{ url: 'http://api.example.com/x' }, 'scheme-not-allowed', 'plain http refused unless allowed'],
		[{ url: 'http://evil.net/x' }, 'host-not-allowed', 'the host is reported before the scheme'],
		[{ url: 'ftp://api.example.com/x' }, 'target-unknown', 'non-http scheme'],
		[{ url: 'file:///etc/passwd' }, 'target-unknown', 'file scheme'],
		[{ url: '/relative/only' }, 'target-unknown', 'relative URL without a base'],
		[{}, 'target-unknown', 'no URL at all'],
		[{ url: 'https://api.example.com/', method: 'delete' }, 'method-not-allowed', 'method compared case-insensitively'],
		[{ url: 'https://api.example.com/', method: 'post' }, 'allowed', 'lower-case allowed method'],
		[{ url: 'https://[::1]/' }, 'host-not-allowed', 'IPv6 literal not listed'],
	])('%j → %s (%s)', (request, expected, _why) => {
		expect(ruleOf(request)).toBe(expected);
	});

	test('when plain http is allowed then an http URL to an allowed host passes', () => {
		const open = parseScopedPolicy({ allowedHosts: '127.0.0.1', allowHttp: true });
		expect(ruleOf({ uri: 'http://127.0.0.1:5678/x' }, open)).toBe('allowed');
		expect(ruleOf({ uri: 'http://localhost:5678/x' }, open)).toBe('host-not-allowed');
	});

	test('when no methods are listed then every method passes', () => {
		const any = parseScopedPolicy({ allowedHosts: 'api.example.com', allowedMethods: [] });
		expect(ruleOf({ url: 'https://api.example.com/', method: 'DELETE' }, any)).toBe('allowed');
	});

	test.each([
		// [now, expected]
		[Date.parse('2026-12-30T23:59:59Z'), 'allowed'],
		[Date.parse('2026-12-31T00:00:00Z'), 'expired'],
		[Date.parse('2027-01-01T00:00:00Z'), 'expired'],
	])('when it is %s then the expiry rule says %s', (now, expected) => {
		expect(ruleOf({ url: 'https://api.example.com/' }, policy, now)).toBe(expected);
	});

	test('when expired then even an allowed host is refused, with the expiry date and a fix', () => {
		const decision = decide({ url: 'https://api.example.com/' }, policy, Date.parse('2027-01-01T00:00:00Z'));
		expect(decision).toMatchObject({
			allowed: false,
			rule: 'expired',
			reason: 'the credential expired on 2026-12-31T00:00:00.000Z',
		});
	});

	test('when the host is not allowed then the reason names the host and the allowed list as written', () => {
		expect(decide({ url: 'https://evil.example.net/steal' })).toMatchObject({
			reason: 'host "evil.example.net" is not in the allowed hosts (api.example.com, *.internal.example.com, localhost:8443)',
		});
		expect(decide({ url: 'https://evil.example.net:8080/' })).toMatchObject({ reason: expect.stringContaining('host "evil.example.net:8080"') });
	});

	test('when rotate-by has passed then the request passes but is flagged overdue', () => {
		expect(decide({ url: 'https://api.example.com/' })).toMatchObject({ allowed: true, rotationOverdue: true });
	});

	test.each([
		[{ allowedHosts: '' }, /no allowed hosts/],
		[{ allowedHosts: '  ,\n ' }, /no allowed hosts/],
		[{ allowedHosts: 'https://api.example.com' }, /not usable/],
		[{ allowedHosts: 'api.example.com', expiresOn: 'next tuesday' }, /"Expires On" is not a date/],
	])('when the fields are %j then the policy cannot be read (fail closed)', (fields, message) => {
		expect(() => parseScopedPolicy(fields)).toThrow(message);
	});

	test('when the URL cannot be parsed then the reason does not echo it (it may carry tokens)', () => {
		const result = resolveRequestTarget({ url: '/x?token=SECRET' });
		expect(result.ok).toBe(false);
		expect(JSON.stringify(result)).not.toContain('SECRET');
	});
});
