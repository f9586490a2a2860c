import { buildHttpJsonRequest, createHttpJsonSource, interpretHttpJsonResponse } from '../../../lib/kill-switch/sources/http-json';
import { createExpressionSource, interpretExpressionValue } from '../../../lib/kill-switch/sources/expression';
import { createInMemorySource, createNoopSource } from '../../../lib/kill-switch/sources/memory';
import { buildOfrepRequest, createOfrepSource, interpretOfrepResponse } from '../../../lib/kill-switch/sources/ofrep';
import { buildUnleashRequest, createUnleashSource, interpretUnleashResponse } from '../../../lib/kill-switch/sources/unleash';
import { parseSinglePath } from '../../../lib/shared/path';
import type { FetchJson, HttpRequest, HttpResponse } from '../../../lib/kill-switch/types';
import { GovernanceError } from '../../../lib/errors/governance-error';

const res = (status: number, body: unknown): HttpResponse => ({ status, body });

describe('Unleash interpreter', () => {
	test('when building the request then it hits the client features endpoint with the token', () => {
		expect(buildUnleashRequest({ baseUrl: 'https://u.example.com/', token: 'default:production.abc', flagName: 'ai kill' })).toEqual({
			url: 'https://u.example.com/api/client/features/ai%20kill',
			method: 'GET',
			headers: { Authorization: 'default:production.abc', Accept: 'application/json', 'UNLEASH-APPNAME': 'n8n-nodes-governance' },
			timeoutMs: 2000,
		});
	});

	test('when the base URL already ends with /api then it is not doubled', () => {
		expect(buildUnleashRequest({ baseUrl: 'https://u.example.com/api', token: 't', flagName: 'f' }).url).toBe('https://u.example.com/api/client/features/f');
	});

	test.each([
		// enabled kill switch → halt value true, description as reason
		[res(200, { name: 'f', enabled: true, description: 'Vendor outage' }), { value: true, reason: 'Vendor outage' }],
		// disabled
		[res(200, { name: 'f', enabled: false, description: '' }), { value: false }],
		// body as raw JSON text
		[res(200, '{"name":"f","enabled":true}'), { value: true }],
		// list shape, flag present
		[res(200, { version: 2, features: [{ name: 'g', enabled: true }, { name: 'f', enabled: false }] }), { value: false }],
		// list shape, flag absent
		[res(200, { version: 2, features: [{ name: 'g', enabled: true }] }), { errorCode: 'FLAG_NOT_FOUND' }],
		// list shape, features not a list
		[res(200, { features: 'nope' }), { errorCode: 'PARSE_ERROR' }],
		// 404
		[res(404, { message: 'not found' }), { errorCode: 'FLAG_NOT_FOUND' }],
		// other flag name returned
		[res(200, { name: 'other', enabled: true }), { errorCode: 'FLAG_NOT_FOUND' }],
		// enabled not boolean
		[res(200, { name: 'f', enabled: 'true' }), { errorCode: 'TYPE_MISMATCH' }],
		// enabled missing
		[res(200, { name: 'f' }), { errorCode: 'TYPE_MISMATCH' }],
		// HTML login page
		[res(200, '<html>login</html>'), { errorCode: 'PARSE_ERROR' }],
		// JSON array
		[res(200, [1, 2]), { errorCode: 'PARSE_ERROR' }],
		// 401 bad token
		[res(401, 'Unauthorized'), { errorCode: 'HTTP_ERROR' }],
		// 500
		[res(500, 'oops'), { errorCode: 'HTTP_ERROR' }],
	])('when Unleash answers %p then the resolution is %p', (response, expected) => {
		expect(interpretUnleashResponse(response, 'f')).toMatchObject(expected);
	});
});

