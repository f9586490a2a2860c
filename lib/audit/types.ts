import type { JsonValue } from './canonical-json';

/** CloudEvents `type` of an ordinary audit event. */
export const AUDIT_EVENT_TYPE = 'io.n8n.governance.audit.recorded';
/** CloudEvents `type` of the event that closes a chain; its `data.count` is the number of events before it. */
export const AUDIT_CHAIN_CLOSED_TYPE = 'io.n8n.governance.audit.chain.closed';

/** Action presets; `action` is free text, these are the names the nodes use. */
export const AuditActions = {
	DataSentToModel: 'data.sent_to_model',
	ApprovalDecided: 'approval.decided',
	ExecutionsStopped: 'executions.stopped',
	RecordChanged: 'record.changed',
	WorkflowStarted: 'workflow.started',
	WorkflowCompleted: 'workflow.completed',
	ChainClosed: 'audit.chain.closed',
} as const;

/** Outcome presets; `outcome` is free text. */
export const AuditOutcomes = {
	Success: 'success',
	Failure: 'failure',
	Denied: 'denied',
	Approved: 'approved',
	Rejected: 'rejected',
	Pending: 'pending',
} as const;

export type AuditActorType = 'user' | 'webhook' | 'schedule' | 'system' | 'service' | 'model' | (string & {});

export interface AuditActor {
	type: AuditActorType;
	/** Who acted, as something vouches for it (see `verifiedBy`) or as the workflow states it. */
	id?: string;
	name?: string;
	/**
	 * What vouches for `id`: `approval-gate` (a decision the gate signed for this run), `webhook-jwt` (a JWT
	 * the Webhook node verified), `webhook-signature` (a signature Verify Webhook Signature checked), `n8n`
	 * (the n8n user of a manual run). Absent: nothing checked the identity.
	 */
	verifiedBy?: string;
	/** Identity the caller supplied about itself (e.g. an X-Forwarded-For address): a claim, not a fact. */
	claimed?: { id: string; source: string };
}

export interface AuditTarget {
	type: string;
	id?: string;
	name?: string;
}

export interface AuditWorkflowRef {
	id: string;
	name?: string;
	versionId?: string;
}

export interface AuditExecutionRef {
	id: string;
	mode?: string;
}

export interface AuditNodeRef {
	name: string;
	type?: string;
}

/** One policy check and what it did, e.g. `{ policy: 'redaction', result: 'applied', detail: '3 EMAIL_ADDRESS' }`. */
export interface PolicyEvaluation {
	policy: string;
	result: string;
	detail?: string;
}

/** The Governance Profile fields copied into events (a full GovernanceProfile fits; its secrets are not read). */
export interface AuditProfileFields {
	environment?: string;
	owner?: string;
	dataClassification?: string;
}

/** What the sanitiser did to this event: how many values it masked and where (paths, never values). */
export interface AuditSanitizedReport {
	secretsMasked: number;
	paths: string[];
}

/** The `data` of an audit event. */
export interface AuditEventData {
	action: string;
	outcome: string;
	actor: AuditActor;
	target?: AuditTarget;
	environment?: string;
	owner?: string;
	dataClassification?: string;
	workflow?: AuditWorkflowRef;
	execution?: AuditExecutionRef;
	node?: AuditNodeRef;
	/** W3C trace id (32 lowercase hex) shared by every event of the execution. */
	correlationId: string;
	policies?: PolicyEvaluation[];
	custom?: { [key: string]: JsonValue };
	sanitized?: AuditSanitizedReport;
	/** Closing events only: number of events in the chain before the closing one. */
	count?: number;
}

/**
 * A signed audit event: a CloudEvents 1.0 JSON envelope. Integrity fields are CloudEvents
 * extension attributes: `chainid`, `seq`, `prevhash`, `keyid`, `sig`.
 */
export interface AuditEvent {
	specversion: '1.0';
	id: string;
	source: string;
	type: string;
	time: string;
	subject?: string;
	datacontenttype: 'application/json';
	/** W3C Trace Context `traceparent` (Distributed Tracing extension). */
	traceparent: string;
	chainid: string;
	seq: number;
	prevhash: string;
	keyid: string;
	sig: string;
	data: AuditEventData;
}

/** What a caller supplies for one event; the chain adds envelope and integrity fields. */
export interface AuditEventInput {
	action: string;
	outcome: string;
	actor: AuditActor;
	target?: AuditTarget;
	profile?: AuditProfileFields;
	workflow?: AuditWorkflowRef;
	execution?: AuditExecutionRef;
	node?: AuditNodeRef;
	/** Incoming `traceparent` header value; reused when valid, else a trace id is derived. */
	traceparent?: string;
	policies?: PolicyEvaluation[];
	custom?: Record<string, unknown>;
	/** Overrides for deterministic output (tests, replays). */
	id?: string;
	time?: string | Date;
	source?: string;
	subject?: string;
	/** Span id (16 hex) for this event's `traceparent`; random when absent. */
	spanId?: string;
}
