import { encryptMap, OpenedMap } from './crypto-map';
import { detect } from './normalize';
import { PlaceholderNumbering } from './operators/numbering';
import { RedactionSession } from './operators/session';
import { RULE_SET_VERSION } from './rules';
import type { Detection, RedactOptions, RedactResult } from './types';

/** Applies `detections` (sorted, non-overlapping) to `text` through the session's operators. */
export function applyDetections(text: string, detections: readonly Detection[], session: RedactionSession): string {
	if (detections.length === 0) return text;
	let out = '';
	let last = 0;
	for (const d of detections) {
		out += text.slice(last, d.start) + session.replacement(d, text.slice(d.start, d.end));
		last = d.end;
	}
	return out + text.slice(last);
}

/**
 * Detects and applies in one string of a session; placeholder-shaped text the output holds that the
 * session did not emit is recorded as verbatim (see RedactionSession.endString).
 */
export function redactString(text: string, options: RedactOptions, session: RedactionSession): { text: string; detections: Detection[] } {
	session.beginString();
	const detections = detect(text, options);
	const out = applyDetections(text, detections, session);
	session.endString(out);
	return { text: out, detections };
}

/**
 * Detects and replaces PII/secrets in `text`. With the reversible `token` operator the result
 * carries `encryptedMap` (AES-256-GCM under a key derived from `options.secret`), never a plaintext map.
 */
export function redact(text: string, options: RedactOptions = {}): RedactResult {
	const numbering = new PlaceholderNumbering();
	numbering.reserveIn(text);
	const session = new RedactionSession(options, numbering);
	const { text: out, detections } = redactString(text, options, session);
	const result: RedactResult = {
		text: out,
		detections,
		report: { counts: session.counts, fields: [], ruleSetVersion: RULE_SET_VERSION },
	};
	if (session.usedToken) result.encryptedMap = encryptMap(new OpenedMap(session.reversible, session.verbatim, numbering.issued()), options.secret);
	return result;
}
