import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject } from 'n8n-workflow';
import { executeKillSwitch } from '../../../nodes/KillSwitch/execute';
import { FLAG_CACHE } from '../../../nodes/KillSwitch/sources';
import type { FakeRequest, FakeTransport } from './context';
import { items, killSwitchContext } from './context';
import { fakeDataTable } from '../../helpers/fake-data-table';

const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);
const UNLEASH = { governanceUnleashClientApi: { url: 'https://unleash.example.com/', token: 'default:production.abc' } };
const feature = (enabled: boolean, description = 'Provider outage') => ({ statusCode: 200, body: JSON.stringify({ name: 'ai-halt', enabled, description }) });
const refused = () => Object.assign(new Error('connect ECONNREFUSED 10.0.0.7:4242'), { code: 'ECONNREFUSED' });

let now = T0;
beforeEach(() => {
	FLAG_CACHE.clear();
	now = T0;
	jest.spyOn(Date, 'now').mockImplementation(() => now);
});
afterEach(() => jest.restoreAllMocks());

function unleashNode(parameters: Record<string, unknown>, transport: FakeTransport, extra: Partial<Parameters<typeof killSwitchContext>[0]> = {}) {
	return killSwitchContext({
		items: items({ order: 1 }, { order: 2 }),
		parameters: { source: 'unleash', flagName: 'ai-halt', ...parameters },
		credentials: UNLEASH,
		transport,
		...extra,
	});
}

async function run(context: ReturnType<typeof killSwitchContext>) {
	return await executeKillSwitch.call(context);
}

async function failure(context: ReturnType<typeof killSwitchContext>): Promise<NodeOperationError> {
	try {
		await run(context);
	} catch (error) {
		expect(error).toBeInstanceOf(NodeOperationError);
		return error as NodeOperationError;
	}
	throw new Error('expected the node to stop the execution');
}

describe('Kill Switch node: Unleash source', () => {
	test("when the flag is off then the items pass unchanged with pairedItem, read with the credential's token through n8n under a deadline", async () => {
		const requests: FakeRequest[] = [];
		const context = unleashNode({}, async (request) => (requests.push(request), feature(false)));
		const input = context.getInputData();
		const snapshot = JSON.parse(JSON.stringify(input));
		const [passed] = await run(context);
		expect(passed).toEqual([
			{ json: { order: 1 }, pairedItem: { item: 0 } },
			{ json: { order: 2 }, pairedItem: { item: 1 } },
		]);
		expect(input).toEqual(snapshot);
		expect(requests).toHaveLength(1);
		expect(requests[0].options).toMatchObject({
			url: 'https://unleash.example.com/api/client/features/ai-halt',
			method: 'GET',
			headers: { Authorization: 'default:production.abc' },
			timeout: 2000,
			encoding: 'text',
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
		});
		// The node's own signal: aborted once the answer is in, so nothing of the request outlives the run.
		expect(requests[0].options.abortSignal?.aborted).toBe(true);
	});

	test('when the flag is on then the execution stops naming switch, source and reason, with how to resume', async () => {
		const error = await failure(unleashNode({}, async () => feature(true)));
		expect(error.message).toBe('Kill switch "ai-halt" is ON (Unleash flag "ai-halt" is true): the workflow is halted. Reason: Provider outage.');
		expect(error.description).toBe('To resume, set the flag to false in Unleash.');
	});

	test('when the flag is on and halted items are routed then they leave on Halted with the trip and their data', async () => {
		const [passed, halted] = await run(unleashNode({ onHalt: 'route' }, async () => feature(true)));
		expect(passed).toEqual([]);
		expect(halted[1]).toEqual({
			json: { order: 2, killSwitch: { switch: 'ai-halt', source: 'Unleash', reason: 'Provider outage', trippedAt: '2026-01-05T09:00:00.000Z' } },
			pairedItem: { item: 1 },
		});
	});

	test('when Halt When is "off" then a disabled enable-flag halts', async () => {
		const error = await failure(unleashNode({ haltWhen: 'off', options: { switchName: 'Support bot enabled' } }, async () => feature(false, '')));
		expect(error.message).toBe('Kill switch "Support bot enabled" is ON (Unleash flag "ai-halt" is false): the workflow is halted.');
	});

	test('when Unleash refuses the connection then the execution halts with the exact message (not n8n\'s generic rewrite)', async () => {
		const error = await failure(unleashNode({}, async () => Promise.reject(refused())));
		expect(error.message).toBe(
			'Kill switch "ai-halt" could not be read from Unleash flag "ai-halt" (SOURCE_UNREACHABLE: Unleash could not be reached: connect ECONNREFUSED 10.0.0.7:4242). Halting because "On Source Error" is set to halt (fail closed).',
		);
		expect(error.description).toBe('To fix: check the source URL, DNS and network access from n8n. To fail open instead, set "On Source Error" to continue.');
	});

	test('when the credential token is rejected then the execution halts with HTTP_ERROR', async () => {
		const error = await failure(unleashNode({}, async () => ({ statusCode: 401, body: '{"message":"invalid token"}' })));
		expect(error.message).toContain('(HTTP_ERROR: Unleash answered HTTP 401 (the credentials were rejected).)');
	});
});

