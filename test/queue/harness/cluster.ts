/**
 * A real n8n queue-mode cluster on loopback, for `npm run test:queue` and `npm run bench:queue`.
 *
 *   const cluster = await startQueueCluster({ workers: 2, webhook: true });
 *   cluster.mainUrl        // n8n main (editor, REST, public API; production webhooks are off here)
 *   cluster.webhookUrl     // the webhook processor: /webhook/… and every resume URL (/webhook-waiting/…)
 *   cluster.apiKey, cluster.cookie   // public-API key (all scopes) and the owner's sign-in cookie
 *   cluster.workers[i]     // { index, pid, logFile, stop(), kill() (SIGKILL), restart(), executions() }
 *   cluster.redis          // { port, pid, stop(), restart() }  (Debian redis-server, append-only file on)
 *   cluster.postgres       // { port, pid }                      (Debian PostgreSQL, own data folder)
 *   await cluster.stop()   // everything, by PID
 *
 * Another process (a jest test file) reattaches with `attachQueueCluster()`: the state (ports, PIDs, folders)
 * lives in `<dir>/cluster.json`, whose path is in NGOV_QUEUE_STATE; restarts update it, so teardown stops the
 * current PIDs. Every process has its own N8N_USER_FOLDER with the built pack installed (main activates,
 * workers execute, the webhook processor runs webhook()), the same encryption key, and WEBHOOK_URL = the
 * webhook processor, since workers build resume URLs.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { freePort } from '../../e2e/harness/ports';
import { OWNER } from '../../e2e/harness/owner';
import { startPostgres } from '../../e2e/unleash/server';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const host = require('../../../scripts/lib/n8n-host') as {
	startN8n: (o: Record<string, unknown>) => Promise<{ pid: number; baseUrl: string; userFolder: string; logFile: string; readyMs: number }>;
	stopPid: (pid: number) => Promise<void>;
	PACKAGE_NAME: string;
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const api = require('../../../scripts/lib/n8n-api') as {
	ensureOwner: (baseUrl: string, owner: typeof OWNER) => Promise<string>;
	createApiKey: (baseUrl: string, cookie: string) => Promise<string>;
	request: (baseUrl: string, method: string, route: string, o?: Record<string, unknown>) => Promise<{ status: number; json: any }>;
};

const sleep = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

interface ProcState {
	pid: number;
	port: number;
	brokerPort: number;
	healthPort?: number;
	userFolder: string;
	logFile: string;
}

export interface ClusterState {
	dir: string;
	mainUrl: string;
	webhookUrl: string;
	apiKey: string;
	cookie: string;
	redis: { port: number; pid: number; dir: string };
	postgres: { port: number; pid: number; dir: string };
	main: ProcState;
	webhook?: ProcState;
	workers: ProcState[];
}

export interface WorkerHandle {
	index: number;
	readonly pid: number;
	readonly logFile: string;
	/** SIGTERM (n8n finishes its jobs, up to 30 s), SIGKILL after 15 s. */
	stop(): Promise<void>;
	/** SIGKILL to the worker's process group (worker and its task runner), at once. */
	kill(): Promise<void>;
	/** Starts the worker again (same folder and ports) and resolves when it is ready. */
	restart(): Promise<void>;
	/** Execution ids this worker logged as started (`Worker started execution N`), in order. */
	executions(): string[];
}

export interface QueueCluster {
	dir: string;
	mainUrl: string;
	webhookUrl: string;
	apiKey: string;
	cookie: string;
	workers: WorkerHandle[];
	redis: { port: number; readonly pid: number; stop(): Promise<void>; restart(): Promise<void> };
	postgres: { port: number; pid: number };
	/** The env the e2e client (test/e2e/harness/client.ts) reads: main's URL and the API key. */
	e2eEnv(): string;
	stop(): Promise<void>;
}

function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

function queueEnv(state: Pick<ClusterState, 'redis' | 'postgres' | 'webhookUrl'>): Record<string, string> {
	return {
		EXECUTIONS_MODE: 'queue',
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: '127.0.0.1',
		DB_POSTGRESDB_PORT: String(state.postgres.port),
		DB_POSTGRESDB_DATABASE: 'postgres',
		DB_POSTGRESDB_USER: 'postgres',
		DB_POSTGRESDB_PASSWORD: 'unused',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(state.redis.port),
		WEBHOOK_URL: `${state.webhookUrl}/`,
		N8N_WEBHOOK_URL: `${state.webhookUrl}/`,
		// Keep the main from answering production webhooks: every call goes through the webhook processor.
		N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true',
		N8N_LOG_LEVEL: 'info',
	};
}

