/**
 * Required literals of a pattern, derived from its source: a list of strings of which every match
 * holds at least one (`['@']` for an e-mail, `['ghp_', 'gho_', …]` for a GitHub token). A text that
 * holds none of them cannot match, so the engine skips the rule for it. Nothing here is written by
 * hand in a rule row; a pattern this reader does not understand simply gets no literals (the rule then
 * always runs). The reader is conservative: lookarounds, back-references, optional parts and large
 * character classes require nothing. Tested against every rule's samples and against the plain scan.
 */

/** Strings one of which every match holds, starting at most `before` units after the match start. */
export interface Need {
	strs: string[];
	/** Infinity when unbounded */
	before: number;
}

/** Parsed piece: the strings it matches exactly when that is a small finite set, and what it needs. */
interface Piece {
	/** every string the piece can match (small sets only), else undefined */
	exact: string[] | undefined;
	need: Need | undefined;
	/** may match the empty string */
	empty: boolean;
	/** longest match (Infinity when unbounded) */
	max: number;
}

const SMALL_SET = 8;
const MAX_STRINGS = 32;

/** Characters common in prose and numbers: a literal made of them only says little. */
const COMMON = /^[A-Za-z0-9 .,\n-]*$/;

/** How selective a need is: its shortest string's length, plus one when each string holds a rarer character ('@', '+', '_'). */
function rank(n: Need): number {
	return Math.min(...n.strs.map((s) => s.length)) + (n.strs.every((s) => !COMMON.test(s)) ? 1 : 0);
}

/** The more selective of two needs: higher rank, then fewer strings, then nearer the match start. */
function better(a: Need | undefined, b: Need | undefined): Need | undefined {
	if (a === undefined) return b;
	if (b === undefined) return a;
	const ra = rank(a);
	const rb = rank(b);
	if (ra !== rb) return ra > rb ? a : b;
	if (a.strs.length !== b.strs.length) return a.strs.length < b.strs.length ? a : b;
	return a.before <= b.before ? a : b;
}

function cross(a: string[], b: string[]): string[] | undefined {
	const out = a.flatMap((x) => b.map((y) => x + y));
	return out.length <= MAX_STRINGS ? out : undefined;
}

const ANY: Piece = { exact: undefined, need: undefined, empty: false, max: 1 };

class Reader {
	i = 0;
	constructor(
		readonly src: string,
		readonly fold: boolean,
		/** UTF-16 units one character may take: 2 with the Unicode flag (an astral letter matched by `\p{L}` or `.`), else 1 */
		readonly unit = 1,
	) {}

	/** A piece that may be any one character. */
	any(): Piece {
		return this.unit === 1 ? ANY : { ...ANY, max: this.unit };
	}

	/** alternation := seq ('|' seq)* */
	alt(): Piece {
		const alts = [this.seq()];
		while (this.src[this.i] === '|') {
			this.i++;
			alts.push(this.seq());
		}
		if (alts.length === 1) return alts[0];
		const exact = alts.every((a) => a.exact) ? alts.flatMap((a) => a.exact!) : undefined;
		const needs = alts.map((a) => a.need);
		const need = needs.every((n) => n) ? { strs: [...new Set(needs.flatMap((n) => n!.strs))], before: Math.max(...needs.map((n) => n!.before)) } : undefined;
		return { exact: exact && exact.length <= MAX_STRINGS ? exact : undefined, need, empty: alts.some((a) => a.empty), max: Math.max(...alts.map((a) => a.max)) };
	}

	/** A sequence: concatenates exact runs, keeps the most selective need and where it can start. */
	seq(): Piece {
		let need: Need | undefined;
		let run: string[] = [''];
		let runStart = 0;
		let exact: string[] | undefined = [''];
		let empty = true;
		let len = 0;
		const close = () => {
			if (run.some((s) => s !== '')) need = better(need, { strs: run, before: runStart });
			run = [''];
		};
		while (this.i < this.src.length && this.src[this.i] !== '|' && this.src[this.i] !== ')') {
			const p = this.quantified();
			if (p === undefined) continue; // zero-width: joins nothing and breaks no run
			if (p.need) need = better(need, { strs: p.need.strs, before: len + p.need.before });
			if (!p.empty) empty = false;
			if (p.exact) {
				if (run.length === 1 && run[0] === '') runStart = len;
				const next = cross(run, p.exact);
				if (next) run = next;
				else {
					close();
					run = p.exact.slice();
					runStart = len;
				}
				exact = exact && cross(exact, p.exact);
			} else {
				close();
				exact = undefined;
			}
			len += p.max;
		}
		close();
		return { exact, need, empty, max: len };
	}

