import type { ApprovalRequest } from './approval-request';
import { isValidEmail, normalizeEmail } from './approval-request';
import type { ApprovalTokenClaims, LinkFailureReason } from './link';
import { ANYONE_APPROVER, APPROVAL_TOKEN_PARAM, verifyApprovalToken } from './link';
import { isLinkPreviewer, userAgentOf } from './link-preview';
import { verifyTotp } from './totp';

/** Why a POST was refused. */
export type RefusalReason =
	| 'method_not_allowed'
	| 'already_decided'
	| 'malformed_body'
	| 'missing_token'
	| 'token_mismatch'
	| 'malformed_token'
	| 'bad_signature'
	| 'wrong_execution'
	| 'wrong_node'
	| 'wrong_request'
	| 'link_expired'
	| 'request_expired'
	| 'approver_not_allowed'
	| 'approver_identity_required'
	| 'missing_decision'
	| 'invalid_decision'
	| 'self_approval'
	| 'comment_too_long'
	| 'totp_not_enrolled'
	| 'totp_required'
	| 'totp_invalid'
	| 'totp_reused'
	| 'misconfigured';

/** HTTP status used for refusals. 500 is only for a misconfigured gate (no secret or no request data). */
export type RefusalStatus = 400 | 401 | 403 | 410 | 500;

/** Refusal table: code → HTTP status and the text shown to the person who clicked. No internals. */
export const REFUSALS: Readonly<Record<RefusalReason, { status: RefusalStatus; message: string }>> = {
	method_not_allowed: { status: 400, message: 'This address only accepts the approval form.' },
	already_decided: { status: 410, message: 'This request has already been decided.' },
	malformed_body: { status: 400, message: 'The form could not be read. Open the approval link again and resubmit.' },
	missing_token: { status: 401, message: 'The approval form is missing its link token. Open the approval link again.' },
	token_mismatch: { status: 400, message: 'The form and the address carry different approval links. Open your approval link again.' },
	malformed_token: { status: 400, message: 'The approval link is damaged or incomplete. Copy the whole link from the message.' },
	bad_signature: { status: 401, message: 'The approval link is not valid. Use the link you received, unchanged.' },
	wrong_execution: { status: 403, message: 'This approval link belongs to a different workflow run.' },
	wrong_node: { status: 403, message: 'This approval link belongs to a different approval step.' },
	wrong_request: { status: 403, message: 'This approval link belongs to a different approval request.' },
	link_expired: { status: 410, message: 'This approval link has expired. Ask the requester to start a new request.' },
	request_expired: { status: 410, message: 'This approval request has expired. Ask the requester to start a new request.' },
	approver_not_allowed: { status: 403, message: 'You are not an approver for this request.' },
	approver_identity_required: { status: 400, message: 'Enter your email address to decide this request.' },
	missing_decision: { status: 400, message: 'Choose Approve or Reject.' },
	invalid_decision: { status: 400, message: 'The decision must be Approve or Reject.' },
	self_approval: { status: 403, message: 'You requested this action, so you cannot approve it yourself. Another approver must decide.' },
	comment_too_long: { status: 400, message: 'The comment is too long. Shorten it and resubmit.' },
	totp_not_enrolled: { status: 403, message: 'This request needs an authenticator code, but you have no authenticator enrolled. Contact the workflow owner.' },
	totp_required: { status: 401, message: 'Enter the 6-digit code from your authenticator app.' },
	totp_invalid: { status: 401, message: 'The authenticator code is not correct. Check the time on your device and try the current code.' },
	totp_reused: { status: 401, message: 'This authenticator code was already used. Wait for the next code.' },
	misconfigured: { status: 500, message: 'This approval step is not configured correctly. Contact the workflow owner.' },
};

const LINK_TO_REFUSAL: Readonly<Record<LinkFailureReason, RefusalReason>> = {
	malformed: 'malformed_token',
	unsupported_version: 'malformed_token',
	bad_signature: 'bad_signature',
	wrong_execution: 'wrong_execution',
	wrong_node: 'wrong_node',
	wrong_request: 'wrong_request',
	expired: 'link_expired',
	approver_not_allowed: 'approver_not_allowed',
	misconfigured: 'misconfigured',
};

