/**
 * Accuracy of the prose entities (PERSON, STREET_ADDRESS, LOCATION, ORGANIZATION, AGE) next to
 * peers, in one process:
 *   npm run bench:redact:accuracy
 * Sets: pii-synth-v2 (Presidio research, synthetic, generated with Faker; ../shared/data or
 * PII_SYNTH_PATH), ner-dev-wnut17 (real tweets; NER_WNUT_PATH), when present WikiGold (Wikipedia articles, edited
 * prose, CC BY 4.0, the same {text, spans} lines made by bench/redact/conll-to-jsonl.js from its CoNLL file;
 * NER_WIKIGOLD_PATH, not shipped) and the project's business-text
 * corpus (test/fixtures/business-text.json, names and places from non-Faker sources). A gold span
 * counts as found when detections of its entity cover at least half of it; a detection counts as
 * correct when it covers at least half of a gold span of its entity or lies at least half inside
 * such spans (for LOCATION, spans of STREET_ADDRESS count too: a city line's place is no false
 * alarm; for STREET_ADDRESS, spans of ZIP_CODE: a postcode is reported as part of an address).
 * Char coverage: labelled characters of every type except ORGANIZATION, NRP and TITLE covered by
 * any detection, whatever its entity, with a per-type table for ours, and the coverage at the node's
 * default Minimum Score. Speed: CPU ms per set, and adversarial 1 MB inputs.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_MIN_SCORE, detect } from '../../lib/redaction';
import { detectProse } from '../../lib/redaction/prose';
import { alignRedacted } from './peers';

interface Gold {
	entity: string;
	start: number;
	end: number;
}
interface Doc {
	text: string;
	spans: Gold[];
}
type Spans = (text: string) => Gold[];

const log = (s = '') => process.stdout.write(`${s}\n`);
const cpuMs = () => {
	const u = process.cpuUsage();
	return (u.user + u.system) / 1000;
};
const ENTITY: Record<string, string> = { GPE: 'LOCATION', PERSON_NAME: 'PERSON', ZIPCODE: 'ZIP_CODE', ORG: 'ORGANIZATION' };
const norm = (e: string) => ENTITY[e] ?? e;
const PROSE = ['PERSON', 'STREET_ADDRESS', 'LOCATION', 'ORGANIZATION', 'AGE'];
const NOT_COVERED = new Set(['ORGANIZATION', 'NRP', 'TITLE']);
/** Gold entities a detection of an entity may lie in without being a false alarm: a city line is part of an address, and so is its postcode. */
const ALSO_RIGHT: Record<string, string[]> = { LOCATION: ['STREET_ADDRESS'], STREET_ADDRESS: ['ZIP_CODE'] };

function firstExisting(paths: string[]): string | undefined {
	return paths.find((p) => p !== '' && existsSync(p));
}

function loadSynth(): Doc[] | undefined {
	const p = firstExisting([process.env.PII_SYNTH_PATH ?? '', join(__dirname, '../../../../../shared/data/pii-synth-v2.json'), '/work/shared/data/pii-synth-v2.json']);
	if (!p) return undefined;
	const raw = JSON.parse(readFileSync(p, 'utf8')) as Array<{ full_text: string; spans: Array<{ entity_type: string; start_position: number; end_position: number }> }>;
	return raw.map((r) => ({ text: r.full_text, spans: r.spans.map((s) => ({ entity: norm(s.entity_type), start: s.start_position, end: s.end_position })) }));
}

function loadJsonl(env: string, name: string): Doc[] | undefined {
	const p = firstExisting([process.env[env] ?? '', join(__dirname, `../../../../../shared/data/${name}`), `/work/shared/data/${name}`]);
	if (!p) return undefined;
	return readFileSync(p, 'utf8').split('\n').filter(Boolean).map((l) => {
		const r = JSON.parse(l) as { text: string; spans: Gold[] };
		return { text: r.text, spans: r.spans.map((s) => ({ ...s, entity: norm(s.entity) })) };
	});
}

function loadBusiness(): Doc[] {
	return JSON.parse(readFileSync(join(__dirname, '../../../../test/fixtures/business-text.json'), 'utf8')) as Doc[];
}

const overlap = (a: Gold, b: Gold) => Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));

interface Count {
	gold: number;
	found: number;
	det: number;
	right: number;
}

/** Per labelled type: its characters, and those any detection covers (whatever entity it names). */
interface Cover {
	labelled: number;
	covered: number;
	/** uncovered characters that are white space or punctuation (between the parts of an address block, say) */
	gaps: number;
}
const SEPARATOR = /[\s\p{P}]/u;

