import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

/** What happened, in the order it happened: the server's events and the test's own ("execution finished"). */
export type TrickleEvent = `${'request' | 'sent all' | 'client closed'} ${string}` | `execution finished ${string}`;

/**
 * A flag service that never goes idle: it answers 200 at once, then sends the body one byte every `everyMs`
 * (a socket idle timeout never fires). Each request's end is logged as "sent all" or "client closed"
 * (the caller gave up and closed the connection while bytes were still to come).
 */
export async function startTrickleServer(bodyFor: (url: string) => string, everyMs: number) {
	const events: TrickleEvent[] = [];
	const ended = new Map<string, () => void>();
	const timers = new Set<NodeJS.Timeout>();
	const server = http.createServer((req, res) => {
		req.resume();
		req.on('end', () => {
			const url = req.url ?? '';
			events.push(`request ${url}`);
			const body = Buffer.from(bodyFor(url));
			res.writeHead(200, { 'content-type': 'application/json' });
			res.flushHeaders();
			let sent = 0;
			let done = false;
			const finish = (event: TrickleEvent) => {
				if (done) return;
				done = true;
				clearInterval(timer);
				timers.delete(timer);
				events.push(event);
				ended.get(url)?.();
			};
			const timer = setInterval(() => {
				if (res.destroyed) return finish(`client closed ${url}`);
				res.write(body.subarray(sent, sent + 1));
				sent++;
				if (sent === body.length) {
					res.end();
					finish(`sent all ${url}`);
				}
			}, everyMs);
			timers.add(timer);
			res.on('close', () => {
				if (sent < body.length) finish(`client closed ${url}`);
			});
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		events,
		/** Resolves when the request to `url` has ended either way (register before the request is sent). */
		ended(url: string): Promise<void> {
			return new Promise((resolve) => ended.set(url, resolve));
		},
		async close() {
			timers.forEach((t) => clearInterval(t));
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}