describe('OFREP interpreter', () => {
	test('when building the request then it POSTs the context to the single-flag endpoint', () => {
		expect(buildOfrepRequest({ baseUrl: 'https://flags.example.com', flagKey: 'kill/ai', headers: { Authorization: 'Bearer x' } }, { targetingKey: 'wf-1' })).toEqual({
			url: 'https://flags.example.com/ofrep/v1/evaluate/flags/kill%2Fai',
			method: 'POST',
			headers: { 'Content-Type': 'application/json', Accept: 'application/json', Authorization: 'Bearer x' },
			body: { context: { targetingKey: 'wf-1' } },
			timeoutMs: 2000,
		});
	});

	test.each([
		// boolean true with metadata reason
		[res(200, { key: 'k', value: true, reason: 'STATIC', variant: 'on', metadata: { reason: 'Incident 42' } }), { value: true, reason: 'Incident 42' }],
		// boolean false, variant as reason
		[res(200, { key: 'k', value: false, reason: 'TARGETING_MATCH', variant: 'off' }), { value: false, reason: 'off' }],
		// string value
		[res(200, { key: 'k', value: 'true', reason: 'STATIC' }), { errorCode: 'TYPE_MISMATCH' }],
		// number value
		[res(200, { key: 'k', value: 1 }), { errorCode: 'TYPE_MISMATCH' }],
		// object value
		[res(200, { key: 'k', value: { on: true } }), { errorCode: 'TYPE_MISMATCH' }],
		// null value
		[res(200, { key: 'k', value: null }), { errorCode: 'TYPE_MISMATCH' }],
		// no value, disabled → switch off
		[res(200, { key: 'k', reason: 'DISABLED' }), { value: false }],
		// no value otherwise
		[res(200, { key: 'k', reason: 'STATIC' }), { errorCode: 'PARSE_ERROR' }],
		// 404 flag not found
		[res(404, { key: 'k', errorCode: 'FLAG_NOT_FOUND', errorDetails: 'no such flag' }), { errorCode: 'FLAG_NOT_FOUND' }],
		// 404 without body
		[res(404, ''), { errorCode: 'FLAG_NOT_FOUND' }],
		// 400 parse error
		[res(400, { key: 'k', errorCode: 'PARSE_ERROR', errorDetails: 'bad context' }), { errorCode: 'PARSE_ERROR' }],
		// 400 targeting key missing
		[res(400, { key: 'k', errorCode: 'TARGETING_KEY_MISSING' }), { errorCode: 'HTTP_ERROR' }],
		// 400 unknown shape
		[res(400, 'bad'), { errorCode: 'HTTP_ERROR' }],
		// 200 with errorCode in body
		[res(200, { key: 'k', errorCode: 'TYPE_MISMATCH' }), { errorCode: 'TYPE_MISMATCH' }],
		// 401
		[res(401, {}), { errorCode: 'HTTP_ERROR' }],
		// 429
		[res(429, {}), { errorCode: 'HTTP_ERROR' }],
		// 500
		[res(500, { errorDetails: 'boom' }), { errorCode: 'HTTP_ERROR' }],
		// not JSON
		[res(200, 'not json'), { errorCode: 'PARSE_ERROR' }],
	])('when OFREP answers %p then the resolution is %p', (response, expected) => {
		expect(interpretOfrepResponse(response, 'k')).toMatchObject(expected);
	});

	test('when OFREP reports an error then details are included in the message', () => {
		expect(interpretOfrepResponse(res(404, { errorCode: 'FLAG_NOT_FOUND', errorDetails: 'no such flag' }), 'k').errorMessage).toMatch(/no such flag/);
	});
});

describe('HTTP JSON interpreter', () => {
	const paths = (value: string, reason?: string) => ({ valuePath: parseSinglePath(value), reasonPath: reason ? parseSinglePath(reason) : undefined, valuePathText: value });

	test.each([
		// nested boolean
		[res(200, { flags: { ai: { halt: true } } }), 'flags.ai.halt', undefined, { value: true }],
		// array index and reason sibling
		[res(200, { items: [{ off: false, why: 'all good' }] }), 'items[0].off', 'items[0].why', { value: false, reason: 'all good' }],
		// $-prefixed path, raw text body
		[res(200, '{"halt":true}'), '$.halt', undefined, { value: true }],
		// missing path
		[res(200, { flags: {} }), 'flags.ai.halt', undefined, { errorCode: 'FLAG_NOT_FOUND' }],
		// index out of range
		[res(200, { items: [] }), 'items[0].off', undefined, { errorCode: 'FLAG_NOT_FOUND' }],
		// the dot form of an index, and a quoted key
		[res(200, { items: [{ off: true }] }), 'items.0.off', undefined, { value: true }],
		[res(200, { 'kill switch': { 'ai.halt': true } }), '["kill switch"]["ai.halt"]', undefined, { value: true }],
		// a digit step on an object is a key
		[res(200, { flags: { '0': true } }), 'flags[0]', undefined, { value: true }],
		// prototype property is not data
		[res(200, {}), 'constructor', undefined, { errorCode: 'FLAG_NOT_FOUND' }],
		// string instead of boolean
		[res(200, { halt: 'true' }), 'halt', undefined, { errorCode: 'TYPE_MISMATCH' }],
		// number instead of boolean
		[res(200, { halt: 1 }), 'halt', undefined, { errorCode: 'TYPE_MISMATCH' }],
		// null
		[res(200, { halt: null }), 'halt', undefined, { errorCode: 'TYPE_MISMATCH' }],
		// not JSON
		[res(200, '<!doctype html>'), 'halt', undefined, { errorCode: 'PARSE_ERROR' }],
		// 500
		[res(500, { halt: true }), 'halt', undefined, { errorCode: 'HTTP_ERROR' }],
		// 404
		[res(404, ''), 'halt', undefined, { errorCode: 'HTTP_ERROR' }],
	])('when the document is %p and path %s then the resolution is %p', (response, value, reason, expected) => {
		expect(interpretHttpJsonResponse(response, paths(value, reason))).toEqual(expect.objectContaining(expected));
	});

	test('when building the request then it is a GET with headers', () => {
		expect(buildHttpJsonRequest({ url: ' https://x/flags.json ', headers: { 'X-Key': 'k' } })).toMatchObject({ url: 'https://x/flags.json', method: 'GET', headers: { 'X-Key': 'k' } });
	});

	test.each([
		['a..b', /two dots in a row/],
		['.a', /starts with a dot/],
		['a[', /is not closed/],
		['$', /whole document/],
		['', /empty/],
		['a[-1]', /not an index/],
		['items.*.halt', /matches many values/],
	])('when the path is %p then creating the source throws a GovernanceError saying why', (path, why) => {
		expect(() => createHttpJsonSource({ url: 'https://x', valuePath: path, fetchJson: async () => res(200, {}) })).toThrow(GovernanceError);
		expect(() => createHttpJsonSource({ url: 'https://x', valuePath: path, fetchJson: async () => res(200, {}) })).toThrow(why);
	});
});

