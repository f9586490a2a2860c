/**
 * Prechecks (trigger.precheck): cheap necessary conditions on the units at and after a match
 * start, read before a rule's pattern runs there. Each holds wherever the rule's pattern matches
 * (the lead tests compare detections with a plain scan that ignores them); in business text they
 * skip most of the pattern calls that would find nothing (order numbers, dates, amounts).
 */

import { codeAt } from '../scanner';

function isDigit(c: number): boolean {
	return c >= 48 && c <= 57;
}

/** Digits, space . - ( ) +: what a phone number's main part is made of. */
function isPhoneUnit(c: number): boolean {
	return isDigit(c) || c === 32 || c === 46 || c === 45 || c === 40 || c === 41 || c === 43;
}

/**
 * A North American number's digit runs: up to the start of its subscriber run, at most 14 units in
 * (prefix 001-, area (555)-, exchange 123-), only phone units, and the first run of 3 digits
 * followed by a run of exactly 4 (the exchange and the subscriber: no prefix or area code holds such
 * a pair) with at least 10 digits up to its end. Order numbers (2019-353898), card groups
 * (4111 1111 …) and dotted quads fail it.
 */
export function nanpGroupsAt(text: string, at: number): boolean {
	const len = text.length;
	const end = Math.min(len, at + 15);
	let total = 0;
	let prev = 0;
	for (let i = at; i < end; ) {
		const c = text.charCodeAt(i);
		if (isDigit(c)) {
			const s = i;
			while (i < len && isDigit(text.charCodeAt(i))) i++;
			const run = i - s;
			total += run;
			if (prev === 3 && run === 4) return total >= 10;
			prev = run;
		} else if (isPhoneUnit(c)) i++;
		else return false;
	}
	return false;
}

/** A national trunk prefix: '0' or '(0'. */
export function trunkZeroAt(text: string, at: number): boolean {
	const c = codeAt(text, at);
	return c === 48 || (c === 40 && codeAt(text, at + 1) === 48);
}

/** Three groups of 1-3 digits each followed by '.', then a digit: /(?:\d{1,3}\.){3}\d/. */
export function dottedQuadAt(text: string, at: number): boolean {
	let i = at;
	for (let g = 0; g < 3; g++) {
		const s = i;
		while (i - s < 3 && isDigit(codeAt(text, i))) i++;
		if (i === s || codeAt(text, i) !== 46) return false;
		i++;
	}
	return isDigit(codeAt(text, i));
}

/** A MAC address's separators: the same ':' or '-' after the first two pairs, or '.' after two groups of four. */
export function macSeparatorsAt(text: string, at: number): boolean {
	const s = codeAt(text, at + 2);
	return ((s === 58 || s === 45) && codeAt(text, at + 5) === s) || (codeAt(text, at + 4) === 46 && codeAt(text, at + 9) === 46);
}

/** An ITIN's shape: '9', then the same ' ' or '-' at 3 and 6. */
export function itinGroupsAt(text: string, at: number): boolean {
	const s = codeAt(text, at + 3);
	return codeAt(text, at) === 57 && (s === 32 || s === 45) && codeAt(text, at + 6) === s;
}

/** 3-3-4 digit groups: digits at 3, 6 and 9 (no separator), else the same ' ' or '-' at 3 and 7. */
export function groups334At(text: string, at: number): boolean {
	const s = codeAt(text, at + 3);
	return isDigit(s) ? isDigit(codeAt(text, at + 6)) && isDigit(codeAt(text, at + 9)) : (s === 32 || s === 45) && codeAt(text, at + 7) === s;
}

/** True for the first three letters (lower case, packed) of a name a secret may be assigned to. */
function isNameStart(key: number): boolean {
	switch (key) {
		case 0x706173: // pas(sword, swd, sphrase)
		case 0x707764: // pwd
		case 0x736563: // sec(ret)
		case 0x746f6b: // tok(en)
		case 0x617069: // api(key, _key)
		case 0x616363: // acc(ess_key)
		case 0x707269: // pri(vate_key)
		case 0x636c69: // cli(ent_secret)
		case 0x617574: // aut(h)
		case 0x637265: // cre(dentials)
			return true;
		default:
			return false;
	}
}

/** True for an ASCII letter or digit. */
export function isAlnum(c: number): boolean {
	return isDigit(c) || ((c | 32) >= 97 && (c | 32) <= 122);
}

/** The three units at `i`, ASCII letters lower-cased and packed (c0 << 16 | c1 << 8 | c2); -1 when one is no letter. */
function letters3(text: string, i: number): number {
	const a = codeAt(text, i) | 32;
	const b = codeAt(text, i + 1) | 32;
	const c = codeAt(text, i + 2) | 32;
	if (a < 97 || a > 122 || b < 97 || b > 122 || c < 97 || c > 122) return -1;
	return (a << 16) | (b << 8) | c;
}

/** 1 for an ASCII letter or digit code unit. */
const ALNUM = new Uint8Array(128);
for (let c = 0; c < 128; c++) ALNUM[c] = isAlnum(c) ? 1 : 0;

/**
 * secretNameAt's look at `at`: -1 when it holds, else the end of the run of ASCII letters/digits at
 * `at` (passed in a tight loop), where the search goes on one unit later.
 */
function nameOrRunEnd(text: string, at: number): number {
	if (isNameStart(letters3(text, at))) return -1;
	const len = text.length;
	let e = at;
	for (let c = e < len ? text.charCodeAt(e) : 0; c < 128 && ALNUM[c] === 1; c = ++e < len ? text.charCodeAt(e) : 0);
	const s = codeAt(text, e);
	return e > at && e - at <= 20 && (s === 95 || s === 46 || s === 45) && isNameStart(letters3(text, e + 1)) ? -1 : e;
}

/**
 * A secret assignment's name: one of the names (by its first three letters, any case) at `at`, or
 * after a prefix of 1-20 ASCII letters/digits and one of _ . - (DB_PASSWORD).
 */
export function secretNameAt(text: string, at: number): boolean {
	return nameOrRunEnd(text, at) < 0;
}

/**
 * secretNameAt as a search (trigger.precheckSeek): the first segment start in [from, end) where it
 * holds, or -1. A megabyte of 'password=a1password=a1…' is then one pass, and the rule leaves the
 * window, instead of a look (or a pattern search) at each of its segments.
 */
export function secretNameSeek(text: string, from: number, end: number): number {
	for (let i = from; i < end; ) {
		const e = nameOrRunEnd(text, i);
		if (e < 0) return i;
		// past the run (its units follow a letter/digit) and the unit ending it
		i = e + 1;
	}
	return -1;
}
