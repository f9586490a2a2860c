import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sideEffect } from '../../cli/src/check/effects';
import { checkPolicyRules, checkWorkflows } from '../../cli/src/check/engine';
import { buildGraph } from '../../cli/src/check/graph';
import { parsePolicy, PolicyError } from '../../cli/src/check/policy';
import { RULES } from '../../cli/src/check/rules';
import type { Fixture, Rule } from '../../cli/src/check/rules';
import { SECTIONS } from '../../cli/src/check/rules/rule';
import { workflowsFromJson } from '../../cli/src/check/workflow';
import { payingCaller, payingSub } from './check-helpers';
import { BASE, flow, http, manual, n } from '../../cli/src/check/rules/fixture-kit';

/**
 * What a fix may name: the display names of the pack's nodes and credentials, read from the classes package.json
 * lists (a credential also by its name without " API", and without the "Governance" prefix when two words or more remain).
 */
function packNames(): string[] {
	const root = join(__dirname, '..', '..');
	const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { n8n: { nodes: string[]; credentials: string[] } };
	const displayName = (built: string) => {
		const source = join(root, built.replace(/^dist\//, '').replace(/\.js$/, ''));
		const exported = Object.values(require(source) as Record<string, new () => { displayName?: string; description?: { displayName: string } }>)[0];
		const made = new exported();
		return made.description?.displayName ?? made.displayName!;
	};
	const nodes = pkg.n8n.nodes.map(displayName);
	const credentials = pkg.n8n.credentials.map(displayName).map((name) => name.replace(/ API$/, ''));
	return [...nodes, ...credentials, ...credentials.map((name) => name.replace(/^Governance /, '')).filter((name) => name.includes(' '))];
}
const OUR_NAMES = packNames();
/** Rules about the inputs and the policy: no node of the pack fixes a broken export, an unchecked call or an expired suppression. */
const NO_NODE_FIXES = new Set(['GOV-INP-001', 'GOV-SUB-001', 'GOV-POL-001']);

function findingsFor(rule: Rule, fixture: Fixture) {
	const main = workflowsFromJson(fixture.workflow, 'fixture.json').workflows[0];
	const others = (fixture.others ?? []).flatMap((o) => workflowsFromJson(o, 'other.json').workflows);
	const policy = parsePolicy(fixture.policy ?? {});
	checkPolicyRules(policy);
	return checkWorkflows([main, ...others], { policy, rules: [rule], live: (w) => (w === main ? fixture.live : undefined) }).filter((f) => f.workflow === main);
}

describe('side effects, worked out once per graph', () => {
	test('when a node of the graph is asked about then it gets its answer, and a node of another graph is an error, never "no effect"', () => {
		const policy = parsePolicy({});
		const post = flow('Post', [manual(), http('Call', 'https://crm.example.com/x', { method: 'POST' })], [['Manual', 'Call']]);
		const graph = buildGraph(workflowsFromJson(post, 'post.json').workflows[0]);
		expect(sideEffect(graph, graph.byName.get('Call')!, policy)).toMatch(/sends HTTP POST to crm\.example\.com/);
		expect(sideEffect(graph, graph.byName.get('Manual')!, policy)).toBeUndefined();
		const other = buildGraph(workflowsFromJson(flow('Other', [n('Call', `${BASE}noOp`)]), 'other.json').workflows[0]);
		expect(() => sideEffect(graph, other.nodes[0], policy)).toThrow('Node "Call" is not a node of the graph of workflow "Post"');
	});
});

describe('the rule table', () => {
	test('rule ids are unique and shaped GOV-XXX-NNN', () => {
		const ids = RULES.map((r) => r.id);
		expect(new Set(ids).size).toBe(ids.length);
		ids.forEach((id) => expect(id).toMatch(/^GOV-[A-Z]{3}-\d{3}$/));
	});

	test('every checklist section has at least one rule', () => {
		const sections = new Set(RULES.map((r) => r.section));
		expect(SECTIONS.filter((s) => !sections.has(s))).toEqual([]);
	});

	test('the README table names every rule with its default severity', () => {
		const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
		const table = readme.slice(readme.indexOf('### Rules: checklist item'), readme.indexOf('### Policy file'));
		for (const rule of RULES) expect(table).toContain(`\`${rule.id}\``);
	});

	test.each(RULES.map((r) => [r.id, r] as const))('%s has a title, a why, a fix naming our node, and fixtures both ways', (_id, rule) => {
		expect(rule.title.length).toBeGreaterThan(10);
		expect(rule.why).toMatch(/checklist/i);
		if (!NO_NODE_FIXES.has(rule.id)) expect(OUR_NAMES.filter((name) => rule.fix.includes(name))).not.toEqual([]);
		expect(rule.fixtures.triggers.length).toBeGreaterThan(0);
		expect(rule.fixtures.passes.length).toBeGreaterThan(0);
	});

	const cases = RULES.flatMap((rule) => [
		...rule.fixtures.triggers.map((f) => [rule.id, 'triggers', f.title, rule, f, true] as const),
		...rule.fixtures.passes.map((f) => [rule.id, 'does not trigger', f.title, rule, f, false] as const),
	]);
	test.each(cases)('%s %s on fixture "%s"', (_id, _how, _title, rule, fixture, expected) => {
		const findings = findingsFor(rule, fixture);
		if (expected) {
			expect(findings.length).toBeGreaterThan(0);
			findings.forEach((f) => expect(f.message.length).toBeGreaterThan(10));
		} else {
			expect(findings.map((f) => f.message)).toEqual([]);
		}
	});
});

describe('sub-workflows among the inputs', () => {
	const approvalFindings = (workflows: unknown[]) =>
		checkWorkflows(workflows.flatMap((w) => workflowsFromJson(w, 'w.json').workflows), { policy: parsePolicy({}) })
			.filter((f) => f.ruleId === 'GOV-APR-001')
			.map((f) => `${f.workflow.name} › ${f.node}`);

	test('when every caller passes an Approval Gate before the call then the called payment is approved', () => {
		expect(approvalFindings([payingCaller(true), payingSub(false)])).toEqual([]);
	});

	test('when a caller calls without a gate then the payment in the called workflow is reported', () => {
		expect(approvalFindings([payingCaller(false), payingSub(false)])).toEqual(['Pay › Refund']);
	});

	test('when the called workflow can also be started by its own webhook then the caller\'s gate does not cover it', () => {
		expect(approvalFindings([payingCaller(true), payingSub(true)])).toEqual(['Pay › Refund']);
	});
});

describe('the policy', () => {
	test('when a field is wrong then each bad field is named', () => {
		expect(() => parsePolicy({ httpTimeoutMaxSeconds: 'sixty', suppressions: [{ rule: 'GOV-X', workflow: '', reason: 'x', expires: 'soon' }], extra: 1 })).toThrow(PolicyError);
		try {
			parsePolicy({ httpTimeoutMaxSeconds: 'sixty', suppressions: [{ rule: 'GOV-X', workflow: '', reason: 'x', expires: 'soon' }], extra: 1 });
		} catch (error) {
			const problems = (error as PolicyError).problems.join('\n');
			for (const field of ['httpTimeoutMaxSeconds', 'suppressions.0.rule', 'suppressions.0.workflow', 'suppressions.0.reason', 'suppressions.0.expires', "'extra'"]) expect(problems).toContain(field);
		}
	});

	test('when a severity names an unknown rule then it is an error', () => {
		expect(() => checkPolicyRules(parsePolicy({ severities: { 'GOV-ZZZ-999': 'error' } }))).toThrow(/severities.GOV-ZZZ-999: no such rule/);
	});

	test('when environment is production then environment and ownership findings are errors', () => {
		const wf = workflowsFromJson({ name: 'W', nodes: [{ name: 'Webhook', type: 'n8n-nodes-base.webhook', parameters: { authentication: 'basicAuth' } }], connections: {} }, 'w.json').workflows;
		const dev = checkWorkflows(wf, { policy: parsePolicy({}) }).find((f) => f.ruleId === 'GOV-OWN-001');
		const prod = checkWorkflows(wf, { policy: parsePolicy({ environment: 'production' }) }).find((f) => f.ruleId === 'GOV-OWN-001');
		expect(dev?.severity).toBe('warning');
		expect(prod?.severity).toBe('error');
	});

	test('when a valid suppression matches then the finding is kept but marked suppressed', () => {
		const wf = workflowsFromJson({ name: 'W', nodes: [], connections: {} }, 'w.json').workflows;
		const policy = parsePolicy({ suppressions: [{ rule: 'GOV-OWN-001', workflow: 'W', reason: 'owned by the platform team', expires: '2999-12-31' }] });
		const finding = checkWorkflows(wf, { policy }).find((f) => f.ruleId === 'GOV-OWN-001');
		expect(finding?.suppressed).toEqual({ reason: 'owned by the platform team', expires: '2999-12-31' });
	});
});
