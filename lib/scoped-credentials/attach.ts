/// <reference types="node" />
import { GovernanceError } from '../errors/governance-error';
import { redirectAllowList } from './host-pattern';
import type { ScopedPolicyFields } from './policy';
import { decideScopedRequest, parseScopedPolicy, refusalMessage } from './policy';
import type { RequestShape } from './request-target';
import type { TransportShape } from './transport';

/** Request options as n8n passes them to `authenticate` (both helper shapes); other keys pass through. */
export interface ScopedRequestOptions extends RequestShape, TransportShape {
	headers?: Record<string, unknown>;
	allowedDomains?: string;
	[key: string]: unknown;
}

export interface SecretHeader {
	name: string;
	/** The secret itself. */
	value: string;
	/** Written before the secret, e.g. "Bearer ". */
	prefix?: string;
}

/** A refusal in the shape users see it: `<label> refused: <reason>`, plus how to fix it. */
export interface ScopedRefusal {
	ok: false;
	/** Stable id of the rule that refused (see RefusalRule), or `invalid-configuration`. */
	rule: string;
	message: string;
	hint: string;
}

export type AttachResult = { ok: true; request: ScopedRequestOptions; rotationOverdue: boolean } | ScopedRefusal;

const HEADER_TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

/** Checks a header name and secret before they go on the wire (no header injection, no empty secret). */
export function checkSecretHeader(label: string, header: SecretHeader): ScopedRefusal | undefined {
	if (!HEADER_TOKEN.test(header.name)) {
		return {
			ok: false,
			rule: 'invalid-configuration',
			message: `${label} refused: "${header.name}" is not a valid header name`,
			hint: 'Use letters, digits and "-" in "Header Name", e.g. X-API-Key',
		};
	}
	if (header.value === '' || CONTROL.test(header.value)) {
		return {
			ok: false,
			rule: 'invalid-configuration',
			message: `${label} refused: the secret is ${header.value === '' ? 'empty' : 'not usable (it contains a line break or control character)'}`,
			hint: 'Paste the secret again into the credential, without line breaks',
		};
	}
	return undefined;
}

/**
 * Options that stop n8n's request layer from following redirects, in both helper shapes: the legacy
 * `requestWithAuthentication` (HTTP Request node) follows only when `followRedirect`/`followAllRedirects`
 * say so and then up to `maxRedirects`; `httpRequestWithAuthentication` stops on `disableFollowRedirect`.
 * A followed hop would carry the secret to wherever the server points (n8n re-checks only the host name,
 * not port or scheme, keeps custom headers such as X-API-Key and re-adds Authorization), and n8n replaces
 * any `beforeRedirect` of ours, so the secret is never sent past the first hop.
 */
export const NO_REDIRECTS = { followRedirect: false, followAllRedirects: false, maxRedirects: 0, disableFollowRedirect: true } as const;

/**
 * Returns a copy of `request` with the secret header attached, or a refusal (message
 * `<label> refused: <reason>`) when the policy does not allow this request. The copy does not follow
 * redirects (see NO_REDIRECTS: a redirect answer makes the request fail, and the fix is to use the final
 * URL), and carries the allowed hosts as `allowedDomains` as a second line. The input is never modified.
 */
export function attachScopedSecret(
	label: string,
	fields: ScopedPolicyFields,
	request: ScopedRequestOptions,
	header: SecretHeader,
	now: number,
): AttachResult {
	let policy;
	try {
		policy = parseScopedPolicy(fields);
	} catch (error) {
		if (!(error instanceof GovernanceError)) throw error;
		return { ok: false, rule: 'invalid-configuration', message: `${label} refused: ${error.message}`, hint: error.hint ?? '' };
	}
	const decision = decideScopedRequest(policy, request, now);
	if (!decision.allowed) {
		return { ok: false, rule: decision.rule, message: refusalMessage(label, decision), hint: decision.hint };
	}
	const invalid = checkSecretHeader(label, header);
	if (invalid) return invalid;
	const wanted = header.name.toLowerCase();
	const headers: Record<string, unknown> = {};
	for (const [name, value] of Object.entries(request.headers ?? {})) {
		if (name.toLowerCase() !== wanted) headers[name] = value;
	}
	headers[header.name] = `${header.prefix ?? ''}${header.value}`;
	return {
		ok: true,
		request: { ...request, ...NO_REDIRECTS, headers, allowedDomains: redirectAllowList(policy.allowedHosts, request.allowedDomains) },
		rotationOverdue: decision.rotationOverdue,
	};
}
