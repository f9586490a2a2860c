'use strict';
/**
 * The bench corpus of npm run bench:check: COUNT exported workflows (~TARGET_BYTES in all), a `--separate` folder
 * generated from the shipped templates and every rule fixture, each padded with a Code node as real exports are.
 * Shared by check-bench.js and same-output.js (which compares two builds' reports on it).
 */
const fs = require('node:fs');
const path = require('node:path');

const COUNT = Number(process.env.BENCH_WORKFLOWS ?? 2000);
const TARGET_BYTES = Number(process.env.BENCH_BYTES ?? 50 * 1024 * 1024);

/** The source workflows: templates, then the fixtures of every rule (RULES from a build of cli/src/check/rules). */
function corpusSources(rules) {
	const templates = path.join(__dirname, '..', '..', 'templates');
	const fromTemplates = fs.readdirSync(templates).filter((f) => f.endsWith('.json')).map((f) => JSON.parse(fs.readFileSync(path.join(templates, f), 'utf8')));
	const fromFixtures = rules.flatMap((r) => [...r.fixtures.triggers, ...r.fixtures.passes].map((f) => f.workflow));
	return [...fromTemplates, ...fromFixtures];
}

/** Writes the corpus into `dir`; returns its size in bytes. */
function writeCorpus(dir, rules) {
	const sources = corpusSources(rules);
	const base = sources.map((w) => JSON.stringify(w).length);
	const avg = base.reduce((a, b) => a + b, 0) / base.length;
	const pad = Math.max(0, Math.floor(TARGET_BYTES / COUNT - avg - 200));
	let bytes = 0;
	for (let i = 0; i < COUNT; i++) {
		const source = sources[i % sources.length];
		const filler = { id: `pad-${i}`, name: 'Transform (padding)', type: 'n8n-nodes-base.code', typeVersion: 2, position: [0, 400], parameters: { jsCode: `// generated ${i}\n${'return $input.all();\n'.repeat(Math.ceil(pad / 20))}`.slice(0, pad) } };
		const workflow = { ...source, id: `bench-${i}`, name: `${source.name} #${i}`, nodes: [...source.nodes, filler] };
		const text = JSON.stringify(workflow, null, 2);
		bytes += Buffer.byteLength(text);
		fs.writeFileSync(path.join(dir, `bench-${String(i).padStart(4, '0')}.json`), text);
	}
	return bytes;
}

module.exports = { COUNT, TARGET_BYTES, writeCorpus };
