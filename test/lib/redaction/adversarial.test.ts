import { detect } from '../../../lib/redaction';

/**
 * Linear-time guard: every built-in pattern is bounded and anchored by a lookbehind, so 1 MB of
 * hostile input finishes quickly. The bound is generous (500 ms) for a loaded 2-core machine;
 * `npm run bench:redact` prints the real figures.
 */
const MB = 1 << 20;
function fill(unit: string): string {
	return unit.repeat(Math.ceil(MB / unit.length)).slice(0, MB);
}

const INPUTS: Array<[string, string]> = [
	['digit run', fill('1')],
	['repeated separators 1-1-1-', fill('1-')],
	['spaced digits 1 1 1', fill('1 ')],
	['dotted digits 1.1.1.', fill('1.')],
	['@ storm a@a@a@', fill('a@')],
	['dotted domain storm a@b.b.b.', 'a@' + fill('b.')],
	['colon storm ::::', fill(':')],
	['hex and colons 1:a:1:a', fill('1:a:')],
	['long token', fill('Ab9')],
	['long hex run', fill('deadbeef0123')],
	['repeated JWT header eyJ', fill('eyJ')],
	['url storm http://', fill('http://a')],
	['PEM headers', fill('-----BEGIN RSA PRIVATE KEY-----\n')],
	['assignment storm password=', fill('password=a1')],
	['plus storm +1 +1', fill('+1 ')],
	['parentheses (1)(1)', fill('(1)')],
	['letters and digits GB82', fill('GB82 ')],
	// IBAN look-alikes: the rolling precheck in lower case and with a longer country length
	['lower-case IBAN look-alikes gb82', fill('gb82 ')],
	['grouped IBAN look-alikes DE89 3704', fill('DE89 3704 ')],
	// the IBAN search's queue of pending starts behind a longer one, and with a non-ASCII first unit
	['IBAN look-alikes with letter groups GB82 WEST', fill('GB82 WEST ')],
	['dotless-i IBAN look-alikes ıt60', fill('ıt60 ')],
	// one long window where only literal-led rules stay: their literals searched for
	['literal lead storm SKx-', fill('SKx-')],
	['literal lead storm AKIA-', fill('AKIA-')],
];

describe('adversarial 1 MB inputs', () => {
	beforeAll(() => {
		detect(fill('warm up 4111 1111 1111 1111 a@b.co ').slice(0, 4096));
	});

	test.each(INPUTS)('when the input is a 1 MB %s then detect uses < 500 ms of CPU', (_name, input) => {
		// CPU time of this process: less distorted than wall time when other jobs share the cores.
		const before = process.cpuUsage();
		detect(input);
		const used = process.cpuUsage(before);
		expect((used.user + used.system) / 1000).toBeLessThan(500);
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

	test('when a valid IBAN ends 1 MB of look-alikes then it is found (the rolling precheck far from the run start)', () => {
		const iban = 'GB82 WEST 1234 5698 7654 32';
		const text = fill('GB82 ') + ' pay ' + iban;
		const found = detect(text).filter((d) => d.entity === 'IBAN_CODE');
		expect(found.map((d) => text.slice(d.start, d.end))).toEqual([iban]);
	});
});
