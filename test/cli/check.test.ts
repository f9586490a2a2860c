import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BASE, flow, http, manual, n, webhook } from '../../cli/src/check/rules/fixture-kit';
import { badFlow, cleanFlow, CLI_ROOT, run, tempDir } from './check-helpers';

const tmp = tempDir('ngov-check-');
afterAll(() => tmp.remove());

describe('n8n-governance check: inputs and exit codes', () => {
	test('when a --separate folder holds only a clean workflow then it exits 0 and says PASS', async () => {
		const dir = join(tmp.dir, 'clean');
		tmp.write('clean/wf-clean.json', cleanFlow());
		const result = await run(['check', dir]);
		expect(result.stdout).toMatch(/^PASS: 0 error\(s\), 0 warning\(s\)/m);
		expect(result.code).toBe(0);
	});

	test('when workflows come as a folder, an --all array and a public API page then every one is checked', async () => {
		tmp.write('mixed/one.json', badFlow('Single'));
		tmp.write('mixed/nested/all.json', [badFlow('Array A', 'a'), cleanFlow('Array B', 'b')]);
		tmp.write('mixed/page.json', { data: [badFlow('Page C', 'c')], nextCursor: null });
		const result = await run(['check', '--format', 'json', join(tmp.dir, 'mixed')]);
		const report = JSON.parse(result.stdout) as { workflows: number; findings: { workflow: { name: string; file: string; index?: number } }[] };
		expect(report.workflows).toBe(4);
		expect(new Set(report.findings.map((f) => f.workflow.name))).toEqual(new Set(['Single', 'Array A', 'Page C']));
		expect(report.findings.find((f) => f.workflow.name === 'Array A')?.workflow).toMatchObject({ file: expect.stringMatching(/nested\/all\.json$/), index: 0 });
		expect(result.code).toBe(1);
	});

	test.each([
		['error', ['--fail-on', 'error'], 0],
		['warning', ['--fail-on', 'warning'], 1],
		['never', ['--fail-on', 'never'], 0],
	])('when only warnings are found and --fail-on is %s then the exit code follows', async (_level, flags, code) => {
		const path = tmp.write(`warn-${_level}.json`, { ...cleanFlow(), settings: {} }); // only GOV-LOG-001 (warning)
		const result = await run(['check', ...flags, path]);
		expect(result.stdout).toContain('GOV-LOG-001');
		expect(result.code).toBe(code);
	});

	test('when one file is malformed then it is named with its line, the others are still checked, and it exits 2', async () => {
		tmp.write('broken/a-good.json', badFlow('Still checked'));
		tmp.write('broken/b-truncated.json', JSON.stringify(cleanFlow(), null, 2).slice(0, 300));
		tmp.write('broken/c-empty.json', '');
		tmp.write('broken/d-latin1.json', Buffer.concat([Buffer.from('{\n"name": "caf'), Buffer.from([0xe9]), Buffer.from('", "nodes": []}')]));
		tmp.write('broken/e-not-a-workflow.json', { hello: 'world' });
		tmp.write('broken/f-empty-array.json', []);
		const result = await run(['check', join(tmp.dir, 'broken')]);
		expect(result.code).toBe(2);
		expect(result.stdout).toMatch(/INPUT {2}.*b-truncated\.json: is not valid JSON at line \d+, column \d+/);
		expect(result.stdout).toMatch(/c-empty\.json: is empty/);
		expect(result.stdout).toMatch(/d-latin1\.json: is not UTF-8 text \(first bad byte on line 2\)/);
		expect(result.stdout).toMatch(/e-not-a-workflow\.json: is not an n8n workflow/);
		expect(result.stdout).toMatch(/f-empty-array\.json: holds an empty list/);
		expect(result.stdout).toContain('Still checked');
		expect(result.stdout).toMatch(/^UNUSABLE INPUT/m);
		expect(result.stdout + result.stderr).not.toMatch(/\n\s+at /); // no stack trace
	});

	test('when a path does not exist then it exits 2 naming it', async () => {
		const result = await run(['check', join(tmp.dir, 'nope.json')]);
		expect(result.code).toBe(2);
		expect(result.stdout).toMatch(/nope\.json: cannot be read: ENOENT/);
	});

	test('when nodes are odd (unknown types, no parameters, cycles, disconnected, duplicate names) then it reports, never crashes', async () => {
		const odd = flow('Odd', [manual(), n('Mystery', 'acme-nodes.frobnicate'), { name: 'Bare', type: `${BASE}noOp` } as never, n('A', `${BASE}set`), n('B', `${BASE}set`), n('Alone', `${BASE}set`), n('A', `${BASE}if`)], [['Manual', 'Mystery'], ['Mystery', 'Bare'], ['Bare', 'A'], ['A', 'B'], ['B', 'A']]);
		const result = await run(['check', '--format', 'json', tmp.write('odd.json', odd)]);
		const report = JSON.parse(result.stdout) as { findings: { ruleId: string; message: string }[] };
		expect(report.findings.find((f) => f.ruleId === 'GOV-INP-001')?.message).toContain('two nodes are named "A"');
		expect(result.code).toBe(0);
	});

	test('when the policy file has bad fields then it exits 2 and names each field', async () => {
		const policy = tmp.write('bad.policy.json', { httpTimeoutMaxSeconds: 'soon', severities: { 'GOV-ACC-001': 'fatal' } });
		const result = await run(['check', '--policy', policy, tmp.write('p.json', cleanFlow())]);
		expect(result.code).toBe(2);
		expect(result.stderr).toContain('httpTimeoutMaxSeconds: Expected number, received string');
		expect(result.stderr).toContain('severities.GOV-ACC-001');
	});

	test('when --environment production is given then a workflow without an owner fails', async () => {
		const noOwner = flow('No owner', [webhook(), n('Set', `${BASE}set`)], [['Webhook', 'Set']]);
		const path = tmp.write('owner.json', noOwner);
		expect((await run(['check', path])).code).toBe(0);
		const prod = await run(['check', '--environment', 'production', path]);
		expect(prod.stdout).toMatch(/error\s+GOV-OWN-001/);
		expect(prod.code).toBe(1);
	});

	test('when a suppression covers the only error then it passes and the finding is shown as suppressed', async () => {
		const open = flow('Open hook', [webhook('Webhook', { authentication: 'none' }), gov2()], [['Webhook', 'Audit']]);
		const policy = tmp.write('s.policy.json', { suppressions: [{ rule: 'GOV-ACC-001', workflow: 'Open hook', node: 'Webhook', reason: 'public status page, no data', expires: '2999-01-01' }] });
		const result = await run(['check', '--policy', policy, tmp.write('s.json', open)]);
		expect(result.stdout).toMatch(/suppressed GOV-ACC-001/);
		expect(result.stdout).toContain('suppressed until 2999-01-01: public status page, no data');
		expect(result.code).toBe(0);
	});
});

