#!/usr/bin/env node
'use strict';
/** npm run bench: every engine's benchmark in turn (each runs our code and its peers in one process). */
const { spawnSync } = require('node:child_process');
const pkg = require('../package.json');

const only = process.argv.slice(2);
const benches = Object.keys(pkg.scripts)
	.filter((name) => name.startsWith('bench:'))
	.filter((name) => only.length === 0 || only.includes(name.slice('bench:'.length)));
let failed = 0;
for (const name of benches) {
	process.stdout.write(`\n=== npm run ${name} ===\n`);
	const result = spawnSync('npm', ['run', '--silent', name], { stdio: 'inherit' });
	if (result.status !== 0) failed++;
}
process.exit(failed === 0 ? 0 : 1);
