/**
 * What the normalised view (lib/redaction/normalize.ts) costs on top of the engine, in one process:
 *   tsc -p bench/redact/tsconfig.json && node bench-results/build/bench/redact/normalize-cost.js
 * The engine's detect and the wrapper take turns text by text over the same texts; throughput is
 * MB of UTF-16 text per CPU-second. Three corpora: the bench's synthetic one as generated (mostly ASCII, some ü),
 * the same with every 50th space made a no-break space, and with German words (umlauts, no change).
 */
import { detect as engine } from '../../lib/redaction/detect';
import { detect as wrapped } from '../../lib/redaction/normalize';
import { makeCorpus } from './corpus';

const log = (s = '') => process.stdout.write(`${s}\n`);
const cpuMs = () => {
	const u = process.cpuUsage();
	return (u.user + u.system) / 1000;
};

/** CPU time of `f` and `g` on each text, taking turns text by text, so load changes hit both alike. */
function compare(name: string, texts: string[], rounds: number): void {
	let a = 0;
	let b = 0;
	for (let r = 0; r < rounds; r++) {
		texts.forEach((t, i) => {
			// who goes first alternates too: the second call finds the text in the caches
			const [first, second] = i % 2 === 0 ? [engine, wrapped] : [wrapped, engine];
			const t0 = cpuMs();
			first(t);
			const t1 = cpuMs();
			second(t);
			const t2 = cpuMs();
			a += i % 2 === 0 ? t1 - t0 : t2 - t1;
			b += i % 2 === 0 ? t2 - t1 : t1 - t0;
		});
	}
	const mb = (rounds * texts.reduce((n, t) => n + t.length * 2, 0)) / 1e6;
	log(`${name}: engine ${(mb / (a / 1000)).toFixed(1)} MB/s, with view ${(mb / (b / 1000)).toFixed(1)} MB/s, ratio ${(a / b).toFixed(3)} (${rounds} rounds, turns per text)`);
}

const ascii = makeCorpus(Number(process.env.ITEMS ?? 512)).map((i) => i.text);
let k = 0;
const nbsp = ascii.map((t) => t.replace(/ /g, (s) => (++k % 50 === 0 ? '\u00a0' : s)));
const german = ascii.map((t) => t.replace(/ the /g, ' für Müller '));
for (const t of ascii.slice(0, 32)) {
	engine(t);
	wrapped(t);
}
log(`non-ASCII texts: ${nbsp.filter((t) => /[^\x00-\x7f]/.test(t)).length}/${nbsp.length} (nbsp), ${german.filter((t) => /[^\x00-\x7f]/.test(t)).length}/${german.length} (german)`);
const rounds = Number(process.env.ROUNDS ?? 5);
compare('bench corpus as generated', ascii, rounds);
compare('every 50th space a no-break space', nbsp, rounds);
compare('German words added', german, rounds);
