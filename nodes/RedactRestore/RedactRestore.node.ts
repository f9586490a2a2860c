import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import { governanceProfileTest } from '../shared/governance-profile';
import { execute as redact } from './actions/redact.operation';
import { execute as restore } from './actions/restore.operation';
import { redactRestoreProperties } from './description';
import { redactionKeyTest } from './keys';

const MAIN = NodeConnectionTypes.Main;

export class RedactRestore implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Redact / Restore',
		name: 'redactRestore',
		icon: { light: 'file:redactRestore.svg', dark: 'file:redactRestore.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] === "restore" ? "restore" : $parameter["mode"] === "block" ? "block" : $parameter["mode"] === "detectRoute" ? "detect and route" : "redact: " + $parameter["operator"] }}',
		description: 'Redact PII and secrets before a model sees them, and restore the originals in its answer',
		defaults: { name: 'Redact' },
		usableAsTool: true,
		inputs: [MAIN],
		outputs: `={{ $parameter["operation"] === "redact" && $parameter["mode"] === "detectRoute" ? [{ "type": "${MAIN}", "displayName": "Clean" }, { "type": "${MAIN}", "displayName": "Contains Sensitive Data" }] : [{ "type": "${MAIN}" }] }}`,
		credentials: [
			{ name: 'governanceRedactionKeyApi', required: true, testedBy: 'redactionKeyTest', displayOptions: { show: { keySource: ['redactionKey'] } } },
			{
				name: 'governanceProfileApi',
				required: true,
				testedBy: 'governanceProfileTest',
				displayOptions: { show: { keySource: ['governanceProfile'] } },
			},
		],
		properties: redactRestoreProperties,
	};

	methods = { credentialTest: { governanceProfileTest, redactionKeyTest } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const operation = this.getNodeParameter('operation', 0) as string;
		if (operation === 'redact') return await redact.call(this);
		if (operation === 'restore') return await restore.call(this);
		throw new NodeOperationError(this.getNode(), `Unknown operation "${operation}"`, { description: 'Choose Redact or Restore.' });
	}
}
