/**
 * Window dispatch: for each candidate window of the scanner, the rules that pass its gates are run —
 * lead-shaped rules only where their lead occurs (runLeads / tryAt), the others by a scan of the window.
 */
import { GovernanceError, GovernanceErrorCode } from '../errors/governance-error';
import { codeAt, newWindowList, scanWindows, WINDOW_STRIDE } from './scanner';
import type { KeywordSet } from './context';
import { KIND_DIGITS, KIND_LETTERS, KIND_MIXED, LEAD_SLOTS, leadSlot } from './lead';
import { gateWindow } from './plan';
import type { CompiledRule, Plan } from './plan';
import { acceptMatch, runRule, windowContext } from './accept';
import type { Scan } from './accept';
import type { Detection } from './types';

/** Units of text past a window that its slice keeps (see subOf). */
const RIGHT_PAD = 24;

const WINDOWS = newWindowList();
const MASK = new Int32Array(64);
/** The gated rules that have a lead shape or literal lead (and no non-ASCII one, which makes a rule free). */
const LEAD_GATE = new Int32Array(64);
/**
 * Per rule, valid while FROM_STAMP equals the window's stamp: where its next match may start (after
 * an accepted one), and the start (text offset) of the match its pattern found ahead, kept in PENDING.
 */
const FROM = new Int32Array(2048);
const NEXT_AT = new Int32Array(2048);
const PENDING: Array<RegExpExecArray | null> = new Array<RegExpExecArray | null>(2048).fill(null);
const FROM_STAMP = new Int32Array(2048);
let stamp = 0;

/** State of the window being dispatched: its slice (made once, when a pattern first runs) and context checks. */
interface WindowState {
	ws: number;
	we: number;
	sub: string | undefined;
	/** context sets checked around this window, and those found */
	kwChecked: number;
	kwFound: number;
}
const WIN: WindowState = { ws: 0, we: 0, sub: undefined, kwChecked: 0, kwFound: 0 };

function subOf(text: string): string {
	// The slice runs a little past the window so trailing lookaheads see the real next characters.
	if (WIN.sub === undefined) WIN.sub = text.slice(WIN.ws, WIN.we + RIGHT_PAD);
	return WIN.sub;
}

/** Context-only rules: the cheap check of the window's surroundings (once per word list and window) before any pattern runs. */
function contextAround(scan: Scan, c: CompiledRule): boolean {
	const kw = c.kw as KeywordSet;
	// more word lists than mask bits (no index either): check every time
	if (kw.id > 30) return windowContext(scan, kw, WIN.ws, WIN.we);
	const bit = 1 << kw.id;
	if ((WIN.kwChecked & bit) === 0) {
		WIN.kwChecked |= bit;
		if (windowContext(scan, kw, WIN.ws, WIN.we)) WIN.kwFound |= bit;
	}
	return (WIN.kwFound & bit) !== 0;
}

/**
 * Tries lead-shaped rule `c` at segment start `p` (text offset) of the current window. The rule's
 * global pattern searches from there (natively, like a plain scan) and the match it finds is kept
 * until the walk reaches its start: positions before it need no look, and a match that starts
 * where the rule has no lead is never accepted (what lead shapes and prechecks promise; tests
 * compare with a plain scan). Once the pattern finds nothing more, or the context check fails, the
 * rule leaves the window's gate. Returns false when it did.
 */
function tryAt(scan: Scan, c: CompiledRule, p: number): boolean {
	const r = c.index;
	if (FROM_STAMP[r] !== stamp) {
		FROM_STAMP[r] = stamp;
		FROM[r] = 0;
		NEXT_AT[r] = -1;
	}
	if (FROM[r] > p || NEXT_AT[r] > p) return true;
	if (c.ctxOnly && !contextAround(scan, c)) return false;
	if (c.seek !== undefined) {
		// the next offset where the precheck holds: the lead positions before it need no look
		const q = c.seek(scan.text, p, WIN.we);
		if (q < 0) return false;
		if (q > p) {
			FROM[r] = q;
			return true;
		}
	} else if (c.pre !== undefined && !c.pre(scan.text, p)) return true;
	const sub = subOf(scan.text);
	const ws = WIN.ws;
	const at = p - ws;
	let m: RegExpExecArray | null;
	if (NEXT_AT[r] === p) m = PENDING[r];
	else {
		const re = c.re;
		re.lastIndex = at;
		m = re.exec(sub);
		if (m === null || m.index >= WIN.we - ws) return false;
		if (m.index > at) {
			NEXT_AT[r] = ws + m.index;
			PENDING[r] = m;
			return true;
		}
	}
	const e = acceptMatch(c, scan, sub, m as RegExpExecArray, ws);
	FROM[r] = e > at ? ws + e : p + 1;
	NEXT_AT[r] = -1;
	return true;
}

