/**
 * STREET_ADDRESS: a street line (house number + street + street type in English, German, Dutch,
 * Nordic, French, Spanish, Italian and Portuguese forms, a PO box, a ship or unit box with its
 * APO/FPO/DPO line, a street corner `corner of A and B`), then what follows it: a unit or
 * apartment part, and the postcode + city line with postcode shapes per country (US ZIP+4, CA, UK,
 * DE/FR/ES/IT, NL, BE/AT/CH/DK/NO, SE, PL, PT). A unit before the street (`Flat 3, 12 High Street`)
 * belongs to it. The parts of an address block (a letter head, a signature, a shipping block:
 * street, unit, postcode + city, region and country lines) separated by a comma, spaces or one line
 * break are ONE STREET_ADDRESS with the separators inside; when LOCATION is wanted, a place line of
 * its own in a block (city, region, country) is a field of its own: its words LOCATION, its postcode
 * STREET_ADDRESS (`places`). A blank line ends a block, unless a postcode line follows it. Patterns have bounded repetitions only; each
 * extension is tried at most MAX_EXT times after a street line: linear in the text.
 */
import type { Detection } from '../types';
import { alternationWords, AnchorList, AnchorSet, leadingLetters, mergeAnchors, PlainSearch, WindowSearch, windows } from './anchors';
import type { AnchorKind, Search } from './anchors';
import { CITY as CITY_BIT, COMMON, COUNTRY, GIVEN, MAJOR, REGION, SURNAME } from './lexicon';
import type { Lexicon } from './lexicon';
import { ADDRESS_CUE, EN_STREET_TYPES, EN_WEAK_STREET_TYPES, SHIP_PREFIXES, UNIT_WORDS } from './cues';
import { CUE_HEADS, findLowerAddresses } from './address-lower';
import { NUM, WORD } from './tokens';
import type { Tokens } from './tokens';

export const ADDRESS_SCORE = 0.85;
/** A place line of a postal block. */
export const ADDRESS_PLACE_SCORE = 0.8;
const MAX_EXT = 6;

/** Start of a word: no letter, mark or digit before (keeps a long run of letters from being tried at each of its positions). */
const START = String.raw`(?<![\p{L}\p{M}\d'’-])`;
const UNIT_WORD = `(?:${UNIT_WORDS.join('|')})`;
/** A unit word used as one (`Apt. 5`, `Suite #2`): no part of a street name. */
const NOT_UNIT = String.raw`(?!${UNIT_WORD}\.?\s?#?\s?[A-Za-z]?\d)`;
const W = String.raw`${START}(?=\p{Lu})${NOT_UNIT}\p{Lu}[\p{L}\p{M}'’]{0,30}(?:-\p{L}[\p{L}\p{M}'’]{0,30})?(?![\p{L}\p{M}])`; // a capitalised word
const NUMBER = String.raw`(?:\d{1,5}[ \t])?\d{1,5}[A-Za-z]?(?:\s?[-/]\s?\d{1,4}[A-Za-z]?)?`;
const either = (list: readonly string[] | string): string =>
	(typeof list === 'string' ? list.trim().split(/\s+/) : list).map((w) => `[${w[0].toUpperCase()}${w[0].toLowerCase()}]${w.slice(1).replace(/\./g, '\\.')}`).join('|');

const DIRECTION = String.raw`(?:\s(?:N|S|E|W|NE|NW|SE|SW|North|South|East|West)\b)?`;
const enStreet = (types: string) => String.raw`\b${NUMBER},?\s{1,2}(?:(?:${W}|\d{1,3}(?:st|nd|rd|th)|St\.|Ste?\.)\s{1,2}){1,4}(?:${types})\b\.?${DIRECTION}`;
const EN = enStreet(either(EN_STREET_TYPES));
/** `on Baker Street`: a street with a strong type and no number, after a word that places it. */
const NAMED_TYPES = 'street avenue road boulevard lane drive straße strasse';
const EN_NAMED = new RegExp(String.raw`\b(?:on|at|of|and|in)\s((?:${W}\s{1,2}){1,3}(?:${either(NAMED_TYPES)})\b\.?)`, 'gu');

