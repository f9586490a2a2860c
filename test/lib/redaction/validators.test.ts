import { validators as v } from '../../../lib/redaction';
import { ibanPossibleAt, ibanSeek } from '../../../lib/redaction/validators/mod97';
import { dottedQuadAt, groups334At, itinGroupsAt, macSeparatorsAt, nanpGroupsAt, secretNameAt, trunkZeroAt } from '../../../lib/redaction/validators/shapes';
import { rng } from './texts';

describe('validators', () => {
	test.each([
		// Visa test number
		['4111111111111111', true],
		// Mastercard test number, grouped
		['5500 0000 0000 0004', true],
		// Amex test number
		['378282246310005', true],
		// last digit changed: Luhn fails
		['4111111111111112', false],
		// single digit
		['7', false],
	])('when luhnValid(%s) then %s', (s, expected) => expect(v.luhnValid(s)).toBe(expected));

	test('when a Luhn check digit is computed then the number validates', () => {
		for (const payload of ['411111111111111', '3782822463100', '79927398710'.slice(0, 10)]) {
			expect(v.luhnValid(payload + v.luhnCheckDigit(payload))).toBe(true);
		}
	});

	test.each([
		// Luhn-valid Visa
		['4111111111111111', true],
		// Luhn-valid but unknown issuer prefix 9
		['9111111111111113', false],
		// all zeros passes Luhn but is a placeholder
		['0000000000000000', false],
		// 12-digit Maestro
		['630427373398', true],
	])('when creditCardValid(%s) then %s', (s, expected) => expect(v.creditCardValid(s)).toBe(expected));

	test.each([
		// UK example IBAN
		['GB82WEST12345698765432', true],
		// German example IBAN, grouped
		['DE89 3704 0044 0532 0130 00', true],
		// French example with a letter in the BBAN
		['FR1420041010050500013M02606', true],
		// check digits altered
		['GB83WEST12345698765432', false],
		// wrong length for GB
		['GB82WEST1234569876543', false],
		// unknown country
		['QQ82WEST12345698765432', false],
	])('when ibanValid(%s) then %s', (s, expected) => expect(v.ibanValid(s)).toBe(expected));

	test.each([
		// published Verhoeff example
		['2363', true],
		// Aadhaar-shaped value with computed check digit
		['234567890124', true],
		// one digit changed
		['234567890125', false],
	])('when verhoeffValid(%s) then %s', (s, expected) => expect(v.verhoeffValid(s)).toBe(expected));

	test.each([
		['usSsnValid', '123-45-6789', true], // ordinary
		['usSsnValid', '000-45-6789', false], // area 000
		['usSsnValid', '666-45-6789', false], // area 666
		['usSsnValid', '912-45-6789', false], // area 9xx
		['usSsnValid', '123-00-6789', false], // group 00
		['usSsnValid', '123-45-0000', false], // serial 0000
		['usItinValid', '912-70-1234', true], // group 70
		['usItinValid', '912-66-1234', false], // group 66 is not issued
		['ukNhsValid', '943 476 5919', true], // NHS published example
		['ukNhsValid', '943 476 5918', false], // check digit wrong
		['ukNinoValid', 'AB 12 34 56 C', true], // allowed prefix
		['ukNinoValid', 'GB 12 34 56 C', false], // prefix GB never issued
		['esNifValid', '12345678Z', true], // 12345678 mod 23 → Z
		['esNifValid', '12345678A', false], // wrong letter
		['esNieValid', 'X1234567L', true], // X → 0
		['esNieValid', 'X1234567A', false], // wrong letter
		['itFiscalCodeValid', 'RSSMRA85T10A562S', true], // classic example
		['itFiscalCodeValid', 'RSSMRA85T10A562T', false], // wrong check char
		['itVatValid', '07643520567', true], // computed check digit
		['itVatValid', '07643520568', false], // wrong check digit
		['plPeselValid', '44051401359', true], // published example
		['plPeselValid', '44051401358', false], // wrong check digit
		['auAbnValid', '51 824 753 556', true], // ATO example
		['auAbnValid', '51 824 753 557', false], // altered
		['auAcnValid', '004 085 616', true], // ASIC example
		['auAcnValid', '004 085 617', false], // altered
		['auTfnValid', '123 456 782', true], // well-known valid test TFN
		['auTfnValid', '123 456 783', false], // altered
		['auMedicareValid', '2123 45670 1', true], // computed check digit
		['auMedicareValid', '2123 45671 1', false], // altered
		['inAadhaarValid', '2345 6789 0124', true], // Verhoeff-valid
		['inAadhaarValid', '1345 6789 0124', false], // first digit 1 not issued
		['sgNricValid', 'S1234567D', true], // classic example
		['sgNricValid', 'S1234567A', false], // wrong check letter
		['fiPersonalIdentityCodeValid', '131052-308T', true], // DVV example
		['fiPersonalIdentityCodeValid', '131052-308U', false], // wrong control char
	] as const)('when %s(%s) then %s', (fn, s, expected) => {
		expect((v as unknown as Record<string, (x: string) => boolean>)[fn](s)).toBe(expected);
	});

	test.each([
		['ipv4Valid', '192.168.0.1', true], // private
		['ipv4Valid', '256.1.1.1', false], // octet > 255
		['ipv4Valid', '01.2.3.4', false], // leading zero
		['ipv6Valid', '::', true], // unspecified
		['ipv6Valid', '::1', true], // loopback
		['ipv6Valid', '2001:db8::8a2e:370:7334', true], // compressed
		['ipv6Valid', '2001:0db8:85a3:0000:0000:8a2e:0370:7334', true], // full
		['ipv6Valid', '::ffff:192.0.2.128', true], // IPv4-mapped
		['ipv6Valid', 'fe80::1%eth0', true], // zone index
		['ipv6Valid', '1::2::3', false], // two ::
		['ipv6Valid', '1:2:3:4:5:6:7', false], // 7 groups without ::
		['ipv6Valid', '12345::1', false], // group too long
		['macValid', '00:1A:2B:3C:4D:5E', true], // ordinary
		['macValid', '00:00:00:00:00:00', false], // all zero
	] as const)('when %s(%s) then %s', (fn, s, expected) => {
		expect((v as unknown as Record<string, (x: string) => boolean>)[fn](s)).toBe(expected);
	});

	test.each([
		// genesis block address (P2PKH)
		['1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa', true],
		// P2SH example
		['3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy', true],
		// last char changed: double-SHA-256 checksum fails
		['1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb', false],
	])('when base58CheckValid(%s) then %s', (s, expected) => expect(v.base58CheckValid(s)).toBe(expected));

	test.each([
		// BIP-173 v0 example
		['bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq', true],
		// taproot (bech32m)
		['bc1p5d7rjq7g6rdk2yhzks9smlaqtedr4dekq08ge8ztwac72sfr9rusxg3297', true],
		// checksum broken
		['bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdp', false],
	])('when bech32Valid(%s) then %s', (s, expected) => expect(v.bech32Valid(s)).toBe(expected));

	test.each([
		// uniform over 16 symbols → 4 bits
		['0123456789abcdef', 4],
		// one symbol → 0 bits
		['aaaa', 0],
	])('when shannonEntropy(%s) then %s', (s, expected) => expect(v.shannonEntropy(s)).toBeCloseTo(expected, 6));

	test.each([
		['1985-03-12', true], // ISO
		['31/12/1999', true], // day first
		['12/31/1999', true], // month first
		['31.02.1999', false], // 31 February
		['12 March 1985', true], // text
		['March 32, 1985', false], // day 32
	])('when dateValid(%s) then %s', (s, expected) => expect(v.dateValid(s)).toBe(expected));
});

