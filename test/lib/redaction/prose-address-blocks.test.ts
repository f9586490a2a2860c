// Address blocks: the parts of an address written over several lines or after commas are one
// STREET_ADDRESS (with LOCATION selected, a place line of its own is LOCATION and its postcode
// STREET_ADDRESS, every part redacted); ordinary text with commas and line breaks is none. Names, streets and places are
// made up or common real ones written for these tests (no Faker).
import { detect, redact, restore } from '../../../lib/redaction';

const SECRET = 'a-test-secret-of-at-least-32-bytes-long!!';
const spans = (text: string, options = {}) => detect(text, options).map((d) => [d.entity, text.slice(d.start, d.end)]);
const found = (text: string, entity = 'STREET_ADDRESS', options = {}) => spans(text, options).filter(([e]) => e === entity).map(([, v]) => v);
/** The block's extent: STREET_ADDRESS alone (LOCATION not selected, so place lines are not split off). */
const block = (text: string) => found(text, 'STREET_ADDRESS', { entities: ['STREET_ADDRESS'] });
/** Letters and digits of `part` (at `at` in `text`) outside every detection of the default entities. */
const uncovered = (text: string, part: string) => {
	const at = text.indexOf(part);
	const ds = detect(text);
	return [...part].filter((ch, k) => /[\p{L}\d]/u.test(ch) && !ds.some((d) => d.start <= at + k && at + k < d.end)).join('');
};

describe('address blocks', () => {
	test.each([
		['Ship to:\nJane Roe\n12 Oak Street\nApt 4B\nSpringfield, IL 62704\nUSA\n\nThanks!', '12 Oak Street\nApt 4B\nSpringfield, IL 62704\nUSA', 'a US shipping block with a unit line and a country line'],
		['Kind regards\nIngrid Solberg\nStorgata 12\n0155 Oslo\nNorway\nTel. 22 33 44 55', 'Storgata 12\n0155 Oslo\nNorway', 'an e-mail signature'],
		['Hauptstraße 5\r\n10115 Berlin\r\nGermany', 'Hauptstraße 5\r\n10115 Berlin\r\nGermany', 'Windows line breaks'],
		['Deliver to 8 Market Lane, Suite 200, Boulder, CO 80302 before noon.', '8 Market Lane, Suite 200, Boulder, CO 80302', 'a block on one line'],
		['P.O. Box 4521\nAustin, TX 78765', 'P.O. Box 4521\nAustin, TX 78765', 'a PO box and its city line'],
		['77 Queen Street West\nToronto\n, ON\nM5H 2N2', '77 Queen Street West\nToronto\n, ON\nM5H 2N2', 'a form export: the comma starts the next line'],
		['Flat 3\n12 High Street\nBristol BS1 4DJ', 'Flat 3\n12 High Street\nBristol BS1 4DJ', 'a unit on the line above the street'],
		['> 41 Mill Lane\n> Leeds LS1 4AP\n> United Kingdom', '41 Mill Lane\n> Leeds LS1 4AP\n> United Kingdom', 'a quoted block'],
	])('when the text is %j then the block is one STREET_ADDRESS %j (%s); with the default entities every part of it is found', (text, address) => {
		expect(block(text)).toEqual([address]);
		expect(uncovered(text, address)).toBe('');
	});

	test('when LOCATION is not selected then the block is the same single STREET_ADDRESS', () => {
		const text = '12 Oak Street\nApt 4B\nSpringfield, IL 62704\nUSA';
		expect(found(text, 'STREET_ADDRESS', { entities: ['STREET_ADDRESS'] })).toEqual([text]);
	});

	test('when a block is redacted with tokens then restore gives back exactly the text, line breaks included; without LOCATION it is one token', () => {
		const text = 'Hi Support,\nplease send it to\n12 Oak Street\nApt 4B\nSpringfield, IL 62704\nUSA\nThanks, Jane Roe';
		const one = redact(text, { operator: 'token', secret: SECRET, entities: ['STREET_ADDRESS', 'PERSON'] });
		expect(one.text).toBe('Hi Support,\nplease send it to\n<STREET_ADDRESS_1>\nThanks, <PERSON_1>');
		expect(restore(one.text, one.encryptedMap!, SECRET).text).toBe(text);
		const parts = redact(text, { operator: 'token', secret: SECRET });
		expect(parts.text).not.toMatch(/Oak|Springfield|62704|USA|Jane|Roe/);
		expect(restore(parts.text, parts.encryptedMap!, SECRET).text).toBe(text);
	});

	test.each([
		['12 Oak Street\n\nLondon was busy today.', ['12 Oak Street'], 'a blank line ends the block'],
		['12 Oak Street\n\nLondon NW1 6XE', ['12 Oak Street\n\nLondon NW1 6XE'], 'a postcode line goes on after a blank line'],
		['221 Baker Street\nLondon NW1 6XE\nThanks\nAmara', ['221 Baker Street\nLondon NW1 6XE'], 'after the postcode line only a known country or region goes on'],
		['221 Baker Street\nLondon NW1 6XE\nBest,\nAmara', ['221 Baker Street\nLondon NW1 6XE'], 'a sign-off that is also a city name after the postcode line'],
		['The shop at 5 Market Street, Jenny said, is closed.', ['5 Market Street'], 'a name after the comma'],
		['She lives at 4 Rue Haute, Marlowby.', ['4 Rue Haute, Marlowby'], 'an unknown town ending the sentence of an address cue'],
		['My address is 12 Oak Street, Marlowby', ['12 Oak Street, Marlowby'], 'an unknown town ending the text after an address cue'],
		['We met at 12 Oak Street, Paul.', ['12 Oak Street'], 'a name ending a sentence without an address cue'],
		['Send it to 12 Oak Street, Paul and Maria will sign.', ['12 Oak Street'], 'a name that does not end the sentence'],
		['We met at 12 Oak Street, then went home.\nThe weather was fine.', ['12 Oak Street'], 'a sentence goes on after the comma'],
	])('when the text is %j then STREET_ADDRESS is %j (%s)', (text, addresses) => {
		expect(block(text)).toEqual(addresses);
	});

	test.each([
		['Apples, Pears, Oranges\nBananas, Lemons', 'a list of capitalised words'],
		['Meeting notes\nAgenda, Budget\nNext Steps\nRoom 12', 'headings and a room number'],
		['Release 2024\nBuild 5\nWindows, Linux', 'version lines'],
		['Suite 200\nSpringfield\nUSA', 'a unit and place lines without a street'],
		['Floor 2\n\nThe kitchen is closed.', 'a unit line and a sentence'],
	])('when the text is %j then no STREET_ADDRESS is found (%s)', (text) => {
		expect(found(text)).toEqual([]);
	});
});

