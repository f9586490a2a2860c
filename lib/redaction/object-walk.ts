import { GovernanceError, GovernanceErrorCode } from '../errors/governance-error';
import { encryptMap, OpenedMap } from './crypto-map';
import type { PlaceholderMap } from './crypto-map';
import { PlaceholderNumbering } from './operators/numbering';
import { RedactionSession } from './operators/session';
import { redactString } from './redact';
import { openMap, restoreString, RestoreTally } from './restore';
import { RULE_SET_VERSION } from './rules';
import { ANY_STEP, parsePath } from '../shared/path';
import type { PathStep } from '../shared/path';
import type { RedactionReport, RedactOptions, RestoreResult } from './types';

const MAX_DEPTH = 200;

export interface RedactObjectOptions extends RedactOptions {
	/**
	 * Paths to redact in the pack's one path syntax (lib/shared/path.ts: `customer.email`, `messages.*.content`,
	 * `items[0]["first name"]`). A path also covers everything below it. Default: every string field.
	 */
	paths?: string[];
	/**
	 * Numbering shared by several calls (every item of one node run): one value, one placeholder
	 * across them. The caller must have reserved the placeholder shapes of all their inputs first
	 * (reserveIn), and seals each map with `sealMap` once every call is done. Default: this call's own.
	 */
	numbering?: PlaceholderNumbering;
}

export interface RedactObjectResult<T> {
	/** A new value; the input is never mutated. */
	value: T;
	report: RedactionReport;
	encryptedMap?: string;
	/** With a shared numbering and the token operator: encrypts this item's map (call after the run). */
	sealMap?: () => string;
}

function compilePaths(paths: string[] | undefined): PathStep[][] | undefined {
	return paths?.map((p) => parsePath(p));
}

/** True when a listed path that leads through `path` names `key` itself (not by `*`) as the next step. */
function namesKey(path: string[], key: string, patterns: PathStep[][]): boolean {
	return patterns.some((pat) => pat.length > path.length && pat[path.length] === key && path.every((p, i) => pat[i] === ANY_STEP || pat[i] === p));
}

/** 'all' when `path` is at or below a listed path, 'maybe' when a listed path lies below it, 'no' otherwise. */
function pathState(path: string[], patterns: PathStep[][]): 'all' | 'maybe' | 'no' {
	let maybe = false;
	for (const pat of patterns) {
		const n = Math.min(pat.length, path.length);
		let ok = true;
		for (let i = 0; i < n && ok; i++) ok = pat[i] === ANY_STEP || pat[i] === path[i];
		if (!ok) continue;
		if (path.length >= pat.length) return 'all';
		maybe = true;
	}
	return maybe ? 'maybe' : 'no';
}

/** What a walk does to each string value and each object key it covers; `at` is the output path (keys as written out). */
type Visit = (s: string, at: string[]) => string;

/**
 * Walks a JSON value, returning a new one. `path` (input keys) is matched against `patterns`;
 * `at` is the same path with keys as written out, so a report never names a key's original text.
 * Keys of objects wholly covered are visited too: a key can hold PII (`{"ann@example.com": …}`).
 */
function walk(value: unknown, path: string[], at: string[], depth: number, seen: Set<object>, visit: Visit, patterns?: PathStep[][], covered = false): unknown {
	if (depth > MAX_DEPTH) {
		throw new GovernanceError(GovernanceErrorCode.InvalidInput, `Value is nested deeper than ${MAX_DEPTH} levels.`, {
			hint: 'Flatten the item or list the paths to redact.',
		});
	}
	let state: 'all' | 'maybe' | 'no' = covered || !patterns ? 'all' : pathState(path, patterns);
	if (path.length === 0 && patterns) state = 'maybe';
	if (state === 'no') return value;
	if (typeof value === 'string') return state === 'all' ? visit(value, at) : value;
	if (value === null || typeof value !== 'object') return value;
	if (seen.has(value)) {
		throw new GovernanceError(GovernanceErrorCode.InvalidInput, `Value contains a circular reference at "${at.join('.')}".`, {
			hint: 'Pass JSON-serialisable data.',
		});
	}
	const proto = Object.getPrototypeOf(value);
	if (!Array.isArray(value) && proto !== Object.prototype && proto !== null) return value;
	seen.add(value);
	const all = state === 'all';
	let out: unknown;
	if (Array.isArray(value)) {
		out = value.map((v, i) => walk(v, [...path, String(i)], [...at, String(i)], depth + 1, seen, visit, patterns, all));
	} else {
		const o: Record<string, unknown> = {};
		for (const [k, v] of Object.entries(value)) {
			// Keys are data too, except those a listed path names: the structure leading to the fields.
			const key = all || (patterns !== undefined && !namesKey(path, k, patterns)) ? visit(k, [...at, '(key)']) : k;
			if (Object.prototype.hasOwnProperty.call(o, key)) {
				// Two keys written out alike would lose a value: stop instead (values are not shown).
				throw new GovernanceError(GovernanceErrorCode.InvalidInput, `Two keys under "${at.join('.') || '(root)'}" come out as the same key, so one value would be lost.`, {
					hint: 'Use an operator that keeps distinct values distinct (placeholder, hash or token) for data used as object keys.',
				});
			}
			o[key] = walk(v, [...path, k], [...at, key], depth + 1, seen, visit, patterns, all);
		}
		out = o;
	}
	seen.delete(value);
	return out;
}

/**
 * Redacts every string field (or the listed dot-paths) of a JSON value, and the keys of every object
 * so covered, returning a NEW value. Placeholders are numbered across the whole value, so one e-mail
 * gets one placeholder everywhere. `report.fields` names fields by their output path (a redacted
 * key appears as its placeholder; `<path>.(key)` marks a key that was redacted).
 */
export function redactObject<T>(value: T, options: RedactObjectOptions = {}): RedactObjectResult<T> {
	const shared = options.numbering;
	const numbering = shared ?? new PlaceholderNumbering();
	if (!shared) numbering.reserveIn(value);
	const session = new RedactionSession(options, numbering);
	const fields: string[] = [];
	const patterns = compilePaths(options.paths);
	const out = walk(value, [], [], 0, new Set(), (s, at) => {
		const r = redactString(s, options, session);
		if (r.detections.length > 0) fields.push(at.join('.'));
		return r.text;
	}, patterns) as T;
	const result: RedactObjectResult<T> = { value: out, report: { counts: session.counts, fields, ruleSetVersion: RULE_SET_VERSION } };
	if (session.usedToken) {
		const seal = () => encryptMap(new OpenedMap(session.reversible, session.verbatim, numbering.issued()), options.secret);
		if (shared) result.sealMap = seal;
		else result.encryptedMap = seal();
	}
	return result;
}

/**
 * Restores every string and key of a value redacted with the `token` operator; returns a new value.
 * Throws (IntegrityFailure) when the value holds placeholders the run made for another item.
 */
export function restoreObject<T>(value: T, map: string | PlaceholderMap | OpenedMap, secret?: string | Uint8Array): Omit<RestoreResult, 'text'> & { value: T } {
	const tally = new RestoreTally(openMap(map, secret));
	const out = walk(value, [], [], 0, new Set(), (s) => restoreString(s, tally)) as T;
	tally.check();
	return { value: out, restored: tally.restored, unmatched: tally.unmatched() };
}