	/** An atom and its quantifier; undefined for zero-width atoms. */
	quantified(): Piece | undefined {
		const atom = this.atom();
		const q = /^(?:[*+?]|\{(\d+)(?:(,)(\d*))?\})\??/.exec(this.src.slice(this.i));
		if (!q) return atom;
		this.i += q[0].length;
		if (atom === undefined) return undefined;
		const c = q[0][0];
		const min = c === '+' ? 1 : c === '{' ? Number(q[1]) : 0;
		const top = c === '?' ? 1 : c === '{' ? (q[2] === undefined ? min : q[3] === '' ? Infinity : Number(q[3])) : Infinity;
		const max = top === 0 ? 0 : top * atom.max;
		if (min === 0) return { exact: undefined, need: undefined, empty: true, max };
		let exact: string[] | undefined;
		if (top === min && atom.exact && min <= 4) {
			exact = [''];
			for (let k = 0; k < min && exact; k++) exact = cross(exact, atom.exact);
		}
		const need = atom.need ?? (atom.exact ? { strs: atom.exact, before: 0 } : undefined);
		return { exact, need, empty: atom.empty, max };
	}

	atom(): Piece | undefined {
		const s = this.src;
		const c = s[this.i];
		if (c === '(') {
			const head = /^\((\?(?:[:=!]|<[=!]|<[A-Za-z_$][\w$]*>))?/.exec(s.slice(this.i))!;
			this.i += head[0].length;
			const inner = this.alt();
			this.i++; // ')'
			const kind = head[1] ?? '';
			// lookarounds are zero-width; what they test is not required of the match itself
			if (kind === '?=' || kind === '?!' || kind === '?<=' || kind === '?<!') return undefined;
			return inner;
		}
		if (c === '[') return this.cls();
		if (c === '^' || c === '$') {
			this.i++;
			return undefined;
		}
		if (c === '.') {
			this.i++;
			return this.any();
		}
		if (c === '\\') return this.escape();
		this.i++;
		return this.chars([c]);
	}

	escape(): Piece | undefined {
		const s = this.src;
		const n = s[this.i + 1];
		if (n === 'b' || n === 'B') {
			this.i += 2;
			return undefined;
		}
		const m = /^\\(?:[pP]\{[^}]*\}|u\{[0-9A-Fa-f]+\}|u[0-9A-Fa-f]{4}|x[0-9A-Fa-f]{2}|c[A-Za-z]|k<[^>]*>|\d+|.)/s.exec(s.slice(this.i))!;
		this.i += m[0].length;
		const lit = literalEscape(m[0]);
		// back-references, classes (\d \w \s \p{…}) and anything else: unknown, may even be empty
		if (lit === undefined) return /^\\(?:\d|k<)/.test(m[0]) ? { exact: undefined, need: undefined, empty: true, max: Infinity } : this.any();
		return this.chars([lit]);
	}

	/** A character class; small non-negated ones give their characters. */
	cls(): Piece {
		const s = this.src;
		let i = this.i + 1;
		const negated = s[i] === '^';
		if (negated) i++;
		const chars: string[] = [];
		let small = !negated;
		let first = true;
		while (i < s.length && (s[i] !== ']' || first)) {
			first = false;
			let one: string | undefined;
			if (s[i] === '\\') {
				const m = /^\\(?:u[0-9A-Fa-f]{4}|x[0-9A-Fa-f]{2}|[pP]\{[^}]*\}|.)/s.exec(s.slice(i))!;
				i += m[0].length;
				one = literalEscape(m[0]);
				if (one === undefined) small = false;
			} else one = s[i++];
			if (one !== undefined && s[i] === '-' && s[i + 1] !== ']' && i + 1 < s.length) {
				// a range
				let hi: string | undefined;
				if (s[i + 1] === '\\') {
					const m = /^\\(?:u[0-9A-Fa-f]{4}|x[0-9A-Fa-f]{2}|.)/s.exec(s.slice(i + 1))!;
					hi = literalEscape(m[0]);
					i += 1 + m[0].length;
				} else {
					hi = s[i + 1];
					i += 2;
				}
				if (hi === undefined || hi.charCodeAt(0) - one.charCodeAt(0) >= SMALL_SET) small = false;
				else for (let k = one.charCodeAt(0); k <= hi.charCodeAt(0); k++) chars.push(String.fromCharCode(k));
			} else if (one !== undefined) chars.push(one);
		}
		this.i = i + 1;
		// with the Unicode flag a class may hold astral characters (two units each): not a small set of units
		if (this.unit > 1 && chars.some((ch) => /[\ud800-\udfff]/.test(ch))) small = false;
		return small && chars.length > 0 && chars.length <= SMALL_SET ? this.chars(chars) : this.any();
	}

	chars(list: string[]): Piece {
		const set = [...new Set(this.fold ? list.map((c) => c.toLowerCase()) : list)];
		return { exact: set, need: undefined, empty: false, max: 1 };
	}
}

