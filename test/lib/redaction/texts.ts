/** Seeded text generators shared by the redaction equivalence tests. */

/** mulberry32: small, fast, seedable PRNG. */
export function rng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

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