function gov2() {
	return n('Audit', 'n8n-nodes-governance.auditEmitter', {}, { credentials: { governanceProfileApi: { id: 'p', name: 'Profile' } } });
}

describe('n8n-governance check: SARIF', () => {
	let sarif: {
		version: string;
		runs: { tool: { driver: { rules: { id: string; help: { text: string } }[] } }; results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region?: { startLine: number } }; logicalLocations: { fullyQualifiedName: string }[] }[] }[] }[];
	};
	let code: number;

	beforeAll(async () => {
		const result = await run(['check', '--format', 'sarif', tmp.write('sarif/bad.json', badFlow())]);
		code = result.code;
		sarif = JSON.parse(result.stdout);
	});

	test('when findings exist then the log validates against the official SARIF 2.1.0 schema', () => {
		// The schema ships in @microsoft/jest-sarif (a devDependency of cli/); it is draft-04, which its ajv 6 reads.
		const Ajv = require(join(CLI_ROOT, 'node_modules', 'ajv'));
		const schema = JSON.parse(readFileSync(join(CLI_ROOT, 'node_modules', '@microsoft', 'jest-sarif', 'lib', 'schemas', 'sarif-2.1.0-rtm.5.json'), 'utf8'));
		const ajv = new Ajv({ schemaId: 'auto', validateSchema: false, allErrors: true });
		ajv.addMetaSchema(require(join(CLI_ROOT, 'node_modules', 'ajv', 'lib', 'refs', 'json-schema-draft-04.json')));
		const validate = ajv.compile(schema);
		expect(validate(sarif) ? [] : validate.errors).toEqual([]);
		expect(validate({ ...sarif, version: '2.0.0' })).toBe(false); // the validator does reject a bad log
		expect(code).toBe(1);
	});

	test('when a node breaks a rule then its result names the file, the line and workflow › node', () => {
		const result = sarif.runs[0].results.find((r) => r.ruleId === 'GOV-APR-001' && r.locations[0].logicalLocations[0].fullyQualifiedName.endsWith('Refund'))!;
		const location = result.locations[0];
		expect(location.physicalLocation.artifactLocation.uri).toMatch(/sarif\/bad\.json$/);
		expect(location.logicalLocations[0].fullyQualifiedName).toBe('Everything wrong › Refund');
		const lines = readFileSync(join(tmp.dir, 'sarif', 'bad.json'), 'utf8').split('\n');
		expect(lines[location.physicalLocation.region!.startLine - 1]).toContain('"name": "Refund"');
	});

	test('every rule is described with help text', () => {
		const rules = sarif.runs[0].tool.driver.rules;
		expect(rules.length).toBeGreaterThanOrEqual(20);
		rules.forEach((r) => expect(r.help.text).toMatch(/How to fix: /));
	});

	test('when a workflow breaks one rule of each section then each section shows up', () => {
		const ids = new Set(sarif.runs[0].results.map((r) => r.ruleId.slice(0, 7)));
		for (const prefix of ['GOV-SEC', 'GOV-ACC', 'GOV-APR', 'GOV-DAT', 'GOV-ENV', 'GOV-OWN', 'GOV-LOG', 'GOV-GOV', 'GOV-RES', 'GOV-SUB']) expect(ids).toContain(prefix);
	});
});

describe('n8n-governance check: a 50 MB export', () => {
	test('when an --all array of about 50 MB is checked then every workflow is read and reported', async () => {
		const filler = 'x'.repeat(20_000); // long Code nodes, as real exports have
		const list = Array.from({ length: 2000 }, (_, i) => {
			const wf = i % 2 === 0 ? cleanFlow(`Clean ${i}`, `c${i}`) : badFlow(`Bad ${i}`, `b${i}`);
			return { ...wf, nodes: [...(wf.nodes as object[]), n('Notes', `${BASE}code`, { jsCode: `// ${filler}` })] };
		});
		const path = tmp.write('big.json', JSON.stringify(list));
		expect(readFileSync(path).length).toBeGreaterThan(40_000_000);
		const result = await run(['check', '--format', 'json', path]);
		const report = JSON.parse(result.stdout) as { workflows: number; findings: { workflow: { name: string } }[] };
		expect(report.workflows).toBe(2000);
		expect(new Set(report.findings.map((f) => f.workflow.name)).size).toBe(1000);
		expect(result.code).toBe(1);
	}, 600_000);
});
