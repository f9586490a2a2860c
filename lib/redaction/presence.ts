/**
 * Which of a fixed set of strings occur in a text, found in one pass over the text (and one over its
 * lower-cased form) instead of one search per string: a plan's derived literals and context-word
 * heads are a few hundred strings, most of them absent from a given text, and a search for an
 * absent string reads the whole text. Each string of two or more units is filed under its first two
 * (their low six bits); a position is compared only with the strings filed under the pair that
 * starts there. Built once per plan; the per-text result is a local array.
 */

/** A string to look for, in the text as it is or lower-cased. */
export interface Wanted {
	str: string;
	folded: boolean;
}

const slotOf = (a: number, b: number): number => ((a & 63) << 6) | (b & 63);

/** The strings of one haystack (the text or its lower-cased form). Slots hold 1 + an id (0: none). */
interface Side {
	single: Int32Array;
	pair: Int32Array;
	/** one-unit strings beyond ASCII, and the empty string: looked for one by one */
	rest: number[];
	used: boolean;
}

/** Up to this many strings, each is searched for by itself (a small plan: a rule alone, custom patterns). */
const FEW = 12;

export class StringIndex {
	private readonly strs: string[] = [];
	private readonly folded: boolean[] = [];
	private readonly ids = new Map<string, number>();
	/** filed on first use when the strings are many */
	private filed: { sides: [Side, Side]; next: Int32Array; u0: Int32Array; u1: Int32Array; u2: Int32Array } | undefined;

	/** The id of a string (added on first sight). */
	id(w: Wanted): number {
		const key = `${w.folded ? 'i' : 'c'}${w.str}`;
		let id = this.ids.get(key);
		if (id !== undefined) return id;
		id = this.strs.length;
		this.strs.push(w.str);
		this.folded.push(w.folded);
		this.ids.set(key, id);
		this.filed = undefined;
		return id;
	}

	get size(): number {
		return this.strs.length;
	}

	private file(): NonNullable<StringIndex['filed']> {
		const n = this.strs.length;
		const side = (): Side => ({ single: new Int32Array(128), pair: new Int32Array(4096), rest: [], used: false });
		const f = { sides: [side(), side()] as [Side, Side], next: new Int32Array(n), u0: new Int32Array(n), u1: new Int32Array(n), u2: new Int32Array(n).fill(-1) };
		for (let id = 0; id < n; id++) {
			const s = this.strs[id];
			const sd = f.sides[this.folded[id] ? 1 : 0];
			sd.used = true;
			if (s.length >= 2) {
				f.u0[id] = s.charCodeAt(0);
				f.u1[id] = s.charCodeAt(1);
				if (s.length >= 3) f.u2[id] = s.charCodeAt(2);
				const slot = slotOf(f.u0[id], f.u1[id]);
				f.next[id] = sd.pair[slot];
				sd.pair[slot] = id + 1;
			} else if (s.length === 1 && s.charCodeAt(0) < 128) sd.single[s.charCodeAt(0)] = id + 1;
			else sd.rest.push(id);
		}
		return f;
	}

	/** 1 at each id whose string occurs in `text` (lower-cased ones in `lower()`), else 0. */
	presence(text: string, lower: () => string): Uint8Array {
		const n = this.strs.length;
		const out = new Uint8Array(n);
		if (n <= FEW) {
			for (let id = 0; id < n; id++) if ((this.folded[id] ? lower() : text).includes(this.strs[id])) out[id] = 1;
			return out;
		}
		this.filed ??= this.file();
		const [plain, low] = this.filed.sides;
		if (plain.used) this.scan(plain, text, out);
		if (low.used) this.scan(low, lower(), out);
		return out;
	}

	private scan(side: Side, hay: string, out: Uint8Array): void {
		const { single, pair } = side;
		const { next, u0, u1, u2 } = this.filed!;
		const strs = this.strs;
		let prev = -1;
		for (let i = 0; i < hay.length; i++) {
			const c = hay.charCodeAt(i);
			if (c < 128 && single[c] !== 0) out[single[c] - 1] = 1;
			if (prev >= 0) {
				for (let id = pair[slotOf(prev, c)]; id !== 0; id = next[id - 1]) {
					const k = id - 1;
					if (out[k] !== 0 || u0[k] !== prev || u1[k] !== c) continue;
					if (u2[k] < 0 || (hay.charCodeAt(i + 1) === u2[k] && (strs[k].length === 3 || hay.startsWith(strs[k], i - 1)))) out[k] = 1;
				}
			}
			prev = c;
		}
		for (const id of side.rest) if (hay.includes(strs[id])) out[id] = 1;
	}
}
