import { startQueueCluster } from './cluster';

/** Starts one queue-mode cluster for the whole queue suite; test files reattach with attachQueueCluster(). */
export default async function globalSetup(): Promise<void> {
	const started = Date.now();
	const cluster = await startQueueCluster({ workers: 2, webhook: true });
	// The e2e client (test/e2e/harness/client.ts) reads main's URL and the API key from NGOV_E2E.
	process.env.NGOV_E2E = cluster.e2eEnv();
	process.stderr.write(
		`\n[queue] cluster ready in ${Date.now() - started} ms: main ${cluster.mainUrl}, webhook processor ${cluster.webhookUrl}, ` +
			`workers ${cluster.workers.map((w) => w.pid).join(', ')}, redis ${cluster.redis.port}, postgres ${cluster.postgres.port} (${cluster.dir})\n`,
	);
}
