/**
 * STREET_ADDRESS: a street line (house number + street + street type in English, German, Dutch,
 * Nordic, French, Spanish, Italian and Portuguese forms, or a PO box), then what follows it: a unit
 * or apartment part, and the postcode + city line with postcode shapes per country (US ZIP+4, CA,
 * UK, DE/FR/ES/IT, NL, BE/AT/CH/DK/NO, SE, PL, PT). Patterns have bounded repetitions only; each
 * extension is tried at most MAX_EXT times after a street line: linear in the text.
 */
import type { Detection } from '../types';
import type { Lexicon } from './lexicon';

export const ADDRESS_SCORE = 0.85;
const MAX_EXT = 5;

/** Start of a word: no letter, mark or digit before (keeps a long run of letters from being tried at each of its positions). */
const START = String.raw`(?<![\p{L}\p{M}\d'’-])`;
const W = String.raw`${START}\p{Lu}[\p{L}\p{M}'’]{0,30}(?:-\p{L}[\p{L}\p{M}'’]{0,30})?(?![\p{L}\p{M}])`; // a capitalised word
const NUMBER = String.raw`\d{1,5}[A-Za-z]?(?:\s?[-/]\s?\d{1,4}[A-Za-z]?)?`;
const either = (list: string): string => list.trim().split(/\s+/).map((w) => `[${w[0].toUpperCase()}${w[0].toLowerCase()}]${w.slice(1).replace(/\./g, '\\.')}`).join('|');

const EN_TYPES = 'Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Place|Pl|Way|Terrace|Ter|Square|Sq|Highway|Hwy|Parkway|Pkwy|Circle|Cir|Crescent|Cres|Close|Grove|Gardens|Row|Walk|Trail|Trl|Alley|Plaza|Mews|Hill|Loop|Path|Pike|Ridge|Heights|Expressway|Freeway|Broadway|Turnpike';
const EN = String.raw`\b${NUMBER},?\s{1,2}(?:(?:${W}|\d{1,3}(?:st|nd|rd|th))\s{1,2}){1,4}(?:${EN_TYPES})\b\.?(?:\s(?:N|S|E|W|NE|NW|SE|SW|North|South|East|West)\b)?`;

const SUFFIXES = either(`straße strasse str. weg gasse platz allee damm ufer chaussee steig pfad markt
	straat laan gracht plein kade singel dreef steeg
	gatan gata vägen väg gränd torget vej gade stræde allé veien vegen gate
	katu tie kuja polku tori utca út tér ulica`);
const SUFFIX_BEHIND = `(?:${SUFFIXES})`;
const GERMANIC = String.raw`(?:\b\d{1,5}[ \t])?(?:(?:${W})[ \t]){0,2}${START}\p{Lu}[\p{L}\p{M}-]{0,40}(?![\p{L}\p{M}-])(?<=${SUFFIX_BEHIND})[ \t]{1,2}\d{1,4}\s?[a-zA-Z]?(?:\s?[-/]\s?\d{1,4}[a-z]?)?\b`;

const ROMANCE_TYPES = `${either('rue avenue boulevard chemin allée impasse quai calle avenida paseo camino carrera ronda travesía viale piazza corso vicolo rua travessa praça estrada alameda')}|Place|Via|Largo|Route|Cours|Plaza|Av\\.|Avda\\.?|Bd|C/|ul\\.|Ulica|ulica`;
const LINK = String.raw`(?:de|del|de la|de las|de los|du|des|de l'|d'|la|le|les|do|da|dos|das|di|della|delle|dei|degli|al|alla|y|e)`;
const ROMANCE = String.raw`(?:\b${NUMBER},?\s{1,2})?${START}(?:${ROMANCE_TYPES})\s{1,2}(?:${LINK}\s{1,2}){0,2}(?:${W}|\d{1,2}\s(?:de\s)?\p{Lu}\p{Ll}{2,12})(?:\s{1,2}(?:${LINK}\s{1,2})?${W}){0,3}(?:,?\s{1,2}(?:n[º°o.]\s?)?\d{1,5}[A-Za-z]?\b)?`;

const PO_BOX = String.raw`\b(?:P\.?\s?O\.?\s?Box|Post\s+Office\s+Box|Postfach|Apartado(?:\s+de\s+correos)?|Apdo\.?|Case\s+postale|Boîte\s+postale|Casella\s+postale|Postbus|PSC\s\d{1,5},\s?Box|Unit\s\d{1,5}\sBox)\s{1,2}\d{1,6}(?:\s\d{1,4})?\b`;

/** A street type as its own lower-case word after the name: `Erzsébet tér 19`, `Andrássy út 5`. */
const TYPE_WORD = String.raw`(?:\b\d{1,5}[ \t])?(?:${W}[ \t]){1,3}(?:utca|u\.|út|tér|körút|krt\.|gatan|gata|vej|gade|straat|laan|weg|str\.|strasse|straße|allee|platz)\s\d{1,4}[a-zA-Z]?\b\.?`;
const STREET = new RegExp(`${EN}|${GERMANIC}|${ROMANCE}|${PO_BOX}|${TYPE_WORD}`, 'gu');
/** A street without a type word (`Allika 46`): only when a unit or a postcode line follows. */
const BARE = new RegExp(String.raw`(?:\b\d{1,5}[ \t])?(?:${W}[ \t]){0,2}${W}[ \t]\d{1,4}[a-zA-Z]?\b`, 'gu');

