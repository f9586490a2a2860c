/**
 * LOCATION: cities, regions and countries from the gazetteer (GeoNames-derived lists, see NOTICE).
 * The longest known phrase of capitalised words wins; a common word (`Reading`, `Nice`, `Mobile`)
 * or a small town needs context: a preposition (`in`, `from`, `based in`), or a following region,
 * country or state code (`Springfield, IL`). Linear: at most `placeWords` look-ups per token.
 */
import type { Detection } from '../types';
import { PLACE_CUES, PLACE_HEADERS } from './cues';
import { CITY, COMMON, COUNTRY, GIVEN, MAJOR, PREFIX, RARE, REGION, SURNAME } from './lexicon';
import type { Lexicon } from './lexicon';
import { CAP, GLUED, isPunct, lexOf, low, NL, SENT, tok, UPPER, WORD } from './tokens';
import { W, wordBits } from './wordbits';
import type { Tokens } from './tokens';

export const LOCATION_SCORES = { context: 0.8, country: 0.8, major: 0.7, minor: 0.4 };

/** Two capitals A-Z at s: a state code (`IL`). */
function stateCode(text: string, s: number): boolean {
	const a = text.charCodeAt(s);
	const b = text.charCodeAt(s + 1);
	return a >= 65 && a <= 90 && b >= 65 && b <= 90;
}
const WEAK_BEFORE = new Set(['at', 'to', 'with', 'for']);
/** May start a place name (`South Africa`, `New York`) though they start no person name. */
const DIRECTIONS = new Set(['north', 'south', 'east', 'west', 'central', 'new', 'upper', 'lower', 'great', 'saint', 'st']);

function placeContext(t: Tokens, i: number): boolean {
	if ((t.flags[i] & NL) !== 0) return false;
	return (wordBits(t, i - 1) & (W.PLACE_BEFORE | W.PLACE_INTRO)) !== 0 || (wordBits(t, i - 2) & W.PLACE_INTRO) !== 0;
}

/** After the phrase ending at token e: `, IL` / `, Texas` / `, Germany` */
function placeAfter(t: Tokens, lx: Lexicon, e: number): boolean {
	let k = e + 1;
	if (isPunct(t, k, ',')) k++;
	if (k >= t.count || t.kind[k] !== WORD || (t.flags[k] & NL) !== 0) return false;
	if (t.end[k] - t.start[k] === 2 && stateCode(t.text, t.start[k])) return true;
	return (t.flags[k] & CAP) !== 0 && (lexOf(t, lx, k) & (REGION | COUNTRY)) !== 0;
}

/**
 * `at`, `to`, `with`, `for` before token i (no `moved`/`based` before them, no region or state after the phrase ending
 * at e): too weak to make a word that is also a name a small place (`shouted at Gary`); the name is the person's.
 */
export function weakPlaceCue(t: Tokens, lx: Lexicon, i: number, e: number): boolean {
	return WEAK_BEFORE.has(low(t, i - 1)) && (wordBits(t, i - 2) & W.PLACE_INTRO) === 0 && !placeAfter(t, lx, e);
}

/** Words right before token i that name a place whatever follows: `flew to`, `grew up in`, `University of`, `Where:`. */
export function strongPlaceCue(t: Tokens, i: number): boolean {
	if ((t.flags[i] & NL) !== 0 && !isPunct(t, i - 1, ':')) return false;
	if (isPunct(t, i - 1, ':')) return (t.flags[i - 1] & NL) === 0 && PLACE_HEADERS.has(low(t, i - 2));
	const before = PLACE_CUES.get(low(t, i - 1));
	return before !== undefined && before.has(low(t, i - 2));
}

/** Particles inside a place name: `Villafranca del Cid`, `Črni Vrh nad Idrijo`, `Port O' Warren`. */
const PLACE_PARTICLES = new Set(['de', 'del', 'la', 'le', 'les', 'do', 'da', 'dos', 'das', 'di', 'nad', 'na', 'pod', 'am', 'an', 'der', 'sur', 'upon', 'y', 'u']);

