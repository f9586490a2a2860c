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