async function newProc(dir: string, name: string, withHealth: boolean): Promise<ProcState> {
	const userFolder = path.join(dir, name);
	fs.mkdirSync(userFolder, { recursive: true });
	return {
		pid: 0,
		port: await freePort(),
		brokerPort: await freePort(),
		healthPort: withHealth ? await freePort() : undefined,
		userFolder,
		logFile: path.join(userFolder, 'n8n.log'),
	};
}

async function launch(state: ClusterState, proc: ProcState, command: 'start' | 'worker' | 'webhook'): Promise<void> {
	const extraEnv: Record<string, string> = { ...queueEnv(state) };
	if (command === 'worker') {
		Object.assign(extraEnv, {
			QUEUE_HEALTH_CHECK_ACTIVE: 'true',
			QUEUE_HEALTH_CHECK_PORT: String(proc.healthPort),
			N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
		});
	}
	const readyUrl = command === 'worker' ? `http://127.0.0.1:${proc.healthPort}/healthz/readiness` : undefined;
	const started = await host.startN8n({ port: proc.port, brokerPort: proc.brokerPort, userFolder: proc.userFolder, logFile: proc.logFile, extraEnv, command, readyUrl });
	proc.pid = started.pid;
}

/** Debian's redis-server on loopback with its own folder; append-only file on, so a restart keeps the queue. */
async function launchRedis(redis: ClusterState['redis']): Promise<void> {
	const bin = ['/usr/bin/redis-server', '/usr/local/bin/redis-server'].find((p) => fs.existsSync(p));
	if (!bin) throw new Error('redis-server is not installed: apt-get install -y redis-server');
	const log = fs.openSync(path.join(redis.dir, 'redis.log'), 'a');
	const child = spawn(
		bin,
		['--port', String(redis.port), '--bind', '127.0.0.1', '--dir', redis.dir, '--appendonly', 'yes', '--appendfsync', 'everysec', '--save', '', '--daemonize', 'no'],
		{ stdio: ['ignore', log, log], detached: true },
	);
	fs.closeSync(log);
	child.unref();
	redis.pid = child.pid as number;
	const deadline = Date.now() + 20000;
	for (;;) {
		const ping = spawnSync('redis-cli', ['-h', '127.0.0.1', '-p', String(redis.port), 'ping'], { encoding: 'utf8' });
		if (ping.stdout.trim() === 'PONG') return;
		if (Date.now() > deadline) throw new Error(`redis-server did not answer PING on ${redis.port}`);
		await sleep(100);
	}
}

async function stopRedis(redis: ClusterState['redis']): Promise<void> {
	if (!redis.pid || !isAlive(redis.pid)) return;
	process.kill(redis.pid, 'SIGTERM');
	const deadline = Date.now() + 15000;
	while (isAlive(redis.pid) && Date.now() < deadline) await sleep(50);
	if (isAlive(redis.pid)) process.kill(redis.pid, 'SIGKILL');
}

const stateFile = (dir: string) => path.join(dir, 'cluster.json');
const save = (state: ClusterState) => fs.writeFileSync(stateFile(state.dir), JSON.stringify(state, null, 2));

function startedExecutions(logFile: string): string[] {
	const text = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : '';
	return [...text.matchAll(/Worker started execution (\d+)/g)].map((m) => m[1]);
}

