import type { GateSettings } from '../../../lib/approval/gate';
import {
	bindingRequestId,
	effectiveApprovers,
	gateRequest,
	parseApproverRoster,
	previousApprovers,
	previousTotpSteps,
} from '../../../lib/approval/gate';
import { GovernanceError } from '../../../lib/errors/governance-error';

const SECRET = 'a-signing-secret-of-sufficient-length-0123456789';
const settings = (overrides: Partial<GateSettings> = {}): GateSettings => ({
	title: 'Refund',
	riskNote: '',
	summary: '',
	requestedBy: 'carol@example.com',
	fields: [],
	approvers: ['alice@example.com', 'bob@example.com'],
	allowAnyone: false,
	requireTotp: false,
	excludeApprovers: [],
	...overrides,
});

describe('approver roster credential', () => {
	test('when emails and secrets are listed then they are normalised and keyed by email', () => {
		const roster = parseApproverRoster(' Alice@Example.com\nbob@example.com, alice@example.com\n', 'alice@example.com = jbsw y3dp ehpk 3pxp\n\n');
		expect(roster).toEqual({ approvers: ['alice@example.com', 'bob@example.com'], totpSecrets: { 'alice@example.com': 'JBSWY3DPEHPK3PXP' } });
	});

	test.each([
		['an approver is not an email', 'alice', ''],
		['a secret line has no "="', 'alice@example.com', 'alice@example.com JBSWY3DPEHPK3PXP'],
		['a secret is not base32', 'alice@example.com', 'alice@example.com=not*base32!!!!!!!!'],
		['a secret is too short', 'alice@example.com', 'alice@example.com=JBSWY3DP'],
	])('when %s then parsing throws a configuration error', (_, emails, secrets) => {
		expect(() => parseApproverRoster(emails, secrets)).toThrow(GovernanceError);
	});
});

describe('request id binding', () => {
	const id = (s: GateSettings, execution = '10', node = 'n1') => bindingRequestId(SECRET, execution, node, s);

	test('when nothing security-relevant changes then the id is stable (order and case of approvers do not matter)', () => {
		expect(id(settings())).toBe(id(settings({ approvers: ['BOB@example.com', 'alice@example.com'], title: 'Other title' })));
	});

	test.each<[string, Partial<GateSettings> | { execution: string } | { node: string }]>([
		['the requester', { requestedBy: 'dave@example.com' }],
		['the approvers', { approvers: ['alice@example.com'] }],
		['allow anyone', { allowAnyone: true }],
		['the TOTP requirement', { requireTotp: true }],
		['the excluded approvers', { excludeApprovers: ['bob@example.com'] }],
		['the execution', { execution: '11' }],
		['the node', { node: 'n2' }],
	])('when %s changes then the id changes', (_, change) => {
		const execution = 'execution' in change ? change.execution : '10';
		const node = 'node' in change ? change.node : 'n1';
		const changed = 'execution' in change || 'node' in change ? settings() : settings(change as Partial<GateSettings>);
		expect(id(changed, execution, node)).not.toBe(id(settings()));
	});
});

describe('earlier decisions in the run', () => {
	const items = [
		{ json: { approval: { approver: 'Alice@example.com', totpStep: 100 } } },
		{ json: { approval: { approver: 'alice@example.com', totpStep: 101 } } },
		{ json: { other: true } },
	];

	test('when items carry approvals then their approvers and TOTP steps are collected', () => {
		expect(previousApprovers(items)).toEqual(['alice@example.com']);
		expect(previousTotpSteps(items)).toEqual({ 'alice@example.com': [100, 101] });
	});

	test('when earlier approvers are excluded then they are not asked again, and nobody left is an error', () => {
		expect(effectiveApprovers(settings({ excludeApprovers: ['alice@example.com'] }))).toEqual(['bob@example.com']);
		expect(() =>
			gateRequest(settings({ approvers: ['alice@example.com'], excludeApprovers: ['alice@example.com'] }), { secret: SECRET, executionId: '1', nodeId: 'n' }, { now: 0, expiresAt: 1000 }),
		).toThrow('No approvers are listed.');
	});
});
