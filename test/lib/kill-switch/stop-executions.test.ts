import { GovernanceError } from '../../../lib/errors/governance-error';
import { stopExecutions } from '../../../lib/kill-switch/stop-executions';
import type { StopInput } from '../../../lib/kill-switch/stop-executions';
import { executionsOf, fakeExecutionsApi } from '../../helpers/fake-n8n-executions';
import type { FakeExecution } from '../../helpers/fake-n8n-executions';

const OWN = { executionId: 'own-1', workflowId: 'incident' };

function input(overrides: Partial<StopInput> = {}): StopInput {
	return { workflows: ['wfA'], statuses: ['queued', 'running', 'waiting'], own: OWN, dryRun: false, reason: 'INC-1: provider leak', ...overrides };
}

function cluster(): FakeExecution[] {
	return [
		...executionsOf('wfA', 'running', 3),
		...executionsOf('wfA', 'waiting', 2),
		...executionsOf('wfA', 'new', 4),
		...executionsOf('wfA', 'success', 5),
		...executionsOf('wfB', 'running', 2),
		{ id: OWN.executionId, workflowId: OWN.workflowId, status: 'running' },
	];
}

const live = (executions: FakeExecution[], workflowId?: string) =>
	executions.filter((e) => ['new', 'running', 'waiting'].includes(e.status) && (workflowId === undefined || e.workflowId === workflowId));

