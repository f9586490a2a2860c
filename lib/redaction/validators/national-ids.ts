import { digitsOf, isRepeated, alnumUpper } from './digits';
import { luhnValid } from './luhn';
import { verhoeffValid } from './verhoeff';

/** US SSN: area not 000/666/9xx, group not 00, serial not 0000, not a known published dummy. */
export function usSsnValid(text: string): boolean {
	const d = digitsOf(text);
	if (d.length !== 9 || isRepeated(d)) return false;
	const area = d.slice(0, 3);
	if (area === '000' || area === '666' || area[0] === '9') return false;
	if (d.slice(3, 5) === '00' || d.slice(5) === '0000') return false;
	return d !== '078051120' && d !== '219099999';
}

/** US ITIN: 9xx-GG-xxxx with group 50–65, 70–88, 90–92 or 94–99. */
export function usItinValid(text: string): boolean {
	const d = digitsOf(text);
	if (d.length !== 9 || d[0] !== '9') return false;
	const g = Number(d.slice(3, 5));
	return (g >= 50 && g <= 65) || (g >= 70 && g <= 88) || (g >= 90 && g <= 92) || g >= 94;
}

/** UK NHS number: 10 digits, modulus 11 with weights 10..2 (remainder 10 is never issued). */
export function ukNhsValid(text: string): boolean {
	const d = digitsOf(text);
	if (d.length !== 10 || isRepeated(d)) return false;
	let sum = 0;
	for (let i = 0; i < 9; i++) sum += (d.charCodeAt(i) - 48) * (10 - i);
	let check = 11 - (sum % 11);
	if (check === 11) check = 0;
	return check !== 10 && check === d.charCodeAt(9) - 48;
}

const NINO_BAD_PREFIX = new Set(['BG', 'GB', 'NK', 'KN', 'TN', 'NT', 'ZZ']);
/** UK National Insurance number: allowed prefix letters, 6 digits, suffix A–D. */
export function ukNinoValid(text: string): boolean {
	const s = alnumUpper(text);
	if (!/^[A-Z]{2}\d{6}[A-D]$/.test(s)) return false;
	if ('DFIQUV'.includes(s[0]) || 'DFIOQUV'.includes(s[1])) return false;
	return !NINO_BAD_PREFIX.has(s.slice(0, 2));
}

const NIF_LETTERS = 'TRWAGMYFPDXBNJZSQVHLCKE';
/** Spanish DNI/NIF: 8 digits and the mod-23 control letter. */
export function esNifValid(text: string): boolean {
	const s = alnumUpper(text);
	if (!/^\d{8}[A-Z]$/.test(s)) return false;
	return NIF_LETTERS[Number(s.slice(0, 8)) % 23] === s[8];
}

/** Spanish NIE: X/Y/Z (as 0/1/2), 7 digits and the mod-23 control letter. */
export function esNieValid(text: string): boolean {
	const s = alnumUpper(text);
	if (!/^[XYZ]\d{7}[A-Z]$/.test(s)) return false;
	const n = Number('XYZ'.indexOf(s[0]) + s.slice(1, 8));
	return NIF_LETTERS[n % 23] === s[8];
}

const IT_ODD = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23];
function itValue(ch: string): number {
	const c = ch.charCodeAt(0);
	return c <= 57 ? c - 48 : c - 65;
}
/** Italian codice fiscale (16 chars, omocodia letters allowed): the control character. */
export function itFiscalCodeValid(text: string): boolean {
	const s = alnumUpper(text);
	if (s.length !== 16) return false;
	let sum = 0;
	for (let i = 0; i < 15; i++) {
		const v = itValue(s[i]);
		sum += i % 2 === 0 ? IT_ODD[v] : v;
	}
	return String.fromCharCode(65 + (sum % 26)) === s[15];
}

/** Italian partita IVA: 11 digits, Luhn-style control digit, not all zeros. */
export function itVatValid(text: string): boolean {
	const d = digitsOf(text);
	return d.length === 11 && !isRepeated(d) && luhnValid(d);
}

