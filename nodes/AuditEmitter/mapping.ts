import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { verifyApprovalDecision } from '../../lib/approval/attestation';
import type { ApprovalAttested, AuditActor, AuditEventInput, AuditProfileFields, TriggerInfo } from '../../lib/audit';
import { AuditActions, AuditOutcomes, approvalEvidenceOf, deriveActor, policiesOf, stopReportOf, traceparentOf } from '../../lib/audit';
import { GovernanceError, GovernanceErrorCode } from '../../lib/errors/governance-error';

/** What is the same for every item of a run. */
export interface RunInfo {
	executionId: string;
	mode: string;
	workflow: { id: string; name?: string; versionId?: string };
	node: { name: string; type: string };
	trigger: TriggerInfo;
	profile: AuditProfileFields;
	/** True for an `approval` object an Approval Gate of this execution signed with the profile's secret. */
	attested: ApprovalAttested;
}

const VERIFY_SIGNATURE_TYPE = /\.verifyWebhookSignature$/;

/** The n8n user who started the run, when n8n's execution context names one (manual runs). */
function startedBy(context: IExecuteFunctions): string | undefined {
	const executionContext = typeof context.getExecutionContext === 'function' ? context.getExecutionContext() : undefined;
	const user = (executionContext as { executedByUserId?: unknown } | undefined)?.executedByUserId;
	return typeof user === 'string' && user !== '' ? user : undefined;
}

/** Reads the run-wide facts from the host (n8n 2.41 exposes workflow id, name and active; the version comes from ./version). */
export function runInfo(context: IExecuteFunctions, profile: AuditProfileFields, signingSecret: string): RunInfo {
	const node = context.getNode();
	const workflow = context.getWorkflow() as { id?: string; name?: string };
	const executionId = String(context.getExecutionId() ?? '');
	if (executionId === '') {
		throw new GovernanceError(GovernanceErrorCode.InvalidInput, 'This run has no execution id to chain audit events to', {
			hint: 'Save the workflow and run it again.',
		});
	}
	const parents = context.getParentNodes(node.name, { includeNodeParameters: true });
	const triggers = parents
		.filter((p) => /trigger$|webhook$|cron$|interval$/i.test(p.type))
		.map((p) => ({ type: p.type, name: p.name, authentication: typeof p.parameters?.authentication === 'string' ? p.parameters.authentication : undefined }));
	const signatureVerifiers = parents.filter((p) => VERIFY_SIGNATURE_TYPE.test(p.type) && !p.disabled).map((p) => p.name);
	return {
		executionId,
		mode: context.getMode(),
		workflow: { id: workflow.id ?? '', name: workflow.name },
		node: { name: node.name, type: node.type },
		trigger: { mode: context.getMode(), triggers, signatureVerifiers, userId: startedBy(context) },
		profile,
		attested: (approval) => verifyApprovalDecision(signingSecret, executionId, approval).verified,
	};
}

/**
 * Node parameters read per item only when they are expressions: a fixed value is read once per run,
 * which keeps the node well under 2 ms per item.
 */
export function parameterReader(context: IExecuteFunctions): (name: string, itemIndex: number, fallback?: unknown) => unknown {
	const raw = context.getNode().parameters as IDataObject;
	const cache = new Map<string, unknown>();
	const isExpression = (value: unknown): boolean => {
		if (typeof value === 'string') return value.startsWith('=');
		if (value !== null && typeof value === 'object') return Object.values(value).some(isExpression);
		return false;
	};
	return (name, itemIndex, fallback) => {
		if (isExpression(raw[name])) return context.getNodeParameter(name, itemIndex, fallback);
		if (!cache.has(name)) cache.set(name, context.getNodeParameter(name, itemIndex, fallback));
		return cache.get(name);
	};
}

type Read = (name: string, itemIndex: number, fallback?: unknown) => unknown;

function text(read: Read, name: string, itemIndex: number): string {
	const value = read(name, itemIndex, '');
	if (value === undefined || value === null) return '';
	return (typeof value === 'string' ? value : JSON.stringify(value)).trim();
}

function required(read: Read, name: string, label: string, itemIndex: number): string {
	const value = text(read, name, itemIndex);
	if (value === '') {
		throw new GovernanceError(GovernanceErrorCode.InvalidConfiguration, `"${label}" is empty`, { hint: `Fill in "${label}" in the Audit Emitter node.` });
	}
	return value;
}

function customFields(read: Read, itemIndex: number): Record<string, unknown> | undefined {
	const collection = read('customFields', itemIndex, {}) as { field?: Array<{ name?: unknown; value?: unknown }> } | undefined;
	const fields = collection?.field ?? [];
	if (fields.length === 0) return undefined;
	const custom: Record<string, unknown> = {};
	for (const field of fields) {
		const name = typeof field.name === 'string' ? field.name.trim() : '';
		if (name === '') continue;
		custom[name] = field.value === undefined ? null : field.value;
	}
	return Object.keys(custom).length > 0 ? custom : undefined;
}

/** Maps one item and the node's parameters to the input of one audit event. */
export function eventInputFor(read: Read, item: INodeExecutionData, itemIndex: number, run: RunInfo): AuditEventInput {
	const json = item.json as Record<string, unknown>;
	// Only a decision an Approval Gate signed for this run sets action, outcome and actor.
	const evidence = approvalEvidenceOf(json, run.attested);
	const approval = evidence?.verified ? evidence.approval : undefined;
	const actionChoice = String(read('eventAction', itemIndex, 'auto'));
	const action =
		actionChoice === 'custom'
			? required(read, 'customAction', 'Custom Action', itemIndex)
			: actionChoice === 'auto'
				? approval
					? AuditActions.ApprovalDecided
					: stopReportOf(json)?.dryRun === false
						? AuditActions.ExecutionsStopped
						: AuditActions.DataSentToModel
				: actionChoice;
	const outcomeChoice = String(read('outcome', itemIndex, 'auto'));
	const outcome =
		outcomeChoice === 'custom'
			? required(read, 'customOutcome', 'Custom Outcome', itemIndex)
			: outcomeChoice === 'auto'
				? (approval?.decision ?? AuditOutcomes.Success)
				: outcomeChoice;
	let actor: AuditActor;
	if (read('actor', itemIndex, 'auto') === 'custom') {
		actor = { type: required(read, 'actorType', 'Actor Type', itemIndex) };
		const id = text(read, 'actorId', itemIndex);
		const name = text(read, 'actorName', itemIndex);
		if (id !== '') actor.id = id;
		if (name !== '') actor.name = name;
	} else {
		actor = deriveActor(json, run.trigger, run.attested);
	}
	const targetType = text(read, 'targetType', itemIndex);
	const input: AuditEventInput = {
		action,
		outcome,
		actor,
		profile: run.profile,
		workflow: run.workflow,
		execution: { id: run.executionId, mode: run.mode },
		node: run.node,
		traceparent: traceparentOf(json),
		custom: customFields(read, itemIndex),
	};
	if (targetType !== '') {
		input.target = { type: targetType };
		const id = text(read, 'targetId', itemIndex);
		const name = text(read, 'targetName', itemIndex);
		if (id !== '') input.target.id = id;
		if (name !== '') input.target.name = name;
	}
	const policies = policiesOf(json, run.attested);
	if (policies.length > 0) input.policies = policies;
	return input;
}
