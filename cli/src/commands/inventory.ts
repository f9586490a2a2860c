/** `n8n-governance inventory`: one row per workflow for the checklist's inventory. */
import { facetsOf } from '../check/facets';
import type { WorkflowRef } from '../check/workflow';
import { EXIT } from './check';
import type { Io } from './common';
import { emit, loadPolicy } from './common';
import type { Policy } from '../check/policy';
import { scanInputs } from './scan';
import type { Describe } from './scan';

export interface InventoryOptions {
	instance?: string;
	apiKeyFile?: string;
	policy?: string;
	format: 'table' | 'csv' | 'json' | 'markdown';
	output?: string;
}

export type Row = Record<string, string | number | boolean | string[] | undefined>;

const COLUMNS = ['workflow', 'id', 'file', 'active', 'tags', 'owner', 'dataClass', 'lastChange', 'versionId', 'triggers', 'credentials', 'services', 'hosts', 'aiModels', 'controls', 'findings', 'lastExecution', 'lastExecutionStatus'] as const;

const flat = (v: Row[string]) => (Array.isArray(v) ? v.join('; ') : v === undefined ? '' : String(v));
const csvCell = (s: string) => (/[",\n\r]/.test(s) || /^[=+\-@\t]/.test(s) ? `"${s.replace(/^([=+\-@\t])/, "'$1").replace(/"/g, '""')}"` : s);

function render(rows: Row[], format: InventoryOptions['format'], columns: readonly string[]): string {
	if (format === 'json') return `${JSON.stringify(rows, null, 2)}\n`;
	const cells = rows.map((r) => columns.map((c) => flat(r[c])));
	if (format === 'csv') return `${[columns.join(','), ...cells.map((r) => r.map(csvCell).join(','))].join('\n')}\n`;
	if (format === 'markdown') {
		const md = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
		return `${[`| ${columns.join(' | ')} |`, `|${columns.map(() => ' --- |').join('')}`, ...cells.map((r) => `| ${r.map(md).join(' | ')} |`)].join('\n')}\n`;
	}
	const widths = columns.map((c, i) => Math.min(40, Math.max(c.length, ...cells.map((r) => r[i].length))));
	const line = (r: string[]) => r.map((s, i) => (s.length > widths[i] ? `${s.slice(0, widths[i] - 1)}…` : s.padEnd(widths[i]))).join('  ').trimEnd();
	return `${[line([...columns]), ...cells.map(line)].join('\n')}\n`;
}

/**
 * Describes one workflow as its inventory row (the findings count is added once all are checked); made while
 * the workflow's file is in memory, keeping only the row.
 */
export const inventoryRow =
	(policy: Policy): Describe<Row> =>
	(workflow, graph, live) => {
		const f = facetsOf(graph, policy);
		return {
			workflow: workflow.name,
			id: workflow.id,
			file: workflow.source.file,
			active: workflow.active,
			tags: workflow.tags,
			owner: f.owners,
			dataClass: f.dataClass,
			lastChange: workflow.updatedAt,
			versionId: workflow.versionId,
			triggers: f.triggers,
			credentials: f.credentials,
			services: f.services,
			hosts: f.hosts,
			aiModels: f.models,
			controls: f.controls,
			findings: 0,
			lastExecution: live ? (live.lastExecution?.startedAt ?? 'none recorded') : undefined,
			lastExecutionStatus: live?.lastExecution?.status,
		};
	};

export async function inventoryCommand(paths: string[], options: InventoryOptions, io: Io): Promise<number> {
	const policy = loadPolicy(options.policy, undefined);
	const scan = await scanInputs(paths, options, io, policy, inventoryRow(policy));
	// unsuppressed findings per workflow, counted in one pass (not one pass over all findings per row)
	const counts = new Map<WorkflowRef, number>();
	for (const x of scan.findings) if (!x.suppressed) counts.set(x.workflow, (counts.get(x.workflow) ?? 0) + 1);
	const rows = scan.workflows.map(({ ref, row }) => ({ ...row, findings: counts.get(ref) ?? 0 }));
	const columns = scan.live ? COLUMNS : COLUMNS.filter((c) => !c.startsWith('lastExecution'));
	emit(render(rows, options.format, columns), options.output, io);
	for (const p of scan.problems) io.err(`error: ${p.file}: ${p.message}\n`);
	return scan.problems.length > 0 ? EXIT.unusable : EXIT.pass;
}
