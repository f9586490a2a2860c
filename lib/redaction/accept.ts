/**
 * The scan: each rule's pattern runs over the text as one global regex, and each match is accepted
 * or not (refine, context, validation, score). A scan keeps its state in locals: calls never share it.
 */
import { contextNear } from './context';
import type { CompiledRule, Plan } from './plan';
import { StringIndex } from './presence';
import type { Detection } from './types';

/** Score added when a rule's context words occur near a match it does not require them for. */
export const CONTEXT_BOOST = 0.3;
/**
 * A rule that wants context words (`requiresContext`) and has none near a shape- and checksum-valid
 * match reports it with its score times this factor: at most 0.25, below DEFAULT_MIN_SCORE.
 */
export const NO_CONTEXT_FACTOR = 0.25;
/**
 * The Redact node's default Minimum Score: above every context-less score of a rule that wants
 * context, below every other built-in score (0.5 and up), so the node redacts what it always did.
 */
export const DEFAULT_MIN_SCORE = 0.4;

/** The derived gates of a plan as ids of one StringIndex: per rule, its literals and its context-word heads. */
interface PlanGates {
	index: StringIndex;
	need: Array<Int32Array | undefined>;
	heads: Array<Int32Array | undefined>;
}

const planGates = new WeakMap<Plan, PlanGates>();

function gatesOf(plan: Plan): PlanGates {
	let g = planGates.get(plan);
	if (g !== undefined && g.need.length === plan.rules.length) return g;
	const index = new StringIndex();
	const ids = (strs: readonly string[] | undefined, folded: boolean) => (strs === undefined ? undefined : Int32Array.from(strs, (str) => index.id({ str, folded })));
	g = { index, need: plan.rules.map((c) => ids(c.need?.strs, c.folded)), heads: plan.rules.map((c) => ids(c.heads, true)) };
	planGates.set(plan, g);
	return g;
}

/** Per-text facts the derived gates read, computed on first use. */
class TextFacts {
	private lowered: string | undefined;
	private present: Uint8Array | undefined;
	constructor(
		readonly text: string,
		private readonly gates: PlanGates,
	) {}
	get lower(): string {
		if (this.lowered === undefined) this.lowered = this.text.toLowerCase();
		return this.lowered;
	}
	/** Whether the text (lower-cased for folded strings) holds one of the strings `ids`. */
	holdsAny(ids: Int32Array): boolean {
		if (this.present === undefined) this.present = this.gates.index.presence(this.text, () => this.lower);
		for (let k = 0; k < ids.length; k++) if (this.present[ids[k]] === 1) return true;
		return false;
	}
}

/** Whether rule k of the plan can report anything in this text (the derived gates); `minScore` decides for context-less matches. */
function mayMatch(c: CompiledRule, k: number, facts: TextFacts, gates: PlanGates, minScore: number): boolean {
	const need = gates.need[k];
	if (need !== undefined && !facts.holdsAny(need)) return false;
	const rule = c.rule;
	const heads = gates.heads[k];
	return !(rule.requiresContext && heads !== undefined && rule.score * NO_CONTEXT_FACTOR < minScore && !facts.holdsAny(heads));
}

/** Accepts one match of `c` into `out`; returns the accepted end, or -1. */
function acceptMatch(c: CompiledRule, facts: TextFacts, m: RegExpExecArray, minScore: number, out: Detection[]): number {
	const { rule } = c;
	const text = facts.text;
	let s = m.index;
	let e = s + m[0].length;
	if (rule.group !== undefined) {
		const idx = (m as RegExpExecArray & { indices?: Array<[number, number] | undefined> }).indices?.[rule.group];
		if (!idx) return -1;
		s = idx[0];
		e = idx[1];
	}
	if (e <= s) return -1;
	let value = text.slice(s, e);
	if (rule.refine) {
		const n = rule.refine(value);
		if (n <= 0) return -1;
		e = s + n;
		value = value.slice(0, n);
	}
	if (rule.validate && !rule.validate(value)) return -1;
	let score = rule.score;
	const near = c.keywords !== undefined && (rule.requiresContext || score < 1) && contextNear(c.keywords, text, facts.lower, s, e);
	if (rule.requiresContext && !near) {
		score *= NO_CONTEXT_FACTOR;
		if (score < minScore) return -1;
	} else if (near && !rule.requiresContext) score = Math.min(1, score + CONTEXT_BOOST);
	out.push({ entity: rule.entity, start: s, end: e, score, ruleId: rule.id });
	return e;
}

/**
 * Runs one rule over the whole text. After an accepted match the rule goes on at its end, else one
 * unit later. With `skip` (a derived need with a bounded distance, see literals.ts) the search jumps
 * over text where no match can start: one that starts at s holds a required literal at most
 * `before` units after s, so none starts before (the first literal at or after the cursor) - before.
 * The regex still finds the leftmost match from there, so the matches are those of the plain loop.
 * (Trying a sticky copy only at the positions before each literal was measured slower: one exec
 * call costs more than the regex's own scan over the positions it replaces, unless the literal is
 * very rare.)
 */
function runRule(c: CompiledRule, facts: TextFacts, minScore: number, out: Detection[], skip: boolean): void {
	const text = facts.text;
	const re = c.re;
	const need = skip && c.need !== undefined && c.need.before < Infinity ? c.need : undefined;
	const hay = need && c.folded ? facts.lower : text;
	const jump = need !== undefined && hay.length === text.length ? new LiteralCursor(hay, need.strs) : undefined;
	let cursor = 0;
	for (;;) {
		if (jump !== undefined) {
			const q = jump.next(cursor);
			if (q < 0) return;
			if (q - need!.before > cursor) cursor = q - need!.before;
		}
		re.lastIndex = cursor;
		const m = re.exec(text);
		if (m === null) return;
		const at = m.index;
		const e = acceptMatch(c, facts, m, minScore, out);
		cursor = e > at ? e : at + 1;
	}
}

/** The first occurrence at or after a position of any of some strings, each string's next occurrence remembered. */
class LiteralCursor {
	private readonly at: number[];
	constructor(
		private readonly hay: string,
		private readonly strs: readonly string[],
	) {
		this.at = strs.map(() => -1);
	}
	next(from: number): number {
		let q = -1;
		for (let k = 0; k < this.strs.length; k++) {
			let a = this.at[k];
			if (a !== -2 && a < from) {
				a = this.hay.indexOf(this.strs[k], from);
				this.at[k] = a < 0 ? -2 : a;
			}
			if (a >= 0 && (q < 0 || a < q)) q = a;
		}
		return q;
	}
}

/**
 * Every rule of the plan over `text`: candidates, not yet resolved (they may overlap). With `gates`
 * false every rule runs plainly on every text: the scan the derived gates are tested against.
 */
export function scanRules(text: string, plan: Plan, minScore: number, gates = true): Detection[] {
	const out: Detection[] = [];
	const g = gatesOf(plan);
	const facts = new TextFacts(text, g);
	for (let k = 0; k < plan.rules.length; k++) {
		const c = plan.rules[k];
		if (!gates || mayMatch(c, k, facts, g, minScore)) runRule(c, facts, minScore, out, gates);
	}
	return out;
}
