import { validators as v, validators } from '../../../lib/redaction';
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

	test.each([
		['12 March 2024', true], // day month year
		['March 12th, 2024', true], // month day, year
		['12th of March', true], // no year: any year
		['29 Feb 2023', false], // no leap year
		['29 Feb', true], // no year: a leap year is possible
		['March 2024', true], // month and year
		['31 April 2024', false], // April has 30 days
		['5 Mar 2024 10:00', true], // a time after it
		['12 Marsh', false], // no month
	])('when monthDateValid(%s) then %s', (s, expected) => expect(v.monthDateValid(s)).toBe(expected));

	test.each([
		['2024-03-05 11:34:35', true], // ISO date and time
		['2024-03-05T11:34Z', true], // ISO with T
		['05/03/2024, 9:30', true], // numeric date, comma, time
		['2024-02-30 10:00', false], // 30 February
		['05.03.2024', true], // date alone
	])('when dateTimeValid(%s) then %s', (s, expected) => expect(v.dateTimeValid(s)).toBe(expected));
});

describe('European national identifiers', () => {
	test.each([
		// NL BSN 11-proof
		['nlBsnValid', '111222333', true], ['nlBsnValid', '1234.56.782', true], ['nlBsnValid', '123456789', false], ['nlBsnValid', '000000000', false],
		// DE Steuer-ID: check digit, one repeated digit (twice, or three times not in a row), no leading 0
		['deTaxIdValid', '86095742719', true], ['deTaxIdValid', '86 095 742 719', true], ['deTaxIdValid', '10028904356', true],
		['deTaxIdValid', '86095742718', false], ['deTaxIdValid', '12345678903', false], ['deTaxIdValid', '06095742719', false],
		// SE personnummer: Luhn over ten digits, real date, day + 60 for co-ordination numbers
		['sePersonnummerValid', '811218-9876', true], ['sePersonnummerValid', '19811218-9876', true], ['sePersonnummerValid', '811278-9873', true],
		['sePersonnummerValid', '811218-9875', false], ['sePersonnummerValid', '811318-9876', false], ['sePersonnummerValid', '811218+9876', true],
		// DK CPR: the date with the century of the 7th digit; no mod-11
		['dkCprValid', '070761-4285', true], ['dkCprValid', '290200-4321', true], ['dkCprValid', '320199-1234', false], ['dkCprValid', '290201-1234', false],
		// FR NIR: key 97 - n mod 97, Corsica 2A/2B
		['frNirValid', '1 85 05 78 006 084 91', true], ['frNirValid', '2 69 05 2A 123 456 88', true], ['frNirValid', '185057800608492', false], ['frNirValid', '385057800608491', false],
		// BE national number: mod 97 of the first nine digits, 2 prefixed from 2000
		['beNationalNumberValid', '85.07.30-033.28', true], ['beNationalNumberValid', '17.07.30-033.84', true], ['beNationalNumberValid', '85.07.30-033.29', false], ['beNationalNumberValid', '85.13.30-033.28', false],
	] as Array<[keyof typeof validators, string, boolean]>)('when %s(%j) then %s', (name, value, expected) => {
		expect((validators[name] as (v: string) => boolean)(value)).toBe(expected);
	});
});