function score(docs: Doc[], fn: Spans, entities: string[]): { per: Record<string, Count>; coverage: number; byType: Record<string, Cover>; ms: number } {
	const per: Record<string, Count> = {};
	const byType: Record<string, Cover> = {};
	for (const e of entities) per[e] = { gold: 0, found: 0, det: 0, right: 0 };
	let labelled = 0;
	let covered = 0;
	let ms = 0;
	for (const d of docs) {
		const c0 = cpuMs();
		const dets = fn(d.text).map((x) => ({ entity: norm(x.entity), start: x.start, end: x.end }));
		ms += cpuMs() - c0;
		for (const e of entities) {
			const gs = d.spans.filter((s) => s.entity === e);
			const ds = dets.filter((s) => s.entity === e);
			const c = per[e];
			c.gold += gs.length;
			c.det += ds.length;
			for (const g of gs) if (ds.reduce((n, x) => n + overlap(g, x), 0) * 2 >= g.end - g.start) c.found++;
			// a place inside a labelled street address (its city line), a postcode labelled ZIP_CODE: no false alarms
			const also = d.spans.filter((s) => ALSO_RIGHT[e]?.includes(s.entity));
			for (const x of ds) {
				const inside = gs.reduce((n, g) => n + overlap(g, x), 0) + also.reduce((n, g) => n + overlap(g, x), 0);
				if (inside * 2 >= x.end - x.start || gs.some((g) => overlap(g, x) * 2 >= g.end - g.start)) c.right++;
			}
		}
		const mark = new Uint8Array(d.text.length);
		for (const g of d.spans) if (!NOT_COVERED.has(g.entity)) for (let k = g.start; k < g.end; k++) mark[k] = 1;
		for (const x of dets) for (let k = x.start; k < x.end; k++) if (mark[k] === 1) mark[k] = 2;
		for (const m of mark) {
			if (m > 0) labelled++;
			if (m === 2) covered++;
		}
		for (const g of d.spans) {
			if (NOT_COVERED.has(g.entity)) continue;
			const t = (byType[g.entity] ??= { labelled: 0, covered: 0, gaps: 0 });
			t.labelled += g.end - g.start;
			for (let k = g.start; k < g.end; k++) {
				if (mark[k] === 2) t.covered++;
				else if (SEPARATOR.test(d.text[k])) t.gaps++;
			}
		}
	}
	return { per, coverage: labelled ? covered / labelled : 0, byType, ms };
}

const f1 = (c: Count) => {
	const p = c.det ? c.right / c.det : 0;
	const r = c.gold ? c.found / c.gold : 0;
	return { p, r, f: p + r ? (2 * p * r) / (p + r) : 0 };
};
const fx = (x: number) => x.toFixed(2);

