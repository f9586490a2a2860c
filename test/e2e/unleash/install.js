'use strict';
/**
 * Installs the pinned Unleash server (test/e2e/unleash/host/) into a cache folder outside the clone, keyed by the
 * hash of its committed lockfile, like scripts/lib/n8n-host.js does for n8n. Installs when missing; a complete
 * install is marked by `.complete` and reused. Run directly (`node test/e2e/unleash/install.js`) to pre-install.
 */
const { spawnSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const SPEC = path.join(__dirname, 'host');

function cacheRoot() {
	return (
		process.env.N8N_GOVERNANCE_CACHE ||
		path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'n8n-nodes-governance')
	);
}

function unleashDir() {
	const lock = fs.readFileSync(path.join(SPEC, 'package-lock.json'));
	const hash = crypto.createHash('sha256').update(lock).digest('hex').slice(0, 16);
	return path.join(cacheRoot(), `unleash-${hash}`);
}

function entryPoint(dir) {
	return path.join(dir, 'node_modules', 'unleash-server', 'package.json');
}

/** Returns the install folder, running `npm ci --ignore-scripts` into a temporary sibling when it is missing. */
function ensureUnleash() {
	const dir = unleashDir();
	if (fs.existsSync(path.join(dir, '.complete')) && fs.existsSync(entryPoint(dir))) return dir;
	fs.mkdirSync(cacheRoot(), { recursive: true });
	const work = `${dir}.partial-${process.pid}`;
	fs.rmSync(work, { recursive: true, force: true });
	fs.mkdirSync(work, { recursive: true });
	for (const file of ['package.json', 'package-lock.json']) fs.copyFileSync(path.join(SPEC, file), path.join(work, file));
	process.stderr.write(`[unleash-host] installing unleash-server into ${dir} (once per lockfile)\n`);
	const started = Date.now();
	// Unleash and its dependencies are plain JavaScript: no install script is needed.
	const result = spawnSync('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], {
		cwd: work,
		stdio: ['ignore', 'inherit', 'inherit'],
	});
	if (result.status !== 0) throw new Error(`npm ci for unleash-server failed with exit code ${result.status}`);
	process.stderr.write(`[unleash-host] npm ci took ${Math.round((Date.now() - started) / 1000)} s\n`);
	fs.writeFileSync(path.join(work, '.complete'), new Date().toISOString());
	fs.rmSync(dir, { recursive: true, force: true });
	fs.renameSync(work, dir);
	return dir;
}

module.exports = { ensureUnleash, unleashDir };

if (require.main === module) process.stdout.write(`${ensureUnleash()}\n`);
