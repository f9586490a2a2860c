import fc from 'fast-check';
import { createAuditChain, parseAuditEventsText, queryAuditEvents, queryAuditLog } from '../../../lib/audit';
import type { AuditEvent, AuditQuery } from '../../../lib/audit';
import { KEY, clock } from './fixtures';

const IDS = ['exec-1', 'exec-2', 'exéc-3', 'x"4', 'wf-1', 'wf-10', 'u-1', 'Zoë', 'user', 'webhook', 'user:u-1', 'a\\b'];

function run(executionId: string, workflowId: string, actor: { type: string; id?: string; name?: string }, steps: number): AuditEvent[] {
	const chain = createAuditChain({ executionId, key: KEY, now: clock(), defaults: { actor, workflow: { id: workflowId, name: `W ${workflowId}` }, execution: { id: executionId, mode: 'webhook' } } });
	const events = Array.from({ length: steps }, (_, i) => chain.append({ action: 'data.sent_to_model', outcome: 'success', custom: { step: i, note: `see ${IDS[i % IDS.length]}` } }));
	events.push(chain.close());
	return events;
}

/** A log line per event: canonical (as the emitter writes), pretty with escapes (as another tool may), or blank lines between. */
function write(events: AuditEvent[], styles: number[]): string {
	return events
		.map((e, i) => {
			switch (styles[i % styles.length] % 3) {
				case 0:
					return JSON.stringify(e);
				case 1:
					// Every non-ASCII character escaped, as many JSON writers do: the filter value is not there literally.
					return JSON.stringify(e).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
				default:
					return `\r\n  ${JSON.stringify(e, null, 0)}  `;
			}
		})
		.join('\n');
}

const queryArb: fc.Arbitrary<AuditQuery> = fc.oneof(
	fc.record({ executionId: fc.constantFrom(...IDS) }),
	fc.record({ workflowId: fc.constantFrom(...IDS) }),
	fc.record({ actor: fc.constantFrom(...IDS, 'user:Zoë', 'webhook:exec-1') }),
	fc.record({ executionId: fc.constantFrom(...IDS), actor: fc.constantFrom(...IDS) }),
	fc.constant({}),
);

describe('queryAuditLog', () => {
	const runs = [
		run('exec-1', 'wf-1', { type: 'user', id: 'u-1', name: 'Zoë' }, 2),
		run('exéc-3', 'wf-10', { type: 'webhook', id: 'x"4' }, 1),
		run('x"4', 'a\\b', { type: 'user', id: 'user:u-1' }, 3),
	];
	const events = [runs[0][0], runs[1][0], runs[2][0], runs[0][1], runs[2][1], runs[1][1], runs[0][2], runs[2][2], runs[2][3]];

	test('when logs are written in any style and queried by any filter then the timeline is the one of the parsed events', () => {
		fc.assert(
			fc.property(fc.array(fc.nat(5), { minLength: 1, maxLength: 9 }), queryArb, (styles, query) => {
				const text = write(events, styles);
				const expected = queryAuditEvents(parseAuditEventsText(text) as AuditEvent[], query);
				expect(queryAuditLog(text, query)).toEqual(expected);
				expect(queryAuditLog(Buffer.from(text, 'utf8'), query)).toEqual(expected);
			}),
			{ numRuns: 400, seed: 11 },
		);
	});

	test('when a filter matches then the matching executions come back, and a JSON array works too', () => {
		const text = write(events, [0]);
		expect(queryAuditLog(text, { executionId: 'exéc-3' }).chains.map((c) => c.chainId)).toEqual(['exéc-3']);
		// As type:id (exec-1's user u-1) and as an id written with a colon (x"4's actor).
		expect(queryAuditLog(text, { actor: 'user:u-1' }).chains.map((c) => c.chainId)).toEqual(['exec-1', 'x"4']);
		expect(queryAuditLog(text, { workflowId: 'a\\b' }).total).toBe(4);
		expect(queryAuditLog(JSON.stringify(events), { workflowId: 'wf-10' }).total).toBe(2);
	});

	test('when a line that can match is not JSON then it throws naming the line; a broken line that cannot match is not read', () => {
		const lines = events.map((e) => JSON.stringify(e));
		const broken = [...lines.slice(0, 3), '{"chainid":"exec-1", oops', ...lines.slice(3)].join('\n');
		expect(() => queryAuditLog(broken, { executionId: 'exec-1' })).toThrow(/^Line 4 is not JSON/);
		expect(() => queryAuditLog(broken, {})).toThrow(/^Line 4 is not JSON/);
		expect(queryAuditLog(broken, { executionId: 'exéc-3' }).total).toBe(2);
	});
});