/**
 * ibanSeek, the IBAN precheck as a one-pass search with rolling remainders (O(1) per start on
 * hostile runs), must find exactly the first segment start where the precheck computed afresh holds.
 */
describe('IBAN precheck search', () => {
	const r = rng(97);
	const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
	const COUNTRIES = ['GB', 'DE', 'FR', 'NO', 'MT', 'RU', 'LC', 'NL'];
	/** A valid IBAN of `cc` (its registered length), upper case. */
	const validIban = (cc: string): string => {
		let bban = '';
		for (let n = v.IBAN_LENGTHS[cc] - 4; n > 0; n--) bban += r() < 0.7 ? String(Math.floor(r() * 10)) : String.fromCharCode(65 + Math.floor(r() * 26));
		const check = String(98 - v.mod97(bban + cc + '00')).padStart(2, '0');
		return cc + check + bban;
	};
	const grouped = (s: string): string => s.replace(/(.{4})(?=.)/g, '$1 ');
	const pieces = (): string => {
		const k = r();
		if (k < 0.25) {
			const iban = validIban(pick(COUNTRIES));
			const form = r() < 0.5 ? grouped(iban) : iban;
			return r() < 0.3 ? form.toLowerCase() : form;
		}
		if (k < 0.5) return pick(['GB82 ', 'GB82', 'gb82 ', 'DE89 ', 'NO93 ', 'XX12 ', 'WEST ', '1234 ', '00 ']);
		if (k < 0.6) return pick([' ', '  ', '-', '.', '\n', ':', 'é', 'ı', 'ſE']);
		return String.fromCharCode(pick([48 + Math.floor(r() * 10), 65 + Math.floor(r() * 26), 97 + Math.floor(r() * 26)]));
	};
	const texts: string[] = [];
	for (let i = 0; i < 150; i++) {
		let s = '';
		for (let n = 1 + Math.floor(r() * 120); n > 0; n--) s += pieces();
		texts.push(s);
	}
	// hostile runs with real values planted
	for (const unit of ['GB82 ', 'gb82 ', 'DE89 3704 ', 'GB82WEST', 'NO93 8601 ']) texts.push(unit.repeat(300) + grouped(validIban('GB')) + ' ' + unit.repeat(40) + validIban('DE') + unit.repeat(20));

	const direct = (text: string, at: number) => ibanPossibleAt(text, at);
	const alnum = (c: number) => (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122);
	const brute = (text: string, from: number, end: number) => {
		for (let q = from; q < end; q++) if ((q === from || !alnum(text.charCodeAt(q - 1))) && direct(text, q)) return q;
		return -1;
	};
	const check = (text: string, ranges: Array<[number, number]>): string[] =>
		ranges.filter(([from, end]) => ibanSeek(text, from, end) !== brute(text, from, end)).map(([from, end]) => `${JSON.stringify(text.slice(from, from + 40))} [${from}, ${end})`);

	test('when the hostile texts hold planted values then the direct check finds them', () => {
		const hostile = texts.slice(-5);
		expect(hostile.every((t) => [...t].some((_, at) => direct(t, at)))).toBe(true);
	});

	test('when searching whole texts and from every offset to the end then it equals the brute-force search', () => {
		expect(texts.flatMap((t) => check(t, [[0, t.length]]))).toEqual([]);
		expect(texts.slice(0, 40).flatMap((t) => check(t, [...Array(t.length).keys()].map((from) => [from, t.length] as [number, number])))).toEqual([]);
	});

	test('when searching random ranges then it equals the brute-force search', () => {
		const bad: string[] = [];
		for (const t of texts) {
			const ranges: Array<[number, number]> = [];
			for (let k = 0; k < 30; k++) {
				const from = Math.floor(r() * t.length);
				ranges.push([from, from + Math.floor(r() * (t.length - from + 1))]);
			}
			bad.push(...check(t, ranges));
		}
		expect(bad).toEqual([]);
	});

	test('when a long run holds valid IBANs among look-alikes then every start is found in turn', () => {
		let run = '';
		while (run.length < 4000) run += r() < 0.1 ? ' ' + grouped(validIban(pick(COUNTRIES))) + ' ' : pick(['GB', 'DE', '82', '89', 'A', '7', ' ', '0', 'NO']);
		const found: number[] = [];
		for (let from = 0, at = ibanSeek(run, 0, run.length); at >= 0; from = at + 1, at = ibanSeek(run, from, run.length)) found.push(at);
		expect(found.length).toBeGreaterThan(20);
		const starts: number[] = [];
		for (let from = 0, at = brute(run, 0, run.length); at >= 0; from = at + 1, at = brute(run, from, run.length)) starts.push(at);
		expect(found).toEqual(starts);
	});
});


