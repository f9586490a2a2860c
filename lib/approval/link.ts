/// <reference types="node" />
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

import { GovernanceError, GovernanceErrorCode } from '../errors/governance-error';
import { normalizeEmail } from './approval-request';

/** Approver claim of a link that anyone may use (only valid when the request allows anyone). */
export const ANYONE_APPROVER = '*';
/** Query/body parameter that carries the token. */
export const APPROVAL_TOKEN_PARAM = 'approval_token';
/** Shortest signing secret accepted. */
export const MIN_SECRET_LENGTH = 16;
/** Longest token accepted before any decoding (defence against oversized input). */
export const MAX_TOKEN_LENGTH = 2048;

const TOKEN_VERSION = 1;
const DOMAIN = 'n8n-nodes-governance/approval-link/v1';
const MAC_BYTES = 32;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

/** What a token asserts. It carries no decision: the approver chooses on the page. */
export interface ApprovalTokenClaims {
	executionId: string;
	nodeId: string;
	/** Lowercased approver email, or {@link ANYONE_APPROVER}. */
	approver: string;
	/** Epoch ms. */
	expiresAt: number;
	nonce: string;
	requestId: string;
}

/** Why a token was not accepted. */
export type LinkFailureReason =
	| 'malformed'
	| 'unsupported_version'
	| 'bad_signature'
	| 'wrong_execution'
	| 'wrong_node'
	| 'wrong_request'
	| 'expired'
	| 'approver_not_allowed'
	| 'misconfigured';

/** Operator-facing explanation of each {@link LinkFailureReason}. Never includes token contents. */
export const LINK_FAILURE_MESSAGES: Readonly<Record<LinkFailureReason, string>> = {
	malformed: 'The approval link is malformed or truncated.',
	unsupported_version: 'The approval link was made by an incompatible version.',
	bad_signature: 'The approval link signature is not valid.',
	wrong_execution: 'The approval link belongs to another workflow execution.',
	wrong_node: 'The approval link belongs to another approval step.',
	wrong_request: 'The approval link belongs to another approval request.',
	expired: 'The approval link has expired.',
	approver_not_allowed: 'The approver of this link is not allowed to decide this request.',
	misconfigured: 'The approval gate is misconfigured (signing secret missing or too short).',
};

/** Result of {@link verifyApprovalToken}. */
export type TokenVerification =
	| { ok: true; claims: ApprovalTokenClaims }
	| { ok: false; reason: LinkFailureReason; message: string };

/** Input of {@link createApprovalToken}. */
export interface CreateApprovalTokenInput {
	secret: string;
	executionId: string;
	nodeId: string;
	approver: string;
	expiresAt: number;
	requestId: string;
	/** Defaults to 12 random bytes, base64url. */
	nonce?: string;
}

/** Expected context of {@link verifyApprovalToken}. Optional fields add checks when given. */
export interface VerifyApprovalTokenOptions {
	secret: string;
	executionId: string;
	nodeId: string;
	now: number;
	requestId?: string;
	/** Allowed approvers (case-insensitive). Checked only when given. */
	approvers?: readonly string[];
	/** Whether {@link ANYONE_APPROVER} tokens are accepted. Default false. */
	allowAnyone?: boolean;
}

function canonical(claims: ApprovalTokenClaims): string {
	return JSON.stringify([
		DOMAIN,
		claims.executionId,
		claims.nodeId,
		claims.approver,
		claims.expiresAt,
		claims.nonce,
		claims.requestId,
	]);
}

function mac(secret: string, claims: ApprovalTokenClaims): Buffer {
	return createHmac('sha256', secret).update(canonical(claims), 'utf8').digest();
}

function isUsableSecret(secret: unknown): secret is string {
	return typeof secret === 'string' && secret.length >= MIN_SECRET_LENGTH;
}

/** Creates a compact `base64url(payload).base64url(HMAC-SHA256)` token for one approver. */
export function createApprovalToken(input: CreateApprovalTokenInput): string {
	if (!isUsableSecret(input.secret)) {
		throw new GovernanceError(
			GovernanceErrorCode.InvalidConfiguration,
			'The signing secret is missing or shorter than 16 characters.',
			{ hint: 'Set a long random signing secret in the Governance Profile credential.' },
		);
	}
	const approver = input.approver === ANYONE_APPROVER ? ANYONE_APPROVER : normalizeEmail(input.approver);
	for (const [name, value] of [
		['executionId', input.executionId],
		['nodeId', input.nodeId],
		['requestId', input.requestId],
		['approver', approver],
	] as const) {
		if (typeof value !== 'string' || value.length === 0 || value.length > 256) {
			throw new GovernanceError(GovernanceErrorCode.InvalidInput, `Cannot create an approval link: "${name}" is empty or too long.`);
		}
	}
	if (!Number.isSafeInteger(input.expiresAt) || input.expiresAt <= 0) {
		throw new GovernanceError(GovernanceErrorCode.InvalidInput, 'Cannot create an approval link: "expiresAt" must be epoch milliseconds.');
	}
	const claims: ApprovalTokenClaims = {
		executionId: input.executionId,
		nodeId: input.nodeId,
		approver,
		expiresAt: input.expiresAt,
		nonce: input.nonce ?? randomBytes(12).toString('base64url'),
		requestId: input.requestId,
	};
	const payload = JSON.stringify({
		v: TOKEN_VERSION,
		e: claims.executionId,
		n: claims.nodeId,
		a: claims.approver,
		x: claims.expiresAt,
		o: claims.nonce,
		r: claims.requestId,
	});
	const token = `${Buffer.from(payload, 'utf8').toString('base64url')}.${mac(input.secret, claims).toString('base64url')}`;
	if (token.length > MAX_TOKEN_LENGTH) {
		throw new GovernanceError(GovernanceErrorCode.InvalidInput, 'Cannot create an approval link: identifiers are too long.');
	}
	return token;
}

