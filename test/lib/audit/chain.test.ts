import {
	AUDIT_CHAIN_CLOSED_TYPE,
	REDACTED_SECRET,
	canonicalize,
	chainAnchor,
	chainStateAfter,
	createAuditChain,
	defaultIsSecret,
	hashAuditEvent,
	initialChainState,
	signClose,
	signNext,
	verifyAuditEvents,
} from '../../../lib/audit';
import type { AuditChainState, AuditEventInput } from '../../../lib/audit';
import { GovernanceError, GovernanceErrorCode } from '../../../lib/errors/governance-error';
import { KEY, KEYS, clock, makeChain } from './fixtures';
import { createHash, createHmac } from 'node:crypto';

const input: AuditEventInput = {
	action: 'record.changed',
	outcome: 'success',
	actor: { type: 'webhook', id: 'hook-1' },
	workflow: { id: 'wf-9', name: 'CRM sync', versionId: 'v3' },
	execution: { id: 'e-9', mode: 'webhook' },
	target: { type: 'crm.contact', id: 'c-1' },
	id: 'evt-1',
	time: '2024-05-01T12:00:00.000Z',
	spanId: '1111111111111111',
};

describe('signNext', () => {
	test('when an event is signed then it is a CloudEvents 1.0 envelope with integrity extensions', () => {
		const { event, state } = signNext(initialChainState('e-9'), input, KEY);
		expect(event).toMatchObject({
			specversion: '1.0',
			id: 'evt-1',
			source: '/n8n/workflows/wf-9',
			type: 'io.n8n.governance.audit.recorded',
			time: '2024-05-01T12:00:00.000Z',
			subject: 'crm.contact/c-1',
			datacontenttype: 'application/json',
			chainid: 'e-9',
			seq: 0,
			prevhash: chainAnchor('e-9'),
			keyid: KEY.id,
		});
		expect(Object.keys(event).every((k) => /^[a-z0-9]+$/.test(k))).toBe(true);
		expect(event.traceparent).toBe(`00-${event.data.correlationId}-1111111111111111-01`);
		expect(state).toEqual({ chainId: 'e-9', seq: 1, prevHash: hashAuditEvent(event) });
	});

	test('when the signature is recomputed by hand then it is HMAC-SHA256 over the canonical event without sig', () => {
		const { event } = signNext(initialChainState('e-9'), input, KEY);
		const { sig, ...unsigned } = event;
		expect(sig).toBe(createHmac('sha256', KEY.secret).update(canonicalize(unsigned)).digest('hex'));
		expect(chainAnchor('e-9')).toBe(createHash('sha256').update('n8n-governance-audit-anchor:e-9').digest('hex'));
	});

	test('when the state goes through JSON between steps then the chain still verifies', () => {
		let state: AuditChainState = JSON.parse(JSON.stringify(initialChainState('e-9')));
		const events = [];
		for (let i = 0; i < 4; i++) {
			const result = signNext(state, { ...input, id: `evt-${i}` }, KEY);
			events.push(JSON.parse(JSON.stringify(result.event)));
			state = JSON.parse(JSON.stringify(result.state));
		}
		events.push(signClose(state, { id: 'evt-close' }, KEY).event);
		expect(verifyAuditEvents(events, KEYS, { requireClosed: true })).toMatchObject({ valid: true, problems: [] });
	});

	test('when a chain is resumed from its last event then the next event links to it', () => {
		const first = makeChain('e-r', 2, { close: false });
		const state = chainStateAfter(first[1]);
		expect(state.seq).toBe(2);
		const chain = createAuditChain({ chainId: 'e-r', key: KEY, startSeq: state.seq, prevHash: state.prevHash });
		const more = [chain.append({ ...input, id: 'late' }), chain.close()];
		expect(verifyAuditEvents([...first, ...more], KEYS, { requireClosed: true }).valid).toBe(true);
	});

	test('when the chain is closed then the closing event counts the events before it and no more can be signed', () => {
		const events = makeChain('e-c', 3);
		const last = events[3];
		expect(last.type).toBe(AUDIT_CHAIN_CLOSED_TYPE);
		expect(last.data.count).toBe(3);
		expect(last.data.action).toBe('audit.chain.closed');
		expect(() => signNext(chainStateAfter(last), input, KEY)).toThrow(/closed/);
	});

	test('when no traceparent is given then all events of an execution share the derived correlation id', () => {
		const events = makeChain('e-t', 3);
		expect(new Set(events.map((e) => e.data.correlationId)).size).toBe(1);
		expect(new Set(events.map((e) => e.traceparent)).size).toBe(4);
	});

	test('when a valid incoming traceparent is given then its trace id is the correlation id', () => {
		const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
		const { event } = signNext(initialChainState('x'), { ...input, traceparent }, KEY);
		expect(event.data.correlationId).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
	});

	test('when the profile is given then environment, owner and classification are copied and nothing else', () => {
		const profile = { environment: 'production', owner: 'o@example.com', dataClassification: 'restricted', signingSecret: 'do-not-copy' };
		const { event } = signNext(initialChainState('x'), { ...input, profile }, KEY);
		expect(event.data).toMatchObject({ environment: 'production', owner: 'o@example.com', dataClassification: 'restricted' });
		expect(JSON.stringify(event)).not.toContain('do-not-copy');
	});
});

