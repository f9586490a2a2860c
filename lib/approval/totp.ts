/// <reference types="node" />
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

import { GovernanceError, GovernanceErrorCode } from '../errors/governance-error';

/** RFC 6238 parameters. Defaults: SHA-1, 6 digits, 30 s steps, T0 = 0 (what authenticator apps expect). */
export interface TotpOptions {
	digits?: 6 | 7 | 8;
	periodSeconds?: number;
}

/** Options of {@link verifyTotp}. */
export interface VerifyTotpOptions extends TotpOptions {
	/** Steps accepted either side of the current one. Default 1 (±30 s). Max 10. */
	window?: number;
	/**
	 * Steps already used by this approver. A code whose step is at or before the latest used step is
	 * refused as reused (RFC 6238 §5.2: an accepted OTP must not be accepted again).
	 */
	usedSteps?: readonly number[];
}

/** Result of {@link verifyTotp}. On success, store `step` so the same code cannot be used again. */
export type TotpVerification =
	| { ok: true; step: number }
	| { ok: false; reason: 'malformed_code' | 'invalid_code' | 'reused_code' | 'bad_secret'; step?: number };

const BASE32_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 base32 without padding. */
export function base32Encode(bytes: Uint8Array): string {
	let bits = 0;
	let value = 0;
	let out = '';
	for (const byte of bytes) {
		value = (value << 8) | byte;
		bits += 8;
		while (bits >= 5) {
			out += BASE32_ALPHABET[(value >>> (bits - 5)) & 31];
			bits -= 5;
		}
		value &= (1 << bits) - 1;
	}
	if (bits > 0) out += BASE32_ALPHABET[(value << (5 - bits)) & 31];
	return out;
}

/** Decodes base32 (case-insensitive; spaces, dashes and `=` padding ignored). Returns undefined when invalid. */
export function base32Decode(text: string): Buffer | undefined {
	const clean = text.replace(/[\s=-]/g, '').toUpperCase();
	if (clean.length === 0) return undefined;
	let bits = 0;
	let value = 0;
	const out: number[] = [];
	for (const char of clean) {
		const index = BASE32_ALPHABET.indexOf(char);
		if (index === -1) return undefined;
		value = (value << 5) | index;
		bits += 5;
		if (bits >= 8) {
			out.push((value >>> (bits - 8)) & 0xff);
			bits -= 8;
		}
		value &= (1 << bits) - 1;
	}
	return Buffer.from(out);
}

/** A new random 160-bit secret, base32 (32 characters), as RFC 4226 recommends. */
export function generateTotpSecret(random: (size: number) => Uint8Array = randomBytes): string {
	const bytes = random(20);
	if (bytes.length !== 20) throw new GovernanceError(GovernanceErrorCode.InvalidInput, 'Random source returned the wrong length.');
	return base32Encode(bytes);
}

function period(options: TotpOptions): number {
	const seconds = options.periodSeconds ?? 30;
	if (!Number.isInteger(seconds) || seconds <= 0) {
		throw new GovernanceError(GovernanceErrorCode.InvalidInput, 'TOTP period must be a positive whole number of seconds.');
	}
	return seconds;
}

/** The time step (counter) for an epoch-ms time. */
export function totpStep(timeMs: number, options: TotpOptions = {}): number {
	return Math.floor(Math.floor(timeMs / 1000) / period(options));
}

function hotp(key: Buffer, counter: number, digits: number): string {
	const message = Buffer.alloc(8);
	message.writeUInt32BE(Math.floor(counter / 0x100000000), 0);
	message.writeUInt32BE(counter >>> 0, 4);
	const hmac = createHmac('sha1', key).update(message).digest();
	const offset = hmac[hmac.length - 1] & 0x0f;
	const binary = ((hmac[offset] & 0x7f) << 24) | (hmac[offset + 1] << 16) | (hmac[offset + 2] << 8) | hmac[offset + 3];
	return String(binary % 10 ** digits).padStart(digits, '0');
}

function decodeSecret(secret: string): Buffer {
	const key = typeof secret === 'string' ? base32Decode(secret) : undefined;
	if (key === undefined || key.length < 10) {
		throw new GovernanceError(GovernanceErrorCode.InvalidConfiguration, 'The TOTP secret is not valid base32 of at least 80 bits.', {
			hint: 'Generate a new secret with the authenticator enrolment helper.',
		});
	}
	return key;
}

/** The TOTP code for a base32 secret at an epoch-ms time. Throws GovernanceError for an invalid secret. */
export function totpCode(secret: string, timeMs: number, options: TotpOptions = {}): string {
	return hotp(decodeSecret(secret), totpStep(timeMs, options), options.digits ?? 6);
}

/**
 * Checks a code against the steps `now ± window`. Never throws. Compares every candidate in constant time.
 * A matching step at or before any step in `usedSteps` is refused as `reused_code`.
 */
export function verifyTotp(secret: string, code: unknown, now: number, options: VerifyTotpOptions = {}): TotpVerification {
	const digits = options.digits ?? 6;
	if (typeof code !== 'string') return { ok: false, reason: 'malformed_code' };
	const cleaned = code.replace(/\s/g, '');
	if (cleaned.length !== digits || !/^[0-9]+$/.test(cleaned)) return { ok: false, reason: 'malformed_code' };
	let key: Buffer;
	let current: number;
	try {
		key = decodeSecret(secret);
		current = totpStep(now, options);
	} catch {
		return { ok: false, reason: 'bad_secret' };
	}
	const window = Math.min(Math.max(Math.floor(options.window ?? 1), 0), 10);
	const presented = Buffer.from(cleaned, 'utf8');
	let matched: number | undefined;
	for (let step = current - window; step <= current + window; step++) {
		if (step < 0) continue;
		const equal = timingSafeEqual(Buffer.from(hotp(key, step, digits), 'utf8'), presented);
		if (equal && matched === undefined) matched = step;
	}
	if (matched === undefined) return { ok: false, reason: 'invalid_code' };
	const used = (options.usedSteps ?? []).filter((s) => Number.isFinite(s));
	if (used.some((s) => matched !== undefined && s >= matched)) return { ok: false, reason: 'reused_code', step: matched };
	return { ok: true, step: matched };
}

/** Input of {@link otpauthUri}. */
export interface OtpauthUriInput {
	secret: string;
	account: string;
	issuer: string;
	digits?: 6 | 7 | 8;
	periodSeconds?: number;
}

/** `otpauth://totp/Issuer:account?secret=…&issuer=…&algorithm=SHA1&digits=6&period=30` for QR enrolment. */
export function otpauthUri(input: OtpauthUriInput): string {
	decodeSecret(input.secret);
	const secret = input.secret.replace(/[\s=-]/g, '').toUpperCase();
	const label = `${encodeURIComponent(input.issuer)}:${encodeURIComponent(input.account)}`;
	const params = [
		`secret=${secret}`,
		`issuer=${encodeURIComponent(input.issuer)}`,
		'algorithm=SHA1',
		`digits=${input.digits ?? 6}`,
		`period=${period(input)}`,
	];
	return `otpauth://totp/${label}?${params.join('&')}`;
}
