/** `n8n-governance diff OLD NEW`: a reviewer's summary in Markdown; exit 1 when the change adds a risk. */
import type { WorkflowChange } from '../check/review';
import { reviewChanges } from '../check/review';
import { EXIT } from './check';
import type { Io } from './common';
import { emit, loadPolicy } from './common';
import { readWorkflowPaths } from './inputs';

const bullet = (items: string[]) => items.map((i) => `- ${i.replace(/\n/g, ' ')}`);

function section(change: WorkflowChange): string[] {
	const out = [`### ${change.name} (${change.status})`, ''];
	if (change.risks.length > 0) out.push('**Risks added:**', ...bullet(change.risks), '');
	for (const l of change.lists) {
		if (l.added.length > 0) out.push(`**${l.label} added:** ${l.added.map((x) => `\`${x}\``).join(', ')}`, '');
		if (l.removed.length > 0) out.push(`**${l.label} removed:** ${l.removed.map((x) => `\`${x}\``).join(', ')}`, '');
	}
	if (change.controlsRemoved.length > 0) out.push('**Governance controls removed:**', ...bullet(change.controlsRemoved), '');
	if (change.webhookAuth.length > 0) out.push('**Webhook authentication changed:**', ...bullet(change.webhookAuth), '');
	if (change.newSideEffects.length > 0) out.push('**New side-effect steps:**', ...bullet(change.newSideEffects), '');
	if (change.newFindings.length > 0) out.push('**New findings:**', ...bullet(change.newFindings.map((f) => `${f.severity} ${f.ruleId}${f.node ? ` (${f.node})` : ''}: ${f.message}`)), '');
	for (const d of change.promptDiffs) out.push('**Prompt changed:**', '', '```diff', d.trimEnd(), '```', '');
	return out;
}

export async function diffCommand(oldPath: string, newPath: string, options: { policy?: string; output?: string }, io: Io): Promise<number> {
	const policy = loadPolicy(options.policy, undefined);
	const before = readWorkflowPaths([oldPath]);
	const after = readWorkflowPaths([newPath]);
	const problems = [...before.problems, ...after.problems];
	for (const p of problems) io.err(`error: ${p.file}: ${p.message}\n`);
	if (problems.length > 0) return EXIT.unusable;
	const changes = reviewChanges(before.workflows, after.workflows, policy);
	const touched = changes.filter((c) => c.status !== 'unchanged');
	const risks = touched.reduce((n, c) => n + c.risks.length, 0);
	const lines = ['## n8n-governance diff', '', `${touched.length} of ${changes.length} workflow(s) changed; ${risks} risk(s) added.`, ''];
	for (const change of touched) lines.push(...section(change));
	emit(`${lines.join('\n').trimEnd()}\n`, options.output, io);
	return risks > 0 ? EXIT.findings : EXIT.pass;
}
