/**
 * A compiled rule set ("plan"). Every window-level gate of the rule rows (digit count, length,
 * letters, punctuation, scheme / two colons, maxDigits, lead shapes) is folded into tables of rule
 * bit masks, so a window is matched against all rules with a handful of table lookups.
 */
import { GovernanceError, GovernanceErrorCode } from '../errors/governance-error';
import { BUILT_IN_ENTITIES, RULES } from './rules';
import { CHAR_BITS, charMask, COLON2_BIT, RUN_CAP, SCHEME_BIT } from './scanner';
import { buildKeywordTable, keywordSet, MAX_KEYWORD_SETS } from './context';
import type { KeywordSet, KeywordTable } from './context';
import { checkLeadText, FOLLOW_CHARS, FOLLOWS, KIND_DIGITS, KIND_LETTERS, KIND_MIXED, LEAD_SLOTS, parseLead } from './lead';
import type { RedactionRule } from './types';

/** Digit counts at or above this share one bucket. */
export const MAX_BUCKET = 24;

export interface CompiledRule {
	/** Position in Plan.rules (its bit in the rule masks). */
	index: number;
	rule: RedactionRule;
	/** Global pattern (scanning), for rules without a lead shape. */
	re: RegExp;
	/** Sticky copy, tried only at the window's lead positions (and at literal hits). */
	sticky: RegExp;
	kw?: KeywordSet;
	/** Lead-shape membership (LEAD_SLOTS) and literal leads; both absent: the rule may start anywhere. */
	lead?: Uint8Array;
	leadText?: string[];
	/** trigger.precheck */
	pre?: (text: string, at: number) => boolean;
	/** trigger.precheckSeek */
	seek?: (text: string, from: number, end: number) => number;
	/** The rule has context words and requires them. */
	ctxOnly: boolean;
	/**
	 * Its lead alternatives as [kind (0: a literal without a run), shortest run, charMask bits one
	 * of which it needs (0: none)] triples: a long window checks each as a whole (leadPossible), the
	 * plan's tables only each part apart.
	 */
	alts?: Int32Array;
	/** trigger.needsRun as [kind, shortest run] pairs. */
	needs?: Int32Array;
}

export interface Plan {
	/** Window rules, in table order. */
	rules: CompiledRule[];
	/** Words (32 rules each) of a rule mask; every table below holds `words` ints per slot. */
	words: number;
	/** by min(digits, MAX_BUCKET): rules with minDigits <= digits */
	bucketMask: Int32Array;
	/** by min(length, top): rules with minLength <= length */
	lengthMask: Int32Array;
	lengthTop: number;
	/** by min(letters, top): rules with minLetters <= letters */
	lettersMask: Int32Array;
	lettersTop: number;
	/** by min(digits, top) of single-token windows: rules with maxDigits >= digits */
	maxDigitsMask: Int32Array;
	maxDigitsTop: number;
	/** by (charMask & 511): rules without anyChar or with one of their anyChar characters */
	anyMask: Int32Array;
	/** by (charMask >> 9) & 3: rules whose scheme / twoColons requirement is met */
	allMask: Int32Array;
	/** Rules without a lead shape. */
	freeMask: Int32Array;
	/** Per lead slot: rules whose lead shape includes it. */
	leadMask: Int32Array;
	/** Rules with a lead shape. */
	shapeMask: Int32Array;
	/** Per ASCII code unit: 1 when some rule has it as a one-unit literal lead. */
	singleAny: Uint8Array;
	/** Rules with a literal lead of two or more units, the first ASCII. */
	literalMask: Int32Array;
	/** Literal leads of two or more units by first code unit (< 128): [text, rule index]. */
	leadText: Array<Array<[string, number]> | undefined>;
	/** (c0 << 7 | c1) & 0x3fff of literal leads of two or more units. */
	leadPairs: Uint8Array;
	/** Per ASCII code unit: rules with it as a one-unit literal lead ('+', '(', ':'). */
	leadSingle: Int32Array;
	/** Per lead slot: 1 when some rule's lead shape includes it (the walk's filter of short windows). */
	anySlot: Uint8Array;
	/** Per ASCII code unit: 1 when it is a letter or digit, or some rule has a literal lead that starts with it (where the walk stops). */
	anyStart: Uint8Array;
	/**
	 * Lead rules that may start in a window, by its longest runs (scanner RUN_CAP): runReach by
	 * ((kind - 1) * 64 + longest run of that kind): rules with a lead needing at most that run;
	 * noRun by (charMask & 511): rules with a literal lead that needs no run ('+', '(') and whose
	 * first unit is in the window (or has no charMask bit); followOk by (charMask & 511): rules with a
	 * lead whose following character is unconstrained, a space, or in the window.
	 */
	runReach: Int32Array;
	noRun: Int32Array;
	/** Length of the longest literal lead (leadText). */
	maxLeadText: number;
	followOk: Int32Array;
	literal: Array<{ c: CompiledRule; literals: string[]; after: string | undefined }>;
	/** Trie of every context word; undefined when there are too many word lists for the index masks. */
	kwTable: KeywordTable | undefined;
}

