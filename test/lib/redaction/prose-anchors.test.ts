import { findAddresses } from '../../../lib/redaction/prose/address';
import { extraAnchors, findAges, findBirthDates } from '../../../lib/redaction/prose/extra';
import { getLexicon } from '../../../lib/redaction/prose/lexicon';
import { tokenize } from '../../../lib/redaction/prose/tokens';
import { randomTexts, rng } from './texts';

/**
 * The street, corner, named-street, address-cue, age and birth-date patterns run only inside windows before their
 * anchor words (anchors.ts). That search must find exactly what the plain global search finds: checked
 * on seeded texts built from address, age and birth-date samples, with case changed, letters outside
 * ASCII before and inside words (where `\b` holds inside a token), astral capitals, Unicode spaces,
 * glued and hyphenated forms, and long runs between a street's number and its type.
 */
const SAMPLES = [
	'12 Oak Street', '12 Oak Street-side', '1200 N Main St.', '12-14 High Street', '5/7 Elm Road', '221B Baker Street', '12 Oak Tree Lane Apt. 5', '3 St. James Place',
	'Hauptstraße 5', 'Haupt--straße 5', 'Am Markt 3', 'Kalverstraat 12', 'Storgatan 4', 'Koskikatu 25 Apt. 864', 'Erzsébet tér 19', 'Andrássy út 5', 'Nowy Świat ulica 3',
	'5 rue de la Paix', 'Calle Mayor 3, 2º B', 'Via Roma 12', 'Av. da Liberdade 10', 'C/ Mayor 4', 'ul. Długa 5', 'Λ. Κηφισίας 10', 'Plaza de España 1',
	'P.O. Box 1234', 'PO Box 12', 'POBox 5', 'Postfach 12 34', 'Apartado de correos 7', 'PSC 1234, Box 5678', 'Unit 5 Box 12', 'USNS Bergman\nFPO AP 93757',
	'corner of Elm and Main.', 'intersection of 5th Ave and Broadway, then', 'on Baker Street', 'at Penny Lane', '3 Key Points', 'Lake View 12, 10115 Berlin', 'Mill Park 4\nSpringfield, IL 62704',
	'aged 42', 'Age: 7', '42 years old', '42-year-old', '30 yrs old', '25 y/o', '25yo', "I'm 42 now", 'she is 19.', 'turned 40 today', 'Alter: 51', 'âge 33', 'età 70',
	'born 3 March 1981', 'bornMarch 3, 1981', 'Born on 1981-03-03', 'DOB: 03/03/1981', 'DOBJan 5, 1980', 'd.o.b. 1.3.81', 'date of birth 12 Jan 1980', 'birthdate: March 3, 1981',
	'geboren am 3. März 1981', 'né le 03/03/1981', 'nacida el 03-03-1981', 'nato il 3/3/1981', 'fecha de nacimiento 3 de marzo de 1981',
	'lives at 255 marlowvej 18, aalborg', 'address: 14 quellenweg 7 apt. 3, lindenbrunn 4020.', 'ship to 12 wexley crescent', 'Adresse:\n5 rue haute 3', 'sent it to 3 dalgatan 4',
];
const WORDS = ['Maria', 'the', 'Oak', 'Street', 'Main', 'St', 'lives at', 'address:', 'Apt', 'Suite 5', 'Springfield', 'IL', '62704', 'é', 'xé', '𝐀bc', '𝐀', 'İ', 'ſ', '\u00a0', '\u3000', "O'", '’s', 'Zürich', 'Very-Long-Hyphenated-Name', 'Αθήνα'];
const SEPARATORS = [' ', ' ', ' ', '', '-', "'", '.', '/', ':', '\n', ', ', '(', '  ', '\t', '\u00a0', 'é', '𝐀'];

function variants(s: string): string[] {
	return [s, s.toUpperCase(), s.toLowerCase(), `é${s}`, `x-${s}`, `𝐀 ${s}`, `${s}é`, s.replace(/ /g, '\u00a0'), s.replace(/ /g, '  ')];
}

const r = rng(11);
const texts = [
	...SAMPLES.flatMap(variants),
	...randomTexts([...SAMPLES, ...WORDS], 4000, 13, SEPARATORS).map((t) => (r() < 0.2 ? t.toUpperCase() : t)),
	// a long run of capitalised words between a number and a street type, and long words
	`12 ${'Abcdefghijklmnopqrstuvwxyzabcdefghijk '.repeat(4)}Street`, `12 ${'𝐀bc '.repeat(5)}Street`, `${'Ab'.repeat(40)}straße 5`,
];
const key = (ds: Array<{ entity: string; start: number; end: number; score?: number }>) => ds.map((d) => `${d.entity}:${d.start}:${d.end}:${d.score}`);

describe('anchored search of the prose patterns', () => {
	const lx = getLexicon();

	test('when texts hold street addresses and look-alikes then the anchored search finds what the plain search finds', () => {
		const differ = texts.filter((text) => {
			const t = tokenize(text);
			return [true, false].some((places) => key(findAddresses(t, lx, false, places)).join() !== key(findAddresses(tokenize(text), lx, true, places)).join());
		});
		expect(differ).toEqual([]);
		// the check compares something: most sample texts hold an address
		expect(texts.filter((text) => findAddresses(tokenize(text), lx).length > 0).length).toBeGreaterThan(texts.length / 4);
	});

	test('when texts hold ages and birth dates then the anchored search finds what the plain search finds', () => {
		const run = (text: string, anchored: boolean) => {
			const t = tokenize(text);
			const out: Parameters<typeof findAges>[1] = [];
			const anchors = anchored ? extraAnchors(t) : undefined;
			findAges(t, out, anchors);
			findBirthDates(t, out, anchors);
			return key(out).join();
		};
		expect(texts.filter((text) => run(text, true) !== run(text, false))).toEqual([]);
		expect(texts.filter((text) => run(text, false) !== '').length).toBeGreaterThan(texts.length / 4);
	});

	test('when a weak street starts with an astral capital and fails its checks then the search goes on (no endless loop)', () => {
		expect(findAddresses(tokenize('x 𝐀bc 5 is here, 12 Oak Street'), lx).map((d) => d.start)).toEqual([18]);
		expect(findAddresses(tokenize('x 𝐀bc 5 is here, 12 Oak Street'), lx, true).map((d) => d.start)).toEqual([18]);
	});
});
