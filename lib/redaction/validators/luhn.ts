/** Luhn (mod 10) check over the digits of `text`; separators are ignored. */
export function luhnValid(text: string): boolean {
	let count = 0;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (c >= 48 && c <= 57) count++;
	}
	if (count < 2) return false;
	let sum = 0;
	let double = false;
	for (let i = text.length - 1; i >= 0; i--) {
		const c = text.charCodeAt(i);
		if (c < 48 || c > 57) continue;
		let n = c - 48;
		if (double) {
			n *= 2;
			if (n > 9) n -= 9;
		}
		sum += n;
		double = !double;
	}
	return sum % 10 === 0;
}

/** Computes the Luhn check digit to append to `payload` (digits only). */
export function luhnCheckDigit(payload: string): number {
	for (let c = 0; c <= 9; c++) if (luhnValid(payload + c)) return c;
	return -1;
}

/**
 * Payment card: 12–19 digits, a known issuer prefix and a valid Luhn digit.
 * 12-digit numbers are only Maestro ranges; 13 only Visa.
 */
export function creditCardValid(text: string): boolean {
	// digits of `text`, without building a string: count, first four, all-equal
	let n = 0;
	let first = -1;
	let same = true;
	let p4 = 0;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (c < 48 || c > 57) continue;
		if (first < 0) first = c;
		else if (c !== first) same = false;
		if (n < 4) p4 = p4 * 10 + (c - 48);
		n++;
	}
	if (n < 12 || n > 19 || same) return false;
	if (!luhnValid(text)) return false;
	const p2 = (p4 / 100) | 0;
	if (n === 12) return p2 === 50 || (p2 >= 56 && p2 <= 58) || p2 === 63 || p2 === 67 || p4 === 604 || p4 === 6390;
	if (n === 13) return first === 52;
	switch (first) {
		case 48:
			return p4 === 604;
		case 49:
			return p4 === 1800;
		case 50:
			return p4 === 2131 || (p4 >= 2200 && p4 <= 2204) || (p4 >= 2221 && p4 <= 2720) || (p2 >= 22 && p2 <= 27);
		case 51:
		case 52:
		case 53:
		case 54:
			return true;
		default:
			return false;
	}
}
