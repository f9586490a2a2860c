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
