/** SARIF 2.1.0 for code scanning: rules with help text, results with the file and a logical location. */
import type { Log, ReportingDescriptor, Result } from 'sarif';
import { RULES } from '../rules';
import type { CheckReport } from './report';
import { view } from './report';

const LEVEL = { error: 'error', warning: 'warning', note: 'note' } as const;
/** GitHub sorts security alerts by this score (0–10). */
const SECURITY_SEVERITY = { error: '8.0', warning: '5.0', note: '2.0' } as const;

function descriptor(rule: (typeof RULES)[number]): ReportingDescriptor {
	const help = `${rule.why}\n\nHow to fix: ${rule.fix}`;
	return {
		id: rule.id,
		name: rule.title.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : '')).replace(/^./, (c) => c.toUpperCase()),
		shortDescription: { text: rule.title },
		fullDescription: { text: rule.why },
		help: { text: help, markdown: `**${rule.title}** (${rule.section})\n\n${rule.why}\n\n**How to fix:** ${rule.fix}` },
		defaultConfiguration: { level: LEVEL[rule.severity] },
		properties: { tags: ['governance', 'n8n', rule.section], 'security-severity': SECURITY_SEVERITY[rule.severity] },
	};
}

export function formatSarif(report: CheckReport, version: string): string {
	const ruleIndex = new Map(RULES.map((r, i) => [r.id, i]));
	const results: Result[] = report.findings.map((finding) => {
		const f = view(finding);
		const logical = f.node ? `${f.workflow.name} › ${f.node}` : f.workflow.name;
		const result: Result = {
			ruleId: f.ruleId,
			ruleIndex: ruleIndex.get(f.ruleId),
			level: LEVEL[f.severity],
			message: { text: f.message },
			locations: [
				{
					physicalLocation: { artifactLocation: { uri: f.workflow.file }, ...(f.line ? { region: { startLine: f.line } } : {}) },
					logicalLocations: [{ fullyQualifiedName: logical, name: f.node ?? f.workflow.name, kind: f.node ? 'member' : 'module' }],
				},
			],
			partialFingerprints: { workflowNodeRule: `${f.workflow.id ?? f.workflow.name}/${f.node ?? ''}/${f.ruleId}/${f.path ?? ''}` },
		};
		if (f.suppressed) result.suppressions = [{ kind: 'external', justification: `${f.suppressed.reason} (until ${f.suppressed.expires})` }];
		return result;
	});
	const log: Log = {
		$schema: 'https://json.schemastore.org/sarif-2.1.0.json',
		version: '2.1.0',
		runs: [
			{
				tool: { driver: { name: 'n8n-governance', version, informationUri: 'https://github.com/n8n-nodes-governance/n8n-nodes-governance', rules: RULES.map(descriptor) } },
				results,
				invocations: [{ executionSuccessful: report.problems.length === 0, toolExecutionNotifications: report.problems.map((p) => ({ level: 'error' as const, message: { text: `${p.file}: ${p.message}` } })) }],
			},
		],
	};
	return `${JSON.stringify(log, null, 2)}\n`;
}
