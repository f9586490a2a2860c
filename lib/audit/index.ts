export { canonicalize } from './canonical-json';
export type { JsonValue } from './canonical-json';
export type { AuditKey } from './crypto';
export {
	AUDIT_CHAIN_CLOSED_TYPE,
	AUDIT_EVENT_TYPE,
	AuditActions,
	AuditOutcomes,
} from './types';
export type {
	AuditActor,
	AuditActorType,
	AuditEvent,
	AuditEventData,
	AuditEventInput,
	AuditExecutionRef,
	AuditNodeRef,
	AuditProfileFields,
	AuditSanitizedReport,
	AuditTarget,
	AuditWorkflowRef,
	PolicyEvaluation,
} from './types';
export { REDACTED_SECRET, defaultIsSecret, sanitizeJson } from './secrets';
export type { IsSecret } from './secrets';
export {
	deriveTraceId,
	formatTraceparent,
	newSpanId,
	parseTraceparent,
	resolveCorrelation,
} from './trace-context';
export type { Correlation, TraceParent } from './trace-context';
export type { BuildOptions } from './event-builder';
export {
	AUDIT_ANCHOR_PREFIX,
	chainAnchor,
	chainStateAfter,
	createAuditChain,
	hashAuditEvent,
	initialChainState,
	signClose,
	signNext,
} from './chain';
export type { AuditChain, AuditChainState, AuditCloseInput, CreateAuditChainOptions } from './chain';
export { AUDIT_KEY_ID_PREFIX, AUDIT_DERIVATION_DOMAIN, deriveAuditKey } from './keys';
export { approvalEvidenceOf, approvalOf, deriveActor, describeCounts, policiesOf, redactionOf, stopReportOf, traceparentOf } from './item-context';
export type { ApprovalAttested, ApprovalEvidence, ItemApproval, ItemRedaction, TriggerInfo } from './item-context';
export { verifyAuditEvents } from './verify';
export { verifyAuditLog } from './verify-log';
export type { AuditKeyring, AuditProblem, AuditProblemCode, AuditVerification, VerifyOptions } from './verify';
export { formatAuditTimeline, queryAuditEvents } from './query';
export { queryAuditLog } from './query-log';
export type { AuditQuery, AuditTimeline, AuditTimelineChain } from './query';
export { parseAuditEventsText, parseKeyFile } from './parse';
export {
	WEBHOOK_SIGNATURE_HEADER,
	WEBHOOK_TIMESTAMP_HEADER,
	buildWebhookRequest,
	verifyWebhookSignature,
	webhookSigningInput,
} from './sinks/webhook';
export type { SinkRequest, WebhookVerification } from './sinks/webhook';
export { SPLUNK_HEC_EVENT_PATH, buildSplunkHecRequest, splunkTime } from './sinks/splunk-hec';
export type { SplunkHecOptions } from './sinks/splunk-hec';
export {
	OTLP_LOGS_PATH,
	buildOtlpLogsPayload,
	buildOtlpLogsRequest,
	severityFor,
	toAnyValue,
	toUnixNano,
} from './sinks/otlp-logs';
export type { OtlpAnyValue, OtlpKeyValue, OtlpLogRecord, OtlpLogsOptions, OtlpLogsRequest } from './sinks/otlp-logs';
export {
	MAX_EVENTS_PER_REQUEST,
	SINK_LABELS,
	batchEvents,
	buildSinkRequest,
	describeSink,
	parseSinkConfig,
	sinkRequestUrl,
} from './sinks/config';
export type { AuditSinkConfig, AuditSinkKind } from './sinks/config';
export {
	DEFAULT_RETRY_POLICY,
	backoffDelay,
	isRetryable,
	parseRetryAfter,
	planDelivery,
	retrySchedule,
} from './sinks/delivery';
export type { DeliveryDecision, DeliveryOutcome, RetryPolicy } from './sinks/delivery';
