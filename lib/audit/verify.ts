import { candidateTexts, canonicalMembers, joinCanonicalMembers } from './canonical-json';
import { hmacKey, hmacSha256Hex, sha256Hex } from './crypto';
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
	/**
	 * The JSON text each event was parsed from (e.g. the lines of a JSON Lines file), by index. When a
	 * line is the event's canonical text, as our signer writes it, it is MACed and hashed as is,
	 * without serialising the event again; any other line takes the general path.
	 */
	texts?: ReadonlyArray<string | undefined>;
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
const SIG_MEMBER = ',"sig":"';
/** Length of `,"sig":"<64 hex>"`. */
const SIG_MEMBER_LENGTH = SIG_MEMBER.length + 64 + 1;

/**
 * The line as signed text, if it can be: the `sig` member cut out at the position canonical order
 * puts it (right after `"seq":N`, before a member named after "sig" or the end). Only a MAC match
 * over the rest proves the line canonical; the caller falls back to serialising otherwise.
 */
function lineTexts(line: string | undefined, event: { seq: number; sig: string }): { signed: string; unsigned: string } | undefined {
	if (line === undefined) return undefined;
	const at = line.lastIndexOf(SIG_MEMBER);
	if (at <= 0 || line.charCodeAt(at + SIG_MEMBER_LENGTH - 1) !== 34 || line.slice(at + SIG_MEMBER.length, at + SIG_MEMBER_LENGTH - 1) !== event.sig) return undefined;
	const seq = `"seq":${event.seq}`;
	if (line.slice(at - seq.length, at) !== seq || line.charCodeAt(at - seq.length - 1) !== 44) return undefined;
	const after = at + SIG_MEMBER_LENGTH;
	if (line.charCodeAt(after) === 125) {
		if (after !== line.length - 1) return undefined;
	} else {
		if (!line.startsWith(',"', after)) return undefined;
		const end = line.indexOf('"', after + 2);
		if (end === -1 || !(line.slice(after + 2, end) > 'sig')) return undefined;
	}
	return { signed: line, unsigned: line.slice(0, at) + line.slice(after) };
}

