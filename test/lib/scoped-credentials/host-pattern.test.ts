import { hostMatches, parseAllowedHosts, parseHostPattern, redirectAllowList } from '../../../lib/scoped-credentials/host-pattern';

const matches = (entry: string, host: string, port = 443) => hostMatches(parseHostPattern(entry), host, port);

describe('allowed host patterns', () => {
	test.each([
		// [entry, host, port, expected, why]
		['api.example.com', 'api.example.com', 443, true, 'exact name'],
		['API.Example.COM', 'api.example.com', 443, true, 'entries are case-insensitive'],
		['api.example.com.', 'api.example.com', 443, true, 'trailing dot in the entry is dropped'],
		['api.example.com', 'api.example.com.evil.net', 443, false, 'a suffix is not the host'],
		['api.example.com', 'xapi.example.com', 443, false, 'exact means exact'],
		['*.example.com', 'a.example.com', 443, true, 'wildcard: one label below'],
		['*.example.com', 'a.b.example.com', 443, true, 'wildcard: any depth below'],
		['*.example.com', 'example.com', 443, false, 'wildcard never matches the apex'],
		['*.example.com', 'badexample.com', 443, false, 'wildcard needs the dot boundary'],
		['*.example.com', 'a.example.com.evil.net', 443, false, 'wildcard is a suffix match only'],
		['localhost:8443', 'localhost', 8443, true, 'pinned port matches'],
		['localhost:8443', 'localhost', 8080, false, 'pinned port: other ports refused'],
		['localhost', 'localhost', 5678, true, 'no port in the entry: any port'],
		['127.0.0.1', '127.0.0.1', 80, true, 'IPv4 literal'],
		['[::1]', '::1', 80, true, 'IPv6 literal in brackets'],
		['bücher.example', 'xn--bcher-kva.example', 443, true, 'IDN entries compare as punycode, like the request URL'],
	])('%s vs %s:%d → %s (%s)', (entry, host, port, expected) => {
		expect(matches(entry, host, port)).toBe(expected);
	});

	test.each([
		['https://api.example.com', /no scheme/],
		['api.example.com/v1', /no scheme, path/],
		['user@api.example.com', /no scheme, path, user/],
		['*', /wildcard/],
		['*.com', /at least two labels/],
		['a.*.example.com', /whole first label/],
		['*.127.0.0.1', /IP address/],
		['api.example.com:99999', /out of range/],
		['bad_host!.com', /not a valid host name/],
	])('when the entry is %s then it is refused naming the problem', (entry, problem) => {
		expect(() => parseHostPattern(entry)).toThrow(problem);
	});

	test('when entries are separated by commas and new lines then each one is read and blanks are ignored', () => {
		expect(parseAllowedHosts('api.example.com,\n *.internal.example.com \r\n\n,localhost:8080').map((p) => p.source)).toEqual([
			'api.example.com',
			'*.internal.example.com',
			'localhost:8080',
		]);
	});

	test.each([
		// [ours, existing, expected]
		['api.example.com, *.internal.example.com, localhost:8080', undefined, 'api.example.com,*.internal.example.com,localhost'],
		['api.example.com, *.internal.example.com', '*.example.com', 'api.example.com,*.internal.example.com'],
		['api.example.com, other.net', 'api.example.com', 'api.example.com'],
		['*.example.com', 'a.example.com', 'no-redirect-allowed.invalid'],
		['*.example.com', '*.example.com', '*.example.com'],
	])('when redirects are limited to %s with n8n list %s then the hop list is %s', (ours, existing, expected) => {
		expect(redirectAllowList(parseAllowedHosts(ours), existing)).toBe(expected);
	});
});