/** Form fields posted by the approval page. */
export const FORM_FIELDS = {
	token: APPROVAL_TOKEN_PARAM,
	decision: 'decision',
	comment: 'comment',
	code: 'totp_code',
	approverEmail: 'approver_email',
} as const;

/** Query parameter that forces the full page even for user agents that look like previewers. */
export const FULL_VIEW_PARAM = 'approval_view';

/** The decision recorded when a POST is accepted. */
export interface ApprovalDecision {
	decision: 'approved' | 'rejected';
	approver: string;
	factor: 'link' | 'link+totp';
	comment: string;
	/** ISO 8601. */
	decidedAt: string;
	requestId: string;
	requestedBy: string;
}

/** A refusal: HTTP status, stable code and user-facing text. */
export interface DecisionRefusal {
	kind: 'refused';
	status: RefusalStatus;
	reason: RefusalReason;
	message: string;
}

/** What a GET/HEAD should show. Never a decision. */
export interface RenderPageResult {
	kind: 'render-page';
	/** form: show request + buttons; preview: minimal page for bots; invalid-link / expired / already-decided: explain. */
	view: 'form' | 'preview' | 'invalid-link' | 'expired' | 'already-decided';
	isLinkPreview: boolean;
	/** Present for view 'form': whose link this is (or {@link ANYONE_APPROVER}) and the token to embed. */
	approver?: string;
	token?: string;
	refusal?: DecisionRefusal;
}

/** Result of {@link evaluateDecision}. */
export type DecisionResult =
	| RenderPageResult
	| { kind: 'decided'; decision: ApprovalDecision; usedTotpStep?: number }
	| DecisionRefusal;

/** Input of {@link evaluateDecision}. All state comes in here; nothing is remembered between calls. */
export interface EvaluateDecisionInput {
	method: string;
	query: unknown;
	body: unknown;
	headers: unknown;
	request: ApprovalRequest;
	secret: string;
	executionId: string;
	nodeId: string;
	now: number;
	/** Steps already used, per approver email or one list for everybody. */
	usedTotpSteps?: readonly number[] | Readonly<Record<string, readonly number[]>>;
	/** Base32 TOTP secrets by approver email (case-insensitive). */
	totpSecrets?: Readonly<Record<string, string>>;
	/** Default false: the requester cannot approve their own request (rejecting it is allowed). */
	allowSelfApproval?: boolean;
	/** Default 1000 characters. */
	maxCommentLength?: number;
	/** A decision already recorded for this request, if any. */
	priorDecision?: ApprovalDecision;
}

const MAX_RAW_BODY = 64 * 1024;
/** Removes control characters except tab and newline. */
function stripControlChars(text: string): string {
	let out = '';
	for (const char of text) {
		const code = char.charCodeAt(0);
		if (code === 9 || code === 10 || (code >= 32 && code !== 127)) out += char;
	}
	return out;
}

function refuse(reason: RefusalReason): DecisionRefusal {
	return { kind: 'refused', reason, ...REFUSALS[reason] };
}

function own(record: unknown, key: string): unknown {
	if (record === null || typeof record !== 'object') return undefined;
	return Object.prototype.hasOwnProperty.call(record, key) ? (record as Record<string, unknown>)[key] : undefined;
}

function parseUrlEncoded(raw: string): Record<string, string | string[]> | undefined {
	const out: Record<string, string | string[]> = Object.create(null);
	for (const pair of raw.split('&')) {
		if (pair === '') continue;
		const eq = pair.indexOf('=');
		let key: string;
		let value: string;
		try {
			key = decodeURIComponent((eq === -1 ? pair : pair.slice(0, eq)).replace(/\+/g, ' '));
			value = decodeURIComponent((eq === -1 ? '' : pair.slice(eq + 1)).replace(/\+/g, ' '));
		} catch {
			return undefined;
		}
		const existing = out[key];
		out[key] = existing === undefined ? value : ([] as string[]).concat(existing, value);
	}
	return out;
}