function charMaskOf(rule: RedactionRule): number {
	try {
		return charMask(rule.trigger?.anyChar);
	} catch (error) {
		throw new GovernanceError(GovernanceErrorCode.InvalidConfiguration, `Rule '${rule.id}': ${(error as Error).message}`, {
			hint: 'Fix trigger.anyChar in the rule row.',
		});
	}
}

function compile(rule: RedactionRule, index: number, kwSet: (words: readonly string[]) => KeywordSet): CompiledRule {
	if (!rule.pattern.global) {
		throw new GovernanceError(GovernanceErrorCode.InvalidConfiguration, `Rule '${rule.id}' pattern lacks the g flag.`, {
			hint: 'Every rule pattern must be global so the engine can iterate its matches.',
		});
	}
	const t = rule.trigger;
	return {
		index,
		rule,
		re: new RegExp(rule.pattern.source, rule.pattern.flags),
		sticky: new RegExp(rule.pattern.source, rule.pattern.flags.replace('g', '') + 'y'),
		kw: rule.keywords && rule.keywords.length > 0 ? kwSet(rule.keywords) : undefined,
		lead: t?.lead ? parseLead(rule.id, t.lead) : undefined,
		leadText: t?.leadText ? checkLeadText(rule.id, t.leadText) : undefined,
		pre: t?.precheck,
		seek: t?.precheckSeek,
		ctxOnly: rule.keywords !== undefined && rule.keywords.length > 0 && rule.requiresContext === true,
		// set by fillReach; present from the start so every compiled rule has one object shape
		alts: undefined,
		needs: t?.needsRun ? runNeeds(rule.id, t.needsRun) : undefined,
	};
}

/** trigger.needsRun specs as [kind, shortest run] pairs (the spec's slots, following characters ignored). */
function runNeeds(ruleId: string, specs: readonly string[]): Int32Array {
	const table = parseLead(ruleId, specs);
	const out: number[] = [];
	for (let kind = 1; kind <= 3; kind++) {
		for (let len = 1; len < 64; len++) {
			if (table[(kind * 64 + len) * FOLLOWS] === 1) {
				out.push(kind, len);
				break;
			}
		}
	}
	return Int32Array.from(out);
}

/** Sets bit `r` in every slot s of `table` (words ints per slot) for which `pass(s)` holds. */
function fill(table: Int32Array, words: number, r: number, pass: (slot: number) => boolean): void {
	for (let s = 0; s * words < table.length; s++) if (pass(s)) table[s * words + (r >> 5)] |= 1 << (r & 31);
}

