/**
 * STREET_ADDRESS written in lower case (chat and form text: `lives at 255 hersnapvej 18, aalborg`),
 * found only right after an address cue (`lives at`, `address:`, `ship to`): a house number, one to
 * four words that are no English words, and a number or a street type; then a unit, and place parts
 * after commas (with a postcode) when they run to the end of the sentence. Capitalised addresses are
 * address.ts's. Linear: the cues' first words are found in the token pass of anchors.ts; each tries
 * bounded sticky patterns once.
 */
import type { Detection } from '../types';
import { AnchorSet, leadingLetters } from './anchors';
import { ADDRESS_CUE, EN_STREET_TYPES, UNIT_WORDS } from './cues';
import { COMMON } from './lexicon';
import type { Lexicon } from './lexicon';
import type { Tokens } from './tokens';

/** Weaker than a capitalised address (no capitals to go by). */
export const LOWER_ADDRESS_SCORE = 0.75;

/** The cue, tried sticky at its anchor words (the first word of each of its forms), and the gap after it. */
const CUE = new RegExp(String.raw`(?:${ADDRESS_CUE})[ \t]{0,3}:?[ \t]{0,8}(?:\r?\n[ \t]{0,8})?`, 'iuy');
const HEADS = leadingLetters(ADDRESS_CUE.replace(/\\b/g, ''));
const CUE_ANCHORS = new AnchorSet([{ words: HEADS.exact, prefixes: HEADS.prefix, gaps: 0 }]);
const WORD = String.raw`\p{L}[\p{L}\p{M}'’-]{0,30}\.?(?![\p{L}\p{M}\d])`;
/** A place word: no dot (a sentence's full stop stays out). */
const PLACE_WORD = String.raw`\p{L}[\p{L}\p{M}'’-]{0,30}(?![\p{L}\p{M}\d])`;
const TYPES = EN_STREET_TYPES.join('|');
/** `255 hersnapvej 18`, `2613 avenida praia 1` / `12 wexley crescent`: the words are checked afterwards. */
const STREET = new RegExp(String.raw`\d{1,5}(?:[ \t]\d{1,5})?[ \t]((?:${WORD}[ \t]){1,4})\d{1,4}[a-z]?(?![\p{L}\p{M}\d])|\d{1,5}[ \t]((?:${WORD}[ \t]){1,3})(?:${TYPES})\.?(?![\p{L}\p{M}\d])`, 'iuy');
const UNIT = new RegExp(String.raw`,?[ \t]{1,2}(?:${UNIT_WORDS.join('|')})\.?[ \t]?#?[ \t]?[a-z0-9]{1,6}(?![\p{L}\p{M}\d])`, 'iuy');
/** Place parts after commas, maybe a postcode, then the end of the sentence, line or text. */
const PLACES = new RegExp(String.raw`(?:,[ \t]{0,2}${PLACE_WORD}(?:[ \t]${PLACE_WORD}){0,3}){1,3}(?:,?[ \t]{1,2}\d{4,5}(?:-\d{3,4})?)?(?=[ \t]*(?:[.!?;](?:\s|$)|\r?\n|$))`, 'iuy');
const TYPE_SET = new Set(EN_STREET_TYPES);
/** Small words of street names (`rue de la paix`, `via del corso`): no evidence either way. */
const LINKS = new Set(['de', 'del', 'la', 'le', 'les', 'du', 'des', 'da', 'do', 'dos', 'das', 'di', 'della', 'y', 'e']);

/** No word of the street is an English word (`5 customers in 2` is no address). */
function streetWords(lx: Lexicon, words: string): boolean {
	let named = false;
	for (const w of words.trim().toLowerCase().split(/[ \t]+/)) {
		const bare = w.replace(/\.$/, '');
		if (LINKS.has(bare) || TYPE_SET.has(bare)) continue;
		if ((lx.lookup(bare) & COMMON) !== 0) return false;
		named = true;
	}
	return named;
}

function stickyAt(re: RegExp, text: string, at: number): RegExpExecArray | null {
	re.lastIndex = at;
	return re.exec(text);
}

/** Lower-case street addresses right after an address cue (a capitalised one there is left to address.ts: the resolver keeps the stronger). */
export function findLowerAddresses(t: Tokens, lx: Lexicon): Detection[] {
	const text = t.text;
	const out: Detection[] = [];
	const cues = CUE_ANCHORS.find(t);
	let done = 0;
	for (let k = 0; k < cues.count; k++) {
		const at = cues.pos[k];
		if (at < done) continue;
		const c = stickyAt(CUE, text, at);
		if (c === null) continue;
		const s = at + c[0].length;
		const m = stickyAt(STREET, text, s);
		if (m === null || !streetWords(lx, m[1] ?? m[2])) continue;
		let e = s + m[0].length;
		const unit = stickyAt(UNIT, text, e);
		if (unit !== null) e += unit[0].length;
		const places = stickyAt(PLACES, text, e);
		if (places !== null) e += places[0].length;
		out.push({ entity: 'STREET_ADDRESS', start: s, end: e, score: LOWER_ADDRESS_SCORE, ruleId: 'prose-address' });
		done = e;
	}
	return out;
}