/** Polish PESEL: weights 1-3-7-9, check digit, and an encoded birth date that exists. */
export function plPeselValid(text: string): boolean {
	const d = digitsOf(text);
	if (d.length !== 11 || isRepeated(d)) return false;
	const w = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3];
	let sum = 0;
	for (let i = 0; i < 10; i++) sum += (d.charCodeAt(i) - 48) * w[i];
	if ((10 - (sum % 10)) % 10 !== d.charCodeAt(10) - 48) return false;
	const month = Number(d.slice(2, 4)) % 20;
	const day = Number(d.slice(4, 6));
	return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

/** Australian Business Number: 11 digits, weighted sum (first digit minus 1) divisible by 89. */
export function auAbnValid(text: string): boolean {
	const d = digitsOf(text);
	if (d.length !== 11 || d[0] === '0') return false;
	const w = [10, 1, 3, 5, 7, 9, 11, 13, 15, 17, 19];
	let sum = 0;
	for (let i = 0; i < 11; i++) sum += (d.charCodeAt(i) - 48 - (i === 0 ? 1 : 0)) * w[i];
	return sum % 89 === 0;
}

/** Australian Company Number: 9 digits, weights 8..1, complement check digit. */
export function auAcnValid(text: string): boolean {
	const d = digitsOf(text);
	if (d.length !== 9 || isRepeated(d)) return false;
	let sum = 0;
	for (let i = 0; i < 8; i++) sum += (d.charCodeAt(i) - 48) * (8 - i);
	return (10 - (sum % 10)) % 10 === d.charCodeAt(8) - 48;
}

/** Australian Tax File Number (9 digits): weighted sum divisible by 11. */
export function auTfnValid(text: string): boolean {
	const d = digitsOf(text);
	if (d.length !== 9 || isRepeated(d)) return false;
	const w = [1, 4, 3, 7, 5, 8, 6, 9, 10];
	let sum = 0;
	for (let i = 0; i < 9; i++) sum += (d.charCodeAt(i) - 48) * w[i];
	return sum % 11 === 0;
}

/** Australian Medicare card: 10–11 digits, first 2–6, weights 1-3-7-9 check on the 9th digit. */
export function auMedicareValid(text: string): boolean {
	const d = digitsOf(text);
	if ((d.length !== 10 && d.length !== 11) || d[0] < '2' || d[0] > '6') return false;
	const w = [1, 3, 7, 9, 1, 3, 7, 9];
	let sum = 0;
	for (let i = 0; i < 8; i++) sum += (d.charCodeAt(i) - 48) * w[i];
	return sum % 10 === d.charCodeAt(8) - 48;
}

/** Indian Aadhaar: 12 digits, first 2–9, Verhoeff check digit. */
export function inAadhaarValid(text: string): boolean {
	const d = digitsOf(text);
	return d.length === 12 && d[0] >= '2' && !isRepeated(d) && verhoeffValid(d);
}

/** Singapore NRIC/FIN: prefix S/T/F/G/M, 7 digits, weighted mod-11 check letter. */
export function sgNricValid(text: string): boolean {
	const s = alnumUpper(text);
	if (!/^[STFGM]\d{7}[A-Z]$/.test(s)) return false;
	const w = [2, 7, 6, 5, 4, 3, 2];
	let sum = 0;
	for (let i = 0; i < 7; i++) sum += (s.charCodeAt(i + 1) - 48) * w[i];
	if (s[0] === 'T' || s[0] === 'G') sum += 4;
	if (s[0] === 'M') sum += 3;
	const r = sum % 11;
	const table = s[0] === 'S' || s[0] === 'T' ? 'JZIHGFEDCBA' : s[0] === 'M' ? 'KLJNPQRTUWX' : 'XWUTRQPNMLK';
	return table[s[0] === 'M' ? 10 - r : r] === s[8];
}

const FI_CHECK = '0123456789ABCDEFHJKLMNPRSTUVWXY';
/** Finnish henkilötunnus: DDMMYY, century sign, individual number, mod-31 control character. */
export function fiPersonalIdentityCodeValid(text: string): boolean {
	const s = text.toUpperCase();
	if (!/^\d{6}[-+A-FU-Y]\d{3}[0-9A-Y]$/.test(s)) return false;
	const day = Number(s.slice(0, 2));
	const month = Number(s.slice(2, 4));
	if (day < 1 || day > 31 || month < 1 || month > 12) return false;
	return FI_CHECK[Number(s.slice(0, 6) + s.slice(7, 10)) % 31] === s[10];
}