/** End (token index) of a capitalised run from token i on one line (at most 4 words, particles inside), or -1. */
function capitalRun(t: Tokens, lx: Lexicon, i: number): number {
	let end = -1;
	let words = 0;
	for (let k = i; k < t.count && words < 4; k++) {
		if (k > i && (t.flags[k] & NL) !== 0) break;
		if (t.kind[k] !== WORD || (t.flags[k] & GLUED) !== 0) break;
		if ((t.flags[k] & CAP) === 0) {
			if (k === i || !PLACE_PARTICLES.has(low(t, k))) break;
			continue;
		}
		// a common word stops the name (`in Paris Office`), unless in capitals (`UPTON SCUDAMORE`)
		if (k > i && (((t.flags[k] & UPPER) === 0 && (lexOf(t, lx, k) & COMMON) !== 0) || (wordBits(t, k) & W.NOT_NAME) !== 0)) break;
		end = k;
		words++;
	}
	return end;
}

/** A line of capitalised words alone, with a country alone on the next line (`ALFRICK\nUnited Kingdom`). */
function lineBeforeCountry(t: Tokens, lx: Lexicon, i: number, end: number): boolean {
	if ((t.flags[i] & NL) === 0 || end + 1 >= t.count || (t.flags[end + 1] & NL) === 0) return false;
	let k = end + 1;
	let phrase = '';
	while (k < t.count && t.kind[k] === WORD && (k === end + 1 || (t.flags[k] & NL) === 0)) phrase = phrase ? `${phrase} ${low(t, k++)}` : low(t, k++);
	return (k >= t.count || (t.flags[k] & NL) !== 0) && lx.country.has(phrase);
}

/** USPS state and territory codes. */
const US_STATES = new Set('AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC PR NYC LA ATL'.split(' '));
const CODE_BEFORE = new Set(['in', 'to', 'from', 'near', 'around', 'across']);

/** `in vancouver`, `to orlando`: a lower-case big city, region or country after a place word, when it is no English word or given name. */
function lowerPlace(t: Tokens, lx: Lexicon, i: number): boolean {
	const p = i - 1;
	if (p < 0 || t.kind[p] !== WORD || t.end[p] - t.start[p] > 6 || (t.flags[i] & NL) !== 0 || t.end[i] - t.start[i] < 4) return false;
	// first letter of in, to, from, near, around, across before making the word's lower-case string
	const c = t.text.charCodeAt(t.start[p]) | 32;
	if (c !== 105 && c !== 116 && c !== 102 && c !== 110 && c !== 97) return false;
	if (!CODE_BEFORE.has(low(t, p))) return false;
	const b = lexOf(t, lx, i);
	return (b & (MAJOR | REGION | COUNTRY)) !== 0 && (b & (COMMON | RARE | GIVEN)) === 0;
}

