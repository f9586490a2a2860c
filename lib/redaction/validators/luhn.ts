import { digitsOf, isRepeated } from './digits';

/** Luhn (mod 10) check over the digits of `text`; separators are ignored. */
export function luhnValid(text: string): boolean {
	const d = digitsOf(text);
	if (d.length < 2) return false;
	let sum = 0;
	let double = false;
	for (let i = d.length - 1; i >= 0; i--) {
		let n = d.charCodeAt(i) - 48;
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
	const d = digitsOf(text);
	const n = d.length;
	if (n < 12 || n > 19 || isRepeated(d)) return false;
	if (!luhnValid(d)) return false;
	const p2 = Number(d.slice(0, 2));
	const p4 = Number(d.slice(0, 4));
	if (n === 12) return p2 === 50 || (p2 >= 56 && p2 <= 58) || p2 === 63 || p2 === 67 || p4 === 604 || p4 === 6390;
	if (n === 13) return d[0] === '4';
	switch (d[0]) {
		case '0':
			return p4 === 604;
		case '1':
			return p4 === 1800;
		case '2':
			return p4 === 2131 || (p4 >= 2200 && p4 <= 2204) || (p4 >= 2221 && p4 <= 2720) || (p2 >= 22 && p2 <= 27);
		case '3':
		case '4':
		case '5':
		case '6':
			return true;
		default:
			return false;
	}
}
