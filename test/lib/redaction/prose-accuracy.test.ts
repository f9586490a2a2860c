// Accuracy rules of the prose recognizers, one error class per test. Names and places are made up
// or common real ones written for these tests (no Faker).
import { detect } from '../../../lib/redaction';

const spans = (text: string, options = {}) => detect(text, options).map((d) => [d.entity, text.slice(d.start, d.end)]);
const found = (text: string, entity: string) => spans(text).filter(([e]) => e === entity).map(([, v]) => v);

describe('street addresses', () => {
	test.each([
		['Send it to 1200 Harbor Crossing, Apt 4, Portland, OR 97201', '1200 Harbor Crossing, Apt 4, Portland, OR 97201', 'a USPS street type'],
		['Ship to 17 Mill Village, Suite 2', '17 Mill Village, Suite 2', 'a street type that is also a noun, with a unit after it'],
		['Flat 3, 12 High Street, Bristol BS1 4DJ', 'Flat 3, 12 High Street, Bristol BS1 4DJ', 'a unit before the street'],
		['Meet me at the corner of Bleecker Street and Seventh Avenue.', 'the corner of Bleecker Street and Seventh Avenue', 'a street corner (the phrase is the address)'],
		['Cars turn at intersection of 5th Ave and Broadway, then stop.', 'intersection of 5th Ave and Broadway', 'a street corner without "the"'],
		['We met at Incadence, 08428 Rue de Piétrain 371, Noorderwijk.', '08428 Rue de Piétrain 371, Noorderwijk', 'a place after a comma that ends the sentence'],
		['USNS Comfort\nFPO AE 09123', 'USNS Comfort\nFPO AE 09123', "a ship's address with its FPO line"],
		['She lives at 9 Rua Augusta 14, Porto', '9 Rua Augusta 14, Porto', 'a house number before a numbered street'],
	])('when the text is %j then STREET_ADDRESS %j is found (%s)', (text, address) => {
		expect(found(text, 'STREET_ADDRESS')).toEqual([address]);
	});

	test.each([
		['We found 3 Key Points in the report.', 'a street-type noun without a unit, postcode line or address word'],
		['Due Sat 11 Apr 2015, see you there.', 'a date'],
		['Release 2024 Build 5 is out.', 'a version'],
	])('when the text is %j then no STREET_ADDRESS is found (%s)', (text) => {
		expect(found(text, 'STREET_ADDRESS')).toEqual([]);
	});

	test.each([
		['Send it to:\n221 Baker Street\nLondon NW1 6XE\nUnited Kingdom', 'United Kingdom'],
		['Ship to 12 Main Street\nStockholm', 'Stockholm'],
	])('when a place line after a street starts with a unit word (%j) then it is a place, not a unit', (text, place) => {
		// `Unit`, `Stock`: a unit word that goes on in lower case is part of a longer word
		expect(found(text, 'LOCATION')).toContain(place);
		expect(found(text, 'STREET_ADDRESS').filter((v) => place.startsWith(v) || v.endsWith(place.split(' ')[0]))).toEqual([]);
	});

	test('when an address is a block of lines then its street lines are STREET_ADDRESS, its place lines LOCATION and its postcode STREET_ADDRESS', () => {
		const text = 'Ingrid Solberg\nStorgata 12\nApt. 4\nTROMSØ\nNorway 9008';
		expect(spans(text)).toEqual([
			['PERSON', 'Ingrid Solberg'],
			['STREET_ADDRESS', 'Storgata 12\nApt. 4'],
			['LOCATION', 'TROMSØ'],
			['LOCATION', 'Norway'],
			['STREET_ADDRESS', '9008'],
		]);
		// without LOCATION the whole block stays one address
		expect(spans(text, { entities: ['STREET_ADDRESS'] })).toEqual([['STREET_ADDRESS', 'Storgata 12\nApt. 4\nTROMSØ\nNorway 9008']]);
	});

	test('when an e-mail quotes an address block with > then the block is still one address', () => {
		expect(found('> 41 Mill Lane\n> Suite 12\n> Leeds LS1 4AP', 'STREET_ADDRESS')).toEqual(['41 Mill Lane\n> Suite 12', 'LS1 4AP']);
	});
});

