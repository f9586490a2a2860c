import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { flagHttpHeaderTest } from './credential-test';
import { killSwitchProperties } from './description';
import { executeKillSwitch } from './execute';

export class KillSwitch implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Kill Switch',
		name: 'killSwitch',
		icon: { light: 'file:killSwitch.svg', dark: 'file:killSwitch.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["source"] === "none" ? "limits only" : "switch: " + $parameter["source"] }}',
		description: 'Halt the workflow before an expensive step when a kill-switch flag is on or a limit is reached',
		defaults: { name: 'Kill Switch' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: `={{ $parameter["onHalt"] === "route" ? [{ "type": "${NodeConnectionTypes.Main}", "displayName": "Passed" }, { "type": "${NodeConnectionTypes.Main}", "displayName": "Halted" }] : [{ "type": "${NodeConnectionTypes.Main}" }] }}`,
		credentials: [
			{ name: 'governanceUnleashClientApi', required: true, displayOptions: { show: { source: ['unleash'] } } },
			{ name: 'governanceOfrepApi', required: true, displayOptions: { show: { source: ['ofrep'] } } },
			{
				name: 'governanceKillSwitchHttpHeaderApi',
				required: true,
				testedBy: 'flagHttpHeaderTest',
				displayOptions: { show: { source: ['httpJson'], authentication: ['headerAuth'] } },
			},
			// Needed by the window limits (executions per window, spend budget): see ./windows.ts.
			{ name: 'governanceLimitStoreApi', required: false },
		],
		properties: killSwitchProperties,
	};

	methods = { credentialTest: { flagHttpHeaderTest } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeKillSwitch.call(this);
	}
}
