/** Error codes a flag source can report (OpenFeature-style, plus transport failures). */
export type FlagErrorCode = 'SOURCE_UNREACHABLE' | 'PARSE_ERROR' | 'FLAG_NOT_FOUND' | 'TYPE_MISMATCH' | 'TIMEOUT' | 'HTTP_ERROR';

/** What a source says about one flag. `value: true` means the kill switch is ON (halt). */
export interface FlagResolution {
	value?: boolean;
	/** Human-readable reason from the source, when it has one. */
	reason?: string;
	errorCode?: FlagErrorCode;
	errorMessage?: string;
}

/** Evaluation context sent to sources that support targeting (OFREP). */
export type EvaluationContext = Readonly<Record<string, string | number | boolean | null | undefined>>;

/** A source of one flag (OpenFeature provider seam). `evaluate` must resolve, never reject. */
export interface FlagSource {
	/** Source kind shown in messages, e.g. "Unleash". */
	readonly name: string;
	/** The flag this source reads. */
	readonly flagKey: string;
	evaluate(context?: EvaluationContext): Promise<FlagResolution>;
}

/** HTTP request handed to the injected transport. */
export interface HttpRequest {
	url: string;
	method: 'GET' | 'POST';
	headers: Record<string, string>;
	body?: unknown;
	/** Deadline for the whole answer, body included (not an idle timeout): see `withDeadline`. */
	timeoutMs: number;
}

/** HTTP response from the injected transport. `body` is parsed JSON or raw text. Non-2xx must resolve, not throw. */
export interface HttpResponse {
	status: number;
	body: unknown | string;
}

/**
 * Injected HTTP transport (the node implements it with `this.helpers.httpRequest` under `withDeadline`). May throw on
 * network errors and on the deadline.
 */
export type FetchJson = (request: HttpRequest) => Promise<HttpResponse>;
