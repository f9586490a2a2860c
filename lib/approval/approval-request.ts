/// <reference types="node" />
import { randomBytes } from 'node:crypto';

import { GovernanceError, GovernanceErrorCode } from '../errors/governance-error';

/** One labelled value shown to approvers. */
export interface ApprovalField {
	label: string;
	value: string;
}

/** Everything an approver sees and everything the gate checks a decision against. JSON-serialisable. */
export interface ApprovalRequest {
	requestId: string;
	title: string;
	riskNote: string;
	summary: string;
	/** Lowercased email (or identifier) of whoever asked; used for the self-approval rule. */
	requestedBy: string;
	fields: ApprovalField[];
	/** Lowercased, de-duplicated approver emails. */
	approvers: string[];
	allowAnyone: boolean;
	/** Epoch ms after which no decision is accepted. */
	expiresAt: number;
	requireTotp: boolean;
	/** Epoch ms. */
	createdAt: number;
}

/** Input of {@link buildApprovalRequest}. Either `expiresAt` or `ttlMs` is required. */
export interface ApprovalRequestInput {
	now: number;
	title: string;
	riskNote?: string;
	summary?: string;
	requestedBy?: string;
	fields?: ReadonlyArray<{ label: unknown; value: unknown }>;
	/** Array of emails, or one string separated by commas, semicolons or whitespace. */
	approvers?: readonly string[] | string;
	allowAnyone?: boolean;
	expiresAt?: number;
	ttlMs?: number;
	requireTotp?: boolean;
	/** Defaults to 16 random bytes, base64url. */
	requestId?: string;
}

/** Result of {@link buildApprovalRequest}: the request plus human-readable warnings. */
export interface BuiltApprovalRequest {
	request: ApprovalRequest;
	warnings: string[];
}

/** Size bounds applied to requests (they end up inside pages and chat messages). */
export const APPROVAL_REQUEST_LIMITS = {
	titleMax: 200,
	riskNoteMax: 2000,
	summaryMax: 4000,
	fieldsMax: 50,
	fieldLabelMax: 100,
	fieldValueMax: 2000,
	approversMax: 50,
	emailMax: 254,
	requestIdMax: 128,
	/** Longest allowed wait: 30 days. */
	ttlMaxMs: 30 * 24 * 60 * 60 * 1000,
} as const;

