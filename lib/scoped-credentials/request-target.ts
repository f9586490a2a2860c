/// <reference types="node" />
import { normaliseHost } from './host-pattern';

/**
 * The parts of a request that decide where a credential would go. n8n hands `authenticate` either
 * `httpRequestWithAuthentication` options (`url`, optional `baseURL`) or legacy
 * `requestWithAuthentication` options (`uri`; the HTTP Request node uses these). Its request layer
 * sends to `url ?? uri`, resolved against `baseURL` (see @n8n/backend-network resolveLegacyRequestTarget
 * and buildTargetUrl), so this does exactly the same.
 */
export interface RequestShape {
	url?: unknown;
	uri?: unknown;
	baseURL?: unknown;
	method?: unknown;
}

export interface RequestTarget {
	/** The absolute URL the request would be sent to. */
	href: string;
	/** `http` or `https` (anything else is refused before this is built). */
	scheme: string;
	/** Normalised host: lower case, no trailing dot, IPv6 without brackets. */
	host: string;
	/** Explicit port, or the scheme's default. */
	port: number;
	/** Upper-case method; GET when none is given. */
	method: string;
	/** The URL carried a user name or password (`https://api.example.com@evil.net`). */
	hasUserInfo: boolean;
}

export type TargetResult = { ok: true; target: RequestTarget } | { ok: false; problem: string };

const DEFAULT_PORTS: Record<string, number> = { 'http:': 80, 'https:': 443 };

function asText(value: unknown): string | undefined {
	if (value === undefined || value === null) return undefined;
	if (typeof value === 'string') return value;
	if (typeof value === 'object' && 'href' in (value as object)) return String((value as { href: unknown }).href);
	return String(value);
}

/** Resolves where the request would go, or says why that cannot be known (which callers must refuse). */
export function resolveRequestTarget(options: RequestShape): TargetResult {
	const raw = asText(options.url) ?? asText(options.uri);
	const base = asText(options.baseURL);
	let url: URL;
	try {
		if (raw === undefined || raw === '') {
			if (base === undefined || base === '') return { ok: false, problem: 'the request has no URL' };
			url = new URL(base);
		} else {
			url = base ? new URL(raw, base) : new URL(raw);
		}
	} catch {
		// The URL itself is not echoed: it may carry tokens in its query.
		return { ok: false, problem: 'the URL is not absolute (a relative URL needs a base URL) or cannot be parsed' };
	}
	const port = url.port === '' ? DEFAULT_PORTS[url.protocol] : Number(url.port);
	if (port === undefined) {
		return { ok: false, problem: `the scheme "${url.protocol.replace(/:$/, '')}" is not http or https` };
	}
	const method = (asText(options.method) ?? 'GET').trim().toUpperCase() || 'GET';
	return {
		ok: true,
		target: {
			href: url.href,
			scheme: url.protocol.replace(/:$/, ''),
			host: normaliseHost(url.hostname),
			port,
			method,
			hasUserInfo: url.username !== '' || url.password !== '',
		},
	};
}
