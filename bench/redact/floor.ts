/**
 * What one regex pass per rule costs, against a whole peer (`npm run bench:redact:floor`): on the bench
 * corpus, in one process, alternating rounds,
 *   - each built-in rule's pattern as a bare global search over every item (exec loop, no gates, no
 *     validation, no context): the sum is the least a scan running every pattern once can cost;
 *   - the same patterns joined into one alternation (first 10, 20, 30, all): V8 runs the alternatives
 *     one after the other at each position; a bare search over up to about 30 of them costs about half
 *     of separate passes, a larger one several times more. (Inside the engine, where each position
 *     found must also be tried by the rules after the one that matched there, joining gained nothing:
 *     0.95-1.03x of the separate passes, measured on the bench corpus, identical detections.)
 *   - what any word-list recognizer pays at least: each word cut out of the text and looked up once in a Map
 *     (no tokenizer, no rules around it), and our tokenizer with one lexicon lookup per token;
 *   - @redactpii/node's whole redact() per item; our regex rules as the engine runs them (derived gates
 *     skip the rules a text cannot match, e.g. most secrets); our whole detect() with every default entity.
 * Figures are CPU µs per item (process.cpuUsage), medians over rounds. Last, every rule's pattern once over each
 * adversarial 1 MB input of the bench (test/helpers/hostile.ts), against its < 50 ms target.
 */
import { DEFAULT_MIN_SCORE, RULES, detect } from '../../lib/redaction';
import { scanRules } from '../../lib/redaction/accept';
import { planFor } from '../../lib/redaction/plan';
import { PROSE_ENTITIES } from '../../lib/redaction/prose';
import { getLexicon } from '../../lib/redaction/prose/lexicon';
import { tokenize } from '../../lib/redaction/prose/tokens';
import { makeCorpus } from './corpus';
import { HOSTILE_UNITS, hostileInput } from '../../test/helpers/hostile';

const WORDS = 'each word looked up once in a Map (the least a word-list recognizer costs)';
const PEER = '@redactpii/node redact(), whole';
const RULES_AS_RUN = 'ours, the regex rules only, as the engine runs them (gates, validation, context)';
const DETECT = 'ours detect(), every default entity';
const ITEMS = Number(process.env.BENCH_FLOOR_ITEMS ?? 256);
const ROUNDS = 5;
const log = (s = '') => process.stdout.write(`${s}\n`);
const cpuUs = () => {
	const u = process.cpuUsage();
	return u.user + u.system;
};

/** A bare global search to the end of the text, one unit after each match. */
function searchAll(re: RegExp, text: string): number {
	let n = 0;
	re.lastIndex = 0;
	for (let m = re.exec(text); m !== null; m = re.exec(text)) {
		n++;
		re.lastIndex = m.index + 1;
	}
	return n;
}

/** Each run of ASCII letters looked up once, lower-cased, in `words`: the least a word-list recognizer does. */
function lookupWords(text: string, words: Map<string, number>): number {
	let hits = 0;
	let start = -1;
	for (let i = 0; i <= text.length; i++) {
		const c = i < text.length ? text.charCodeAt(i) | 32 : 0;
		const letter = c >= 97 && c <= 122;
		if (letter && start < 0) start = i;
		else if (!letter && start >= 0) {
			if (words.has(text.slice(start, i).toLowerCase())) hits++;
			start = -1;
		}
	}
	return hits;
}

/** Our tokenizer, then one lexicon lookup per token. */
function lookupTokens(text: string): number {
	const lx = getLexicon();
	const t = tokenize(text);
	let bits = 0;
	for (let k = 0; k < t.count; k++) bits |= lx.lookup(text.slice(t.start[k], t.end[k]).toLowerCase());
	return bits;
}

/** Patterns as one alternation, back-references shifted past the groups before them (no named groups in the rules). */
function joined(patterns: RegExp[]): RegExp | undefined {
	let groups = 0;
	const parts: string[] = [];
	for (const p of patterns) {
		const offset = groups;
		parts.push(`(?:${p.source.replace(/\\(\d+)/g, (_, d: string) => `\\${Number(d) + offset}`)})`);
		groups += new RegExp(`${p.source}|`, p.flags.replace(/[gyd]/g, '')).exec('')!.length - 1;
	}
	try {
		return new RegExp(parts.join('|'), 'g');
	} catch {
		return undefined;
	}
}