describe('Kill Switch node: cache and staleness', () => {
	test('when runs come within the TTL then the source is read once, and again after the TTL', async () => {
		let calls = 0;
		const transport: FakeTransport = async () => (calls++, feature(false));
		await run(unleashNode({ options: { cacheTtlSeconds: 10 } }, transport));
		now = T0 + 9_999;
		await run(unleashNode({ options: { cacheTtlSeconds: 10 } }, transport));
		expect(calls).toBe(1);
		now = T0 + 10_000;
		await run(unleashNode({ options: { cacheTtlSeconds: 10 } }, transport));
		expect(calls).toBe(2);
	});

	test('when the source fails with "Use Last Known Value" then a value within the max staleness is used, an older one never', async () => {
		const parameters = { onSourceError: 'useLastKnown', options: { cacheTtlSeconds: 10, maxStalenessSeconds: 60 } };
		await run(unleashNode(parameters, async () => feature(false)));
		now = T0 + 60_000;
		const hints: string[] = [];
		const [passed] = await run(unleashNode(parameters, async () => Promise.reject(refused()), { hints }));
		expect(passed).toHaveLength(2);
		expect(hints).toEqual([
			'Kill switch "ai-halt" is off (Unleash flag "ai-halt" is false): continuing. Used the cached value from 60 s ago because Unleash failed (SOURCE_UNREACHABLE).',
		]);
		now = T0 + 60_001;
		const error = await failure(unleashNode(parameters, async () => Promise.reject(refused())));
		expect(error.message).toMatch(/SOURCE_UNREACHABLE/);
	});

	test('when the source fails with "Continue" then items pass and an execution hint says it failed open', async () => {
		const hints: string[] = [];
		const [passed] = await run(unleashNode({ onSourceError: 'continue' }, async () => Promise.reject(refused()), { hints }));
		expect(passed).toHaveLength(2);
		expect(hints).toHaveLength(1);
		expect(hints[0]).toMatch(/^Kill switch "ai-halt" could not be read .* Continuing because "On Source Error" is set to continue \(fail open\)\./);
	});

	test('when the cache TTL is longer than the max staleness then the node refuses to run, even when routing', async () => {
		const error = await failure(unleashNode({ onHalt: 'route', options: { cacheTtlSeconds: 120, maxStalenessSeconds: 60 } }, async () => feature(false)));
		expect(error.message).toBe('"Cache TTL" (120 s) is longer than "Max Staleness" (60 s), so a cached value could be used after it is too old.');
		expect(error.description).toBe('Lower the Cache TTL or raise the Max Staleness under Options.');
	});
});

describe('Kill Switch node: HTTP JSON authentication', () => {
	test.each([
		// no credential: no extra header
		['none', {}],
		// header auth: the credential's header, as its authenticate() would add it
		['headerAuth', { 'X-Flag-Key': 'flag-secret' }],
	])('when Authentication is %s then the request carries %j', async (authentication, header) => {
		const requests: FakeRequest[] = [];
		const context = killSwitchContext({
			items: items({}),
			parameters: { source: 'httpJson', url: 'https://status.example.com/switches.json', valuePath: 'halt', authentication },
			credentials: { governanceKillSwitchHttpHeaderApi: { headerName: ' X-Flag-Key ', secretValue: 'flag-secret' } },
			transport: async (request) => (requests.push(request), { statusCode: 200, body: '{"halt":false}' }),
		});
		await run(context);
		expect(requests[0].options.headers).toEqual({ Accept: 'application/json', ...header });
		expect(requests[0].options.method).toBe('GET');
	});
});

describe('Kill Switch node: deadline', () => {
	test('when the execution is cancelled while the source is read then the request is aborted and the run halts', async () => {
		const cancel = new AbortController();
		const context = unleashNode({}, async (request) => {
			const aborted = new Promise<never>((_, reject) => request.options.abortSignal?.addEventListener('abort', () => reject(new Error('canceled'))));
			cancel.abort();
			return await aborted;
		}, { cancelSignal: cancel.signal });
		const error = await failure(context);
		expect(error.message).toContain('(SOURCE_UNREACHABLE: Unleash could not be reached: the execution was stopped while waiting for the answer)');
	});
});