// the walk ORs the kinds of a run's units into the run's kind
if ((KIND_DIGITS | KIND_LETTERS) !== KIND_MIXED) throw new Error('lead kinds: KIND_MIXED must be KIND_DIGITS | KIND_LETTERS');

/** Kind of an ASCII code unit: KIND_DIGITS for a digit, KIND_LETTERS for a letter, 0 else. */
const UNIT_KIND = new Uint8Array(128);
for (let c = 48; c <= 57; c++) UNIT_KIND[c] = KIND_DIGITS;
for (let c = 65; c <= 90; c++) UNIT_KIND[c] = UNIT_KIND[c + 32] = KIND_LETTERS;

function unitKind(c: number): number {
	return c < 128 ? UNIT_KIND[c] : 0;
}

/** Windows at least this long filter their walk by the live rules (LIVE_SLOT / LIVE_FIRST); shorter ones by the plan's. */
const LONG_WINDOW = 256;
/** Per lead slot / ASCII code unit, for the long window being walked: as Plan.anySlot / anyStart, over its live rules. */
const LIVE_SLOT = new Uint8Array(LEAD_SLOTS);
const LIVE_START = new Uint8Array(128);

/** Fills LIVE_SLOT and LIVE_START from the live rules of `mask` (a few thousand table reads). */
function fillLive(plan: Plan, mask: Int32Array, long: boolean): void {
	// called for every window, returning at once for short ones: as a call made in long windows only,
	// it was seen to lack type feedback in the compiled walk (despite the warm-up's long windows),
	// which then deoptimised on a hostile input ('1 1 1 …') and paid a recompile
	if (!long) return;
	const W = plan.words;
	const { leadMask, leadSingle, leadText } = plan;
	for (let s = 0; s < LEAD_SLOTS; s++) {
		let any = 0;
		for (let k = 0; k < W; k++) any |= leadMask[s * W + k] & mask[k];
		LIVE_SLOT[s] = any !== 0 ? 1 : 0;
	}
	for (let f = 0; f < 128; f++) {
		let any = 0;
		for (let k = 0; k < W; k++) any |= leadSingle[f * W + k] & mask[k];
		const texts = leadText[f];
		if (texts !== undefined) for (const [, r] of texts) any |= mask[r >> 5] & (1 << (r & 31));
		LIVE_START[f] = any !== 0 || UNIT_KIND[f] !== 0 ? 1 : 0;
	}
}

/**
 * Lead-shaped rules of the window: one walk over its segment starts (the window start and every
 * position after a unit that is not an ASCII letter/digit); at each, the rules whose lead shape or
 * literal lead occurs there are tried, in rule order. Slots and first units that no (live) rule can
 * lead at are passed over before any rule mask is read: in a long window of look-alikes the rules
 * still live often have no lead there at all, and the walk then only classifies runs (and skips
 * other units in a tight loop). Returns -1, or the position from which runLiterals is to finish a
 * long window whose live rules have no lead shape left.
 */
