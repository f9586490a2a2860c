/**
 * Compares two compiled builds of lib/redaction/prose (e.g. main's and a branch's, each made with
 * `npx tsc -p bench/redact/tsconfig.json` and copied aside) in one process: asserts that detectProse
 * gives identical detections (entity/start/end/score/ruleId, in order) on the bench corpus, the shared
 * data sets, the hostile inputs and mutated texts, then prints CPU time per part, alternating rounds.
 *
 *   node bench/redact/prose-compare.js <base build dir> <new build dir> [--no-check] [--no-time]
 */
'use strict';
const { readFileSync, existsSync } = require('fs');
const { join, resolve } = require('path');

const [baseDir, newDir] = process.argv.slice(2).filter((a) => !a.startsWith('--')).map((p) => resolve(p));
const flags = new Set(process.argv.slice(2).filter((a) => a.startsWith('--')));
if (!baseDir || !newDir) throw new Error('usage: node prose-compare.js <base build> <new build>');

function load(dir) {
	const P = join(dir, 'lib/redaction/prose/');
	const m = {
		prose: require(P + 'index'),
		tokens: require(P + 'tokens'),
		address: require(P + 'address'),
		extra: require(P + 'extra'),
		person: require(P + 'person'),
		location: require(P + 'location'),
		lexicon: require(P + 'lexicon'),
	};
	const lx = m.lexicon.getLexicon();
	// each part gets the text and its tokens (made outside the part's time); a build whose recognizers take tokens uses them
	const tokensFirst = existsSync(P + 'anchors.js');
	m.parts = {
		tokenize: (t) => m.tokens.tokenize(t),
		// a build with address-lower.js: findAddresses(tokens, lx, plain, places); before it (tokens or text, lx, places)
		address: existsSync(P + 'address-lower.js')
			? (t, k) => m.address.findAddresses(k, lx, false, true)
			: tokensFirst
				? (t, k) => m.address.findAddresses(k, lx, true)
				: (t) => m.address.findAddresses(t, lx, true),
		'ages+dob': tokensFirst
			? (t, k) => {
					const a = m.extra.extraAnchors(k);
					m.extra.findAges(k, [], a);
					m.extra.findBirthDates(k, [], a);
				}
			: (t) => {
					m.extra.findAges(t, []);
					m.extra.findBirthDates(t, []);
				},
		persons: (t, k) => m.person.findPersons(k, lx, m.person.emailParts(k)),
		locations: (t, k) => m.location.findLocations(k, lx, new Uint8Array(k.count)),
		detectProse: (t) => m.prose.detectProse(t),
	};
	return m;
}

const base = load(baseDir);
const next = load(newDir);
const { makeCorpus } = require(join(baseDir, 'bench/redact/corpus'));
const { HOSTILE_UNITS, hostileInput } = require(join(baseDir, 'test/helpers/hostile'));

function sets() {
	const out = {};
	out.corpus = makeCorpus(2560).map((i) => i.text);
	const synth = ['/work/shared/data/pii-synth-v2.json', join(__dirname, '../../../shared/data/pii-synth-v2.json')].find(existsSync);
	if (synth) out.synth = JSON.parse(readFileSync(synth, 'utf8')).map((r) => r.full_text);
	const wnut = ['/work/shared/data/ner-dev-wnut17.jsonl', join(__dirname, '../../../shared/data/ner-dev-wnut17.jsonl')].find(existsSync);
	if (wnut) out.wnut = readFileSync(wnut, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l).text);
	const biz = join(__dirname, '../../test/fixtures/business-text.json');
	if (existsSync(biz)) out.business = JSON.parse(readFileSync(biz, 'utf8')).map((d) => d.text);
	out.hostile = HOSTILE_UNITS.map(([, unit, head]) => hostileInput(unit, 1 << 20, head));
	out.hostileSmall = HOSTILE_UNITS.map(([, unit, head]) => hostileInput(unit, 3000, head));
	const fill = (unit) => unit.repeat(Math.ceil((1 << 20) / unit.length)).slice(0, 1 << 20);
	out.accuracyStorms = ['12 Oak 12 Oak Street, ', 'Street Avenue Road ', '12 Oak Hauptstraße 5 rue de la Paix ', '10115 Berlin\n', 'Berlin Paris London Springfield ', 'Maria Gonzalez Peter Novak John Smith '].map(fill);
	// mutations: spliced pieces, whole-text case changes, line breaks for spaces, glued punctuation
	let seed = 12345;
	const r = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296);
	const pool = [...out.corpus.slice(0, 400), ...(out.synth ?? []).slice(0, 800), ...(out.wnut ?? []).slice(0, 400), ...(out.business ?? [])];
	const mut = [];
	for (let n = 0; n < 3000; n++) {
		let s = '';
		const pieces = 1 + Math.floor(r() * 4);
		for (let p = 0; p < pieces; p++) {
			const src = pool[Math.floor(r() * pool.length)];
			const a = Math.floor(r() * src.length);
			s += src.slice(a, a + 20 + Math.floor(r() * 400)) + [' ', '\n', ', ', '. ', ''][Math.floor(r() * 5)];
		}
		const k = r();
		if (k < 0.1) s = s.toUpperCase();
		else if (k < 0.2) s = s.toLowerCase();
		else if (k < 0.3) s = s.replace(/ /g, () => (r() < 0.3 ? '\n' : ' '));
		else if (k < 0.4) s = s.replace(/ /g, () => (r() < 0.2 ? '  ' : r() < 0.05 ? ',' : ' '));
		mut.push(s);
	}
	out.mutated = mut;
	return out;
}

