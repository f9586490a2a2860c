/**
 * Floors on corpus (a): what parts of any engine that runs our rule table cost on this machine now,
 * next to our engine, so a throughput target can be checked against them.
 *   - pattern execs: exactly the pattern calls our engine makes on the corpus (recorded once, then
 *     replayed in a bare loop): an engine that runs these patterns at these places pays at least this.
 *   - candidate search: one native regex pass that finds every run starting with a digit, '@' or ':'
 *     (with following groups): a cheaper way to find where to look than our scanner, which does more.
 *   - our window scanner alone (lower-casing, windows and the context-word index), before any rule runs.
 * Each is the best of five passes, in MB (million UTF-16 units) per CPU-second.
 */
import { detect } from '../../lib/redaction';
import { newScan } from '../../lib/redaction/accept';
import { planFor } from '../../lib/redaction/plan';
import { newWindowList, scanWindows, WINDOW_STRIDE } from '../../lib/redaction/scanner';

const cpuMs = () => {
	const u = process.cpuUsage();
	return (u.user + u.system) / 1000;
};

function best(rounds: number, pass: () => void): number {
	let ms = Number.POSITIVE_INFINITY;
	for (let r = 0; r < rounds; r++) {
		const c0 = cpuMs();
		pass();
		ms = Math.min(ms, cpuMs() - c0);
	}
	return ms;
}

/** The pattern calls detect() makes on `texts`: [pattern, subject, lastIndex]. */
function recordExecs(texts: string[]): Array<[RegExp, string, number]> {
	const calls: Array<[RegExp, string, number]> = [];
	const plan = planFor(undefined, new Set());
	const patched = new Set<RegExp>();
	for (const c of plan.rules) {
		for (const re of [c.re, c.sticky]) {
			if (patched.has(re)) continue;
			const exec = re.exec;
			re.exec = function (this: RegExp, s: string) {
				calls.push([this, s, this.lastIndex]);
				return exec.call(this, s);
			};
			patched.add(re);
		}
	}
	try {
		for (const t of texts) detect(t);
	} finally {
		// the own property goes; RegExp.prototype.exec is back
		for (const re of patched) delete (re as { exec?: unknown }).exec;
	}
	return calls;
}

export function printFloors(texts: string[], log: (s: string) => void): void {
	const mb = texts.reduce((a, t) => a + t.length, 0) / 1e6;
	const perItem = (ms: number) => `${((ms * 1000) / texts.length).toFixed(1)} µs/item`;
	const rate = (ms: number) => `${(mb / (ms / 1000)).toFixed(1)} MB/cpu-s`;
	const calls = recordExecs(texts);
	let hits = 0;
	const execMs = best(5, () => {
		for (const [re, s, at] of calls) {
			re.lastIndex = at;
			if (re.exec(s) !== null) hits++;
		}
	});
	const search = /[0-9@:][^\s]*(?:\s[0-9(+][^\s]*)*/g;
	let found = 0;
	const searchMs = best(5, () => {
		for (const t of texts) {
			search.lastIndex = 0;
			while (search.test(t)) found++;
		}
	});
	const plan = planFor(undefined, new Set());
	const windows = newWindowList();
	let windowInts = 0;
	const scanMs = best(5, () => {
		for (const t of texts) {
			const scan = newScan(t, plan);
			scanWindows(scan.index === undefined ? t : scan.index.lower, t, windows, scan.index);
			windowInts += windows.length;
		}
	});
	const oursMs = best(5, () => {
		for (const t of texts) detect(t);
	});
	const budget = (4096 / 100e6) * 1e6;
	const n = texts.length;
	log(`\nFloors on corpus (a), ${n} items (best of 5 passes):`);
	log(`  pattern execs alone: ${(calls.length / n).toFixed(0)} per item (${(hits / 5 / n).toFixed(0)} match), replayed: ${rate(execMs)}, ${perItem(execMs)}`);
	log(`  candidate search, one native regex pass (${(found / 5 / n).toFixed(0)} runs per item): ${rate(searchMs)}, ${perItem(searchMs)}`);
	log(`  together ${perItem(execMs + searchMs)}; 100 MB/s leaves ${budget.toFixed(0)} µs per 4 KB item for everything`);
	log(`  our window scanner alone (${(windowInts / 5 / n / WINDOW_STRIDE).toFixed(0)} windows per item, context index included): ${rate(scanMs)}, ${perItem(scanMs)}`);
	log(`  ours, same passes: ${rate(oursMs)}, ${perItem(oursMs)}`);
}