function main(): void {
	const texts = makeCorpus(ITEMS).map((i) => i.text);
	const chars = texts.reduce((a, t) => a + t.length, 0) / texts.length;
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { Redactor } = require('@redactpii/node') as { Redactor: new () => { redact(t: string): string } };
	const peer = new Redactor();
	const plan = planFor(undefined, new Set(PROSE_ENTITIES));
	const plain = RULES.filter((r) => !r.pattern.flags.includes('i') && !r.pattern.flags.includes('u'));
	const byRule = RULES.map((r) => new RegExp(r.pattern.source, r.pattern.flags.includes('g') ? r.pattern.flags : `${r.pattern.flags}g`));
	// a word list as large as the corpus's vocabulary (the lexicon's own lookup is measured on its own line)
	const vocabulary = new Map<string, number>();
	for (const t of texts) for (const w of t.toLowerCase().match(/[a-z]+/g) ?? []) vocabulary.set(w, w.length);
	const runs: Array<[string, () => void]> = [
		[`every rule's pattern alone (${RULES.length} passes)`, () => texts.forEach((t) => byRule.forEach((re) => searchAll(re, t)))],
		...[10, 20, 30, plain.length].map((n): [string, () => void] => {
			const re = joined(plain.slice(0, n).map((r) => r.pattern));
			return [`${n} patterns (no i/u flag) joined in one alternation`, () => re && texts.forEach((t) => searchAll(re, t))];
		}),
		...[10, 20, 30, plain.length].map((n): [string, () => void] => {
			const alone = plain.slice(0, n).map((r) => new RegExp(r.pattern.source, `${r.pattern.flags.replace('g', '')}g`));
			return [`the same ${n} patterns, one pass each`, () => texts.forEach((t) => alone.forEach((re) => searchAll(re, t)))];
		}),
		[WORDS, () => texts.forEach((t) => lookupWords(t, vocabulary))],
		['our tokenizer + one lexicon lookup per token', () => texts.forEach((t) => lookupTokens(t))],
		[PEER, () => texts.forEach((t) => peer.redact(t))],
		[RULES_AS_RUN, () => texts.forEach((t) => scanRules(t, plan, DEFAULT_MIN_SCORE))],
		[DETECT, () => texts.forEach((t) => detect(t, { minScore: DEFAULT_MIN_SCORE }))],
	];
	const times = runs.map(() => [] as number[]);
	for (const [, run] of runs) run();
	for (let r = 0; r < ROUNDS; r++) {
		runs.forEach(([, run], k) => {
			const t0 = cpuUs();
			run();
			times[k].push((cpuUs() - t0) / texts.length);
		});
	}
	const med = (xs: number[]) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
	log(`bench:redact:floor — ${texts.length} bench-corpus items of ${Math.round(chars)} chars, node ${process.version}; CPU µs per item, median of ${ROUNDS} alternating rounds`);
	runs.forEach(([name], k) => log(`  ${med(times[k]).toFixed(1).padStart(8)} µs  ${name}`));
	const us = (label: string) => med(times[runs.findIndex(([name]) => name === label)]);
	const peerUs = us(PEER);
	const hostile = HOSTILE_UNITS.map(([, unit, head]) => {
		const input = hostileInput(unit, 1 << 20, head);
		const t0 = cpuUs();
		byRule.forEach((re) => searchAll(re, input));
		return (cpuUs() - t0) / 1000;
	}).sort((a, b) => a - b);
	log(`  every rule's pattern once over each adversarial 1 MB input (${hostile.length}): CPU ms min ${hostile[0].toFixed(0)}, median ${med(hostile).toFixed(0)}, max ${hostile[hostile.length - 1].toFixed(0)} (target for the whole detect: < 50)`);
	log(`  every pattern once: ×${(med(times[0]) / peerUs).toFixed(2)} of @redactpii/node's whole redact(); each word looked up once: ×${(us(WORDS) / peerUs).toFixed(2)}; our regex rules as run: ×${(us(RULES_AS_RUN) / peerUs).toFixed(2)}; our detect(): ×${(us(DETECT) / peerUs).toFixed(2)}`);
}

main();