/** Keys by id, each imported once (a KeyObject), since a log has many events per key. */
function toKeyMap(keys: AuditKeyring): Map<string, ReturnType<typeof hmacKey>> {
	const map = new Map<string, ReturnType<typeof hmacKey>>();
	if (Array.isArray(keys)) for (const key of keys) map.set(key.id, hmacKey(key.secret));
	else for (const id of Object.keys(keys)) map.set(id, hmacKey(keys[id]));
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

/**
 * Verifies signed audit events (any order of chains, interleaved or not): every signature, the
 * `seq`/`prevhash` links inside each chain (grouped by `chainid`), the anchor of seq 0, unique ids,
 * and closing events. Detects modified, removed, inserted, reordered and duplicated events, and a
 * cut tail when the chain was closed (or when `requireClosed`). It cannot detect forgery by a key
 * holder or a whole chain withheld. Never throws on bad input: problems are reported.
 */
export function verifyAuditEvents(events: readonly unknown[], keys: AuditKeyring, options: VerifyOptions = {}): AuditVerification {
	const keyMap = toKeyMap(keys);
	const texts = options.texts;
	const problems: AuditProblem[] = [];
	const chains = new Map<string, ChainCursor>();
	const seenIds = new Map<string, number>();
	const anchors = new Map<string, string>();

	for (let index = 0; index < events.length; index++) {
		const raw = events[index];
		const shape = shapeProblem(raw);
		if (shape !== undefined) {
			const id = raw && typeof raw === 'object' ? (raw as { id?: unknown }).id : undefined;
			problems.push({ index, eventId: typeof id === 'string' ? id : undefined, code: 'malformed', reason: `Malformed audit event: ${shape}` });
			continue;
		}
		const event = raw as Record<string, unknown> & { id: string; chainid: string; keyid: string; sig: string; seq: number; prevhash: string; type: string };
		const where = { index, eventId: event.id, chainId: event.chainid, seq: event.seq };
		const firstSeen = seenIds.get(event.id);
		if (firstSeen !== undefined) {
			problems.push({ ...where, code: 'duplicate_id', reason: `Duplicate event id (first at index ${firstSeen}): event duplicated or replayed` });
		} else {
			seenIds.set(event.id, index);
		}

		const secret = keyMap.get(event.keyid);
		// Canonical text of the whole event (sig included): the next event's prevhash covers it.
		let canonical: string | undefined;
		let signed = false;
		if (secret !== undefined) {
			// Fast paths: events as our signer emits them are canonical text already, and so is each line
			// it was read from. A MAC match proves the text is the signed canonical text (so it is also
			// right for the chain hash); on a mismatch fall through to full canonicalisation, which decides.
			const line = lineTexts(texts?.[index], event);
			if (line !== undefined && hmacSha256Hex(secret, line.unsigned) === event.sig) {
				canonical = line.signed;
				signed = true;
			} else {
				const candidate = candidateTexts(event, 'sig');
				if (candidate !== undefined && hmacSha256Hex(secret, candidate.withoutSkipped) === event.sig) {
					canonical = candidate.withSkipped;
					signed = true;
				}
			}
		}
		if (canonical === undefined) {
			let members: Array<[string, string]>;
			try {
				members = canonicalMembers(event);
			} catch (error) {
				problems.push({ ...where, code: 'malformed', reason: `Not canonicalisable: ${(error as Error).message}` });
				continue;
			}
			// A plain comparison is fine here: verification runs offline, not as an oracle.
			if (secret !== undefined) signed = hmacSha256Hex(secret, joinCanonicalMembers(members, 'sig')) === event.sig;
			canonical = joinCanonicalMembers(members);
		}
		if (secret === undefined) {
			problems.push({ ...where, code: 'unknown_key', reason: `Unknown key id "${event.keyid}": signature not checked` });
		} else if (!signed) {
			problems.push({ ...where, code: 'bad_signature', reason: 'Signature mismatch: event modified or signed with another key' });
		}

		let chain = chains.get(event.chainid);
		if (chain === undefined) {
			let anchor = anchors.get(event.chainid);
			if (anchor === undefined) anchors.set(event.chainid, (anchor = sha256Hex(AUDIT_ANCHOR_PREFIX + event.chainid)));
			chain = { chainId: event.chainid, lastIndex: index, nextSeq: 0, prevHash: anchor, events: 0, closed: false };
			chains.set(event.chainid, chain);
			if (event.seq !== 0) {
				problems.push({ ...where, code: 'seq_mismatch', reason: `Chain starts at seq ${event.seq}: ${event.seq === 1 ? 'event 0' : `events 0..${event.seq - 1}`} missing` });
			} else if (event.prevhash !== anchor) {
				problems.push({ ...where, code: 'bad_anchor', reason: 'prevhash of seq 0 is not the chain anchor' });
			}
		} else {
			if (chain.closed) {
				problems.push({ ...where, code: 'after_close', reason: 'Event after the chain was closed' });
			}
			if (event.seq !== chain.nextSeq) {
				const what = event.seq < chain.nextSeq ? 'reordered or duplicated' : 'events missing';
				problems.push({ ...where, code: 'seq_mismatch', reason: `Expected seq ${chain.nextSeq}, found ${event.seq}: ${what}` });
			}
			if (event.prevhash !== chain.prevHash) {
				problems.push({ ...where, code: 'prevhash_mismatch', reason: 'prevhash does not match the previous event: events removed, inserted or reordered' });
			}
		}
		if (event.type === AUDIT_CHAIN_CLOSED_TYPE) {
			const count = (event.data as { count?: unknown }).count;
			if (count !== event.seq) {
				problems.push({ ...where, code: 'count_mismatch', reason: `Closing event counts ${String(count)} events but has seq ${event.seq}` });
			}
			chain.closed = true;
		}
		chain.events++;
		chain.lastIndex = index;
		chain.nextSeq = event.seq + 1;
		chain.prevHash = sha256Hex(canonical);
	}

	if (options.requireClosed) {
		for (const chain of chains.values()) {
			if (!chain.closed) {
				problems.push({ index: chain.lastIndex, chainId: chain.chainId, code: 'not_closed', reason: `Chain ${chain.chainId} has no closing event: its tail may be truncated` });
			}
		}
	}
	problems.sort((a, b) => a.index - b.index);
	return {
		valid: problems.length === 0,
		problems,
		eventCount: events.length,
		chains: [...chains.values()].map((c) => ({ chainId: c.chainId, events: c.events, closed: c.closed })),
	};
}
