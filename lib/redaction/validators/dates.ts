const MONTHS: Record<string, number> = {
	jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
};
const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function exists(y: number, m: number, d: number): boolean {
	if (!(m >= 1 && m <= 12 && d >= 1 && d <= DAYS[m - 1])) return false;
	if (m === 2 && d === 29 && y >= 100) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
	return y >= 0;
}

/**
 * A calendar date that exists, in one of: YYYY-MM-DD, DD/MM/YYYY or MM/DD/YYYY (either order is
 * accepted when one reading is valid), DD.MM.YYYY, 2-digit years, "12 March 1985", "March 12, 1985".
 */
export function dateValid(text: string): boolean {
	const t = text.toLowerCase();
	const nums = t.match(/\d+/g);
	if (!nums) return false;
	const month = /[a-z]{3,}/.exec(t);
	if (month) {
		const m = MONTHS[month[0].slice(0, 4) === 'sept' ? 'sept' : month[0].slice(0, 3)];
		if (!m || nums.length !== 2) return false;
		const [a, b] = nums;
		const year = a.length === 4 ? Number(a) : Number(b);
		const day = a.length === 4 ? Number(b) : Number(a);
		return exists(year, m, day) && year >= 1900 && year <= 2100;
	}
	if (nums.length !== 3) return false;
	if (nums[0].length === 4) return exists(Number(nums[0]), Number(nums[1]), Number(nums[2]));
	const year = Number(nums[2].length === 2 ? '19' + nums[2] : nums[2]);
	const a = Number(nums[0]);
	const b = Number(nums[1]);
	return exists(year, b, a) || exists(year, a, b);
}

/** English month names and their usual abbreviations (lower case) → month number. */
export const MONTH_NAMES: Readonly<Record<string, number>> = Object.freeze({
	january: 1, jan: 1, february: 2, feb: 2, march: 3, mar: 3, april: 4, apr: 4, may: 5, june: 6, jun: 6, july: 7, jul: 7,
	august: 8, aug: 8, september: 9, sept: 9, sep: 9, october: 10, oct: 10, november: 11, nov: 11, december: 12, dec: 12,
});

/**
 * A date written with a month name that exists: "12 March 2024", "March 12th", "12th of March",
 * "5 Mar 2024 10:00", "March 2024" (no day: any month and year). The day
 * is the 1–2 digit number, the year the 4-digit one (29 February needs a leap year when one is given).
 */
export function monthDateValid(text: string): boolean {
	const t = text.toLowerCase().replace(/\d{1,2}:\d{2}.*$/s, '');
	const words = t.match(/\p{L}+/gu) ?? [];
	const month = words.map((w) => MONTH_NAMES[w]).find((m) => m !== undefined);
	if (month === undefined) return false;
	const year = /\d{4}/.exec(t);
	const day = /(?<!\d)\d{1,2}(?!\d)/.exec(t);
	if (!day) return year !== null;
	return exists(year ? Number(year[0]) : 2000, month, Number(day[0]));
}

/** A numeric date with an optional time after it ("2024-03-05 11:34:35", "05/03/2024 9:30"): the date part is dateValid. */
export function dateTimeValid(text: string): boolean {
	return dateValid(text.replace(/[T ,]+\d{1,2}[:h.]\d{2}.*$/s, ''));
}
