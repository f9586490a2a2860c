/**
 * Added latency of a kill-switch check per execution with a warm cache:
 * decideWithCache (fresh hit) + evaluateKillSwitch. Target: p50 and p99 well under 50 µs.
 * Run: npm run bench:kill-switch
 */
import { createFlagCache, decideWithCache, flagCacheKey } from '../../lib/kill-switch/cache';
import { evaluateKillSwitch } from '../../lib/kill-switch/evaluate';
import { createInMemorySource } from '../../lib/kill-switch/sources/memory';

const WARMUP = 20_000;
const ITERATIONS = 200_000;
const TARGET_US = 50;

function percentile(sorted: Float64Array, p: number): number {
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function measure(label: string, ttlMs: number): Promise<{ p50: number; p99: number }> {
	const cache = createFlagCache();
	const source = createInMemorySource('ai-kill', false, 'In-memory');
	const key = flagCacheKey(source.name, source.flagKey, 'bench');
	const start = Date.now();
	const check = async (now: number) => {
		const decision = await decideWithCache({ cache, key, ttlMs, maxStaleMs: 60_000, now, resolve: () => source.evaluate() });
		return evaluateKillSwitch({ resolution: decision.resolution, switchName: 'bench', sourceName: source.name, flagKey: source.flagKey, now, cache: decision });
	};
	for (let i = 0; i < WARMUP; i++) await check(start);
	const samples = new Float64Array(ITERATIONS);
	let halts = 0;
	const total0 = process.hrtime.bigint();
	for (let i = 0; i < ITERATIONS; i++) {
		const t0 = process.hrtime.bigint();
		const outcome = await check(start);
		samples[i] = Number(process.hrtime.bigint() - t0) / 1000;
		if (outcome.halt) halts++;
	}
	const meanUs = Number(process.hrtime.bigint() - total0) / 1000 / ITERATIONS;
	samples.sort();
	const p50 = percentile(samples, 50);
	const p99 = percentile(samples, 99);
	console.log(
		`${label.padEnd(34)} n=${ITERATIONS}  mean ${meanUs.toFixed(2)} µs/op  p50 ${p50.toFixed(2)} µs  p99 ${p99.toFixed(2)} µs  max ${samples[samples.length - 1].toFixed(1)} µs  source calls ${source.calls}  halts ${halts}`,
	);
	return { p50, p99 };
}

async function main(): Promise<void> {
	console.log(`node ${process.version}, ${process.arch}; timer overhead included in per-op samples`);
	const warm = await measure('warm cache (decide + evaluate)', 30_000);
	await measure('no cache, in-memory source', 0);
	const pass = warm.p99 < TARGET_US;
	console.log(`target: warm-cache p99 < ${TARGET_US} µs → ${pass ? 'PASS' : 'FAIL'}`);
	if (!pass) process.exitCode = 1;
}

void main();
