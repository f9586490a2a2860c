import { hkdfSync } from 'node:crypto';

/** Most recent derivations kept (a few credentials per instance; bounded so rotated secrets fall out). */
const LIMIT = 32;
const memo = new Map<string, Buffer>();

/**
 * HKDF-SHA256 with a small memo: the same secret, salt and purpose give the same key, so each execution need not pay
 * for it again (~0.1–0.3 ms per derivation on a busy 2-core host, three per Redact run). Pure: a cold memo (a new
 * worker) derives the same bytes; nothing a later step needs lives here. Returns a copy, so callers cannot alter it.
 */
export function hkdfSha256(secret: Uint8Array, salt: Uint8Array, info: Uint8Array, length = 32): Buffer {
	const id = `${length}\u0000${Buffer.from(salt).toString('base64')}\u0000${Buffer.from(info).toString('base64')}\u0000${Buffer.from(secret).toString('base64')}`;
	let key = memo.get(id);
	if (key === undefined) {
		key = Buffer.from(hkdfSync('sha256', secret, salt, info, length));
		if (memo.size >= LIMIT) memo.delete(memo.keys().next().value as string);
		memo.set(id, key);
	}
	return Buffer.from(key);
}
