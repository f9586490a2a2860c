const D = [
	[0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 2, 3, 4, 0, 6, 7, 8, 9, 5], [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
	[3, 4, 0, 1, 2, 8, 9, 5, 6, 7], [4, 0, 1, 2, 3, 9, 5, 6, 7, 8], [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
	[6, 5, 9, 8, 7, 1, 0, 4, 3, 2], [7, 6, 5, 9, 8, 2, 1, 0, 4, 3], [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
	[9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
];
const P = [
	[0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 5, 7, 6, 2, 8, 3, 0, 9, 4], [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
	[8, 9, 1, 6, 0, 4, 3, 5, 2, 7], [9, 4, 5, 8, 3, 6, 2, 7, 1, 0], [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
	[2, 7, 9, 3, 8, 0, 6, 4, 1, 5], [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
];
const INV = [0, 4, 3, 2, 1, 5, 6, 7, 8, 9];

/** Verhoeff check over a digit string (check digit last). */
export function verhoeffValid(digits: string): boolean {
	let c = 0;
	for (let i = 0; i < digits.length; i++) {
		c = D[c][P[i % 8][digits.charCodeAt(digits.length - 1 - i) - 48]];
	}
	return c === 0;
}

/** Verhoeff check digit for `payload`. */
export function verhoeffCheckDigit(payload: string): number {
	let c = 0;
	for (let i = 0; i < payload.length; i++) {
		c = D[c][P[(i + 1) % 8][payload.charCodeAt(payload.length - 1 - i) - 48]];
	}
	return INV[c];
}
