import { DEFAULT_MIN_SCORE, RULES, detect } from '../../../lib/redaction';
import { detectPlain, detectWithRules } from '../../../lib/redaction/detect';
import { requiredLiterals } from '../../../lib/redaction/literals';
import { compileRule } from '../../../lib/redaction/plan';
import { scanRules } from '../../../lib/redaction/accept';
import type { RedactionRule } from '../../../lib/redaction';
import { randomTexts, rng } from './texts';

/**
 * The engine derives its gates from the rule rows: the literals every match of a pattern holds
 * (literals.ts), and, above the weak score, the context words a rule that wants context needs
 * somewhere in the text. They only skip texts where a rule cannot report anything, so detections
 * must equal the plain scan (every rule over every text). Each rule runs alone (a wrong gate cannot
 * hide behind another rule), on its samples in varied surroundings, on mutations of them and on
 * seeded random texts built from every rule's samples and context words.
 */

/** Accepted matches for pattern alternatives the rule samples do not show. */
const WITNESSES = [
	'call 1(555) 123-4567', 'call 1-555-123-4567', 'call 1 555 123 4567', 'call 1.555.123.4567', 'call 1555-123-4567',
	'NI AB123456 C', 'NI AB 12 34 56 C', 'NI AB12 34 56 C', 'NI AB1234 56 C',
	'hetu 131052+308T', 'hetu 131052A308T',
	'born Sept. 12, 1985', 'born 12th March 1985', 'born 1st March 1985', 'born March 12, 1985',
	'IBAN NO9386011117947', 'IBAN no9386011117947',
	'NIE X-1234567-L', 'NIE X1234567-L', 'NIE x1234567l',
	'driver license A-123-456-78-901', 'driver license A123-4567-8901', 'driver license 123-45-678', 'driver license AB1234567',
	'Medicare 212345670 1', 'Medicare 2123456701', 'Medicare 21234567011', 'Medicare 2123 45670 1-2',
	'aadhaar 2345-6789-0124', 'aadhaar 234567890124',
	'ABN 51 824 753 556', 'ABN 51824 753 556', 'ABN 51824753 556', 'ABN 51824753556',
	'ACN 004085 616', 'ACN 004085616', 'ACN 004 085616', 'TFN 123456 782',
	'NHS 943-476-5919', 'NHS 9434765919', 'SSN 123 45 6789', 'ssn: 123456789', 'ITIN 912 70 1234', 'ITIN 912-70-1234',
	'passport A12345678', 'passport 12345678', 'passport 123456789',
	'ip fe80::1', 'ip 1::1', 'ip abcd::1', 'ip ::1', 'ip 1:2:3:4:5:6:1.2.3.4',
	'mac 00-1a-2b-3c-4d-5e', 'mac 001a.2b3c.4d5e', 'mac AA:BB:CC:DD:EE:01',
	'(08) 8747 6301', '020 7946 0958', '03.93.92.16.85', '0961-7596216', '07700 063 966', '(0161) 496 0000',
	'Phone: 9498777106x123', 'Phone: 9498777106ext.12', 'Phone: (37) 788-063', 'Phone: 467 3395', 'Phone: 467.3395 x 12',
	'postgres://u:pw@h', 'git+ssh://u:pw@h', 'a.b://u:pw@h', 's3-x://u:pw@h',
	'DOB: 1985-03-12', 'DOB 12/03/1985', 'DOB 1.3.85', 'born 1985.03.12',
	'4111-1111-1111-1111', '3782 822463 10005', 'BC1QAR0SRRR7XFKVY5L643LYDNW9RE59GTZZWF5MDQ', 'ftp://x.io/a',
	'+1 (415) 555-2671', '+44 (0)20 7946 0958', '+49-30-51001056', 'account 12345678', 'IT 07643520567', 'PESEL 02070803628',
	'credentials=Xk9#mQ2$vL7pR4', 'auth: hT6&jL0pQ9wZ', 'private_key=Zq8#vL2$mN7pR4', 'PWD=Zq8#vL2$mN7pR4', 'my-secret-token: Zq8#vL2$mN7pR4',
	'SWIFT: COBADEFFXXX', 'social 123-45-6789 security', 'text 555 0100 me', 'IdNr. 86 095 742 719', 'INSZ 17073003384',
];

