/** Secrets: no secret outside the vault. Detection uses the pack's redaction engine (lib/redaction). */
import { BUILT_IN_ENTITIES, RULES, detect, isSecretEntity, normalizedView } from '../../../../lib/redaction';
import { requiredLiterals } from '../../../../lib/redaction/literals';
import type { Detection } from '../../../../lib/redaction';
import { AsciiGate } from './secret-gate';
import { isHttpRequest } from '../kinds';
import type { WorkflowNode } from '../workflow';
import { BASE, flow, http, manual, n, webhook } from './fixture-kit';
import type { RawFinding, Rule } from './rule';

const SECRET_ENTITIES = BUILT_IN_ENTITIES.filter(isSecretEntity);
const SECRET_RULES = RULES.filter((r) => isSecretEntity(r.entity));
const CREDENTIAL_NAME = /^(authorization|proxy-authorization|x-api-key|api[-_]?key|apikey|x-auth-token|auth[-_]?token|access[-_]?token|token|secret|client[-_]?secret|password|passwd|private[-_]?token)$/i;

/** A masked stand-in: the kind and length only, never a character of the secret. */
export const maskSecret = (entity: string, value: string) => `[masked ${entity}, ${value.length} chars]`;

/** Every string in a parameter tree with its path (parameters.a.b[0].c). */
export function* strings(value: unknown, path: string): Generator<[string, string]> {
	if (typeof value === 'string') yield [path, value];
	else if (Array.isArray(value)) for (let i = 0; i < value.length; i++) yield* strings(value[i], `${path}[${i}]`);
	else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) yield* strings(v, `${path}.${k}`);
}

/**
 * A text can only hold a secret the detectors report when it (or the normalised view the engine also reads) holds
 * one of the literals every match of a secret rule holds: derived from the rules' own patterns by the engine's
 * literal reader, so it follows the rule table. One pass over the lower-cased text instead of one per literal.
 */
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
const NEEDS = SECRET_RULES.map((r) => requiredLiterals(r.pattern));
/** Literals no other literal is part of: a text holds one of `all` exactly when it holds one of these. */
const minimal = (all: string[]) => all.filter((s) => !all.some((other) => other !== s && s.includes(other)));
/**
 * Every rule's literals, lower-cased, as one regex for the lower-cased text (a superset of what the engine needs);
 * only the minimal ones ('sk' covers 'sk-ant-'), which leaves the answer as it is and the regex shorter.
 */
const LITERALS = NEEDS.every((need) => need !== undefined) ? minimal([...new Set(NEEDS.flatMap((need) => need!.strs.map((s) => s.toLowerCase())))]) : undefined; // a rule without a known literal: every text is scanned
const ANY_LITERAL = LITERALS && new RegExp(LITERALS.map(escape).join('|'));
/** The same question for ASCII text, literals and view in one pass (see AsciiGate). */
const ASCII_GATE = LITERALS && AsciiGate.fits(LITERALS) ? new AsciiGate(LITERALS) : undefined;

/** Whether `detect` could report a secret in `text` (false only when it certainly reports none). */
export function maySecret(text: string): boolean {
	if (ANY_LITERAL === undefined) return true;
	const ascii = ASCII_GATE?.test(text);
	if (ascii !== undefined) return ascii;
	if (ANY_LITERAL.test(text.toLowerCase())) return true;
	return normalizedView(text) !== undefined; // the view may read a literal the text hides (escapes, fullwidth forms …)
}

/**
 * Short strings recur across a folder of exports (URLs, expressions, header names): their detections are kept,
 * keyed by the text (detection depends on nothing else here). Long texts (Code sources) are scanned each time.
 */
const MEMO_MAX_LENGTH = 1024;
const MEMO_MAX_ENTRIES = 100_000;
const memo = new Map<string, Detection[]>();
const NONE: Detection[] = [];

const scan = (text: string): Detection[] => (maySecret(text) ? detect(text, { entities: SECRET_ENTITIES }) : NONE);

function secretsIn(text: string): Detection[] {
	if (text.length > MEMO_MAX_LENGTH) return scan(text);
	let found = memo.get(text);
	if (found === undefined) {
		if (memo.size >= MEMO_MAX_ENTRIES) memo.clear();
		memo.set(text, (found = scan(text)));
	}
	return found;
}

/** A path as strings() spells it: parameters.a.b[0].c (a number is an array index). */
const spell = (root: string, steps: readonly (string | number)[]) => root + steps.map((s) => (typeof s === 'number' ? `[${s}]` : `.${s}`)).join('');

/**
 * One walk over a node's parameters for both checks: detected secrets in every string, and `{ name: 'Authorization',
 * value: 'Bearer abc' }` pairs (headers, query, body, Set fields) with a literal value under a credential name.
 * Paths are only spelled for what is reported. Findings come as before: every detection in walk order, then the
 * named literals whose value was not already reported.
 */