/** Compiles `rules`; with `leads` false, lead shapes and prechecks are ignored (the reference they are tested against). */
export function buildPlan(rules: readonly RedactionRule[], leads = true): Plan {
	const kwSets: KeywordSet[] = [];
	const kwByKey = new Map<string, KeywordSet>();
	const kwSet = (words: readonly string[]): KeywordSet => {
		const key = words.join('\u0000');
		let set = kwByKey.get(key);
		if (!set) {
			set = keywordSet(kwSets.length, words);
			kwSets.push(set);
			kwByKey.set(key, set);
		}
		return set;
	};
	const windowRules: CompiledRule[] = [];
	const literal: Plan['literal'] = [];
	for (const rule of rules) {
		const c = compile(rule, windowRules.length, kwSet);
		if (!leads) c.lead = c.leadText = c.pre = c.seek = c.needs = undefined;
		if (rule.trigger?.literals) literal.push({ c, literals: rule.trigger.literals, after: rule.trigger.literalAfter });
		else windowRules.push(c);
	}
	const W = Math.max(1, Math.ceil(windowRules.length / 32));
	const trig = windowRules.map((c) => c.rule.trigger ?? {});
	const finite = (xs: number[]) => Math.max(0, ...xs.filter((x) => Number.isFinite(x) && x < Number.MAX_SAFE_INTEGER));
	const lengthTop = finite(trig.map((t) => t.minLength ?? 0));
	const lettersTop = finite(trig.map((t) => t.minLetters ?? 0));
	const maxDigitsTop = finite(trig.map((t) => t.maxDigits ?? 0)) + 1;
	const plan: Plan = {
		rules: windowRules,
		words: W,
		bucketMask: new Int32Array((MAX_BUCKET + 1) * W),
		lengthMask: new Int32Array((lengthTop + 1) * W),
		lengthTop,
		lettersMask: new Int32Array((lettersTop + 1) * W),
		lettersTop,
		maxDigitsMask: new Int32Array((maxDigitsTop + 1) * W),
		maxDigitsTop,
		anyMask: new Int32Array(512 * W),
		allMask: new Int32Array(4 * W),
		freeMask: new Int32Array(W),
		leadMask: new Int32Array(LEAD_SLOTS * W),
		literalMask: new Int32Array(W),
		shapeMask: new Int32Array(W),
		singleAny: new Uint8Array(128),
		leadText: new Array(128).fill(undefined),
		leadPairs: new Uint8Array(1 << 14),
		leadSingle: new Int32Array(128 * W),
		anySlot: new Uint8Array(LEAD_SLOTS),
		anyStart: new Uint8Array(128).map((_, c) => ((c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122) ? 1 : 0)),
		runReach: new Int32Array(3 * 64 * W),
		noRun: new Int32Array(512 * W),
		maxLeadText: Math.max(0, ...windowRules.flatMap((c) => (c.leadText ?? []).map((t) => t.length))),
		followOk: new Int32Array(512 * W),
		literal,
		kwTable: kwSets.length <= MAX_KEYWORD_SETS ? buildKeywordTable(kwSets) : undefined,
	};
	const follows = new Map<number, Int32Array>();
	const firsts = new Map<number, Int32Array>();
	for (const c of windowRules) fillReach(plan, c, follows, firsts);
	fillByBits(plan.followOk, follows, W);
	fillByBits(plan.noRun, firsts, W);
	for (const c of windowRules) {
		const t = trig[c.index];
		const r = c.index;
		const any = charMaskOf(c.rule);
		const all = (t.scheme ? SCHEME_BIT : 0) | (t.twoColons ? COLON2_BIT : 0);
		const maxDigits = t.maxDigits ?? Number.MAX_SAFE_INTEGER;
		fill(plan.bucketMask, W, r, (d) => d >= Math.min(t.minDigits ?? 0, MAX_BUCKET));
		fill(plan.lengthMask, W, r, (len) => len >= (t.minLength ?? 0));
		fill(plan.lettersMask, W, r, (n) => n >= (t.minLetters ?? 0));
		// the top slot stands for every count above the largest finite maxDigits
		fill(plan.maxDigitsMask, W, r, (d) => (d < maxDigitsTop ? d <= maxDigits : maxDigits >= Number.MAX_SAFE_INTEGER || maxDigits > maxDigitsTop));
		fill(plan.anyMask, W, r, (m) => any === 0 || (m & any) !== 0);
		fill(plan.allMask, W, r, (m) => ((m << 9) & all) === all);
		if (!c.lead && !c.leadText) fill(plan.freeMask, W, r, () => true);
		if (c.lead) {
			fill(plan.leadMask, W, r, (k) => c.lead?.[k] === 1);
			fill(plan.shapeMask, W, r, () => true);
			for (let k = 0; k < LEAD_SLOTS; k++) plan.anySlot[k] |= c.lead[k];
		}
		for (const text of c.leadText ?? []) {
			const f = text.charCodeAt(0);
			if (f >= 128) {
				fill(plan.freeMask, W, r, () => true); // non-ASCII literal: no pre-filter, the rule may start anywhere
				continue;
			}
			plan.anyStart[f] = 1;
			if (text.length === 1) {
				plan.leadSingle[f * W + (r >> 5)] |= 1 << (r & 31);
				plan.singleAny[f] = 1;
				continue;
			}
			(plan.leadText[f] ??= []).push([text, r]);
			fill(plan.literalMask, W, r, () => true);
			plan.leadPairs[((f & 127) << 7) | (text.charCodeAt(1) & 127)] = 1;
		}
	}
	return plan;
}

