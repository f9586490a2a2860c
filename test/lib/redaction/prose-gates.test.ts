import { foldedText, literalGate } from '../../../lib/redaction/literals';
import { detectProse } from '../../../lib/redaction/prose';
import { PATTERNS } from '../../../lib/redaction/prose/extra';
import { randomTexts, rng } from './texts';

/**
 * The prose recognizers skip a text cheaply when it cannot hold what they look for: the age,
 * birth-date and organisation patterns when the text lacks every literal a match needs (derived
 * from each pattern by literalGate). A gate
 * may only skip texts without a match: checked on seeded texts built from samples of each, with
 * case flipped and with the characters that fold onto ASCII letters (`ſ`, KELVIN SIGN).
 */
const SAMPLES = [
	'aged 42', 'Age: 7', 'AGED 42', '42 years old', '42-year-old', '30 yrs old', '25 y/o', '25yo', "I'm 42 now", 'she is 19.', 'turned 40 today',
	'Alter: 51', 'âge 33', 'edad 20', 'età 70', 'born 3 March 1981', 'Born on 1981-03-03', 'DOB: 03/03/1981', 'd.o.b. 1.3.81', 'date of birth 12 Jan 1980',
	'birthdate: March 3, 1981', 'geboren am 3. März 1981', 'Geburtsdatum 03.03.1981', 'née le 3 mars 1981', 'né le 03/03/1981', 'fecha de nacimiento 3 de marzo de 1981',
	'nacida el 03-03-1981', 'data di nascita 3/3/1981', 'nato il 3/3/1981', 'Acme GmbH', 'Northwind Traders Ltd.', 'Globex S.A.', 'Initech Inc', 'Contoso B.V.',
	'12 Oak Street', 'Hauptstraße 5', '5 rue de la Paix', 'Calle Mayor 3, 2º B', 'P.O. Box 1234', 'Springfield IL 62704', '10115 Berlin',
];
const WORDS = ['the', 'Maria', 'Gonzalez', 'was', 'in', 'Berlin', 'order', 'Oak', 'Street', 'is', 'years', 'old', 'born', 'on', 'Ltd', 'GmbH', 'and', 'age', 'page'];

function variants(s: string): string[] {
	const swapped = s.replace(/s/g, '\u017f').replace(/k/g, '\u212a');
	return [s, s.toUpperCase(), s.toLowerCase(), swapped, swapped.toUpperCase(), `x ${s} y`, `${s}.`];
}

const r = rng(5);
const texts = [
	...SAMPLES.flatMap(variants),
	...randomTexts([...SAMPLES, ...WORDS], 600, 9).flatMap((t) => [t, r() < 0.5 ? t.toUpperCase() : t.replace(/s/g, '\u017f')]),
];

describe('derived gates of the prose recognizers', () => {
	test.each(Object.entries(PATTERNS))('when a text holds a match of the %s pattern then its gate lets the text through', (_name, pattern) => {
		const gate = literalGate(pattern);
		const re = new RegExp(pattern.source, pattern.flags);
		const missed = texts.filter((t) => {
			re.lastIndex = 0;
			return re.test(t) && gate !== undefined && !gate(t);
		});
		expect(missed).toEqual([]);
	});

	test('when the texts hold age and birth-date phrases then the gates of those patterns exist and skip some texts', () => {
		// a gate that is absent or never skips would make the test above pass without checking anything
		for (const name of ['DOB']) {
			const gate = literalGate(PATTERNS[name]);
			expect(gate).toBeDefined();
			expect(texts.filter((t) => !gate!(t)).length).toBeGreaterThan(0);
		}
	});
});

describe('literal gates', () => {
	test.each([
		// KELVIN SIGN folds onto k, and lower-cases to it
		[/\bk\d/giu, 'x \u212a1', true],
		// LONG S folds onto s but does not lower-case to it: read as s
		[/\bs\d/giu, 'x \u017f1', true],
		[/street/giu, 'STREET', true],
		[/street/giu, 'road', false],
		[/straße/giu, 'STRASSE', false],
	] as Array<[RegExp, string, boolean]>)('when the pattern is %s and the text %j then the gate says %s', (re, text, expected) => {
		expect(new RegExp(re.source, re.flags).test(text)).toBe(expected);
		expect(literalGate(re)?.(text)).toBe(expected);
	});

	test('when a literal character folds with one that lower-cases differently then there is no gate', () => {
		// final sigma folds onto σ but lower-cases to itself
		expect(/σx/iu.test('ςx')).toBe(true);
		expect(literalGate(/σx/iu)).toBeUndefined();
	});

	test('when the text holds a long s then the folded text reads it as s', () => {
		expect(foldedText('Ma\u017f\u017f STREET')).toBe('mass street');
	});
});
