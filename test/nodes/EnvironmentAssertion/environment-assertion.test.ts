import { randomBytes } from 'node:crypto';
import type { ICredentialTestFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { EnvironmentAssertion } from '../../../nodes/EnvironmentAssertion/EnvironmentAssertion.node';
import { governanceProfileTest } from '../../../nodes/shared/governance-profile';
import { executeContext } from '../helpers/execute-context';

const credentials = {
	environment: 'staging',
	expectedBaseUrl: '',
	owner: 'owner@example.com',
	dataClassification: 'internal',
	signingSecret: randomBytes(32).toString('base64'),
};
const items = [{ json: { a: 1 } }, { json: { a: 2 } }];
const node = new EnvironmentAssertion();

describe('Environment Assertion node', () => {
	test('when the assertion holds then items pass with pairedItem, and the input is not mutated', async () => {
		const context = executeContext({
			items,
			credentials,
			parameters: { allowedEnvironments: ['staging'], onMismatch: 'stop', stamp: true },
		});
		const [out] = await node.execute.call(context);
		expect(out.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(out[1].json).toEqual({ a: 2, governance: { environment: 'staging', owner: 'owner@example.com', profile: 'Prod profile', dataClassification: 'internal' } });
		expect(items[1].json).toEqual({ a: 2 });
	});

	test('when the assertion fails then a NodeOperationError with the fix in its description is thrown', async () => {
		const context = executeContext({ items, credentials, parameters: { allowedEnvironments: ['production'], onMismatch: 'stop' } });
		const error = await node.execute.call(context).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as NodeOperationError).description).toMatch(/Run the workflow on an instance of an allowed environment/);
	});

	test('when it fails under continueOnFail then error items carry no input data', async () => {
		const context = executeContext({ items, credentials, continueOnFail: true, parameters: { allowedEnvironments: ['production'], onMismatch: 'stop' } });
		const [out] = await node.execute.call(context);
		expect(out).toHaveLength(2);
		expect(out[0].json).not.toHaveProperty('a');
		expect(out[0].json.error).toMatch(/^Environment assertion failed/);
		expect(out.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	test('when the profile is unusable then the run stops even with "route" selected (no decision, no data)', async () => {
		const context = executeContext({
			items,
			credentials: { ...credentials, signingSecret: 'weak' },
			parameters: { allowedEnvironments: ['staging'], onMismatch: 'route' },
		});
		await expect(node.execute.call(context)).rejects.toThrow(/Signing secret encodes 3 bytes as base64/);
	});

	test('when the credential test sees a weak secret then it says which field is wrong', async () => {
		const result = await governanceProfileTest.call({} as ICredentialTestFunctions, {
			id: '1',
			name: 'p',
			type: 'governanceProfileApi',
			data: { ...credentials, signingSecret: 'weak', owner: 'nobody' },
		});
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/^owner: .*; signingSecret: Signing secret encodes 3 bytes as base64; .*openssl rand -base64 32/);
	});
});