describe('unit words next to names', () => {
	test.each([
		['Dr. Peter Novak Apt. 4, 12 Oak Street, Springfield IL 62704', 'Peter Novak', 'Apt. 4, 12 Oak Street, Springfield IL 62704'],
		['Mrs. Ingrid Solberg Suite 12\nStorgata 12\n0155 Oslo', 'Ingrid Solberg', 'Suite 12\nStorgata 12\n0155 Oslo'],
	])('when a unit with its number follows a name (%j) then the unit is no part of the name', (text, name, address) => {
		expect(found(text, 'PERSON')).toEqual([name]);
		expect(block(text)).toContain(address);
	});

	test('when a unit word is a surname (no number after it) then it is still a name', () => {
		expect(found('Please ask Mr. Stock about the invoice.', 'PERSON')).toEqual(['Stock']);
	});
});

describe('addresses in lower case after an address cue', () => {
	test.each([
		['she lives at 255 marlowvej 18, aalborg', '255 marlowvej 18, aalborg'],
		['my address is 14 quellenweg 7 apt. 3, lindenbrunn, austria 4020.', '14 quellenweg 7 apt. 3, lindenbrunn, austria 4020'],
		['ship to 12 wexley crescent please', '12 wexley crescent'],
		['address:\n2613 avenida praia 1 suite 463, lindenbrunn', '2613 avenida praia 1 suite 463, lindenbrunn'],
	])('when the text is %j then STREET_ADDRESS %j is found', (text, address) => {
		expect(found(text)).toEqual([address]);
	});

	test.each([
		['we will send to 5 customers in 2 days', 'English words between the numbers'],
		['she lives at home 2 days a week', 'no house number'],
		['i moved to 3 new teams in 2021, sadly.', 'English words'],
		['the address 5 issues in 2 weeks', 'a verb, not an address cue'],
		['call 255 marlowvej 18 times', 'no address cue'],
	])('when the text is %j then no STREET_ADDRESS is found (%s)', (text) => {
		expect(found(text)).toEqual([]);
	});

	test('when the place parts do not end the sentence then only the street is the address', () => {
		expect(found('she lives at 255 marlowvej 18, the one by the old mill near the lake.')).toEqual(['255 marlowvej 18']);
	});
});
