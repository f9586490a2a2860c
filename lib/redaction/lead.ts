/**
 * Lead shapes: which rules can start a match at a given position of a window.
 *
 * Every built-in pattern (bar a few) begins with a lookbehind that rejects an ASCII letter or digit
 * before the match, so a match can only begin at a "segment start": the window start, or a position
 * right after a character that is not an ASCII letter/digit. At such a position the maximal run of
 * ASCII letters/digits has a kind (d: digits only, a: letters only, m: both) and a length; a rule row
 * declares the kinds and lengths its accepted matches can begin with (`trigger.lead`, e.g. 'd12-19')
 * and/or literal starts (`trigger.leadText`, e.g. 'xox', '+'). Each window is classified once and
 * only the rules whose lead shape occurs in it are run, anchored at those positions.
 */
import { GovernanceError, GovernanceErrorCode } from '../errors/governance-error';

export const KIND_NONE = 0;
export const KIND_DIGITS = 1;
export const KIND_LETTERS = 2;
export const KIND_MIXED = 3;
/** Run lengths at or above this share one slot. */
export const MAX_RUN = 63;
/** Characters a lead shape may require right after its run ('[...]' in a spec); others form class 0. */
export const FOLLOW_CHARS = ' -.:/+(';
export const FOLLOWS = 8;
const FOLLOW = new Uint8Array(128);
for (let i = 0; i < FOLLOW_CHARS.length; i++) FOLLOW[FOLLOW_CHARS.charCodeAt(i)] = i + 1;
/** Slots of a lead table: ((kind * 64 + min(length, 63)) * 8 + follow class. */
export const LEAD_SLOTS = 4 * 64 * FOLLOWS;

/** Follow class of the code unit after a run (NaN at the text end: class 0). */
function followClass(c: number): number {
	return c < 128 ? FOLLOW[c] : 0;
}

const SPEC = /^([damw])([1-9]\d?)(?:(-)([1-9]\d?)?)?(?:\[([^\]]+)\])?$/;

/**
 * Parses lead specs into a membership table over LEAD_SLOTS. Spec: kind letter (d digits, a letters,
 * m letters and digits, w any of the three), then a length `n`, a range `n-m`, or `n-` (n or more),
 * then optionally the characters one of which must follow the run, in brackets: 'd1-3[.]', 'd4[ -]'.
 */
export function parseLead(ruleId: string, specs: readonly string[]): Uint8Array {
	const table = new Uint8Array(LEAD_SLOTS);
	for (const spec of specs) {
		const m = SPEC.exec(spec);
		const follows: number[] = [];
		if (m && m[5] !== undefined) for (const ch of m[5]) follows.push(FOLLOW_CHARS.indexOf(ch) + 1);
		else for (let f = 0; f < FOLLOWS; f++) follows.push(f);
		if (!m || follows.includes(0) !== (m[5] === undefined)) {
			throw new GovernanceError(GovernanceErrorCode.InvalidConfiguration, `Rule '${ruleId}': bad lead shape '${spec}'.`, {
				hint: `Write a kind (d, a, m or w), a length and optionally following characters from '${FOLLOW_CHARS}': 'd4', 'd12-19', 'w1-', 'd1-3[.]'.`,
			});
		}
		const lo = Number(m[2]);
		const hi = Math.min(m[3] ? (m[4] ? Number(m[4]) : MAX_RUN) : lo, MAX_RUN);
		const kinds = m[1] === 'd' ? [KIND_DIGITS] : m[1] === 'a' ? [KIND_LETTERS] : m[1] === 'm' ? [KIND_MIXED] : [KIND_DIGITS, KIND_LETTERS, KIND_MIXED];
		for (const k of kinds) for (let len = lo; len <= hi; len++) for (const f of follows) table[(k * 64 + len) * FOLLOWS + f] = 1;
	}
	return table;
}

/** Checks literal lead texts (non-empty strings). */
export function checkLeadText(ruleId: string, texts: readonly string[]): string[] {
	for (const t of texts) {
		if (typeof t !== 'string' || t.length === 0 || /\s/.test(t)) {
			throw new GovernanceError(GovernanceErrorCode.InvalidConfiguration, `Rule '${ruleId}': bad leadText ${JSON.stringify(t)}.`, {
				hint: 'Lead texts are non-empty literal prefixes without whitespace.',
			});
		}
	}
	return [...texts];
}


/** Lead slot of a run of `len` letters/digits of `kind` followed by the code unit `next` (NaN at the text end). */
export function leadSlot(kind: number, len: number, next: number): number {
	return (kind * 64 + (len < MAX_RUN ? len : MAX_RUN)) * FOLLOWS + followClass(next);
}
