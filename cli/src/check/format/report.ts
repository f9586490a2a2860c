/** What `check` reports, independent of the output format. */
import type { Finding } from '../engine';
import type { Severity } from '../policy';
import { workflowLabel } from '../workflow';
import type { WorkflowRef } from '../workflow';
import { lineOf } from './locate';

export interface InputProblem {
	file: string;
	message: string;
}

export interface CheckReport {
	findings: Finding[];
	problems: InputProblem[];
	workflows: WorkflowRef[];
	failOn: Severity | 'never';
	failing: Finding[];
}

export interface FindingView {
	ruleId: string;
	severity: Severity;
	section: string;
	title: string;
	message: string;
	workflow: { name: string; id?: string; file: string; index?: number };
	node?: string;
	path?: string;
	line?: number;
	suppressed?: { reason: string; expires: string };
}

export function view(finding: Finding): FindingView {
	const { workflow } = finding;
	const v: FindingView = {
		ruleId: finding.ruleId,
		severity: finding.severity,
		section: finding.section,
		title: finding.title,
		message: finding.message,
		workflow: { name: workflow.name, id: workflow.id, file: workflow.source.file, index: workflow.source.index },
		node: finding.node,
		path: finding.path,
		line: lineOf(workflow, finding.node),
	};
	if (finding.suppressed) v.suppressed = finding.suppressed;
	return v;
}

export function counts(findings: Finding[]): Record<Severity | 'suppressed', number> {
	const c = { error: 0, warning: 0, note: 0, suppressed: 0 };
	for (const f of findings) {
		if (f.suppressed) c.suppressed++;
		else c[f.severity]++;
	}
	return c;
}

export function summaryLine(report: CheckReport): string {
	const c = counts(report.findings);
	const verdict = report.problems.length > 0 ? 'UNUSABLE INPUT' : report.failing.length > 0 ? 'FAIL' : 'PASS';
	return `${verdict}: ${c.error} error(s), ${c.warning} warning(s), ${c.note} note(s)${c.suppressed ? `, ${c.suppressed} suppressed` : ''} in ${report.workflows.length} workflow(s)${report.problems.length ? `; ${report.problems.length} input problem(s)` : ''} (--fail-on ${report.failOn}).`;
}

/** Findings grouped by workflow, in input order. */
export function byWorkflow(findings: Finding[]): [WorkflowRef, Finding[]][] {
	const groups = new Map<WorkflowRef, Finding[]>();
	for (const f of findings) {
		const list = groups.get(f.workflow) ?? [];
		list.push(f);
		groups.set(f.workflow, list);
	}
	return [...groups];
}

export const where = (w: WorkflowRef) => `${w.source.file}${w.source.index !== undefined ? `[${w.source.index}]` : ''} › ${workflowLabel(w)}`;
