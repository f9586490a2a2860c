import type { IExecuteFunctions } from 'n8n-workflow';
import type { AuditChainState } from '../../lib/audit';
import { initialChainState } from '../../lib/audit';

/**
 * Chain state lives in the execution's flow context (runExecutionData.executionData.contextData.flow):
 * it is part of the execution data n8n persists with a waiting execution and hands to whichever queue
 * worker resumes it, it is shared by every node of the execution, and n8n runs the nodes of one
 * execution one at a time. So every Audit Emitter of a run, in any branch and in loops, continues one
 * chain per sink, and no state is kept in process memory.
 */
const FLOW_KEY = 'governanceAuditChains';

type SavedChains = Record<string, { seq: number; prevHash: string; closed?: boolean }>;

function saved(context: IExecuteFunctions): SavedChains {
	const value = context.getContext('flow')[FLOW_KEY];
	return value !== null && typeof value === 'object' ? (value as SavedChains) : {};
}

/** The state the next event of chain `chainId` gets: saved earlier in this execution, or a fresh chain. */
export function loadChainState(context: IExecuteFunctions, chainId: string): AuditChainState {
	const entry = saved(context)[chainId];
	if (entry && Number.isSafeInteger(entry.seq) && entry.seq > 0 && typeof entry.prevHash === 'string') {
		const state = initialChainState(chainId, { startSeq: entry.seq, prevHash: entry.prevHash });
		return entry.closed === true ? { ...state, closed: true } : state;
	}
	return initialChainState(chainId);
}

/** Records the state after this run's events; called only once those events are delivered or output. */
export function saveChainState(context: IExecuteFunctions, state: AuditChainState): void {
	const flow = context.getContext('flow');
	const entry = { seq: state.seq, prevHash: state.prevHash, ...(state.closed ? { closed: true } : {}) };
	flow[FLOW_KEY] = { ...saved(context), [state.chainId]: entry };
}
