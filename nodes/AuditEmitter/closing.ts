import type { IExecuteFunctions } from 'n8n-workflow';
import type { AuditChainState, AuditEvent, AuditKey } from '../../lib/audit';
import { signClose } from '../../lib/audit';
import { GovernanceError, GovernanceErrorCode } from '../../lib/errors/governance-error';
import type { RunInfo } from './mapping';
import { auditIsSecret } from './secrets';

const EMITTER_TYPE = /\.auditEmitter$/;

/**
 * A closed chain takes no more events: an emitter after the one that closed it (or a second pass through
 * a closing emitter in a loop) stops the run instead of starting a chain a verifier would not expect.
 */
export function refuseIfClosed(state: AuditChainState, nodeName: string): void {
	if (!state.closed) return;
	throw new GovernanceError(GovernanceErrorCode.InvalidConfiguration, `This run's audit chain ${state.chainId} was already closed by an earlier Audit Emitter`, {
		hint: `Turn "Close Chain" on only for the last Audit Emitter of the workflow (not inside a loop), or turn it off there so "${nodeName}" can continue the chain.`,
	});
}

/** The chain's closing event: `data.count` = events before it, signed like every other event. */
export function closingEvent(state: AuditChainState, run: RunInfo, key: AuditKey, traceparent: string | undefined): { event: AuditEvent; state: AuditChainState } {
	return signClose(
		state,
		{
			actor: { type: 'system', name: run.node.name },
			profile: run.profile,
			workflow: run.workflow,
			execution: { id: run.executionId, mode: run.mode },
			node: run.node,
			traceparent,
		},
		key,
		{ isSecret: auditIsSecret },
	);
}

/**
 * An emitter with no Audit Emitter after it ends its path's chain: without "Close Chain" a verifier
 * cannot tell its last events from a cut tail, so the run says so in the output pane.
 */
export function hintIfLastOpen(context: IExecuteFunctions, closes: boolean): void {
	if (closes) return;
	const name = context.getNode().name;
	const after = context.getChildNodes(name);
	// In a loop the emitter follows itself; closing there would stop the second pass.
	if (after.some((child) => EMITTER_TYPE.test(child.type) && !child.disabled)) return;
	context.addExecutionHints({
		message: `No Audit Emitter follows "${name}", but it does not close the audit chain. Turn on "Close Chain" here so "n8n-governance audit verify --require-closed" can tell a complete log from one whose last events were cut.`,
		location: 'outputPane',
	});
}