const SUFFIX_WORDS = `straße strasse str. weg gasse platz allee damm ufer chaussee steig pfad markt
	straat laan gracht plein kade singel dreef steeg hove
	gatan gata vägen väg gränd torget vej vænget gade stræde allé veien vegen gate stræti straeti braut
	katu tie kuja polku tori utca út tér ulica`;
const SUFFIXES = either(SUFFIX_WORDS);
const SUFFIX_BEHIND = `(?:${SUFFIXES})`;
const GERMANIC = String.raw`(?:\b\d{1,5}[ \t])?(?:(?:${W})[ \t]){0,2}${START}\p{Lu}[\p{L}\p{M}-]{0,40}(?![\p{L}\p{M}-])(?<=${SUFFIX_BEHIND})[ \t]{1,2}\d{1,4}\s?[a-zA-Z]?(?:\s?[-/]\s?\d{1,4}[a-z]?)?\b`;

const ROMANCE_TYPES = `${either('rue avenue boulevard chemin allée impasse quai calle avenida paseo camino carrera ronda travesía viale piazza corso vicolo rua travessa praça estrada alameda strada')}|Place|Via|Largo|Route|Cours|Plaza|Av\\.?|Avda\\.?|Bd|C/|ul\\.|Ulica|ulica|Λ\\.|Λεωφόρος|Οδός`;
const LINK = String.raw`(?:de|del|de la|de las|de los|du|des|de l'|d'|la|le|les|do|da|dos|das|di|della|delle|dei|degli|al|alla|y|e)`;
const ROMANCE = String.raw`(?:\b${NUMBER},?\s{1,2})?${START}(?:${ROMANCE_TYPES})\s{1,2}(?:${LINK}\s{1,2}){0,2}(?:${W}|\d{1,2}\s(?:de\s)?\p{Lu}\p{Ll}{2,12})(?:\s{1,2}(?:${LINK}\s{1,2})?${W}){0,3}(?:,?\s{1,2}(?:n[º°o.]\s?)?\d{1,5}[A-Za-z]?\b)?`;

const PO_FORMS = String.raw`P\.?\s?O\.?\s?Box|Post\s+Office\s+Box|Postfach|Postbox|Apartado(?:\s+de\s+correos)?|Apdo\.?|Case\s+postale|Boîte\s+postale|Casella\s+postale|Postbus|PSC\s\d{1,5},\s?Box|Unit\s\d{1,5}\sBox`;
const PO_BOX = String.raw`\b(?:${PO_FORMS})\s{1,2}\d{1,6}(?:\s\d{1,4})?\b`;
/** A ship's address: `USNS Bergman` + its FPO line (checked when found). */
const SHIP = String.raw`\b(?:${SHIP_PREFIXES.join('|')})\s${W}(?=\s{0,3}\r?\n\s{0,3}(?:FPO|APO|DPO)\s[A-Z]{2}\s\d{5})`;

