import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FlagRequest {
	method: string;
	url: string;
	headers: http.IncomingHttpHeaders;
	body: string;
}

export interface FlagAnswer {
	status: number;
	body: string;
	contentType?: string;
	/** Answer only after this many ms (a source slower than the node's timeout). */
	delayMs?: number;
}

/** A loopback flag service whose answer per request is scripted by the test (like harness/receiver.ts, plus delays). */
export async function startFlagServer(answer: (request: FlagRequest) => FlagAnswer) {
	const received: FlagRequest[] = [];
	const timers = new Set<NodeJS.Timeout>();
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			const request = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
			received.push(request);
			const reply = answer(request);
			const send = () => {
				if (res.destroyed) return;
				res.writeHead(reply.status, { 'content-type': reply.contentType ?? 'application/json' });
				res.end(reply.body);
			};
			if (!reply.delayMs) return send();
			const timer = setTimeout(() => {
				timers.delete(timer);
				send();
			}, reply.delayMs);
			timers.add(timer);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		received,
		async close() {
			timers.forEach((t) => clearTimeout(t));
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}

/** A loopback port with nothing listening (connection refused). */
export async function closedPortUrl(): Promise<string> {
	const server = http.createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	await new Promise<void>((resolve) => server.close(() => resolve()));
	return `http://127.0.0.1:${port}`;
}
