/**
 * The secret scan's gate on ASCII text in one pass over its bytes: whether it holds one of the gate's literals
 * (ASCII letters in any case) or a unit the engine's normalised view reads differently (a URL escape, an HTML
 * character reference, a dotted digit group: see viewDiffersAt). Each pair of neighbouring bytes is looked up in
 * a table of the pairs such a find starts with; only there is the text read further. For long texts (Code
 * sources) this is one pass instead of a lower-cased copy, a regex over it and the view's own scans. The pass reads
 * the bytes two at a time (one 16-bit word: the pair at an even offset; with the word before it, the pair at the
 * odd offset between them), which halves the loads of a byte-by-byte pass.
 */
import { viewDiffersAt } from '../../../../lib/redaction/normalize';

const HEX = '0123456789abcdefABCDEF';
const DIGITS = '0123456789';
const LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
/** Texts up to this length are copied into one shared buffer; a longer one gets its own. */
const SHARED_MAX = 1 << 22;

const lower = (c: number) => (c >= 65 && c <= 90 ? c + 32 : c);
/** A Uint16Array reads two bytes as one word in the platform's byte order. */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
/**
 * The word two neighbouring words' middle bytes (the second byte of `before`, the first of `word`) would read
 * as: ((before << BEFORE_SHIFT | word << WORD_SHIFT) >> 8) & 0xffff in either byte order.
 */
const BEFORE_SHIFT = LITTLE_ENDIAN ? 0 : 16;
const WORD_SHIFT = LITTLE_ENDIAN ? 16 : 0;
const pair = (a: number, b: number) => (a << 8) | b;
/** A buffer of its own memory (offset 0) read as 16-bit words. */
const wordsOf = (bytes: Buffer) => new Uint16Array(bytes.buffer, bytes.byteOffset, bytes.length >> 1);
/**
 * The first word from `start` on (below `end`) where `table` marks the pair the word holds (bytes 2j, 2j + 1) or
 * the pair it makes with the word before it (bytes 2j - 1, 2j); -1 when none. `before` is word start - 1 (0 at the
 * start: no pair begins with a NUL). A tight loop with no calls.
 */
function nextWord(words: Uint16Array, table: Uint8Array, start: number, before: number, end: number, beforeShift: number, wordShift: number): number {
	let prev = before;
	for (let j = start; j < end; j++) {
		const word = words[j];
		if ((table[(((prev << beforeShift) | (word << wordShift)) >> 8) & 0xffff] | table[word]) !== 0) return j;
		prev = word;
	}
	return -1;
}

const isAsciiLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

export class AsciiGate {
	/** Byte pair → 1 when a literal (any case) starts with it, 2 when a view escape may start there. */
	private readonly starts = new Uint8Array(65536);
	/** The same table indexed by the 16-bit word the pair's two bytes read as (in the platform's byte order). */
	private readonly byWord = new Uint8Array(65536);
	/** Lower-cased first pair → the literals (lower-cased) starting with it. */
	private readonly byPair = new Map<number, string[]>();
	/** Texts are copied here, a byte per unit; its own memory (a word view needs an even offset). */
	private bytes = Buffer.allocUnsafeSlow(1 << 16);
	private words = wordsOf(this.bytes);

	/** `literals` are lower-case ASCII, two units or more (see AsciiGate.fits). */
	constructor(literals: readonly string[]) {
		for (const literal of literals) {
			const a = literal.charCodeAt(0);
			const b = literal.charCodeAt(1);
			const key = pair(a, b);
			this.byPair.set(key, [...(this.byPair.get(key) ?? []), literal]);
			for (const x of isAsciiLetter(a) ? [a, a - 32] : [a]) for (const y of isAsciiLetter(b) ? [b, b - 32] : [b]) this.starts[pair(x, y)] |= 1;
		}
		const mark = (lead: string, next: string) => {
			for (let i = 0; i < next.length; i++) this.starts[pair(lead.charCodeAt(0), next.charCodeAt(i))] |= 2;
		};
		mark('%', HEX); // %41
		mark('&', `#${LETTERS}`); // &#65; &#x41; &amp;
		mark('.', DIGITS); // 4111.1111.…
		for (let key = 0; key < 65536; key++) this.byWord[LITTLE_ENDIAN ? ((key & 0xff) << 8) | (key >> 8) : key] = this.starts[key];
	}

	/** Whether the gate can stand for a search of these literals: lower-case ASCII, two units or more. */
	static fits(literals: readonly string[]): boolean {
		return literals.every((s) => s.length >= 2 && Buffer.byteLength(s) === s.length && s === s.toLowerCase());
	}

	/**
	 * For an ASCII text: whether it holds a literal (ignoring ASCII case) or a unit the view reads differently.
	 * Undefined when the text is not ASCII (the caller then takes the general path).
	 */
	test(text: string): boolean | undefined {
		const n = text.length;
		if (Buffer.byteLength(text, 'utf8') !== n) return undefined;
		if (n + 2 > this.bytes.length) {
			if (n + 2 > SHARED_MAX) {
				const own = Buffer.allocUnsafeSlow(n + 2);
				return this.scan(text, own, wordsOf(own), n);
			}
			this.bytes = Buffer.allocUnsafeSlow(Math.max(n + 2, this.bytes.length * 2));
			this.words = wordsOf(this.bytes);
		}
		return this.scan(text, this.bytes, this.words, n);
	}

	/** Copies `text` into `bytes` (n + 2 long at least; `words` is its word view) and reads it a word at a time. */
	private scan(text: string, bytes: Buffer, words: Uint16Array, n: number): boolean {
		bytes.write(text, 0, n, 'latin1');
		bytes[n] = 0; // no pair ends in a NUL: the last word's padding (and the pair it makes with the last byte) is never marked
		bytes[n + 1] = 0;
		const table = this.byWord;
		const end = (n + 2) >> 1;
		for (let j = nextWord(words, table, 0, 0, end, BEFORE_SHIFT, WORD_SHIFT); j >= 0; j = nextWord(words, table, j + 1, words[j], end, BEFORE_SHIFT, WORD_SHIFT)) {
			if (j > 0 && this.holdsAt(text, bytes, 2 * j - 1, n)) return true;
			if (this.holdsAt(text, bytes, 2 * j, n)) return true;
		}
		return false;
	}

	/** Whether a literal or a view escape starts at `at` (the pair there may be unmarked). */
	private holdsAt(text: string, bytes: Uint8Array, at: number, n: number): boolean {
		const hit = this.starts[pair(bytes[at], bytes[at + 1])];
		if ((hit & 2) !== 0 && viewDiffersAt(text, at)) return true;
		if ((hit & 1) === 0) return false;
		for (const literal of this.byPair.get(pair(lower(bytes[at]), lower(bytes[at + 1]))) ?? []) {
			if (at + literal.length > n) continue;
			let k = 2;
			while (k < literal.length && lower(bytes[at + k]) === literal.charCodeAt(k)) k++;
			if (k === literal.length) return true;
		}
		return false;
	}
}
