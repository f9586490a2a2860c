import fc from 'fast-check';
import { detect, normalizedView, redact, validators } from '../../../lib/redaction';

/** [entity, original text of the span] of each finding. */
function found(text: string): Array<[string, string]> {
	return detect(text).map((d) => [d.entity, text.slice(d.start, d.end)]);
}

const NBSP = '\u00a0';
const NNBSP = '\u202f';
const ZWSP = '\u200b';
const SHY = '\u00ad';

describe('detection through a normalised view', () => {
	test.each([
		// issue 12 finding 5: grouping with no-break spaces
		['card with no-break spaces', `card 4111${NBSP}1111${NBSP}1111${NBSP}1111`, 'CREDIT_CARD', `4111${NBSP}1111${NBSP}1111${NBSP}1111`],
		['card with narrow no-break spaces', `card 4111${NNBSP}1111${NNBSP}1111${NNBSP}1111`, 'CREDIT_CARD', `4111${NNBSP}1111${NNBSP}1111${NNBSP}1111`],
		['IBAN with no-break spaces', `IBAN DE89${NBSP}3704${NBSP}0044${NBSP}0532${NBSP}0130${NBSP}00`, 'IBAN_CODE', `DE89${NBSP}3704${NBSP}0044${NBSP}0532${NBSP}0130${NBSP}00`],
		['IBAN with narrow no-break spaces', `IBAN GB82${NNBSP}WEST${NNBSP}1234${NNBSP}5698${NNBSP}7654${NNBSP}32`, 'IBAN_CODE', `GB82${NNBSP}WEST${NNBSP}1234${NNBSP}5698${NNBSP}7654${NNBSP}32`],
		['phone with no-break spaces', `Tel +44${NBSP}20${NBSP}7946${NBSP}0958`, 'PHONE_NUMBER', `+44${NBSP}20${NBSP}7946${NBSP}0958`],
		['phone with narrow no-break spaces', `Tel +44${NNBSP}20${NNBSP}7946${NNBSP}0958`, 'PHONE_NUMBER', `+44${NNBSP}20${NNBSP}7946${NNBSP}0958`],
		// issue 12 finding 7: obfuscated values
		['e-mail with a zero-width space', `mail jane${ZWSP}@example.com`, 'EMAIL_ADDRESS', `jane${ZWSP}@example.com`],
		['e-mail with an IDN domain', 'mail jane@exämple.de today', 'EMAIL_ADDRESS', 'jane@exämple.de'],
		['e-mail with an IDN domain, decomposed', 'mail jane@exa\u0308mple.de today', 'EMAIL_ADDRESS', 'jane@exa\u0308mple.de'],
		['e-mail with a soft hyphen (no prefix left out)', `mail jane${SHY}doe@example.com`, 'EMAIL_ADDRESS', `jane${SHY}doe@example.com`],
		['card with zero-width spaces', `card 4111${ZWSP}1111${ZWSP}1111${ZWSP}1111`, 'CREDIT_CARD', `4111${ZWSP}1111${ZWSP}1111${ZWSP}1111`],
		['card in fullwidth digits', 'card ４１１１ １１１１ １１１１ １１１１', 'CREDIT_CARD', '４１１１ １１１１ １１１１ １１１１'],
		['card with dots as separators', 'card 4111.1111.1111.1111 ok', 'CREDIT_CARD', '4111.1111.1111.1111'],
		['Amex with dots as separators', 'card 3782.822463.10005.', 'CREDIT_CARD', '3782.822463.10005'],
		['AWS key with a zero-width space', `key AKIA${ZWSP}IOSFODNN7EXAMPLE here`, 'SECRET_AWS_ACCESS_KEY', `AKIA${ZWSP}IOSFODNN7EXAMPLE`],
		['URL-encoded e-mail', 'GET /u?email=jane%40example.com&x=1', 'EMAIL_ADDRESS', 'jane%40example.com'],
		['e-mail with a decimal character reference', 'mail jane&#64;example.com', 'EMAIL_ADDRESS', 'jane&#64;example.com'],
		['e-mail with a hex character reference', 'mail jane&#x40;example&#x2E;com', 'EMAIL_ADDRESS', 'jane&#x40;example&#x2E;com'],
		['e-mail with a named character reference', 'mail jane&commat;example&period;com', 'EMAIL_ADDRESS', 'jane&commat;example&period;com'],
		['card with &nbsp;', 'card 4111&nbsp;1111&nbsp;1111&nbsp;1111', 'CREDIT_CARD', '4111&nbsp;1111&nbsp;1111&nbsp;1111'],
		['card with encoded zero-width spaces', 'card 4111&#8203;1111&#8203;1111&#8203;1111', 'CREDIT_CARD', '4111&#8203;1111&#8203;1111&#8203;1111'],
		['SSN with en dashes', 'SSN 460\u201389\u20139847', 'US_SSN', '460\u201389\u20139847'],
	])('when a text holds a %s then the whole original span is found', (_case, text, entity, span) => {
		expect(found(text)).toContainEqual([entity, span]);
	});

	test('when a card grouped with no-break spaces is redacted then none of its digits is left', () => {
		const r = redact(`pay 4111${NBSP}1111${NBSP}1111${NBSP}1111 now`, { operator: 'placeholder' });
		expect(r.text).toBe('pay <CREDIT_CARD_1> now');
	});

	test('when an e-mail hides a soft hyphen then redaction leaves no part of it', () => {
		expect(redact(`to jane${SHY}doe@example.com.`, { operator: 'placeholder' }).text).toBe('to <EMAIL_ADDRESS_1>.');
	});

	test.each([
		// dotted numbers that are not card shapes
		['an IPv4 address', 'ip 10.1.2.3'],
		['a dotted date', 'on 2024.01.15'],
		['a number with thousands dots', 'total 1.234.567.890.123'],
		['a dotted card shape failing Luhn', 'ref 4111.1111.1111.1112'],
	])('when a text holds %s then no card is found', (_case, text) => {
		expect(found(text).filter(([e]) => e === 'CREDIT_CARD')).toEqual([]);
	});
});