function runLeads(scan: Scan, plan: Plan, mask: Int32Array): number {
	const text = scan.text;
	const { ws, we } = WIN;
	const W = plan.words;
	const { leadMask, leadSingle, leadPairs, literalMask, shapeMask, singleAny } = plan;
	let live = 0;
	// some live rule has a lead shape: runs need classifying (else they are only skipped)
	let shapes = false;
	for (let k = 0; k < W; k++) {
		for (let bits = mask[k]; bits !== 0; bits &= bits - 1) live++;
		if ((mask[k] & shapeMask[k]) !== 0) shapes = true;
	}
	const long = we - ws >= LONG_WINDOW;
	fillLive(plan, mask, long);
	const slots = long ? LIVE_SLOT : plan.anySlot;
	const starts = long ? LIVE_START : plan.anyStart;
	// a literal longer than the slice's pad could cross the window end, past what runLiterals' slice shows
	const literals = plan.maxLeadText <= RIGHT_PAD && long;
	let p = ws;
	while (p < we) {
		if (!shapes && literals) return p;
		let f = text.charCodeAt(p);
		// units that are neither letter/digit nor a (live) literal lead's first: no rule can start there
		while (f >= 128 || starts[f] === 0) {
			if (++p >= we) return -1;
			f = text.charCodeAt(p);
		}
		let kind = UNIT_KIND[f];
		const run = kind !== 0;
		let q = p + 1;
		let slot = 0;
		if (run) {
			if (shapes) {
				for (; q < we; q++) {
					const k = unitKind(text.charCodeAt(q));
					if (k === 0) break;
					kind |= k;
				}
				slot = leadSlot(kind, q - p, codeAt(text, q));
				if (slots[slot] === 0) slot = 0;
			} else while (q < we && unitKind(text.charCodeAt(q)) !== 0) q++;
		}
		// f < 128 here (the skip loop passes every other unit)
		const single = singleAny[f] === 1;
		const literal = leadPairs[(f << 7) | (codeAt(text, p + 1) & 127)] === 1;
		if (slot !== 0 || single || literal) {
			for (let k = 0; k < W; k++) {
				let bits = leadMask[slot * W + k] & mask[k];
				if (single) bits |= leadSingle[f * W + k] & mask[k];
				if (literal && (mask[k] & literalMask[k]) !== 0) bits |= literalLeads(plan, text, p, k) & mask[k];
				while (bits !== 0) {
					const low = bits & -bits;
					bits ^= low;
					if (!tryAt(scan, plan.rules[k * 32 + 31 - Math.clz32(low)], p)) {
						// done with this window: hostile runs of lead positions then cost nothing more
						mask[k] &= ~low;
						if (--live === 0) return -1;
						shapes = false;
						for (let j = 0; j < W; j++) if ((mask[j] & shapeMask[j]) !== 0) shapes = true;
						fillLive(plan, mask, long);
					}
				}
			}
		}
		// after a run, its next unit is no segment start (it follows a letter/digit)
		p = run ? q + 1 : q;
	}
	return -1;
}

/**
 * The rest [p, we) of a long window whose live rules all have literal leads only (no shape): each
 * rule's literals are found with indexOf in the window slice, and the rule is tried where one
 * starts a segment (the window start or after a unit that is no ASCII letter/digit), in order: the
 * positions the walk would try it at, without classifying every run. Rules run one after another
 * (a window's candidates are sorted by rule afterwards). p < 0: nothing to do (see scanWindowsOf).
 */
function runLiterals(scan: Scan, plan: Plan, mask: Int32Array, p: number): void {
	if (p < 0) return;
	const W = plan.words;
	const text = scan.text;
	const { ws, we } = WIN;
	const sub = subOf(text);
	for (let k = 0; k < W; k++) {
		for (let bits = mask[k]; bits !== 0; bits &= bits - 1) {
			const c = plan.rules[k * 32 + 31 - Math.clz32(bits & -bits)];
			const texts = c.leadText ?? [];
			// next occurrence of each literal (offsets in sub), -1 when none is left; a typed array and
			// indexed loops: array maps (element kinds, iterators) seen only here deoptimised this code
			const next = new Int32Array(texts.length);
			for (let j = 0; j < texts.length; j++) next[j] = sub.indexOf(texts[j], p - ws);
			for (;;) {
				let x = -1;
				for (let j = 0; j < next.length; j++) if (next[j] >= 0 && (x < 0 || next[j] < x)) x = next[j];
				if (x < 0 || x >= we - ws) break;
				if ((x === 0 || unitKind(text.charCodeAt(ws + x - 1)) === 0) && !tryAt(scan, c, ws + x)) break;
				for (let j = 0; j < next.length; j++) if (next[j] === x) next[j] = sub.indexOf(texts[j], x + 1);
			}
		}
	}
}

/**
 * The rules of `bits` (word k) with a lead alternative whose run and character are both in the
 * window (runs, charMask). The plan's tables check runs and characters apart: a rule then stays
 * live in a long window where one lead's run and another's character occur, is never tried, and
 * keeps the walk classifying every run to its end (an 'a1[-]' lead in 'GB82 … G' without a '-').
 */
function possibleLeads(plan: Plan, k: number, bits: number, runs: number, cmask: number): number {
	for (let rest = bits; rest !== 0; rest &= rest - 1) {
		const low = rest & -rest;
		const alts = plan.rules[k * 32 + 31 - Math.clz32(low)].alts;
		if (alts === undefined) continue;
		let ok = false;
		for (let i = 0; i < alts.length && !ok; i += 3) {
			const kind = alts[i];
			ok = (alts[i + 2] === 0 || (cmask & alts[i + 2]) !== 0) && (kind === 0 || ((runs >> ((kind - 1) * 6)) & 63) >= alts[i + 1]);
		}
		// and a run the rule's matches all hold (trigger.needsRun)
		const needs = plan.rules[k * 32 + 31 - Math.clz32(low)].needs;
		if (ok && needs !== undefined) {
			ok = false;
			for (let i = 0; i < needs.length && !ok; i += 2) ok = ((runs >> ((needs[i] - 1) * 6)) & 63) >= needs[i + 1];
		}
		if (!ok) bits &= ~low;
	}
	return bits;
}