function libs(): Array<{ name: string; fn: Spans }> {
	const out: Array<{ name: string; fn: Spans }> = [{ name: 'ours', fn: (t) => detect(t) }];
	try {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const nlp = require('compromise');
		const spans = (doc: any, m: 'people' | 'places' | 'organizations', entity: string): Gold[] =>
			(doc[m]().json({ offset: true }) as Array<{ text: string; offset: { start: number; length: number } }>).map((x) => {
				const text = String(x.text).replace(/[\s.,;:!?'"()]+$/u, '');
				return { entity, start: x.offset.start, end: x.offset.start + Math.min(x.offset.length, text.length) };
			});
		out.push({
			name: 'compromise',
			fn: (t) => {
				const doc = nlp(t);
				return [...spans(doc, 'people', 'PERSON'), ...spans(doc, 'places', 'LOCATION'), ...spans(doc, 'organizations', 'ORGANIZATION')];
			},
		});
	} catch (error) {
		log(`compromise: not available (${(error as Error).message})`);
	}
	try {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const { SyncRedactor } = require('redact-pii');
		const r = new SyncRedactor();
		out.push({ name: 'redact-pii', fn: (t) => alignRedacted(t, r.redact(t)) });
	} catch (error) {
		log(`redact-pii: not available (${(error as Error).message})`);
	}
	return out;
}

function report(name: string, docs: Doc[] | undefined, entities: string[], all: Array<{ name: string; fn: Spans }>): void {
	if (!docs) {
		log(`${name}: not found, skipped`);
		return;
	}
	const chars = docs.reduce((n, d) => n + d.text.length, 0);
	log(`\n## ${name}: ${docs.length} texts, ${(chars / 1024).toFixed(0)} KB`);
	log(`${'library'.padEnd(12)} ${entities.map((e) => `${e} P/R/F1`.padEnd(26)).join('')}coverage  cpu ms`);
	const ms: Record<string, number> = {};
	let ourCover: Record<string, Cover> | undefined;
	for (const lib of all) {
		for (const d of docs) lib.fn(d.text); // warm-up pass, not measured
		const s = score(docs, lib.fn, entities);
		ms[lib.name] = s.ms;
		const cells = entities.map((e) => {
			const c = s.per[e];
			const { p, r, f } = f1(c);
			return `${fx(p)}/${fx(r)}/${fx(f)} (${c.gold})`.padEnd(26);
		});
		log(`${lib.name.padEnd(12)} ${cells.join('')}${s.coverage.toFixed(3).padEnd(10)}${s.ms.toFixed(0)}`);
		if (lib.name === 'ours') ourCover = s.byType;
	}
	if (ourCover) {
		// detect() without minScore returns weak candidates too (e.g. dates at 0.3); the node drops them
		const node = score(docs, (t) => detect(t, { minScore: DEFAULT_MIN_SCORE }), entities);
		log(`ours at the node's default Minimum Score (${DEFAULT_MIN_SCORE}): coverage ${node.coverage.toFixed(3)}`);
		coverageTable(ourCover);
	}
	if (ms['redact-pii'] && ms.ours) log(`speed: ours is ${(ms['redact-pii'] / ms.ours).toFixed(1)}x redact-pii (CPU, whole detect with every default entity)`);
}

/**
 * Char coverage of ours per labelled type (every type but ORGANIZATION, NRP and TITLE), most
 * uncovered characters first, so the misses behind the coverage figure are visible. A character
 * inside two labelled spans counts for both types. The last column counts the uncovered white space
 * and punctuation (e.g. the line breaks between the parts of an address block found part by part).
 */
function coverageTable(byType: Record<string, Cover>): void {
	const rows = Object.entries(byType).sort((a, b) => b[1].labelled - b[1].covered - (a[1].labelled - a[1].covered));
	const total = rows.reduce((n, [, c]) => n + c.labelled, 0);
	log(`coverage of ours per labelled type: ${'type'.padEnd(18)} ${'chars'.padStart(6)} ${'covered'.padStart(8)} ${'uncovered'.padStart(10)} ${'share of all'.padStart(13)} ${'of them space/punct.'.padStart(21)}`);
	for (const [type, c] of rows) {
		const miss = c.labelled - c.covered;
		log(`${''.padEnd(35)}${type.padEnd(18)} ${String(c.labelled).padStart(6)} ${fx(c.labelled ? c.covered / c.labelled : 0).padStart(8)} ${String(miss).padStart(10)} ${fx(total ? miss / total : 0).padStart(13)} ${String(c.gaps).padStart(21)}`);
	}
}

/** Adversarial 1 MB inputs for the prose recognizers: CPU ms of detectProse (best of 3). */
function adversarial(): void {
	const MB = 1 << 20;
	const fill = (unit: string) => unit.repeat(Math.ceil(MB / unit.length)).slice(0, MB);
	const shapes: Record<string, string> = {
		'capitalised words': fill('Alpha Bravo Charlie Delta Echo Foxtrot '),
		'name-list storm': fill('Maria Gonzalez Peter Novak John Smith '),
		'Mr Mr Mr': fill('Mr '),
		'Dr. Dr. Dr.': fill('Dr. '),
		'Dear Dear': fill('Dear '),
		'address-like run': fill('12 Oak 12 Oak Street, '),
		'street types': fill('Street Avenue Road '),
		'numbers and caps': fill('12 Oak Hauptstraße 5 rue de la Paix '),
		'postcode lines': fill('10115 Berlin\n'),
		'e-mail parts': fill('maria.gonzalez@'),
		'one long word': fill('A') ,
		'city storm': fill('Berlin Paris London Springfield '),
	};
	log('\n## adversarial 1 MB inputs (detectProse, every prose entity; CPU ms, best of 3)');
	const all = ['PERSON', 'STREET_ADDRESS', 'LOCATION', 'ORGANIZATION', 'AGE', 'DATE_OF_BIRTH'];
	detectProse('warm up: Maria Gonzalez, 12 Oak Street, Springfield IL 62704, in Berlin.', { entities: all });
	for (const [name, text] of Object.entries(shapes)) {
		let best = Infinity;
		for (let r = 0; r < 3; r++) {
			const c0 = cpuMs();
			detectProse(text, { entities: all });
			best = Math.min(best, cpuMs() - c0);
		}
		log(`${name.padEnd(20)} ${best.toFixed(1)} ms${best >= 50 ? '  (over 50 ms)' : ''}`);
	}
}

function main(): void {
	// BENCH_LIBS=ours (comma list) keeps only the named libraries, e.g. to look at our misses quickly
	const only = process.env.BENCH_LIBS?.split(',').map((x) => x.trim());
	const all = libs().filter((l) => !only || only.includes(l.name));
	const c0 = cpuMs();
	detect('warm up: Maria Gonzalez, 12 Oak Street, Springfield IL 62704, in Berlin.');
	log(`first detect (word lists loaded): ${(cpuMs() - c0).toFixed(0)} ms CPU`);
	report('pii-synth-v2', loadSynth(), PROSE, all);
	report('ner-dev-wnut17 (real tweets)', loadJsonl('NER_WNUT_PATH', 'ner-dev-wnut17.jsonl'), ['PERSON', 'LOCATION', 'ORGANIZATION'], all);
	report('wikigold (Wikipedia, edited prose)', loadJsonl('NER_WIKIGOLD_PATH', 'wikigold.jsonl'), ['PERSON', 'LOCATION', 'ORGANIZATION'], all);
	report('business-text (project fixture)', loadBusiness(), ['PERSON', 'STREET_ADDRESS', 'LOCATION'], all);
	if (process.env.BENCH_SKIP_ADVERSARIAL !== '1') adversarial();
}

main();
