/// <reference types="node" />

/** What a preset reads from the signature header. */
export interface ParsedSignatureHeader {
	/** Hex signatures to try (several only for Stripe's repeated `v1=`). */
	signatures: string[];
	/** Unix seconds, for presets that sign a timestamp. */
	timestamp?: number;
}

export type ParseResult = { ok: true; parsed: ParsedSignatureHeader } | { ok: false; problem: string };

/** One provider's signing scheme, as data. */
export interface SignaturePreset {
	id: SignaturePresetId;
	label: string;
	/** The header carrying the signature (lower-case lookup; shown as written here). */
	signatureHeader: string;
	/** A separate header carrying the timestamp (Slack), if any. */
	timestampHeader?: string;
	/** Whether the scheme signs a timestamp, so replays can be refused. */
	timestamped: boolean;
	/** The format, for error messages. */
	format: string;
	/** Parses the signature header value (and the timestamp header value, when the preset has one). */
	parse: (signatureValue: string, timestampValue?: string) => ParseResult;
	/** The exact bytes the provider signs. */
	signedPayload: (rawBody: Buffer, timestamp?: number) => Buffer;
	/** Builds a header value for a signature (for tests and for senders using the generic scheme). */
	formatHeader: (hexSignature: string, timestamp?: number) => Record<string, string>;
}

export type SignaturePresetId = 'generic' | 'github' | 'slack' | 'stripe';

const HEX64 = /^[0-9a-fA-F]{64}$/;
const UNIX_SECONDS = /^\d{1,12}$/;

function prefixedHex(prefix: string, value: string, format: string): ParseResult {
	const trimmed = value.trim();
	const hex = trimmed.startsWith(prefix) ? trimmed.slice(prefix.length) : undefined;
	if (hex === undefined || !HEX64.test(hex)) return { ok: false, problem: `expected "${format}"` };
	return { ok: true, parsed: { signatures: [hex] } };
}

/** The presets, by id. Add a provider by adding a row. */
export const SIGNATURE_PRESETS: Readonly<Record<SignaturePresetId, SignaturePreset>> = {
	generic: {
		id: 'generic',
		label: 'Generic',
		signatureHeader: 'X-Signature',
		timestamped: false,
		format: 'sha256=<64 hex digits> (HMAC-SHA256 of the raw body)',
		parse: (value) => prefixedHex('sha256=', value, 'sha256=<64 hex digits>'),
		signedPayload: (body) => body,
		formatHeader: (hex) => ({ 'X-Signature': `sha256=${hex}` }),
	},
	github: {
		id: 'github',
		label: 'GitHub',
		signatureHeader: 'X-Hub-Signature-256',
		timestamped: false,
		format: 'sha256=<64 hex digits> (HMAC-SHA256 of the raw body)',
		parse: (value) => prefixedHex('sha256=', value, 'sha256=<64 hex digits>'),
		signedPayload: (body) => body,
		formatHeader: (hex) => ({ 'X-Hub-Signature-256': `sha256=${hex}` }),
	},
	slack: {
		id: 'slack',
		label: 'Slack',
		signatureHeader: 'X-Slack-Signature',
		timestampHeader: 'X-Slack-Request-Timestamp',
		timestamped: true,
		format: 'v0=<64 hex digits>, with X-Slack-Request-Timestamp (HMAC-SHA256 of "v0:<timestamp>:<raw body>")',
		parse: (value, timestampValue) => {
			const result = prefixedHex('v0=', value, 'v0=<64 hex digits>');
			if (!result.ok) return result;
			const ts = (timestampValue ?? '').trim();
			if (!UNIX_SECONDS.test(ts)) return { ok: false, problem: 'X-Slack-Request-Timestamp is not a Unix time in seconds' };
			return { ok: true, parsed: { ...result.parsed, timestamp: Number(ts) } };
		},
		signedPayload: (body, timestamp) => Buffer.concat([Buffer.from(`v0:${timestamp}:`), body]),
		formatHeader: (hex, timestamp) => ({ 'X-Slack-Signature': `v0=${hex}`, 'X-Slack-Request-Timestamp': String(timestamp) }),
	},
	stripe: {
		id: 'stripe',
		label: 'Stripe',
		signatureHeader: 'Stripe-Signature',
		timestamped: true,
		format: 't=<unix seconds>,v1=<64 hex digits>[,v1=…] (HMAC-SHA256 of "<t>.<raw body>")',
		parse: (value) => {
			let timestamp: number | undefined;
			const signatures: string[] = [];
			for (const part of value.split(',')) {
				const eq = part.indexOf('=');
				if (eq < 0) continue;
				const key = part.slice(0, eq).trim();
				const item = part.slice(eq + 1).trim();
				if (key === 't') {
					if (timestamp !== undefined || !UNIX_SECONDS.test(item)) return { ok: false, problem: 'the "t=" timestamp is missing, repeated or not Unix seconds' };
					timestamp = Number(item);
				}
				// Other schemes (v0 = test-mode legacy) are ignored, as Stripe's own libraries do; a malformed v1 is not.
				if (key === 'v1') {
					if (!HEX64.test(item)) return { ok: false, problem: 'a "v1=" value is not 64 hex digits' };
					signatures.push(item);
				}
			}
			if (timestamp === undefined) return { ok: false, problem: 'no "t=" timestamp' };
			if (signatures.length === 0) return { ok: false, problem: 'no "v1=" signature' };
			return { ok: true, parsed: { signatures, timestamp } };
		},
		signedPayload: (body, timestamp) => Buffer.concat([Buffer.from(`${timestamp}.`), body]),
		formatHeader: (hex, timestamp) => ({ 'Stripe-Signature': `t=${timestamp},v1=${hex}` }),
	},
};

export const SIGNATURE_PRESET_IDS = Object.keys(SIGNATURE_PRESETS) as SignaturePresetId[];

export function isSignaturePresetId(value: unknown): value is SignaturePresetId {
	return typeof value === 'string' && Object.prototype.hasOwnProperty.call(SIGNATURE_PRESETS, value);
}
