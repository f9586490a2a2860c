import { growthRatio } from '../../helpers/linear-growth';
import { DEFAULT_MIN_SCORE, customPatternRunsNatively, detect, resolveOverlaps } from '../../../lib/redaction';
import { customRules } from '../../../lib/redaction/custom';
import { rng } from './texts';
import type { Detection } from '../../../lib/redaction';

function found(text: string): Array<[string, string]> {
	return detect(text).map((d) => [d.entity, text.slice(d.start, d.end)]);
}

describe('detect', () => {
	test.each([
		// card with spaces inside a sentence
		['Pay with 4111 1111 1111 1111 today.', 'CREDIT_CARD', '4111 1111 1111 1111'],
		// card with dashes
		['card: 5500-0000-0000-0004', 'CREDIT_CARD', '5500-0000-0000-0004'],
		// IBAN grouped with spaces
		['IBAN GB82 WEST 1234 5698 7654 32, thanks', 'IBAN_CODE', 'GB82 WEST 1234 5698 7654 32'],
		// e-mail inside angle brackets
		['From: Jane <jane.doe@example.co.uk>', 'EMAIL_ADDRESS', 'jane.doe@example.co.uk'],
		// NANP phone with parentheses
		['Call (555) 123-4567 now', 'PHONE_NUMBER', '(555) 123-4567'],
		// UK international
		['Tel +44 20 7946 0958.', 'PHONE_NUMBER', '+44 20 7946 0958'],
		// UK national
		['office 020 7946 0958', 'PHONE_NUMBER', '020 7946 0958'],
		// IPv4 at sentence end
		['blocked 203.0.113.7.', 'IP_ADDRESS', '203.0.113.7'],
		// IPv6 loopback
		['listen on ::1 only', 'IP_ADDRESS', '::1'],
		// IPv4-mapped IPv6
		['peer ::ffff:192.0.2.128 seen', 'IP_ADDRESS', '::ffff:192.0.2.128'],
		// SSN
		["Here's my SSN: 460-89-9847", 'US_SSN', '460-89-9847'],
		// MAC
		['device 00:1A:2B:3C:4D:5E joined', 'MAC_ADDRESS', '00:1A:2B:3C:4D:5E'],
		// URL with trailing period
		['See https://example.com/a?b=1.', 'URL', 'https://example.com/a?b=1'],
		// date of birth with context
		// with its context word a date is a date of birth (a prose entity, issue 15)
		['DOB: 12/03/1985', 'DATE_OF_BIRTH', '12/03/1985'],
		// AWS key
		['aws key AKIAIOSFODNN7EXAMPLE in logs', 'SECRET_AWS_ACCESS_KEY', 'AKIAIOSFODNN7EXAMPLE'],
		// URL credentials: only the userinfo
		['db postgres://admin:s3cr3tP4ss@db.internal/app', 'SECRET_URL_CREDENTIALS', 'admin:s3cr3tP4ss'],
		// generic secret assignment: only the value
		['config password=Xk9mQ2vL7pR4zT', 'SECRET_GENERIC', 'Xk9mQ2vL7pR4zT'],
	])('when text is %j then %s %j is found', (text, entity, value) => {
		expect(found(text)).toContainEqual([entity, value]);
	});

	test('when a PEM private key block is present then the whole block is one detection', () => {
		const pem = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\nBKcwggSjAgEAAoIBAQC7\n-----END PRIVATE KEY-----';
		const text = `key:\n${pem}\nend`;
		expect(found(text)).toEqual([['SECRET_PRIVATE_KEY', pem]]);
	});

	test.each([
		// Luhn fails
		'card 4111 1111 1111 1112 declined',
		// Luhn fails, contiguous
		'number 4012888888881882',
		// IBAN mod-97 fails
		'IBAN GB82WEST12345698765433',
		// IBAN length wrong for country
		'IBAN DE8937040044053201300',
		// SSN area 666
		'SSN 666-12-3456',
		// SSN area 9xx
		'SSN 912-12-3456',
		// IPv4 octet too large
		'ip 999.1.1.1',
		// order numbers, amounts, dates, times, versions
		'Order ORD-2024-118273 of $1,249.99 on 2024-03-15 at 14:30, v2.3.1, ticket #48213',
		// NHS check digit wrong, no phone shape
		'NHS 9434765918',
	])('when text is %j then nothing is detected', (text) => {
		// at the node's default Minimum Score nothing; without a threshold at most weak candidates
		expect(detect(text, { minScore: DEFAULT_MIN_SCORE })).toEqual([]);
		for (const d of detect(text)) expect(d.score).toBeLessThan(DEFAULT_MIN_SCORE);
	});

	test.each([
		// shape- and checksum-valid, but the rule wants context words and none is near
		['078051121', 'US_SSN'],
		['A12803456', 'US_PASSPORT'],
		// the SSN grouping is not a national phone number
		['078 05 1123', 'US_SSN'],
	])('when %j stands alone then it comes back as a weak %s', (text, entity) => {
		const d = detect(text);
		expect(d.map((x) => [x.entity, x.start, x.end])).toEqual([[entity, 0, text.length]]);
		expect(d[0].score).toBeGreaterThan(0);
		expect(d[0].score).toBeLessThan(DEFAULT_MIN_SCORE);
		expect(detect(text, { minScore: DEFAULT_MIN_SCORE })).toEqual([]);
	});

	test('when 876 543 210 stands alone then it comes back weak, and as nothing at the default Minimum Score', () => {
		const d = detect('876 543 210');
		expect(d).toHaveLength(1);
		expect([d[0].start, d[0].end]).toEqual([0, 11]);
		expect(d[0].score).toBeLessThan(DEFAULT_MIN_SCORE);
		expect(detect('876 543 210', { minScore: DEFAULT_MIN_SCORE })).toEqual([]);
	});

	test.each([
		['SSN 078051121', 'US_SSN', '078051121'],
		['passport no. A12803456', 'US_PASSPORT', 'A12803456'],
		// a BIC is seen, with and without branch code
		['BIC: DEUTDEFF', 'SWIFT_CODE', 'DEUTDEFF'],
		['SWIFT DEUTDEFF500 for the transfer', 'SWIFT_CODE', 'DEUTDEFF500'],
		// the whole NIR, not a phone number inside it
		['NIR 1 85 05 78 006 084 91', 'FR_NIR', '1 85 05 78 006 084 91'],
		['numéro de sécurité sociale : 185057800608491', 'FR_NIR', '185057800608491'],
		['BSN 111222333', 'NL_BSN', '111222333'],
		['Steuer-ID 86 095 742 719', 'DE_TAX_ID', '86 095 742 719'],
		['personnummer 811218-9876', 'SE_PERSONNUMMER', '811218-9876'],
		['CPR-nr. 070761-4285', 'DK_CPR', '070761-4285'],
		['rijksregisternummer 85.07.30-033.28', 'BE_NATIONAL_NUMBER', '85.07.30-033.28'],
	])('when text is %j then at the default Minimum Score %s %j is found', (text, entity, value) => {
		expect(detect(text, { minScore: DEFAULT_MIN_SCORE }).map((d) => [d.entity, text.slice(d.start, d.end)])).toEqual([[entity, value]]);
	});

	test('when detections come back then they are sorted and non-overlapping', () => {
		const text = 'a@b.io 4111111111111111 +44 20 7946 0958 10.0.0.1 x@y.org';
		const d = detect(text);
		for (let i = 1; i < d.length; i++) expect(d[i].start).toBeGreaterThanOrEqual(d[i - 1].end);
	});

	test.each([
		// higher score wins
		[[{ entity: 'A', start: 0, end: 10, score: 0.5 }, { entity: 'B', start: 5, end: 8, score: 0.9 }], ['B']],
		// equal score: longer span wins
		[[{ entity: 'A', start: 0, end: 10, score: 0.5 }, { entity: 'B', start: 5, end: 8, score: 0.5 }], ['A']],
		// disjoint: both kept, sorted
		[[{ entity: 'B', start: 5, end: 8, score: 0.5 }, { entity: 'A', start: 0, end: 3, score: 0.5 }], ['A', 'B']],
	] as Array<[Detection[], string[]]>)('when candidates %j overlap then the winners are %j', (cands, expected) => {
		expect(resolveOverlaps(cands).map((d) => d.entity)).toEqual(expected);
	});

	test('when entities are restricted then only those are reported', () => {
		const d = detect('mail a@example.com card 4111111111111111', { entities: ['CREDIT_CARD'] });
		expect(d.map((x) => x.entity)).toEqual(['CREDIT_CARD']);
	});

	test('when an unknown entity is requested then a GovernanceError explains the valid names', () => {
		expect(() => detect('x', { entities: ['NOPE'] })).toThrow(/Unknown entity name/);
	});

	test('when a deny list is given then terms match whole-word and case-insensitively', () => {
		const text = 'Project Falcon and falconry; FALCON team, c++ rocks';
		const d = detect(text, { denyList: ['falcon', 'C++'] });
		expect(d.map((x) => text.slice(x.start, x.end))).toEqual(['Falcon', 'FALCON', 'c++']);
		expect(d.every((x) => x.entity === 'DENY_LIST')).toBe(true);
	});

	test('when custom patterns and an injected matcher are given then the matcher runs only those that may take super-linear time', () => {
		const calls: string[] = [];
		const d = detect('employee EMP-123456 joined, badge B-1-2-3x', {
			customPatterns: [
				{ entity: 'EMPLOYEE_ID', pattern: 'EMP-\\d{6}' },
				{ entity: 'BADGE', pattern: 'B(?:-\\d+)+x' },
			],
			matcher: (re, text) => {
				calls.push(re.source);
				const m = re.exec(text);
				return m ? [{ start: m.index, end: m.index + m[0].length }] : [];
			},
		});
		expect(calls).toEqual(['B(?:-\\d+)+x']);
		expect(d).toEqual([expect.objectContaining({ entity: 'EMPLOYEE_ID', start: 9, end: 19 }), expect.objectContaining({ entity: 'BADGE', start: 34, end: 42 })]);
	});

	test.each([
		// bounded, or one greedy run at the very end
		['EMP-\\d{6}', true], ['(?<![A-Z])[A-Z]{2}\\d{4,8}', true], ['ticket #\\d+', true], ['(?:ab|cd)-x', true],
		// nested or overlapping quantifiers, back-references, a run with something after it, a lookahead scanning a run
		['(a+)+$', false], ['(\\d+)\\1', false], ['\\d+x', false], ['(?=\\w+@)\\w', false], ['(?:a|ab)*c', false], ['\\d{1,100}\\d{1,100}z', false],
	])('when the custom pattern is %s then it runs natively: %s', (pattern, native) => {
		expect(customPatternRunsNatively({ entity: 'X', pattern })).toBe(native);
	});

	test('when the same custom patterns come again then they are compiled once, and a change of pattern, flags, score or matcher compiles anew', () => {
		const patterns = [{ entity: 'EMPLOYEE_ID', pattern: 'EMP-\\d{6}' }, { entity: 'TICKET', pattern: 'TCK-\\d{4}', flags: 'i' }];
		const first = customRules({ customPatterns: patterns });
		// equal patterns in new objects (every item of an execution builds its own)
		expect(customRules({ customPatterns: patterns.map((p) => ({ ...p })) }).plan).toBe(first.plan);
		expect(customRules({ customPatterns: [patterns[0], { ...patterns[1], flags: '' }] }).plan).not.toBe(first.plan);
		expect(customRules({ customPatterns: [patterns[0], { ...patterns[1], score: 0.5 }] }).plan).not.toBe(first.plan);
		expect(customRules({ customPatterns: [patterns[0], { ...patterns[1], pattern: 'TCK-\\d{5}' }] }).plan).not.toBe(first.plan);
		expect(customRules({ customPatterns: patterns, matcher: () => [] }).plan).not.toBe(first.plan);
	});

	test('when detections with the same custom patterns interleave over texts then each text gives what it gives alone', () => {
		const options = { customPatterns: [{ entity: 'EMPLOYEE_ID', pattern: 'EMP-\\d{6}' }], denyList: ['Hydra'] };
		const texts = ['EMP-123456 and EMP-654321 on Hydra', 'nothing here', 'hydra: EMP-000001', 'EMP-1234567 is too long, EMP-222222 is not'];
		const alone = texts.map((t) => detect(t, { ...options }));
		const mixed = texts.map((t, i) => {
			detect(texts[(i + 1) % texts.length], { ...options });
			return detect(t, { ...options });
		});
		expect(mixed).toEqual(alone);
		expect(alone[0].map((d) => d.entity)).toEqual(['EMPLOYEE_ID', 'EMPLOYEE_ID', 'DENY_LIST']);
	});

	test('when a custom pattern does not compile then the error says so', () => {
		expect(() => detect('x', { customPatterns: [{ entity: 'X', pattern: '(' }] })).toThrow(/does not compile/);
	});
});

