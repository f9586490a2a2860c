import { detect } from '../../../lib/redaction';
import { growthRatio } from '../../helpers/linear-growth';

/**
 * Linear-time guard: every built-in pattern is bounded and anchored by a lookbehind, so the CPU time
 * of hostile input grows with its length: 4 MB may cost at most 2.5 times as much per unit as 1 MB
 * (quadratic work would cost 4 times as much). No clock bound: `npm run bench:redact` prints the
 * CPU time of each 1 MB input.
 */
const MB = 1 << 20;
function fill(unit: string, size = MB): string {
	return unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
}

const UNITS: Array<[string, string, string?]> = [
	['digit run', '1'],
	['repeated separators 1-1-1-', '1-'],
	['spaced digits 1 1 1', '1 '],
	['dotted digits 1.1.1.', '1.'],
	['@ storm a@a@a@', 'a@'],
	['dotted domain storm a@b.b.b.', 'b.', 'a@'],
	['colon storm ::::', ':'],
	['hex and colons 1:a:1:a', '1:a:'],
	['long token', 'Ab9'],
	['long hex run', 'deadbeef0123'],
	['repeated JWT header eyJ', 'eyJ'],
	['url storm http://', 'http://a'],
	['PEM headers', '-----BEGIN RSA PRIVATE KEY-----\n'],
	['assignment storm password=', 'password=a1'],
	['plus storm +1 +1', '+1 '],
	['parentheses (1)(1)', '(1)'],
	['letters and digits GB82', 'GB82 '],
	// IBAN look-alikes in lower case and with a longer country length
	['lower-case IBAN look-alikes gb82', 'gb82 '],
	['grouped IBAN look-alikes DE89 3704', 'DE89 3704 '],
	// IBAN look-alikes with letter groups, and with a non-ASCII first unit
	['IBAN look-alikes with letter groups GB82 WEST', 'GB82 WEST '],
	['dotless-i IBAN look-alikes ıt60', 'ıt60 '],
	// literal starts of secret rules without the rest of the secret
	['literal lead storm SKx-', 'SKx-'],
	['literal lead storm AKIA-', 'AKIA-'],
	// BIC and national-ID look-alikes
	['BIC look-alikes with context BIC DEUTDEFF', 'BIC DEUTDEFF '],
	['upper-case word storm ABCDEFGHXYZ', 'ABCDEFGHXYZ '],
	['NIR groups 1 85 05 78', '1 85 05 78 '],
	['Belgian groups 85.07.30-033.', '85.07.30-033.'],
	['personnummer look-alikes 811218-', '811218-'],
];

describe('adversarial 1 MB inputs', () => {
	beforeAll(() => {
		detect(fill('warm up 4111 1111 1111 1111 a@b.co ').slice(0, 4096));
	});

	test.each(UNITS)('when the input is a %s storm 4 times longer then detect costs about 4 times as much', (_name, unit, head = '') => {
		expect(growthRatio((k) => head + fill(unit, k * MB), (text) => detect(text), { repeats: 2 })).toBeLessThan(2.5);
	});

	test('when a PEM block ends 1 MB of PEM headers then it is found, and without its END line nothing is', () => {
		const pem = '-----BEGIN RSA PRIVATE KEY-----\nMIIBOgIBAAJBAKj34GkxFhD90vcNLYLInFEX6Ppy1tPf9Cnzj4p4WGeKLs1Pt8Qu\n-----END RSA PRIVATE KEY-----';
		const headers = fill('-----BEGIN RSA PRIVATE KEY-----\n');
		const text = headers + pem;
		const found = detect(text).filter((d) => d.entity === 'SECRET_PRIVATE_KEY');
		expect(found.map((d) => text.slice(d.start, d.end))).toEqual([pem]);
		// an END line before the last headers only: the headers after it are still searched past it
		const early = pem + '\n' + headers;
		expect(detect(early).filter((d) => d.entity === 'SECRET_PRIVATE_KEY').map((d) => early.slice(d.start, d.end))).toEqual([pem]);
		expect(detect(headers + pem.slice(0, pem.indexOf('-----END'))).filter((d) => d.entity === 'SECRET_PRIVATE_KEY')).toEqual([]);
	});

	test('when a valid IBAN ends 1 MB of look-alikes then it is found', () => {
		const iban = 'GB82 WEST 1234 5698 7654 32';
		const text = fill('GB82 ') + ' pay ' + iban;
		const found = detect(text).filter((d) => d.entity === 'IBAN_CODE');
		expect(found.map((d) => text.slice(d.start, d.end))).toEqual([iban]);
	});
});
