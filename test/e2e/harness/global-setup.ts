import * as fs from 'node:fs';
import { freePort } from './ports';
import { createApiKey, ensureOwner, request } from '../../../scripts/lib/n8n-api';
import { PACKAGE_NAME, startN8n } from '../../../scripts/lib/n8n-host';
import { OWNER } from './owner';

/** Starts one real n8n for the whole e2e run; tests read its address and API key from the environment. */
export default async function globalSetup(): Promise<void> {
	const port = await freePort();
	const brokerPort = await freePort();
	const n8n = await startN8n({ port, brokerPort });
	process.env.NGOV_E2E_PID = String(n8n.pid);
	const cookie = await ensureOwner(n8n.baseUrl, OWNER);
	const apiKey = await createApiKey(n8n.baseUrl, cookie);
	const types = await request(n8n.baseUrl, 'GET', '/types/nodes.json', { cookie });
	if (!JSON.stringify(types.json ?? []).includes(`${PACKAGE_NAME}.`)) {
		const log = fs.readFileSync(n8n.logFile, 'utf8').split('\n');
		const failure = log.findIndex((line) => line.includes(`Failed to load package "${PACKAGE_NAME}"`));
		await n8n.stop();
		throw new Error(`n8n did not load ${PACKAGE_NAME}: ${failure === -1 ? 'see ' + n8n.logFile : log.slice(failure, failure + 2).join(' ')}`);
	}
	process.env.NGOV_E2E = JSON.stringify({
		baseUrl: n8n.baseUrl,
		apiKey,
		cookie,
		pid: n8n.pid,
		userFolder: n8n.userFolder,
		logFile: n8n.logFile,
		readyMs: n8n.readyMs,
	});
	process.stderr.write(`\n[e2e] n8n ready at ${n8n.baseUrl} in ${n8n.readyMs} ms (pid ${n8n.pid}, log ${n8n.logFile})\n`);
}
