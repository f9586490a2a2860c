import type { IExecuteFunctions } from 'n8n-workflow';
import { PlaceholderNumbering } from '../../lib/redaction';

/**
 * The highest placeholder numbers issued so far in this execution live in its flow context (persisted
 * with the execution, shared by every node, handed to whichever worker resumes it). Every Redact run
 * of the execution (another Redact node, the next batch of a loop) continues past them, so a map can
 * tell the placeholders of any other item of the execution from its own. Counts only, never values.
 */
const FLOW_KEY = 'governanceRedactionNumbers';

export function loadNumbering(context: IExecuteFunctions): PlaceholderNumbering {
	const saved = context.getContext('flow')[FLOW_KEY];
	return new PlaceholderNumbering(saved !== null && typeof saved === 'object' ? (saved as Record<string, number>) : {});
}

export function saveNumbering(context: IExecuteFunctions, numbering: PlaceholderNumbering): void {
	context.getContext('flow')[FLOW_KEY] = numbering.issued();
}
