/** Shared types of the redaction engine. Pure data: no n8n, no runtime dependencies. */

/** Operator names. `token` is the reversible one: it records the value in an encrypted map. */
export type OperatorName = 'placeholder' | 'mask' | 'hash' | 'remove' | 'token';

/** Cheap pre-conditions the scanner checks before running a rule's pattern on a candidate window. */
export interface RuleTrigger {
	/** Minimum number of ASCII digits in the candidate window (default 0). */
	minDigits?: number;
	/**
	 * Maximum number of ASCII digits in the window. A window is one candidate entity (numeric groups
	 * joined by single spaces), so this is safe; leave it unset for rules that may sit in long tokens.
	 */
	maxDigits?: number;
	/** At least one of these characters must occur in the window ('@', ':', '.', '-', '/', '=', '_', '+', '('). */
	anyChar?: string;
	/** Minimum number of ASCII letters in the window. */
	minLetters?: number;
	/** The window must hold '://' or 'www.'. */
	scheme?: boolean;
	/** The window must hold a token with at least two ':'. */
	twoColons?: boolean;
	/** Minimum window length in UTF-16 units. */
	minLength?: number;
	/**
	 * Literal strings searched for in the whole text (with indexOf) instead of relying on
	 * candidate windows: the pattern then runs anchored at each occurrence. For multi-line entities (PEM).
	 */
	literals?: string[];
	/**
	 * A literal that every accepted match holds after the one of `literals` it starts with
	 * ('-----END '): once the text past a hit has none, no later hit can match and the search stops.
	 */
	literalAfter?: string;
	/**
	 * Shapes an accepted match can start with (see lead.ts). A match starts at the window start or
	 * after a character that is not an ASCII letter/digit; there the maximal run of ASCII letters and
	 * digits has a kind and a length: `d` digits only, `a` letters only, `m` both, `w` any of them,
	 * then `n`, `n-m` or `n-` (n or more): 'd12-19', 'm15-34', 'w1-4'. Set it only when the pattern's
	 * lookbehind rejects a preceding ASCII letter/digit; the rule then runs only at such positions.
	 * A wrong shape silently loses matches: each row's shapes are checked against its pattern by tests.
	 */
	lead?: string[];
	/**
	 * Runs one of which every accepted match holds, in lead-shape syntax without following
	 * characters ('d3-': a run of three or more digits): a long window without one is not walked for
	 * the rule (a storm of its leads without the body its pattern needs). Checked by the lead tests.
	 */
	needsRun?: string[];
	/** Literal (case-sensitive) starts of an accepted match, e.g. 'xox', '+'; combined with `lead`. */
	leadText?: string[];
	/**
	 * Cheap necessary condition for an accepted match starting at offset `at` of `text` (the whole
	 * text; the match itself lies in a window of it), checked before the pattern runs there: false
	 * skips the position. It must never return false where the rule would accept a match, and it
	 * must not look before `at`. Used to reject hostile runs of look-alikes in O(1).
	 */
	precheck?: (text: string, at: number) => boolean;
	/**
	 * The precheck as a search: the first offset q in [from, end) where `precheck(text, q)` holds,
	 * passing offsets right after an ASCII letter/digit (no lead starts there), or -1. The dispatch
	 * then passes a hostile run of look-alikes in one tight loop, and drops the rule from the window
	 * at -1, instead of trying every lead position. Tested against the precheck.
	 */
	precheckSeek?: (text: string, from: number, end: number) => number;
}

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
	/** When true the rule only reports a match with one of `keywords` nearby. */
	requiresContext?: boolean;
	/** Structural or checksum validator; receives the matched (or grouped) text. */
	validate?: (match: string) => boolean;
	/**
	 * Optional refinement: returns the length of the valid prefix of the match (0 < n <= match.length),
	 * or -1 when no prefix is valid. Used where a greedy pattern may swallow a following group.
	 */
	refine?: (match: string) => number;
	/** Base confidence in [0, 1]; context words add CONTEXT_BOOST. */
	score: number;
	defaultOperator: OperatorName;
	trigger?: RuleTrigger;
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
	/** Matcher for `customPatterns`; default runs the RegExp directly. */
	matcher?: PatternMatcher;
	/** Drop detections below this score (default 0). */
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
