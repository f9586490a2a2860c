import { createFlagCache, decideWithCache, flagCacheKey } from '../../../lib/kill-switch/cache';
import type { FlagResolution } from '../../../lib/kill-switch/types';

const T0 = 1_700_000_000_000;
const TTL = 10_000;
const MAX_STALE = 60_000;
const KEY = flagCacheKey('Unleash', 'ai-kill', 'https://u');

function counter(result: FlagResolution | (() => never)) {
	let calls = 0;
	const resolve = async () => {
		calls++;
		return typeof result === 'function' ? result() : result;
	};
	return { resolve, calls: () => calls };
}

async function warm(value = true) {
	const cache = createFlagCache();
	await decideWithCache({ cache, key: KEY, ttlMs: TTL, maxStaleMs: MAX_STALE, now: T0, resolve: async () => ({ value, reason: 'r' }) });
	return cache;
}

describe('decideWithCache', () => {
	test('when the cache is empty then the source is asked and the value cached', async () => {
		const cache = createFlagCache();
		const source = counter({ value: true });
		expect(await decideWithCache({ cache, key: KEY, ttlMs: TTL, maxStaleMs: MAX_STALE, now: T0, resolve: source.resolve })).toEqual({ resolution: { value: true }, origin: 'source' });
		expect(cache.get(KEY)).toEqual({ value: true, fetchedAt: T0 });
	});

	test.each([
		// same instant
		[0, 'cache', 0],
		// one ms before the TTL ends
		[TTL - 1, 'cache', 0],
		// exactly at TTL: stale, ask again
		[TTL, 'source', 1],
		// after TTL
		[TTL + 1, 'source', 1],
		// clock went backwards: never trust
		[-1, 'source', 1],
	])('when the cached value is %i ms old then origin is %s and the source is called %i times', async (age, origin, calls) => {
		const cache = await warm();
		const source = counter({ value: false });
		const decision = await decideWithCache({ cache, key: KEY, ttlMs: TTL, maxStaleMs: MAX_STALE, now: T0 + age, resolve: source.resolve });
		expect(decision.origin).toBe(origin);
		expect(source.calls()).toBe(calls);
	});

	test.each([
		// stale allowed, within max staleness
		[true, TTL + 5, 'stale-cache', true],
		// stale allowed, exactly at max staleness
		[true, MAX_STALE, 'stale-cache', true],
		// stale allowed, one ms too old
		[true, MAX_STALE + 1, 'source', undefined],
		// stale not allowed (default)
		[false, TTL + 5, 'source', undefined],
	])('when the source fails, useStale=%p and age %i then origin %s and value %p', async (useStale, age, origin, value) => {
		const cache = await warm(true);
		const decision = await decideWithCache({
			cache,
			key: KEY,
			ttlMs: TTL,
			maxStaleMs: MAX_STALE,
			now: T0 + age,
			useStaleOnError: useStale,
			resolve: async () => ({ errorCode: 'TIMEOUT', errorMessage: 'slow' }),
		});
		expect(decision.origin).toBe(origin);
		expect(decision.resolution.value).toBe(value);
		if (origin === 'stale-cache') {
			expect(decision.sourceError).toEqual({ errorCode: 'TIMEOUT', errorMessage: 'slow' });
			expect(decision.ageMs).toBe(age);
		} else {
			expect(decision.resolution.errorCode).toBe('TIMEOUT');
		}
	});

	test('when the source fails then the old entry is kept, not overwritten', async () => {
		const cache = await warm(true);
		await decideWithCache({ cache, key: KEY, ttlMs: TTL, maxStaleMs: MAX_STALE, now: T0 + TTL, resolve: async () => ({ errorCode: 'HTTP_ERROR' }) });
		expect(cache.get(KEY)?.fetchedAt).toBe(T0);
	});

	test('when resolve throws then the decision is SOURCE_UNREACHABLE instead of a rejection', async () => {
		const decision = await decideWithCache({
			cache: createFlagCache(),
			key: KEY,
			ttlMs: TTL,
			maxStaleMs: MAX_STALE,
			now: T0,
			resolve: async () => {
				throw new Error('internal detail');
			},
		});
		expect(decision.resolution).toEqual({ errorCode: 'SOURCE_UNREACHABLE', errorMessage: 'The source failed unexpectedly.' });
	});

	test('when the source gives no boolean and no error then it is a TYPE_MISMATCH and not cached', async () => {
		const cache = createFlagCache();
		const decision = await decideWithCache({ cache, key: KEY, ttlMs: TTL, maxStaleMs: MAX_STALE, now: T0, resolve: async () => ({}) });
		expect(decision.resolution.errorCode).toBe('TYPE_MISMATCH');
		expect(cache.size).toBe(0);
	});

	test('when ttl is 0 then nothing is cached', async () => {
		const cache = createFlagCache();
		await decideWithCache({ cache, key: KEY, ttlMs: 0, maxStaleMs: 0, now: T0, resolve: async () => ({ value: true }) });
		expect(cache.size).toBe(0);
	});

	test('when maxEntries is exceeded then the oldest entry is evicted', async () => {
		const cache = createFlagCache();
		for (const k of ['a', 'b', 'c']) {
			await decideWithCache({ cache, key: k, ttlMs: TTL, maxStaleMs: 0, now: T0, maxEntries: 2, resolve: async () => ({ value: false }) });
		}
		expect([...cache.keys()]).toEqual(['b', 'c']);
	});

	test('when two sources share a flag name then their keys differ', () => {
		expect(flagCacheKey('Unleash', 'f', 'https://a')).not.toBe(flagCacheKey('Unleash', 'f', 'https://b'));
		expect(flagCacheKey('Unleash', 'f')).not.toBe(flagCacheKey('OFREP', 'f'));
	});
});
