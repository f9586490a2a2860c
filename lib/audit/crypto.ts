/// <reference types="node" />
import { createHash, createHmac, createSecretKey, hash as oneShotHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { KeyObject } from 'node:crypto';

/** A signing key: `id` goes into each event (`keyid`), `secret` stays in memory and is never written out. */
export interface AuditKey {
	id: string;
	secret: string | Uint8Array;
}

// crypto.hash (Node >= 20.12 / 21.7) is a one-shot digest without a Hash object: about twice as fast on 1 KB.
const hashOnce = typeof oneShotHash === 'function' ? oneShotHash : undefined;

export function sha256Hex(text: string): string {
	return hashOnce ? hashOnce('sha256', text, 'hex') : createHash('sha256').update(text, 'utf8').digest('hex');
}

/** An HMAC key imported once, for many MACs with the same secret (verifying a log). */
export function hmacKey(secret: string | Uint8Array): string | Uint8Array | KeyObject {
	const bytes = typeof secret === 'string' ? Buffer.from(secret, 'utf8') : secret;
	// An empty key is legal for HMAC but not for createSecretKey: keep it as given.
	return bytes.length === 0 ? secret : createSecretKey(bytes);
}

export function hmacSha256Hex(secret: string | Uint8Array | KeyObject, text: string): string {
	return createHmac('sha256', secret).update(text, 'utf8').digest('hex');
}

/**
 * An HMAC-SHA256 key with its pad blocks computed once (RFC 2104), for MACs over byte ranges of a
 * larger buffer (lines of a log) without a Hmac object per message: two one-shot digests instead.
 */
export interface RangeMacKey {
	/** The key as given, for the fallback path. */
	secret: Uint8Array;
	/** K xor ipad (64 bytes), then room for the message. */
	inner: Buffer;
	/** K xor opad (64 bytes), then the 32-byte inner digest. */
	outer: Buffer;
}

const BLOCK = 64;

export function rangeMacKey(secret: string | Uint8Array): RangeMacKey {
	let key: Uint8Array = typeof secret === 'string' ? Buffer.from(secret, 'utf8') : secret;
	if (key.length > BLOCK) key = createHash('sha256').update(key).digest();
	const inner = Buffer.alloc(BLOCK + 4096, 0);
	const outer = Buffer.alloc(BLOCK + 32, 0);
	for (let i = 0; i < BLOCK; i++) {
		const k = i < key.length ? key[i] : 0;
		inner[i] = k ^ 0x36;
		outer[i] = k ^ 0x5c;
	}
	return { secret: typeof secret === 'string' ? Buffer.from(secret, 'utf8') : secret, inner, outer };
}

/** HMAC-SHA256 (hex) of bytes[start, end) without the cut bytes[cut, resume). */
export function rangeMacHex(key: RangeMacKey, bytes: Uint8Array, start: number, cut: number, resume: number, end: number): string {
	if (hashOnce === undefined) {
		return createHmac('sha256', key.secret).update(bytes.subarray(start, cut)).update(bytes.subarray(resume, end)).digest('hex');
	}
	const length = BLOCK + (end - start) - (resume - cut);
	if (BLOCK + end - start > key.inner.length) {
		const grown = Buffer.alloc((BLOCK + end - start) * 2);
		key.inner.copy(grown, 0, 0, BLOCK);
		key.inner = grown;
	}
	const inner = key.inner;
	// One copy of the whole range, then the part after the cut moved over it (no views to allocate).
	inner.set(bytes.subarray(start, end), BLOCK);
	inner.copyWithin(BLOCK + cut - start, BLOCK + resume - start, BLOCK + end - start);
	// A latin1 string (one char per byte) is the cheapest way from the digest into the outer block (measured against a Buffer or hex).
	key.outer.write(hashOnce('sha256', inner.subarray(0, length), 'binary'), BLOCK, 'latin1');
	return hashOnce('sha256', key.outer, 'hex');
}

/** SHA-256 (hex) of bytes[start, end). */
export function rangeSha256Hex(bytes: Uint8Array, start: number, end: number): string {
	const view = bytes.subarray(start, end);
	return hashOnce ? hashOnce('sha256', view, 'hex') : createHash('sha256').update(view).digest('hex');
}

/** Constant-time comparison of two hex/ASCII strings. */
export function safeEqual(a: string, b: string): boolean {
	const left = Buffer.from(a, 'utf8');
	const right = Buffer.from(b, 'utf8');
	return left.length === right.length && timingSafeEqual(left, right);
}

export function randomHex(bytes: number): string {
	return randomBytes(bytes).toString('hex');
}

export function newEventId(): string {
	return randomUUID();
}
