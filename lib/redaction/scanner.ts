/**
 * Candidate-window scanner: one pass over char codes, no regex. A token (maximal run of
 * non-space characters) is "hot" when it holds a digit, '@', '://' or '::', 'www.', a run of
 * five dashes, or is at least 16 characters long. Hot tokens closer than WINDOW_GAP characters
 * join one window; each window also takes up to two preceding tokens and one short following token (context for names like
 * "password =" or month names). Only windows are examined by the rule patterns.
 */

export const WINDOW_GAP = 10;
const BACK_REACH = 40;
const LONG_TOKEN = 16;

function isSpace(c: number): boolean {
	return (
		c <= 32 ||
		(c >= 0x80 &&
			(c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200b) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff))
	);
}

function extendLeft(text: string, s: number): number {
	let p = s;
	for (let k = 0; k < 2; k++) {
		let j = p - 1;
		while (j >= 0 && isSpace(text.charCodeAt(j))) j--;
		if (j < 0 || s - j > BACK_REACH) break;
		let t = j;
		while (t > 0 && !isSpace(text.charCodeAt(t - 1))) {
			t--;
			if (s - t > BACK_REACH) return p;
		}
		p = t;
	}
	return p;
}

function extendRight(text: string, e: number): number {
	let j = e;
	const n = text.length;
	while (j < n && j - e < 2 && isSpace(text.charCodeAt(j))) j++;
	if (j === e || j - e >= 2) return e;
	let t = j;
	while (t < n && !isSpace(text.charCodeAt(t))) {
		t++;
		if (t - j > 12) return e;
	}
	return t;
}

/** Appends [start, end) pairs of candidate windows to `out`, in order. */
export function findWindows(text: string, out: number[]): void {
	const n = text.length;
	let tokStart = -1;
	let hot = false;
	let winStart = -1;
	let winEnd = -1;
	for (let i = 0; i <= n; i++) {
		const c = i < n ? text.charCodeAt(i) : 32;
		if (c <= 32 || (c >= 0x80 && isSpace(c))) {
			if (tokStart >= 0) {
				if (hot || i - tokStart >= LONG_TOKEN) {
					if (winStart >= 0 && tokStart - winEnd <= WINDOW_GAP) {
						winEnd = i;
					} else {
						if (winStart >= 0) out.push(winStart, extendRight(text, winEnd));
						winStart = extendLeft(text, tokStart);
						winEnd = i;
					}
				}
				tokStart = -1;
			}
			continue;
		}
		if (tokStart < 0) {
			tokStart = i;
			hot = false;
		}
		if (hot) continue;
		if (c >= 48 && c <= 57) hot = true;
		else if (c === 64) hot = true;
		else if (c === 58) {
			const d = text.charCodeAt(i + 1);
			if (d === 47 || d === 58) hot = true;
		} else if (c === 46) {
			if (i - tokStart >= 3 && (text.charCodeAt(i - 1) | 32) === 119 && (text.charCodeAt(i - 2) | 32) === 119 && (text.charCodeAt(i - 3) | 32) === 119) hot = true;
		} else if (c === 45 && text.startsWith('-----', i)) hot = true;
	}
	if (winStart >= 0) out.push(winStart, extendRight(text, winEnd));
}

/** Feature bits of a window, matched against RuleTrigger.anyChar. */
export const CHAR_BITS: Readonly<Record<string, number>> = {
	'@': 1, ':': 2, '.': 4, '-': 8, '=': 16, '+': 32, '/': 64, _: 128,
};

export function charMask(chars: string | undefined): number {
	let m = 0;
	for (const ch of chars ?? '') {
		const bit = CHAR_BITS[ch];
		if (bit === undefined) throw new Error(`trigger.anyChar supports only ${Object.keys(CHAR_BITS).join(' ')}; got '${ch}'`);
		m |= bit;
	}
	return m;
}
