/** IBAN length per ISO 13616 country code (SWIFT IBAN registry). */
export const IBAN_LENGTHS: Readonly<Record<string, number>> = {
	AD: 24, AE: 23, AL: 28, AT: 20, AZ: 28, BA: 20, BE: 16, BG: 22, BH: 22, BI: 27, BR: 29, BY: 28,
	CH: 21, CR: 22, CY: 28, CZ: 24, DE: 22, DJ: 27, DK: 18, DO: 28, EE: 20, EG: 29, ES: 24, FI: 18,
	FK: 18, FO: 18, FR: 27, GB: 22, GE: 22, GI: 23, GL: 18, GR: 27, GT: 28, HR: 21, HU: 28, IE: 22,
	IL: 23, IQ: 23, IS: 26, IT: 27, JO: 30, KW: 30, KZ: 20, LB: 28, LC: 32, LI: 21, LT: 20, LU: 20,
	LV: 21, LY: 25, MC: 27, MD: 24, ME: 22, MK: 19, MN: 20, MR: 27, MT: 31, MU: 30, NI: 28, NL: 18,
	NO: 15, OM: 23, PK: 24, PL: 28, PS: 29, PT: 25, QA: 29, RO: 24, RS: 22, RU: 33, SA: 24, SC: 31,
	SD: 18, SE: 24, SI: 19, SK: 24, SM: 27, SO: 23, ST: 25, SV: 28, TL: 23, TN: 24, TR: 26, UA: 29,
	VA: 22, VG: 24, XK: 20, YE: 30,
};

/** ISO 7064 mod 97-10 remainder of an alphanumeric string (letters count as 10..35). */
export function mod97(text: string): number {
	let r = 0;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (c >= 48 && c <= 57) r = (r * 10 + (c - 48)) % 97;
		else r = (r * 100 + (c - 55)) % 97;
	}
	return r;
}

function alnumValue(c: number): number {
	if (c >= 48 && c <= 57) return c - 48;
	if (c >= 65 && c <= 90) return c - 55;
	if (c >= 97 && c <= 122) return c - 87;
	return -1;
}

/** x % 97 for every x a step can produce (r < 97, so r * 100 + 35 < 9735): a lookup is cheaper than a division. */
const MOD97 = new Uint8Array(9735);
for (let x = 0; x < MOD97.length; x++) MOD97[x] = x % 97;

function step(r: number, v: number): number {
	return MOD97[v < 10 ? r * 10 + v : r * 100 + v];
}

/**
 * Checks the IBAN made of the first `expected` alphanumerics of `text` from `from` (spaces skipped),
 * without allocating. Returns the end offset in `text`, or -1.
 */
function checkIbanAt(text: string, from: number, expected: number): number {
	// The remainder is taken at every step, by table: small integers (a lazy remainder on doubles
	// calls fmod, far slower on hostile runs of IBAN look-alikes where this runs at every position).
	let acc = 0;
	let n = 0;
	let i = from;
	let h0 = 0;
	let h1 = 0;
	let h2 = 0;
	let h3 = 0;
	for (; i < text.length && n < expected; i++) {
		const c = text.charCodeAt(i);
		if (c === 32) continue;
		const v = alnumValue(c);
		if (v < 0) return -1;
		if (n === 0) h0 = v;
		else if (n === 1) h1 = v;
		else if (n === 2) {
			h2 = v;
			if (v > 9) return -1;
		} else if (n === 3) {
			h3 = v;
			if (v > 9) return -1;
		} else {
			acc = step(acc, v);
		}
		n++;
	}
	if (n !== expected) return -1;
	const check = h2 * 10 + h3;
	if (check < 2 || check > 98) return -1;
	const r = step(step(step(step(acc, h0), h1), h2), h3);
	return r === 1 ? i : -1;
}

/** IBAN length by (A..Z, A..Z) index of an upper-case ASCII country code; 0: none. */
const LENGTH_TABLE = new Uint8Array(26 * 26);
for (const [cc, len] of Object.entries(IBAN_LENGTHS)) LENGTH_TABLE[(cc.charCodeAt(0) - 65) * 26 + (cc.charCodeAt(1) - 65)] = len;

/** Registered IBAN length for the country code at text[at, at + 2) (case-insensitive), or undefined. */
function countryLengthAt(text: string, at: number): number | undefined {
	const a = text.charCodeAt(at) | 32;
	const b = text.charCodeAt(at + 1) | 32;
	if (a >= 97 && a <= 122 && b >= 97 && b <= 122) {
		const len = LENGTH_TABLE[(a - 97) * 26 + (b - 97)];
		return len === 0 ? undefined : len;
	}
	// non-letters (and non-ASCII code units whose upper case might be a letter): the original lookup
	return IBAN_LENGTHS[text.slice(at, at + 2).toUpperCase()];
}

/** Full IBAN check: country, per-country length, check digits 02..98, mod 97 == 1. Spaces ignored. */
export function ibanValid(text: string): boolean {
	const expected = countryLengthAt(text, 0);
	if (expected === undefined) return false;
	const end = checkIbanAt(text, 0, expected);
	if (end < 0) return false;
	for (let i = end; i < text.length; i++) if (text.charCodeAt(i) !== 32) return false;
	return true;
}

/**
 * Length of the IBAN at the start of `match` (which may have swallowed a following group),
 * or -1. Counts exactly the country's length of alphanumerics, skipping single spaces.
 */
export function ibanRefine(match: string): number {
	const expected = countryLengthAt(match, 0);
	return expected === undefined ? -1 : checkIbanAt(match, 0, expected);
}