const samples = [...RULES.flatMap((r) => [...r.samples.positive, ...r.samples.negative]), ...WITNESSES];
const pieces = [
	...samples.flatMap((s) => s.split(/\s+/)),
	...RULES.flatMap((r) => r.keywords ?? []),
	'call', 'x', 'ext.', 'Main', 'St', 'IBAN', 'GB', 'IT', '+1', '+44', '(0)', '001', 'born', 'DOB:', 'password=', 'http://', 'www.', '::', '-----BEGIN ',
];
/** Variants of a sample: each digit run re-drawn with a length off by -2..+2, separators swapped, case flipped. */
function mutations(sample: string, count: number, r: () => number): string[] {
	const out: string[] = [];
	for (let i = 0; i < count; i++) {
		let m = sample.replace(/\d+/g, (run) => {
			let n = Math.max(1, run.length + Math.floor(r() * 5) - 2);
			let d = r() < 0.5 ? run[0] : String(Math.floor(r() * 10));
			while (--n > 0) d += String(Math.floor(r() * 10));
			return d;
		});
		if (r() < 0.3) m = m.replace(/[ .\-/]/g, (c) => (r() < 0.5 ? c : ' .-/'[Math.floor(r() * 4)]));
		if (r() < 0.2) m = r() < 0.5 ? m.toUpperCase() : m.toLowerCase();
		out.push(m);
	}
	return out;
}


function surroundings(sample: string): string[] {
	return [sample, `x ${sample} y`, `(${sample})`, `${sample}.`, `a${sample}`, `${sample} ${sample}`, `${sample}\n${sample}`];
}

/** Long runs of look-alikes, some with real values inside. */
function longTexts(): string[] {
	const units = ['+44 20 7946 0958 ', 'GB82 ', '1:a:', 'password=a1', 'a@', 'eyJ', 'AKIA', '1 ', '-----BEGIN RSA PRIVATE KEY-----\n', 'DEUTDEFF '];
	const planted = ['', ' 4111 1111 1111 1111 ', ' password=Xk9#mQ2$vL7pR4 ', ...RULES.filter((_, i) => i % 5 === 0).map((r) => ` ${r.samples.positive[0]} `)];
	return units.flatMap((u) => planted.map((v) => u.repeat(Math.ceil(300 / u.length)) + v + u.repeat(Math.ceil(300 / u.length))));
}

const random = randomTexts(pieces, 800, 7);
const mutated = (() => {
	const r = rng(11);
	return samples.flatMap((s) => mutations(s, 6, r)).flatMap((m) => [m, `x ${m} y`]);
})();
const texts = [...samples.flatMap(surroundings), ...mutated, ...random, ...longTexts()];
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const equalAtBothThresholds = (t: string, rules: RedactionRule[]) =>
	same(detectWithRules(t, rules), detectPlain(t, rules)) && same(detectWithRules(t, rules, DEFAULT_MIN_SCORE), detectPlain(t, rules, DEFAULT_MIN_SCORE));

