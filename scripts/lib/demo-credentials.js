'use strict';
/** Credentials `npm start` and `npm run screenshots` create so the templates open ready to run on a local n8n. */
const crypto = require('node:crypto');
const { expectOk, request } = require('./n8n-api');
const { bindCredentials, credentialTypes, forApi, listTemplates } = require('./templates');

const random = (bytes) => crypto.randomBytes(bytes).toString('base64');

/**
 * type → { name, data(), shown? } for every credential type a template may reference. `shown` credentials keep their
 * data in the state file (mode 0600), so `npm start` can tell you what to send (the webhooks' header).
 */
const DEMO_CREDENTIALS = {
	governanceProfileApi: {
		name: 'Governance Profile (local demo)',
		data: () => ({
			environment: 'development',
			customEnvironment: '',
			expectedBaseUrl: '',
			owner: 'admin@localhost.test',
			deputy: '',
			sponsor: '',
			dataClassification: 'internal',
			signingSecret: random(48),
			scope: 'Local demo instance started by npm start',
		}),
	},
	governanceApproversApi: {
		name: 'Approvers (local demo)',
		data: () => ({ approvers: 'approver@localhost.test\nfinance@localhost.test', totpSecrets: '', issuer: 'n8n Approvals' }),
	},
	governanceWebhookSigningSecretApi: {
		name: 'Webhook Signing Secret (local demo)',
		data: () => ({ secret: crypto.randomBytes(24).toString('hex'), previousSecret: '', owner: 'admin@localhost.test' }),
	},
	httpHeaderAuth: {
		name: 'Webhook Header Auth (local demo)',
		data: () => ({ name: 'X-Webhook-Key', value: crypto.randomBytes(24).toString('base64url') }),
		shown: true,
	},
	// The owner's key of the local demo; in production use a key with only execution:list and execution:stop.
	governanceExecutionControlApi: {
		name: 'Execution Control API (local demo)',
		data: (instance) => ({ baseUrl: instance.baseUrl, apiKey: instance.apiKey }),
	},
	governanceRedactionKeyApi: {
		name: 'Redaction Key (local demo)',
		data: () => ({ secret: random(48), keyId: 'local-1' }),
	},
};

async function api(baseUrl, apiKey, method, route, body) {
	return expectOk(await request(baseUrl, method, `/api/v1${route}`, { apiKey, body }), `${method} ${route}`);
}

/**
 * Imports every template not yet in `state.templates`, creating the demo credentials it needs on first use.
 * `state` = { apiKey, credentials: { type: { id, name } }, templates: { file: workflowId } } is updated in place.
 */
async function importTemplates(baseUrl, state) {
	let imported = 0;
	for (const { file, workflow } of listTemplates()) {
		if (state.templates[file]) continue;
		const byType = {};
		for (const type of credentialTypes(workflow)) {
			if (!state.credentials[type]) {
				const demo = DEMO_CREDENTIALS[type];
				if (!demo) throw new Error(`template ${file} needs a ${type} credential and no demo credential is defined`);
				const data = demo.data({ baseUrl, apiKey: state.apiKey });
				const created = await api(baseUrl, state.apiKey, 'POST', '/credentials', { name: demo.name, type, data });
				state.credentials[type] = { id: String(created.json.id), name: demo.name, ...(demo.shown ? { data } : {}) };
			}
			byType[type] = state.credentials[type];
		}
		const created = await api(baseUrl, state.apiKey, 'POST', '/workflows', forApi(bindCredentials(workflow, byType)));
		state.templates[file] = String(created.json.id);
		imported++;
	}
	return imported;
}

/** The header the templates' webhooks require, as `Name: value`, once the demo credential exists. */
function webhookHeaderLine(state) {
	const header = state.credentials.httpHeaderAuth && state.credentials.httpHeaderAuth.data;
	return header ? `${header.name}: ${header.value}` : undefined;
}

module.exports = { DEMO_CREDENTIALS, importTemplates, webhookHeaderLine };
