import type { ApprovalRequest } from './approval-request';
import type { ApprovalDecision, DecisionResult, DecisionRefusal } from './decision';
import { FORM_FIELDS, FULL_VIEW_PARAM } from './decision';
import { ANYONE_APPROVER } from './link';

const HTML_ESCAPES: Readonly<Record<string, string>> = {
	'&': '&amp;',
	'<': '&lt;',
	'>': '&gt;',
	'"': '&quot;',
	"'": '&#39;',
	'`': '&#96;',
};

/** Escapes text for HTML element content and double- or single-quoted attributes. */
export function escapeHtml(value: unknown): string {
	return String(value ?? '').replace(/[&<>"'`]/g, (char) => HTML_ESCAPES[char]);
}

/** Headers to send with every approval page: no caching, no framing, no referrer, no indexing. */
export function approvalPageHeaders(): Record<string, string> {
	return {
		'content-type': 'text/html; charset=utf-8',
		'cache-control': 'no-store',
		'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
		'referrer-policy': 'no-referrer',
		'x-frame-options': 'DENY',
		'x-content-type-options': 'nosniff',
		'x-robots-tag': 'noindex, nofollow',
	};
}

const STYLE = `
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#f4f5f7;color:#1f2328;margin:0;padding:24px}
main{max-width:640px;margin:0 auto;background:#fff;border:1px solid #d0d7de;border-radius:8px;padding:24px}
h1{font-size:1.3em;margin:0 0 12px}
.risk{background:#fff4e5;border-left:4px solid #d97706;padding:8px 12px;margin:12px 0;white-space:pre-wrap}
.summary{white-space:pre-wrap;margin:12px 0}
table{border-collapse:collapse;width:100%;margin:12px 0}
th,td{text-align:left;vertical-align:top;padding:6px 8px;border-bottom:1px solid #eaeef2;word-break:break-word;white-space:pre-wrap}
th{width:35%;color:#57606a;font-weight:600}
label{display:block;margin:12px 0 4px;font-weight:600}
input[type=text],input[type=email],textarea{width:100%;box-sizing:border-box;padding:8px;border:1px solid #d0d7de;border-radius:6px;font:inherit}
.buttons{display:flex;gap:12px;margin-top:16px}
button{flex:1;padding:10px;font-size:1em;border-radius:6px;border:1px solid transparent;cursor:pointer}
.approve{background:#1a7f37;color:#fff}.reject{background:#cf222e;color:#fff}
.note{color:#57606a;font-size:.9em}
.ok{border-left:4px solid #1a7f37;padding:8px 12px}.bad{border-left:4px solid #cf222e;padding:8px 12px}
`;

function layout(title: string, body: string): string {
	return [
		'<!DOCTYPE html>',
		'<html lang="en"><head><meta charset="utf-8">',
		'<meta name="viewport" content="width=device-width, initial-scale=1">',
		'<meta name="robots" content="noindex, nofollow">',
		'<meta name="referrer" content="no-referrer">',
		`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'">`,
		`<title>${escapeHtml(title)}</title>`,
		`<style>${STYLE}</style>`,
		`</head><body><main>${body}</main></body></html>`,
	].join('\n');
}

function isoTime(ms: number): string {
	return Number.isFinite(ms) ? new Date(ms).toISOString().replace('.000Z', 'Z') : 'unknown';
}

function requestDetails(request: ApprovalRequest): string {
	const rows: string[] = request.fields.map((f) => `<tr><th>${escapeHtml(f.label)}</th><td>${escapeHtml(f.value)}</td></tr>`);
	rows.push(`<tr><th>Requested by</th><td>${escapeHtml(request.requestedBy || 'not stated')}</td></tr>`);
	rows.push(`<tr><th>Decide before</th><td>${escapeHtml(isoTime(request.expiresAt))} (UTC)</td></tr>`);
	rows.push(`<tr><th>Request ID</th><td>${escapeHtml(request.requestId)}</td></tr>`);
	return [
		request.riskNote ? `<div class="risk"><strong>Risk:</strong> ${escapeHtml(request.riskNote)}</div>` : '',
		request.summary ? `<div class="summary">${escapeHtml(request.summary)}</div>` : '',
		`<table>${rows.join('')}</table>`,
	].join('\n');
}

/** Input of {@link renderApprovalPage}. */
export interface ApprovalPageInput {
	request: ApprovalRequest;
	/** The URL the page was opened with (n8n resume URL incl. query string); the form posts back to it. */
	actionUrl: string;
	token: string;
	/** The link's approver, or {@link ANYONE_APPROVER}. */
	approver: string;
	maxCommentLength?: number;
}

/** The approval form: what is being approved, Approve/Reject, comment, code field when TOTP is required. */
export function renderApprovalPage(input: ApprovalPageInput): string {
	const { request } = input;
	const maxComment = input.maxCommentLength ?? 1000;
	const anyone = input.approver === ANYONE_APPROVER;
	const form = [
		`<form method="post" action="${escapeHtml(input.actionUrl)}">`,
		`<input type="hidden" name="${FORM_FIELDS.token}" value="${escapeHtml(input.token)}">`,
		anyone
			? `<label for="who">Your email</label><input type="email" id="who" name="${FORM_FIELDS.approverEmail}" required maxlength="254" autocomplete="email">`
			: `<p class="note">You are deciding as <strong>${escapeHtml(input.approver)}</strong>.</p>`,
		request.requireTotp
			? `<label for="code">Authenticator code</label><input type="text" id="code" name="${FORM_FIELDS.code}" inputmode="numeric" pattern="[0-9]{6}" maxlength="6" autocomplete="one-time-code" required>`
			: '',
		`<label for="comment">Comment (optional)</label><textarea id="comment" name="${FORM_FIELDS.comment}" rows="3" maxlength="${maxComment}"></textarea>`,
		'<div class="buttons">',
		`<button type="submit" class="approve" name="${FORM_FIELDS.decision}" value="approve">Approve</button>`,
		`<button type="submit" class="reject" name="${FORM_FIELDS.decision}" value="reject">Reject</button>`,
		'</div>',
		'</form>',
	].join('\n');
	const body = [
		`<h1>Approval needed: ${escapeHtml(request.title)}</h1>`,
		'<p>A workflow is paused until this request is decided. <strong>Approve</strong> lets it continue with the action described below; <strong>Reject</strong> stops it.</p>',
		requestDetails(request),
		form,
		'<p class="note">Your decision is final and recorded with your identity. Do not forward this link.</p>',
	].join('\n');
	return layout(`Approval needed: ${request.title}`, body);
}

/**
 * Minimal page for link previewers and mail scanners: no request details, no form. A person who
 * lands here can continue with a same-page link (relative, so nothing external is referenced).
 */
export function renderPreviewPage(actionUrl: string): string {
	const queryIndex = actionUrl.indexOf('?');
	const query = queryIndex === -1 ? '' : actionUrl.slice(queryIndex + 1).split('#')[0];
	const params = query.split('&').filter((p) => p !== '' && !p.startsWith(`${FULL_VIEW_PARAM}=`));
	params.push(`${FULL_VIEW_PARAM}=full`);
	return layout(
		'Approval request',
		[
			'<h1>Approval request</h1>',
			'<p>This link opens an approval request. Opening it does not approve or reject anything.</p>',
			`<p><a href="?${escapeHtml(params.join('&'))}">Show the request</a></p>`,
		].join('\n'),
	);
}

/** Input of {@link renderResultPage}. */
export type ResultPageInput =
	| { kind: 'decided'; decision: ApprovalDecision; title?: string }
	| { kind: 'refused' | 'expired' | 'already-decided'; refusal: Pick<DecisionRefusal, 'reason' | 'message'> };

/** Pages shown after a POST, or for a link that can no longer be used. */
export function renderResultPage(input: ResultPageInput): string {
	if (input.kind === 'decided') {
		const d = input.decision;
		const verb = d.decision === 'approved' ? 'approved' : 'rejected';
		return layout(
			`Request ${verb}`,
			[
				`<h1>Request ${verb}</h1>`,
				`<div class="${d.decision === 'approved' ? 'ok' : 'bad'}">`,
				input.title ? `<p>${escapeHtml(input.title)}</p>` : '',
				`<p>You ${verb} this request as <strong>${escapeHtml(d.approver)}</strong> at ${escapeHtml(d.decidedAt)}.</p>`,
				d.comment ? `<p>Comment: ${escapeHtml(d.comment)}</p>` : '',
				'</div>',
				'<p class="note">You can close this page. The workflow has been resumed.</p>',
			].join('\n'),
		);
	}
	const headings: Record<typeof input.kind, string> = {
		refused: 'Decision not accepted',
		expired: 'Approval expired',
		'already-decided': 'Already decided',
	};
	return layout(
		headings[input.kind],
		[
			`<h1>${escapeHtml(headings[input.kind])}</h1>`,
			`<div class="bad"><p>${escapeHtml(input.refusal.message)}</p></div>`,
			`<p class="note">Reference: ${escapeHtml(input.refusal.reason)}</p>`,
		].join('\n'),
	);
}

/** A complete HTTP response for the node's webhook() to send. */
export interface PageResponse {
	status: number;
	headers: Record<string, string>;
	body: string;
}

/** Turns any {@link DecisionResult} into the page to send. Never throws: broken input gives a generic 500 page. */
export function renderDecisionResponse(
	result: DecisionResult,
	context: { request: ApprovalRequest; actionUrl: string; maxCommentLength?: number },
): PageResponse {
	try {
		return renderResponse(result, context);
	} catch {
		return {
			status: 500,
			headers: approvalPageHeaders(),
			body: renderResultPage({
				kind: 'refused',
				refusal: { reason: 'misconfigured', message: 'This approval step is not configured correctly. Contact the workflow owner.' },
			}),
		};
	}
}

function renderResponse(
	result: DecisionResult,
	context: { request: ApprovalRequest; actionUrl: string; maxCommentLength?: number },
): PageResponse {
	const headers = approvalPageHeaders();
	if (result.kind === 'decided') {
		return { status: 200, headers, body: renderResultPage({ kind: 'decided', decision: result.decision, title: context.request.title }) };
	}
	if (result.kind === 'refused') {
		const kind = result.reason === 'already_decided' ? 'already-decided' : result.status === 410 ? 'expired' : 'refused';
		return { status: result.status, headers, body: renderResultPage({ kind, refusal: result }) };
	}
	if (result.view === 'preview') return { status: 200, headers, body: renderPreviewPage(context.actionUrl) };
	if (result.view === 'form' && result.token !== undefined && result.approver !== undefined) {
		return {
			status: 200,
			headers,
			body: renderApprovalPage({
				request: context.request,
				actionUrl: context.actionUrl,
				token: result.token,
				approver: result.approver,
				maxCommentLength: context.maxCommentLength,
			}),
		};
	}
	const refusal = result.refusal ?? { kind: 'refused' as const, status: 400 as const, reason: 'malformed_token' as const, message: 'This approval link cannot be used.' };
	const kind = result.view === 'expired' ? 'expired' : result.view === 'already-decided' ? 'already-decided' : 'refused';
	return { status: refusal.status, headers, body: renderResultPage({ kind, refusal }) };
}
