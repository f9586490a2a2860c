/** Stable, machine-readable codes for every error the engines raise. */
export enum GovernanceErrorCode {
	/** An input value cannot be used as given (wrong type, malformed, out of range). */
	InvalidInput = 'INVALID_INPUT',
	/** A configuration value (credential, node parameter) is missing or unusable. */
	InvalidConfiguration = 'INVALID_CONFIGURATION',
	/** A policy check ran and refused: the governed step must not proceed. */
	PolicyViolation = 'POLICY_VIOLATION',
	/** Cryptographic verification failed (signature, MAC, decryption). */
	IntegrityFailure = 'INTEGRITY_FAILURE',
	/** An external system (flag service, sink) could not be used. */
	SourceUnavailable = 'SOURCE_UNAVAILABLE',
}

/**
 * Base of every error raised by `lib/`. Messages say what failed; `hint` says how to fix it.
 * nodes/shared converts these into n8n's NodeOperationError, the only place that knows about n8n.
 */
export class GovernanceError extends Error {
	readonly code: GovernanceErrorCode;
	readonly hint?: string;
	readonly details?: Record<string, unknown>;

	constructor(
		code: GovernanceErrorCode,
		message: string,
		options: { hint?: string; cause?: unknown; details?: Record<string, unknown> } = {},
	) {
		super(message);
		this.name = 'GovernanceError';
		this.code = code;
		this.hint = options.hint;
		this.details = options.details;
		if (options.cause !== undefined) (this as { cause?: unknown }).cause = options.cause;
	}
}

export function isGovernanceError(error: unknown): error is GovernanceError {
	return error instanceof GovernanceError;
}
