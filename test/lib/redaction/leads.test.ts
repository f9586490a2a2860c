import { RULES } from '../../../lib/redaction';
import { detectWithoutLeads, detectWithRules } from '../../../lib/redaction/detect';
import type { RedactionRule } from '../../../lib/redaction';
import { randomTexts, rng } from './texts';

/**
 * Lead shapes (trigger.lead / leadText) and prechecks only skip positions where a rule cannot
 * accept a match, so detections must equal a plain scan of every gated window. Each rule runs
 * alone (a wrong shape cannot hide behind another rule), on its samples in varied surroundings
 * and on seeded random texts built from every rule's samples and context words.
 */

/** Accepted matches for lead alternatives the rule samples do not show (one line per rule). */
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

/** Long windows of look-alikes (hostile runs of lead positions), some with real values inside. */
function longTexts(): string[] {
	const units = [
		'+44 20 7946 0958 ', 'GB82 WEST 1234 5698 7654 32 ', '+1 ', 'GB82 ', '4111 1111 1111 1111 ', '12 34 56 ', '(555) 123-4567 ',
		'1:a:', '::', 'password=a1', '1-', '1.', 'a@', 'Ab9', 'http://a', '(1)', 'eyJ', 'deadbeef0123',
		'gb82 ', '+1-', 'AKIA', 'a1 ', '1 a ', '1 ', '-----BEGIN RSA PRIVATE KEY-----\n', 'x-1', '12:34:',
	];
	// long windows (>= 256 units) walk with tables of their live rules, refilled as rules leave: values
	// of many rules planted after runs where most rules have left
	const planted = [
		'', ' fe80::1 ', ' 4111 1111 1111 1111 ', ' password=Xk9#mQ2$vL7pR4 ', '+44 20 7946 0958', ' 192.168.1.10 ', ' GB82 WEST 1234 5698 7654 32',
		...RULES.filter((_, i) => i % 5 === 0).map((r) => ` ${r.samples.positive[0]} `),
	];
	return units.flatMap((u) => planted.map((v) => u.repeat(Math.ceil(700 / u.length)) + v + u.repeat(Math.ceil(800 / u.length))));
}

const leadRules = RULES.filter((r) => r.trigger?.lead || r.trigger?.leadText || r.trigger?.precheck);
const random = randomTexts(pieces, 800, 7);
const mutated = (() => {
	const r = rng(11);
	return samples.flatMap((s) => mutations(s, 12, r)).flatMap((m) => [m, `x ${m} y`]);
})();

describe('lead shapes and prechecks', () => {
	test('when rules declare lead shapes then most of them do', () => {
		expect(leadRules.length).toBeGreaterThan(RULES.length * 0.8);
	});

	test.each(leadRules.map((r) => [r.id, r] as [string, RedactionRule]))('when rule %s runs alone then its detections equal a plain scan', (_id, rule) => {
		const texts = [...samples.flatMap(surroundings), ...mutated, ...random, ...longTexts()];
		const alone = [rule];
		const mismatches = texts.filter((text) => JSON.stringify(detectWithRules(text, alone)) !== JSON.stringify(detectWithoutLeads(text, alone)));
		expect(mismatches).toEqual([]);
	});

	const seekRules = RULES.filter((r) => r.trigger?.precheckSeek);
	test('when rules declare a precheck search then it is those of the phone, IBAN and secret-assignment prechecks', () => {
		expect(seekRules.map((r) => r.id).sort()).toEqual(['iban-compact', 'iban-grouped', 'phone-international', 'secret-generic-assignment']);
	});

	test.each(seekRules.map((r) => [r.id, r] as [string, RedactionRule]))('when rule %s searches with its precheck then it finds the first offset a brute-force precheck passes', (_id, rule) => {
		const pre = rule.trigger?.precheck as (text: string, at: number) => boolean;
		const seek = rule.trigger?.precheckSeek as (text: string, from: number, end: number) => number;
		const alnum = (c: number) => (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122);
		const brute = (text: string, from: number, end: number) => {
			for (let q = from; q < end; q++) if ((q === from || !alnum(text.charCodeAt(q - 1))) && pre(text, q)) return q;
			return -1;
		};
		const r = rng(5);
		// look-alike runs with valid values (and the non-ASCII units that upper-case to letters) inside
		const hostile = ['+1 ', '+44 20 ', 'GB82 ', 'gb82 ', 'DE89 3704 ', '+1-', 'ıt60 ', 'password=a1', 'a_b-c.d '].flatMap((u) =>
			['', ' +44 20 7946 0958 ', ' GB82 WEST 1234 5698 7654 32 ', ' DE89370400440532013000 ', ' ıt60x0542811101000000123456 ', ' DB_PASSWORD: hT6&jL0pQ9wZ '].map((v) => u.repeat(40) + v + u.repeat(20)),
		);
		const texts = [...samples.flatMap(surroundings), ...random.slice(0, 300), ...hostile];
		const bad: string[] = [];
		for (const text of texts) {
			for (let k = 0; k < 6; k++) {
				const from = Math.floor(r() * text.length);
				const end = from + Math.floor(r() * (text.length - from + 1));
				if (seek(text, from, end) !== brute(text, from, end)) bad.push(`${JSON.stringify(text.slice(0, 60))} [${from}, ${end})`);
			}
			if (seek(text, 0, text.length) !== brute(text, 0, text.length)) bad.push(`${JSON.stringify(text.slice(0, 60))} whole`);
		}
		expect(bad).toEqual([]);
	});

	test('when a long window leaves only literal-led rules then those found by search equal a plain scan', () => {
		// one-token look-alike runs (one long window) where the shape rules leave early and the
		// literal-led ones are searched for; their values glued in at a segment start, right after a
		// letter (no segment start), at the window start and at its end
		const literalRules = RULES.filter((r) => r.trigger?.leadText && !r.trigger.lead);
		const units = ['a@', 'x-', '1:a:', '(1)', '=a.', 'a/', 'SKx-', 'eyJ.'];
		const values = literalRules.flatMap((r) => r.samples.positive.slice(0, 2)).flatMap((v) => v.split(/\s+/).filter((w) => w.length > 6));
		const texts = units.flatMap((u) =>
			values.flatMap((v) => [
				// several offsets: a search that skipped occurrences could still land on one by chance
				...['', '/', '//', '///'].map((sep) => u.repeat(120) + sep + v + '/' + u.repeat(60)),
				u.repeat(120) + 'x' + v + '/' + u.repeat(60),
				v + '/' + u.repeat(150),
				u.repeat(150) + v,
			]),
		);
		const mismatches = texts.filter((text) => JSON.stringify(detectWithRules(text, RULES)) !== JSON.stringify(detectWithoutLeads(text, RULES)));
		expect(mismatches).toEqual([]);
		// the planted values are found (the texts exercise the search, not only the walk)
		expect(texts.filter((t) => detectWithRules(t, RULES).some((d) => d.entity.startsWith('SECRET_'))).length).toBeGreaterThan(texts.length / 4);
	});

	test('when every rule runs together then the detections equal a plain scan', () => {
		const texts = [...samples.map((s) => `note ${s} end`), ...mutated, ...random, ...longTexts()];
		const mismatches = texts.filter((text) => JSON.stringify(detectWithRules(text, RULES)) !== JSON.stringify(detectWithoutLeads(text, RULES)));
		expect(mismatches).toEqual([]);
	});
});