function handle(state: ClusterState): QueueCluster {
	const workers = state.workers.map((proc, index): WorkerHandle => ({
		index,
		get pid() {
			return proc.pid;
		},
		get logFile() {
			return proc.logFile;
		},
		stop: async () => await host.stopPid(proc.pid),
		kill: async () => {
			if (!isAlive(proc.pid)) return;
			process.kill(-proc.pid, 'SIGKILL');
			while (isAlive(proc.pid)) await sleep(50);
		},
		restart: async () => {
			await host.stopPid(proc.pid);
			await launch(state, proc, 'worker');
			save(state);
		},
		executions: () => startedExecutions(proc.logFile),
	}));
	return {
		dir: state.dir,
		mainUrl: state.mainUrl,
		webhookUrl: state.webhookUrl,
		apiKey: state.apiKey,
		cookie: state.cookie,
		workers,
		redis: {
			port: state.redis.port,
			get pid() {
				return state.redis.pid;
			},
			stop: async () => await stopRedis(state.redis),
			restart: async () => {
				await stopRedis(state.redis);
				await launchRedis(state.redis);
				save(state);
			},
		},
		postgres: { port: state.postgres.port, pid: state.postgres.pid },
		e2eEnv: () =>
			JSON.stringify({ baseUrl: state.mainUrl, apiKey: state.apiKey, cookie: state.cookie, pid: state.main.pid, userFolder: state.main.userFolder, logFile: state.main.logFile }),
		stop: async () => await stopState(state),
	};
}

async function stopState(state: ClusterState): Promise<void> {
	const procs = [state.webhook, ...state.workers, state.main].filter((p): p is ProcState => p !== undefined && p.pid > 0);
	await Promise.all(procs.map(async (p) => await host.stopPid(p.pid)));
	await stopRedis(state.redis);
	if (state.postgres.pid && isAlive(state.postgres.pid)) {
		process.kill(state.postgres.pid, 'SIGINT'); // PostgreSQL's fast shutdown
		const deadline = Date.now() + 15000;
		while (isAlive(state.postgres.pid) && Date.now() < deadline) await sleep(100);
		if (isAlive(state.postgres.pid)) process.kill(state.postgres.pid, 'SIGKILL');
	}
	if (!process.env.NGOV_QUEUE_KEEP) {
		fs.rmSync(state.postgres.dir, { recursive: true, force: true });
		fs.rmSync(state.dir, { recursive: true, force: true });
	}
}

/**
 * Starts PostgreSQL, Redis, the main, `workers` workers and (with `webhook`) a webhook processor; creates the
 * owner and an API key. Main first (it runs the migrations), then the others in parallel.
 */
export async function startQueueCluster({ workers = 2, webhook = true }: { workers?: number; webhook?: boolean } = {}): Promise<QueueCluster> {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ngov-queue-'));
	const pg = await startPostgres();
	const redisDir = path.join(dir, 'redis');
	fs.mkdirSync(redisDir);
	const main = await newProc(dir, 'main', false);
	const webhookProc = webhook ? await newProc(dir, 'webhook', false) : undefined;
	const state: ClusterState = {
		dir,
		mainUrl: `http://127.0.0.1:${main.port}`,
		webhookUrl: `http://127.0.0.1:${(webhookProc ?? main).port}`,
		apiKey: '',
		cookie: '',
		redis: { port: await freePort(), pid: 0, dir: redisDir },
		postgres: { port: pg.port, pid: pg.pid, dir: pg.dir },
		main,
		webhook: webhookProc,
		workers: await Promise.all(Array.from({ length: workers }, async (_, i) => await newProc(dir, `worker-${i + 1}`, true))),
	};
	save(state);
	try {
		await launchRedis(state.redis);
		save(state);
		await launch(state, main, 'start');
		save(state);
		await Promise.all([
			...(webhookProc ? [launch(state, webhookProc, 'webhook')] : []),
			...state.workers.map(async (w) => await launch(state, w, 'worker')),
		]);
		save(state);
		state.cookie = await api.ensureOwner(state.mainUrl, OWNER);
		state.apiKey = await api.createApiKey(state.mainUrl, state.cookie);
		const types = await api.request(state.mainUrl, 'GET', '/types/nodes.json', { cookie: state.cookie });
		if (!JSON.stringify(types.json ?? []).includes(`${host.PACKAGE_NAME}.`)) throw new Error(`the main did not load ${host.PACKAGE_NAME}; see ${main.logFile}`);
		save(state);
	} catch (error) {
		await stopState(state);
		throw error;
	}
	process.env.NGOV_QUEUE_STATE = stateFile(dir);
	return handle(state);
}

/** Reattaches to the cluster described by NGOV_QUEUE_STATE (or `file`). */
export function attachQueueCluster(file = process.env.NGOV_QUEUE_STATE): QueueCluster {
	if (!file || !fs.existsSync(file)) throw new Error('No queue cluster: run through `npm run test:queue` (its global setup starts one)');
	return handle(JSON.parse(fs.readFileSync(file, 'utf8')) as ClusterState);
}