/**
 * Prefix remainders for ibanSeek. The precheck holds at a start when the country's number of
 * alphanumerics from there (ASCII letters and digits, spaces skipped: what checkIbanAt reads) passes
 * the check digits and mod 97. On a hostile run of look-alikes ('GB82 GB82 …', 200k starts per MB)
 * checking each start afresh costs O(IBAN length). Instead the alphanumerics of the current run are
 * recorded once, with prefix remainders: P(k), the mod-97 remainder of the decimal string of the
 * first k of them, and D(k), its number of digits mod 96 (10^96 ≡ 1 mod 97, Fermat). The remainder
 * of any stretch [a, b) is then P(b) - P(a) * 10^(D(b) - D(a)), O(1) per start. A ring keeps the
 * last RING entries (an IBAN spans at most 34).
 */
const RING = 128;
const RING_MASK = RING - 1;
/** 10^e mod 97 for e in 0..95 */
const POW10 = new Uint8Array(96);
POW10[0] = 1;
for (let e = 1; e < 96; e++) POW10[e] = (POW10[e - 1] * 10) % 97;
/**
 * State in typed arrays, not in module-level `let`s or object fields: the engine treats those as
 * constants until their first change, which then deoptimises every function compiled with them.
 */
/** ibanSeek's ring: value, P(k), D(k) at k & RING_MASK. */
const S_VAL = new Uint8Array(RING);
const S_REM = new Uint8Array(RING);
const S_DIG = new Uint8Array(RING);
/** Pending starts of ibanSeek: text offset, alphanumeric index, index where its IBAN would end. */
const C_POS = new Int32Array(RING);
const C_J = new Int32Array(RING);
const C_END = new Int32Array(RING);

/**
 * ibanPossibleAt as a search (trigger.precheckSeek): the first offset in [from, end), bar those
 * right after an ASCII letter/digit, where it holds, or -1. One pass: the alphanumerics of the
 * current run (spaces skipped) get prefix remainders in a ring; a start (two ASCII letters with a
 * registered length: the only units the precheck can pass, as checkIbanAt rejects any other) waits
 * until its country's count is read, then takes ibanPossibleAt's O(1) check. Starts resolve in text
 * order; at a unit that ends the run, those still short of their count fail.
 */
export function ibanSeek(text: string, from: number, end: number): number {
	const len = text.length;
	let head = 0;
	let tail = 0;
	let n = 0;
	let rem = 0;
	let dig = 0;
	S_REM[0] = S_DIG[0] = 0;
	// the previous unit is an ASCII letter/digit (`from` itself counts as a segment start)
	let prevAlnum = false;
	for (let i = from; ; i++) {
		// the first pending start whose count is read: no earlier one is left
		while (head < tail && C_END[head & RING_MASK] <= n) {
			const k = head & RING_MASK;
			if (ringCheck(C_J[k], C_END[k])) return C_POS[k];
			head++;
		}
		if (head === tail && i >= end) return -1;
		const c = i < len ? text.charCodeAt(i) : -1;
		const after = !prevAlnum;
		const v = c < 0 ? -1 : alnumValue(c);
		prevAlnum = v >= 0;
		if (c === 32) continue;
		if (v < 0) {
			// the run ends (or the text): starts still short of their count fail, the others are
			// checked in order (one may have been waiting behind a longer one)
			for (; head < tail; head++) {
				const k = head & RING_MASK;
				if (C_END[k] <= n && ringCheck(C_J[k], C_END[k])) return C_POS[k];
			}
			if (i >= len) return -1;
			continue;
		}
		if (v >= 10 && after && i < end && i + 1 < len) {
			const b = text.charCodeAt(i + 1) | 32;
			const expected = b >= 97 && b <= 122 ? LENGTH_TABLE[(v - 10) * 26 + (b - 97)] : 0;
			if (expected !== 0) {
				const k = tail & RING_MASK;
				C_POS[k] = i;
				C_J[k] = n;
				C_END[k] = n + expected;
				tail++;
			}
		}
		S_VAL[n & RING_MASK] = v;
		n++;
		rem = MOD97[v < 10 ? rem * 10 + v : rem * 100 + v];
		dig += v < 10 ? 1 : 2;
		if (dig >= 96) dig -= 96;
		S_REM[n & RING_MASK] = rem;
		S_DIG[n & RING_MASK] = dig;
	}
}

/** ibanPossibleAt's check, of the alphanumerics [j, end) of ibanSeek's ring. */
function ringCheck(j: number, end: number): boolean {
	const h2 = S_VAL[(j + 2) & RING_MASK];
	const h3 = S_VAL[(j + 3) & RING_MASK];
	if (h2 > 9 || h3 > 9) return false;
	const check = h2 * 10 + h3;
	if (check < 2 || check > 98) return false;
	const x = (j + 4) & RING_MASK;
	const y = end & RING_MASK;
	const e = S_DIG[y] - S_DIG[x];
	let r = MOD97[S_REM[y] + 97 * 97 - S_REM[x] * POW10[e < 0 ? e + 96 : e]];
	r = MOD97[r * 100 + S_VAL[j & RING_MASK]];
	r = MOD97[r * 100 + S_VAL[(j + 1) & RING_MASK]];
	r = MOD97[r * 10 + h2];
	return MOD97[r * 10 + h3] === 1;
}

/**
 * Necessary condition for an IBAN starting at `at` of `text` (rule precheck): the country's number
 * of alphanumerics from `at` (spaces skipped) passes the check digits and mod 97. O(34); the
 * dispatch runs it as ibanSeek, a search in one pass, which is tested against it.
 */
export function ibanPossibleAt(text: string, at: number): boolean {
	const expected = countryLengthAt(text, at);
	return expected !== undefined && checkIbanAt(text, at, expected) >= 0;
}
