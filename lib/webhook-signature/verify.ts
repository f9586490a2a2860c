/// <reference types="node" />
import { createHmac } from 'node:crypto';
import { GovernanceError, GovernanceErrorCode } from '../errors/governance-error';
import { digestMatchesHex } from './constant-time';
import type { SignaturePreset, SignaturePresetId } from './presets';
import { SIGNATURE_PRESETS, isSignaturePresetId } from './presets';

/** Default and bounds of the replay window for timestamped presets. */
export const DEFAULT_TOLERANCE_SECONDS = 300;
export const MAX_TOLERANCE_SECONDS = 86400;
/** Shortest signing secret accepted (providers generate 32+ characters); whitespace does not count. */
export const MIN_SIGNING_SECRET_LENGTH = 16;
/**
 * Fewest different characters a signing secret may use. A random secret of 16 hex digits uses fewer than 5 with a
 * probability of about 4 in 10 million, one of 16 decimal digits about 9 in 100 000; "aaaa…", "1212…", "1111222233334444" use fewer.
 */
export const MIN_SIGNING_SECRET_DISTINCT = 5;

/**
 * The shortest unit, of at most `maxUnit` characters, that the text is written out of at least twice (a partial last
 * copy allowed): "abcabcabcabcabca" → 3. Undefined when there is none. Costs at most `maxUnit` passes over the text.
 */
export function repeatedUnitLength(text: string, maxUnit: number): number | undefined {
	const chars = Array.from(text);
	for (let unit = 1; unit <= maxUnit && unit * 2 <= chars.length; unit++) {
		let periodic = true;
		for (let i = unit; i < chars.length && periodic; i++) periodic = chars[i] === chars[i - unit];
		if (periodic) return unit;
	}
	return undefined;
}

/**
 * Problems that make a signing secret unusable (empty list = usable). Refused: empty, only whitespace, fewer than
 * {@link MIN_SIGNING_SECRET_LENGTH} characters other than whitespace, a unit shorter than that written out again and
 * again ("passwordpassword"), or fewer than {@link MIN_SIGNING_SECRET_DISTINCT} different characters. What providers
 * issue passes: Slack's 32 hex digits, Stripe's `whsec_` + base64, GitHub secrets from a generator or a passphrase.
 */
export function checkSigningSecret(secret: unknown): string[] {
	if (typeof secret !== 'string' || secret === '') return ['The signing secret is empty'];
	const visible = Array.from(secret.replace(/\s+/gu, ''));
	if (visible.length === 0) return ['The signing secret is only whitespace (spaces, tabs or line breaks), so anyone can sign with it'];
	if (visible.length < MIN_SIGNING_SECRET_LENGTH) {
		return [
			Array.from(secret).length < MIN_SIGNING_SECRET_LENGTH
				? `The signing secret is shorter than ${MIN_SIGNING_SECRET_LENGTH} characters, so it can be guessed`
				: `The signing secret has fewer than ${MIN_SIGNING_SECRET_LENGTH} characters besides whitespace, so it can be guessed`,
		];
	}
	const unit = repeatedUnitLength(secret, MIN_SIGNING_SECRET_LENGTH - 1);
	if (unit !== undefined) {
		return [`The signing secret is ${unit === 1 ? 'one character' : `the same ${unit} characters`} over and over, so it can be guessed`];
	}
	const distinct = new Set(visible).size;
	if (distinct < MIN_SIGNING_SECRET_DISTINCT) {
		return [`The signing secret uses only ${distinct} different character${distinct === 1 ? '' : 's'} (at least ${MIN_SIGNING_SECRET_DISTINCT} needed), so it can be guessed`];
	}
	return [];
}

export interface VerifyWebhookInput {
	preset: SignaturePresetId;
	/** The current secret first; a previous one may follow while a rotation is under way. */
	secrets: string[];
	/** Request headers as n8n's Webhook node gives them (`item.json.headers`, lower-case names). */
	headers: Record<string, unknown>;
	/** The exact bytes received (Webhook node option "Raw Body"). */
	rawBody: Buffer;
	/** Epoch ms. */
	now: number;
	/** Replay window for timestamped presets; default 300 s. */
	toleranceSeconds?: number;
	/** Replaces the preset's signature header name (generic preset). */
	signatureHeader?: string;
}

/** Why a request was refused. Stable ids: they are in the Invalid output and in tests. */
export type InvalidSignatureReason = 'missing-header' | 'malformed-header' | 'timestamp-outside-window' | 'signature-mismatch';

export type VerifyWebhookResult =
	| { valid: true; preset: SignaturePresetId; timestamp?: number; secret: 'current' | 'previous' }
	| { valid: false; preset: SignaturePresetId; reason: InvalidSignatureReason; message: string; hint: string };

function configError(message: string, hint: string): GovernanceError {
	return new GovernanceError(GovernanceErrorCode.InvalidConfiguration, message, { hint });
}