describe('Expression interpreter', () => {
	test.each([
		// booleans
		[true, { value: true }],
		[false, { value: false }],
		// strings, any case, trimmed
		['true', { value: true }],
		[' FALSE ', { value: false }],
		// anything else
		['yes', { errorCode: 'TYPE_MISMATCH' }],
		[1, { errorCode: 'TYPE_MISMATCH' }],
		[0, { errorCode: 'TYPE_MISMATCH' }],
		[null, { errorCode: 'TYPE_MISMATCH' }],
		[undefined, { errorCode: 'TYPE_MISMATCH' }],
		[[true], { errorCode: 'TYPE_MISMATCH' }],
		['', { errorCode: 'TYPE_MISMATCH' }],
	])('when the expression gives %p then the resolution is %p', (value, expected) => {
		expect(interpretExpressionValue(value)).toMatchObject(expected);
	});

	test('when used as a source then evaluate resolves the value', async () => {
		await expect(createExpressionSource('true').evaluate()).resolves.toEqual({ value: true });
	});
});

describe('sources over an injected transport', () => {
	const throwing = (error: unknown): FetchJson => async () => {
		throw error;
	};

	test.each([
		// axios-style timeout
		[Object.assign(new Error('timeout of 2000ms exceeded'), { code: 'ECONNABORTED' }), 'TIMEOUT'],
		// fetch abort
		[Object.assign(new Error('aborted'), { name: 'TimeoutError' }), 'TIMEOUT'],
		// DNS failure
		[Object.assign(new Error('getaddrinfo ENOTFOUND flags.example.com'), { code: 'ENOTFOUND' }), 'SOURCE_UNREACHABLE'],
		// refused
		[Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:4242'), { code: 'ECONNREFUSED' }), 'SOURCE_UNREACHABLE'],
		// non-error throw
		['weird', 'SOURCE_UNREACHABLE'],
	])('when the transport throws %p then every source resolves %s', async (error, errorCode) => {
		const sources = [
			createUnleashSource({ baseUrl: 'https://u', token: 't', flagName: 'f', fetchJson: throwing(error) }),
			createOfrepSource({ baseUrl: 'https://o', flagKey: 'f', fetchJson: throwing(error) }),
			createHttpJsonSource({ url: 'https://h', valuePath: 'halt', fetchJson: throwing(error) }),
		];
		for (const source of sources) {
			const resolution = await source.evaluate();
			expect(resolution.errorCode).toBe(errorCode);
			expect(resolution.errorMessage).toContain(source.name);
		}
	});

	test('when the transport error contains a URL with credentials then they are stripped', async () => {
		const source = createHttpJsonSource({ url: 'https://h', valuePath: 'halt', fetchJson: throwing(new Error('failed https://user:pw@h/x?token=abc')) });
		const resolution = await source.evaluate();
		expect(resolution.errorMessage).not.toMatch(/pw@|token=abc/);
	});

	test('when the transport resolves garbage then the source is unreachable', async () => {
		const source = createUnleashSource({ baseUrl: 'https://u', token: 't', flagName: 'f', fetchJson: async () => undefined as never });
		await expect(source.evaluate()).resolves.toMatchObject({ errorCode: 'SOURCE_UNREACHABLE' });
	});

	test('when OFREP is evaluated with a context then the transport sees it', async () => {
		const seen: HttpRequest[] = [];
		const source = createOfrepSource({ baseUrl: 'https://o', flagKey: 'f', fetchJson: async (r) => (seen.push(r), res(200, { value: true })) });
		await expect(source.evaluate({ targetingKey: 'wf' })).resolves.toEqual({ value: true });
		expect(seen[0].body).toEqual({ context: { targetingKey: 'wf' } });
	});

	test('when configuration is missing then creating a source throws a GovernanceError', () => {
		expect(() => createUnleashSource({ baseUrl: '', token: 't', flagName: 'f', fetchJson: async () => res(200, {}) })).toThrow(GovernanceError);
		expect(() => createOfrepSource({ baseUrl: 'https://o', flagKey: '', fetchJson: async () => res(200, {}) })).toThrow(GovernanceError);
	});

	test('when using in-memory and no-op sources then values and call counts are as set', async () => {
		const memory = createInMemorySource('f', true);
		await expect(memory.evaluate()).resolves.toEqual({ value: true });
		memory.set({ errorCode: 'TIMEOUT' });
		await expect(memory.evaluate()).resolves.toEqual({ errorCode: 'TIMEOUT' });
		expect(memory.calls).toBe(2);
		await expect(createNoopSource().evaluate()).resolves.toMatchObject({ value: false });
	});
});