/** Bits (word k) of the rules with a literal lead at p. */
function literalLeads(plan: Plan, text: string, p: number, k: number): number {
	const texts = plan.leadText[text.charCodeAt(p)] as Array<[string, number]>;
	let bits = 0;
	for (let j = 0; j < texts.length; j++) {
		const r = texts[j][1];
		if (r >> 5 === k && text.startsWith(texts[j][0], p)) bits |= 1 << (r & 31);
	}
	return bits;
}

export function scanWindowsOf(scan: Scan, plan: Plan): void {
	const text = scan.text;
	const index = scan.index;
	scanWindows(index === undefined ? text : index.lower, text, WINDOWS, index);
	const win = WINDOWS.data;
	const nw = WINDOWS.length;
	const W = plan.words;
	if (W > MASK.length) throw new GovernanceError(GovernanceErrorCode.InvalidConfiguration, 'Too many rules in one rule set (max 2048).');
	const mask = MASK;
	const out = scan.out;
	const { runReach, noRun, followOk } = plan;
	for (let w = 0; w < nw; w += WINDOW_STRIDE) {
		const ws = win[w];
		const we = win[w + 1];
		if (!gateWindow(plan, mask, win[w + 2], we - ws, win[w + 4], win[w + 3], win[w + 5] === 1)) continue;
		// lead rules whose leads need a longer run, or a following character, than the window holds cannot start in it
		const runs = win[w + 6];
		const d = (runs & 63) * W;
		const l = (64 + ((runs >> 6) & 63)) * W;
		const m = (128 + ((runs >> 12) & 63)) * W;
		const f = (win[w + 3] & 511) * W;
		let leads = 0;
		let free = 0;
		for (let k = 0; k < W; k++) {
			LEAD_GATE[k] = mask[k] & ~plan.freeMask[k] & (noRun[f + k] | runReach[d + k] | runReach[l + k] | runReach[m + k]) & followOk[f + k];
			// a long window is walked unit by unit: there a rule is worth a closer look
			if (we - ws >= LONG_WINDOW) LEAD_GATE[k] = possibleLeads(plan, k, LEAD_GATE[k], runs, win[w + 3]);
			leads |= LEAD_GATE[k];
			free |= mask[k] & plan.freeMask[k];
		}
		WIN.ws = ws;
		WIN.we = we;
		WIN.sub = undefined;
		WIN.kwChecked = WIN.kwFound = 0;
		stamp++;
		const first = out.length;
		// runLiterals is called after every walk (at once returning unless it has the rest of a long
		// window): a call made only in long windows was seen to lack type feedback in the compiled
		// code and deoptimise it on a hostile input, like fillLive's
		if (leads !== 0) runLiterals(scan, plan, LEAD_GATE, runLeads(scan, plan, LEAD_GATE));
		if (free !== 0) {
			for (let k = 0; k < W; k++) {
				let bits = mask[k] & plan.freeMask[k];
				while (bits !== 0) {
					const low = bits & -bits;
					bits ^= low;
					const c = plan.rules[k * 32 + 31 - Math.clz32(low)];
					if (c.ctxOnly && !contextAround(scan, c)) continue;
					runRule(c, scan, subOf(text), ws, we - ws);
				}
			}
		}
		// Candidates of one window in rule order (each rule's in text order), as a rule-by-rule scan
		// lists them: overlap resolution keeps the first of equal candidates.
		if (out.length - first > 1) sortByRule(out, first, scan.rules);
	}
}

/** Stable insertion sort of out[first..] by rule index (a window holds few candidates). */
function sortByRule(out: Detection[], first: number, rules: number[]): void {
	for (let i = first + 1; i < out.length; i++) {
		const d = out[i];
		const r = rules[i];
		let j = i - 1;
		while (j >= first && rules[j] > r) {
			out[j + 1] = out[j];
			rules[j + 1] = rules[j];
			j--;
		}
		out[j + 1] = d;
		rules[j + 1] = r;
	}
}