const ESCAPED: Record<string, string> = { n: '\n', r: '\r', t: '\t', f: '\f', v: '\v', '0': '\0' };

/** The character an escape stands for, or undefined for classes and back-references. */
function literalEscape(e: string): string | undefined {
	const c = e[1];
	if (/^\\(?:u[0-9A-Fa-f]{4}|x[0-9A-Fa-f]{2})$/.test(e)) return String.fromCharCode(parseInt(e.slice(2), 16));
	if (e.length === 2 && c in ESCAPED) return ESCAPED[c];
	if (e.length === 2 && /[^A-Za-z0-9]/.test(c)) return c;
	return undefined;
}

/**
 * Strings of which every match of `re` holds one (compared with the text lower-cased when the
 * pattern ignores case), and how far after the match start that string can start; undefined when
 * the reader finds none (the rule then runs on every text). Case-insensitive Unicode patterns
 * (flags i and u) fold characters that lower-casing does not (U+017F to 's'), so they get none.
 */
export function requiredLiterals(re: RegExp): Need | undefined {
	const fold = re.flags.includes('i');
	if (fold && (re.flags.includes('u') || re.flags.includes('v'))) return undefined;
	return read(re, fold);
}

function read(re: RegExp, fold: boolean): Need | undefined {
	try {
		const reader = new Reader(re.source, fold, re.flags.includes('u') || re.flags.includes('v') ? 2 : 1);
		const p = reader.alt();
		if (reader.i < re.source.length || p.empty) return undefined;
		const need = better(p.need, p.exact ? { strs: p.exact, before: 0 } : undefined);
		return need && need.strs.every((s) => s.length > 0) ? need : undefined;
	} catch {
		return undefined;
	}
}

/**
 * A derived gate for any pattern: false when the text cannot hold a match (it lacks every required
 * literal), true when it may. A case-insensitive pattern's literals are looked for in foldedText(),
 * also with the Unicode flag: there a character matches another when their simple case foldings
 * agree, so each literal character must be one that every character folding to it lower-cases to
 * (checked once per character over all UTF-16 units); `ſ` (U+017F), which folds to `s` but does not
 * lower-case to it, is read as `s`. undefined: no gate (the pattern always runs).
 */
export function literalGate(re: RegExp): ((text: string) => boolean) | undefined {
	const fold = re.flags.includes('i');
	const unicode = re.flags.includes('u') || re.flags.includes('v');
	const need = read(re, fold);
	if (need === undefined) return undefined;
	if (fold && unicode && !need.strs.every((s) => [...s].every((ch) => lowerCasesLikeItsFolding(ch)))) return undefined;
	const strs = need.strs;
	return (text) => {
		const hay = fold ? foldedText(text) : text;
		return strs.some((s) => hay.includes(s));
	};
}

/** The text lower-cased, `ſ` read as `s` (see literalGate). */
export function foldedText(text: string): string {
	const low = text.toLowerCase();
	return low.includes('\u017f') ? low.replace(/\u017f/g, 's') : low;
}

const foldChecked = new Map<string, boolean>();
let allUnits: string | undefined;

/** Whether every UTF-16 unit that matches `ch` case-insensitively (Unicode mode) lower-cases to `ch` (or is `ſ` for `s`). */
function lowerCasesLikeItsFolding(ch: string): boolean {
	let ok = foldChecked.get(ch);
	if (ok !== undefined) return ok;
	ok = ch.length === 1 && ch === ch.toLowerCase();
	if (ok) {
		if (allUnits === undefined) {
			const units: string[] = [];
			for (let c = 0; c < 0x10000; c++) if (c < 0xd800 || c > 0xdfff) units.push(String.fromCharCode(c));
			allUnits = units.join('');
		}
		// one native pass over every unit: the units matching ch
		const re = new RegExp(ch.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&'), 'giu');
		for (const u of allUnits.match(re) ?? []) if (u.toLowerCase() !== ch && !(ch === 's' && u === '\u017f')) ok = false;
	}
	foldChecked.set(ch, ok);
	return ok;
}
