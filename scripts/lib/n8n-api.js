'use strict';
/** The few REST calls that set up a fresh n8n: owner account, sign-in cookie, public-API key. */

async function request(baseUrl, method, route, { body, cookie, apiKey } = {}) {
	const headers = { accept: 'application/json' };
	if (body !== undefined) headers['content-type'] = 'application/json';
	if (cookie) headers.cookie = cookie;
	if (apiKey) headers['x-n8n-api-key'] = apiKey;
	const response = await fetch(`${baseUrl}${route}`, {
		method,
		headers,
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.text();
	let json;
	try {
		json = text ? JSON.parse(text) : undefined;
	} catch {
		json = undefined;
	}
	return { status: response.status, json, text, headers: response.headers };
}

function expectOk(result, what) {
	if (result.status < 200 || result.status >= 300) {
		throw new Error(`${what} failed: HTTP ${result.status} ${result.text.slice(0, 500)}`);
	}
	return result;
}

function cookieFrom(result) {
	const setCookie = result.headers.getSetCookie ? result.headers.getSetCookie() : [];
	const auth = setCookie.find((c) => c.startsWith('n8n-auth='));
	if (!auth) throw new Error('n8n did not set the n8n-auth cookie');
	return auth.split(';')[0];
}

/** Creates the owner on a fresh instance, or signs in when it already exists. Returns the auth cookie. */
async function ensureOwner(baseUrl, owner) {
	const setup = await request(baseUrl, 'POST', '/rest/owner/setup', { body: owner });
	if (setup.status >= 200 && setup.status < 300) return cookieFrom(setup);
	const login = expectOk(
		await request(baseUrl, 'POST', '/rest/login', {
			body: { emailOrLdapLoginId: owner.email, password: owner.password },
		}),
		'Signing in as the owner',
	);
	return cookieFrom(login);
}

/** Creates a public-API key with every scope the instance offers. */
async function createApiKey(baseUrl, cookie, label = 'n8n-governance-tests') {
	const scopes = expectOk(await request(baseUrl, 'GET', '/rest/api-keys/scopes', { cookie }), 'Listing API key scopes');
	const created = expectOk(
		await request(baseUrl, 'POST', '/rest/api-keys', {
			cookie,
			body: { label, scopes: scopes.json.data, expiresAt: null },
		}),
		'Creating an API key',
	);
	return created.json.data.rawApiKey;
}

module.exports = { request, expectOk, ensureOwner, createApiKey };
