import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { governanceProfileTest } from '../shared/governance-profile';
import { environmentAssertionProperties } from './description';
import { executeEnvironmentAssertion } from './execute';

export class EnvironmentAssertion implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Environment Assertion',
		name: 'environmentAssertion',
		icon: { light: 'file:environmentAssertion.svg', dark: 'file:environmentAssertion.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ "allow: " + ($parameter["allowedEnvironments"] || []).join(", ") }}',
		description: 'Stop the workflow unless this n8n instance is an allowed environment',
		defaults: { name: 'Environment Assertion' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: `={{ $parameter["onMismatch"] === "route" ? [{ "type": "${NodeConnectionTypes.Main}", "displayName": "Passed" }, { "type": "${NodeConnectionTypes.Main}", "displayName": "Mismatch" }] : [{ "type": "${NodeConnectionTypes.Main}" }] }}`,
		credentials: [
			{ name: 'governanceProfileApi', required: true, testedBy: 'governanceProfileTest' },
		],
		properties: environmentAssertionProperties,
	};

	methods = { credentialTest: { governanceProfileTest } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return executeEnvironmentAssertion.call(this);
	}
}