describe('Kill Switch node: item contract', () => {
	test('when continue-on-fail is set and the switch is on then each item becomes an error item without its input data', async () => {
		const [out] = await run(unleashNode({}, async () => feature(true), { continueOnFail: true }));
		expect(out).toHaveLength(2);
		expect(out[0].json.order).toBeUndefined();
		expect(out[0].json.error).toMatch(/^Kill switch "ai-halt" is ON/);
		expect((out[0].json.killSwitch as IDataObject).source).toBe('Unleash');
		expect(out[1].pairedItem).toEqual({ item: 1 });
	});

	test('when the credential is missing then the node stops (fail closed), or emits data-free error items under continue-on-fail', async () => {
		const context = killSwitchContext({ items: items({ secret: 1 }), parameters: { source: 'unleash', flagName: 'x', onHalt: 'route' } });
		await expect(run(context)).rejects.toThrow(/does not have any credentials/);
		const tolerant = killSwitchContext({ items: items({ secret: 1 }), parameters: { source: 'unleash', flagName: 'x', onHalt: 'route' }, continueOnFail: true });
		const [passed, halted] = await run(tolerant);
		expect(passed).toEqual([]);
		expect(halted[0].json.secret).toBeUndefined();
	});

	test('when the expression differs per item then each item is decided on its own', async () => {
		const values = [true, 'false', 'nope'];
		const context = killSwitchContext({
			items: items({ n: 0 }, { n: 1 }, { n: 2 }),
			parameters: { source: 'expression', switchValue: (i: number) => values[i], onHalt: 'route' },
		});
		const [passed, halted] = await run(context);
		expect(passed.map((i) => i.json.n)).toEqual([1]);
		expect(halted.map((i) => (i.json.killSwitch as IDataObject).reason)).toEqual([
			'Expression is true',
			'TYPE_MISMATCH: Expression gave the text "nope", not true/false.',
		]);
	});
});

describe('Kill Switch node: limits state', () => {
	test('when items pass then the per-execution count goes to the node context and windows to the shared store', async () => {
		const nodeContext: IDataObject = {};
		const staticData: IDataObject = {};
		const store = fakeDataTable({ engine: 'postgres' });
		const limits = { maxItemsPerExecution: 3, maxExecutionsPerWindow: 5, executionWindowSeconds: 60 };
		const context = killSwitchContext({ items: items({}, {}), parameters: { source: 'none', limits }, nodeContext, staticData, limitStore: store.api });
		await run(context);
		expect(nodeContext.killSwitch).toEqual({ itemsPassed: 2, windowCounted: true });
		expect(staticData).toEqual({});
		expect(store.rows).toHaveLength(1);
		expect(store.rows[0]).toMatchObject({ key: 'wf-1:node-ks', version: 1, state: JSON.stringify({ executions: { mode: 'sliding', timestamps: [T0] } }) });
		const second = killSwitchContext({ items: items({}, {}), parameters: { source: 'none', limits }, nodeContext, staticData, runIndex: 1, limitStore: store.api });
		const error = await failure(second);
		expect(error.message).toBe('Limit "max-items-per-execution" reached: Item 2 of this run would be item 4 to pass in this execution; the limit is 3.');
		// a stopped run counts nothing
		expect(nodeContext.killSwitch).toEqual({ itemsPassed: 2, windowCounted: true });
		expect(store.rows[0].version).toBe(1);
	});

	test('when executions start with empty static data (a queue worker) then the window limit still trips', async () => {
		const store = fakeDataTable({ engine: 'postgres' });
		const limits = { maxExecutionsPerWindow: 2, executionWindowSeconds: 60 };
		const one = (id: string) => killSwitchContext({ items: items({}), parameters: { source: 'none', limits }, nodeContext: {}, staticData: {}, limitStore: store.api, executionId: id });
		await run(one('e1'));
		await run(one('e2'));
		const error = await failure(one('e3'));
		expect(error.message).toBe('Limit "max-executions-per-window" reached: 2 executions already ran in the last 60 s; the limit is 2.');
	});

	test.each([
		[{ maxExecutionsPerWindow: 3 }],
		[{ spendField: 'cost', spendCap: 100 }],
	])('when window limits %j are set without a limit store then the run stops saying why, even in route mode', async (limits) => {
		for (const onHalt of ['stop', 'route']) {
			const context = killSwitchContext({ items: items({ cost: 1 }), parameters: { source: 'none', limits, onHalt } });
			const error = await failure(context);
			expect(error.message).toMatch(/need a shared limit store, and this node has none: counts kept in the workflow's static data start from zero on every queue-mode worker/);
			expect(error.description).toMatch(/Governance Limit Store API/);
		}
	});

	test('when only the loop guard and item cap are set then no store is needed', async () => {
		const context = killSwitchContext({ items: items({}), parameters: { source: 'none', limits: { maxItemsPerExecution: 3, maxRunsPerExecution: 2 } } });
		const [passed] = await run(context);
		expect(passed).toHaveLength(1);
	});

	test('when a spend budget has a field but no cap then the node refuses to run', async () => {
		const context = killSwitchContext({ items: items({}), parameters: { source: 'none', limits: { spendField: 'cost' } } });
		await expect(run(context)).rejects.toThrow('A spend budget needs both "Spend Field" and "Budget Cap".');
	});
});
