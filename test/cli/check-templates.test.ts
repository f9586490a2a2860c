/** The shipped templates are the showcase: they pass the strict production policy, and say why any warning remains. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkWorkflows } from '../../cli/src/check/engine';
import { parsePolicy } from '../../cli/src/check/policy';
import { RULES } from '../../cli/src/check/rules';
import { readWorkflowPaths } from '../../cli/src/commands/inputs';

const TEMPLATES = join(__dirname, '..', '..', 'templates');
const files = readdirSync(TEMPLATES).filter((f) => f.endsWith('.workflow.json')).sort();
const read = readWorkflowPaths(files.map((f) => join(TEMPLATES, f)));
const findings = checkWorkflows(read.workflows, { policy: parsePolicy({ environment: 'production' }) });

/** The text of a template's sticky notes, where a reader of the template sees it. */
function stickyText(file: string): string {
	const workflow = JSON.parse(readFileSync(file, 'utf8')) as { nodes: { type: string; parameters: { content?: string } }[] };
	return workflow.nodes.filter((n) => n.type === 'n8n-nodes-base.stickyNote').map((n) => n.parameters.content ?? '').join('\n');
}

describe('shipped templates under the strict production policy', () => {
	test('when the templates folder is read then every template is a readable workflow', () => {
		expect(files.length).toBeGreaterThanOrEqual(4);
		expect(read.problems).toEqual([]);
		expect(read.workflows).toHaveLength(files.length);
	});

	test('when checked with environment production then no template has an error-severity finding', () => {
		const errors = findings.filter((f) => f.severity === 'error').map((f) => `${f.workflow.name}: ${f.ruleId} ${f.message}`);
		expect(errors).toEqual([]);
	});

	test('when a warning remains then the template\'s sticky note names the rule and explains it', () => {
		const unexplained = findings
			.filter((f) => f.severity !== 'error')
			.filter((f) => {
				const note = stickyText(f.workflow.source.file);
				const at = note.indexOf(f.ruleId);
				// named, followed by a reason of its own (at least a sentence), not just listed
				return at < 0 || note.slice(at + f.ruleId.length).split(/\*GOV-|$/)[0].trim().length < 40;
			})
			.map((f) => `${f.workflow.name}: ${f.ruleId}`);
		expect(unexplained).toEqual([]);
	});

	test('when the strict policy is applied then the rules it makes errors were actually evaluated on the templates', () => {
		// guards the test above against an empty rule table or an engine that returns nothing
		expect(RULES.filter((r) => r.errorInProduction).map((r) => r.id)).toEqual(expect.arrayContaining(['GOV-OWN-001', 'GOV-ENV-001']));
		expect(findings.length).toBeGreaterThan(0);
	});
});