// fillReach reads a slot as (kind << 9) | (length << 3) | follow class, kinds 1-3 as the scanner's run fields
if (KIND_DIGITS !== 1 || KIND_LETTERS !== 2 || KIND_MIXED !== 3 || FOLLOWS !== 8) throw new Error('lead slots: layout changed');

/** ASCII letter/digit kind of a code unit (lead.ts kinds), 0 for any other. */
function kindOf(c: number): number {
	if (c >= 48 && c <= 57) return KIND_DIGITS;
	return (c | 32) >= 97 && (c | 32) <= 122 ? KIND_LETTERS : 0;
}

/**
 * Fills rule c's bits of runReach and groups it by the charMask bits of followOk / noRun (see Plan;
 * fillByBits fills those once per distinct value: per rule, 512 slots cost the first call time).
 * Each lead slot needs a run of its kind and length and, unless its follow class is a space or
 * "other", that character in the window (a run's follower inside a window is in its charMask; after
 * the window it is a space). A literal lead needs the run its letters/digits prefix starts: exactly
 * that one when the literal goes on with another unit, else one at least as long, of its kind or
 * mixed; a literal without such a prefix needs its first unit in the window.
 */
function fillReach(plan: Plan, c: CompiledRule, follows: Map<number, Int32Array>, firsts: Map<number, Int32Array>): void {
	const W = plan.words;
	const r = c.index;
	const bit = 1 << (r & 31);
	const minRun = [0, 0, 0, 0];
	// shortest run per kind and charMask requirement: [kind, run, bits] once each (see CompiledRule.alts)
	const alts: number[] = [];
	const need = (kind: number, len: number, bits = 0) => {
		const l = Math.min(len, RUN_CAP);
		if (minRun[kind] === 0 || l < minRun[kind]) minRun[kind] = l;
		for (let i = 0; i < alts.length; i += 3) {
			if (alts[i] === kind && alts[i + 2] === bits) {
				alts[i + 1] = Math.min(alts[i + 1], l);
				return;
			}
		}
		alts.push(kind, l, bits);
	};
	// OR of the charMask bits one of which a lead needs after its run / as its first unit (literals
	// without a run); -1 once a lead needs none; `first` stays 0 without such literals
	let follow = 0;
	let first = 0;
	const lead = c.lead;
	if (lead) {
		for (let s = lead.indexOf(1); s >= 0; s = lead.indexOf(1, s + 1)) {
			const f = s & (FOLLOWS - 1);
			need(s >> 9, (s >> 3) & 63, f <= 1 ? 0 : CHAR_BITS[FOLLOW_CHARS[f - 1]]);
			if (f <= 1) follow = -1;
			else if (follow !== -1) follow |= CHAR_BITS[FOLLOW_CHARS[f - 1]];
		}
	}
	for (const text of c.leadText ?? []) {
		if (text.charCodeAt(0) >= 128) continue; // a free rule (never gated by leads)
		follow = -1;
		let len = 0;
		let kind = 0;
		while (len < text.length && kindOf(text.charCodeAt(len)) !== 0) kind |= kindOf(text.charCodeAt(len++));
		if (len === 0) {
			const b = CHAR_BITS[text[0]] ?? 0;
			first = b === 0 || first === -1 ? -1 : first | b;
			alts.push(0, 0, b);
		} else {
			need(kind, len);
			if (len === text.length) need(KIND_MIXED, len);
		}
	}
	c.alts = Int32Array.from(alts);
	for (let kind = 1; kind <= 3; kind++) {
		if (minRun[kind] === 0) continue;
		for (let len = minRun[kind]; len < 64; len++) plan.runReach[((kind - 1) * 64 + len) * W + (r >> 5)] |= bit;
	}
	byBits(follows, follow, W)[r >> 5] |= bit;
	byBits(firsts, first, W)[r >> 5] |= bit;
}