export function findLocations(t: Tokens, lx: Lexicon, taken: Uint8Array): Detection[] {
	const out: Detection[] = [];
	/** token after the last place found (a place, a comma, then token i: `Mobile, Alabama`) */
	let placeEnd = -1;
	const afterPlace = (i: number) => placeEnd >= 0 && i === placeEnd + 1 && isPunct(t, placeEnd, ',') && (t.flags[i] & NL) === 0;
	let i = 0;
	while (i < t.count) {
		if (t.kind[i] === WORD && (t.flags[i] & (CAP | GLUED)) === 0 && !taken[i] && lowerPlace(t, lx, i)) {
			out.push({ entity: 'LOCATION', start: t.start[i], end: t.end[i], score: LOCATION_SCORES.minor, ruleId: 'prose-location' });
			i++;
			continue;
		}
		if (t.kind[i] !== WORD || (t.flags[i] & (CAP | GLUED)) !== CAP || taken[i] || ((wordBits(t, i) & W.NOT_NAME) !== 0 && !DIRECTIONS.has(low(t, i)))) {
			i++;
			continue;
		}
		// `in DC`, `back to NYC`, `Philadelphia, USA`: a state code or a known short form after a place word or a place and
		// a comma; a country's short form (`UK`, `USA`) also alone (`US` may be the pronoun)
		const short = (t.flags[i] & UPPER) !== 0 && t.end[i] - t.start[i] <= 3 && (t.flags[i] & NL) === 0 ? tok(t, i) : '';
		const country = short !== '' && (lexOf(t, lx, i) & COUNTRY) !== 0;
		if ((country && short !== 'US') || ((country || US_STATES.has(short)) && (CODE_BEFORE.has(low(t, i - 1)) || afterPlace(i)))) {
			out.push({ entity: 'LOCATION', start: t.start[i], end: t.end[i], score: LOCATION_SCORES.context, ruleId: 'prose-location' });
			placeEnd = ++i;
			continue;
		}
		// an ALL-CAPS place (`LONDON`) only with a context word before it (address lines are the address pass's)
		if (t.end[i] - t.start[i] > 40 || ((t.flags[i] & UPPER) !== 0 && !placeContext(t, i) && !strongPlaceCue(t, i) && !lineBeforeCountry(t, lx, i, capitalRun(t, lx, i)))) {
			i++;
			continue;
		}
		// the words of the longest phrase: capitalised words (or lower-case particles inside) on one line
		let best = -1;
		let kind = 0; // 1 country/region, 2 major city, 3 city, 4 region that is also a name
		let phrase = '';
		let k = i;
		for (let n = 0; n < lx.placeWords && k < t.count; n++) {
			if (t.kind[k] !== WORD || taken[k] || (n > 0 && ((t.flags[k] & NL) !== 0 || t.start[k] - t.end[k - 1] !== 1))) break;
			phrase = n === 0 ? low(t, k) : `${phrase} ${low(t, k)}`;
			const bits = n === 0 ? lexOf(t, lx, k) : lx.lookup(phrase);
			if ((t.flags[k] & CAP) !== 0) {
				if (bits & COUNTRY || (bits & REGION && (bits & (GIVEN | SURNAME)) === 0)) {
					best = k;
					kind = 1;
				} else if (bits & MAJOR) {
					best = k;
					kind = 2;
				} else if ((bits & (CITY | REGION)) !== 0) {
					// a region that is also a name (`Texas`, `Hawaii`, `Georgia` the state) needs context, like a small town
					best = k;
					kind = (bits & REGION) !== 0 ? 4 : 3;
				}
			}
			k++;
			if ((bits & PREFIX) === 0) break;
		}
		if (best < 0) {
			// an unknown name after a strong cue, or a city line above a country line
			const end = (t.flags[i] & UPPER) !== 0 || (lexOf(t, lx, i) & COMMON) === 0 ? capitalRun(t, lx, i) : -1;
			if (end >= 0 && (strongPlaceCue(t, i) || lineBeforeCountry(t, lx, i, end))) {
				out.push({ entity: 'LOCATION', start: t.start[i], end: t.end[end], score: LOCATION_SCORES.context, ruleId: 'prose-location' });
				i = end + 1;
			} else i++;
			continue;
		}
		const single = best === i;
		const common = single && (lexOf(t, lx, i) & COMMON) !== 0;
		const person = single && (lexOf(t, lx, i) & (GIVEN | SURNAME)) !== 0;
		const ctx = placeContext(t, i) || placeAfter(t, lx, best) || (kind !== 3 && afterPlace(i));
		// a common word with context still must not run on into more capitalised words (`from Can Capital`)
		const more = best + 1 < t.count && t.kind[best + 1] === WORD && (t.flags[best + 1] & CAP) !== 0 && (t.flags[best + 1] & NL) === 0;
		// `shouted at Gary`, `went to Linda's`: after `at`/`to` a given name or surname is no small place (`to Arizona` is a region)
		const weakCtx = person && kind === 3 && weakPlaceCue(t, lx, i, best);
		let score = 0;
		if (ctx && !(common && more) && !weakCtx) score = LOCATION_SCORES.context;
		else if (common) score = 0;
		else if (kind === 1) score = LOCATION_SCORES.country;
		else if (kind === 2) score = person ? LOCATION_SCORES.minor : LOCATION_SCORES.major;
		else if (!person && (t.flags[i] & SENT) === 0 && (t.flags[i] & UPPER) === 0) score = LOCATION_SCORES.minor;
		if (score > 0) {
			out.push({ entity: 'LOCATION', start: t.start[i], end: t.end[best], score, ruleId: 'prose-location' });
			placeEnd = i = best + 1;
		} else i++;
	}
	return out;
}
