/** Typed placeholder `<EMAIL_ADDRESS_1>`. */
export function placeholder(entity: string, n: number): string {
	return `<${entity}_${n}>`;
}

/** Exact shape of placeholders this engine emits. */
export const PLACEHOLDER_RE = /<([A-Z][A-Z0-9_]*)_(\d+)>/g;

/** Looser shape a model may produce when it mangles one (case, spaces, brackets). */
export const PLACEHOLDER_LIKE_RE = /[<[{]\s*([A-Za-z][A-Za-z0-9_]{0,64}?)_(\d{1,6})\s*[>\]}]/g;

const EXACT = /^<([A-Z][A-Z0-9_]*)_(\d+)>$/;

/** Entity and number of an exact placeholder, or undefined. */
export function parsePlaceholder(token: string): { entity: string; n: number } | undefined {
	const m = EXACT.exec(token);
	return m ? { entity: m[1], n: Number(m[2]) } : undefined;
}

/** Every exact placeholder shape in `s`, in order, repeats included. */
export function placeholdersIn(s: string): string[] {
	if (!s.includes('<')) return [];
	return s.match(new RegExp(PLACEHOLDER_RE.source, 'g')) ?? [];
}
