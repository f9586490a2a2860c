import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { checkWorkflows } from '../../cli/src/check/engine';
import { facetsOf } from '../../cli/src/check/facets';
import { graphOf } from '../../cli/src/check/graph';
import { parsePolicy } from '../../cli/src/check/policy';
import { readWorkflowFiles, readWorkflowPaths } from '../../cli/src/commands/inputs';
import { Scanner } from '../../cli/src/commands/scan';
import { CLI_ROOT, payingCaller, payingSub, run, tempDir } from './check-helpers';

const tmp = tempDir('ngov-scan-');
afterAll(() => tmp.remove());

describe('how a file read from a folder is named', () => {
	const names = (paths: string[], cwd: string) => [...readWorkflowFiles(paths, undefined, cwd)].flatMap((step) => [...step.workflows.map((w) => w.source.file), ...step.problems.map((p) => p.file)]);

	test('when folders are given from inside, from outside and as the working folder itself then each file is named relative to the working folder, with forward slashes', () => {
		tmp.write('names/a.json', payingSub());
		tmp.write('names/deep/er/b.json', payingSub());
		tmp.write('names/deep/c.json', payingSub());
		const root = join(tmp.dir, 'names');
		expect(names([root], tmp.dir)).toEqual(['names/a.json', 'names/deep/c.json', 'names/deep/er/b.json']);
		expect(names([join(root, 'deep') + '/'], root)).toEqual(['deep/c.json', 'deep/er/b.json']);
		expect(names([join(root, 'deep')], join(root, 'deep', 'er'))).toEqual(['../c.json', 'b.json']);
		expect(names([root], root)).toEqual(['a.json', 'deep/c.json', 'deep/er/b.json']);
		expect(names([join(root, 'a.json')], join(root, 'deep'))).toEqual(['../a.json']);
	});
});

/** check and inventory read a folder file by file: what needs other workflows must not depend on the file order. */
describe('check reads a folder file by file', () => {
	const sub = payingSub();
	type Report = { findings: { ruleId: string; node?: string; workflow: { name: string } }[] };
	const findings = async (dir: string) => {
		const report = JSON.parse((await run(['check', '--format', 'json', '--fail-on', 'never', dir])).stdout) as Report;
		return report.findings.filter((f) => ['GOV-APR-001', 'GOV-SUB-001'].includes(f.ruleId)).map((f) => `${f.ruleId} ${f.workflow.name} › ${f.node}`);
	};

	test.each([
		['the called workflow is read before its caller', '1-pay.json', '2-caller.json'],
		['the called workflow is read after its caller', '2-pay.json', '1-caller.json'],
	])('when %s then the caller\'s gate covers it and the call is followed', async (_title, subFile, callerFile) => {
		const dir = join(tmp.dir, `gated-${subFile}`);
		tmp.write(join(`gated-${subFile}`, subFile), sub);
		tmp.write(join(`gated-${subFile}`, callerFile), payingCaller(true));
		expect(await findings(dir)).toEqual([]);
	});

	test.each([
		['before', '1-pay.json', '2-caller.json', ['GOV-APR-001 Pay › Refund']],
		['after', '2-pay.json', '1-caller.json', ['GOV-APR-001 Pay › Refund']],
	])('when the called workflow is read %s an ungated caller then its payment is reported, in file order', async (_title, subFile, callerFile, expected) => {
		const dir = join(tmp.dir, `open-${subFile}`);
		tmp.write(join(`open-${subFile}`, subFile), sub);
		tmp.write(join(`open-${subFile}`, callerFile), payingCaller(false));
		expect(await findings(dir)).toEqual(expected);
	});

	test('when the called workflow is not among the files then the call is reported', async () => {
		tmp.write('alone/caller.json', payingCaller(true));
		expect(await findings(join(tmp.dir, 'alone'))).toEqual(['GOV-SUB-001 Caller › Call']);
	});

	test('a scan finds what checking every workflow at once finds, and its findings do not hold the workflows', () => {
		const templates = join(CLI_ROOT, '..', 'templates');
		const files = readdirSync(templates).filter((f) => f.endsWith('.json')).map((f) => join(templates, f));
		const policy = parsePolicy({ environment: 'production' });
		const scanner = new Scanner(policy, (workflow, graph) => facetsOf(graph, policy));
		scanner.files(files);
		const scan = scanner.finish();
		const read = readWorkflowPaths(files);
		const atOnce = checkWorkflows(read.workflows, { policy });
		expect(scan.findings.length).toBeGreaterThan(0);
		expect(scan.findings.map(({ workflow, ...f }) => ({ ...f, workflow: workflow.name }))).toEqual(atOnce.map(({ workflow, ...f }) => ({ ...f, workflow: workflow.name })));
		expect(scan.workflows.map((w) => w.row)).toEqual(read.workflows.map((w) => facetsOf(graphOf(w), policy)));
		for (const f of scan.findings) expect(f.workflow).not.toHaveProperty('nodes');
	});
});
