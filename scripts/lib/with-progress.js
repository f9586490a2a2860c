#!/usr/bin/env node
'use strict';
/**
 * Runs a long install step and says every 15 s that it is alive: `node with-progress.js <step> <watch-dir|-> -- cmd args…`.
 * Prints the step, the elapsed time and, when a folder to watch is given, how many packages it holds so far;
 * exits with the command's code. Used by n8n-host.js, whose callers are synchronous.
 */
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const [step, watch, separator, command, ...args] = process.argv.slice(2);
if (separator !== '--' || !command) {
	process.stderr.write('usage: with-progress.js <step> <watch-dir|-> -- <command> [args…]\n');
	process.exit(2);
}
const EVERY_MS = Number(process.env.NGOV_PROGRESS_MS || 15000);
const started = Date.now();

function elapsed() {
	const s = Math.round((Date.now() - started) / 1000);
	return s >= 60 ? `${Math.floor(s / 60)} min ${s % 60} s` : `${s} s`;
}

/** Packages under node_modules so far (scoped ones counted one by one). */
function packages(dir) {
	const root = path.join(dir, 'node_modules');
	let names;
	try {
		names = fs.readdirSync(root);
	} catch {
		return 0;
	}
	let count = 0;
	for (const name of names) {
		if (name.startsWith('.')) continue;
		if (!name.startsWith('@')) count++;
		else {
			try {
				count += fs.readdirSync(path.join(root, name)).length;
			} catch {
				/* removed while counting */
			}
		}
	}
	return count;
}

const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit'] });
let ticks = 0;
const ticker = setInterval(() => {
	ticks++;
	const extra = watch && watch !== '-' ? `, ${packages(watch)} packages so far` : '';
	process.stderr.write(`[n8n-host] ${step}: still working, ${elapsed()} elapsed${extra}\n`);
}, EVERY_MS);
child.on('error', (error) => {
	clearInterval(ticker);
	process.stderr.write(`[n8n-host] ${step}: could not start ${command}: ${error.message}\n`);
	process.exit(1);
});
child.on('exit', (code, signal) => {
	clearInterval(ticker);
	// a short step (an n8n CLI call) ends quietly; a long one says how it ended
	if (ticks > 0 || code !== 0) process.stderr.write(`[n8n-host] ${step}: ${code === 0 ? 'done' : 'failed'} after ${elapsed()}\n`);
	process.exit(code ?? (signal ? 1 : 0));
});
