/// <reference types="node" />
import { createHash, createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';

/** A signing key: `id` goes into each event (`keyid`), `secret` never leaves the process. */
export interface AuditKey {
	id: string;
	secret: string | Uint8Array;
}

export function sha256Hex(text: string): string {
	return createHash('sha256').update(text, 'utf8').digest('hex');
}

export function hmacSha256Hex(secret: string | Uint8Array, text: string): string {
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