/** Reads the posted form: every field must be absent or a single string. */
function readForm(body: unknown): Record<string, string | undefined> | undefined {
	let source: unknown = body;
	if (source === undefined || source === null || source === '') return {};
	if (typeof source === 'string') {
		if (source.length > MAX_RAW_BODY) return undefined;
		source = parseUrlEncoded(source);
		if (source === undefined) return undefined;
	}
	if (typeof source !== 'object' || Array.isArray(source)) return undefined;
	const form: Record<string, string | undefined> = {};
	for (const field of Object.values(FORM_FIELDS)) {
		const value = own(source, field);
		if (value === undefined) continue;
		if (typeof value !== 'string' || value.length > MAX_RAW_BODY) return undefined;
		form[field] = value;
	}
	return form;
}

/**
 * The link token a hit on the gate carries: the posted form's field for POST (whatever the body's content type:
 * parsed object or raw `a=b&c=d` text), the query's for GET/HEAD. The gate reads the request's expiry from this
 * token and {@link evaluateDecision} verifies this same token: one reading, so both see the same link.
 */
export function linkToken(input: { method: unknown; query: unknown; body: unknown }): unknown {
	const method = typeof input.method === 'string' ? input.method.toUpperCase() : '';
	if (method !== 'POST') return own(input.query, APPROVAL_TOKEN_PARAM);
	return readForm(input.body)?.[FORM_FIELDS.token];
}

function isSaneRequest(request: unknown): request is ApprovalRequest {
	const r = request as ApprovalRequest | null;
	return (
		r !== null &&
		typeof r === 'object' &&
		typeof r.requestId === 'string' &&
		typeof r.expiresAt === 'number' &&
		Array.isArray(r.approvers) &&
		typeof r.requestedBy === 'string'
	);
}

function lookup<T>(record: Readonly<Record<string, T>> | undefined, email: string): T | undefined {
	if (record === undefined || record === null) return undefined;
	for (const key of Object.keys(record)) {
		if (normalizeEmail(key) === email) return record[key];
	}
	return undefined;
}

function verifyLink(input: EvaluateDecisionInput, token: unknown) {
	return verifyApprovalToken(token, {
		secret: input.secret,
		executionId: input.executionId,
		nodeId: input.nodeId,
		now: input.now,
		requestId: input.request.requestId,
		approvers: input.request.approvers,
		allowAnyone: input.request.allowAnyone,
	});
}

function renderPage(input: EvaluateDecisionInput, isHead: boolean): RenderPageResult {
	const forceFull = own(input.query, FULL_VIEW_PARAM) === 'full';
	const isLinkPreview = isHead || (!forceFull && isLinkPreviewer(userAgentOf(input.headers)));
	if (isLinkPreview) return { kind: 'render-page', view: 'preview', isLinkPreview };
	if (!isSaneRequest(input.request)) return { kind: 'render-page', view: 'invalid-link', isLinkPreview, refusal: refuse('misconfigured') };
	if (input.priorDecision !== undefined) {
		return { kind: 'render-page', view: 'already-decided', isLinkPreview, refusal: refuse('already_decided') };
	}
	const token = linkToken(input);
	if (token === undefined) return { kind: 'render-page', view: 'invalid-link', isLinkPreview, refusal: refuse('missing_token') };
	const verified = verifyLink(input, token);
	if (!verified.ok) {
		const reason = LINK_TO_REFUSAL[verified.reason];
		return { kind: 'render-page', view: reason === 'link_expired' ? 'expired' : 'invalid-link', isLinkPreview, refusal: refuse(reason) };
	}
	if (!(input.now < input.request.expiresAt)) {
		return { kind: 'render-page', view: 'expired', isLinkPreview, refusal: refuse('request_expired') };
	}
	return { kind: 'render-page', view: 'form', isLinkPreview, approver: verified.claims.approver, token: token as string };
}

function usedStepsFor(input: EvaluateDecisionInput, approver: string): readonly number[] {
	const used = input.usedTotpSteps;
	if (used === undefined || used === null) return [];
	if (Array.isArray(used)) return used;
	return lookup(used as Readonly<Record<string, readonly number[]>>, approver) ?? [];
}