describe('derived gates', () => {
	test.each(RULES.map((r) => [r.id, r] as [string, RedactionRule]))('when rule %s runs alone then its detections equal the plain scan', (_id, rule) => {
		expect(texts.filter((t) => !equalAtBothThresholds(t, [rule]))).toEqual([]);
	});

	test('when every rule runs together then the detections equal the plain scan', () => {
		expect(texts.filter((t) => !equalAtBothThresholds(t, [...RULES]))).toEqual([]);
	});

	test('when a rule has derived literals then every match of its pattern holds one of them, near its start', () => {
		const bad: string[] = [];
		for (const rule of RULES) {
			const need = requiredLiterals(rule.pattern);
			if (need === undefined) continue;
			const fold = rule.pattern.flags.includes('i');
			const re = new RegExp(rule.pattern.source, rule.pattern.flags.includes('g') ? rule.pattern.flags : `${rule.pattern.flags}g`);
			for (const t of texts) {
				re.lastIndex = 0;
				for (let m = re.exec(t); m !== null; m = re.exec(t)) {
					const value = fold ? m[0].toLowerCase() : m[0];
					const at = need.strs.map((s) => value.indexOf(s)).filter((i) => i >= 0);
					if (at.length === 0 || Math.min(...at) > need.before) bad.push(`${rule.id}: ${JSON.stringify(m[0])}`);
					re.lastIndex = m.index + 1;
				}
			}
		}
		expect(bad).toEqual([]);
	});

	test('when a derived literal were wrong then the comparison with the plain scan would catch it', () => {
		// the equivalence above is only as good as its texts: a broken gate must change what is found
		for (const rule of RULES.filter((r) => requiredLiterals(r.pattern) !== undefined)) {
			const broken = compileRule(rule);
			broken.need = { strs: ['\u0000never'], before: 0 };
			const plain = compileRule(rule);
			const caught = texts.some((t) => !same(scanRules(t, { rules: [broken] }, 0), scanRules(t, { rules: [plain] }, 0, false)));
			expect([rule.id, caught]).toEqual([rule.id, true]);
		}
	});

	test('when scans of different texts interleave then each gives what it gives alone (the per-text facts are the scan\'s own)', () => {
		const some = texts.filter((_, i) => i % 97 === 0);
		const alone = some.map((t) => detect(t));
		// each text scanned between two others: a fact of one text (a literal it holds) must not leak into the next
		const mixed = some.map((t, i) => {
			detect(some[(i + 1) % some.length]);
			return detect(t);
		});
		expect(mixed).toEqual(alone);
	});

	test('when astral letters come before a literal then the jump to the literal does not skip the match start', () => {
		// 40 mathematical bold letters (80 units) and `a` before the `@`: the e-mail starts 81 units before its literal
		const text = `mail ${'\u{1D400}'.repeat(40)}a@example.com now`;
		const rules = RULES.filter((r) => r.id === 'email-address');
		expect(detectWithRules(text, rules)).toEqual(detectPlain(text, rules));
		expect(detectPlain(text, rules)).toEqual([expect.objectContaining({ entity: 'EMAIL_ADDRESS', start: 5 })]);
	});

	test.each([
		['U+212A KELVIN SIGN (lower-cases to an ASCII k)', '\u212a\n'],
		['U+0130 (lower-casing adds a unit)', '\u0130\n'],
	])('when the text holds %s then detections are those of the text without it', (_name, prefix) => {
		// lower-casing the whole text changes its length or letters: the context is then read from the text itself
		const shift = prefix.length;
		const mismatches = texts.filter((text) => {
			const plain = detect(text).map((d) => ({ ...d, start: d.start + shift, end: d.end + shift }));
			return !same(detect(prefix + text), plain);
		});
		expect(mismatches).toEqual([]);
	});
});

describe('required literals', () => {
	test.each([
		// a literal after a bounded run
		[/(?<![a-z])[a-z]{1,64}@[a-z]+\.[a-z]{2,}/g, ['@'], 64],
		// alternatives of literal prefixes, cross products of small classes
		[/(?:gh[pousr]_|github_pat_)[A-Za-z0-9]{36}/g, ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_', 'github_pat_'], 0],
		// case-insensitive patterns give lower-case literals
		[/api[_-]?key=/gi, ['key='], 4],
		// lookarounds and optional parts require nothing; the literal after them does
		[/(?<!x)(?=abc)a?b*-c/g, ['-c'], Infinity],
		// with the Unicode flag a letter may be astral, two units: `𝐀𝐀𝐀XYZ` holds XYZ six units in
		[/\p{L}{0,3}XYZ/gu, ['XYZ'], 6],
	] as Array<[RegExp, string[], number]>)('when the pattern is %s then its literals are %j', (re, strs, before) => {
		expect(requiredLiterals(re)).toEqual({ strs, before });
	});

	test.each([
		// nothing literal, a back-reference, an empty match, case-insensitive Unicode
		[/\d{3}\s\d{4}/g], [/(\w)\1/g], [/x?/g], [/straße/giu],
	])('when the pattern is %s then it has no literals', (re) => {
		expect(requiredLiterals(re)).toBeUndefined();
	});
});