const SEP = String.raw`[ \t]{0,4}(?:,[ \t]{0,4}(?:\r?\n[ \t]{0,8}){0,2}|(?:\r?\n[ \t]{0,8}){1,3}(?:,[ \t]{0,4})?|[ \t]{1,4})`;
const UNIT = String.raw`(?:(?:Apt|Apartment|Suite|Ste|Unit|Flat|Floor|Fl|Room|Rm|Bldg|Building|Piso|Puerta|Wohnung|Whg|Stock|Etage|Top|App|Appartement|Bâtiment|Bât|Esc|Escalera|Interno|Int|Scala)\.?\s?#?\s?[A-Za-z0-9]{1,6}\b|#\s?\d{1,6}[A-Za-z]?\b|\d{1,2}\s?[º°ª](?:\s?\d{1,2}\s?[ºª]|\s?[A-Za-z]\b)?)`;
const ZIP_US = String.raw`\d{5}(?:-\d{4})?`;
const POST_CA = String.raw`[A-Z]\d[A-Z]\s?\d[A-Z]\d`;
const POST_UK = String.raw`[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}`;
const POST_EU = String.raw`(?:(?:D|F|A|CH|NL|B|L|I|E|P|S|DK|N|FI|FIN|SE|PL)-)?(?:\d{5}|\d{4}(?:\s?[A-Z]{2}\b)?|\d{3}\s\d{2}|\d{2}-\d{3}|\d{4}-\d{3})`;
const CITY = String.raw`${W}(?:[ -]{1,2}(?:(?:sur|am|an|upon|de|la|del|di)[ -])?${W}){0,3}`;
const LINE = String.raw`(?:${CITY},?\s{1,2}(?:[A-Z]{2}|${W})\.?,?\s{1,2}(?:${ZIP_US}|${POST_CA})|${POST_EU}\s{1,2}${CITY}|${CITY},?\s{1,2}${POST_UK}|${CITY}\s{1,2}${POST_EU}|[A-Z]{2}\s{1,2}${ZIP_US}|(?:APO|FPO|DPO)\s[A-Z]{2}\s\d{5}|${POST_UK}\b|${ZIP_US}\b)`;

const UNIT_AT = new RegExp(`${SEP}${UNIT}`, 'uy');
const LINE_AT = new RegExp(`${SEP}${LINE}`, 'uy');
const CITY_AT = new RegExp(`${SEP}(${CITY})(?![\\p{L}\\p{M}])`, 'uy');

/** A bare city/region/country line counts only when the gazetteer knows it, or it is in capitals. */
function knownPlace(lx: Lexicon, s: string): boolean {
	const w = s.toLowerCase();
	if (lx.city.has(w) || lx.region.has(w) || lx.country.has(w)) return true;
	return s.length >= 3 && s === s.toUpperCase() && s !== s.toLowerCase();
}

function at(re: RegExp, text: string, from: number): number {
	re.lastIndex = from;
	return re.exec(text) ? re.lastIndex : -1;
}

function extend(text: string, lx: Lexicon, from: number): number {
	let end = from;
	for (let n = 0; n < MAX_EXT; n++) {
		let next = -1;
		for (const re of [UNIT_AT, LINE_AT]) {
			re.lastIndex = end;
			const m = re.exec(text);
			if (m && re.lastIndex > next) next = re.lastIndex;
		}
		if (next < 0) {
			CITY_AT.lastIndex = end;
			const m = CITY_AT.exec(text);
			if (m && knownPlace(lx, m[1])) next = CITY_AT.lastIndex;
		}
		if (next <= end) break;
		end = next;
	}
	return end;
}

export function findAddresses(text: string, lx: Lexicon): Detection[] {
	const out: Detection[] = [];
	// every street line kept holds a digit (checked below) and a bare street a house number: without a digit, none
	if (!/\d/.test(text)) return out;
	const re = new RegExp(STREET.source, STREET.flags);
	let m: RegExpExecArray | null;
	while ((m = re.exec(text)) !== null) {
		const s = m.index;
		let e = s + m[0].length;
		if (!/\d/.test(m[0])) continue;
		// trailing spaces or a comma the street pattern took
		while (e > s && /[\s,]/.test(text[e - 1])) e--;
		e = extend(text, lx, e);
		out.push({ entity: 'STREET_ADDRESS', start: s, end: e, score: ADDRESS_SCORE, ruleId: 'prose-address' });
		re.lastIndex = Math.max(e, re.lastIndex);
	}
	const bare = new RegExp(BARE.source, BARE.flags);
	while ((m = bare.exec(text)) !== null) {
		const s = m.index;
		const e = s + m[0].length;
		const unit = at(UNIT_AT, text, e);
		const line = at(LINE_AT, text, e);
		if (unit < 0 && line < 0) {
			bare.lastIndex = s + 1;
			continue;
		}
		const end = extend(text, lx, e);
		out.push({ entity: 'STREET_ADDRESS', start: s, end, score: ADDRESS_SCORE - 0.1, ruleId: 'prose-address' });
		bare.lastIndex = Math.max(end, bare.lastIndex);
	}
	return out;
}
