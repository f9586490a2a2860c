/**
 * Adapters that turn each library's output into exact spans { entity, start, end } with
 * Presidio entity names. Peers that only return redacted text are aligned back to the input.
 */
import { DEFAULT_MIN_SCORE, detect } from '../../lib/redaction';
import type { Span } from './corpus';

export interface Lib {
	name: string;
	/** Spans found in `text` (may be async). */
	spans(text: string): Span[] | Promise<Span[]>;
}

const PEER_TOKENS = [
	'US_SOCIAL_SECURITY_NUMBER', 'CREDIT_CARD_NUMBER', 'STREET_ADDRESS', 'EMAIL_ADDRESS', 'PHONE_NUMBER', 'IP_ADDRESS',
	'PERSON_NAME', 'CREDENTIALS', 'USERNAME', 'PASSWORD', 'ZIPCODE', 'DIGITS', 'URL',
];
const TOKEN_RE = new RegExp(PEER_TOKENS.join('|'), 'g');
const TOKEN_ENTITY: Record<string, string> = {
	US_SOCIAL_SECURITY_NUMBER: 'US_SSN',
	CREDIT_CARD_NUMBER: 'CREDIT_CARD',
};

/**
 * Recovers spans from a redacted text whose placeholders are bare entity words: literal pieces
 * must re-appear in order in the original; a small memoised search picks the placeholder ends.
 */
export function alignRedacted(original: string, redacted: string): Span[] {
	const lits: string[] = [];
	const toks: string[] = [];
	let last = 0;
	TOKEN_RE.lastIndex = 0;
	for (let m = TOKEN_RE.exec(redacted); m !== null; m = TOKEN_RE.exec(redacted)) {
		lits.push(redacted.slice(last, m.index));
		toks.push(m[0]);
		last = m.index + m[0].length;
	}
	lits.push(redacted.slice(last));
	if (toks.length === 0) return [];
	const memo = new Map<string, Span[] | null>();
	const solve = (k: number, pos: number): Span[] | null => {
		// lits[k] must start at pos; then token k spans to where lits[k + 1] starts.
		const key = `${k},${pos}`;
		if (memo.has(key)) return memo.get(key)!;
		let res: Span[] | null = null;
		if (original.startsWith(lits[k], pos)) {
			const start = pos + lits[k].length;
			if (k === toks.length) res = start === original.length ? [] : null;
			else {
				const next = lits[k + 1];
				for (let e = original.indexOf(next, start + 1); e >= 0 && res === null; e = original.indexOf(next, e + 1)) {
					const rest = solve(k + 1, e);
					if (rest) res = [{ entity: TOKEN_ENTITY[toks[k]] ?? toks[k], start, end: e }, ...rest];
					if (next === '' && e >= original.length) break;
				}
			}
		}
		memo.set(key, res);
		return res;
	};
	return solve(0, 0) ?? [];
}

function openRedactionEntity(type: string): string {
	if (/PHONE/.test(type)) return 'PHONE_NUMBER';
	if (/CREDIT_CARD|CARD_NUMBER/.test(type)) return 'CREDIT_CARD';
	if (/^SSN$|SOCIAL_SECURITY/.test(type)) return 'US_SSN';
	if (/IBAN/.test(type)) return 'IBAN_CODE';
	if (/EMAIL/.test(type)) return 'EMAIL_ADDRESS';
	if (/^IP|IPV[46]/.test(type)) return 'IP_ADDRESS';
	return type;
}

export function ours(): Lib {
	// every default entity, at the node's default Minimum Score
	return { name: 'ours', spans: (text) => detect(text, { minScore: DEFAULT_MIN_SCORE }) };
}

/** Loads the peers that are installed; missing ones are reported, not fatal. */
export function peers(log: (s: string) => void): Lib[] {
	const out: Lib[] = [];
	try {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const { OpenRedaction } = require('openredaction');
		const o = new OpenRedaction();
		out.push({
			name: 'openredaction',
			spans: async (text) => {
				const r = await o.detect(text);
				return (r.detections as Array<{ type: string; position: [number, number] }>).map((d) => ({
					entity: openRedactionEntity(d.type),
					start: d.position[0],
					end: d.position[1],
				}));
			},
		});
	} catch (error) {
		log(`openredaction: not available (${(error as Error).message})`);
	}
	try {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const { Redactor } = require('@redactpii/node');
		const r = new Redactor();
		out.push({ name: '@redactpii/node', spans: (text) => alignRedacted(text, r.redact(text)) });
	} catch (error) {
		log(`@redactpii/node: not available (${(error as Error).message})`);
	}
	try {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const { SyncRedactor } = require('redact-pii');
		const r = new SyncRedactor();
		out.push({ name: 'redact-pii', spans: (text) => alignRedacted(text, r.redact(text)) });
	} catch (error) {
		log(`redact-pii: not available (${(error as Error).message})`);
	}
	return out;
}
