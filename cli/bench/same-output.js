#!/usr/bin/env node
'use strict';
/**
 * node cli/bench/same-output.js [REF] — whether this build of the CLI (cli/dist, from npm run build:cli) prints
 * byte for byte what REF's build (default: main) prints on the bench corpus (corpus.js) and on the shipped
 * templates: check in every format (and with --environment production), inventory in every format; standard
 * output, standard error and exit code. For speed work that must not change a finding. REF is built from
 * `git archive` into a temporary folder with this checkout's node_modules. Exit 0 when all are the same.
 */
const { execFileSync, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { writeCorpus } = require('./corpus');

const ROOT = path.join(__dirname, '..', '..');
const REF = process.argv[2] ?? 'main';
const RUNS = [
	['check', '--fail-on', 'never', '--format', 'text'],
	['check', '--fail-on', 'never', '--format', 'json'],
	['check', '--fail-on', 'never', '--format', 'sarif'],
	['check', '--fail-on', 'never', '--format', 'markdown'],
	['check', '--fail-on', 'never', '--environment', 'production', '--format', 'json'],
	['inventory', '--format', 'table'],
	['inventory', '--format', 'csv'],
	['inventory', '--format', 'json'],
	['inventory', '--format', 'markdown'],
];

/** REF's cli/, lib/ and templates/ built into `dir` (the generated prose lexicon is copied, it is not committed). */
function buildRef(dir) {
	const archive = execFileSync('git', ['-C', ROOT, 'archive', '--format=tar', REF, 'cli', 'lib', 'templates', 'tsconfig.json'], { maxBuffer: 1 << 30 });
	execFileSync('tar', ['-x', '-C', dir], { input: archive });
	fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
	fs.symlinkSync(path.join(ROOT, 'cli', 'node_modules'), path.join(dir, 'cli', 'node_modules'));
	const lexicon = path.join('lib', 'redaction', 'prose', 'data', 'lexicon.json');
	fs.mkdirSync(path.dirname(path.join(dir, lexicon)), { recursive: true });
	fs.copyFileSync(path.join(ROOT, lexicon), path.join(dir, lexicon));
	execFileSync(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', path.join(dir, 'cli', 'tsconfig.json')], { stdio: 'inherit' });
}

function run(bin, args, cwd) {
	const r = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 30 });
	return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

/** The first line where two texts differ, for the report. */
function firstDifference(a, b) {
	const x = a.split('\n');
	const y = b.split('\n');
	const i = x.findIndex((line, k) => line !== y[k]);
	const at = i < 0 ? x.length : i;
	return `line ${at + 1}:\n  ${REF}: ${JSON.stringify(x[at] ?? '(end)').slice(0, 300)}\n  this: ${JSON.stringify(y[at] ?? '(end)').slice(0, 300)}`;
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ngov-same-output-'));
try {
	const refDir = path.join(tmp, 'ref');
	fs.mkdirSync(refDir);
	buildRef(refDir);
	const corpus = path.join(tmp, 'corpus');
	fs.mkdirSync(corpus);
	writeCorpus(corpus, require(path.join(ROOT, 'cli', 'dist', 'cli', 'src', 'check', 'rules')).RULES);
	fs.cpSync(path.join(ROOT, 'templates'), path.join(tmp, 'templates'), { recursive: true });
	const bins = { ref: path.join(refDir, 'cli', 'bin', 'n8n-governance.js'), self: path.join(ROOT, 'cli', 'bin', 'n8n-governance.js') };
	let differ = 0;
	for (const input of ['corpus', 'templates']) {
		for (const args of RUNS) {
			const a = run(bins.ref, [...args, input], tmp);
			const b = run(bins.self, [...args, input], tmp);
			const same = ['stdout', 'stderr', 'status'].filter((k) => a[k] !== b[k]);
			const label = `${args.join(' ')} ${input}`;
			if (same.length === 0) console.log(`same       ${label} (${Buffer.byteLength(a.stdout)} bytes, exit ${a.status})`);
			else {
				differ++;
				console.log(`DIFFERENT  ${label}: ${same.join(', ')}`);
				for (const k of same.filter((x) => x !== 'status')) console.log(`  ${k} ${firstDifference(a[k], b[k])}`);
			}
		}
	}
	console.log(differ === 0 ? `all the same as ${REF}` : `${differ} run(s) differ from ${REF}`);
	process.exitCode = differ === 0 ? 0 : 1;
} finally {
	fs.rmSync(tmp, { recursive: true, force: true });
}
