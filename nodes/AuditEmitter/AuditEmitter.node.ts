import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { governanceProfileTest } from '../shared/governance-profile';
import { auditSinkTest } from './credential-test';
import { auditEmitterProperties } from './description';
import { executeAuditEmitter } from './execute';

const MAIN = NodeConnectionTypes.Main;

export class AuditEmitter implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Audit Emitter',
		name: 'auditEmitter',
		icon: { light: 'file:auditEmitter.svg', dark: 'file:auditEmitter.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ ($parameter["eventAction"] === "auto" ? "from item" : $parameter["eventAction"]) + " → " + ($parameter["delivery"] === "items" ? "items" : "sink") }}',
		description: 'Record signed, hash-chained audit events and send them to a webhook, Splunk HEC or OpenTelemetry',
		defaults: { name: 'Audit Emitter' },
		usableAsTool: true,
		inputs: [MAIN],
		outputs: `={{ $parameter["delivery"] === "items" ? [{ "type": "${MAIN}", "displayName": "Items" }, { "type": "${MAIN}", "displayName": "Events" }] : $parameter["onUndelivered"] === "route" ? [{ "type": "${MAIN}", "displayName": "Items" }, { "type": "${MAIN}", "displayName": "Undelivered" }] : [{ "type": "${MAIN}" }] }}`,
		credentials: [
			{ name: 'governanceProfileApi', required: true, testedBy: 'governanceProfileTest' },
			{ name: 'governanceAuditSinkApi', required: true, testedBy: 'auditSinkTest', displayOptions: { show: { delivery: ['sink'] } } },
			// Optional: with it, every event carries the workflow version this execution ran (see version.ts).
			{ name: 'governanceExecutionRecordApi', required: false },
		],
		properties: auditEmitterProperties,
	};

	methods = { credentialTest: { governanceProfileTest, auditSinkTest } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeAuditEmitter.call(this);
	}
}
