import fc from 'fast-check';
import referenceCanonicalize from 'canonicalize';
import { canonicalize } from '../../../lib/audit';
import { GovernanceError } from '../../../lib/errors/governance-error';

function fromHex(hex: string): number {
	return Buffer.from(hex, 'hex').readDoubleBE(0);
}

describe('canonicalize (RFC 8785)', () => {
	// RFC 8785 appendix B: IEEE 754 bit patterns and their canonical text.
	test.each([
		['0000000000000000', '0'],
		['8000000000000000', '0'],
		['0000000000000001', '5e-324'],
		['8000000000000001', '-5e-324'],
		['7fefffffffffffff', '1.7976931348623157e+308'],
		['ffefffffffffffff', '-1.7976931348623157e+308'],
		['4340000000000000', '9007199254740992'],
		['c340000000000000', '-9007199254740992'],
		['4430000000000000', '295147905179352830000'],
		['44b52d02c7e14af5', '9.999999999999997e+22'],
		['44b52d02c7e14af6', '1e+23'],
		['44b52d02c7e14af7', '1.0000000000000001e+23'],
		['444b1ae4d6e2ef4e', '999999999999999700000'],
		['444b1ae4d6e2ef50', '1e+21'],
		['3eb0c6f7a0b5ed8c', '9.999999999999997e-7'],
		['3eb0c6f7a0b5ed8d', '0.000001'],
		['41b3de4355555553', '333333333.3333332'],
		['41b3de4355555555', '333333333.3333333'],
		['becbf647612f3696', '-0.0000033333333333333333'],
		['43143ff3c1cb0959', '1424953923781206.2'],
	])('when the number has bits %s then it serialises as %s', (hex, expected) => {
		expect(canonicalize(fromHex(hex))).toBe(expected);
	});

	test('when given the RFC 8785 section 3.2.2 sample then the output matches the RFC', () => {
		const input = JSON.parse(
			'{"numbers":[333333333.33333329,1E30,4.50,2e-3,0.000000000000000000000000001],' +
				'"string":"\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/","literals":[null,true,false]}',
		);
		expect(canonicalize(input)).toBe(
			'{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
		);
	});

	test('when keys need sorting then they are ordered by UTF-16 code units (RFC 8785 section 3.2.3)', () => {
		const input = { '\u20ac': 1, '\r': 2, '\ufb33': 3, '1': 4, '\ud83d\ude00': 5, '\u0080': 6, '\u00f6': 7 };
		expect(canonicalize(input)).toBe('{"\\r":2,"1":4,"\u0080":6,"\u00f6":7,"\u20ac":1,"\ud83d\ude00":5,"\ufb33":3}');
	});

	test.each([
		['NaN', NaN],
		['Infinity', Infinity],
		['a BigInt', BigInt(1)],
		['a lone high surrogate', 'a\ud800b'],
		['a lone low surrogate key', { '\udc00': 1 }],
	])('when the value holds %s then it throws a GovernanceError', (_name, value) => {
		expect(() => canonicalize(value)).toThrow(GovernanceError);
	});

	test('when a value is cyclic then it throws instead of overflowing the stack', () => {
		const cyclic: Record<string, unknown> = {};
		cyclic.self = cyclic;
		expect(() => canonicalize(cyclic)).toThrow(/too deep/);
	});

	test('when members are undefined or functions then they are left out like JSON.stringify does', () => {
		expect(canonicalize({ b: undefined, a: [undefined, () => 1], c: new Date(0) })).toBe('{"a":[null,null],"c":"1970-01-01T00:00:00.000Z"}');
	});

	test.each([
		['grapheme-ascii' as const],
		['binary' as const],
		['grapheme' as const],
	])('when random JSON (%s strings) is canonicalised then it equals the canonicalize package', (stringUnit) => {
		fc.assert(
			fc.property(fc.jsonValue({ stringUnit }), (value) => {
				expect(canonicalize(value)).toBe(referenceCanonicalize(value));
			}),
			{ numRuns: 2000 },
		);
	});

	test('when random doubles are canonicalised then they equal the canonicalize package and parse back', () => {
		fc.assert(
			fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (value) => {
				const text = canonicalize({ v: value });
				expect(text).toBe(referenceCanonicalize({ v: value }));
				expect((JSON.parse(text) as { v: number }).v).toBe(value === 0 ? 0 : value);
			}),
			{ numRuns: 5000 },
		);
	});

	test('when canonical text is parsed and canonicalised again then it is unchanged', () => {
		fc.assert(
			fc.property(fc.jsonValue(), (value) => {
				const once = canonicalize(value);
				expect(canonicalize(JSON.parse(once))).toBe(once);
			}),
			{ numRuns: 1000 },
		);
	});
});
