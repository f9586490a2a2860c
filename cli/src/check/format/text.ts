/** Plain-text and Markdown output of `check`. */
import { RULES_BY_ID } from '../rules';
import type { CheckReport } from './report';
import { byWorkflow, summaryLine, view, where } from './report';

export function formatText(report: CheckReport): string {
	const lines: string[] = [];
	for (const p of report.problems) lines.push(`INPUT  ${p.file}: ${p.message}`);
	for (const [workflow, findings] of byWorkflow(report.findings)) {
		lines.push('', where(workflow));
		for (const f of findings.map(view)) {
			const at = [f.node ? `node "${f.node}"` : '', f.line ? `line ${f.line}` : ''].filter(Boolean).join(', ');
			lines.push(`  ${f.suppressed ? 'suppressed' : f.severity.padEnd(10)} ${f.ruleId}  ${f.message}${at ? ` (${at})` : ''}`);
			lines.push(`  ${' '.repeat(10)} fix: ${RULES_BY_ID.get(f.ruleId)!.fix}`);
			if (f.suppressed) lines.push(`  ${' '.repeat(10)} suppressed until ${f.suppressed.expires}: ${f.suppressed.reason}`);
		}
	}
	lines.push('', summaryLine(report));
	return `${lines.join('\n').replace(/^\n/, '')}\n`;
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function formatMarkdown(report: CheckReport): string {
	const lines = ['## n8n-governance check', '', `**${summaryLine(report)}**`, ''];
	if (report.problems.length > 0) {
		lines.push('### Input problems', '', ...report.problems.map((p) => `- \`${cell(p.file)}\`: ${cell(p.message)}`), '');
	}
	if (report.findings.length > 0) {
		lines.push('| Severity | Rule | Workflow | Node | Finding | Fix |', '| --- | --- | --- | --- | --- | --- |');
		for (const f of report.findings.map(view)) {
			const sev = f.suppressed ? `suppressed (${f.severity})` : f.severity;
			lines.push(`| ${sev} | ${f.ruleId} | ${cell(f.workflow.name)} (\`${cell(f.workflow.file)}\`${f.line ? `:${f.line}` : ''}) | ${cell(f.node ?? '')} | ${cell(f.message)} | ${cell(RULES_BY_ID.get(f.ruleId)!.fix)} |`);
		}
	}
	return `${lines.join('\n')}\n`;
}

export function formatJson(report: CheckReport): string {
	const { failOn, problems } = report;
	return `${JSON.stringify({ summary: summaryLine(report), failOn, passed: report.failing.length === 0 && problems.length === 0, workflows: report.workflows.length, problems, findings: report.findings.map(view) }, null, 2)}\n`;
}
