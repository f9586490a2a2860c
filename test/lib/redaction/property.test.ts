import fc from 'fast-check';
import { detect, redact, restore, validators } from '../../../lib/redaction';

const SECRET = 's'.repeat(32);

const digitStr = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(''));

/** Generators of VALID values: each computes its own check digits. */
const card = fc.tuple(fc.constantFrom('4', '51', '55', '37', '6011'), digitStr(14)).map(([p, body]) => {
	const len = p === '37' ? 15 : 16;
	const payload = (p + body).slice(0, len - 1);
	return payload + validators.luhnCheckDigit(payload);
});
const iban = fc.tuple(fc.constantFrom('DE', 'FR', 'NL', 'BE'), digitStr(26)).map(([cc, d]) => {
	const bban = d.slice(0, validators.IBAN_LENGTHS[cc] - 4);
	const check = String(98 - validators.mod97(bban + cc + '00')).padStart(2, '0');
	return cc + check + bban;
});
const email = fc
	.tuple(fc.stringMatching(/^[a-z]{1,10}$/), fc.stringMatching(/^[a-z]{1,8}$/), fc.constantFrom('com', 'org', 'io', 'de'))
	.map(([u, d, t]) => `${u}@${d}.${t}`);
const ssn = fc
	.tuple(fc.integer({ min: 1, max: 899 }), fc.integer({ min: 1, max: 99 }), fc.integer({ min: 1, max: 9999 }))
	.filter(([a]) => a !== 666)
	.map(([a, g, s]) => `${String(a).padStart(3, '0')}-${String(g).padStart(2, '0')}-${String(s).padStart(4, '0')}`);
const ipv4 = fc.tuple(fc.integer({ min: 1, max: 223 }), fc.nat(255), fc.nat(255), fc.integer({ min: 1, max: 254 })).map((o) => o.join('.'));
const phone = fc.tuple(fc.integer({ min: 201, max: 989 }), fc.integer({ min: 200, max: 999 }), digitStr(4)).map(([a, b, c]) => `(${a}) ${b}-${c}`);

const planted = fc.oneof(card, iban, email, ssn, ipv4, phone);
const word = fc.constantFrom('hello', 'order', 'please', 'refund', 'the', 'customer', 'team', 'update', 'Müller', 'ok', '—', 'note:');

/** Text: random words with planted values between them; returns text and the planted values. */
const plantedText = fc
	.array(fc.tuple(fc.array(word, { minLength: 1, maxLength: 6 }), fc.option(planted, { nil: undefined })), { minLength: 1, maxLength: 8 })
	.map((parts) => {
		const values: string[] = [];
		const text = parts
			.map(([ws, v]) => {
				if (v !== undefined) values.push(v);
				return v === undefined ? ws.join(' ') : `${ws.join(' ')} ${v}`;
			})
			.join(' ');
		return { text, values };
	});

describe('property: reversible redaction', () => {
	test('when values are planted in random text then restore(redact(x)) === x and no planted value survives redaction', () => {
		fc.assert(
			fc.property(plantedText, ({ text, values }) => {
				const r = redact(text, { operator: 'token', secret: SECRET });
				for (const v of values) expect(r.text).not.toContain(v);
				if (values.length === 0 && r.encryptedMap === undefined) return;
				const back = restore(r.text, r.encryptedMap!, SECRET);
				expect(back.text).toBe(text);
				expect(back.unmatched).toEqual([]);
			}),
			{ numRuns: 300, seed: 424242 },
		);
	});

	test('when random unicode text is scanned then spans are in range, sorted and non-overlapping', () => {
		fc.assert(
			fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (text) => {
				const d = detect(text);
				let last = 0;
				for (const x of d) {
					expect(x.start).toBeGreaterThanOrEqual(last);
					expect(x.end).toBeGreaterThan(x.start);
					expect(x.end).toBeLessThanOrEqual(text.length);
					last = x.end;
				}
			}),
			{ numRuns: 300, seed: 7 },
		);
	});

	test('when card numbers fail Luhn then none is reported as CREDIT_CARD', () => {
		fc.assert(
			fc.property(card, fc.integer({ min: 1, max: 9 }), (valid, delta) => {
				const last = (Number(valid[valid.length - 1]) + delta) % 10;
				const bad = valid.slice(0, -1) + last;
				expect(detect(`card ${bad} declined`).filter((d) => d.entity === 'CREDIT_CARD')).toEqual([]);
			}),
			{ numRuns: 300, seed: 99 },
		);
	});

	test('when IBANs fail mod-97 then none is reported as IBAN_CODE', () => {
		fc.assert(
			fc.property(iban, fc.integer({ min: 1, max: 96 }), (valid, delta) => {
				const check = ((Number(valid.slice(2, 4)) + delta - 2) % 97) + 2;
				const bad = valid.slice(0, 2) + String(check).padStart(2, '0') + valid.slice(4);
				fc.pre(!validators.ibanValid(bad));
				expect(detect(`IBAN ${bad}`).filter((d) => d.entity === 'IBAN_CODE')).toEqual([]);
			}),
			{ numRuns: 300, seed: 5 },
		);
	});
});