const OPTIONS = [undefined, { entities: ['PERSON', 'STREET_ADDRESS', 'LOCATION', 'ORGANIZATION', 'AGE', 'DATE_OF_BIRTH'] }, { entities: ['STREET_ADDRESS'] }, { entities: ['PERSON'] }, { entities: ['LOCATION'] }, { entities: ['STREET_ADDRESS', 'PERSON'] }];
const key = (ds) => ds.map((d) => `${d.entity}:${d.start}:${d.end}:${d.score}:${d.ruleId}`).join('|');

const data = sets();
if (!flags.has('--no-check')) {
	let checked = 0;
	for (const [name, texts] of Object.entries(data)) {
		const opts = name === 'hostile' || name === 'accuracyStorms' ? [undefined, OPTIONS[1]] : OPTIONS;
		for (const t of texts) {
			for (const o of opts) {
				const a = key(base.prose.detectProse(t, o));
				const b = key(next.prose.detectProse(t, o));
				checked++;
				if (a !== b) {
					console.error(`DIFFERENT in ${name} (options ${JSON.stringify(o)}): ${JSON.stringify(t.slice(0, 300))}`);
					const as = a.split('|');
					const bs = b.split('|');
					console.error('  only base:', as.filter((x) => !bs.includes(x)).slice(0, 10).join(' '));
					console.error('  only new: ', bs.filter((x) => !as.includes(x)).slice(0, 10).join(' '));
					process.exitCode = 1;
				}
			}
		}
		console.log(`checked ${name}: ${texts.length} texts`);
	}
	console.log(process.exitCode ? 'OUTPUT DIFFERS' : `identical output (${checked} text/option pairs)`);
}

const cpu = () => {
	const u = process.cpuUsage();
	return (u.user + u.system) / 1000;
};
if (!flags.has('--no-time')) {
	const items = data.corpus.slice(0, 512);
	const names = Object.keys(base.parts);
	const toks = new Map([base, next].map((m) => [m, items.map((t) => m.tokens.tokenize(t))]));
	for (const m of [base, next]) for (let w = 0; w < 2; w++) for (const f of Object.values(m.parts)) items.forEach((t, i) => f(t, toks.get(m)[i]));
	const sum = { base: {}, next: {} };
	const ROUNDS = 10;
	for (let round = 0; round < ROUNDS; round++) {
		for (const n of names) {
			for (const [label, m] of round % 2 === 0 ? [['base', base], ['next', next]] : [['next', next], ['base', base]]) {
				const c0 = cpu();
				// fresh token tables (made outside the timing): no part sees another's per-token caches
				const k = items.map((t) => m.tokens.tokenize(t));
				const f = m.parts[n];
				for (let i = 0; i < items.length; i++) f(items[i], k[i]);
				sum[label][n] = (sum[label][n] ?? 0) + (cpu() - c0);
			}
		}
	}
	console.log(`\nper 4 KB item of the bench corpus (${items.length} items x ${ROUNDS} rounds, CPU us; alternating; parts after tokenize)`);
	console.log('part'.padEnd(14) + 'base'.padStart(8) + 'new'.padStart(8) + '  new/base');
	for (const n of names) {
		const a = (sum.base[n] / (ROUNDS * items.length)) * 1000;
		const b = (sum.next[n] / (ROUNDS * items.length)) * 1000;
		console.log(n.padEnd(14) + a.toFixed(1).padStart(8) + b.toFixed(1).padStart(8) + '  ' + (b / a).toFixed(2));
	}
	console.log('\nhostile 1 MB inputs, detectProse with every prose entity (CPU ms, best of 2)');
	const all = OPTIONS[1];
	const named = [...HOSTILE_UNITS.map(([n], i) => [n, data.hostile[i]]), ...data.accuracyStorms.map((t, i) => [`accuracy storm ${i}`, t])];
	let worst = [0, 0];
	for (const [n, t] of named) {
		const ms = [base, next].map((m) => {
			let best = Infinity;
			for (let r = 0; r < 2; r++) {
				const c0 = cpu();
				m.prose.detectProse(t, all);
				best = Math.min(best, cpu() - c0);
			}
			return best;
		});
		worst = [Math.max(worst[0], ms[0]), Math.max(worst[1], ms[1])];
		if (ms[0] > 5 || ms[1] > 5) console.log(n.slice(0, 44).padEnd(46) + ms[0].toFixed(1).padStart(8) + ms[1].toFixed(1).padStart(8));
	}
	console.log('worst'.padEnd(46) + worst[0].toFixed(1).padStart(8) + worst[1].toFixed(1).padStart(8));
}
