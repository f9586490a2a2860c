/** `n8n-governance check`: the rollout checklist as a gate. Exit 0 pass, 1 findings at or above --fail-on, 2 unusable input. */
import { failing } from '../check/engine';
import type { CheckReport } from '../check/format/report';
import { formatSarif } from '../check/format/sarif';
import { formatJson, formatMarkdown, formatText } from '../check/format/text';
import type { Severity } from '../check/policy';
import type { Io } from './common';
import { emit, loadPolicy } from './common';
import { scanInputs } from './scan';

export interface CheckOptions {
	instance?: string;
	apiKeyFile?: string;
	policy?: string;
	environment?: string;
	format: 'text' | 'json' | 'sarif' | 'markdown';
	failOn: Severity | 'never';
	output?: string;
}

export const EXIT = { pass: 0, findings: 1, unusable: 2 } as const;

export async function checkCommand(paths: string[], options: CheckOptions, io: Io, version: string): Promise<number> {
	const policy = loadPolicy(options.policy, options.environment);
	const { findings, problems, workflows } = await scanInputs(paths, options, io, policy);
	const report: CheckReport = { findings, problems, workflows: workflows.map((w) => w.ref), failOn: options.failOn, failing: failing(findings, options.failOn) };
	const render = { text: formatText, json: formatJson, markdown: formatMarkdown, sarif: (r: CheckReport) => formatSarif(r, version) }[options.format];
	emit(render(report), options.output, io);
	if (options.output !== undefined || options.format !== 'text') for (const p of report.problems) io.err(`error: ${p.file}: ${p.message}\n`);
	if (report.problems.length > 0) return EXIT.unusable;
	return report.failing.length > 0 ? EXIT.findings : EXIT.pass;
}
