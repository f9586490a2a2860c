import { createHmac } from 'node:crypto';

import { GovernanceError, GovernanceErrorCode } from '../errors/governance-error';
import type { ApprovalRequest } from './approval-request';
import { buildApprovalRequest, isValidEmail, normalizeEmail } from './approval-request';
import { base32Decode } from './totp';

/** The approvers credential, parsed: who may decide, and the TOTP secret of each enrolled approver. */
export interface ApproverRoster {
	approvers: string[];
	totpSecrets: Record<string, string>;
}

/**
 * Parses the approvers credential: `emails` holds one address per line (or comma-separated);
 * `totpSecrets` holds `email=BASE32SECRET` lines. Throws naming the offending line.
 */
export function parseApproverRoster(emails: string, totpSecrets: string): ApproverRoster {
	const approvers: string[] = [];
	for (const raw of emails.split(/[\n,;]+/)) {
		const email = normalizeEmail(raw);
		if (email === '') continue;
		if (!isValidEmail(email)) {
			throw new GovernanceError(GovernanceErrorCode.InvalidConfiguration, `Approver "${email.slice(0, 80)}" is not a valid email address`, {
				hint: 'Open the Governance Approvers credential and list one email address per line',
			});
		}
		if (!approvers.includes(email)) approvers.push(email);
	}
	const secrets: Record<string, string> = {};
	for (const [index, raw] of totpSecrets.split('\n').entries()) {
		const line = raw.trim();
		if (line === '') continue;
		const eq = line.indexOf('=');
		const email = normalizeEmail(eq === -1 ? '' : line.slice(0, eq));
		const secret = eq === -1 ? '' : line.slice(eq + 1).replace(/\s+/g, '').toUpperCase();
		if (!isValidEmail(email) || base32Decode(secret) === undefined || secret.length < 16) {
			throw new GovernanceError(
				GovernanceErrorCode.InvalidConfiguration,
				`TOTP secrets line ${index + 1} is not "email=BASE32SECRET" with a secret of at least 16 base32 characters`,
				{ hint: 'Write one line per approver, e.g. alice@example.com=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP' },
			);
		}
		secrets[email] = secret;
	}
	return { approvers, totpSecrets: secrets };
}

/** What a gate is configured to ask, evaluated once per execution. */
export interface GateSettings {
	title: string;
	riskNote: string;
	summary: string;
	requestedBy: string;
	fields: Array<{ label: string; value: unknown }>;
	approvers: string[];
	allowAnyone: boolean;
	requireTotp: boolean;
	/** Approvers that decided earlier in this execution (items' `approval`), excluded when asked. */
	excludeApprovers: string[];
}

/** The approvers left once earlier deciders are excluded (for "two different people" chains of gates). */
export function effectiveApprovers(settings: GateSettings): string[] {
	const excluded = new Set(settings.excludeApprovers.map(normalizeEmail));
	return settings.approvers.map(normalizeEmail).filter((a) => !excluded.has(a));
}

/**
 * The request id binds every security-relevant setting to the links: who asked, who may decide, whether
 * anyone may, whether a code is needed. webhook() recomputes it from the settings it sees; a link made
 * for other settings no longer verifies ("belongs to a different approval request").
 */
export function bindingRequestId(secret: string, executionId: string, nodeId: string, settings: GateSettings): string {
	const binding = JSON.stringify([
		'n8n-nodes-governance/approval-request/v1',
		executionId,
		nodeId,
		normalizeEmail(settings.requestedBy),
		effectiveApprovers(settings).sort(),
		settings.allowAnyone,
		settings.requireTotp,
	]);
	return createHmac('sha256', secret).update(binding).digest('base64url').slice(0, 32);
}

/** Builds the request for a gate; `now` must lie before `expiresAt`. */
export function gateRequest(
	settings: GateSettings,
	ids: { secret: string; executionId: string; nodeId: string },
	timing: { now: number; expiresAt: number },
): { request: ApprovalRequest; warnings: string[] } {
	return buildApprovalRequest({
		now: timing.now,
		expiresAt: timing.expiresAt,
		title: settings.title,
		riskNote: settings.riskNote,
		summary: settings.summary,
		requestedBy: settings.requestedBy,
		fields: settings.fields,
		approvers: effectiveApprovers(settings),
		allowAnyone: settings.allowAnyone,
		requireTotp: settings.requireTotp,
		requestId: bindingRequestId(ids.secret, ids.executionId, ids.nodeId, settings),
	});
}

/** Approvers recorded on items by earlier gates (`approval.approver`), lower-cased, unique. */
export function previousApprovers(items: ReadonlyArray<{ json?: unknown }>): string[] {
	const found = new Set<string>();
	for (const item of items) {
		const approval = (item.json as { approval?: { approver?: unknown } } | undefined)?.approval;
		if (approval && typeof approval.approver === 'string') found.add(normalizeEmail(approval.approver));
	}
	return [...found];
}

/** TOTP steps already used per approver earlier in this execution, so one code cannot pass two gates. */
export function previousTotpSteps(items: ReadonlyArray<{ json?: unknown }>): Record<string, number[]> {
	const used: Record<string, number[]> = {};
	for (const item of items) {
		const approval = (item.json as { approval?: { approver?: unknown; totpStep?: unknown } } | undefined)?.approval;
		if (!approval || typeof approval.approver !== 'string' || typeof approval.totpStep !== 'number') continue;
		const key = normalizeEmail(approval.approver);
		used[key] = [...(used[key] ?? []), approval.totpStep];
	}
	return used;
}
