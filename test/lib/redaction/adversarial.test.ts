import { detect } from '../../../lib/redaction';
import { growthRatio } from '../../helpers/linear-growth';
import { HOSTILE_UNITS, hostileInput } from '../../helpers/hostile';

/**
 * Linear-time guard: every built-in pattern and prose recognizer is bounded, so the CPU time of
 * hostile input grows with its length: 128 K units may cost at most 2.5 times as much per unit as
 * 32 K (quadratic work would cost 4 times as much). 32 K units are past every bounded window of the
 * patterns (the longest, a JWT part, is 8 K), so a quadratic cost shows at these sizes too. No clock
 * bound: `npm run bench:redact` prints the CPU time of each 1 MB input.
 */
const SIZE = 1 << 15;
const LONG = 1 << 18;
const fill = (unit: string) => hostileInput(unit, LONG);

describe('adversarial inputs', () => {
	beforeAll(() => {
		detect(fill('warm up 4111 1111 1111 1111 a@b.co ').slice(0, 4096));
	});

	test.each(HOSTILE_UNITS.map(([name, unit, head]) => [name, unit, head ?? '']))('when the input is a %s storm 4 times longer then detect costs about 4 times as much', (_name, unit, head) => {
		expect(growthRatio((k) => hostileInput(unit, k * SIZE, head), (text) => detect(text), { repeats: 3 })).toBeLessThan(2.5);
	});

	test('when a PEM block ends 256 K units of PEM headers then it is found, and without its END line nothing is', () => {
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

	test('when a valid IBAN ends 256 K units of look-alikes then it is found', () => {
		const iban = 'GB82 WEST 1234 5698 7654 32';
		const text = fill('GB82 ') + ' pay ' + iban;
		const found = detect(text).filter((d) => d.entity === 'IBAN_CODE');
		expect(found.map((d) => text.slice(d.start, d.end))).toEqual([iban]);
	});
});
