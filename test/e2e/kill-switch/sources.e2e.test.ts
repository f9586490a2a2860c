import { createCredential, nodeOutput, nodeRan } from '../harness/client';
import type { FlagAnswer, FlagRequest } from './flag-server';
import { closedPortUrl, startFlagServer } from './flag-server';
import { HALTED, KILL_SWITCH, PROTECTED, errorMessage, killSwitchWorkflow } from './workflow';

const json = (status: number, body: unknown): FlagAnswer => ({ status, body: JSON.stringify(body) });
const HTML: FlagAnswer = { status: 200, body: '<html><body>Sign in</body></html>', contentType: 'text/html' };
const SLOW: FlagAnswer = { ...json(200, { killSwitch: false, value: false }), delayMs: 3000 };
// Every source read here is uncached (TTL 0) and gives up after 500 ms.
const FAST = { cacheTtlSeconds: 0, timeoutMs: 500 };
const halting = (what: string, detail: string) =>
	`Kill switch "${what}" could not be read from ${detail}. Halting because "On Source Error" is set to halt (fail closed).`;

describe('Kill Switch sources against loopback flag services', () => {
	let server: Awaited<ReturnType<typeof startFlagServer>>;

	const httpAnswers: Record<string, FlagAnswer> = {
		'/off': json(200, { flags: { aiHalt: false } }),
		'/on': json(200, { flags: { aiHalt: true, why: 'Maintenance window until 14:00' } }),
		'/html': HTML,
		'/missing': json(200, { flags: {} }),
		'/text-value': json(200, { flags: { aiHalt: 'yes' } }),
		'/boom': { status: 500, body: 'Internal Server Error', contentType: 'text/plain' },
		'/slow': SLOW,
	};
	const ofrepAnswers: Record<string, FlagAnswer> = {
		off: json(200, { key: 'off', value: false, reason: 'STATIC', variant: 'off' }),
		on: json(200, { key: 'on', value: true, reason: 'STATIC', variant: 'on', metadata: { reason: 'Incident 42: runaway agent' } }),
		missing: json(404, { key: 'missing', errorCode: 'FLAG_NOT_FOUND', errorDetails: 'flag missing not found' }),
		'text-value': json(200, { key: 'text-value', value: 'yes', reason: 'STATIC' }),
		html: HTML,
		boom: { status: 500, body: '{}' },
		slow: SLOW,
	};

	beforeAll(async () => {
		server = await startFlagServer((request: FlagRequest) => {
			const ofrep = /^\/ofrep\/v1\/evaluate\/flags\/([^/?]+)$/.exec(request.url);
			if (ofrep) return ofrepAnswers[decodeURIComponent(ofrep[1])] ?? json(404, {});
			return httpAnswers[request.url.split('?')[0]] ?? json(404, {});
		});
	});

	afterAll(async () => {
		await server?.close();
	});

	describe('HTTP JSON', () => {
		let workflow: Awaited<ReturnType<typeof killSwitchWorkflow>>;
		beforeAll(async () => {
			workflow = await killSwitchWorkflow({
				source: 'httpJson',
				url: `={{ $json.body.url }}`,
				valuePath: 'flags.aiHalt',
				reasonPath: 'flags.why',
				options: FAST,
			});
		});

		test('when the value is false then the protected step runs', async () => {
			const { execution } = await workflow.run({ url: `${server.url}/off` });
			expect(execution.status).toBe('success');
			expect(nodeRan(execution, PROTECTED)).toBe(true);
		});

		test('when the value is true then the execution stops with the reason read from the reason path', async () => {
			const { execution } = await workflow.run({ url: `${server.url}/on` });
			expect(errorMessage(execution)).toBe(
				'Kill switch "flags.aiHalt" is ON (HTTP JSON flag "flags.aiHalt" is true): the workflow is halted. Reason: Maintenance window until 14:00.',
			);
			expect(nodeRan(execution, PROTECTED)).toBe(false);
		});

		test.each([
			// an HTML login page instead of JSON
			['/html', 'PARSE_ERROR: HTTP JSON response is not JSON.'],
			// JSON without the value path
			['/missing', 'FLAG_NOT_FOUND: HTTP JSON response has nothing at "flags.aiHalt".'],
			// a value that is not a boolean
			['/text-value', 'TYPE_MISMATCH: HTTP JSON value at "flags.aiHalt" is a string, not true/false.'],
			// server error
			['/boom', 'HTTP_ERROR: HTTP JSON answered HTTP 500 (server error).'],
			// slower than the 500 ms timeout
			['/slow', 'TIMEOUT: HTTP JSON did not answer within 500 ms.'],
		])('when the URL answers %s then the execution halts with "%s"', async (route, detail) => {
			const { status, execution } = await workflow.run({ url: `${server.url}${route}` });
			expect(status).toBeGreaterThanOrEqual(500);
			expect(execution.status).toBe('error');
			expect(errorMessage(execution)).toBe(halting('flags.aiHalt', `HTTP JSON flag "flags.aiHalt" (${detail})`));
			expect(nodeRan(execution, PROTECTED)).toBe(false);
		});

		test('when nothing listens at the URL then the execution halts as unreachable', async () => {
			const { execution } = await workflow.run({ url: `${await closedPortUrl()}/off` });
			expect(errorMessage(execution)).toMatch(/^Kill switch "flags.aiHalt" could not be read from HTTP JSON flag "flags.aiHalt" \(SOURCE_UNREACHABLE: HTTP JSON could not be reached: /);
			expect(nodeRan(execution, PROTECTED)).toBe(false);
		});
	});

	describe('OFREP', () => {
		let workflow: Awaited<ReturnType<typeof killSwitchWorkflow>>;
		beforeAll(async () => {
			const credential = await createCredential('governanceOfrepApi', { url: server.url, headerName: 'X-API-Key', secretValue: 'ofrep-e2e-key' });
			workflow = await killSwitchWorkflow(
				{ source: 'ofrep', flagKey: '={{ $json.body.flag }}', options: FAST },
				{ governanceOfrepApi: credential },
			);
		});

		test('when the flag is false then the protected step runs, and the credential header and context were sent', async () => {
			const before = server.received.length;
			const { execution } = await workflow.run({ flag: 'off' });
			expect(execution.status).toBe('success');
			expect(nodeRan(execution, PROTECTED)).toBe(true);
			const request = server.received.slice(before).find((r) => r.url.endsWith('/off'));
			expect(request?.method).toBe('POST');
			expect(request?.headers['x-api-key']).toBe('ofrep-e2e-key');
			expect(JSON.parse(request?.body ?? '{}').context.workflowId).toBe(workflow.workflowId);
		});

		test('when the flag is true then the execution stops with the reason from the flag metadata', async () => {
			const { execution } = await workflow.run({ flag: 'on' });
			expect(errorMessage(execution)).toBe(
				'Kill switch "on" is ON (OFREP flag "on" is true): the workflow is halted. Reason: Incident 42: runaway agent.',
			);
			expect(nodeRan(execution, PROTECTED)).toBe(false);
		});

		test.each([
			['missing', 'FLAG_NOT_FOUND: OFREP error FLAG_NOT_FOUND: flag missing not found'],
			['text-value', 'TYPE_MISMATCH: OFREP flag "text-value" is a string, not a boolean.'],
			['html', 'PARSE_ERROR: OFREP response is not a JSON object.'],
			['boom', 'HTTP_ERROR: OFREP answered HTTP 500 (server error).'],
			['slow', 'TIMEOUT: OFREP did not answer within 500 ms.'],
		])('when flag "%s" is evaluated then the execution halts with "%s"', async (flag, detail) => {
			const { execution } = await workflow.run({ flag });
			expect(execution.status).toBe('error');
			expect(errorMessage(execution)).toBe(halting(flag, `OFREP flag "${flag}" (${detail})`));
			expect(nodeRan(execution, PROTECTED)).toBe(false);
		});
	});

	describe('Expression, routed', () => {
		test('when the item says halt then it leaves on Halted with the trip, and other items pass', async () => {
			const workflow = await killSwitchWorkflow({ source: 'expression', switchValue: '={{ $json.body.halt }}', onHalt: 'route' });
			const halted = await workflow.run({ halt: true });
			expect(halted.execution.status).toBe('success');
			const [passed, routed] = nodeOutput(halted.execution, KILL_SWITCH);
			expect(passed).toEqual([]);
			expect(routed).toHaveLength(1);
			expect(routed[0].body).toEqual({ halt: true });
			expect(routed[0].killSwitch).toEqual({
				switch: KILL_SWITCH,
				source: 'Expression',
				reason: 'Expression is true',
				trippedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
			});
			expect(nodeRan(halted.execution, HALTED)).toBe(true);
			expect(nodeRan(halted.execution, PROTECTED)).toBe(false);

			const undecidable = await workflow.run({ halt: 'maybe' });
			const [, routedAgain] = nodeOutput(undecidable.execution, KILL_SWITCH);
			expect(routedAgain[0].killSwitch.reason).toBe('TYPE_MISMATCH: Expression gave the text "maybe", not true/false.');

			const open = await workflow.run({ halt: false });
			expect(nodeRan(open.execution, PROTECTED)).toBe(true);
			expect(nodeRan(open.execution, HALTED)).toBe(false);
		});
	});
});
