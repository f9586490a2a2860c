import type { FlagResolution } from './types';

/** One cached flag value. */
export interface CachedFlag {
	value: boolean;
	reason?: string;
	/** Epoch ms when the source answered. */
	fetchedAt: number;
}

/** Per-process cache. Correctness never depends on it: a miss just asks the source. */
export type FlagCache = Map<string, CachedFlag>;

/** Where the value used by {@link decideWithCache} came from. */
export type CacheOrigin = 'cache' | 'source' | 'stale-cache';

/** Result of {@link decideWithCache}. */
export interface CacheDecision {
	resolution: FlagResolution;
	origin: CacheOrigin;
	/** Age of the cached value used (origin cache / stale-cache). */
	ageMs?: number;
	/** The failed source answer that made a stale value be used. */
	sourceError?: FlagResolution;
}

/** Input of {@link decideWithCache}. */
export interface DecideWithCacheInput {
	cache: FlagCache;
	key: string;
	/** A cached value younger than this is used without asking the source. 0 disables caching. */
	ttlMs: number;
	/** Oldest cached value that may stand in for a failed source (only with `useStaleOnError`). */
	maxStaleMs: number;
	now: number;
	resolve: () => Promise<FlagResolution>;
	/** Default false: a failing source is reported as failing (and the switch fails closed). */
	useStaleOnError?: boolean;
	/** Bound on entries; the oldest inserted entry is dropped first. Default 1000. */
	maxEntries?: number;
}

/** Creates an empty {@link FlagCache}. */
export function createFlagCache(): FlagCache {
	return new Map();
}

/** Cache key for one flag of one source instance (`scope` distinguishes e.g. two Unleash URLs). */
export function flagCacheKey(sourceName: string, flagKey: string, scope = ''): string {
	return JSON.stringify([sourceName, scope, flagKey]);
}

function ageOf(entry: CachedFlag, now: number): number {
	return now - entry.fetchedAt;
}

/**
 * Returns a fresh cached value (age in [0, ttlMs)) without calling `resolve`; otherwise asks the
 * source and caches successful answers. On failure, a cached value with age in [0, maxStaleMs] is used
 * only when `useStaleOnError` is set. A value stamped in the future (clock moved back) is never fresh.
 * Never rejects: a throwing `resolve` becomes SOURCE_UNREACHABLE.
 */
export async function decideWithCache(input: DecideWithCacheInput): Promise<CacheDecision> {
	const { cache, key, now } = input;
	const cached = cache.get(key);
	if (cached !== undefined) {
		const age = ageOf(cached, now);
		if (age >= 0 && age < input.ttlMs) {
			return { resolution: cached.reason === undefined ? { value: cached.value } : { value: cached.value, reason: cached.reason }, origin: 'cache', ageMs: age };
		}
	}

	let resolution: FlagResolution;
	try {
		resolution = await input.resolve();
		if (resolution === null || typeof resolution !== 'object') {
			resolution = { errorCode: 'PARSE_ERROR', errorMessage: 'The source gave no resolution.' };
		}
	} catch {
		resolution = { errorCode: 'SOURCE_UNREACHABLE', errorMessage: 'The source failed unexpectedly.' };
	}

	if (resolution.errorCode === undefined && typeof resolution.value === 'boolean') {
		if (input.ttlMs > 0) {
			cache.delete(key);
			cache.set(key, resolution.reason === undefined ? { value: resolution.value, fetchedAt: now } : { value: resolution.value, reason: resolution.reason, fetchedAt: now });
			const maxEntries = input.maxEntries ?? 1000;
			while (cache.size > maxEntries) {
				const oldest = cache.keys().next();
				if (oldest.done === true) break;
				cache.delete(oldest.value);
			}
		}
		return { resolution, origin: 'source' };
	}

	const failure: FlagResolution =
		resolution.errorCode === undefined ? { errorCode: 'TYPE_MISMATCH', errorMessage: 'The source gave no boolean value.' } : resolution;
	if (input.useStaleOnError === true && cached !== undefined) {
		const age = ageOf(cached, now);
		if (age >= 0 && age <= input.maxStaleMs) {
			const stale: FlagResolution = cached.reason === undefined ? { value: cached.value } : { value: cached.value, reason: cached.reason };
			return { resolution: stale, origin: 'stale-cache', ageMs: age, sourceError: failure };
		}
	}
	return { resolution: failure, origin: 'source' };
}
