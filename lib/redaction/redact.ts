import { encryptMap } from './crypto-map';
import { detect } from './normalize';
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
 * Detects and replaces PII/secrets in `text`. With the reversible `token` operator the result
 * carries `encryptedMap` (AES-256-GCM under a key derived from `options.secret`), never a plaintext map.
 */
export function redact(text: string, options: RedactOptions = {}): RedactResult {
	const session = new RedactionSession(options);
	const detections = detect(text, options);
	const out = applyDetections(text, detections, session);
	const result: RedactResult = {
		text: out,
		detections,
		report: { counts: session.counts, fields: [], ruleSetVersion: RULE_SET_VERSION },
	};
	if (session.usedToken) result.encryptedMap = encryptMap(session.reversible, options.secret);
	return result;
}
