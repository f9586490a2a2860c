import { createCredential } from '../harness/client';
import { startTrickleServer } from './trickle-server';
import { errorMessage, killSwitchWorkflow } from './workflow';

// One byte every 300 ms never lets a socket idle timeout of 500 ms fire; the whole body takes 100 × 300 ms = 30 s,
// far longer than a run that stops at the 500 ms deadline takes even on a loaded machine.
const EVERY_MS = 300;
const pad = (json: string) => ' '.repeat(100 - json.length) + json;
const BODIES: Record<string, string> = {
	'/plain': pad('{"flags":{"aiHalt":false}}'),
	'/with-header': pad('{"flags":{"aiHalt":false}}'),
	'/ofrep/v1/evaluate/flags/trickle': pad('{"key":"trickle","value":false}'),
	'/api/client/features/trickle': pad('{"name":"trickle","enabled":false}'),
};
const OPTIONS = { cacheTtlSeconds: 0, timeoutMs: 500 };

describe('Kill Switch timeout is a deadline for the whole answer, in a real n8n', () => {
	let server: Awaited<ReturnType<typeof startTrickleServer>>;

	beforeAll(async () => {
		server = await startTrickleServer((url) => BODIES[url] ?? '{}', EVERY_MS);
	});

	afterAll(async () => {
		await server?.close();
	});

	const cases: Array<[string, string, () => Promise<Awaited<ReturnType<typeof killSwitchWorkflow>>>]> = [
		['HTTP JSON', '/plain', async () => await killSwitchWorkflow({ source: 'httpJson', url: `${server.url}/plain`, valuePath: 'flags.aiHalt', options: OPTIONS })],
		[
			'HTTP JSON',
			'/with-header',
			async () => {
				const credential = await createCredential('governanceKillSwitchHttpHeaderApi', { headerName: 'X-Flag-Key', secretValue: 'flag-e2e-key' });
				return await killSwitchWorkflow(
					{ source: 'httpJson', url: `${server.url}/with-header`, valuePath: 'flags.aiHalt', authentication: 'headerAuth', options: OPTIONS },
					{ governanceKillSwitchHttpHeaderApi: credential },
				);
			},
		],
		[
			'OFREP',
			'/ofrep/v1/evaluate/flags/trickle',
			async () => {
				const credential = await createCredential('governanceOfrepApi', { url: server.url, headerName: 'X-API-Key', secretValue: 'ofrep-e2e-key' });
				return await killSwitchWorkflow({ source: 'ofrep', flagKey: 'trickle', options: OPTIONS }, { governanceOfrepApi: credential });
			},
		],
		[
			'Unleash',
			'/api/client/features/trickle',
			async () => {
				const credential = await createCredential('governanceUnleashClientApi', { url: server.url, token: 'default:development.e2e-token' });
				return await killSwitchWorkflow({ source: 'unleash', flagName: 'trickle', options: OPTIONS }, { governanceUnleashClientApi: credential });
			},
		],
	];

	test.each(cases)(
		'when the %s source at %s trickles its answer then the node fails with TIMEOUT before the answer is complete, and drops the connection',
		async (source, path, build) => {
			const workflow = await build();
			const ended = server.ended(path);
			const { execution } = await workflow.run();
			server.events.push(`execution finished ${path}`);
			await ended;

			// Event order, not the clock: the run had ended while bytes were still to come, and the node closed the connection
			// (a run that waited for the whole answer, or an abandoned request that went on reading, would log "sent all").
			const log = server.events.filter((event) => event.endsWith(` ${path}`));
			expect(log[0]).toBe(`request ${path}`);
			expect(log.slice(1).sort()).toEqual([`client closed ${path}`, `execution finished ${path}`]);
			expect(execution.status).toBe('error');
			expect(errorMessage(execution)).toContain(`(TIMEOUT: ${source} did not answer within 500 ms.). Halting because "On Source Error" is set to halt (fail closed).`);
		},
	);
});