/** Resolves the preset and checks the configuration; throws a GovernanceError (fail closed) when unusable. */
export function resolvePreset(input: Pick<VerifyWebhookInput, 'preset' | 'secrets' | 'toleranceSeconds' | 'signatureHeader'>): {
	preset: SignaturePreset;
	header: string;
	tolerance: number;
} {
	if (!isSignaturePresetId(input.preset)) {
		throw configError(`Unknown signature preset "${String(input.preset)}"`, 'Pick a preset in the node: Generic, GitHub, Slack or Stripe');
	}
	const preset = SIGNATURE_PRESETS[input.preset];
	// The first secret is the current one and must be set; later ones (a previous secret) are optional.
	const current = checkSigningSecret(input.secrets[0]);
	const previous = input.secrets.slice(1).filter((s) => s !== '').flatMap(checkSigningSecret);
	if (current.length > 0) {
		throw configError(`${preset.label} signature cannot be checked: ${current[0]}`, 'Paste the secret the sender signs with into the Webhook Signing Secret credential');
	}
	if (previous.length > 0) {
		const problem = previous[0].replace('The signing secret', 'The previous signing secret');
		throw configError(`${preset.label} signature cannot be checked: ${problem}`, 'Clear "Previous Signing Secret" in the Webhook Signing Secret credential, or paste the old secret there exactly');
	}
	const tolerance = input.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
	if (!Number.isFinite(tolerance) || tolerance < 1 || tolerance > MAX_TOLERANCE_SECONDS) {
		throw configError(`Timestamp tolerance ${String(tolerance)} s is out of range`, `Set "Timestamp Tolerance" between 1 and ${MAX_TOLERANCE_SECONDS} seconds (default ${DEFAULT_TOLERANCE_SECONDS})`);
	}
	const header = (input.signatureHeader ?? '').trim() || preset.signatureHeader;
	if (!/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(header)) {
		throw configError(`"${header}" is not a valid header name`, 'Enter the header the sender puts the signature in, e.g. X-Signature');
	}
	return { preset, header, tolerance };
}

/** Reads a header case-insensitively; a header sent more than once yields an array. */
function readHeader(headers: Record<string, unknown>, name: string): string | string[] | undefined {
	const wanted = name.toLowerCase();
	const values: string[] = [];
	for (const [key, value] of Object.entries(headers ?? {})) {
		if (key.toLowerCase() !== wanted || value === undefined || value === null) continue;
		if (Array.isArray(value)) values.push(...value.map(String));
		else values.push(String(value));
	}
	if (values.length === 0) return undefined;
	return values.length === 1 ? values[0] : values;
}

/** Computes the signature headers a sender would send (for tests and for senders of the generic scheme). */
export function signWebhook(presetId: SignaturePresetId, secret: string, rawBody: Buffer, timestamp?: number): Record<string, string> {
	const preset = SIGNATURE_PRESETS[presetId];
	const hex = createHmac('sha256', secret).update(preset.signedPayload(rawBody, timestamp)).digest('hex');
	return preset.formatHeader(hex, timestamp);
}

/**
 * Verifies one request. Order: headers present → well-formed → timestamp in window → signature, so the
 * reported reason is the first thing that is wrong. Every candidate signature is compared with every
 * secret in constant time; the loop never exits early on a mismatch of content.
 */
export function verifyIncomingWebhook(input: VerifyWebhookInput): VerifyWebhookResult {
	const { preset, header, tolerance } = resolvePreset(input);
	const invalid = (reason: InvalidSignatureReason, detail: string, hint: string): VerifyWebhookResult => ({
		valid: false,
		preset: preset.id,
		reason,
		message: `Webhook signature rejected (${preset.label} preset): ${detail}`,
		hint,
	});
	const headerNames = [header, ...(preset.timestampHeader ? [preset.timestampHeader] : [])];
	const values = headerNames.map((name) => readHeader(input.headers, name));
	const missing = headerNames.filter((_, index) => values[index] === undefined);
	if (missing.length > 0) {
		return invalid(
			'missing-header',
			`missing header ${missing.map((m) => `"${m}"`).join(' and ')}`,
			`The sender must sign the request (${preset.format}). Check the webhook's secret/signing settings at the sender, and that the preset matches the sender.`,
		);
	}
	const repeated = headerNames.find((_, index) => Array.isArray(values[index]));
	if (repeated) {
		return invalid('malformed-header', `malformed header "${repeated}": it was sent more than once`, `Expected one "${repeated}" header: ${preset.format}`);
	}
	const parsed = preset.parse(values[0] as string, values[1] as string | undefined);
	if (!parsed.ok) {
		return invalid('malformed-header', `malformed header "${header}": ${parsed.problem}`, `Expected ${preset.format}. Check that the preset matches the sender.`);
	}
	const { signatures, timestamp } = parsed.parsed;
	if (preset.timestamped && timestamp !== undefined) {
		const skew = Math.round(input.now / 1000 - timestamp);
		if (Math.abs(skew) > tolerance) {
			return invalid(
				'timestamp-outside-window',
				`timestamp ${timestamp} is ${Math.abs(skew)} s ${skew >= 0 ? 'old' : 'in the future'}, outside the ${tolerance} s window (a replayed or delayed request)`,
				'A fresh request from the sender passes. If the clocks of the sender and this n8n differ, fix the server clock (NTP) or widen "Timestamp Tolerance".',
			);
		}
	}
	const payload = preset.signedPayload(input.rawBody, timestamp);
	let matched: number | undefined;
	const secrets = input.secrets.filter((s) => s !== '');
	secrets.forEach((secret, secretIndex) => {
		const digest = createHmac('sha256', secret).update(payload).digest();
		for (const signature of signatures) {
			if (digestMatchesHex(digest, signature) && matched === undefined) matched = secretIndex;
		}
	});
	if (matched === undefined) {
		return invalid(
			'signature-mismatch',
			`signature mismatch: "${header}" does not match the raw body signed with the credential's secret`,
			'Either the body was changed on the way, or the secret in the Webhook Signing Secret credential is not the one the sender uses. Copy the secret again from the sender.',
		);
	}
	return { valid: true, preset: preset.id, timestamp, secret: matched === 0 ? 'current' : 'previous' };
}
