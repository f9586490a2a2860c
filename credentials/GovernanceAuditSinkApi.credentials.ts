import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

export class GovernanceAuditSinkApi implements ICredentialType {
	name = 'governanceAuditSinkApi';

	displayName = 'Governance Audit Sink API';

	icon: Icon = { light: 'file:../icons/governance.svg', dark: 'file:../icons/governance.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-governance/n8n-nodes-governance#audit-sink-credential';

	// Holds sink tokens and the webhook signing secret: only this pack's nodes may decrypt it.
	restrictToSupportedNodes = true as const;

	// Tested by the Audit Emitter (methods.credentialTest.auditSinkTest): the fields are checked without sending an event.

	properties: INodeProperties[] = [
		{
			displayName: 'Sink Type',
			name: 'sinkType',
			type: 'options',
			options: [
				{ name: 'HTTP Webhook', value: 'webhook', description: 'POST a JSON array of events, signed with an HMAC header' },
				{ name: 'OpenTelemetry Logs (OTLP/HTTP JSON)', value: 'otlp', description: 'POST an OTLP logs export to <endpoint>/v1/logs' },
				{ name: 'Splunk HTTP Event Collector', value: 'splunkHec', description: 'POST a batch to <url>/services/collector/event' },
			],
			default: 'webhook',
		},
		{
			displayName: 'URL',
			name: 'url',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://audit.example.com/n8n',
			description:
				'Webhook: the full URL events are POSTed to. Splunk: the HEC base URL (e.g. https://splunk.example.com:8088). OTLP: the collector endpoint (e.g. http://otel-collector:4318).',
		},
		{
			displayName: 'Webhook Signing Secret',
			name: 'webhookSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			displayOptions: { show: { sinkType: ['webhook'] } },
			description:
				'Shared with the receiver: X-Governance-Signature = "sha256=" + hex HMAC-SHA256(secret, "<X-Governance-Timestamp>.<body>"). At least 16 characters.',
		},
		{
			displayName: 'HEC Token',
			name: 'splunkToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			displayOptions: { show: { sinkType: ['splunkHec'] } },
			description: 'HTTP Event Collector token, sent as "Authorization: Splunk <token>"',
		},
		{
			displayName: 'Index',
			name: 'splunkIndex',
			type: 'string',
			default: '',
			displayOptions: { show: { sinkType: ['splunkHec'] } },
			description: "Splunk index; empty uses the token's default index",
		},
		{
			displayName: 'Sourcetype',
			name: 'splunkSourcetype',
			type: 'string',
			default: 'n8n:governance:audit',
			displayOptions: { show: { sinkType: ['splunkHec'] } },
		},
		{
			displayName: 'Auth Header Name',
			name: 'otlpHeaderName',
			type: 'string',
			default: '',
			placeholder: 'e.g. Authorization',
			displayOptions: { show: { sinkType: ['otlp'] } },
			description: 'Optional header the collector authenticates with; empty sends none',
		},
		{
			displayName: 'Auth Header Value',
			name: 'otlpHeaderToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			displayOptions: { show: { sinkType: ['otlp'] } },
		},
		{
			displayName: 'Service Name',
			name: 'otlpServiceName',
			type: 'string',
			default: 'n8n',
			displayOptions: { show: { sinkType: ['otlp'] } },
			description: 'The service.name resource attribute of the exported logs',
		},
	];
}
