/** Check digits of European national identifiers (NL, DE, SE, DK, FR, BE). */
import { digitsOf, isRepeated } from './digits';
import { luhnValid } from './luhn';
import { mod97 } from './mod97';

function daysIn(year: number, month: number): number {
	return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** A calendar date (year in full, month 1–12, day 1–days of that month). */
function dayExists(year: number, month: number, day: number): boolean {
	return month >= 1 && month <= 12 && day >= 1 && day <= daysIn(year, month);
}

/** NL BSN (burgerservicenummer): 9 digits passing the 11-proof (weights 9..2, the last digit -1). */
export function nlBsnValid(text: string): boolean {
	const d = digitsOf(text);
	if (d.length !== 9 || isRepeated(d)) return false;
	let sum = 0;
	for (let i = 0; i < 8; i++) sum += (d.charCodeAt(i) - 48) * (9 - i);
	sum -= d.charCodeAt(8) - 48;
	return sum % 11 === 0;
}

/**
 * DE Steuerliche Identifikationsnummer: 11 digits, no leading 0; among the first ten exactly one digit
 * occurs twice or three times (three times not in a row) and the rest once; check digit ISO 7064 MOD 11,10.
 */
export function deTaxIdValid(text: string): boolean {
	const d = digitsOf(text);
	if (d.length !== 11 || d[0] === '0') return false;
	const counts = new Array<number>(10).fill(0);
	for (let i = 0; i < 10; i++) counts[d.charCodeAt(i) - 48]++;
	const repeated = counts.filter((n) => n > 1);
	if (repeated.length !== 1 || repeated[0] > 3) return false;
	if (repeated[0] === 3 && /(\d)\1\1/.test(d.slice(0, 10))) return false;
	let product = 10;
	for (let i = 0; i < 10; i++) {
		let sum = (d.charCodeAt(i) - 48 + product) % 10;
		if (sum === 0) sum = 10;
		product = (2 * sum) % 11;
	}
	const check = (11 - product) % 10;
	return check === d.charCodeAt(10) - 48;
}

/**
 * SE personnummer: (YY)YYMMDD, a separator (- or + past 100), 3 digits and a Luhn check over the
 * last ten digits; day + 60 is a samordningsnummer (co-ordination number).
 */
export function sePersonnummerValid(text: string): boolean {
	const d = digitsOf(text);
	if (d.length !== 10 && d.length !== 12) return false;
	const ten = d.slice(-10);
	const yy = Number(ten.slice(0, 2));
	const year = d.length === 12 ? Number(d.slice(0, 4)) : 2000 + yy;
	if (d.length === 12 && d.slice(2, 4) !== ten.slice(0, 2)) return false;
	let day = Number(ten.slice(4, 6));
	if (day > 60) day -= 60;
	// a 10-digit number does not say its century: 29 February is checked against a leap year
	if (!dayExists(d.length === 12 ? year : 2000, Number(ten.slice(2, 4)), day)) return false;
	return luhnValid(ten);
}

/** Year of a Danish CPR number from its two-digit year and the 7th digit (century rule of the CPR office). */
function cprYear(yy: number, seventh: number): number {
	if (seventh <= 3) return 1900 + yy;
	if (seventh === 4 || seventh === 9) return yy <= 36 ? 2000 + yy : 1900 + yy;
	return yy <= 57 ? 2000 + yy : 1800 + yy;
}

/** DK CPR number: DDMMYY-SSSS with a real birth date; the mod-11 check is not required (numbers since 2007 may fail it). */
export function dkCprValid(text: string): boolean {
	const d = digitsOf(text);
	if (d.length !== 10 || isRepeated(d)) return false;
	const year = cprYear(Number(d.slice(4, 6)), d.charCodeAt(6) - 48);
	return dayExists(year, Number(d.slice(2, 4)), Number(d.slice(0, 2)));
}

/**
 * FR NIR (numéro de sécurité sociale): sex, YY, MM, département (2A/2B for Corsica), commune, order,
 * and a key of 97 - (the first 13 digits mod 97), with 2A read as 19 and 2B as 18.
 */
export function frNirValid(text: string): boolean {
	const s = text.replace(/[\s.]/g, '').toUpperCase();
	if (!/^[1278]\d{4}(?:\d{2}|2A|2B)\d{8}$/.test(s)) return false;
	const month = Number(s.slice(3, 5));
	if (!((month >= 1 && month <= 12) || (month >= 20 && month <= 42) || month >= 50)) return false;
	const body = s.slice(0, 13).replace('2A', '19').replace('2B', '18');
	if (/^\d0{12}$/.test(body)) return false;
	return 97 - mod97(body) === Number(s.slice(13));
}

/** BE national number (rijksregisternummer): YYMMDD, a 3-digit serial, and 97 - mod 97 of the first nine digits (prefixed by 2 for births from 2000). */
export function beNationalNumberValid(text: string): boolean {
	const d = digitsOf(text);
	if (d.length !== 11 || isRepeated(d)) return false;
	const check = Number(d.slice(9));
	const nine = Number(d.slice(0, 9));
	const month = Number(d.slice(2, 4));
	// month 0 / day 0: birth date unknown; +20 / +40: bis numbers
	if (month % 20 > 12) return false;
	return 97 - (nine % 97) === check || 97 - ((2000000000 + nine) % 97) === check;
}
