#!/usr/bin/env node
'use strict';
/**
 * `npm run lint:package`: n8n's own community-package scanner (@n8n/scan-community-package, the one n8n runs for
 * verification), run offline on both of its legs: the sources (package.json, nodes/, credentials/) and the tarball
 * `npm pack` would publish (every compiled .js and its package.json). The provenance check needs a published package
 * and stays out. The scanner is installed outside the clone from test/scanner/ (cached by its lockfile's hash).
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const { ensureCachedInstall } = require('./lib/n8n-host');

const ROOT = path.resolve(__dirname, '..');

function packTarball(into) {
	const packed = spawnSync('npm', ['pack', '--silent', '--ignore-scripts', '--pack-destination', into], { cwd: ROOT, encoding: 'utf8' });
	if (packed.status !== 0) throw new Error(`npm pack failed: ${packed.stderr}`);
	const file = path.join(into, packed.stdout.trim().split('\n').pop());
	const unpacked = path.join(into, 'package');
	const tar = spawnSync('tar', ['-xzf', file, '-C', into]);
	if (tar.status !== 0) throw new Error(`could not unpack ${file}`);
	return unpacked;
}

async function main() {
	if (!fs.existsSync(path.join(ROOT, 'dist'))) throw new Error('dist/ is missing: run `npm run build` first');
	const dir = ensureCachedInstall({ spec: path.join(ROOT, 'test', 'scanner'), prefix: 'scanner', label: "n8n's package scanner" });
	const scanner = await import(pathToFileURL(path.join(dir, 'node_modules', '@n8n', 'scan-community-package', 'scanner', 'scanner.mjs')).href);
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'ngov-scan-'));
	try {
		const tarball = packTarball(work);
		const legs = [
			['sources', ROOT, scanner.SOURCE_FILE_PATTERNS],
			['tarball', tarball, ['**/*.js', 'package.json']],
		];
		let failed = false;
		for (const [name, where, patterns] of legs) {
			const result = await scanner.analyzePackage(where, patterns);
			process.stdout.write(`n8n package scanner, ${name} leg: ${result.passed ? 'passed' : `FAILED (${result.message})`}\n`);
			if (!result.passed) {
				failed = true;
				if (result.details) process.stdout.write(`${result.details}\n`);
			}
		}
		if (failed) process.exitCode = 1;
	} finally {
		fs.rmSync(work, { recursive: true, force: true });
	}
}

main().catch((error) => {
	process.stderr.write(`${error.stack || error}\n`);
	process.exit(1);
});