/** A street type as its own lower-case word after the name: `Erzsébet tér 19`, `Andrássy út 5`. */
const TYPE_WORDS = String.raw`utca|u\.|út|útja|tér|körút|krt\.|rkp\.|kapu|gatan|gata|gate|vej|gade|straat|laan|weg|str\.?|strasse|straße|allee|platz|terrasse|põik`;
const TYPE_WORD = String.raw`(?:\b\d{1,5}[ \t])?(?:${W}[ \t]){1,3}(?:${TYPE_WORDS})\s\d{1,4}[a-zA-Z]?\b\.?`;
const STREET = new RegExp(`${EN}|${GERMANIC}|${ROMANCE}|${PO_BOX}|${SHIP}|${TYPE_WORD}`, 'gu');
/** Weaker shapes, kept only with a unit, a postcode line or a place after them, or an address cue before. */
/** Dates are no streets: `10 October 2010`, `Sat 11 Apr`, `05:41 PM January 28`. */
const NOT_DATE = String.raw`(?!(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Mon|Tue|Wed|Thu|Fri|Sat|Sun|Januar|Februar|März|Mai|Juni|Juli|Oktober|Dezember)\p{L}*\.?[ \t]\d|(?:AM|PM|UTC|GMT|IST|CET|EST|PST)\b)`;
const BARE = String.raw`(?:\b\d{1,5}[ \t])?(?:${START}(?=\p{Lu})${NOT_DATE}${W}[ \t]){0,2}${START}(?=\p{Lu})${NOT_DATE}${W}[ \t]\d{1,4}[a-zA-Z]?\b`;
const WEAK = new RegExp(`${enStreet(either(EN_WEAK_STREET_TYPES))}|${BARE}`, 'gu');
/** `corner of A and B`: both streets, whatever their shape (up to five words each). */
const PART = String.raw`[\p{L}\p{M}\d][\p{L}\p{M}\d'’./-]{0,30}`;
const CORNER_WORDS = 'corner|intersection|junction';
const THE_BEFORE = /^(?:the|The|THE)\s$/;
const CORNER = new RegExp(String.raw`\b(?:${CORNER_WORDS})\s(?:of\s)?(?!of\s)(${PART}(?:\s${PART}){0,4}?\s(?:and|&)\s${PART}(?:\s${PART}){0,3}?)(?=\s{0,3}(?:[,;:!?)]|\.(?:\s|$)|\r?\n|$|\s(?:in|at|on|for|after|before|is|was|and|please)\b))`, 'gu');

