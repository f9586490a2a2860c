#!/usr/bin/env node
'use strict';
/**
 * npm start: build the pack, install the pinned n8n if missing, import every workflow in templates/, and run n8n on
 * http://localhost:5678 (SQLite, user folder .n8n-local/ in this clone) until Ctrl+C.
 */
const { spawnSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { ensureHost, n8nCli, startN8n, stopPid } = require('./lib/n8n-host');
const { ensureOwner } = require('./lib/n8n-api');

const ROOT = path.resolve(__dirname, '..');
const USER_FOLDER = path.join(ROOT, '.n8n-local');
const PORT = Number(process.env.N8N_PORT || 5678);

function build() {
	const result = spawnSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
	if (result.status !== 0) process.exit(result.status || 1);
}

/** The local owner account; the password is generated once and kept in the user folder. */
function localOwner() {
	const file = path.join(USER_FOLDER, 'owner.json');
	if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8'));
	const owner = {
		email: 'admin@localhost.test',
		firstName: 'Local',
		lastName: 'Admin',
		password: `Gov-${crypto.randomBytes(9).toString('base64url')}1`,
	};
	fs.mkdirSync(USER_FOLDER, { recursive: true });
	fs.writeFileSync(file, JSON.stringify(owner, null, 2), { mode: 0o600 });
	return owner;
}

function importTemplates() {
	const dir = path.join(ROOT, 'templates');
	const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.json')) : [];
	for (const file of files) {
		n8nCli(['import:workflow', `--input=${path.join(dir, file)}`], { userFolder: USER_FOLDER, port: PORT });
	}
	return files.length;
}

async function main() {
	build();
	ensureHost();
	fs.mkdirSync(USER_FOLDER, { recursive: true });
	const imported = importTemplates();
	const n8n = await startN8n({
		port: PORT,
		brokerPort: PORT + 1,
		userFolder: USER_FOLDER,
		extraEnv: {
			N8N_HOST: 'localhost',
			N8N_EDITOR_BASE_URL: `http://localhost:${PORT}/`,
			WEBHOOK_URL: `http://localhost:${PORT}/`,
			N8N_WEBHOOK_URL: `http://localhost:${PORT}/`,
		},
	});
	const owner = localOwner();
	await ensureOwner(n8n.baseUrl, owner);
	process.stdout.write(
		[
			'',
			`n8n is running at http://localhost:${PORT} with n8n-nodes-governance loaded (${imported} template workflow(s) imported).`,
			`Sign in as ${owner.email} with password ${owner.password}`,
			`(kept in ${path.relative(ROOT, path.join(USER_FOLDER, 'owner.json'))}). Logs: ${path.relative(ROOT, n8n.logFile)}`,
			'Press Ctrl+C to stop.',
			'',
		].join('\n'),
	);
	const stop = async () => {
		await stopPid(n8n.pid);
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
	// Keep the process alive while n8n runs; exit if n8n itself stops.
	const timer = setInterval(() => {
		try {
			process.kill(n8n.pid, 0);
		} catch {
			clearInterval(timer);
			process.stderr.write('n8n stopped.\n');
			process.exit(1);
		}
	}, 2000);
}

main().catch((error) => {
	process.stderr.write(`npm start failed: ${error.message}\n`);
	process.exit(1);
});
