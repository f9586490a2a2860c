/// <reference types="node" />
import { GovernanceError, GovernanceErrorCode } from '../errors/governance-error';
import type { HostPattern } from './host-pattern';
import { hostMatches, parseAllowedHosts } from './host-pattern';
import type { RequestShape, RequestTarget } from './request-target';
import { resolveRequestTarget } from './request-target';
import type { ProxyEndpoint, TransportShape } from './transport';
import { checkTransport, parseAllowedProxies } from './transport';

/** The HTTP methods a scoped credential can be limited to. */
export const HTTP_METHODS = ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT'] as const;

/** What a scoped credential allows, parsed from its fields. */
export interface ScopedPolicy {
	allowedHosts: HostPattern[];
	/** Upper-case; empty = every method. */
	allowedMethods: string[];
	/** Epoch ms from which the credential is refused; undefined = no expiry. */
	expiresAt?: number;
	/** Epoch ms after which rotation is overdue (reported, not refused). */
	rotateBy?: number;
	/** Whether plain http:// targets may receive the secret. */
	allowHttp: boolean;
	/** The only proxies a request carrying the secret may name (exact scheme, host, port); empty = none. */
	allowedProxies: ProxyEndpoint[];
	/** Whether the secret may go on a request that skips TLS certificate validation. */
	allowInsecureTls: boolean;
}

/** The raw credential fields the policy is read from (names as in the credential types). */
export interface ScopedPolicyFields {
	allowedHosts?: unknown;
	allowedMethods?: unknown;
	expiresOn?: unknown;
	rotateBy?: unknown;
	allowHttp?: unknown;
	allowedProxies?: unknown;
	allowInsecureTls?: unknown;
}

/** Why a request was refused. Ids are stable; they appear in tests and docs. */
export type RefusalRule =
	| 'expired'
	| 'target-unknown'
	| 'scheme-not-allowed'
	| 'user-info'
	| 'host-not-allowed'
	| 'method-not-allowed'
	| 'proxy-not-allowed'
	| 'tls-not-verified';

export type ScopedDecision =
	| { allowed: true; target: RequestTarget; rotationOverdue: boolean }
	| { allowed: false; rule: RefusalRule; reason: string; hint: string };

function parseDate(value: unknown, field: string): number | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const time = value instanceof Date ? value.getTime() : Date.parse(String(value));
	if (Number.isNaN(time)) {
		throw new GovernanceError(GovernanceErrorCode.InvalidConfiguration, `"${field}" is not a date: ${String(value)}`, {
			hint: `Pick a date for "${field}" in the credential, or clear it`,
		});
	}
	return time;
}

function parseMethods(value: unknown): string[] {
	const list = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [];
	return [...new Set(list.map((m) => String(m).trim().toUpperCase()).filter((m) => m !== ''))];
}

/** Reads a policy from credential fields; throws a GovernanceError when a field cannot be used (fail closed). */
export function parseScopedPolicy(fields: ScopedPolicyFields): ScopedPolicy {
	const allowedHosts = parseAllowedHosts(typeof fields.allowedHosts === 'string' ? fields.allowedHosts : '');
	if (allowedHosts.length === 0) {
		throw new GovernanceError(GovernanceErrorCode.InvalidConfiguration, 'no allowed hosts are set, so the secret may not be sent anywhere', {
			hint: 'Enter the hosts this credential may be sent to under "Allowed Hosts", e.g. api.example.com',
		});
	}
	return {
		allowedHosts,
		allowedMethods: parseMethods(fields.allowedMethods),
		expiresAt: parseDate(fields.expiresOn, 'Expires On'),
		rotateBy: parseDate(fields.rotateBy, 'Rotate By'),
		allowHttp: fields.allowHttp === true,
		allowedProxies: parseAllowedProxies(typeof fields.allowedProxies === 'string' ? fields.allowedProxies : ''),
		allowInsecureTls: fields.allowInsecureTls === true,
	};
}

const refuse = (rule: RefusalRule, reason: string, hint: string): ScopedDecision => ({ allowed: false, rule, reason, hint });

/**
 * Decides whether the secret may be attached to this request. The checks run in the order below and the
 * first failing one is reported: expiry (an expired secret goes nowhere), where (URL, host, user info),
 * then how (scheme, method, proxy, certificate validation).
 */
export function decideScopedRequest(policy: ScopedPolicy, request: RequestShape & TransportShape, now: number): ScopedDecision {
	if (policy.expiresAt !== undefined && now >= policy.expiresAt) {
		return refuse(
			'expired',
			`the credential expired on ${new Date(policy.expiresAt).toISOString()}`,
			'Issue a new secret, store it in the credential and move "Expires On" forward',
		);
	}
	const resolved = resolveRequestTarget(request);
	if (!resolved.ok) return refuse('target-unknown', resolved.problem, 'Use an absolute https:// URL whose host is in "Allowed Hosts"');
	const { target } = resolved;
	if (!policy.allowedHosts.some((pattern) => hostMatches(pattern, target.host, target.port))) {
		const shown = target.port === 443 || target.port === 80 ? target.host : `${target.host}:${target.port}`;
		return refuse(
			'host-not-allowed',
			`host "${shown}" is not in the allowed hosts (${policy.allowedHosts.map((p) => p.source).join(', ')})`,
			'Send the request to an allowed host, or (if this host is legitimate) add it to "Allowed Hosts" in the credential',
		);
	}
	if (target.hasUserInfo) {
		return refuse(
			'user-info',
			`the URL to "${target.host}" contains a user name or password before the host`,
			'Remove the "user@" part from the URL; put credentials in the credential, not in the URL',
		);
	}
	if (target.scheme !== 'https' && !(target.scheme === 'http' && policy.allowHttp)) {
		return refuse(
			'scheme-not-allowed',
			`plain http to "${target.host}" is not allowed (the secret would travel unencrypted)`,
			'Use an https:// URL, or turn on "Allow Plain HTTP" in the credential for a trusted network',
		);
	}
	if (policy.allowedMethods.length > 0 && !policy.allowedMethods.includes(target.method)) {
		return refuse(
			'method-not-allowed',
			`method ${target.method} is not in the allowed methods (${policy.allowedMethods.join(', ')})`,
			'Use an allowed method, or add this one to "Allowed Methods" in the credential',
		);
	}
	const transport = checkTransport(request, policy.allowedProxies, policy.allowInsecureTls);
	if (transport) return refuse(transport.rule, transport.reason, transport.hint);
	return { allowed: true, target, rotationOverdue: policy.rotateBy !== undefined && now >= policy.rotateBy };
}

/** The one-line refusal users see, e.g. `Scoped API Key refused: host "evil.example.net" is not in …`. */
export function refusalMessage(credentialLabel: string, decision: Extract<ScopedDecision, { allowed: false }>): string {
	return `${credentialLabel} refused: ${decision.reason}`;
}
