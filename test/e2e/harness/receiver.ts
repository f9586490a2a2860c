import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
	method: string;
	url: string;
	headers: http.IncomingHttpHeaders;
	body: string;
	json?: any;
}

/** A loopback HTTP server that records every request and answers with `status` (200 by default). */
export async function startReceiver(respond: (req: ReceivedRequest) => { status: number; body?: string } = () => ({ status: 200 })) {
	const received: ReceivedRequest[] = [];
	const waiters: Array<() => void> = [];
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			const body = Buffer.concat(chunks).toString('utf8');
			let json: any;
			try {
				json = JSON.parse(body);
			} catch {
				json = undefined;
			}
			const entry = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body, json };
			received.push(entry);
			const answer = respond(entry);
			res.writeHead(answer.status, { 'content-type': 'application/json' });
			res.end(answer.body ?? '{}');
			waiters.splice(0).forEach((w) => w());
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		port,
		url: `http://127.0.0.1:${port}`,
		received,
		/** Resolves once `count` requests have arrived. */
		async waitFor(count: number, timeoutMs = 20000): Promise<ReceivedRequest[]> {
			const deadline = Date.now() + timeoutMs;
			while (received.length < count) {
				if (Date.now() > deadline) throw new Error(`receiver got ${received.length}/${count} requests`);
				await new Promise<void>((resolve) => {
					waiters.push(resolve);
					setTimeout(resolve, 200);
				});
			}
			return received.slice(0, count);
		},
		close: async () => await new Promise<void>((resolve) => server.close(() => resolve())),
	};
}
