import { createHash } from 'node:crypto';

const B58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

function sha256(data: Uint8Array): Buffer {
	return createHash('sha256').update(data).digest();
}

/** Decodes base58 into bytes; null on an invalid character. */
export function base58Decode(text: string): Uint8Array | null {
	const bytes: number[] = [0];
	for (let i = 0; i < text.length; i++) {
		let carry = B58.indexOf(text[i]);
		if (carry < 0) return null;
		for (let j = 0; j < bytes.length; j++) {
			carry += bytes[j] * 58;
			bytes[j] = carry & 0xff;
			carry >>= 8;
		}
		while (carry > 0) {
			bytes.push(carry & 0xff);
			carry >>= 8;
		}
	}
	for (let i = 0; i < text.length && text[i] === '1'; i++) bytes.push(0);
	return Uint8Array.from(bytes.reverse());
}

/** Bitcoin legacy/P2SH address: 25 bytes, version 0x00 or 0x05, double-SHA-256 checksum. */
export function base58CheckValid(text: string): boolean {
	const raw = base58Decode(text);
	if (!raw || raw.length !== 25 || (raw[0] !== 0x00 && raw[0] !== 0x05)) return false;
	const sum = sha256(sha256(raw.subarray(0, 21)));
	for (let i = 0; i < 4; i++) if (sum[i] !== raw[21 + i]) return false;
	return true;
}

const BECH32 = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
const GEN = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];

function polymod(values: number[]): number {
	let chk = 1;
	for (const v of values) {
		const top = chk >>> 25;
		chk = ((chk & 0x1ffffff) << 5) ^ v;
		for (let i = 0; i < 5; i++) if ((top >>> i) & 1) chk ^= GEN[i];
	}
	return chk >>> 0;
}

/** Bitcoin segwit address (bech32 for v0, bech32m for v1+), human-readable part `bc`. */
export function bech32Valid(text: string): boolean {
	const s = text.toLowerCase();
	if (s !== text && text.toUpperCase() !== text) return false;
	const sep = s.lastIndexOf('1');
	if (sep < 1 || s.length - sep < 7 || s.slice(0, sep) !== 'bc') return false;
	const data: number[] = [];
	for (let i = sep + 1; i < s.length; i++) {
		const v = BECH32.indexOf(s[i]);
		if (v < 0) return false;
		data.push(v);
	}
	const hrp = s.slice(0, sep);
	const expanded: number[] = [];
	for (let i = 0; i < hrp.length; i++) expanded.push(hrp.charCodeAt(i) >> 5);
	expanded.push(0);
	for (let i = 0; i < hrp.length; i++) expanded.push(hrp.charCodeAt(i) & 31);
	const pm = polymod(expanded.concat(data));
	return data[0] === 0 ? pm === 1 : pm === 0x2bc830a3;
}
