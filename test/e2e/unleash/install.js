'use strict';
/**
 * Installs the pinned Unleash server (test/e2e/unleash/host/) into the cache folder outside the clone, keyed by
 * the hash of its committed lockfile, the same way scripts/lib/n8n-host.js installs n8n. Run directly
 * (`node test/e2e/unleash/install.js`) to pre-install.
 */
const fs = require('node:fs');
const path = require('node:path');
const { ensureCachedInstall } = require('../../../scripts/lib/n8n-host');

function entryPoint(dir) {
	return path.join(dir, 'node_modules', 'unleash-server', 'package.json');
}

/** Unleash and its dependencies are plain JavaScript: `npm ci --ignore-scripts` is the whole install. */
function ensureUnleash() {
	return ensureCachedInstall({
		spec: path.join(__dirname, 'host'),
		prefix: 'unleash',
		label: 'unleash-server',
		ready: (dir) => fs.existsSync(entryPoint(dir)),
	});
}

module.exports = { ensureUnleash };

if (require.main === module) process.stdout.write(`${ensureUnleash()}\n`);
