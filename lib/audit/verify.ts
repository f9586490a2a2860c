import { candidateTexts, canonicalMembers, joinCanonicalMembers } from './canonical-json';
import { hmacKey, hmacSha256Hex, rangeMacKey, sha256Hex } from './crypto';
import type { RangeMacKey } from './crypto';
import type { AuditKey } from './crypto';
import { AUDIT_ANCHOR_PREFIX } from './chain';
import { AUDIT_CHAIN_CLOSED_TYPE } from './types';

/** Machine-readable reason codes of {@link AuditProblem}. */
export type AuditProblemCode =
	| 'malformed'
	| 'duplicate_id'
	| 'unknown_key'
	| 'bad_signature'
	| 'bad_anchor'
	| 'seq_mismatch'
	| 'prevhash_mismatch'
	| 'after_close'
	| 'count_mismatch'
	| 'not_closed';

export interface AuditProblem {
	/** Position of the event in the input (for `not_closed`: the chain's last event). */
	index: number;
	eventId?: string;
	chainId?: string;
	seq?: number;
	code: AuditProblemCode;
	reason: string;
}

export interface AuditVerification {
	valid: boolean;
	problems: AuditProblem[];
	/** Events checked and chains seen, for reports. */
	eventCount: number;
	chains: Array<{ chainId: string; events: number; closed: boolean }>;
}

export interface VerifyOptions {
	/** Report every chain that has no closing event (its tail may have been cut). Default false. */
	requireClosed?: boolean;
}

/** Keys by id: `{ keyId: secret }` or `[{ id, secret }]`. */
export type AuditKeyring = Record<string, string | Uint8Array> | AuditKey[];

interface ChainCursor {
	chainId: string;
	lastIndex: number;
	nextSeq: number;
	prevHash: string;
	events: number;
	closed: boolean;
}

const HASH = /^[0-9a-f]{64}$/;
const REQUIRED_TEXT = ['id', 'chainid', 'keyid', 'sig', 'type'];
/** A verification key, imported once for many events: as a KeyObject and with its HMAC pads ready. */
export interface VerifyKey {
	id: string;
	idBytes: Buffer;
	object: ReturnType<typeof hmacKey>;
	range: RangeMacKey;
}

/** Keys by id, each imported once, since a log has many events per key. */
export function toKeyMap(keys: AuditKeyring): Map<string, VerifyKey> {
	const map = new Map<string, VerifyKey>();
	const add = (id: string, secret: string | Uint8Array) => map.set(id, { id, idBytes: Buffer.from(id, 'utf8'), object: hmacKey(secret), range: rangeMacKey(secret) });
	if (Array.isArray(keys)) for (const key of keys) add(key.id, key.secret);
	else for (const id of Object.keys(keys)) add(id, keys[id]);
	return map;
}

function shapeProblem(event: unknown): string | undefined {
	if (event === null || typeof event !== 'object' || Array.isArray(event)) return 'not a JSON object';
	const e = event as Record<string, unknown>;
	if (e.specversion !== '1.0') return 'specversion is not "1.0"';
	for (const name of REQUIRED_TEXT) {
		if (typeof e[name] !== 'string' || e[name] === '') return `missing or non-string "${name}"`;
	}
	if (!Number.isSafeInteger(e.seq) || (e.seq as number) < 0) return 'missing or invalid "seq"';
	if (typeof e.prevhash !== 'string' || !HASH.test(e.prevhash)) return 'missing or invalid "prevhash"';
	if (e.data === null || typeof e.data !== 'object') return 'missing "data"';
	return undefined;
}

/** What the chain checks need to know of one well-formed event. */
export interface EventFacts {
	id: string;
	chainid: string;
	keyid: string;
	seq: number;
	prevhash: string;
	type: string;
	/** `data.count` (read for closing events only). */
	count: unknown;
	/** SHA-256 (hex) of the event's canonical form, sig included: what the next event's prevhash must be. */
	hash: string;
	/** undefined: the key id is unknown, so the signature was not checked. */
	signed: boolean | undefined;
}

/** Facts of a parsed event, or why it cannot be checked at all. */
export function objectFacts(raw: unknown, keyMap: Map<string, VerifyKey>): EventFacts | { malformed: string; id?: string } {
	const shape = shapeProblem(raw);
	if (shape !== undefined) {
		const id = raw && typeof raw === 'object' ? (raw as { id?: unknown }).id : undefined;
		return { malformed: `Malformed audit event: ${shape}`, id: typeof id === 'string' ? id : undefined };
	}
	const event = raw as Record<string, unknown> & { id: string; chainid: string; keyid: string; sig: string; seq: number; prevhash: string; type: string };
	const secret = keyMap.get(event.keyid)?.object;
	// Canonical text of the whole event (sig included): the next event's prevhash covers it.
	let canonical: string | undefined;
	let signed = false;
	if (secret !== undefined) {
		// Fast path: events as our signer emits them are in canonical order already. A MAC match
		// proves the candidate is the signed canonical text (so it is also right for the chain hash);
		// on a mismatch fall through to full canonicalisation, which decides.
		const candidate = candidateTexts(event, 'sig');
		if (candidate !== undefined && hmacSha256Hex(secret, candidate.withoutSkipped) === event.sig) {
			canonical = candidate.withSkipped;
			signed = true;
		}
	}
	if (canonical === undefined) {
		let members: Array<[string, string]>;
		try {
			members = canonicalMembers(event);
		} catch (error) {
			return { malformed: `Not canonicalisable: ${(error as Error).message}`, id: event.id };
		}
		// A plain comparison is fine here: verification runs offline, not as an oracle.
		if (secret !== undefined) signed = hmacSha256Hex(secret, joinCanonicalMembers(members, 'sig')) === event.sig;
		canonical = joinCanonicalMembers(members);
	}
	return {
		id: event.id,
		chainid: event.chainid,
		keyid: event.keyid,
		seq: event.seq,
		prevhash: event.prevhash,
		type: event.type,
		count: event.type === AUDIT_CHAIN_CLOSED_TYPE ? (event.data as { count?: unknown }).count : undefined,
		hash: sha256Hex(canonical),
		signed: secret === undefined ? undefined : signed,
	};
}

