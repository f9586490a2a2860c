import type { FlagResolution, FlagSource } from '../types';

/** A settable in-memory source for tests and demos; counts evaluations. */
export interface InMemoryFlagSource extends FlagSource {
	set(value: boolean | FlagResolution): void;
	readonly calls: number;
}

/** Creates an {@link InMemoryFlagSource} starting at `initial` (default false = switch off). */
export function createInMemorySource(flagKey: string, initial: boolean | FlagResolution = false, name = 'In-memory'): InMemoryFlagSource {
	let current: FlagResolution = typeof initial === 'boolean' ? { value: initial } : { ...initial };
	let calls = 0;
	return {
		name,
		flagKey,
		get calls() {
			return calls;
		},
		set(value) {
			current = typeof value === 'boolean' ? { value } : { ...value };
		},
		async evaluate() {
			calls++;
			return { ...current };
		},
	};
}

/** A source that always reports the switch as off. */
export function createNoopSource(flagKey = 'noop'): FlagSource {
	return { name: 'No-op', flagKey, evaluate: async () => ({ value: false, reason: 'no-op source never halts' }) };
}
