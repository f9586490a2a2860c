/**
 * The scan: each rule's pattern runs over the text as one global regex, and each match is accepted
 * or not (refine, context, validation, score). A scan keeps its state in locals: calls never share it.
 */
import { contextNear } from './context';
import type { CompiledRule, Plan } from './plan';
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

/** Per-text facts the derived gates read, computed on first use. */
class TextFacts {
	private lowered: string | undefined;
	private readonly held = new Map<string, boolean>();
	constructor(readonly text: string) {}
	get lower(): string {
		if (this.lowered === undefined) this.lowered = this.text.toLowerCase();
		return this.lowered;
	}
	/** Whether the text (lower-cased when `folded`) holds one of `literals`. */
	holdsAny(literals: readonly string[], folded: boolean): boolean {
		const hay = folded ? this.lower : this.text;
		for (const lit of literals) {
			const key = folded ? `i${lit}` : `c${lit}`;
			let has = this.held.get(key);
			if (has === undefined) {
				has = hay.includes(lit);
				this.held.set(key, has);
			}
			if (has) return true;
		}
		return false;
	}
}

/** Whether the rule can report anything in this text (the derived gates); `minScore` decides for context-less matches. */
function mayMatch(c: CompiledRule, facts: TextFacts, minScore: number): boolean {
	if (c.need !== undefined && !facts.holdsAny(c.need.strs, c.folded)) return false;
	const rule = c.rule;
	return !(rule.requiresContext && c.heads !== undefined && rule.score * NO_CONTEXT_FACTOR < minScore && !facts.holdsAny(c.heads, true));
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

/** Runs one rule over the whole text. After an accepted match the rule goes on at its end, else one unit later. */
export function runRule(c: CompiledRule, facts: TextFacts, minScore: number, out: Detection[]): void {
	const text = facts.text;
	const re = c.re;
	re.lastIndex = 0;
	for (let m = re.exec(text); m !== null; m = re.exec(text)) {
		const at = m.index;
		const e = acceptMatch(c, facts, m, minScore, out);
		re.lastIndex = e > at ? e : at + 1;
	}
}

/**
 * Every rule of the plan over `text`: candidates, not yet resolved (they may overlap). With `gates`
 * false every rule runs plainly on every text: the scan the derived gates are tested against.
 */
export function scanRules(text: string, plan: Plan, minScore: number, gates = true): Detection[] {
	const out: Detection[] = [];
	const facts = new TextFacts(text);
	for (const c of plan.rules) {
		if (!gates || mayMatch(c, facts, minScore)) runRule(c, facts, minScore, out);
	}
	return out;
}
