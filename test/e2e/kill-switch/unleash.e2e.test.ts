import { createCredential, nodeRan, rest } from '../harness/client';
import type { UnleashServer } from '../unleash/server';
import { postgresBinDir, startUnleash, unleashAdmin } from '../unleash/server';
import { PROTECTED, errorDescription, errorMessage, killSwitchWorkflow } from './workflow';

const FLAG = 'ngov-ai-workflows-halt';
const REASON = 'Provider outage: paused by on-call';
const TTL_SECONDS = 3;
const sleep = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

// .ci/run installs PostgreSQL, so CI always runs this; a user's machine without it skips it and says so.
const hasPostgres = postgresBinDir() !== undefined;
if (!hasPostgres) process.stderr.write('[e2e] skipping the real-Unleash test: PostgreSQL is not installed (apt-get install -y postgresql)\n');

(hasPostgres ? describe : describe.skip)('Kill Switch against a real Unleash server (PostgreSQL on loopback)', () => {
	let unleash: UnleashServer;
	let workflow: Awaited<ReturnType<typeof killSwitchWorkflow>>;
	let admin: ReturnType<typeof unleashAdmin>;

	beforeAll(async () => {
		unleash = await startUnleash();
		process.stderr.write(`[e2e] Unleash ready at ${unleash.url} in ${unleash.readyMs} ms (pid ${unleash.pid})\n`);
		admin = unleashAdmin(unleash);
		const token = await admin.createBackendToken('development');
		await admin.createKillSwitchFlag(FLAG, REASON);
		const credential = await createCredential('governanceUnleashClientApi', { url: unleash.url, token });
		workflow = await killSwitchWorkflow(
			{ source: 'unleash', flagName: FLAG, options: { cacheTtlSeconds: TTL_SECONDS, maxStalenessSeconds: 30 } },
			{ governanceUnleashClientApi: credential },
		);
	}, 300000);

	afterAll(async () => {
		await unleash?.stop();
	});

	/** Runs the workflow until `done` says so; returns the execution and the time since `since`. */
	async function runUntil(done: (status: string) => boolean, since: number) {
		for (;;) {
			const { execution } = await workflow.run({ order: 1 });
			if (done(execution.status)) return { execution, elapsedMs: Date.now() - since };
			if (Date.now() - since > (TTL_SECONDS + 10) * 1000) throw new Error(`no change within ${TTL_SECONDS + 10} s`);
			await sleep(250);
		}
	}

	test('when the credential is tested in n8n then a good token passes and a wrong one is refused', async () => {
		const test = async (token: string) => {
			const data = { url: `${unleash.url}/api/`, token };
			const { id, name } = await createCredential('governanceUnleashClientApi', data);
			return await rest('POST', '/rest/credentials/test', { credentials: { id, name, type: 'governanceUnleashClientApi', data } });
		};
		const good = await test(await admin.createBackendToken('development'));
		expect(good.json?.data).toMatchObject({ status: 'OK' });
		const bad = await test('default:development.not-a-token');
		expect(bad.json?.data?.status).toBe('Error');
	});

	test('when the kill-switch flag is off then the protected step runs', async () => {
		const { execution } = await workflow.run({ order: 1 });
		expect(execution.status).toBe('success');
		expect(nodeRan(execution, PROTECTED)).toBe(true);
	});

	test('when the flag is turned on then within the TTL an execution halts before the protected step, naming switch, source and reason', async () => {
		const flipped = Date.now();
		await admin.setFlag(FLAG, true);
		const { execution, elapsedMs } = await runUntil((status) => status === 'error', flipped);
		process.stderr.write(`[e2e] Unleash flag on → first halted execution after ${elapsedMs} ms (TTL ${TTL_SECONDS} s)\n`);
		expect(elapsedMs).toBeLessThan(TTL_SECONDS * 1000 + 3000);
		expect(errorMessage(execution)).toBe(
			`Kill switch "${FLAG}" is ON (Unleash flag "${FLAG}" is true): the workflow is halted. Reason: ${REASON}.`,
		);
		expect(errorDescription(execution)).toBe('To resume, set the flag to false in Unleash.');
		expect(execution.data?.resultData.error?.node?.name).toBe('Kill Switch');
		expect(nodeRan(execution, PROTECTED)).toBe(false);
	});

	test('when the flag is turned off again then within the TTL the protected step runs again', async () => {
		const flipped = Date.now();
		await admin.setFlag(FLAG, false);
		const { execution, elapsedMs } = await runUntil((status) => status === 'success', flipped);
		process.stderr.write(`[e2e] Unleash flag off → first passing execution after ${elapsedMs} ms\n`);
		expect(elapsedMs).toBeLessThan(TTL_SECONDS * 1000 + 3000);
		expect(nodeRan(execution, PROTECTED)).toBe(true);
	});

	test('when Unleash is stopped then, once the cached value expired, the next execution halts with "source unreachable"', async () => {
		await unleash.stopUnleash();
		await sleep(TTL_SECONDS * 1000 + 300);
		const { status, execution } = await workflow.run({ order: 1 });
		expect(status).toBeGreaterThanOrEqual(500);
		expect(execution.status).toBe('error');
		expect(errorMessage(execution)).toMatch(
			new RegExp(
				`^Kill switch "${FLAG}" could not be read from Unleash flag "${FLAG}" \\(SOURCE_UNREACHABLE: Unleash could not be reached: [^)]*(refused the connection|ECONNREFUSED)[^)]*\\)\\. Halting because "On Source Error" is set to halt \\(fail closed\\)\\.$`,
			),
		);
		expect(errorDescription(execution)).toBe(
			'To fix: check the source URL, DNS and network access from n8n. To fail open instead, set "On Source Error" to continue.',
		);
		expect(nodeRan(execution, PROTECTED)).toBe(false);
	});
});
