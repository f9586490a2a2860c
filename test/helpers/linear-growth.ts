/**
 * Linear-growth check without a clock bound: runs `work` on an input and on the same input `factor`
 * times longer, and returns how much faster than the input the CPU time grew (best of `repeats`
 * runs each, so a busy machine inflates it less). Linear work gives about 1; quadratic work gives
 * about `factor`. Tests assert it stays below a bound between the two (e.g. 2.5 for factor 4).
 */
export interface GrowthOptions {
	/** the larger input is this many times the smaller (default 4) */
	factor?: number;
	/** runs per size; the fastest counts (default 3) */
	repeats?: number;
}

function cpuMs(): number {
	const u = process.cpuUsage();
	return (u.user + u.system) / 1000;
}

function best(work: () => void, repeats: number): number {
	let min = Infinity;
	for (let i = 0; i < repeats; i++) {
		const t0 = cpuMs();
		work();
		min = Math.min(min, cpuMs() - t0);
	}
	// below the timer's resolution both sizes read 0: count a floor of 1 ms
	return Math.max(min, 1);
}

/** CPU time of work(make(factor·n)) over factor × CPU time of work(make(n)). */
export function growthRatio<T>(make: (scale: number) => T, work: (input: T) => unknown, options: GrowthOptions = {}): number {
	const factor = options.factor ?? 4;
	const repeats = options.repeats ?? 3;
	const small = make(1);
	const large = make(factor);
	work(small); // warm up the code path
	const a = best(() => work(small), repeats);
	const b = best(() => work(large), repeats);
	return b / (factor * a);
}