function hardCodedSecrets(node: WorkflowNode): RawFinding[] {
	const findings: RawFinding[] = [];
	const named: RawFinding[] = [];
	const steps: (string | number)[] = [];
	/** Paths already reported as holding a detected secret (the same text is not reported twice). */
	const flagged = new Set<string>();
	const walk = (value: unknown): void => {
		if (typeof value === 'string') {
			const found = secretsIn(value);
			if (found.length === 0) return;
			const path = spell('parameters', steps);
			flagged.add(path);
			for (const d of found) findings.push({ node: node.name, path, message: `A hard-coded secret sits in ${path}: ${maskSecret(d.entity, value.slice(d.start, d.end))}.` });
		} else if (Array.isArray(value)) {
			for (let i = 0; i < value.length; i++) {
				steps.push(i);
				walk(value[i]);
				steps.pop();
			}
		} else if (value && typeof value === 'object') {
			const o = value as Record<string, unknown>;
			const literal = o.value;
			if (typeof o.name === 'string' && typeof literal === 'string' && literal.trim() !== '' && !literal.startsWith('=') && CREDENTIAL_NAME.test(o.name.trim())) {
				const path = spell('parameters', [...steps, 'value']);
				named.push({ node: node.name, path, message: `"${o.name}" is set to a literal value in ${path}: ${maskSecret('CREDENTIAL_FIELD', literal)}.` });
			}
			for (const k of Object.keys(o)) {
				steps.push(k);
				walk(o[k]);
				steps.pop();
			}
		}
	};
	walk(node.parameters);
	for (const finding of named) if (!flagged.has(finding.path!)) findings.push(finding);
	return findings;
}

const GENERIC_AUTH = new Set(['httpHeaderAuth', 'httpQueryAuth', 'httpBearerAuth', 'httpCustomAuth']);

export const secretRules: Rule[] = [
	{
		id: 'GOV-SEC-001',
		section: 'Secrets',
		severity: 'error',
		title: 'Hard-coded secret in a node parameter',
		why: 'The checklist allows no secrets outside the vault; a key in a parameter travels with every export, template and git history.',
		fix: 'Move the value into an n8n credential (a Scoped API Key or Scoped Bearer Token credential for HTTP calls) and rotate the exposed key.',
		check: ({ workflow }) => workflow.nodes.flatMap(hardCodedSecrets), // sticky notes too: their text travels with the export
		fixtures: {
			triggers: [
				{ title: 'API key in a header', workflow: flow('Header key', [manual(), http('Call', 'https://api.example.com/x', { sendHeaders: true, headerParameters: { parameters: [{ name: 'X-API-Key', value: 'k3y-v4lue-f0r-t3st' }] } })], [['Manual', 'Call']]) },
				{ title: 'OpenAI key in Code', workflow: flow('Code key', [manual(), n('Code', `${BASE}code`, { jsCode: "const key = 'sk-proj-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcdefGHIJ';" })], [['Manual', 'Code']]) },
				{ title: 'credentials in a URL', workflow: flow('URL creds', [manual(), http('Call', 'https://admin:S3cr3tP4ssw0rd@db.example.com/api')], [['Manual', 'Call']]) },
			],
			passes: [{ title: 'header from an expression', workflow: flow('Expr', [manual(), http('Call', 'https://api.example.com/x', { headerParameters: { parameters: [{ name: 'Authorization', value: '={{ $json.token }}' }] } })], [['Manual', 'Call']]) }],
		},
	},
	{
		id: 'GOV-SEC-002',
		section: 'Secrets',
		severity: 'warning',
		title: 'Generic header/query/bearer credential where a Scoped credential fits',
		why: 'A generic credential is sent to whatever URL the node names, so an edited URL or expression leaks the key; the checklist wants credentials bound to their service.',
		fix: 'Use the Scoped API Key or Scoped Bearer Token credential of this pack: it is only attached to the hosts it lists.',
		check: ({ graph }) =>
			graph.nodes
				.filter((node) => isHttpRequest(node))
				.flatMap((node) => {
					const auth = node.parameters.genericAuthType;
					const generic = Object.keys(node.credentials ?? {}).find((c) => GENERIC_AUTH.has(c)) ?? (typeof auth === 'string' && GENERIC_AUTH.has(auth) ? auth : undefined);
					return generic ? [{ node: node.name, message: `Uses the generic ${generic} credential, which is sent to any URL the node is given.` }] : [];
				}),
		fixtures: {
			triggers: [{ title: 'httpHeaderAuth', workflow: flow('Generic', [manual(), http('Call', 'https://api.example.com', { authentication: 'genericCredentialType', genericAuthType: 'httpHeaderAuth' }, { credentials: { httpHeaderAuth: { id: '1', name: 'Key' } } })], [['Manual', 'Call']]) }],
			passes: [{ title: 'scoped credential', workflow: flow('Scoped', [webhook(), http('Call', 'https://api.example.com', { authentication: 'genericCredentialType', genericAuthType: 'governanceScopedApiKeyApi' }, { credentials: { governanceScopedApiKeyApi: { id: '1', name: 'Key' } } })], [['Webhook', 'Call']]) }],
		},
	},
];
