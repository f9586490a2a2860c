import { attachScopedSecret, NO_REDIRECTS } from '../../../lib/scoped-credentials/attach';
import { decideScopedRequest, parseScopedPolicy } from '../../../lib/scoped-credentials/policy';

const NOW = Date.parse('2026-06-01T12:00:00Z');
const strict = parseScopedPolicy({ allowedHosts: 'api.example.com' });
const open = parseScopedPolicy({
	allowedHosts: 'api.example.com',
	allowedProxies: 'http://proxy.internal.example.com:3128\nhttps://[::1]:8443',
	allowInsecureTls: true,
});
const ruleOf = (request: Record<string, unknown>, policy = strict) => {
	const decision = decideScopedRequest(policy, { url: 'https://api.example.com/v1', ...request }, NOW);
	return decision.allowed ? 'allowed' : decision.rule;
};

describe('scoped credential transport rules (proxy, certificate validation)', () => {
	test.each([
		// [transport options as n8n passes them, rule without allowances, rule with the allowances above, why]
		[{}, 'allowed', 'allowed', 'no proxy, validation on'],
		[{ proxy: '' }, 'allowed', 'allowed', 'HTTP Request node with the Proxy option left empty'],
		[{ proxy: false }, 'allowed', 'allowed', 'axios "no proxy"'],
		[{ proxy: 'http://proxy.internal.example.com:3128' }, 'proxy-not-allowed', 'allowed', 'legacy shape: the node passes its Proxy option as a URL'],
		[{ proxy: 'http://user:pw@PROXY.internal.example.com.:3128/' }, 'proxy-not-allowed', 'allowed', 'proxy user/password, case, trailing dot and slash do not matter'],
		[{ proxy: { host: 'proxy.internal.example.com', port: 3128 } }, 'proxy-not-allowed', 'allowed', 'httpRequest shape: { host, port }'],
		[{ proxy: { host: 'proxy.internal.example.com', port: 3128, protocol: 'https:' } }, 'proxy-not-allowed', 'proxy-not-allowed', 'same host and port, other scheme'],
		[{ proxy: 'http://proxy.internal.example.com:3129' }, 'proxy-not-allowed', 'proxy-not-allowed', 'same host, other port'],
		[{ proxy: 'http://proxy.internal.example.com' }, 'proxy-not-allowed', 'proxy-not-allowed', 'default port 80 is not 3128'],
		[{ proxy: 'https://[::1]:8443' }, 'proxy-not-allowed', 'allowed', 'IPv6 proxy'],
		[{ proxy: 'socks5://proxy.internal.example.com:3128' }, 'proxy-not-allowed', 'proxy-not-allowed', 'not an http(s) proxy: refused, not guessed'],
		[{ proxy: 'not a url' }, 'proxy-not-allowed', 'proxy-not-allowed', 'unreadable proxy'],
		[{ proxy: { port: 3128 } }, 'proxy-not-allowed', 'proxy-not-allowed', 'proxy object without host'],
		[{ skipSslCertificateValidation: true }, 'tls-not-verified', 'allowed', 'httpRequestWithAuthentication: Ignore SSL Issues'],
		[{ rejectUnauthorized: false }, 'tls-not-verified', 'allowed', 'legacy requestWithAuthentication: Ignore SSL Issues'],
		[{ agentOptions: { rejectUnauthorized: false } }, 'tls-not-verified', 'allowed', 'agent options switch validation off too'],
		[{ rejectUnauthorized: true, skipSslCertificateValidation: false }, 'allowed', 'allowed', 'validation explicitly on'],
	])('%j → %s / %s with allowances (%s)', (request, expectedStrict, expectedOpen, _why) => {
		expect(ruleOf(request, strict)).toBe(expectedStrict);
		expect(ruleOf(request, open)).toBe(expectedOpen);
	});

	test('when a proxy is refused then the reason names the proxy (never its password) and the allowed proxies', () => {
		const decision = decideScopedRequest(strict, { url: 'https://api.example.com/', proxy: 'http://me:hunter2@127.0.0.1:3128' }, NOW);
		expect(decision).toMatchObject({
			allowed: false,
			rule: 'proxy-not-allowed',
			reason: 'proxy "http://127.0.0.1:3128" is not in the allowed proxies (none); a proxy can read the secret',
			hint: expect.stringContaining('"Allowed Proxies"'),
		});
		expect(JSON.stringify(decision)).not.toContain('hunter2');
		const listed = decideScopedRequest(open, { url: 'https://api.example.com/', proxy: 'http://127.0.0.1:3128' }, NOW);
		expect(listed).toMatchObject({ reason: expect.stringContaining('(http://proxy.internal.example.com:3128, https://[::1]:8443)') });
	});

	test('when certificate validation is skipped then the reason names "Ignore SSL Issues" and the credential field', () => {
		expect(decideScopedRequest(strict, { url: 'https://api.example.com/', rejectUnauthorized: false }, NOW)).toMatchObject({
			rule: 'tls-not-verified',
			reason: expect.stringMatching(/^the request skips TLS certificate validation \("Ignore SSL Issues"\) and "Allow Ignoring SSL Issues" is off/),
		});
	});

	test.each([
		['proxy.example.com:3128', 'no scheme'],
		['ftp://proxy.example.com:21', 'not http(s)'],
		['http://user:pw@proxy.example.com:3128', 'a password does not belong in this field'],
		['http://proxy.example.com:3128/path', 'a path'],
	])('when "Allowed Proxies" holds %j then the policy cannot be read (%s)', (entry) => {
		expect(() => parseScopedPolicy({ allowedHosts: 'api.example.com', allowedProxies: entry })).toThrow(/Allowed proxy ".*" is not usable/);
	});

	test('when the proxy field holds a password then the configuration error does not echo it', () => {
		const error = (() => {
			try {
				parseScopedPolicy({ allowedHosts: 'api.example.com', allowedProxies: 'http://user:hunter2@proxy.example.com:3128' });
			} catch (e) {
				return e as Error;
			}
			return undefined;
		})();
		expect(error?.message).not.toContain('hunter2');
	});
});

describe('scoped credential redirects', () => {
	const header = { name: 'X-API-Key', value: 'k-1' };
	test.each<[Record<string, unknown>, string]>([
		// [request options in, why]
		[{ uri: 'https://api.example.com/', followRedirect: true, followAllRedirects: true, maxRedirects: 21 }, 'HTTP Request node (legacy) with Follow Redirects on'],
		[{ url: 'https://api.example.com/', maxRedirects: 5 }, 'httpRequestWithAuthentication with a redirect limit'],
		[{ url: 'https://api.example.com/' }, 'httpRequestWithAuthentication with defaults (axios follows 21 hops)'],
	])('when the secret is attached to %j then redirects are switched off in both helper shapes (%s)', (request, _why) => {
		const result = attachScopedSecret('Scoped API Key', { allowedHosts: 'api.example.com' }, request, header, NOW);
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.request).toMatchObject({ followRedirect: false, followAllRedirects: false, maxRedirects: 0, disableFollowRedirect: true });
		expect(result.request).toMatchObject(NO_REDIRECTS);
	});
});