/**
 * Decides what to do with one hit on the approval webhook. Pure and total: never throws, keeps no state.
 * GET/HEAD only render (bots see a minimal page). POST is checked in this order: gate configuration,
 * prior decision, form shape, token (signature, execution, node, request, link expiry, approver),
 * request expiry, decision value, approver identity, self-approval, comment length, TOTP.
 */
export function evaluateDecision(input: EvaluateDecisionInput): DecisionResult {
	try {
		return evaluate(input);
	} catch {
		return refuse('misconfigured');
	}
}

function evaluate(input: EvaluateDecisionInput): DecisionResult {
	const method = typeof input.method === 'string' ? input.method.toUpperCase() : '';
	if (method === 'GET' || method === 'HEAD') return renderPage(input, method === 'HEAD');
	if (method !== 'POST') return refuse('method_not_allowed');
	if (!isSaneRequest(input.request)) return refuse('misconfigured');
	const { request, now } = input;
	if (input.priorDecision !== undefined) return refuse('already_decided');

	const form = readForm(input.body);
	if (form === undefined) return refuse('malformed_body');
	const token = linkToken(input) as string | undefined;
	if (token === undefined || token === '') return refuse('missing_token');
	const queryToken = own(input.query, APPROVAL_TOKEN_PARAM);
	if (queryToken !== undefined && queryToken !== token) return refuse('token_mismatch');

	const verified = verifyLink(input, token);
	if (!verified.ok) return refuse(LINK_TO_REFUSAL[verified.reason]);
	const claims: ApprovalTokenClaims = verified.claims;
	if (!(now < request.expiresAt)) return refuse('request_expired');

	const rawDecision = form[FORM_FIELDS.decision];
	if (rawDecision === undefined || rawDecision.trim() === '') return refuse('missing_decision');
	const decisionValue = rawDecision.trim().toLowerCase();
	if (decisionValue !== 'approve' && decisionValue !== 'reject') return refuse('invalid_decision');

	let approver = claims.approver;
	if (approver === ANYONE_APPROVER) {
		const typed = form[FORM_FIELDS.approverEmail];
		if (typed === undefined || !isValidEmail(typed)) return refuse('approver_identity_required');
		approver = normalizeEmail(typed);
	} else {
		approver = normalizeEmail(approver);
		if (!request.allowAnyone && !request.approvers.map(normalizeEmail).includes(approver)) return refuse('approver_not_allowed');
	}

	const requestedBy = normalizeEmail(request.requestedBy);
	if (decisionValue === 'approve' && input.allowSelfApproval !== true && requestedBy !== '' && requestedBy === approver) {
		return refuse('self_approval');
	}

	const maxComment = input.maxCommentLength ?? 1000;
	const rawComment = (form[FORM_FIELDS.comment] ?? '').replace(/\r\n?/g, '\n');
	const comment = stripControlChars(rawComment).trim();
	if (comment.length > maxComment) return refuse('comment_too_long');

	let usedTotpStep: number | undefined;
	if (request.requireTotp) {
		const secret = lookup(input.totpSecrets, approver);
		if (typeof secret !== 'string' || secret === '') return refuse('totp_not_enrolled');
		const code = form[FORM_FIELDS.code];
		if (code === undefined || code.trim() === '') return refuse('totp_required');
		const result = verifyTotp(secret, code, now, { window: 1, usedSteps: usedStepsFor(input, approver) });
		if (!result.ok) {
			if (result.reason === 'reused_code') return refuse('totp_reused');
			if (result.reason === 'bad_secret') return refuse('misconfigured');
			return refuse('totp_invalid');
		}
		usedTotpStep = result.step;
	}

	const decision: ApprovalDecision = {
		decision: decisionValue === 'approve' ? 'approved' : 'rejected',
		approver,
		factor: request.requireTotp ? 'link+totp' : 'link',
		comment,
		decidedAt: new Date(now).toISOString(),
		requestId: request.requestId,
		requestedBy,
	};
	return usedTotpStep === undefined ? { kind: 'decided', decision } : { kind: 'decided', decision, usedTotpStep };
}
