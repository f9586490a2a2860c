/**
 * The secret scan's gate on ASCII text in one pass over its bytes: whether it holds one of the gate's literals
 * (ASCII letters in any case) or a unit the engine's normalised view reads differently (a URL escape, an HTML
 * character reference, a dotted digit group: see viewDiffersAt). Each pair of neighbouring bytes is looked up in
 * a table of the pairs such a find starts with; only there is the text read further. For long texts (Code
 * sources) this is one pass instead of a lower-cased copy, a regex over it and the view's own scans.
 */
import { viewDiffersAt } from '../../../../lib/redaction/normalize';

const HEX = '0123456789abcdefABCDEF';
const DIGITS = '0123456789';
const LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
/** Texts up to this length are copied into one shared buffer; a longer one gets its own. */
const SHARED_MAX = 1 << 22;

const lower = (c: number) => (c >= 65 && c <= 90 ? c + 32 : c);
const pair = (a: number, b: number) => (a << 8) | b;
const isAsciiLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/** The first `at` from `from` on where the pair at, at + 1 is marked in `starts`; -1 when none (a tight loop, no calls). */
function nextPair(bytes: Uint8Array, starts: Uint8Array, from: number, n: number): number {
	if (from + 1 >= n) return -1;
	let key = bytes[from];
	for (let i = from + 1; i < n; i++) {
		key = ((key << 8) | bytes[i]) & 0xffff;
		if (starts[key] !== 0) return i - 1;
	}
	return -1;
}

export class AsciiGate {
	/** Byte pair → 1 when a literal (any case) starts with it, 2 when a view escape may start there. */
	private readonly starts = new Uint8Array(65536);
	/** Lower-cased first pair → the literals (lower-cased) starting with it. */
	private readonly byPair = new Map<number, string[]>();
	private bytes = Buffer.allocUnsafe(1 << 16);

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
		if (n > this.bytes.length) {
			if (n > SHARED_MAX) return this.scan(text, Buffer.from(text, 'latin1'), n);
			this.bytes = Buffer.allocUnsafe(Math.max(n, this.bytes.length * 2));
		}
		this.bytes.write(text, 0, n, 'latin1');
		return this.scan(text, this.bytes, n);
	}

	private scan(text: string, bytes: Uint8Array, n: number): boolean {
		for (let at = nextPair(bytes, this.starts, 0, n); at >= 0; at = nextPair(bytes, this.starts, at + 1, n)) {
			if (this.holds(text, bytes, at, n, this.starts[pair(bytes[at], bytes[at + 1])])) return true;
		}
		return false;
	}

	/** Whether a literal or a view escape starts at `at`, where the pair the table marked begins. */
	private holds(text: string, bytes: Uint8Array, at: number, n: number, hit: number): boolean {
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
