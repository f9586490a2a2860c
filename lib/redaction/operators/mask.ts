function isAlnum(c: number): boolean {
	return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c > 127;
}

/**
 * Masks every letter/digit except the last `keep` ones with `char`; separators (spaces, dashes,
 * dots, '@') stay, so the shape remains readable: `4111 1111 1111 1111` → `**** **** **** 1111`.
 */
export function maskValue(value: string, keep = 4, char = '*'): string {
	let visible = Math.max(0, Math.floor(keep));
	let out = '';
	for (let i = value.length - 1; i >= 0; i--) {
		const c = value.charCodeAt(i);
		if (!isAlnum(c)) out = value[i] + out;
		else if (visible > 0) {
			out = value[i] + out;
			visible--;
		} else out = char + out;
	}
	return out;
}