describe('shape prechecks', () => {
	// [precheck, text, expected]: each holds at 0 where its rule's pattern can match, fails on near misses
	const cases: Array<[string, (t: string, at: number) => boolean, string, boolean]> = [
		['nanp', nanpGroupsAt, '+1 (415) 555-2671', true],
		['nanp', nanpGroupsAt, '001 555 123 4567', true],
		['nanp', nanpGroupsAt, '001-(555)-123-4567', true],
		['nanp', nanpGroupsAt, '1555-123-4567', true],
		['nanp', nanpGroupsAt, '(555)123-4567', true],
		['nanp', nanpGroupsAt, '555-123-4567x12', true],
		['nanp', nanpGroupsAt, '123-4567', false],
		['nanp', nanpGroupsAt, '2019-353898', false],
		['nanp', nanpGroupsAt, '4111 1111 1111 1111', false],
		['nanp', nanpGroupsAt, '555-123-45678', false],
		['nanp', nanpGroupsAt, '555 123/4567', false],
		['trunk', trunkZeroAt, '020 7946 0958', true],
		['trunk', trunkZeroAt, '(08) 8747 6301', true],
		['trunk', trunkZeroAt, '(8) 8747 6301', false],
		['trunk', trunkZeroAt, '20 7946 0958', false],
		['ipv4', dottedQuadAt, '192.168.1.10', true],
		['ipv4', dottedQuadAt, '1.2.3.4', true],
		['ipv4', dottedQuadAt, '1234.1.1.1', false],
		['ipv4', dottedQuadAt, '286.75', false],
		['ipv4', dottedQuadAt, '1.2.3.', false],
		['mac', macSeparatorsAt, '00:1A:2B:3C:4D:5E', true],
		['mac', macSeparatorsAt, '00-1a-2b-3c-4d-5e', true],
		['mac', macSeparatorsAt, '001a.2b3c.4d5e', true],
		['mac', macSeparatorsAt, '00:1A-2B:3C:4D:5E', false],
		['mac', macSeparatorsAt, '2025-02-18', false],
		['itin', itinGroupsAt, '912-70-1234', true],
		['itin', itinGroupsAt, '912 70 1234', true],
		['itin', itinGroupsAt, '912-70 1234', false],
		['itin', itinGroupsAt, '812-70-1234', false],
		['nhs', groups334At, '943 476 5919', true],
		['nhs', groups334At, '943-476-5919', true],
		['nhs', groups334At, '9434765919', true],
		['nhs', groups334At, '943 476-5919', false],
		['nhs', groups334At, '943476591', false],
		['secret name', secretNameAt, 'password=Xk9#mQ2', true],
		['secret name', secretNameAt, 'Client_Secret: x', true],
		['secret name', secretNameAt, 'DB_PASSWORD: x', true],
		['secret name', secretNameAt, `${'a'.repeat(20)}.token=x`, true],
		['secret name', secretNameAt, `${'a'.repeat(21)}.token=x`, false],
		['secret name', secretNameAt, 'a1password=a1', false],
		['secret name', secretNameAt, 'mypassword=x', false],
		['secret name', secretNameAt, 'order_total=12', false],
	];
	test.each(cases)('when %s precheck reads %j then it returns %s', (_name, check, text, expected) => {
		expect(check(`x ${text}`, 2)).toBe(expected);
	});
});
