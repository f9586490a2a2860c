import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { hkdfSha256 } from '../shared/derived-keys';
import { GovernanceError, GovernanceErrorCode } from '../errors/governance-error';
import { parsePlaceholder } from './operators/placeholder';

/** Placeholder → original value, as produced by the reversible `token` operator. */
export type PlaceholderMap = Record<string, string>;

/**
 * What a map holds: the values of its placeholders, the placeholder-shaped text its item already
 * held (given back as it is), and the highest number the run issued per entity. A placeholder in
 * that range which the map does not know was made for another item of the run.
 */
export class OpenedMap {
	constructor(
		readonly entries: PlaceholderMap,
		readonly verbatim: ReadonlySet<string> = new Set(),
		readonly issued: Readonly<Record<string, number>> = issuedIn(entries),
	) {}
}

/** The highest number per entity among a map's placeholders. */
function issuedIn(entries: PlaceholderMap): Record<string, number> {
	const out: Record<string, number> = {};
	for (const k of Object.keys(entries)) {
		const p = parsePlaceholder(k);
		if (p && (out[p.entity] ?? 0) < p.n) out[p.entity] = p.n;
	}
	return out;
}

const SALT = Buffer.from('n8n-nodes-governance/redaction', 'utf8');
// the key stays the v1 key (same secret, same derivation); the format and its AAD say v2
const INFO = Buffer.from('reversible-map/v1', 'utf8');
const FORMAT = 'v2';
const AAD = Buffer.from(FORMAT, 'utf8');
export const MIN_SECRET_BYTES = 16;

function toBytes(secret: string | Uint8Array | undefined, purpose: string): Buffer {
	const bytes = typeof secret === 'string' ? Buffer.from(secret, 'utf8') : secret instanceof Uint8Array ? Buffer.from(secret) : undefined;
	if (!bytes || bytes.length < MIN_SECRET_BYTES) {
		throw new GovernanceError(GovernanceErrorCode.InvalidConfiguration, `The ${purpose} secret is missing or shorter than ${MIN_SECRET_BYTES} bytes.`, {
			hint: `Set a random secret of at least ${MIN_SECRET_BYTES} bytes (32 recommended) in the governance credential.`,
		});
	}
	return bytes;
}

/** Raw key bytes of a caller secret, validated for length (shared with the hash operator). */
export function secretBytes(secret: string | Uint8Array | undefined, purpose: string): Buffer {
	return toBytes(secret, purpose);
}

function deriveKey(secret: string | Uint8Array | undefined): Buffer {
	return hkdfSha256(toBytes(secret, 'reversible-redaction'), SALT, INFO, 32);
}

/**
 * AES-256-GCM encryption of the map: `v2.<iv>.<ciphertext>.<tag>`, base64url parts, random 12-byte IV.
 * The plaintext is `{"v":2,"entries":{…},"verbatim":[…],"issued":{…}}`.
 */
export function encryptMap(map: PlaceholderMap | OpenedMap, secret: string | Uint8Array | undefined): string {
	const opened = map instanceof OpenedMap ? map : new OpenedMap(map);
	const key = deriveKey(secret);
	const iv = randomBytes(12);
	const cipher = createCipheriv('aes-256-gcm', key, iv);
	cipher.setAAD(AAD);
	const plain = JSON.stringify({ v: 2, entries: opened.entries, verbatim: [...opened.verbatim], issued: opened.issued });
	const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
	return `${FORMAT}.${iv.toString('base64url')}.${ct.toString('base64url')}.${cipher.getAuthTag().toString('base64url')}`;
}

function earlierFormat(): GovernanceError {
	return new GovernanceError(
		GovernanceErrorCode.InvalidInput,
		'This redaction map was written by an earlier version (format v1), which did not record the placeholder-like text already in the input nor which item the map belongs to, so restoring from it could put values into the wrong text. Nothing was restored.',
		{ hint: 'Run the item through Redact again (runs that were waiting since before the upgrade need a new run from the Redact step).' },
	);
}

function notAMap(what: string): GovernanceError {
	return new GovernanceError(GovernanceErrorCode.IntegrityFailure, `The decrypted redaction map ${what}.`, {
		hint: 'Pass the encryptedMap string returned by redact() unchanged.',
	});
}

function isStringRecord(value: unknown): value is Record<string, string> {
	return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every((v) => typeof v === 'string');
}

/** Decrypts a map from encryptMap, with what it records. Wrong secret or tampering → GovernanceError IntegrityFailure. */
export function openEncryptedMap(encrypted: string, secret: string | Uint8Array | undefined): OpenedMap {
	const parts = typeof encrypted === 'string' ? encrypted.split('.') : [];
	if (parts.length === 4 && parts[0] === 'v1') throw earlierFormat();
	if (parts.length !== 4 || parts[0] !== FORMAT) {
		throw new GovernanceError(GovernanceErrorCode.InvalidInput, `The redaction map is not in the ${FORMAT}.<iv>.<ciphertext>.<tag> format.`, {
			hint: 'Pass the encryptedMap string returned by redact() unchanged.',
		});
	}
	const key = deriveKey(secret);
	const iv = Buffer.from(parts[1], 'base64url');
	const tag = Buffer.from(parts[3], 'base64url');
	let plain: string;
	try {
		if (iv.length !== 12 || tag.length !== 16) throw new Error('bad iv or tag length');
		const decipher = createDecipheriv('aes-256-gcm', key, iv);
		decipher.setAAD(AAD);
		decipher.setAuthTag(tag);
		plain = Buffer.concat([decipher.update(Buffer.from(parts[2], 'base64url')), decipher.final()]).toString('utf8');
	} catch (error) {
		throw new GovernanceError(GovernanceErrorCode.IntegrityFailure, 'The redaction map could not be decrypted: wrong secret or the map was altered.', {
			hint: 'Use the same secret that redact() used, and store the map exactly as returned.',
			cause: error,
		});
	}
	const parsed = JSON.parse(plain) as { v?: unknown; entries?: unknown; verbatim?: unknown; issued?: unknown };
	if (typeof parsed !== 'object' || parsed === null || parsed.v !== 2 || !isStringRecord(parsed.entries)) throw notAMap('is not a v2 map');
	const verbatim = Array.isArray(parsed.verbatim) && parsed.verbatim.every((v) => typeof v === 'string') ? parsed.verbatim : undefined;
	const issued = parsed.issued;
	if (!verbatim || typeof issued !== 'object' || issued === null || !Object.values(issued).every((n) => Number.isInteger(n))) throw notAMap('lacks its verbatim list or issued numbers');
	return new OpenedMap(parsed.entries, new Set(verbatim as string[]), issued as Record<string, number>);
}

/** Decrypts a map from encryptMap: its placeholder → value entries. Wrong secret or tampering → GovernanceError IntegrityFailure. */
export function decryptMap(encrypted: string, secret: string | Uint8Array | undefined): PlaceholderMap {
	return openEncryptedMap(encrypted, secret).entries;
}
