import { stopPid } from '../../../scripts/lib/n8n-host';

export default async function globalTeardown(): Promise<void> {
	const pid = Number(process.env.NGOV_E2E_PID);
	if (pid) await stopPid(pid);
}