describe('person names', () => {
	test.each([
		['"We will ship on time," said Lindqvist.', 'Lindqvist', 'after a speech verb'],
		['Brennan said the deal is off.', 'Brennan', 'before a speech verb'],
		['My daughter Ingrid starts school.', 'Ingrid', 'after a family noun'],
		['Thanks for the update, Tomasz!', 'Tomasz', 'a vocative'],
		['Kenji, can you check the logs?', 'Kenji', 'addressed at the start'],
		['Please welcome Dariga Nurbekova to the team.', 'Dariga Nurbekova', 'unknown words with a surname ending'],
		['he shouted at Gary', 'Gary', 'a speech verb before at'],
		['Ingrid wants a refund.', 'Ingrid', 'a given name before a verb at a sentence start'],
		['Hendrix died young.', 'Hendrix', 'a surname before a past form'],
	])('when the text is %j then PERSON %j is found (%s)', (text, name) => {
		expect(found(text, 'PERSON')).toEqual([name]);
	});

	test.each([
		['@Ingrid_Solberg thanks for the follow', 'a handle'],
		['The contract with Hargreaves, Pemberton and Whitlock was renewed.', 'a firm named after its partners'],
		['She joined Hartwell Investments in May.', 'a company'],
		['Ask Drake PLC for the invoice.', 'a company with a legal form'],
		['Local Bakery Wins Best Bread Award Again', 'a headline'],
		['Yeah, I will send it.', 'an informal word'],
		['Hey Listeners, we are live.', 'a salutation to a group'],
		['A DAY IN THE LIFE OF ME. Go comment now', 'a title word in capitals'],
		['The Early Action deadline is near.', 'two common words'],
		['Analysts in Toronto said prices rose.', 'a place before a speech verb'],
		['He grew up in Tarnowskie Góry.', 'a place after a strong cue'],
		['The sale ends 19 Jan at noon.', 'a month after a number'],
	])('when the text is %j then no PERSON is found (%s)', (text) => {
		expect(found(text, 'PERSON')).toEqual([]);
	});
});

describe('places', () => {
	test.each([
		['He grew up in Tarnowskie Góry and moved to Kraków.', ['Tarnowskie Góry', 'Kraków'], 'unknown and known names after strong cues'],
		['Mr. Pavlović flew to STAXROITH on Monday morning.', ['STAXROITH'], 'capitals after a strong cue, up to a weekday'],
		['Where: Lindenbrunn', ['Lindenbrunn'], 'a place header'],
		['Ilse Marten\nKLEINWALDE\nAustria', ['KLEINWALDE', 'Austria'], 'a city line above a country line'],
		['flying back to vancouver tonight', ['vancouver'], 'a big city in lower case after a place word'],
		['Landed in DC this morning', ['DC'], 'a state code after a place word'],
	])('when the text is %j then LOCATION is %j (%s)', (text, places) => {
		expect(found(text, 'LOCATION')).toEqual(places);
	});

	test.each([
		['I will be in march', 'a common word in lower case'],
		['She works in IT', 'an abbreviation that is no state code'],
	])('when the text is %j then no LOCATION is found (%s)', (text) => {
		expect(found(text, 'LOCATION')).toEqual([]);
	});
});

describe('names with an initial after a place word', () => {
	test('when a name with a middle initial follows "to" then it is a name; a place with a particle after "to" is not', () => {
		expect(found('He was the assistant to Alvir D. Novak, and later left.', 'PERSON')).toEqual(['Alvir D. Novak']);
		expect(found('They moved to Villafranca del Cid last year.', 'PERSON')).toEqual([]);
	});
});
