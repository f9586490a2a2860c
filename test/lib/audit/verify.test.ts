import { signNext, initialChainState, verifyAuditEvents } from '../../../lib/audit';
import type { AuditEvent, AuditProblemCode } from '../../../lib/audit';
import { KEY, KEYS, clone, makeChain } from './fixtures';

type Tamper = (events: AuditEvent[]) => unknown[];

function codes(events: unknown[], options = {}): AuditProblemCode[] {
	return [...new Set(verifyAuditEvents(events, KEYS, options).problems.map((p) => p.code))].sort();
}

describe('verifyAuditEvents', () => {
	test('when the chain is untouched then it is valid', () => {
		const result = verifyAuditEvents(makeChain(), KEYS, { requireClosed: true });
		expect(result).toEqual({ valid: true, problems: [], eventCount: 4, chains: [{ chainId: 'exec-1', events: 4, closed: true }] });
	});

	test('when keys are given as an array then it is valid too', () => {
		expect(verifyAuditEvents(makeChain(), [KEY]).valid).toBe(true);
	});

	test.each<[string, Tamper, AuditProblemCode[]]>([
		['an outcome is changed', (e) => { e[1].data.outcome = 'failure'; return e; }, ['bad_signature', 'prevhash_mismatch']],
		['a custom field is changed', (e) => { (e[1].data.custom as Record<string, unknown>).step = 99; return e; }, ['bad_signature', 'prevhash_mismatch']],
		['a field is added', (e) => { (e[2] as unknown as Record<string, unknown>).extra = 1; return e; }, ['bad_signature', 'prevhash_mismatch']],
		['the time is changed', (e) => { e[0].time = '2030-01-01T00:00:00.000Z'; return e; }, ['bad_signature', 'prevhash_mismatch']],
		['the signature is replaced', (e) => { e[0].sig = e[1].sig; return e; }, ['bad_signature', 'prevhash_mismatch']],
		['an event in the middle is removed', (e) => [e[0], e[2], e[3]], ['prevhash_mismatch', 'seq_mismatch']],
		['the first event is removed', (e) => e.slice(1), ['seq_mismatch']],
		['the closing event is removed (with requireClosed)', (e) => e.slice(0, 3), ['not_closed']],
		['the tail before the closing event is cut', (e) => [e[0], e[3]], ['prevhash_mismatch', 'seq_mismatch']],
		['two events are swapped', (e) => [e[0], e[2], e[1], e[3]], ['prevhash_mismatch', 'seq_mismatch']],
		['an event is duplicated', (e) => [e[0], e[1], e[1], e[2], e[3]], ['duplicate_id', 'prevhash_mismatch', 'seq_mismatch']],
		['a forged event is inserted', (e) => { const f = clone(e[1]); f.id = 'forged'; return [e[0], f, ...e.slice(1)]; }, ['bad_signature', 'prevhash_mismatch', 'seq_mismatch']],
		['an event is signed with an unknown key', (e) => { e[1].keyid = 'other'; return e; }, ['prevhash_mismatch', 'unknown_key']],
		['an event is appended after closing', (e) => [...e, signNext({ chainId: 'exec-1', seq: 4, prevHash: 'a'.repeat(64) }, { action: 'x', outcome: 'y', actor: { type: 'system' } }, KEY).event], ['after_close', 'prevhash_mismatch']],
		['the anchor is wrong', (e) => [signNext(initialChainState('exec-1', { prevHash: 'b'.repeat(64) }), { action: 'x', outcome: 'y', actor: { type: 'system' } }, KEY).event, ...e.slice(1)], ['bad_anchor', 'prevhash_mismatch']],
		['an entry is not an object', (e) => [e[0], 'junk', ...e.slice(1)], ['malformed']],
		['prevhash is not hex', (e) => { e[1].prevhash = 'zz'; return e; }, ['malformed', 'prevhash_mismatch', 'seq_mismatch']],
	])('when %s then it is reported', (_name, tamper, expected) => {
		const tampered = tamper(clone(makeChain()));
		expect(codes(tampered, { requireClosed: true })).toEqual(expected);
		expect(verifyAuditEvents(tampered, KEYS, { requireClosed: true }).valid).toBe(false);
	});

	test('when the closing event is removed and requireClosed is off then the cut tail is not detectable (documented limit)', () => {
		expect(verifyAuditEvents(makeChain().slice(0, 3), KEYS).valid).toBe(true);
	});

	test('when problems are reported then each names the event id and a reason', () => {
		const events = clone(makeChain());
		events[2].data.outcome = 'tampered';
		const [problem] = verifyAuditEvents(events, KEYS).problems;
		expect(problem).toMatchObject({ index: 2, eventId: events[2].id, chainId: 'exec-1', seq: 2, code: 'bad_signature' });
		expect(problem.reason).toMatch(/Signature mismatch/);
	});

	test('when several chains are interleaved then each verifies on its own', () => {
		const a = makeChain('exec-a', 3);
		const b = makeChain('exec-b', 2);
		const c = makeChain('exec-c', 1, { close: false });
		const mixed = [a[0], b[0], c[0], a[1], b[1], a[2], b[2], a[3], c[1]].filter(Boolean);
		const result = verifyAuditEvents(mixed, KEYS);
		expect(result.valid).toBe(true);
		expect(result.chains.map((x) => x.chainId)).toEqual(['exec-a', 'exec-b', 'exec-c']);
	});

	test('when one of several interleaved chains is tampered then only that chain is reported', () => {
		const a = makeChain('exec-a', 3);
		const b = clone(makeChain('exec-b', 3));
		const mixed = [a[0], b[0], a[1], b[2], a[2], b[3], a[3]];
		const result = verifyAuditEvents(mixed, KEYS);
		expect(result.valid).toBe(false);
		expect(new Set(result.problems.map((p) => p.chainId))).toEqual(new Set(['exec-b']));
	});

	test('when an event of another chain is moved into a chain then both chains report it', () => {
		const a = makeChain('exec-a', 3);
		const b = makeChain('exec-b', 3);
		const result = verifyAuditEvents([...a.slice(0, 2), b[1], ...a.slice(2), b[0], ...b.slice(2)], KEYS);
		expect(result.valid).toBe(false);
	});

	test('when a tool reorders the JSON members then events still verify (full canonicalisation decides)', () => {
		const reverse = (v: unknown): unknown =>
			Array.isArray(v) ? v.map(reverse) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, reverse(x)])) : v;
		const reordered = makeChain().map(reverse);
		expect(Object.keys(reordered[0] as object)[0]).toBe('type');
		expect(verifyAuditEvents(reordered, KEYS, { requireClosed: true }).valid).toBe(true);
		(reordered[1] as AuditEvent).data.outcome = 'failure';
		expect(codes(reordered)).toEqual(['bad_signature', 'prevhash_mismatch']);
	});

	test('when the input is empty then it is valid with no chains', () => {
		expect(verifyAuditEvents([], KEYS)).toMatchObject({ valid: true, chains: [] });
	});
});