/** The rule mask of `bits` in `groups` (rules grouped by their follow / first charMask bits). */
function byBits(groups: Map<number, Int32Array>, bits: number, W: number): Int32Array {
	let g = groups.get(bits);
	if (!g) groups.set(bits, (g = new Int32Array(W)));
	return g;
}

/** Fills `table` (by charMask & 511) from rules grouped by bits: -1 passes every mask, 0 none, else masks sharing a bit. */
function fillByBits(table: Int32Array, groups: Map<number, Int32Array>, W: number): void {
	for (const [bits, rules] of groups) {
		if (bits === 0) continue;
		for (let m = 0; m < 512; m++) if (bits === -1 || (m & bits) !== 0) for (let k = 0; k < W; k++) table[m * W + k] |= rules[k];
	}
}

const planCache = new Map<string, Plan>();
const knownEntities = new Set(BUILT_IN_ENTITIES);

export function planFor(entities: string[] | undefined, extra: Set<string>): Plan {
	const key = entities ? [...new Set(entities)].sort().join(',') : '*';
	let plan = planCache.get(key);
	if (plan) return plan;
	let rules: readonly RedactionRule[] = RULES;
	if (entities) {
		const unknown = entities.filter((e) => !knownEntities.has(e) && !extra.has(e));
		if (unknown.length > 0) {
			throw new GovernanceError(GovernanceErrorCode.InvalidInput, `Unknown entity name(s): ${unknown.join(', ')}.`, {
				hint: `Use built-in names (${BUILT_IN_ENTITIES.join(', ')}) or the entity of a custom pattern / deny list.`,
				details: { unknown },
			});
		}
		const wanted = new Set(entities);
		rules = RULES.filter((r) => wanted.has(r.entity));
	}
	plan = buildPlan(rules);
	if (planCache.size > 64) planCache.clear();
	planCache.set(key, plan);
	return plan;
}

/** Rules that pass every window-level gate of the window (digits, length, letters, punctuation, maxDigits) into `mask`; false when none. */
export function gateWindow(plan: Plan, mask: Int32Array, digits: number, len: number, letters: number, cmask: number, single: boolean): boolean {
	const W = plan.words;
	const b = (digits < MAX_BUCKET ? digits : MAX_BUCKET) * W;
	const l = (len < plan.lengthTop ? len : plan.lengthTop) * W;
	const t = (letters < plan.lettersTop ? letters : plan.lettersTop) * W;
	const x = (digits < plan.maxDigitsTop ? digits : plan.maxDigitsTop) * W;
	const a = (cmask & 511) * W;
	const s = ((cmask >> 9) & 3) * W;
	let any = 0;
	for (let k = 0; k < W; k++) {
		let m = plan.bucketMask[b + k] & plan.lengthMask[l + k] & plan.lettersMask[t + k] & plan.anyMask[a + k] & plan.allMask[s + k];
		// maxDigits only applies to single-token windows: joined tokens may hold several entities.
		if (single) m &= plan.maxDigitsMask[x + k];
		mask[k] = m;
		any |= m;
	}
	return any !== 0;
}
