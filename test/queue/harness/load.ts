/**
 * The load driver: `clients` concurrent callers send `runs` webhook calls through the webhook processor;
 * `onProgress(done)` lets a fault schedule act at chosen points. Latency is the client's round trip.
 */
import { attachQueueCluster } from './cluster';

export interface CallResult {
	i: number;
	status: number;
	ms: number;
	executionId?: string;
	error?: string;
	body?: string;
}

export interface LoadResult {
	calls: CallResult[];
	wallMs: number;
}

import { customerText } from '../../helpers/customer-text';

export { customerText };

export async function runLoad(
	path: string,
	{ runs, clients, offset = 0, onProgress }: { runs: number; clients: number; offset?: number; onProgress?: (done: number) => void },
): Promise<LoadResult> {
	const { webhookUrl } = attachQueueCluster();
	const calls: CallResult[] = [];
	let next = 0;
	const started = Date.now();
	async function client() {
		for (;;) {
			const i = next++;
			if (i >= runs) return;
			const t0 = Date.now();
			try {
				const response = await fetch(`${webhookUrl}/webhook/${path}`, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify({ i: offset + i, halt: false, text: customerText(offset + i) }),
					signal: AbortSignal.timeout(300000),
				});
				const text = await response.text();
				let executionId: string | undefined;
				try {
					executionId = String(JSON.parse(text)[0]?.execution ?? '') || undefined;
				} catch {
					executionId = undefined;
				}
				calls.push({ i: offset + i, status: response.status, ms: Date.now() - t0, executionId, body: response.ok ? undefined : text.slice(0, 300) });
			} catch (error) {
				calls.push({ i: offset + i, status: 0, ms: Date.now() - t0, error: String((error as Error).cause ?? error) });
			}
			onProgress?.(calls.length);
		}
	}
	await Promise.all(Array.from({ length: clients }, client));
	return { calls, wallMs: Date.now() - started };
}

export function percentile(values: number[], p: number): number {
	const sorted = [...values].sort((a, b) => a - b);
	if (sorted.length === 0) return NaN;
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export function figures(result: LoadResult) {
	const ok = result.calls.filter((c) => c.status === 200).map((c) => c.ms);
	return {
		calls: result.calls.length,
		ok: ok.length,
		throughput: result.calls.length / (result.wallMs / 1000),
		p50: percentile(ok, 50),
		p99: percentile(ok, 99),
	};
}
