import { GovernanceError, GovernanceErrorCode } from '../errors/governance-error';
import { canonicalMembers, joinCanonicalMembers } from './canonical-json';
import { hmacSha256Hex, sha256Hex } from './crypto';
import type { AuditKey } from './crypto';
import { buildAuditEvent } from './event-builder';
import type { BuildOptions } from './event-builder';
import { AUDIT_CHAIN_CLOSED_TYPE as AUDIT_CLOSED } from './types';
import type { AuditEvent, AuditEventInput } from './types';

/** Prefix hashed with the chain id to make the `prevhash` of event 0: SHA-256("n8n-governance-audit-anchor:" + chainid). */
export const AUDIT_ANCHOR_PREFIX = 'n8n-governance-audit-anchor:';

/**
 * Everything needed to sign the next event of a chain: a plain, JSON-serialisable object, so the
 * n8n node can keep it in execution data between nodes instead of in memory.
 */
export interface AuditChainState {
	chainId: string;
	/** Sequence number the next event gets. */
	seq: number;
	/** `prevhash` the next event gets: SHA-256 (hex) of the previous event's canonical form, or the anchor. */
	prevHash: string;
	/** True once a closing event was signed; no event may follow. */
	closed?: boolean;
}

/** The `prevhash` of a chain's first event. */
export function chainAnchor(chainId: string): string {
	return sha256Hex(AUDIT_ANCHOR_PREFIX + chainId);
}

/** SHA-256 (hex) of an event's RFC 8785 canonical form, signature included: the next event's `prevhash`. */
export function hashAuditEvent(event: AuditEvent): string {
	return sha256Hex(joinCanonicalMembers(canonicalMembers(event as unknown as Record<string, unknown>)));
}

/** The state of a fresh chain, or of one resumed at `startSeq` after an event whose hash is `prevHash`. */
export function initialChainState(chainId: string, options: { startSeq?: number; prevHash?: string } = {}): AuditChainState {
	if (typeof chainId !== 'string' || chainId === '') {
		throw new GovernanceError(GovernanceErrorCode.InvalidInput, 'An audit chain needs a non-empty chain id', {
			hint: 'Use the execution id as chain id.',
		});
	}
	const seq = options.startSeq ?? 0;
	if (!Number.isSafeInteger(seq) || seq < 0) {
		throw new GovernanceError(GovernanceErrorCode.InvalidInput, `Invalid start sequence number ${String(seq)}`);
	}
	if (seq > 0 && options.prevHash === undefined) {
		throw new GovernanceError(GovernanceErrorCode.InvalidInput, 'Resuming a chain after seq 0 needs the previous hash', {
			hint: 'Pass prevHash, or resume with chainStateAfter(lastEvent).',
		});
	}
	const prevHash = options.prevHash ?? chainAnchor(chainId);
	if (!/^[0-9a-f]{64}$/.test(prevHash)) {
		throw new GovernanceError(GovernanceErrorCode.InvalidInput, 'prevHash must be 64 lowercase hex characters');
	}
	return { chainId, seq, prevHash };
}

/** The state that follows a signed event: resume a chain from the last event you have. */
export function chainStateAfter(event: AuditEvent): AuditChainState {
	const state: AuditChainState = { chainId: event.chainid, seq: event.seq + 1, prevHash: hashAuditEvent(event) };
	if (event.type === AUDIT_CLOSED) state.closed = true;
	return state;
}

function checkKey(key: AuditKey): void {
	const secretLength = key?.secret === undefined ? 0 : key.secret.length;
	if (!key || typeof key.id !== 'string' || key.id === '' || secretLength === 0) {
		throw new GovernanceError(GovernanceErrorCode.InvalidConfiguration, 'The audit signing key needs an id and a non-empty secret', {
			hint: 'Set the signing secret of the Governance Profile.',
		});
	}
}

function sign(state: AuditChainState, unsigned: Omit<AuditEvent, 'sig'>, key: AuditKey): { event: AuditEvent; state: AuditChainState } {
	// buildAuditEvent emits members in canonical order, so the event's JSON is canonical text and
	// verifiers take the fast path; correctness does not depend on it.
	const ordered = unsigned as unknown as Record<string, unknown>;
	const members = canonicalMembers(ordered);
	const sig = hmacSha256Hex(key.secret, joinCanonicalMembers(members));
	// Insert the sig member at its canonical position rather than serialising the event again.
	let at = members.findIndex(([name]) => name > 'sig');
	if (at === -1) at = members.length;
	members.splice(at, 0, ['sig', `"sig":"${sig}"`]);
	const event: Record<string, unknown> = {};
	for (const [name] of members) event[name] = name === 'sig' ? sig : ordered[name];
	const next: AuditChainState = { chainId: state.chainId, seq: state.seq + 1, prevHash: sha256Hex(joinCanonicalMembers(members)) };
	if (unsigned.type === AUDIT_CLOSED) next.closed = true;
	return { event: event as unknown as AuditEvent, state: next };
}

