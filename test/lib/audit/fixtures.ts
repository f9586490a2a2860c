import { createAuditChain } from '../../../lib/audit';
import type { AuditEvent, AuditKey } from '../../../lib/audit';

export const KEY: AuditKey = { id: 'k-2024', secret: 'test-secret-0123456789abcdef0123456789abcdef' };
export const KEYS = { [KEY.id]: KEY.secret as string };
export const T0 = Date.UTC(2024, 4, 1, 12, 0, 0);

/** A deterministic clock: each call advances one second. */
export function clock(start = T0): () => Date {
	let t = start;
	return () => new Date((t += 1000));
}

/** A closed chain of `n` ordinary events plus the closing event. */
export function makeChain(executionId = 'exec-1', n = 3, options: { close?: boolean; workflowId?: string } = {}): AuditEvent[] {
	const chain = createAuditChain({
		executionId,
		key: KEY,
		now: clock(),
		defaults: {
			actor: { type: 'user', id: 'u-7', name: 'Alice' },
			workflow: { id: options.workflowId ?? 'wf-1', name: 'Support bot', versionId: 'v-42' },
			execution: { id: executionId, mode: 'webhook' },
			profile: { environment: 'production', owner: 'ops@example.com', dataClassification: 'confidential' },
		},
	});
	const events: AuditEvent[] = [];
	for (let i = 0; i < n; i++) {
		events.push(
			chain.append({
				action: i === 0 ? 'workflow.started' : 'data.sent_to_model',
				outcome: 'success',
				node: { name: `Node ${i}`, type: 'n8n-nodes-base.set' },
				policies: [{ policy: 'redaction', result: 'applied', detail: `${i} EMAIL_ADDRESS` }],
				custom: { step: i, tags: ['a', 'b'] },
			}),
		);
	}
	if (options.close !== false) events.push(chain.close());
	return events;
}

export function clone<T>(value: T): T {
	return JSON.parse(JSON.stringify(value)) as T;
}
