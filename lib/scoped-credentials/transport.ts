/// <reference types="node" />
import { GovernanceError, GovernanceErrorCode } from '../errors/governance-error';
import { normaliseHost } from './host-pattern';

/**
 * How a request travels, as n8n hands it to `authenticate`: the HTTP Request node's *Proxy* option arrives
 * as `proxy` (a URL string; other helpers pass `{ host, port, protocol, auth }`), its *Ignore SSL Issues* as
 * `skipSslCertificateValidation: true` (`httpRequestWithAuthentication`) or `rejectUnauthorized: false`
 * (legacy `requestWithAuthentication`); `agentOptions.rejectUnauthorized: false` has the same effect in both
 * (@n8n/backend-network buildAgentOptions / buildLegacyAgentOptions).
 */
export interface TransportShape {
	proxy?: unknown;
	skipSslCertificateValidation?: unknown;
	rejectUnauthorized?: unknown;
	agentOptions?: unknown;
}

/** One proxy, compared by scheme, host and port (a proxy's own user name and password are not part of it). */
export interface ProxyEndpoint {
	scheme: 'http' | 'https';
	host: string;
	port: number;
	/** `scheme://host:port`, never with a password: safe for messages. */
	display: string;
}

const DEFAULT_PORTS = { http: 80, https: 443 } as const;

/** Reads a proxy URL (or `{ host, port, protocol }` object); undefined when it is not an http(s) proxy URL. */
function readProxy(value: unknown): ProxyEndpoint | undefined {
	let text: string;
	if (typeof value === 'string') {
		text = value.trim();
	} else if (typeof value === 'object' && value !== null && typeof (value as { host?: unknown }).host === 'string') {
		const { host, port, protocol } = value as { host: string; port?: unknown; protocol?: unknown };
		const scheme = typeof protocol === 'string' && protocol !== '' ? protocol.replace(/:$/, '') : 'http';
		text = `${scheme}://${host}${port === undefined || port === null || port === '' ? '' : `:${String(port)}`}`;
	} else {
		return undefined;
	}
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		return undefined;
	}
	const scheme = url.protocol.replace(/:$/, '');
	if (scheme !== 'http' && scheme !== 'https') return undefined;
	const host = normaliseHost(url.hostname);
	if (host === '') return undefined;
	const port = url.port === '' ? DEFAULT_PORTS[scheme] : Number(url.port);
	const shownHost = host.includes(':') ? `[${host}]` : host;
	return { scheme, host, port, display: `${scheme}://${shownHost}:${port}` };
}

/** Whether the request names no proxy of its own (n8n then uses the environment's proxy settings, if any). */
export function hasNoProxy(value: unknown): boolean {
	return value === undefined || value === null || value === false || (typeof value === 'string' && value.trim() === '');
}

/** Parses "Allowed Proxies": `http(s)://host:port` entries separated by commas or new lines; invalid ones throw. */
export function parseAllowedProxies(text: string): ProxyEndpoint[] {
	return text
		.split(/[,\n\r]+/)
		.map((entry) => entry.trim())
		.filter((entry) => entry !== '')
		.map((entry) => {
			const endpoint = readProxy(entry);
			const extra = /^[a-z]+:\/\/[^/]*@/i.test(entry) || /^[a-z]+:\/\/[^/]+\/./i.test(entry) || /[?#]/.test(entry);
			if (endpoint === undefined || extra) {
				throw new GovernanceError(GovernanceErrorCode.InvalidConfiguration, `Allowed proxy "${entry.replace(/\/\/[^/]*@/, '//…@')}" is not usable`, {
					hint: 'Write each proxy as scheme://host:port, e.g. http://proxy.internal.example.com:3128 (no user, password or path)',
				});
			}
			return endpoint;
		});
}

export type TransportProblem = { rule: 'proxy-not-allowed' | 'tls-not-verified'; reason: string; hint: string };

const PROXY_HINT =
	'Remove the proxy from the request (HTTP Request node: Options → Proxy), or, if that proxy may see the secret, add it as scheme://host:port to "Allowed Proxies" in the credential';

/** Whether the request skips TLS certificate validation in any of the forms n8n's request layer honours. */
export function skipsCertificateValidation(request: TransportShape): boolean {
	const agent = request.agentOptions;
	return (
		request.skipSslCertificateValidation === true ||
		request.rejectUnauthorized === false ||
		(typeof agent === 'object' && agent !== null && (agent as { rejectUnauthorized?: unknown }).rejectUnauthorized === false)
	);
}

/**
 * Checks the way the request would travel: a proxy must be one of `allowedProxies` (exact scheme, host
 * and port), and certificate validation may only be skipped when `allowInsecureTls` is set. Returns the
 * first problem, or undefined when the transport is acceptable.
 */
export function checkTransport(
	request: TransportShape,
	allowedProxies: ProxyEndpoint[],
	allowInsecureTls: boolean,
): TransportProblem | undefined {
	if (!hasNoProxy(request.proxy)) {
		const proxy = readProxy(request.proxy);
		const listed = allowedProxies.length === 0 ? 'none' : allowedProxies.map((p) => p.display).join(', ');
		if (proxy === undefined) {
			// Not echoed: a proxy URL may carry the proxy's password.
			return { rule: 'proxy-not-allowed', reason: `the request names a proxy that is not an http(s)://host:port URL, and only the allowed proxies (${listed}) may carry the secret`, hint: PROXY_HINT };
		}
		const allowed = allowedProxies.some((p) => p.scheme === proxy.scheme && p.host === proxy.host && p.port === proxy.port);
		if (!allowed) {
			return { rule: 'proxy-not-allowed', reason: `proxy "${proxy.display}" is not in the allowed proxies (${listed}); a proxy can read the secret`, hint: PROXY_HINT };
		}
	}
	if (!allowInsecureTls && skipsCertificateValidation(request)) {
		return {
			rule: 'tls-not-verified',
			reason: 'the request skips TLS certificate validation ("Ignore SSL Issues") and "Allow Ignoring SSL Issues" is off; anyone in the path could pose as the server and read the secret',
			hint: 'Turn off "Ignore SSL Issues" in the node and give the server a valid certificate, or, if you accept that risk, turn on "Allow Ignoring SSL Issues" in the credential',
		};
	}
	return undefined;
}