/**
 * The checks across events, fed one event at a time in input order: signatures as found, the
 * `seq`/`prevhash` links inside each chain (grouped by `chainid`), the anchor of seq 0, unique ids,
 * and closing events.
 */
export class ChainChecker {
	private readonly problems: AuditProblem[] = [];
	private readonly chains = new Map<string, ChainCursor>();
	private readonly seenIds = new Map<string, number>();
	private count = 0;

	malformed(index: number, eventId: string | undefined, reason: string): void {
		this.count++;
		this.problems.push({ index, eventId, code: 'malformed', reason });
	}

	add(index: number, event: EventFacts): void {
		this.count++;
		const firstSeen = this.seenIds.get(event.id);
		if (firstSeen !== undefined) {
			this.problem(index, event, 'duplicate_id', `Duplicate event id (first at index ${firstSeen}): event duplicated or replayed`);
		} else {
			this.seenIds.set(event.id, index);
		}
		if (event.signed === undefined) {
			this.problem(index, event, 'unknown_key', `Unknown key id "${event.keyid}": signature not checked`);
		} else if (!event.signed) {
			this.problem(index, event, 'bad_signature', 'Signature mismatch: event modified or signed with another key');
		}

		let chain = this.chains.get(event.chainid);
		if (chain === undefined) {
			const anchor = sha256Hex(AUDIT_ANCHOR_PREFIX + event.chainid);
			chain = { chainId: event.chainid, lastIndex: index, nextSeq: 0, prevHash: anchor, events: 0, closed: false };
			this.chains.set(event.chainid, chain);
			if (event.seq !== 0) {
				this.problem(index, event, 'seq_mismatch', `Chain starts at seq ${event.seq}: ${event.seq === 1 ? 'event 0' : `events 0..${event.seq - 1}`} missing`);
			} else if (event.prevhash !== anchor) {
				this.problem(index, event, 'bad_anchor', 'prevhash of seq 0 is not the chain anchor');
			}
		} else {
			if (chain.closed) {
				this.problem(index, event, 'after_close', 'Event after the chain was closed');
			}
			if (event.seq !== chain.nextSeq) {
				const what = event.seq < chain.nextSeq ? 'reordered or duplicated' : 'events missing';
				this.problem(index, event, 'seq_mismatch', `Expected seq ${chain.nextSeq}, found ${event.seq}: ${what}`);
			}
			if (event.prevhash !== chain.prevHash) {
				this.problem(index, event, 'prevhash_mismatch', 'prevhash does not match the previous event: events removed, inserted or reordered');
			}
		}
		if (event.type === AUDIT_CHAIN_CLOSED_TYPE) {
			if (event.count !== event.seq) {
				this.problem(index, event, 'count_mismatch', `Closing event counts ${String(event.count)} events but has seq ${event.seq}`);
			}
			chain.closed = true;
		}
		chain.events++;
		chain.lastIndex = index;
		chain.nextSeq = event.seq + 1;
		chain.prevHash = event.hash;
	}

	private problem(index: number, event: EventFacts, code: AuditProblemCode, reason: string): void {
		this.problems.push({ index, eventId: event.id, chainId: event.chainid, seq: event.seq, code, reason });
	}

	finish(options: VerifyOptions): AuditVerification {
		const problems = this.problems;
		if (options.requireClosed) {
			for (const chain of this.chains.values()) {
				if (!chain.closed) {
					problems.push({ index: chain.lastIndex, chainId: chain.chainId, code: 'not_closed', reason: `Chain ${chain.chainId} has no closing event: its last events may have been cut, or its run ended before the emitter that closes it (see the execution's status in n8n)` });
				}
			}
		}
		problems.sort((a, b) => a.index - b.index);
		return {
			valid: problems.length === 0,
			problems,
			eventCount: this.count,
			chains: [...this.chains.values()].map((c) => ({ chainId: c.chainId, events: c.events, closed: c.closed })),
		};
	}
}

/**
 * Verifies signed audit events (any order of chains, interleaved or not): every signature, the
 * `seq`/`prevhash` links inside each chain (grouped by `chainid`), the anchor of seq 0, unique ids,
 * and closing events. Detects modified, removed, inserted, reordered and duplicated events, and a
 * cut tail when the chain was closed (or when `requireClosed`). It cannot detect forgery by a key
 * holder or a whole chain withheld. Never throws on bad input: problems are reported.
 * For a JSON Lines log as read from a file, {@link verifyAuditLog} is faster.
 */
export function verifyAuditEvents(events: readonly unknown[], keys: AuditKeyring, options: VerifyOptions = {}): AuditVerification {
	const keyMap = toKeyMap(keys);
	const checker = new ChainChecker();
	for (let index = 0; index < events.length; index++) {
		const facts = objectFacts(events[index], keyMap);
		if ('malformed' in facts) checker.malformed(index, facts.id, facts.malformed);
		else checker.add(index, facts);
	}
	return checker.finish(options);
}
