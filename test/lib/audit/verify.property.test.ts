import fc from 'fast-check';
import { canonicalize, createAuditChain, signNext, verifyAuditEvents } from '../../../lib/audit';
import type { AuditEvent, JsonValue } from '../../../lib/audit';
import { KEY, KEYS, T0, clone } from './fixtures';

type Json = JsonValue;
type Path = Array<string | number>;

const customArb = fc.dictionary(fc.string({ maxLength: 6 }), fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), fc.boolean(), fc.constant(null)), { maxKeys: 3 });

const chainArb = fc.record({
	executionId: fc.stringMatching(/^[A-Za-z0-9-]{1,8}$/),
	steps: fc.array(fc.record({ action: fc.constantFrom('workflow.started', 'data.sent_to_model', 'approval.decided', 'record.changed'), outcome: fc.constantFrom('success', 'failure', 'denied'), custom: customArb }), { minLength: 1, maxLength: 4 }),
});

let counter = 0;
function buildChain(spec: { executionId: string; steps: Array<{ action: string; outcome: string; custom: Record<string, unknown> }> }, key = KEY): AuditEvent[] {
	let t = T0;
	const chain = createAuditChain({
		executionId: spec.executionId,
		key,
		now: () => new Date((t += 1000)),
		defaults: { actor: { type: 'user', id: 'u1' }, workflow: { id: 'wf', versionId: 'v1' } },
	});
	const events = spec.steps.map((s) => chain.append({ ...s, id: `evt-${++counter}`, spanId: '1234567890abcdef' }));
	events.push(chain.close({ id: `evt-${++counter}`, spanId: '1234567890abcdef' }));
	return events;
}

/** Every node path inside an event (objects and arrays included), never the root. */
function allPaths(value: Json, prefix: Path = []): Path[] {
	if (value === null || typeof value !== 'object') return [];
	const keys: Array<string | number> = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
	return keys.flatMap((k) => {
		const here = [...prefix, k];
		return [here, ...allPaths((value as Record<string | number, Json>)[k], here)];
	});
}

function parentOf(root: Json, path: Path): Record<string | number, Json> {
	let node = root as Record<string | number, Json>;
	for (const k of path.slice(0, -1)) node = node[k] as Record<string | number, Json>;
	return node;
}

type Mutation =
	| { kind: 'replace'; event: number; path: number; value: Json }
	| { kind: 'delete'; event: number; path: number }
	| { kind: 'add'; event: number; path: number; key: string; value: Json }
	| { kind: 'remove'; event: number }
	| { kind: 'duplicate'; event: number; at: number }
	| { kind: 'move'; from: number; to: number }
	| { kind: 'forge'; event: number; at: number; value: Json }
	| { kind: 'foreign'; event: number; at: number; value: Json };

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
	fc.record({ kind: fc.constant('replace' as const), event: fc.nat(), path: fc.nat(), value: fc.jsonValue({ maxDepth: 1 }) as fc.Arbitrary<Json> }),
	fc.record({ kind: fc.constant('delete' as const), event: fc.nat(), path: fc.nat() }),
	fc.record({ kind: fc.constant('add' as const), event: fc.nat(), path: fc.nat(), key: fc.string({ maxLength: 5 }), value: fc.jsonValue({ maxDepth: 1 }) as fc.Arbitrary<Json> }),
	fc.record({ kind: fc.constant('remove' as const), event: fc.nat() }),
	fc.record({ kind: fc.constant('duplicate' as const), event: fc.nat(), at: fc.nat() }),
	fc.record({ kind: fc.constant('move' as const), from: fc.nat(), to: fc.nat() }),
	fc.record({ kind: fc.constant('forge' as const), event: fc.nat(), at: fc.nat(), value: fc.string() as fc.Arbitrary<Json> }),
	fc.record({ kind: fc.constant('foreign' as const), event: fc.nat(), at: fc.nat(), value: fc.string() as fc.Arbitrary<Json> }),
);

