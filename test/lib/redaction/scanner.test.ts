import { RULES } from '../../../lib/redaction';
import { detect } from '../../../lib/redaction/detect';
import { newKeywordIndex } from '../../../lib/redaction/context';
import type { KeywordTable } from '../../../lib/redaction/context';
import { planFor } from '../../../lib/redaction/plan';
import { newWindowList, RUN_CAP, scanWindows, WINDOW_STRIDE } from '../../../lib/redaction/scanner';
import { randomTexts, SEPARATORS } from './texts';

/**
 * The window scanner reads the lower-cased text and fills the context-word index in the same pass.
 * Both must equal the plain versions: the windows of the original text, and every context word
 * found at a word start by a brute-force search of the lower-cased text.
 */

const keywords = RULES.flatMap((r) => r.keywords ?? []);
const pieces = [
	...RULES.flatMap((r) => [...r.samples.positive, ...r.samples.negative]).flatMap((s) => s.split(/\s+/)),
	...keywords,
	...keywords.map((k) => k.toUpperCase()),
	...keywords.map((k) => k[0].toUpperCase() + k.slice(1)),
	'March', 'MAY', 'dec', 'Sept.', 'GB', 'WEST', 'AB', 'CD', 'password:', 'Token=', '=', ':', ':=', '=>', 'x', 'ext.', 'www.', 'WWW.', 'http://', '::',
	'Müller', 'ÉCOLE', 'Σίσυφος', '—', '“quoted”', 'e-mail', 'é-mail', 'naïve', 'ﬁle', '😀', 'déjà',
];
const separators = [...SEPARATORS, '\u00a0', '\u3000', '\u2003', '\t', '  ', 'é', '\u00b7'];
const texts = [...randomTexts(pieces, 1500, 21, separators), ...randomTexts(pieces.map((p) => p.toUpperCase()), 300, 22, separators)];

function windows(src: string, text: string, withIndex: boolean): { wins: number[]; occ: number[] } {
	const list = newWindowList();
	const table = planFor(undefined, new Set()).kwTable as KeywordTable;
	const index = withIndex ? newKeywordIndex(src, table) : undefined;
	scanWindows(src, text, list, index);
	return { wins: Array.from(list.data.subarray(0, list.length)), occ: index ? Array.from(index.occ.subarray(0, index.count * 3)) : [] };
}

/** [position, length, set mask] of every context word at a letter word start, by brute force. */
function bruteForce(lower: string): number[] {
	const table = planFor(undefined, new Set()).kwTable as KeywordTable;
	const isLetter = (c: number) => (c >= 97 && c <= 122) || c >= 0xc0;
	const byLength = new Map<number, number>();
	const out: number[] = [];
	for (let p = 0; p < lower.length; p++) {
		if (!isLetter(lower.charCodeAt(p)) || (p > 0 && isLetter(lower.charCodeAt(p - 1)))) continue;
		byLength.clear();
		for (const set of table.sets) for (const w of set.words) if (lower.startsWith(w, p)) byLength.set(w.length, (byLength.get(w.length) ?? 0) | (1 << set.id));
		for (const len of [...byLength.keys()].sort((a, b) => a - b)) out.push(p, len, byLength.get(len) as number);
	}
	return out;
}

describe('window scanner', () => {
	test('when every built-in context word starts with a letter then the index may be filled by the scanner', () => {
		expect((planFor(undefined, new Set()).kwTable as KeywordTable).letterStarts).toBe(true);
	});

	test('when the lower-cased text is scanned then the windows equal those of the original text', () => {
		const mismatches = texts.filter((text) => {
			const lower = text.toLowerCase();
			return lower.length === text.length && windows(lower, text, true).wins.join() !== windows(text, text, false).wins.join();
		});
		expect(mismatches).toEqual([]);
	});

	test('when a window is scanned then its run summary holds the longest digit, letter and mixed runs of its text', () => {
		// [longest digits-only, letters-only, mixed] run of ASCII letters/digits, each capped at RUN_CAP
		const brute = (s: string): number => {
			const max = [0, 0, 0, 0];
			for (const run of s.match(/[A-Za-z0-9]+/g) ?? []) {
				const kind = (/[0-9]/.test(run) ? 1 : 0) | (/[A-Za-z]/.test(run) ? 2 : 0);
				max[kind] = Math.max(max[kind], Math.min(run.length, RUN_CAP));
			}
			return max[1] | (max[2] << 6) | (max[3] << 12);
		};
		const long = ['1 ', 'a1-', 'GB82 ', 'x'.repeat(70) + '1 ', '9'.repeat(80) + ' '].map((u) => u.repeat(40));
		const mismatches = [...texts, ...long].filter((text) => {
			const { wins } = windows(text, text, false);
			for (let w = 0; w < wins.length; w += WINDOW_STRIDE) if (wins[w + 6] !== brute(text.slice(wins[w], wins[w + 1]))) return true;
			return false;
		});
		expect(mismatches).toEqual([]);
	});

	test('when the scanner fills the context index then it holds exactly the words a brute-force search finds', () => {
		const mismatches = texts.filter((text) => {
			const lower = text.toLowerCase();
			return lower.length === text.length && windows(lower, text, true).occ.join() !== bruteForce(lower).join();
		});
		expect(mismatches).toEqual([]);
	});

	test.each([
		['U+212A KELVIN SIGN (lower-cases to an ASCII k)', '\u212a\n'],
		['U+0130 (lower-casing adds a unit)', '\u0130\n'],
	])('when the text holds %s then detections are those of the text without it', (_name, prefix) => {
		// The prefix forces the scanner onto the original text and the string-building context check.
		const shift = prefix.length;
		const mismatches = texts.filter((text) => {
			const plain = detect(text).map((d) => ({ ...d, start: d.start + shift, end: d.end + shift }));
			return JSON.stringify(detect(prefix + text)) !== JSON.stringify(plain);
		});
		expect(mismatches).toEqual([]);
	});
});
