/**
 * Whether a user's pattern can run natively over any text in time linear in its length. JavaScript
 * regular expressions backtrack, so some patterns take super-linear time on hostile text: nested or
 * overlapping quantifiers (`(a+)+`, `\d+\d+x`), back-references, lookarounds that hide a quantifier.
 * This check is conservative: a pattern passes only when
 * - it has no back-reference;
 * - no quantifier applies to a group that holds a quantifier or an alternation;
 * - an unbounded quantifier (`*`, `+`, `{n,}`) stands only last in the pattern, outside lookarounds
 *   (a greedy run at the very end is read once per match);
 * - the backtracking choices of its bounded quantifiers, multiplied along the pattern, stay at most
 *   MAX_CHOICES per start position.
 * Anything it does not understand fails the check. Patterns that fail run through the node's
 * sandboxed matcher instead.
 */

export const MAX_CHOICES = 4096;

class Unsafe extends Error {}

interface Shape {
	/** backtracking choices per start position (an upper bound) */
	choices: number;
	/** holds a quantifier or an alternation */
	branching: boolean;
	/** holds an unbounded quantifier */
	unbounded: boolean;
}

const QUANT = /^(?:([*+?])|\{(\d+)(?:(,)(\d*))?\})\??/;

class Checker {
	i = 0;
	constructor(readonly src: string) {}

	/** `atEnd`: nothing follows this part in the pattern, so a last unbounded run is allowed. */
	alt(atEnd: boolean): Shape {
		const parts = [this.seq(atEnd)];
		while (this.src[this.i] === '|') {
			this.i++;
			parts.push(this.seq(atEnd));
		}
		const choices = parts.reduce((n, p) => n + p.choices, 0);
		return { choices, branching: parts.length > 1 || parts.some((p) => p.branching), unbounded: parts.some((p) => p.unbounded) };
	}

	seq(atEnd: boolean): Shape {
		let choices = 1;
		let branching = false;
		let unbounded = false;
		while (this.i < this.src.length && this.src[this.i] !== '|' && this.src[this.i] !== ')') {
			// an unbounded piece already read is followed by this one
			if (unbounded) throw new Unsafe();
			const start = this.i;
			const atom = this.atom(atEnd);
			const q = QUANT.exec(this.src.slice(this.i));
			let piece = atom;
			if (q) {
				this.i += q[0].length;
				if (atom.branching || atom.unbounded) throw new Unsafe(); // nested quantifier / quantified alternation
				const open = q[1] === '*' || q[1] === '+' || (q[3] === ',' && q[4] === '');
				const min = q[1] ? (q[1] === '+' ? 1 : 0) : Number(q[2]);
				const max = open ? Infinity : q[1] === '?' ? 1 : q[3] ? Number(q[4]) : min;
				if (max < min) throw new Unsafe();
				piece = { choices: open ? atom.choices : (max - min + 1) * atom.choices, branching: true, unbounded: open };
			}
			if (this.i === start) throw new Unsafe();
			choices *= piece.choices;
			if (choices > MAX_CHOICES) throw new Unsafe();
			branching ||= piece.branching;
			unbounded ||= piece.unbounded;
		}
		if (unbounded && !atEnd) throw new Unsafe();
		return { choices, branching, unbounded };
	}

	atom(atEnd: boolean): Shape {
		const s = this.src;
		const c = s[this.i];
		const one: Shape = { choices: 1, branching: false, unbounded: false };
		if (c === '(') {
			const head = /^\((\?(?:[:=!]|<[=!]|<[A-Za-z_$][\w$]*>))?/.exec(s.slice(this.i))!;
			this.i += head[0].length;
			const look = head[1] !== undefined && /^\?<?[=!]$/.test(head[1]);
			// a lookaround is read in full at each position it is tried: no unbounded run inside
			const inner = this.alt(look ? false : atEnd && this.closesLast());
			if (s[this.i] !== ')') throw new Unsafe();
			this.i++;
			return inner;
		}
		if (c === '[') {
			const m = /^\[(?:\\.|[^\]\\])*\]/s.exec(s.slice(this.i));
			if (!m) throw new Unsafe();
			this.i += m[0].length;
			return one;
		}
		if (c === '\\') {
			const m = /^\\(?:[pP]\{[^}]*\}|u\{[0-9A-Fa-f]+\}|u[0-9A-Fa-f]{4}|x[0-9A-Fa-f]{2}|c[A-Za-z]|k<[^>]*>|\d+|.)/s.exec(s.slice(this.i));
			if (!m) throw new Unsafe();
			if (/^\\(?:[1-9]|k<)/.test(m[0])) throw new Unsafe(); // back-reference
			this.i += m[0].length;
			return one;
		}
		if (c === '*' || c === '+' || c === '?' || c === '{' || c === ')') throw new Unsafe();
		this.i++;
		return one;
	}

	/** Whether the group that starts at `i` is the pattern's last piece (only its closing parenthesis follows). */
	private closesLast(): boolean {
		let depth = 1;
		let cls = false;
		for (let k = this.i; k < this.src.length; k++) {
			const ch = this.src[k];
			if (ch === '\\') k++;
			else if (cls) cls = ch !== ']';
			else if (ch === '[') cls = true;
			else if (ch === '(') depth++;
			else if (ch === ')' && --depth === 0) return k === this.src.length - 1;
		}
		return false;
	}
}

/** True when `source` passes the check above (see the file comment). */
export function runsInLinearTime(source: string): boolean {
	try {
		const c = new Checker(source);
		c.alt(true);
		return c.i === source.length;
	} catch (error) {
		if (error instanceof Unsafe) return false;
		return false;
	}
}