const EMAIL_PATTERN = /^[a-z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/;
const REQUEST_ID_PATTERN = /^[A-Za-z0-9_.:-]+$/;

/** Trims and lowercases an email address. */
export function normalizeEmail(email: string): string {
	return email.trim().toLowerCase();
}

/** True when `email` (already normalised or not) is a plausible single mailbox address. */
export function isValidEmail(email: unknown): boolean {
	if (typeof email !== 'string') return false;
	const normalized = normalizeEmail(email);
	return normalized.length <= APPROVAL_REQUEST_LIMITS.emailMax && EMAIL_PATTERN.test(normalized);
}

function invalid(message: string, hint: string, details?: Record<string, unknown>): GovernanceError {
	return new GovernanceError(GovernanceErrorCode.InvalidInput, message, { hint, details });
}

function boundedText(value: unknown, name: string, max: number, required: boolean): string {
	if (value === undefined || value === null) value = '';
	if (typeof value !== 'string') {
		throw invalid(`Approval request "${name}" must be text.`, `Pass a string for "${name}".`);
	}
	const text = value.trim();
	if (required && text.length === 0) {
		throw invalid(`Approval request "${name}" is empty.`, `Set "${name}" so approvers know what they approve.`);
	}
	if (text.length > max) {
		throw invalid(
			`Approval request "${name}" is ${text.length} characters long; the limit is ${max}.`,
			`Shorten "${name}" or move details into fields.`,
		);
	}
	return text;
}

function fieldText(value: unknown): string {
	if (typeof value === 'string') return value;
	if (value === undefined || value === null) return '';
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	return JSON.stringify(value) ?? '';
}

function parseApprovers(approvers: ApprovalRequestInput['approvers']): string[] {
	if (approvers === undefined) return [];
	const list = typeof approvers === 'string' ? approvers.split(/[\s,;]+/) : [...approvers];
	const result: string[] = [];
	for (const raw of list) {
		if (typeof raw !== 'string') throw invalid('Approver list contains a non-text entry.', 'List approvers as emails.');
		const email = normalizeEmail(raw);
		if (email === '') continue;
		if (!isValidEmail(email)) {
			throw invalid(`Approver "${email.slice(0, 80)}" is not a valid email address.`, 'List approvers as emails, e.g. alice@example.com.');
		}
		if (!result.includes(email)) result.push(email);
	}
	if (result.length > APPROVAL_REQUEST_LIMITS.approversMax) {
		throw invalid(
			`${result.length} approvers listed; the limit is ${APPROVAL_REQUEST_LIMITS.approversMax}.`,
			'Use fewer approvers (each one gets a personal link).',
		);
	}
	return result;
}

/**
 * Validates and normalises an approval request.
 * Throws GovernanceError(InvalidInput) for invalid emails, an expiry not in the future or beyond 30 days,
 * oversize text, or an empty approver list without `allowAnyone`. An empty list with `allowAnyone`
 * is accepted with a warning.
 */
export function buildApprovalRequest(input: ApprovalRequestInput): BuiltApprovalRequest {
	const warnings: string[] = [];
	const { now } = input;
	if (!Number.isFinite(now)) throw invalid('"now" must be a finite epoch-milliseconds number.', 'Pass Date.now().');

	const title = boundedText(input.title, 'title', APPROVAL_REQUEST_LIMITS.titleMax, true);
	const riskNote = boundedText(input.riskNote, 'riskNote', APPROVAL_REQUEST_LIMITS.riskNoteMax, false);
	const summary = boundedText(input.summary, 'summary', APPROVAL_REQUEST_LIMITS.summaryMax, false);

	let requestedBy = '';
	if (input.requestedBy !== undefined && input.requestedBy.trim() !== '') {
		requestedBy = normalizeEmail(input.requestedBy);
		if (requestedBy.length > APPROVAL_REQUEST_LIMITS.emailMax) {
			throw invalid('"requestedBy" is too long.', 'Use the requester email address.');
		}
	} else {
		warnings.push('No "requested by" is set, so the self-approval rule cannot be applied.');
	}

	const rawFields = input.fields ?? [];
	if (!Array.isArray(rawFields)) throw invalid('"fields" must be a list.', 'Pass a list of { label, value }.');
	if (rawFields.length > APPROVAL_REQUEST_LIMITS.fieldsMax) {
		throw invalid(`${rawFields.length} fields given; the limit is ${APPROVAL_REQUEST_LIMITS.fieldsMax}.`, 'Show fewer fields.');
	}
	const fields = rawFields.map((field, index) => {
		if (field === null || typeof field !== 'object') throw invalid(`Field #${index + 1} is not an object.`, 'Pass { label, value }.');
		const label = boundedText(fieldText(field.label), `fields[${index}].label`, APPROVAL_REQUEST_LIMITS.fieldLabelMax, true);
		const value = fieldText(field.value);
		if (value.length > APPROVAL_REQUEST_LIMITS.fieldValueMax) {
			throw invalid(`Field "${label}" value is too long (limit ${APPROVAL_REQUEST_LIMITS.fieldValueMax}).`, 'Shorten the value.');
		}
		return { label, value };
	});

	const approvers = parseApprovers(input.approvers);
	const allowAnyone = input.allowAnyone === true;
	if (approvers.length === 0) {
		if (!allowAnyone) {
			throw invalid('No approvers are listed.', 'List at least one approver email, or explicitly allow anyone with the link.');
		}
		warnings.push('No approvers are listed and "allow anyone" is on: anyone holding the link can decide.');
	}

	let expiresAt: number;
	if (input.expiresAt !== undefined) expiresAt = input.expiresAt;
	else if (input.ttlMs !== undefined) expiresAt = now + input.ttlMs;
	else throw invalid('No expiry is set.', 'Set an expiry time or a time-to-live.');
	if (!Number.isFinite(expiresAt) || expiresAt <= now) {
		throw invalid('The approval expiry must be in the future.', 'Set an expiry time later than now.');
	}
	if (expiresAt - now > APPROVAL_REQUEST_LIMITS.ttlMaxMs) {
		throw invalid('The approval expiry is more than 30 days away.', 'Use an expiry within 30 days.');
	}

	const requestId = input.requestId ?? randomBytes(16).toString('base64url');
	if (requestId.length === 0 || requestId.length > APPROVAL_REQUEST_LIMITS.requestIdMax || !REQUEST_ID_PATTERN.test(requestId)) {
		throw invalid('"requestId" must be 1-128 characters of letters, digits, "_", "-", ".", ":".', 'Omit it to get a random one.');
	}

	return {
		request: {
			requestId,
			title,
			riskNote,
			summary,
			requestedBy,
			fields,
			approvers,
			allowAnyone,
			expiresAt,
			requireTotp: input.requireTotp === true,
			createdAt: now,
		},
		warnings,
	};
}
