import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

/** What a loopback server saw: the proof of what left n8n. */
export interface Seen {
	method: string;
	url: string;
	headers: http.IncomingHttpHeaders;
}

export interface Recorder {
	port: number;
	seen: Seen[];
	close: () => Promise<void>;
}

type Answer = { status: number; headers?: Record<string, string>; body?: string };

/** A self-signed certificate for 127.0.0.1, made for this run only (nothing secret is committed). */
export function selfSignedCertificate(): { key: string; cert: string } {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ngov-tls-'));
	try {
		const keyFile = path.join(dir, 'key.pem');
		const certFile = path.join(dir, 'cert.pem');
		execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyFile, '-out', certFile, '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
		return { key: fs.readFileSync(keyFile, 'utf8'), cert: fs.readFileSync(certFile, 'utf8') };
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

async function listen(server: net.Server): Promise<number> {
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return (server.address() as AddressInfo).port;
}

function closer(server: net.Server, sockets: Set<Socket>) {
	return async () => {
		for (const socket of sockets) socket.destroy();
		await new Promise<void>((resolve) => server.close(() => resolve()));
	};
}

function track(server: net.Server): Set<Socket> {
	const sockets = new Set<Socket>();
	server.on('connection', (socket: Socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	return sockets;
}

/**
 * A loopback http (or, with `tls`, https) server that records every request and answers with
 * `respond(request)`, by default 200 `{ ok: true, path }`.
 */
export async function startRecorder(respond?: (seen: Seen) => Answer, tls?: { key: string; cert: string }): Promise<Recorder> {
	const seen: Seen[] = [];
	const handler: http.RequestListener = (req, res) => {
		const entry = { method: req.method ?? '', url: req.url ?? '', headers: req.headers };
		seen.push(entry);
		const answer = respond?.(entry) ?? { status: 200, body: JSON.stringify({ ok: true, path: req.url }) };
		res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
		res.end(answer.body ?? '{}');
	};
	const server = tls ? https.createServer(tls, handler) : http.createServer(handler);
	const sockets = track(server);
	const port = await listen(server);
	return { port, seen, close: closer(server, sockets) };
}

/**
 * A forward proxy on loopback that records what it is asked to carry: plain requests in absolute form
 * (their headers, where an http target's secret would be visible) and CONNECT tunnels (target only), which
 * it forwards like a real proxy would.
 */
export async function startProxy(): Promise<Recorder & { tunnels: string[] }> {
	const seen: Seen[] = [];
	const tunnels: string[] = [];
	const server = http.createServer((req, res) => {
		seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
		const upstream = http.request(req.url ?? '', { method: req.method, headers: req.headers }, (answer) => {
			res.writeHead(answer.statusCode ?? 502, answer.headers);
			answer.pipe(res);
		});
		upstream.on('error', () => res.writeHead(502).end());
		req.pipe(upstream);
	});
	server.on('connect', (req: http.IncomingMessage, client: Socket, head: Buffer) => {
		tunnels.push(req.url ?? '');
		const [host, port] = (req.url ?? '').split(':');
		const upstream = net.connect(Number(port), host, () => {
			client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
			upstream.write(head);
			upstream.pipe(client);
			client.pipe(upstream);
		});
		upstream.on('error', () => client.destroy());
		client.on('error', () => upstream.destroy());
	});
	const sockets = track(server);
	const port = await listen(server);
	return { port, seen, tunnels, close: closer(server, sockets) };
}

/** Every value of `name` any of the servers saw. */
export const headerValues = (seen: Seen[], name: string) => seen.map((s) => s.headers[name]).filter((v) => v !== undefined);