describe('secret sanitising', () => {
	const secrets: Array<[string, string]> = [
		['an AWS access key', 'AKIAIOSFODNN7EXAMPLE'],
		['a GitHub token', `ghp_${'a1B2'.repeat(9)}`],
		['a Slack token', 'xoxb-123456789012-abcdefghij'],
		['an sk- API key', 'sk-proj-abcdefghijklmnopqrstuvwx'],
		['a PEM private key', '-----BEGIN RSA PRIVATE KEY-----\nMIIE...'],
		['a JWT', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U'],
		['a secret inside text', 'my key is AKIAIOSFODNN7EXAMPLE ok'],
	];

	test.each(secrets)('when a custom field holds %s then it is masked and recorded', (_name, secret) => {
		expect(defaultIsSecret(secret)).toBe(true);
		const { event } = signNext(initialChainState('x'), { ...input, custom: { deep: { list: ['fine', secret] } } }, KEY);
		expect(event.data.custom).toEqual({ deep: { list: ['fine', REDACTED_SECRET] } });
		expect(event.data.sanitized).toEqual({ secretsMasked: 1, paths: ['data.custom.deep.list[1]'] });
		expect(JSON.stringify(event)).not.toContain(secret);
	});

	test.each([['a plain word', 'hello world'], ['an email', 'a@example.com'], ['a uuid', '0452e875-45da-4fb7-9171-776fad0ac51e'], ['a short sk-', 'sk-1']])(
		'when a value is %s then it is not a secret',
		(_name, value) => {
			expect(defaultIsSecret(value)).toBe(false);
		},
	);

	test('when a custom isSecret hook is given then it decides, also for target and policy details', () => {
		const isSecret = (v: string) => v.includes('hunter2');
		const { event } = signNext(
			initialChainState('x'),
			{ ...input, target: { type: 't', id: 'hunter2' }, policies: [{ policy: 'p', result: 'r', detail: 'pw hunter2' }], custom: { a: 'AKIAIOSFODNN7EXAMPLE' } },
			KEY,
			{ isSecret },
		);
		expect(event.data.target?.id).toBe(REDACTED_SECRET);
		expect(event.data.policies?.[0].detail).toBe(REDACTED_SECRET);
		expect(event.data.custom?.a).toBe('AKIAIOSFODNN7EXAMPLE');
		expect(event.data.sanitized?.secretsMasked).toBe(2);
	});

	test('when an object key is a secret then the key is masked too', () => {
		const { event } = signNext(initialChainState('x'), { ...input, custom: { 'sk-abcdefghijklmnopqrstu': 1 } }, KEY);
		expect(event.data.custom).toEqual({ [`${REDACTED_SECRET}#1`]: 1 });
	});
});

describe('input errors', () => {
	test.each<[string, () => unknown, GovernanceErrorCode]>([
		['the action is empty', () => signNext(initialChainState('x'), { ...input, action: '' }, KEY), GovernanceErrorCode.InvalidInput],
		['the actor is missing', () => signNext(initialChainState('x'), { ...input, actor: undefined as never }, KEY), GovernanceErrorCode.InvalidInput],
		['the time is not RFC 3339', () => signNext(initialChainState('x'), { ...input, time: 'yesterday' }, KEY), GovernanceErrorCode.InvalidInput],
		['a custom value is a function', () => signNext(initialChainState('x'), { ...input, custom: { f: () => 1 } }, KEY), GovernanceErrorCode.InvalidInput],
		['a custom value is NaN', () => signNext(initialChainState('x'), { ...input, custom: { n: NaN } }, KEY), GovernanceErrorCode.InvalidInput],
		['the chain id is empty', () => initialChainState(''), GovernanceErrorCode.InvalidInput],
		['a resumed chain lacks prevHash', () => initialChainState('x', { startSeq: 3 }), GovernanceErrorCode.InvalidInput],
		['the key has no secret', () => signNext(initialChainState('x'), input, { id: 'k', secret: '' }), GovernanceErrorCode.InvalidConfiguration],
	])('when %s then a GovernanceError is thrown', (_name, run, code) => {
		try {
			run();
			throw new Error('did not throw');
		} catch (error) {
			expect(error).toBeInstanceOf(GovernanceError);
			expect((error as GovernanceError).code).toBe(code);
		}
	});

	test('when a clock is injected then events use it', () => {
		const chain = createAuditChain({ executionId: 'e', key: KEY, now: clock(0) });
		expect(chain.append({ action: 'a', outcome: 'b', actor: { type: 'system' } }).time).toBe('1970-01-01T00:00:01.000Z');
	});
});
