/** Shannon entropy in bits per character. */
export function shannonEntropy(text: string): number {
	if (text.length === 0) return 0;
	const counts = new Map<string, number>();
	for (const ch of text) counts.set(ch, (counts.get(ch) ?? 0) + 1);
	let h = 0;
	const n = text.length;
	for (const c of counts.values()) {
		const p = c / n;
		h -= p * Math.log2(p);
	}
	return h;
}