describe('stopExecutions', () => {
	test('a dry run counts queued (listed as "new"), running and waiting executions and stops nothing', async () => {
		const executions = cluster();
		const { api, calls } = fakeExecutionsApi({ executions });
		const report = await stopExecutions(api, input({ dryRun: true }));
		expect(report.found).toEqual({ queued: 4, running: 3, waiting: 2 });
		expect(report.stopped).toBe(0);
		expect(live(executions, 'wfA')).toHaveLength(9);
		expect(calls.every((c) => c.method === 'GET')).toBe(true);
		expect(calls.map((c) => c.qs?.status).sort()).toEqual(['new', 'running', 'waiting']);
	});

	test('stops every queued, running and waiting execution of the chosen workflow and no other', async () => {
		const executions = cluster();
		const { api } = fakeExecutionsApi({ executions });
		const report = await stopExecutions(api, input());
		expect(report).toMatchObject({ stopped: 9, remaining: { queued: 0, running: 0, waiting: 0 }, reason: 'INC-1: provider leak', workflows: ['wfA'] });
		expect(live(executions, 'wfA')).toHaveLength(0);
		expect(live(executions, 'wfB')).toHaveLength(2);
		expect(executions.filter((e) => e.status === 'success')).toHaveLength(5);
	});

	test('"all" stops everything except the execution doing the stopping', async () => {
		const executions = cluster();
		const { api, calls } = fakeExecutionsApi({ executions });
		const report = await stopExecutions(api, input({ workflows: 'all' }));
		expect(live(executions).map((e) => e.id)).toEqual([OWN.executionId]);
		expect(report.stopped).toBe(11);
		// A bulk stop of running executions across all workflows would include this one.
		const bulk = calls.filter((c) => c.path === '/executions/stop').map((c) => c.body as { status: string[] });
		expect(bulk.some((b) => b.status.includes('running'))).toBe(false);
	});

	test('its own workflow among the chosen ones: the other runs of it stop, this one does not', async () => {
		const executions = [...cluster(), ...executionsOf(OWN.workflowId, 'running', 2), ...executionsOf(OWN.workflowId, 'new', 3)];
		const { api } = fakeExecutionsApi({ executions });
		await stopExecutions(api, input({ workflows: [OWN.workflowId] }));
		expect(live(executions, OWN.workflowId).map((e) => e.id)).toEqual([OWN.executionId]);
		expect(live(executions, 'wfA')).toHaveLength(9);
	});

	test('only the chosen statuses are stopped', async () => {
		const executions = cluster();
		const { api } = fakeExecutionsApi({ executions });
		await stopExecutions(api, input({ statuses: ['waiting'] }));
		expect(live(executions, 'wfA').map((e) => e.status).sort()).toEqual(['new', 'new', 'new', 'new', 'running', 'running', 'running']);
	});

	test('a key without execution:stop fails closed, naming the scope, and stops nothing', async () => {
		const executions = cluster();
		const { api } = fakeExecutionsApi({ executions, scopes: ['execution:list'] });
		const error = await stopExecutions(api, input()).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(GovernanceError);
		expect((error as GovernanceError).message).toMatch(/lacks the scope execution:stop \(403\)/);
		expect((error as GovernanceError).hint).toMatch(/execution:stop/);
		expect(live(executions, 'wfA')).toHaveLength(9);
	});

	test('a key without execution:list fails closed even for a dry run', async () => {
		const { api } = fakeExecutionsApi({ executions: cluster(), scopes: ['execution:stop'] });
		await expect(stopExecutions(api, input({ dryRun: true }))).rejects.toThrow(/lacks the scope execution:list/);
	});

	test('runs queued while it stops are caught by the next pass', async () => {
		const executions = cluster();
		let arrivals = 2;
		const { api } = fakeExecutionsApi({
			executions,
			onStop: () => {
				if (arrivals-- > 0) executions.push({ id: `late-${arrivals}`, workflowId: 'wfA', status: 'new' });
			},
		});
		const report = await stopExecutions(api, input());
		expect(live(executions, 'wfA')).toHaveLength(0);
		expect(report.passes).toBeGreaterThan(1);
		expect(report.stopped).toBe(11);
	});

	test('when runs keep arriving, it fails with what remains instead of reporting success', async () => {
		const executions = cluster();
		let n = 0;
		const { api } = fakeExecutionsApi({ executions, onStop: () => executions.push({ id: `late-${n++}`, workflowId: 'wfA', status: 'new' }) });
		const error = (await stopExecutions(api, input({ maxPasses: 2 })).catch((e: unknown) => e)) as GovernanceError;
		expect(error.message).toMatch(/still there after 2 stop passes \(running 0, waiting 0, queued 1\)/);
		expect(error.hint).toMatch(/flip the kill switch first/);
	});

	test('counts across pages', async () => {
		const executions = executionsOf('wfA', 'new', 620);
		const { api } = fakeExecutionsApi({ executions, pageSize: 100 });
		const report = await stopExecutions(api, input({ dryRun: true }));
		expect(report.found.queued).toBe(620);
	});

	test('unusable input is refused before any call', async () => {
		const { api, calls } = fakeExecutionsApi({ executions: cluster() });
		await expect(stopExecutions(api, input({ reason: '  ' }))).rejects.toThrow(/Reason" is empty/);
		await expect(stopExecutions(api, input({ workflows: [' ', ''] }))).rejects.toThrow(/No workflow id/);
		await expect(stopExecutions(api, input({ workflows: ['a/b'] }))).rejects.toThrow(/is not a workflow id/);
		await expect(stopExecutions(api, input({ statuses: [] }))).rejects.toThrow(/Statuses/);
		expect(calls).toHaveLength(0);
	});

	test('an execution that ended between listing and stopping is not an error', async () => {
		const executions = [...executionsOf(OWN.workflowId, 'running', 2), { id: OWN.executionId, workflowId: OWN.workflowId, status: 'running' as const }];
		const { api } = fakeExecutionsApi({ executions });
		const wrapped: typeof api = async (request) => {
			if (request.path === `/executions/${OWN.workflowId}-running-0/stop`) executions[0].status = 'success';
			return await api(request);
		};
		const report = await stopExecutions(wrapped, input({ workflows: [OWN.workflowId], statuses: ['running'] }));
		expect(report.stopped).toBe(1);
		expect(report.remaining.running).toBe(0);
	});
});
