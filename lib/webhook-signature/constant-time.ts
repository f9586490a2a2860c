/// <reference types="node" />
import { timingSafeEqual } from 'node:crypto';

/**
 * Compares two byte strings in time that depends only on `expected`'s length. A length mismatch is not
 * short-circuited: `expected` is compared with itself and the result forced to false.
 */
export function constantTimeEqual(expected: Buffer, actual: Buffer): boolean {
	const sameLength = expected.length === actual.length;
	const equal = timingSafeEqual(expected, sameLength ? actual : expected);
	return sameLength && equal;
}

/** Compares a computed digest with a received hex signature (case-insensitive hex), in constant time. */
export function digestMatchesHex(digest: Buffer, receivedHex: string): boolean {
	const received = /^[0-9a-fA-F]*$/.test(receivedHex) && receivedHex.length % 2 === 0 ? Buffer.from(receivedHex, 'hex') : Buffer.alloc(0);
	return constantTimeEqual(digest, received);
}
