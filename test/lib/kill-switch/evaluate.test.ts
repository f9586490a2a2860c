import { evaluateKillSwitch, SOURCE_ERROR_HINTS } from '../../../lib/kill-switch/evaluate';
import type { FlagErrorCode } from '../../../lib/kill-switch/types';

const NOW = Date.UTC(2025, 5, 1, 8, 0, 0);
const base = { switchName: 'AI outbound', sourceName: 'Unleash', flagKey: 'ai-kill', now: NOW };

describe('evaluateKillSwitch', () => {
	test('when the flag is true then it halts and says how to resume', () => {
		const outcome = evaluateKillSwitch({ ...base, resolution: { value: true, reason: 'Vendor outage' } });
		expect(outcome).toEqual({
			halt: true,
			tripped: { switch: 'AI outbound', source: 'Unleash', reason: 'Vendor outage', trippedAt: '2025-06-01T08:00:00.000Z' },
			message: expect.stringMatching(/is ON .*Reason: Vendor outage\. To resume, set the flag to false in Unleash\./),
		});
	});

	test('when the flag is false then it continues without a trip', () => {
		expect(evaluateKillSwitch({ ...base, resolution: { value: false } })).toEqual({ halt: false, message: expect.stringMatching(/is off/) });
	});

	test.each([
		// inverted flag (e.g. "workflow-enabled"): false halts
		[false, false, true],
		[false, true, false],
	])('when haltWhen=%p and the flag is %p then halt=%p', (haltWhen, value, halt) => {
		expect(evaluateKillSwitch({ ...base, haltWhen, resolution: { value } }).halt).toBe(halt);
	});

	// Every code a source can report: SOURCE_ERROR_HINTS must hold one per code (the type system enforces it).
	const codes = Object.keys(SOURCE_ERROR_HINTS) as FlagErrorCode[];

	test.each(codes)('when the source reports %s and onError is default then it halts (fail closed) naming source and code', (errorCode) => {
		const outcome = evaluateKillSwitch({ ...base, resolution: { errorCode, errorMessage: 'details' } });
		expect(outcome.halt).toBe(true);
		expect(outcome.errorCode).toBe(errorCode);
		expect(outcome.tripped).toMatchObject({ switch: 'AI outbound', source: 'Unleash', reason: `${errorCode}: details` });
		expect(outcome.message).toContain('Unleash flag "ai-kill"');
		expect(outcome.message).toContain(errorCode);
		expect(outcome.message).toMatch(/fail closed/);
		expect(outcome.message).toMatch(/To fix: /);
	});

	test.each(codes)('when the source reports %s and onError is continue then it continues with a warning', (errorCode) => {
		const outcome = evaluateKillSwitch({ ...base, onError: 'continue', resolution: { errorCode } });
		expect(outcome).toMatchObject({ halt: false, errorCode });
		expect(outcome.tripped).toBeUndefined();
		expect(outcome.message).toMatch(/fail open/);
	});

	test('when the resolution has neither value nor error then it is treated as TYPE_MISMATCH and halts', () => {
		expect(evaluateKillSwitch({ ...base, resolution: {} })).toMatchObject({ halt: true, errorCode: 'TYPE_MISMATCH' });
	});

	test('when a stale cached value is used then the message says so', () => {
		const outcome = evaluateKillSwitch({ ...base, resolution: { value: false }, cache: { origin: 'stale-cache', ageMs: 42_000, sourceError: { errorCode: 'TIMEOUT' } } });
		expect(outcome.message).toMatch(/cached value from 42 s ago because Unleash failed \(TIMEOUT\)/);
	});
});
