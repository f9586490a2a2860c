import type { IDataObject, IExecuteFunctions, INodeExecutionData, NodeOperationError } from 'n8n-workflow';
import type { AuditChainState, AuditEvent, AuditKey, AuditSinkConfig, RetryPolicy } from '../../lib/audit';
import { deriveAuditKey, describeSink, signNext } from '../../lib/audit';
import { errorItem, nodeError, toNodeError } from '../shared/errors';
import { readGovernanceProfile } from '../shared/governance-profile';
import { loadChainState, saveChainState } from './chain-state';
import { closingEvent, hintIfLastOpen, refuseIfClosed } from './closing';
import { eventInputFor, parameterReader, runInfo } from './mapping';
import type { RunInfo } from './mapping';
import { auditIsSecret } from './secrets';
import { workflowVersionOf } from './version';
import { deliver, readSink } from './transport';

/** Ids listed in the error message; all of them are in its description. */
const IDS_IN_MESSAGE = 20;

interface Setup {
	key: AuditKey;
	run: RunInfo;
	sink?: { config: AuditSinkConfig; credentialId: string; credentialName: string };
}

async function setUp(context: IExecuteFunctions, toSink: boolean): Promise<Setup> {
	const { profile } = await readGovernanceProfile(context);
	const key = deriveAuditKey(profile.signingSecret);
	const run = runInfo(context, { environment: profile.environment, owner: profile.owner, dataClassification: profile.dataClassification }, profile.signingSecret);
	run.workflow.versionId = await workflowVersionOf(context, run.executionId);
	return { key, run, sink: toSink ? await readSink(context) : undefined };
}

function undeliveredError(context: IExecuteFunctions, sinkName: string, ids: string[], reason: string): NodeOperationError {
	const shown = ids.slice(0, IDS_IN_MESSAGE).join(', ');
	const more = ids.length > IDS_IN_MESSAGE ? ` (+${ids.length - IDS_IN_MESSAGE} more, listed in the description)` : '';
	const message = `Audit events not delivered to ${sinkName}: ${reason}. Undelivered event ids: ${shown}${more}`;
	// nodeError keeps the message exact: n8n rewrites messages that merely contain an errno name (ECONNREFUSED).
	return nodeError(context.getNode(), message, {
		description: `Nothing after this node ran, and the events were not kept. Check that the sink is reachable and accepts the credential, or set "If Delivery Fails" to "Route to Undelivered Output" to keep the run going and store the events elsewhere. Undelivered event ids: ${ids.join(', ')}`,
	});
}

/** Stops the run, or under continueOnFail emits error items that carry no input data (off the success path). */
function failAll(context: IExecuteFunctions, count: number, error: NodeOperationError, outputs: number): INodeExecutionData[][] {
	if (!context.continueOnFail()) throw error;
	const errored = Array.from({ length: count }, (_, index) => errorItem(error, index));
	return [errored, ...Array.from({ length: outputs - 1 }, () => [] as INodeExecutionData[])];
}

/**
 * Signs one audit event per item, continuing this execution's chain for the sink, then delivers them
 * (one batch per run) or emits them as items. Fails closed: an unusable profile or sink, a mapping
 * error, or events the sink did not accept stop the run unless "Route to Undelivered Output" is set.
 */
export async function executeAuditEmitter(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const toSink = this.getNodeParameter('delivery', 0, 'sink') === 'sink';
	const route = toSink && this.getNodeParameter('onUndelivered', 0, 'stop') === 'route';
	const outputs = !toSink || route ? 2 : 1;
	const closes = this.getNodeParameter('closeChain', 0, false) === true;

	let setup: Setup;
	let state: AuditChainState;
	try {
		setup = await setUp(this, toSink);
		state = loadChainState(this, `${setup.run.executionId}/${setup.sink ? setup.sink.credentialId || 'sink' : 'items'}`);
		refuseIfClosed(state, this.getNode().name);
	} catch (error) {
		return failAll(this, items.length, toNodeError(this.getNode(), error), outputs);
	}
	const { key, run, sink } = setup;
	const read = parameterReader(this);

	const passed: INodeExecutionData[] = [];
	const events: AuditEvent[] = [];
	const eventItem: number[] = [];
	for (let i = 0; i < items.length; i++) {
		const item = items[i];
		try {
			const signed = signNext(state, eventInputFor(read, item, i, run), key, { isSecret: auditIsSecret });
			state = signed.state;
			const { event } = signed;
			events.push(event);
			eventItem.push(i);
			const audit: IDataObject = { eventId: event.id, traceparent: event.traceparent, seq: event.seq, chainId: event.chainid };
			passed.push({ ...item, json: { ...item.json, audit }, pairedItem: { item: i } });
		} catch (error) {
			const itemError = toNodeError(this.getNode(), error, i);
			if (!this.continueOnFail()) throw itemError;
			passed.push(errorItem(itemError, i));
		}
	}

	if (closes && state.seq > 0) {
		// The chain ends here, after this node's events, in the same batch or output.
		const closed = closingEvent(state, run, key, events[events.length - 1]?.traceparent);
		state = closed.state;
		events.push(closed.event);
		eventItem.push(items.length - 1);
	}
	hintIfLastOpen(this, closes);

	if (!sink) {
		saveChainState(this, state);
		return [passed, events.map((event, k) => ({ json: event as unknown as IDataObject, pairedItem: { item: eventItem[k] } }))];
	}

	const options = this.getNodeParameter('options', 0, {}) as { retries?: number; timeoutMs?: number };
	const policy: RetryPolicy = { maxRetries: options.retries ?? 3, baseDelayMs: 500, maxDelayMs: 10_000 };
	const report = events.length > 0 ? await deliver(this, sink.config, events, policy, options.timeoutMs ?? 10_000) : { delivered: [], undelivered: [] };
	const sinkName = `${describeSink(sink.config)} (credential "${sink.credentialName}")`;
	if (report.undelivered.length === 0) {
		saveChainState(this, state);
		return route ? [passed, []] : [passed];
	}
	if (route) {
		// The events exist (on the Undelivered output), so the chain goes on after them.
		saveChainState(this, state);
		const index = new Map(events.map((e, k) => [e.id, eventItem[k]]));
		const undelivered = report.undelivered.map((event) => ({
			json: { event: event as unknown as IDataObject, sink: sinkName, reason: report.reason ?? '' },
			pairedItem: { item: index.get(event.id) ?? 0 },
		}));
		return [passed, undelivered];
	}
	// Not saved: the chain state stays before these events, so a retry of the node signs them again.
	const error = undeliveredError(this, sinkName, report.undelivered.map((e) => e.id), report.reason ?? 'not accepted');
	return failAll(this, items.length, error, outputs);
}
