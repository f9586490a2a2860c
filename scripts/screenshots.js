#!/usr/bin/env node
'use strict';
/**
 * npm run screenshots: start a throw-away n8n with the built pack and the templates, drive its editor in Debian's
 * Chromium and write the README's screenshots to docs/screenshots/.
 */
const fs = require('node:fs');
const path = require('node:path');
const { startN8n } = require('./lib/n8n-host');
const { createApiKey, ensureOwner, expectOk, request } = require('./lib/n8n-api');
const { importTemplates } = require('./lib/demo-credentials');
const { chromiumAvailable, launchBrowser, searchNodePanel, signIn } = require('./lib/editor');

const OUT = path.resolve(__dirname, '..', 'docs', 'screenshots');
const OWNER = { email: 'admin@localhost.test', firstName: 'Local', lastName: 'Admin', password: 'Screenshots-1' };
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function api(n8n, apiKey, method, route, body) {
	return expectOk(await request(n8n.baseUrl, method, `/api/v1${route}`, { apiKey, body }), `${method} ${route}`);
}

/** Starts the refund template's request and returns the first approver's link from its approval inbox. */
async function approvalLink(n8n, apiKey, workflowId, webhookHeader) {
	await api(n8n, apiKey, 'POST', `/workflows/${workflowId}/activate`);
	for (let i = 0; i < 40; i++) {
		const r = await fetch(`${n8n.baseUrl}/webhook/templates/refund/request`, {
			method: 'POST',
			// the template's request webhook takes only calls with the header of its Header Auth credential
			headers: { 'content-type': 'application/json', [webhookHeader.name]: webhookHeader.value },
			body: JSON.stringify({ customer: 'ACME Corp', amount: 120, reason: 'Parcel arrived damaged; photos attached to ticket 4711', requestedBy: 'carol@localhost.test' }),
		});
		if (r.status !== 404) break;
		await sleep(200);
	}
	for (let i = 0; i < 100; i++) {
		const list = await api(n8n, apiKey, 'GET', `/executions?workflowId=${workflowId}&includeData=true`);
		for (const execution of list.json.data) {
			const run = execution.data?.resultData?.runData?.['Approval inbox (stand-in for Slack)'];
			if (run) return run[0].data.main[0][0].json.body.links[0].url;
		}
		await sleep(200);
	}
	throw new Error('the refund template sent no approval links');
}

async function openWorkflow(page, n8n, workflowId) {
	await page.goto(`${n8n.baseUrl}/workflow/${workflowId}`);
	await page.locator('[data-test-id=canvas-node]').first().waitFor({ timeout: 30000 });
	await page.locator('[data-test-id=zoom-to-fit]').click().catch(() => undefined);
	await sleep(800);
}

async function main() {
	if (!chromiumAvailable()) throw new Error('Debian Chromium is missing: apt-get install -y chromium');
	fs.mkdirSync(OUT, { recursive: true });
	const n8n = await startN8n({ port: 5730, brokerPort: 5731 });
	const browser = await launchBrowser();
	try {
		const cookie = await ensureOwner(n8n.baseUrl, OWNER);
		const state = { apiKey: await createApiKey(n8n.baseUrl, cookie, 'screenshots'), credentials: {}, templates: {} };
		await importTemplates(n8n.baseUrl, state);
		const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
		await signIn(page, n8n.baseUrl, OWNER);

		await searchNodePanel(page, n8n.baseUrl, 'governance');
		await sleep(500);
		await page.screenshot({ path: path.join(OUT, 'node-panel.png') });

		for (const [file, shot] of [
			['refund-approval.workflow.json', 'refund-approval-workflow.png'],
			['production-guard.workflow.json', 'production-guard-workflow.png'],
			['redact-model-restore.workflow.json', 'redact-model-restore-workflow.png'],
		]) {
			await openWorkflow(page, n8n, state.templates[file]);
			await page.screenshot({ path: path.join(OUT, shot) });
		}

		await openWorkflow(page, n8n, state.templates['production-guard.workflow.json']);
		await page.locator('[data-test-id=canvas-node]', { hasText: 'Kill Switch' }).dblclick();
		await page.locator('[data-test-id=ndv]').waitFor({ timeout: 15000 }).catch(() => undefined);
		await sleep(800);
		await page.screenshot({ path: path.join(OUT, 'kill-switch-parameters.png') });

		const link = await approvalLink(n8n, state.apiKey, state.templates['refund-approval.workflow.json'], state.credentials.httpHeaderAuth.data);
		const approver = await browser.newPage({ viewport: { width: 900, height: 900 } });
		await approver.goto(link);
		await approver.screenshot({ path: path.join(OUT, 'approval-page.png'), fullPage: true });
		process.stdout.write(`screenshots written to ${path.relative(process.cwd(), OUT)}/\n`);
	} finally {
		await browser.close();
		await n8n.stop();
	}
}

main().catch((error) => {
	process.stderr.write(`screenshots failed: ${error.stack || error.message}\n`);
	process.exit(1);
});
