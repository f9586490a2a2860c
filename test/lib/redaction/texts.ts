/** Seeded text generators shared by the redaction equivalence tests. */

import { rng } from '../../helpers/rng';

// The benchmark's seedable PRNG (mulberry32), so tests and bench draw texts the same way.
export { rng };

export const SEPARATORS = [' ', ' ', ' ', '', '-', '.', '/', ':', '\n', ', ', '(', ')', '+', '=', '_', '"'];

/** Seeded texts of 1–10 pieces (or digit runs of 1–14) joined by assorted separators. */
export function randomTexts(pieces: readonly string[], count: number, seed: number, separators: readonly string[] = SEPARATORS): string[] {
	const r = rng(seed);
	const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
	const digits = () => {
		let s = '';
		for (let n = 1 + Math.floor(r() * 14); n > 0; n--) s += String(Math.floor(r() * 10));
		return s;
	};
	const out: string[] = [];
	for (let i = 0; i < count; i++) {
		let s = '';
		for (let k = 1 + Math.floor(r() * 10); k > 0; k--) s += (r() < 0.6 ? pick(pieces) : digits()) + pick(separators);
		out.push(s);
	}
	return out;
}

