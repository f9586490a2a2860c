/**
 * STREET_ADDRESS written in lower case (chat and form text: `lives at 255 hersnapvej 18, aalborg`),
 * found only right after an address cue (`lives at`, `address:`, `ship to`): a house number, one to
 * four words that are no English words, and a number or a street type; then a unit, and place parts
 * after commas (with a postcode) when they run to the end of the sentence. Capitalised addresses are
 * address.ts's. Linear: the cues' first words are anchors of address.ts's one token pass; each cue
 * tries bounded sticky patterns once.
 */
import type { Detection } from '../types';
import { leadingLetters } from './anchors';
import { ADDRESS_CUE, EN_STREET_TYPES, UNIT_WORDS } from './cues';
import { COMMON } from './lexicon';
import type { Lexicon } from './lexicon';

/** Weaker than a capitalised address (no capitals to go by). */
export const LOWER_ADDRESS_SCORE = 0.75;

/** The cue and the gap after it, tried sticky at the cue's anchor words (found in address.ts's anchor pass). */
const CUE_SOURCE = String.raw`(?:${ADDRESS_CUE})[ \t]{0,3}:?[ \t]{0,8}(?:\r?\n[ \t]{0,8})?`;
const CUE = new RegExp(CUE_SOURCE, 'iuy');
/** The first word of each form of the cue: the anchor words of the sticky cue. */
export const CUE_HEADS = leadingLetters(ADDRESS_CUE.replace(/\\b/g, ''));
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

/**
 * Lower-case street addresses right after an address cue (a capitalised one there is left to
 * address.ts: the resolver keeps the stronger). `cues`: the cue's anchor positions, ascending; without
 * them the cue is searched globally (the reference the anchored search is tested against).
 */
export function findLowerAddresses(text: string, lx: Lexicon, cues?: { pos: Int32Array; count: number }): Detection[] {
	const out: Detection[] = [];
	const plain = cues === undefined ? new RegExp(CUE_SOURCE, 'giu') : undefined;
	let done = 0;
	for (let k = 0; plain !== undefined || k < cues!.count; k++) {
		let c: RegExpExecArray | null;
		let at: number;
		if (plain !== undefined) {
			plain.lastIndex = done;
			c = plain.exec(text);
			if (c === null) break;
			at = c.index;
		} else {
			at = cues!.pos[k];
			if (at < done) continue;
			c = stickyAt(CUE, text, at);
		}
		if (c === null) continue;
		const s = at + c[0].length;
		done = Math.max(done, s);
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
