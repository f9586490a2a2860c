// Real n8n round trips (and a wait timeout polled every 60 s) need far more than jest's 5 s default.
jest.setTimeout(180000);

/**
 * fetch keeps connections alive; n8n closes idle ones after 5 s. A request sent on a socket the server is closing
 * at that moment fails with "other side closed" (or EPIPE, when the request was still being written) before n8n
 * saw it (e.g. the first call after a slow beforeAll), so it is safe to send once more on a fresh connection.
 */
const RETRYABLE = new Set(['UND_ERR_SOCKET', 'ECONNRESET', 'EPIPE']);
const originalFetch = globalThis.fetch;
globalThis.fetch = async (input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) => {
	try {
		return await originalFetch(input, init);
	} catch (error) {
		const code = (error as { cause?: { code?: string } }).cause?.code;
		if (code === undefined || !RETRYABLE.has(code)) throw error;
		return await originalFetch(input, init);
	}
};