/** Applies a mutation; returns undefined when it would not change anything (then the case is skipped). */
function mutate(original: AuditEvent[], m: Mutation): unknown[] | undefined {
	const events = clone(original) as unknown as Json[];
	const n = events.length;
	switch (m.kind) {
		case 'replace':
		case 'delete':
		case 'add': {
			const target = events[m.event % n];
			const paths = allPaths(target);
			const path = paths[m.path % paths.length];
			const parent = parentOf(target, path);
			const key = path[path.length - 1];
			if (m.kind === 'replace') {
				if (canonicalize(parent[key]) === canonicalize(m.value)) return undefined;
				parent[key] = m.value;
			} else if (m.kind === 'delete') {
				if (Array.isArray(parent)) parent.splice(key as number, 1);
				else delete parent[key];
			} else {
				// Add a member next to the chosen one (its parent is always an object or array).
				if (Array.isArray(parent)) parent.push(m.value);
				else if (Object.prototype.hasOwnProperty.call(parent, m.key)) return undefined;
				else parent[m.key] = m.value;
			}
			return events;
		}
		case 'remove':
			events.splice(m.event % n, 1);
			return events;
		case 'duplicate':
			events.splice(m.at % (n + 1), 0, clone(events[m.event % n]));
			return events;
		case 'move': {
			const from = m.from % n;
			const to = (from + 1 + (m.to % (n - 1))) % n;
			const [moved] = events.splice(from, 1);
			events.splice(to, 0, moved);
			return events;
		}
		case 'forge': {
			// A new event at any position, signed with a key the verifier does not trust under the same key id.
			const seq = m.at % (n + 1);
			const prev = original[Math.max(0, seq - 1)];
			const { event } = signNext({ chainId: prev.chainid, seq, prevHash: prev.prevhash }, { action: 'forged', outcome: `forged:${String(m.value)}`, actor: { type: 'user' } }, { id: KEY.id, secret: 'not-the-key' });
			events.splice(seq, 0, event as unknown as Json);
			return events;
		}
		case 'foreign': {
			// An authentic event of another execution, signed with the real key.
			const other = FOREIGN[m.event % FOREIGN.length];
			events.splice(m.at % (n + 1), 0, other[m.at % other.length] as unknown as Json);
			return events;
		}
	}
}

// Signing dominates the cost of a case, so the mutation property draws from a pool of random
// chains signed once; the mutations (the part that must vary) are generated per case.
const POOL = fc.sample(chainArb, { numRuns: 300, seed: 4242 }).map((spec, i) => buildChain({ ...spec, executionId: `${spec.executionId}-${i}` }));
const FOREIGN = fc.sample(chainArb, { numRuns: 20, seed: 99 }).map((spec, i) => buildChain({ ...spec, executionId: `other-${i}` }));

describe('verifyAuditEvents (property)', () => {
	test('when any single field, event or order is changed in a closed chain then verification fails', () => {
		let checked = 0;
		fc.assert(
			fc.property(fc.nat(POOL.length - 1), mutationArb, (pick, mutation) => {
				const events = POOL[pick];
				const tampered = mutate(events, mutation);
				if (tampered === undefined) return;
				checked++;
				const result = verifyAuditEvents(tampered, KEYS, { requireClosed: true });
				expect(result.valid).toBe(false);
				expect(result.problems.length).toBeGreaterThan(0);
			}),
			{ numRuns: 10000 },
		);
		expect(checked).toBeGreaterThan(9500);
		for (const events of POOL) expect(verifyAuditEvents(events, KEYS, { requireClosed: true }).valid).toBe(true);
	});

	test('when untouched chains are interleaved in any order that keeps each chain in order then all verify', () => {
		fc.assert(
			fc.property(fc.array(chainArb, { minLength: 1, maxLength: 3 }), fc.array(fc.nat(), { maxLength: 30 }), (specs, picks) => {
				const chains = specs.map((s, i) => buildChain({ ...s, executionId: `${s.executionId}#${i}` }));
				const queues = chains.map((c) => [...c]);
				const mixed: AuditEvent[] = [];
				let p = 0;
				while (queues.some((q) => q.length > 0)) {
					const open = queues.filter((q) => q.length > 0);
					mixed.push(open[(picks[p++] ?? 0) % open.length].shift() as AuditEvent);
				}
				const result = verifyAuditEvents(JSON.parse(JSON.stringify(mixed)), KEYS, { requireClosed: true });
				expect(result.problems).toEqual([]);
				expect(result.chains).toHaveLength(chains.length);
			}),
			{ numRuns: 1000 },
		);
	});
});