function fail(reason: LinkFailureReason): TokenVerification {
	return { ok: false, reason, message: LINK_FAILURE_MESSAGES[reason] };
}

function decodeClaims(payloadPart: string): ApprovalTokenClaims | 'malformed' | 'unsupported_version' {
	let parsed: unknown;
	try {
		parsed = JSON.parse(Buffer.from(payloadPart, 'base64url').toString('utf8'));
	} catch {
		return 'malformed';
	}
	if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return 'malformed';
	const p = parsed as Record<string, unknown>;
	if (p.v !== TOKEN_VERSION) return typeof p.v === 'number' ? 'unsupported_version' : 'malformed';
	const strings = [p.e, p.n, p.a, p.o, p.r];
	if (strings.some((s) => typeof s !== 'string' || s.length === 0 || s.length > 256)) return 'malformed';
	if (typeof p.x !== 'number' || !Number.isSafeInteger(p.x)) return 'malformed';
	return {
		executionId: p.e as string,
		nodeId: p.n as string,
		approver: p.a as string,
		expiresAt: p.x,
		nonce: p.o as string,
		requestId: p.r as string,
	};
}

/**
 * Verifies a token in constant time against the signing secret and the expected context.
 * Never throws; every failure is a reason from {@link LINK_FAILURE_MESSAGES}.
 * Check order: shape, signature (before trusting any claim), execution, node, request, expiry, approver.
 */
export function verifyApprovalToken(token: unknown, options: VerifyApprovalTokenOptions): TokenVerification {
	if (!isUsableSecret(options.secret)) return fail('misconfigured');
	if (typeof token !== 'string' || token.length === 0 || token.length > MAX_TOKEN_LENGTH) return fail('malformed');
	const parts = token.split('.');
	if (parts.length !== 2 || !BASE64URL.test(parts[0]) || !BASE64URL.test(parts[1])) return fail('malformed');
	const presented = Buffer.from(parts[1], 'base64url');
	if (presented.length !== MAC_BYTES || presented.toString('base64url') !== parts[1]) return fail('malformed');
	const claims = decodeClaims(parts[0]);
	if (typeof claims === 'string') return fail(claims);
	// Re-encoding must round-trip, so one payload has exactly one accepted spelling.
	if (Buffer.from(parts[0], 'base64url').toString('base64url') !== parts[0]) return fail('malformed');

	const expected = mac(options.secret, claims);
	if (!timingSafeEqual(expected, presented)) return fail('bad_signature');

	if (claims.executionId !== String(options.executionId)) return fail('wrong_execution');
	if (claims.nodeId !== options.nodeId) return fail('wrong_node');
	if (options.requestId !== undefined && claims.requestId !== options.requestId) return fail('wrong_request');
	if (!(options.now < claims.expiresAt)) return fail('expired');

	if (claims.approver === ANYONE_APPROVER) {
		if (options.allowAnyone !== true) return fail('approver_not_allowed');
	} else if (options.approvers !== undefined && options.allowAnyone !== true) {
		const allowed = options.approvers.map(normalizeEmail);
		if (!allowed.includes(normalizeEmail(claims.approver))) return fail('approver_not_allowed');
	}
	return { ok: true, claims };
}

/**
 * Appends the token to n8n's resume URL (`…/webhook-waiting/<executionId>/<nodeId>?signature=…`),
 * keeping its existing query string intact.
 */
export function buildApprovalUrl(resumeUrl: string, token: string): string {
	const hashIndex = resumeUrl.indexOf('#');
	const base = hashIndex === -1 ? resumeUrl : resumeUrl.slice(0, hashIndex);
	const separator = base.includes('?') ? (base.endsWith('?') || base.endsWith('&') ? '' : '&') : '?';
	return `${base}${separator}${APPROVAL_TOKEN_PARAM}=${encodeURIComponent(token)}`;
}
