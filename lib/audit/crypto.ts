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