/** The original overlap resolution (sorted insertion; quadratic on hostile inputs): the reference. */
function resolveBySplice(candidates: Detection[]): Detection[] {
	if (candidates.length <= 1) return candidates.slice();
	const order = candidates.slice().sort((a, b) => (b.score ?? 0) - (a.score ?? 0) || b.end - b.start - (a.end - a.start) || a.start - b.start);
	const kept: Detection[] = [];
	for (const c of order) {
		let lo = 0;
		let hi = kept.length;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if (kept[mid].start < c.start) lo = mid + 1;
			else hi = mid;
		}
		if (lo < kept.length && kept[lo].start < c.end) continue;
		if (lo > 0 && kept[lo - 1].end > c.start) continue;
		kept.splice(lo, 0, c);
	}
	return kept;
}

describe('resolveOverlaps', () => {
	// few candidates are compared span by span, many (over 48) marked unit by unit: both are drawn
	test.each([
		['few', 12, 30],
		['many', 120, 300],
	])('when random candidates (empty, nested, touching, equal; %s) are resolved then the result equals sorted insertion', (_name, most, width) => {
		const r = rng(31);
		const mismatches: Detection[][] = [];
		for (let t = 0; t < 3000; t++) {
			const cands: Detection[] = [];
			for (let n = Math.floor(r() * most); n > 0; n--) {
				const start = Math.floor(r() * width) - 3;
				const end = start + (r() < 0.15 ? 0 : Math.floor(r() * 8));
				cands.push({ entity: `E${n}`, start, end, score: [0.5, 0.8, 0.9, 1][Math.floor(r() * 4)] });
			}
			if (JSON.stringify(resolveOverlaps(cands)) !== JSON.stringify(resolveBySplice(cands))) mismatches.push(cands);
		}
		expect(mismatches).toEqual([]);
	});

	test('when random candidates are disjoint (in any order), or all but one are, then the result equals sorted insertion', () => {
		const r = rng(37);
		const mismatches: Detection[][] = [];
		for (let t = 0; t < 2000; t++) {
			const cands: Detection[] = [];
			for (let n = 1 + Math.floor(r() * 80), at = 0; n > 0; n--) {
				at += Math.floor(r() * 3);
				const len = 1 + Math.floor(r() * 6);
				cands.push({ entity: `E${n}`, start: at, end: at + len, score: [0.5, 0.8, 1][Math.floor(r() * 3)] });
				at += len;
			}
			// shuffle a few (or all), sometimes add one overlapping or empty candidate
			for (let k = Math.floor(r() * (r() < 0.2 ? cands.length : 4)); k > 0; k--) {
				const i = Math.floor(r() * cands.length);
				const j = Math.floor(r() * cands.length);
				[cands[i], cands[j]] = [cands[j], cands[i]];
			}
			const extra = r();
			if (extra < 0.2) cands.push({ entity: 'X', start: cands[0].start + 1, end: cands[0].start + 3, score: 0.9 });
			else if (extra < 0.3) cands.push({ entity: 'Y', start: cands[0].start, end: cands[0].start, score: 1 });
			if (JSON.stringify(resolveOverlaps(cands)) !== JSON.stringify(resolveBySplice(cands))) mismatches.push(cands);
		}
		expect(mismatches).toEqual([]);
	});

	test('when 100,000 disjoint candidates come in reverse order then they are resolved in order, in linear time', () => {
		const reversed = (scale: number) => {
			const cands: Detection[] = [];
			for (let i = 25000 * scale; i > 0; i--) cands.push({ entity: 'A', start: i * 10, end: i * 10 + 8, score: 0.9 });
			return cands;
		};
		const cands = reversed(4);
		expect(resolveOverlaps(cands).map((d) => d.start)).toEqual(cands.map((d) => d.start).reverse());
		// an insertion sort all the way grows with the square: 4x the candidates would cost about 16x
		expect(growthRatio(reversed, (c) => resolveOverlaps(c))).toBeLessThan(2.5);
	});

	test('when a megabyte alternates two entities of different scores then all are kept, in linear time', () => {
		const alternating = (scale: number) => {
			const cands: Detection[] = [];
			for (let i = 0; i < 25000 * scale; i++) cands.push({ entity: i % 2 ? 'A' : 'B', start: i * 10, end: i * 10 + 8, score: i % 2 ? 0.9 : 0.95 });
			return cands;
		};
		expect(resolveOverlaps(alternating(4))).toHaveLength(100000);
		expect(growthRatio(alternating, (c) => resolveOverlaps(c))).toBeLessThan(2.5);
	});
});
