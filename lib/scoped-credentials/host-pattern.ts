/// <reference types="node" />
import { GovernanceError, GovernanceErrorCode } from '../errors/governance-error';

/** One entry of a scoped credential's "Allowed Hosts": an exact host or a `*.` wildcard, optionally pinned to a port. */
export interface HostPattern {
	/** The entry as the user wrote it (trimmed), for messages. */
	source: string;
	/** Lower-case ASCII (punycode) host without trailing dot; for a wildcard, the suffix after `*.`. */
	host: string;
	/** `*.example.com` matches any host below example.com (any depth), never example.com itself. */
	wildcard: boolean;
	/** When set, only this port matches (default ports count: 443 for https, 80 for http). */
	port?: number;
}

const HOST_LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/** Lower-cases, strips one trailing dot and IPv6 brackets: the form both sides are compared in. */
export function normaliseHost(host: string): string {
	let value = host.trim().toLowerCase();
	if (value.startsWith('[') && value.endsWith(']')) value = value.slice(1, -1);
	if (value.endsWith('.')) value = value.slice(0, -1);
	return value;
}

function invalidEntry(entry: string, why: string): GovernanceError {
	return new GovernanceError(GovernanceErrorCode.InvalidConfiguration, `Allowed host "${entry}" is not usable: ${why}`, {
		hint: 'Write one host per entry, e.g. api.example.com, *.internal.example.com or localhost:8443 (no scheme, no path), separated by commas or new lines',
	});
}

/** Parses one entry; throws a GovernanceError naming the entry when it cannot be a host. */
export function parseHostPattern(entry: string): HostPattern {
	const source = entry.trim();
	if (/[/\\?#@\s]/.test(source) || source.includes('://')) {
		throw invalidEntry(source, 'only a host name (and optional :port) is allowed, no scheme, path, user or spaces');
	}
	let wildcard = false;
	let rest = source;
	if (rest.startsWith('*.')) {
		wildcard = true;
		rest = rest.slice(2);
	} else if (rest.includes('*')) {
		throw invalidEntry(source, 'a wildcard is only allowed as a whole first label, as in *.example.com');
	}
	let port: number | undefined;
	const portMatch = /^(\[[^\]]+\]|[^:]+):(\d{1,5})$/.exec(rest);
	if (portMatch) {
		rest = portMatch[1];
		port = Number(portMatch[2]);
		if (port < 1 || port > 65535) throw invalidEntry(source, `port ${portMatch[2]} is out of range`);
	}
	let host: string;
	try {
		// The WHATWG parser is what the request will use: same punycode, same IPv4/IPv6 canonical form.
		host = normaliseHost(new URL(`http://${rest}/`).hostname);
	} catch {
		throw invalidEntry(source, 'it is not a valid host name');
	}
	if (host === '') throw invalidEntry(source, 'the host is empty');
	const isIp = IPV4.test(host) || host.includes(':');
	if (wildcard && isIp) throw invalidEntry(source, 'a wildcard cannot be combined with an IP address');
	if (!isIp && !host.split('.').every((label) => HOST_LABEL.test(label))) {
		throw invalidEntry(source, 'it is not a valid host name');
	}
	if (wildcard && !host.includes('.')) {
		throw invalidEntry(source, 'a wildcard needs at least two labels after "*." (e.g. *.example.com), or it would match whole top-level domains');
	}
	return { source, host, wildcard, port };
}

/** Splits "Allowed Hosts" on commas and new lines; empty entries are ignored, invalid ones throw. */
export function parseAllowedHosts(text: string): HostPattern[] {
	return text
		.split(/[,\n\r]+/)
		.map((entry) => entry.trim())
		.filter((entry) => entry !== '')
		.map(parseHostPattern);
}

/** Whether `host` (already normalised) on `port` matches the pattern. */
export function hostMatches(pattern: HostPattern, host: string, port: number): boolean {
	if (pattern.port !== undefined && pattern.port !== port) return false;
	if (pattern.wildcard) return host.endsWith(`.${pattern.host}`);
	return host === pattern.host;
}

/**
 * The allow-list in the comma-separated form n8n's request layer checks redirect hops against
 * (`allowedDomains`: exact names and `*.` wildcards, no ports). When a list is already set on the
 * request, only our entries that it also allows are kept, so a redirect must satisfy both.
 */
export function redirectAllowList(patterns: HostPattern[], existing?: string): string {
	const ours = patterns.map((p) => (p.wildcard ? `*.${p.host}` : p.host));
	if (existing === undefined || existing.trim() === '') return unique(ours).join(',');
	const theirs = existing
		.split(',')
		.map((d) => normaliseHost(d))
		.filter((d) => d !== '');
	const allowedByTheirs = (entry: string) =>
		theirs.some((t) => {
			if (t.startsWith('*.')) {
				const suffix = t.slice(2);
				const host = entry.startsWith('*.') ? entry.slice(2) : entry;
				return host.endsWith(`.${suffix}`) || (entry.startsWith('*.') && host === suffix);
			}
			return !entry.startsWith('*.') && t === entry;
		});
	const kept = unique(ours.filter(allowedByTheirs));
	// An empty list would mean "allow all" to n8n: keep a name that can never resolve instead.
	return kept.length > 0 ? kept.join(',') : 'no-redirect-allowed.invalid';
}

function unique(values: string[]): string[] {
	return [...new Set(values)];
}
