'use strict';
/**
 * Template workflows in templates/: read them, bind their credential references to real credentials, and shape
 * them for n8n's public API. Used by `npm start` (demo credentials) and by the end-to-end test of every template.
 */
const fs = require('node:fs');
const path = require('node:path');

const TEMPLATES = path.resolve(__dirname, '..', '..', 'templates');

function listTemplates() {
	if (!fs.existsSync(TEMPLATES)) return [];
	return fs
		.readdirSync(TEMPLATES)
		.filter((file) => file.endsWith('.workflow.json'))
		.sort()
		.map((file) => ({ file, workflow: JSON.parse(fs.readFileSync(path.join(TEMPLATES, file), 'utf8')) }));
}

/** Credential types the template's nodes reference. */
function credentialTypes(workflow) {
	const types = new Set();
	for (const node of workflow.nodes) for (const type of Object.keys(node.credentials || {})) types.add(type);
	return [...types].sort();
}

/** A copy of the workflow whose credential references point at `byType[type] = { id, name }`. */
function bindCredentials(workflow, byType) {
	return {
		...workflow,
		nodes: workflow.nodes.map((node) => {
			if (!node.credentials) return node;
			const credentials = {};
			for (const type of Object.keys(node.credentials)) {
				if (!byType[type]) throw new Error(`template "${workflow.name}" needs a ${type} credential`);
				credentials[type] = { id: byType[type].id, name: byType[type].name };
			}
			return { ...node, credentials };
		}),
	};
}

/** The fields the public API accepts when creating a workflow. */
function forApi(workflow) {
	return {
		name: workflow.name,
		nodes: workflow.nodes,
		connections: workflow.connections,
		settings: workflow.settings || { executionOrder: 'v1' },
	};
}

module.exports = { TEMPLATES, listTemplates, credentialTypes, bindCredentials, forApi };
