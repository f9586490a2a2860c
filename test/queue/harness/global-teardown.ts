import { attachQueueCluster } from './cluster';

export default async function globalTeardown(): Promise<void> {
	if (process.env.NGOV_QUEUE_STATE) await attachQueueCluster().stop();
}
