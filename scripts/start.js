#!/usr/bin/env node
'use strict';
/**
 * npm start: build the pack, install the pinned n8n if missing, run it on http://localhost:5678 (SQLite, user folder
 * .n8n-local/ in this clone) with the pack loaded, import every workflow in templates/ bound to local demo
 * credentials, and keep running until Ctrl+C.
 */
const { spawnSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { ensureHost, startN8n, stopPid } = require('./lib/n8n-host');
const { createApiKey, ensureOwner, request } = require('./lib/n8n-api');
const { importTemplates, webhookHeaderLine } = require('./lib/demo-credentials');

const ROOT = path.resolve(__dirname, '..');
const USER_FOLDER = path.join(ROOT, '.n8n-local');
const STATE_FILE = path.join(USER_FOLDER, 'state.json');
const PORT = Number(process.env.N8N_PORT || 5678);

function build() {
	const result = spawnSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
	if (result.status !== 0) process.exit(result.status || 1);
}

/** What this script created in the local n8n: the owner, an API key, demo credentials, imported templates. */
function readState() {
	if (fs.existsSync(STATE_FILE)) return JSON.parse(fs.readFileSync(STATE_FILE, 'utf8'));
	return {
		owner: {
			email: 'admin@localhost.test',
			firstName: 'Local',
			lastName: 'Admin',
			password: `Gov-${crypto.randomBytes(9).toString('base64url')}1`,
		},
		credentials: {},
		templates: {},
	};
}

function writeState(state) {
	fs.mkdirSync(USER_FOLDER, { recursive: true });
	fs.writeFileSync(STATE_FILE, JSON.stringify(state, null, 2), { mode: 0o600 });
}

async function main() {
	build();
	ensureHost();
	const state = readState();
	writeState(state);
	const local = `http://localhost:${PORT}/`;
	const n8n = await startN8n({
		port: PORT,
		brokerPort: PORT + 1,
		userFolder: USER_FOLDER,
		extraEnv: { N8N_HOST: 'localhost', N8N_EDITOR_BASE_URL: local, WEBHOOK_URL: local, N8N_WEBHOOK_URL: local },
	});
	const stop = async () => {
		await stopPid(n8n.pid);
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
	const cookie = await ensureOwner(n8n.baseUrl, state.owner);
	const keyWorks = state.apiKey && (await request(n8n.baseUrl, 'GET', '/api/v1/workflows?limit=1', { apiKey: state.apiKey })).status === 200;
	if (!keyWorks) state.apiKey = await createApiKey(n8n.baseUrl, cookie, 'npm start');
	const imported = await importTemplates(n8n.baseUrl, state);
	writeState(state);
	process.stdout.write(
		[
			'',
			`n8n is running at ${local} with n8n-nodes-governance loaded.`,
			`Templates: ${Object.keys(state.templates).length} in the workflow list (${imported} imported now), with demo credentials.`,
			`Sign in as ${state.owner.email} with password ${state.owner.password}`,
			...(webhookHeaderLine(state) ? [`The templates' webhooks require the header  ${webhookHeaderLine(state)}`] : []),
			`(kept in ${path.relative(ROOT, STATE_FILE)}). Logs: ${path.relative(ROOT, n8n.logFile)}`,
			'Press Ctrl+C to stop.',
			'',
		].join('\n'),
	);
	// Stay alive while n8n runs; exit when it stops.
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
