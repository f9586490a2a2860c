import { DeadlineError, credentialHeader, fetchSafely, withDeadline } from '../../../lib/kill-switch/http';
import type { Wait } from '../../../lib/kill-switch/http';

/** A wait the test ends by hand: `fire()` is the deadline passing; an abort of its signal rejects it, as n8n's sleep does. */
function manualWait() {
	const state: { fire: () => void; signal?: AbortSignal; ms?: number } = { fire: () => undefined };
	const wait: Wait = async (ms, signal) =>
		await new Promise<void>((resolve, reject) => {
			state.ms = ms;
			state.signal = signal;
			state.fire = resolve;
			signal.addEventListener('abort', () => reject(signal.reason), { once: true });
		});
	return { wait, state };
}

/** A request that never answers on its own and rejects when its signal aborts (as n8n's helper does with `abortSignal`). */
function pendingRequest() {
	const seen: { signal?: AbortSignal } = {};
	const send = async (signal: AbortSignal) =>
		await new Promise<string>((_, reject) => {
			seen.signal = signal;
			signal.addEventListener('abort', () => reject(new Error('canceled')), { once: true });
		});
	return { send, seen };
}

describe('withDeadline', () => {
	test('when the answer comes first then it is returned, and the wait and the request signal are released', async () => {
		const { wait, state } = manualWait();
		let requestSignal: AbortSignal | undefined;
		const answer = await withDeadline(async (signal) => ((requestSignal = signal), 'answer'), 500, wait);
		expect(answer).toBe('answer');
		expect(state.ms).toBe(500);
		expect(state.signal?.aborted).toBe(true);
		expect(requestSignal?.aborted).toBe(true);
	});

	test('when the deadline passes while the answer is still coming then it rejects with a timeout and aborts the request', async () => {
		const { wait, state } = manualWait();
		const { send, seen } = pendingRequest();
		const result = withDeadline(send, 500, wait);
		await Promise.resolve();
		expect(seen.signal?.aborted).toBe(false);
		state.fire();
		await expect(result).rejects.toThrow(DeadlineError);
		expect(seen.signal?.aborted).toBe(true);
	});

	test('when the execution is cancelled then the request is aborted and the wait ends with it', async () => {
		const { wait, state } = manualWait();
		const { send, seen } = pendingRequest();
		const cancel = new AbortController();
		const result = withDeadline(send, 500, wait, cancel.signal);
		cancel.abort();
		await expect(result).rejects.toThrow('the execution was stopped while waiting for the answer');
		expect(seen.signal?.aborted).toBe(true);
		expect(state.signal?.aborted).toBe(true);
	});

	test('when the execution was cancelled before the request then nothing is sent and nothing waits', async () => {
		const { wait, state } = manualWait();
		const { send, seen } = pendingRequest();
		const cancel = new AbortController();
		cancel.abort();
		await expect(withDeadline(send, 500, wait, cancel.signal)).rejects.toThrow('the execution was stopped while waiting for the answer');
		expect(seen.signal).toBeUndefined();
		expect(state.signal).toBeUndefined();
	});

	test('when the deadline passes then the source reports TIMEOUT with the configured milliseconds', async () => {
		const resolution = await fetchSafely(async () => await Promise.reject(new DeadlineError(500)), { url: 'http://x', method: 'GET', headers: {}, timeoutMs: 500 }, 'OFREP');
		expect(resolution).toEqual({ errorCode: 'TIMEOUT', errorMessage: 'OFREP did not answer within 500 ms.' });
	});
});

describe('credentialHeader', () => {
	test.each([
		// name trimmed, value kept as it is
		[' X-API-Key ', 'k 1', { 'X-API-Key': 'k 1' }],
		// no name or no value: no header (a service without authentication)
		['', 'secret', {}],
		['Authorization', '', {}],
		[undefined, undefined, {}],
	])('credentialHeader(%j, %j) = %j', (name, value, expected) => {
		expect(credentialHeader(name, value)).toEqual(expected);
	});
});
