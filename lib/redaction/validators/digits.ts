/** Keeps ASCII digits only ("4111 1111-1111" → "411111111111"). */
export function digitsOf(text: string): string {
	let out = '';
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (c >= 48 && c <= 57) out += text[i];
	}
	return out;
}

/** Keeps ASCII letters and digits, upper-cased. */
export function alnumUpper(text: string): string {
	let out = '';
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90)) out += text[i];
		else if (c >= 97 && c <= 122) out += String.fromCharCode(c - 32);
	}
	return out;
}

/** True when every character is the same ("0000000"), a classic test/placeholder value. */
export function isRepeated(text: string): boolean {
	for (let i = 1; i < text.length; i++) if (text[i] !== text[0]) return false;
	return true;
}
