#!/usr/bin/env node
'use strict';
// Shim: the TypeScript build (tsc -p cli/tsconfig.json, rootDir = repo root) writes cli/dist/cli/src/cli.js.
const path = require('node:path');
const entry = path.join(__dirname, '..', 'dist', 'cli', 'src', 'cli.js');
let cli;
try {
	cli = require(entry);
} catch (error) {
	if (error && error.code === 'MODULE_NOT_FOUND' && String(error.message).includes(entry)) {
		process.stderr.write('n8n-governance is not built yet: run `npm run build:cli` in the repository root.\n');
		process.exit(2);
	}
	throw error;
}
cli.main(process.argv.slice(2)).then((code) => {
	process.exitCode = code;
});
