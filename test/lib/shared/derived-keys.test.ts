import { hkdfSync, randomBytes } from 'node:crypto';
import { hkdfSha256 } from '../../../lib/shared/derived-keys';

describe('hkdfSha256 (memoised HKDF)', () => {
	test('gives the bytes of HKDF-SHA256, for repeated and for many different inputs', () => {
		for (let i = 0; i < 100; i++) {
			const secret = randomBytes(32);
			const salt = Buffer.from(`salt-${i % 3}`);
			const info = Buffer.from(`purpose-${i % 5}`);
			const expected = Buffer.from(hkdfSync('sha256', secret, salt, info, 32));
			expect(hkdfSha256(secret, salt, info)).toEqual(expected);
			expect(hkdfSha256(secret, salt, info)).toEqual(expected);
		}
	});

	test('a caller that changes the returned key does not change what the next caller gets', () => {
		const secret = randomBytes(32);
		const first = hkdfSha256(secret, Buffer.from('s'), Buffer.from('i'));
		const copy = Buffer.from(first);
		first.fill(0);
		expect(hkdfSha256(secret, Buffer.from('s'), Buffer.from('i'))).toEqual(copy);
	});

	test('salt, purpose and length separate keys', () => {
		const secret = randomBytes(32);
		const keys = [
			hkdfSha256(secret, Buffer.from('a'), Buffer.from('x')),
			hkdfSha256(secret, Buffer.from('b'), Buffer.from('x')),
			hkdfSha256(secret, Buffer.from('a'), Buffer.from('y')),
		].map((k) => k.toString('hex'));
		expect(new Set(keys).size).toBe(3);
		expect(hkdfSha256(secret, Buffer.from('a'), Buffer.from('x'), 16)).toHaveLength(16);
	});
});
