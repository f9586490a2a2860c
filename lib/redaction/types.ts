/** Shared types of the redaction engine. Pure data: no n8n, no runtime dependencies. */

/** Operator names. `token` is the reversible one: it records the value in an encrypted map. */
export type OperatorName = 'placeholder' | 'mask' | 'hash' | 'remove' | 'token';

/** One row of the detection table. */
export interface RedactionRule {
	/** Unique kebab-case id, e.g. `credit-card-grouped`. */
	id: string;
	/** Presidio entity name, e.g. `CREDIT_CARD`, or `SECRET_<KIND>`. */
	entity: string;
	description: string;
	/** Global (`g`) pattern, linear-time by construction: bounded repetitions, a leading lookbehind. */
	pattern: RegExp;
	/** When set, the detection covers only this capture group, which must end the match. */
	group?: number;
	/** Lowercase context words searched for near the match. */
	keywords?: string[];
	/**
	 * When true the shape alone is ambiguous: a match with none of `keywords` nearby is reported
	 * with a weak score (score × NO_CONTEXT_FACTOR, at most 0.25), below the node's default Minimum Score.
	 */
	requiresContext?: boolean;
	/** Structural or checksum validator; receives the matched (or grouped) text. */
	validate?: (match: string) => boolean;
	/**
	 * Optional refinement: returns the length of the valid prefix of the match (0 < n <= match.length),
	 * or -1 when no prefix is valid. Used where a greedy pattern may swallow a following group.
	 */
	refine?: (match: string) => number;
	/** Confidence in [0, 1] of a valid match (with its context words when it requires them); context words near a rule that does not require them add CONTEXT_BOOST. */
	score: number;
	defaultOperator: OperatorName;
	samples: { positive: string[]; negative: string[] };
}

export interface Detection {
	entity: string;
	/** UTF-16 offset, inclusive. */
	start: number;
	/** UTF-16 offset, exclusive. */
	end: number;
	score?: number;
	/** Id of the rule that found it (`deny-list`, `custom:<entity>` for user-supplied ones). */
	ruleId?: string;
}

/** A user-supplied regular expression. */
export interface CustomPattern {
	entity: string;
	/** Pattern source or a RegExp. Strings are compiled with the `g` flag (plus `flags`). */
	pattern: string | RegExp;
	flags?: string;
	score?: number;
}

/**
 * Runs a user-supplied pattern over text and returns match spans. The n8n node injects a
 * matcher built on n8n-workflow's safe-regex support, because users can write catastrophic patterns.
 */
export type PatternMatcher = (pattern: RegExp, text: string) => Array<{ start: number; end: number }>;

export interface DetectOptions {
	/** Entities to detect; default: every built-in entity. */
	entities?: string[];
	/** Terms detected whole-word, case-insensitively, as entity `denyListEntity` (default `DENY_LIST`). */
	denyList?: string[];
	denyListEntity?: string;
	customPatterns?: CustomPattern[];
	/**
	 * Matcher for the custom patterns that may take super-linear time (see linear.ts); the others
	 * run natively with the built-in rules. Without a matcher every custom pattern runs natively.
	 */
	matcher?: PatternMatcher;
	/** Drop detections below this score (default 0: every candidate, weak ones too; the node uses DEFAULT_MIN_SCORE). */
	minScore?: number;
	/** Known values (a customer's name, street), found wherever they occur with case, diacritic and name-part variants. */
	alsoRedact?: string[];
}

export interface OperatorConfig {
	type: OperatorName;
	/** mask: how many trailing characters stay visible (default 4). */
	keep?: number;
	/** mask: the masking character (default `*`). */
	char?: string;
}

export interface RedactOptions extends DetectOptions {
	/** Operator for every entity (overrides each rule's default). */
	operator?: OperatorName | OperatorConfig;
	/** Operator per entity; wins over `operator`. */
	operators?: Record<string, OperatorName | OperatorConfig>;
	/** Key of the `hash` operator (HMAC-SHA256). Required when any entity uses `hash`. */
	hmacKey?: string | Uint8Array;
	/** Secret from which the map key is derived. Required when any entity uses `token`. */
	secret?: string | Uint8Array;
}

export interface RedactionReport {
	counts: Record<string, number>;
	/** Dot-paths (object helper) of the fields that held at least one detection. */
	fields: string[];
	ruleSetVersion: string;
}

export interface RedactResult {
	text: string;
	detections: Detection[];
	report: RedactionReport;
	/** `v1.<iv>.<ciphertext>.<tag>` (base64url): the encrypted placeholder→value map, when `token` was used. */
	encryptedMap?: string;
}

export interface RestoreResult {
	text: string;
	/** Number of placeholders replaced by their original value. */
	restored: number;
	/** Placeholders of the map missing from the text, and placeholder-shaped tokens of the text missing from the map. */
	unmatched: string[];
}