function checkState(state: AuditChainState): void {
	if (state.closed) {
		throw new GovernanceError(GovernanceErrorCode.InvalidInput, `Audit chain ${state.chainId} is closed`, {
			hint: 'Start a new chain (another chain id) for further events.',
		});
	}
	initialChainState(state.chainId, { startSeq: state.seq, prevHash: state.prevHash });
}

/**
 * Signs the next event of a chain. Pure apart from the clock and random ids/span ids (override them
 * with `input.time`, `input.id`, `input.spanId`). Returns the event and the state for the one after.
 * @throws GovernanceError (INVALID_INPUT) on a closed chain or an invalid input; (INVALID_CONFIGURATION) on a bad key.
 */
export function signNext(
	state: AuditChainState,
	input: AuditEventInput,
	key: AuditKey,
	options: BuildOptions = {},
): { event: AuditEvent; state: AuditChainState } {
	checkState(state);
	checkKey(key);
	const unsigned = buildAuditEvent(input, { chainId: state.chainId, seq: state.seq, prevHash: state.prevHash, keyId: key.id }, options);
	return sign(state, unsigned, key);
}

/** Input of a closing event: who closes and why; action and outcome default to `audit.chain.closed` / `success`. */
export type AuditCloseInput = Omit<AuditEventInput, 'action' | 'outcome' | 'actor'> &
	Partial<Pick<AuditEventInput, 'action' | 'outcome' | 'actor'>>;

/**
 * Signs the closing event (`type` {@link AUDIT_CHAIN_CLOSED_TYPE}, `data.count` = events before it).
 * With it, a verifier can tell a truncated tail; without it, it cannot.
 */
export function signClose(
	state: AuditChainState,
	input: AuditCloseInput,
	key: AuditKey,
	options: BuildOptions = {},
): { event: AuditEvent; state: AuditChainState } {
	checkState(state);
	checkKey(key);
	const full: AuditEventInput = {
		...input,
		actor: input.actor ?? { type: 'system' },
		action: input.action ?? 'audit.chain.closed',
		outcome: input.outcome ?? 'success',
	};
	const unsigned = buildAuditEvent(
		full,
		{ chainId: state.chainId, seq: state.seq, prevHash: state.prevHash, keyId: key.id, closing: true },
		options,
	);
	return sign(state, unsigned, key);
}

/** A stateful convenience around {@link signNext}; `state()` gives the serialisable state at any time. */
export interface AuditChain {
	readonly chainId: string;
	append(input: Partial<AuditEventInput> & Pick<AuditEventInput, 'action' | 'outcome'>): AuditEvent;
	close(input?: Partial<AuditCloseInput>): AuditEvent;
	state(): AuditChainState;
}

export interface CreateAuditChainOptions extends BuildOptions {
	/** Chain id; defaults to `executionId`. */
	chainId?: string;
	executionId?: string;
	key: AuditKey;
	startSeq?: number;
	prevHash?: string;
	/** Fields merged into every input (actor, workflow, execution, profile, traceparent, …). */
	defaults?: Partial<AuditEventInput>;
}

/** Creates (or resumes, with `startSeq` + `prevHash`) a chain that signs events with `key`. */
export function createAuditChain(options: CreateAuditChainOptions): AuditChain {
	const chainId = options.chainId ?? options.executionId ?? '';
	let state = initialChainState(chainId, { startSeq: options.startSeq, prevHash: options.prevHash });
	checkKey(options.key);
	const defaults: Partial<AuditEventInput> = { ...options.defaults };
	if (options.executionId !== undefined && defaults.execution === undefined) defaults.execution = { id: options.executionId };
	return {
		chainId,
		append(input) {
			const result = signNext(state, { ...defaults, ...input } as AuditEventInput, options.key, options);
			state = result.state;
			return result.event;
		},
		close(input = {}) {
			const result = signClose(state, { ...defaults, ...input } as AuditCloseInput, options.key, options);
			state = result.state;
			return result.event;
		},
		state: () => ({ ...state }),
	};
}
