/** Typed placeholder `<EMAIL_ADDRESS_1>`. */
export function placeholder(entity: string, n: number): string {
	return `<${entity}_${n}>`;
}

/** Exact shape of placeholders this engine emits. */
export const PLACEHOLDER_RE = /<([A-Z][A-Z0-9_]*)_(\d+)>/g;

/** Looser shape a model may produce when it mangles one (case, spaces, brackets). */
export const PLACEHOLDER_LIKE_RE = /[<[{]\s*([A-Za-z][A-Za-z0-9_]{0,64}?)_(\d{1,6})\s*[>\]}]/g;
