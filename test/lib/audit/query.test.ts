import { createAuditChain, formatAuditTimeline, parseAuditEventsText, parseKeyFile, queryAuditEvents } from '../../../lib/audit';
import type { AuditEvent } from '../../../lib/audit';
import { GovernanceError, GovernanceErrorCode } from '../../../lib/errors/governance-error';
import { KEY, T0, clock, makeChain } from './fixtures';

function webhookRun(): AuditEvent[] {
	const chain = createAuditChain({
		executionId: 'exec-web',
		key: KEY,
		now: clock(T0 - 60_000),
		defaults: { actor: { type: 'webhook', id: 'hook-9' }, workflow: { id: 'wf-2', name: 'Intake', versionId: 'v-7' }, execution: { id: 'exec-web', mode: 'webhook' } },
	});
	return [chain.append({ action: 'workflow.started', outcome: 'success' }), chain.append({ action: 'record.changed', outcome: 'success', target: { type: 'crm.contact', id: 'c-1' } })];
}

describe('queryAuditEvents', () => {
	const a = makeChain('exec-a', 2);
	const b = makeChain('exec-b', 1, { workflowId: 'wf-9' });
	const w = webhookRun();
	// Interleaved and shuffled, as a merged log file may be.
	const all = [b[1], a[2], w[1], a[0], b[0], w[0], a[1]];

	test.each<[string, Parameters<typeof queryAuditEvents>[1], string[]]>([
		['no filter', {}, ['exec-web', 'exec-a', 'exec-b']],
		['an execution id', { executionId: 'exec-a' }, ['exec-a']],
		['a workflow id', { workflowId: 'wf-9' }, ['exec-b']],
		['an actor id', { actor: 'hook-9' }, ['exec-web']],
		['an actor name', { actor: 'Alice' }, ['exec-a', 'exec-b']],
		['an actor type:id', { actor: 'user:u-7' }, ['exec-a', 'exec-b']],
		['an actor type', { actor: 'webhook' }, ['exec-web']],
		['an unknown execution', { executionId: 'nope' }, []],
	])('when filtering by %s then the matching executions are returned in time order', (_name, query, chains) => {
		expect(queryAuditEvents(all, query).chains.map((c) => c.chainId)).toEqual(chains);
	});

	test('when events are shuffled then each chain is sorted by seq', () => {
		const timeline = queryAuditEvents(all, { executionId: 'exec-a' });
		expect(timeline.chains[0].events.map((e) => e.seq)).toEqual([0, 1, 2]);
		expect(timeline.total).toBe(3);
		expect(timeline.chains[0]).toMatchObject({ executionId: 'exec-a', executionMode: 'webhook', workflow: { id: 'wf-1', versionId: 'v-42' }, closed: true });
	});

	test('when formatted then the text says what executed, which version and which identity', () => {
		const text = formatAuditTimeline(queryAuditEvents(all, { executionId: 'exec-a' }));
		expect(text).toContain('Execution exec-a [webhook] of workflow "Support bot" (wf-1)');
		expect(text).toContain('version: v-42');
		expect(text).toContain('identity: user:Alice (u-7)');
		expect(text).toContain('profile: environment=production owner=ops@example.com classification=confidential');
		expect(text).toMatch(/#1 \S+ data\.sent_to_model -> success by user:Alice \(u-7\) at node "Node 1" \(n8n-nodes-base\.set\) policies\[redaction=applied \(1 EMAIL_ADDRESS\)\]/);
		expect(text).toContain('(2 events before close)');
		expect(text.trim().endsWith('3 event(s) in 1 execution(s).')).toBe(true);
	});

	test('when nothing matches then the text says so', () => {
		expect(formatAuditTimeline(queryAuditEvents(all, { actor: 'nobody' }))).toBe('No matching audit events.\n');
	});
});

describe('parseAuditEventsText and parseKeyFile', () => {
	const events = makeChain('exec-p', 1);

	test.each([
		['a JSON array', JSON.stringify(events)],
		['JSON lines', events.map((e) => JSON.stringify(e)).join('\n')],
		['JSON lines with CRLF and blank lines', `\uFEFF${events.map((e) => JSON.stringify(e)).join('\r\n\r\n')}\r\n`],
	])('when the input is %s then all events are read', (_name, text) => {
		expect(parseAuditEventsText(text)).toEqual(events);
	});

	test('when a line is not JSON then the error names the line', () => {
		expect(() => parseAuditEventsText(`${JSON.stringify(events[0])}\n{oops`)).toThrow(/Line 2/);
	});

	test.each([
		['JSON', '{"k1":"s1","k2":"s2"}', { k1: 's1', k2: 's2' }],
		['lines', '# keys\nk1=s1\n\nk2 = s=2\n', { k1: 's1', k2: 's=2' }],
	])('when the key file is %s then keys are read', (_name, text, keys) => {
		expect(parseKeyFile(text)).toEqual(keys);
	});

	test.each([['empty', ''], ['no =', 'k1'], ['empty secret', '{"k1":""}'], ['bad JSON', '{k1']])('when the key file is %s then it is rejected', (_name, text) => {
		try {
			parseKeyFile(text);
			throw new Error('did not throw');
		} catch (error) {
			expect(error).toBeInstanceOf(GovernanceError);
			expect((error as GovernanceError).code).toBe(GovernanceErrorCode.InvalidConfiguration);
		}
	});
});