/** Between two parts: a comma, spaces or tabs, or one line break (an e-mail's quote marks `>` after it); no blank line. */
const SEP = String.raw`[ \t]{0,4}(?:,[ \t]{0,4}(?:\r?\n[ \t>|]{0,8})?|\r?\n[ \t>|]{0,8}(?:,[ \t]{0,4})?|[ \t]{1,4})`;
/** Before a postcode line (strong evidence of its own) a blank line may come too. */
const SEP_LINE = String.raw`[ \t]{0,4}(?:,[ \t]{0,4}(?:\r?\n[ \t>|]{0,8}){0,2}|(?:\r?\n[ \t>|]{0,8}){1,2}(?:,[ \t]{0,4})?|[ \t]{1,4})`;
const UNIT = String.raw`(?:${UNIT_WORD}(?!\p{Ll})\.?\s?#?\s?[A-Za-z0-9]{1,6}\b|#\s?\d{1,6}[A-Za-z]?\b|\d{1,2}\s?[º°ª](?:\s?\d{1,2}\s?[ºª]|\s?[A-Za-z]\b)?)`;
const ZIP_US = String.raw`\d{5}(?:-\d{4})?`;
const POST_CA = String.raw`[A-Z]\d[A-Z]\s?\d[A-Z]\d`;
const POST_UK = String.raw`[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}`;
const POST_EU = String.raw`(?:(?:D|F|A|CH|NL|B|L|I|E|P|S|DK|N|FI|FIN|SE|PL)-)?(?:\d{5}|\d{4}(?:\s?[A-Z]{2}\b)?|\d{3}\s\d{2}|\d{2}-\d{3}|\d{4}-\d{3})`;
const CITY = String.raw`${W}(?:[ -]{1,2}(?:(?:sur|am|an|upon|de|la|del|di|nad|na|u|do)[ -])?${W}){0,3}`;
const LINE = String.raw`(?:${CITY},?\s{1,2}(?:[A-Z]{2}|${W})\.?,?\s{1,2}(?:${ZIP_US}|${POST_CA})|${POST_EU}\s{1,2}${CITY}|${CITY},?\s{1,2}${POST_UK}|${CITY}\s{1,2}${POST_EU}|[A-Z]{2}\s{1,2}${ZIP_US}|(?:APO|FPO|DPO)\s[A-Z]{2}\s\d{5}|${POST_UK}\b|${POST_CA}\b|${ZIP_US}\b)`;
/** A postcode inside a place line. */
const POSTCODE_IN = new RegExp(String.raw`(?<![\p{L}\d])(?:${ZIP_US}|${POST_CA}|${POST_UK}|${POST_EU})(?![\p{L}\d])`, 'u');
/** A military mail line (`FPO AE 09123`): part of the address, no place. */
const MILITARY = /^(?:APO|FPO|DPO)\s/;
const PLACE_WORDS = /\p{L}[\p{L}\p{M}'’.\- ]*[\p{L}\p{M}]/gu;

/**
 * Anchors of the street patterns (see anchors.ts): a word every match holds, from the tables above, and
 * the whitespace gaps a match can have before it (one more than the pattern allows).
 */
const K = { EN: 0, EN_WEAK: 1, ROMANCE: 2, PO: 3, SHIP: 4, TYPE: 5, CORNER: 6, NAMED: 7, GERMANIC: 8, BARE: 9, CUE: 10 };
const KINDS: AnchorKind[] = [
	{ words: EN_STREET_TYPES, gaps: 9 }, // NUMBER (3 gaps) ,? gap, four words
	{ words: EN_WEAK_STREET_TYPES, gaps: 9 },
	{ words: alternationWords(ROMANCE_TYPES), gaps: 5 }, // NUMBER ,? gap
	{ words: leadingLetters(PO_FORMS).exact, prefixes: leadingLetters(PO_FORMS).prefix, gaps: 0 },
	{ words: SHIP_PREFIXES.map((w) => w.toLowerCase()), gaps: 0 },
	{ words: alternationWords(TYPE_WORDS), gaps: 5 }, // number, three words
	{ words: CORNER_WORDS.split('|'), gaps: 0 },
	{ words: NAMED_TYPES.split(' '), gaps: 5 }, // `on`, three words
	{ words: [], gaps: 4 }, // the word ending in a suffix before [ \t]{1,2} and a number: number, two words
	{ words: [], gaps: 5 }, // the number after a word and one [ \t]: the word, two words, a number
	{ words: CUE_HEADS.exact, prefixes: CUE_HEADS.prefix, gaps: 0 }, // an address cue before a lower-case address (address-lower.ts)
];
const ANCHORS = new AnchorSet(KINDS);
const SUFFIX_SET = new Set(SUFFIX_WORDS.trim().split(/\s+/));
const SUFFIX_LENGTHS = [...new Set([...SUFFIX_SET].map((w) => w.length))];
const bit = (k: number) => 1 << k;
const sticky = (re: RegExp) => new RegExp(re.source, 'uy');
const SEARCH = {
	street: { re: sticky(STREET), mask: bit(K.EN) | bit(K.ROMANCE) | bit(K.PO) | bit(K.SHIP) | bit(K.TYPE) | bit(K.GERMANIC) },
	// no weak street starts with a lower-case ASCII letter (a number or a capitalised word)
	weak: { re: sticky(WEAK), mask: bit(K.EN_WEAK) | bit(K.BARE), lower: false },
	corner: { re: sticky(CORNER), mask: bit(K.CORNER) },
	named: { re: sticky(EN_NAMED), mask: bit(K.NAMED) },
};

/** Anchors at numbers: a word ending in a street suffix before 1-2 spaces or tabs (GERMANIC), any word before one (BARE). */
function numberAnchors(t: Tokens): AnchorList {
	const out = new AnchorList();
	const text = t.text;
	for (let n = 1; n < t.count; n++) {
		if (t.kind[n] !== NUM) continue;
		const s = t.start[n];
		const w = n - 1;
		const gap = s - t.end[w];
		if (gap < 1 || gap > 2) continue;
		const g1 = text.charCodeAt(s - 1);
		if ((g1 !== 32 && g1 !== 9) || (gap === 2 && text.charCodeAt(s - 2) !== 32 && text.charCodeAt(s - 2) !== 9)) continue;
		if (t.kind[w] === WORD && suffixed(text.slice(t.start[w], t.end[w]).toLowerCase())) out.add(t.start[w], bit(K.GERMANIC));
		const c = text.charCodeAt(s - 2);
		if (gap === 1 && (t.kind[w] === WORD || c === 39 || c === 0x2019) && capitalBefore(text, s - 1)) out.add(s, bit(K.BARE));
	}
	return out;
}

/** A capital (or a unit that is no ASCII character) in the run of non-space units ending at `e`: a capitalised word may end there. */
function capitalBefore(text: string, e: number): boolean {
	for (let i = e - 1; i >= 0 && e - i <= 140; i--) {
		const c = text.charCodeAt(i);
		if (c === 32 || (c >= 9 && c <= 13)) return false;
		if ((c >= 65 && c <= 90) || c >= 128) return true;
	}
	return false;
}

function suffixed(w: string): boolean {
	for (const n of SUFFIX_LENGTHS) if (w.length >= n && SUFFIX_SET.has(w.slice(w.length - n))) return true;
	return false;
}

const UNIT_AT = new RegExp(`(${SEP})${UNIT}`, 'uy');
const LINE_AT = new RegExp(`(${SEP_LINE})${LINE}`, 'uy');
const CITY_AT = new RegExp(`(${SEP})(${CITY})(?![\\p{L}\\p{M}])`, 'uy');
/** A unit before the street on its line (`Flat 3, 12 High Street`) or on the line above (`Flat 3\n12 High Street`). */
const UNIT_BEFORE = new RegExp(String.raw`(?:^|[\s,;:(])(${UNIT_WORD}(?!\p{Ll})\.?\s?#?\s?[A-Za-z0-9]{1,6}(?:,?[ \t]{1,2}|,?[ \t]{0,4}\r?\n[ \t>|]{0,8}))$`, 'u');
const ALONE_ON_LINE = /[ \t]*(?:\r?\n|$)/y;
/** The end of a sentence, a line or the text. */
const END_AFTER = /[ \t]*(?:[.!?](?:\s|$)|\r?\n|$)/y;
/** An address cue ending the text before a street (tried once, at that text's end). */
const CUE_BEFORE = new RegExp(String.raw`(?<=(?:${ADDRESS_CUE})\s{0,3}:?\s{0,8})$`, 'iuy');

type Kind = 'unit' | 'line' | 'city';
interface Piece {
	start: number;
	end: number;
	kind: Kind;
	/** a line break lies before it */
	nl: boolean;
	/** a comma or a line break lies before it (no mere space) */
	apart: boolean;
}

/**
 * A bare city/region/country line counts when the gazetteer knows it (or its last words: `Coalville
 * South Africa`), or it is in capitals. `wide`: a city counts too (before the postcode line; after it
 * only a region or a country closes the address: many city names are also common words, `Best`).
 * `strict` (right after the street): a town or region that is also a given name or an English word
 * (`12 Oak Street, Paul.`) only when it is a big city (`Reading`).
 */
function knownPlace(lx: Lexicon, s: string, wide = true, strict = false): boolean {
	const w = s.toLowerCase();
	const b = lx.lookup(w);
	const plain = !strict || (b & (GIVEN | COMMON)) === 0;
	if (wide && (b & CITY_BIT) !== 0 && (plain || (b & MAJOR) !== 0)) return true;
	if ((plain && (b & REGION) !== 0) || (b & COUNTRY) !== 0) return true;
	const words = w.split(/\s+/);
	for (let k = 1; k < words.length; k++) {
		const tail = words.slice(k).join(' ');
		if (lx.region.has(tail) || lx.country.has(tail)) return true;
	}
	return s.length >= 3 && s === s.toUpperCase() && s !== s.toLowerCase();
}

function pieceAt(re: RegExp, text: string, from: number, kind: Kind): Piece | undefined {
	re.lastIndex = from;
	const m = re.exec(text);
	if (!m) return undefined;
	return { start: m.index + m[1].length, end: re.lastIndex, kind, nl: /\n/.test(m[1]), apart: /[,\n]/.test(m[1]) };
}

/** The unit and place pieces after a street line [start, from). */
function extend(text: string, lx: Lexicon, start: number, from: number): Piece[] {
	const out: Piece[] = [];
	let end = from;
	for (let n = 0; n < MAX_EXT; n++) {
		const unit = pieceAt(UNIT_AT, text, end, 'unit');
		const line = pieceAt(LINE_AT, text, end, 'line');
		let next = unit && (!line || unit.end >= line.end) ? unit : line;
		if (!next) {
			const city = pieceAt(CITY_AT, text, end, 'city');
			if (city && acceptCity(text, lx, city, out.length > 0, out.some((p) => p.kind === 'line'), start)) next = city;
		}
		if (!next || next.end <= end) break;
		out.push(next);
		end = next.end;
	}
	return out;
}

/**
 * A city piece: a known place, or a line of its own in a block, or followed by a known place, state
 * code or postcode line, or ending the sentence after a comma (`641 Dašická 688, Turkovice u Prelouce.`) or, after a
 * line break, the sentence of an address cue (`lives at 4 Rue Haute\nVilleneuve.`, the street starting at
 * `streetStart`); once a postcode line
 * closed the block, only a known country or region (or a line in capitals) goes on: `Thanks` or
 * `Best` on the next line is no place.
 */
function acceptCity(text: string, lx: Lexicon, city: Piece, inBlock: boolean, closed: boolean, streetStart: number): boolean {
	if (knownPlace(lx, text.slice(city.start, city.end), !closed, !inBlock)) return true;
	if (closed) return false;
	ALONE_ON_LINE.lastIndex = city.end;
	if (city.nl && inBlock && ALONE_ON_LINE.test(text)) return true;
	const after = pieceAt(LINE_AT, text, city.end, 'line') ?? pieceAt(CITY_AT, text, city.end, 'city');
	if (after !== undefined && (after.kind === 'line' || knownPlace(lx, text.slice(after.start, after.end)))) return true;
	END_AFTER.lastIndex = city.end;
	return !inBlock && city.apart && END_AFTER.test(text) && ((commaBefore(text, city.start) && !nameFirst(lx, text, city)) || cueBefore(text.slice(Math.max(0, streetStart - 40), streetStart)));
}

/** The piece starts with a name that is no big place or country (`12 Oak Street, Paul.`): a person addressed. */
function nameFirst(lx: Lexicon, text: string, p: Piece): boolean {
	const b = lx.lookup((/^[\p{L}\p{M}'’-]+/u.exec(text.slice(p.start, p.end))?.[0] ?? '').toLowerCase());
	return (b & (GIVEN | SURNAME)) !== 0 && (b & (MAJOR | COUNTRY)) === 0;
}

/** A comma right before the piece, behind spaces (`12 Oak Street, Springfield.`); a line break alone is no such comma. */
function commaBefore(text: string, at: number): boolean {
	let k = at - 1;
	while (k >= 0 && (text[k] === ' ' || text[k] === '\t')) k--;
	return text[k] === ',';
}

function cueBefore(before: string): boolean {
	CUE_BEFORE.lastIndex = before.length;
	return CUE_BEFORE.test(before);
}

function trimEnd(text: string, s: number, e: number): number {
	while (e > s && /[\s,]/.test(text[e - 1])) e--;
	return e;
}

/** Start of a unit written before the street (`Apt. 675 62314 Mellemvej 32`, `Flat 3, 12 High Street`). */
function unitBefore(text: string, s: number): number {
	const m = UNIT_BEFORE.exec(text.slice(Math.max(0, s - 40), s));
	return m ? s - m[1].length : s;
}

/**
 * Emits the street with its pieces: one span with the separators between the parts (a comma, a line break) inside it;
 * with `places` (LOCATION wanted), a place line of a postal block (city, region, country on a line of its own) is a
 * field of its own: its words LOCATION, its postcode STREET_ADDRESS.
 */
function emit(text: string, s: number, e: number, pieces: Piece[], score: number, places: boolean, out: Detection[]): void {
	let k = 0;
	let end = e;
	for (; k < pieces.length; k++) {
		const p = pieces[k];
		if (places && p.nl && p.kind !== 'unit' && !MILITARY.test(text.slice(p.start, p.end))) break;
		end = p.end;
	}
	out.push({ entity: 'STREET_ADDRESS', start: s, end: trimEnd(text, s, end), score, ruleId: 'prose-address' });
	for (; k < pieces.length; k++) placeLine(text, pieces[k], out);
}

/** A place line of a block: its postcode is STREET_ADDRESS, its words LOCATION; a unit stays STREET_ADDRESS. */
function placeLine(text: string, p: Piece, out: Detection[]): void {
	const s = p.start;
	const e = trimEnd(text, s, p.end);
	if (p.kind === 'unit' || MILITARY.test(text.slice(s, e))) {
		out.push({ entity: 'STREET_ADDRESS', start: s, end: e, score: ADDRESS_SCORE, ruleId: 'prose-address' });
		return;
	}
	const line = text.slice(s, e);
	const code = POSTCODE_IN.exec(line);
	const words = code ? line.slice(0, code.index) + ' '.repeat(code[0].length) + line.slice(code.index + code[0].length) : line;
	if (code) out.push({ entity: 'STREET_ADDRESS', start: s + code.index, end: s + code.index + code[0].length, score: ADDRESS_SCORE, ruleId: 'prose-address' });
	PLACE_WORDS.lastIndex = 0;
	let m: RegExpExecArray | null;
	while ((m = PLACE_WORDS.exec(words)) !== null) {
		out.push({ entity: 'LOCATION', start: s + m.index, end: s + m.index + m[0].length, score: ADDRESS_PLACE_SCORE, ruleId: 'prose-address' });
	}
}

/**
 * Street addresses of the tokens' text, each with the parts that follow it (one span per block).
 * `plain`: every pattern searched globally (the reference the anchored search is tested against).
 */
export function findAddresses(tokens: Tokens, lx: Lexicon, plain = false, places = false): Detection[] {
	const text = tokens.text;
	const out: Detection[] = [];
	const taken: Array<[number, number]> = [];
	const anchors = plain ? undefined : mergeAnchors(ANCHORS.find(tokens), numberAnchors(tokens));
	// each pattern runs sticky inside the windows before its anchors (module regexes: WindowSearch sets lastIndex before each try)
	const search = (p: { re: RegExp; mask: number; lower?: boolean }): Search =>
		anchors === undefined ? new PlainSearch(new RegExp(p.re.source, 'gu'), text) : new WindowSearch(p.re, text, windows(text, KINDS, anchors, p.mask), p.lower ?? true);
	const street = search(SEARCH.street);
	let m: RegExpExecArray | null;
	let next = 0;
	while ((m = street.exec(next)) !== null) {
		next = m.index + m[0].length;
		if (!/\d/.test(m[0]) && !/\p{L}$/u.test(m[0])) continue;
		const s = unitBefore(text, m.index);
		const e = trimEnd(text, m.index, m.index + m[0].length);
		const pieces = extend(text, lx, s, e);
		emit(text, s, e, pieces, ADDRESS_SCORE, places, out);
		const last = pieces.length > 0 ? pieces[pieces.length - 1].end : e;
		taken.push([s, last]);
		next = Math.max(last, next);
	}
	let t = 0;
	const weak = search(SEARCH.weak);
	next = 0;
	while ((m = weak.exec(next)) !== null) {
		const s0 = m.index;
		const e = s0 + m[0].length;
		next = e;
		while (t < taken.length && taken[t][1] <= s0) t++;
		if (t < taken.length && taken[t][0] < e) {
			next = Math.max(next, taken[t][1]);
			continue;
		}
		// a weak street needs a unit or a postcode line after it, maybe behind a city line (a place alone may be any capitalised word)
		const city = pieceAt(UNIT_AT, text, e, 'unit') || pieceAt(LINE_AT, text, e, 'line') ? undefined : pieceAt(CITY_AT, text, e, 'city');
		const direct = city === undefined ? pieceAt(UNIT_AT, text, e, 'unit') !== undefined || pieceAt(LINE_AT, text, e, 'line') !== undefined : pieceAt(UNIT_AT, text, city.end, 'unit') !== undefined || pieceAt(LINE_AT, text, city.end, 'line') !== undefined;
		const pieces = direct ? extend(text, lx, s0, e) : [];
		const numbered = /^\d/.test(m[0]) && /\d[A-Za-z]?$/.test(m[0]) && /^[ \t]*(?:[,;.]|\r?\n|$)/.test(text.slice(e, e + 3));
		if (pieces.length === 0 && !numbered && !cueBefore(text.slice(Math.max(0, s0 - 40), s0))) {
			// on from the next code point (the search never starts inside a surrogate pair)
			next = s0 + 1;
			continue;
		}
		const s = unitBefore(text, s0);
		emit(text, s, e, pieces, pieces.length > 0 ? ADDRESS_SCORE : ADDRESS_SCORE - 0.1, places, out);
		next = Math.max(pieces.length > 0 ? pieces[pieces.length - 1].end : e, next);
	}
	const corner = search(SEARCH.corner);
	next = 0;
	while ((m = corner.exec(next)) !== null) {
		next = m.index + m[0].length;
		// a sentence's full stop is no abbreviation's (`Seventh Avenue.` / `Elm St.`)
		// the phrase is the address (`at the corner of A and B`): its head words are inside the span
		const v = m[1];
		const e = m.index + m[0].length;
		const s = THE_BEFORE.test(text.slice(Math.max(0, m.index - 4), m.index)) ? m.index - 4 : m.index;
		const dot = v.endsWith('.') && !/\b(?:St|Ave|Rd|Blvd|Dr|Ln|Str|Ct|Pl|Sq)\.$/.test(v) ? 1 : 0;
		out.push({ entity: 'STREET_ADDRESS', start: s, end: e - dot, score: ADDRESS_SCORE, ruleId: 'prose-address' });
	}
	// lower-case addresses after an address cue, at the cue anchors of the same pass
	for (const d of findLowerAddresses(text, lx, anchors === undefined ? undefined : only(anchors, bit(K.CUE)))) out.push(d);
	// `on Baker Street`: a street with a strong type and no number, after a word that places it
	const named = search(SEARCH.named);
	next = 0;
	while ((m = named.exec(next)) !== null) {
		next = m.index + m[0].length;
		const s = m.index + m[0].length - m[1].length;
		out.push({ entity: 'STREET_ADDRESS', start: s, end: trimEnd(text, s, s + m[1].length), score: ADDRESS_SCORE, ruleId: 'prose-address' });
	}
	return out;
}

/** The positions of the anchors of the kinds in `mask`. */
function only(a: { pos: Int32Array; bits: Int32Array; count: number }, mask: number): { pos: Int32Array; count: number } {
	const pos = new Int32Array(a.count);
	let n = 0;
	for (let k = 0; k < a.count; k++) if ((a.bits[k] & mask) !== 0) pos[n++] = a.pos[k];
	return { pos, count: n };
}

/** The patterns, for tests of their anchors against a plain global search. */
export const PATTERNS: Readonly<Record<string, RegExp>> = Object.freeze({ STREET, WEAK, CORNER, EN_NAMED });
