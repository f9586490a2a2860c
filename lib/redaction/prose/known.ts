/**
 * Known values ("Also Redact Values"): each value is found wherever it occurs, ignoring case and
 * diacritics (`José` also finds `JOSE`, `jose`), on word boundaries; a value of letters only (a
 * name) also has each of its parts found alone (`Maria Gonzalez` → `Maria`, `Gonzalez`), except
 * particles and one-letter parts. Values of letters only are PERSON, others KNOWN_VALUE.
 */
import type { Detection } from '../types';
import { PARTICLES } from './words';

export const KNOWN_SCORE = 1;
const MARK = /\p{M}/gu;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** Lower case without diacritics, one output unit per input unit where possible (else the map says where each came from). */
function fold(text: string): { folded: string; from: Int32Array } {
	const parts: string[] = [];
	const from: number[] = [];
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		let f: string;
		if (c < 128) f = c >= 65 && c <= 90 ? String.fromCharCode(c + 32) : text[i];
		else f = text[i].normalize('NFD').replace(MARK, '').toLowerCase() || text[i];
		parts.push(f);
		for (let k = 0; k < f.length; k++) from.push(i);
	}
	from.push(text.length);
	return { folded: parts.join(''), from: Int32Array.from(from) };
}

function foldValue(v: string): string {
	return v.normalize('NFD').replace(MARK, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

function boundary(text: string, at: number): boolean {
	return at < 0 || at >= text.length || !LETTER_OR_DIGIT.test(text[at]);
}

export function findKnownValues(text: string, values: readonly string[]): Detection[] {
	const { folded, from } = fold(text);
	const out: Detection[] = [];
	const seen = new Set<string>();
	const add = (needle: string, entity: string) => {
		if (needle.length < 2 || seen.has(needle)) return;
		seen.add(needle);
		for (let at = folded.indexOf(needle); at >= 0; at = folded.indexOf(needle, at + needle.length)) {
			const s = from[at];
			const e = from[at + needle.length - 1] + 1;
			if (boundary(text, s - 1) && boundary(text, e)) out.push({ entity, start: s, end: e, score: KNOWN_SCORE, ruleId: 'known-value' });
		}
	};
	for (const raw of values) {
		const v = foldValue(String(raw));
		if (v === '') continue;
		const name = /^[\p{L}\p{M}'’.\- ]+$/u.test(v);
		add(v, name ? 'PERSON' : 'KNOWN_VALUE');
		if (name) for (const part of v.split(/[\s]+/)) if (part.replace(/\./g, '').length >= 2 && !PARTICLES.has(part)) add(part, 'PERSON');
	}
	return out;
}