describe('normalizedView', () => {
	test.each([
		['plain ASCII', 'Mail jane@example.com, card 4111 1111 1111 1111.'],
		['a lone percent sign and ampersand', '100% sure & done'],
		['letters the view keeps', 'Grüße an Müller, 東京'],
	])('when the text is %s then there is no view (nothing to normalise)', (_case, text) => {
		expect(normalizedView(text)).toBeUndefined();
	});

	test('when units are dropped, expanded or decoded then every view span maps to the original units it comes from', () => {
		const text = `a${ZWSP}b&#64;c%2Ed\ufb03e`;
		const view = normalizedView(text)!;
		expect(view.text).toBe('ab@c.dffie');
		const back = (s: number, e: number) => text.slice(view.toOriginalStart(s), view.toOriginalEnd(e));
		expect(back(0, 2)).toBe(`a${ZWSP}b`);
		expect(back(2, 3)).toBe('&#64;');
		expect(back(4, 5)).toBe('%2E');
		expect(back(6, 7)).toBe('\ufb03');
		expect(back(7, 10)).toBe('\ufb03e');
		expect(back(0, 10)).toBe(text);
	});
});

const card = fc.tuple(fc.constantFrom('4', '51', '55', '6011'), fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 14, maxLength: 14 })).map(([p, body]) => {
	const payload = (p + body.join('')).slice(0, 15);
	return payload + validators.luhnCheckDigit(payload);
});
const email = fc.tuple(fc.stringMatching(/^[a-z]{2,10}$/), fc.stringMatching(/^[a-z]{2,8}$/), fc.constantFrom('com', 'org', 'de')).map(([u, d, t]) => `${u}@${d}.${t}`);
/** How a value is hidden: an invisible or look-alike unit between its characters. */
const hide = fc.constantFrom(ZWSP, SHY, '\u2060', '\ufeff', '&#8203;', '&shy;');

describe('property: hidden values', () => {
	test('when invisible units are spread through a card or e-mail then redaction removes all of it', () => {
		fc.assert(
			fc.property(fc.oneof(card, email), hide, fc.array(fc.nat(), { minLength: 1, maxLength: 4 }), (value, unit, cuts) => {
				const chars = [...value];
				for (const c of cuts) chars.splice(1 + (c % (chars.length - 1)), 0, unit);
				const hidden = chars.join('');
				const r = redact(`note ${hidden} end`, { operator: 'placeholder' });
				expect(r.text).toMatch(/^note <(CREDIT_CARD|EMAIL_ADDRESS)_1> end$/);
			}),
			{ numRuns: 300, seed: 12 },
		);
	});
});

describe('detect: view findings mapped back', () => {
	test('when two view findings meet inside one expanded unit then the result still has no overlaps', () => {
		// 'ﬀ' (one unit) reads 'ff': a match ending and one starting inside it both map to that unit
		const text = 'x oﬀy z';
		const d = detect(text, { customPatterns: [{ entity: 'A', pattern: 'of' }, { entity: 'B', pattern: 'fy' }] });
		for (let i = 1; i < d.length; i++) expect(d[i].start).toBeGreaterThanOrEqual(d[i - 1].end);
		expect(d.length).toBeGreaterThan(0);
	});
});
