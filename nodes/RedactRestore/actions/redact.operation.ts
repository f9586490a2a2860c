import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { describeCounts } from '../../../lib/audit';
import { GovernanceError, GovernanceErrorCode } from '../../../lib/errors/governance-error';
import type { CustomPattern, RedactionReport } from '../../../lib/redaction';
import { customPatternRunsNatively, DEFAULT_MIN_SCORE, redactObject } from '../../../lib/redaction';
import { failItem, withoutReport } from '../items';
import { loadNumbering, saveNumbering } from '../numbers';
import type { KeySource, RedactionKeys } from '../keys';
import { readKeys } from '../keys';
import { ENTITY_OPTIONS, readRedactSettings, withKeys } from '../settings';

const showForRedact = { show: { operation: ['redact'] } };
const showForRedactMode = { show: { operation: ['redact'], mode: ['redact'] } };

const OPERATOR_OPTIONS = [
	{ name: 'Hash (HMAC Pseudonym)', value: 'hash', description: 'Stable one-way pseudonym &lt;EMAIL_ADDRESS_h:3fa9c1d2e4b5&gt;; needs a key' },
	{ name: 'Mask', value: 'mask', description: 'Keep the last characters: **** **** **** 1111' },
	{ name: 'Placeholder', value: 'placeholder', description: 'One-way typed placeholder &lt;EMAIL_ADDRESS_1&gt;' },
	{ name: 'Remove', value: 'remove', description: 'Delete the value' },
	{ name: 'Reversible Token', value: 'token', description: 'Placeholder &lt;EMAIL_ADDRESS_1&gt; whose original travels encrypted in the item, for Restore; needs a key' },
];

export const description: INodeProperties[] = [
	{
		displayName: 'Mode',
		name: 'mode',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Block', value: 'block', description: 'Fail the item when anything is found (the error names entity counts, never values)' },
			{ name: 'Detect and Route', value: 'detectRoute', description: 'Clean items to the Clean output; items with findings, unchanged plus a report, to Contains Sensitive Data' },
			{ name: 'Redact', value: 'redact', description: 'Replace what is found and attach a report (and the encrypted map for Restore)' },
		],
		default: 'redact',
		displayOptions: showForRedact,
	},
	{
		displayName: 'Fields',
		name: 'fieldScope',
		type: 'options',
		options: [
			{ name: 'All String Fields', value: 'all', description: 'Every string in the item, recursively (except an earlier "redaction" report)' },
			{ name: 'Listed Fields', value: 'paths', description: 'Only the paths you list, and everything below them' },
		],
		default: 'all',
		displayOptions: showForRedact,
	},
	{
		displayName: 'Fields to Redact',
		name: 'paths',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. body.text, messages.*.content',
		description: 'Comma-separated paths (body.text, items[0].note, customer["first name"]); "*" matches any key or array index',
		displayOptions: { show: { operation: ['redact'], fieldScope: ['paths'] } },
	},
	{
		displayName: 'Entities',
		name: 'entities',
		type: 'multiOptions',
		options: ENTITY_OPTIONS,
		default: [],
		description: 'What to look for. Leave empty for every default entity (all but Organization), including ones added in later versions.',
		displayOptions: showForRedact,
	},
	{
		displayName: 'Operator',
		name: 'operator',
		type: 'options',
		options: OPERATOR_OPTIONS,
		default: 'token',
		description: 'How each finding is replaced, unless an override below names its entity',
		displayOptions: showForRedactMode,
	},
	{
		displayName: 'Keep Last',
		name: 'keepLast',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 64 },
		default: 4,
		description: 'How many trailing letters or digits the mask leaves visible',
		displayOptions: { show: { operation: ['redact'], mode: ['redact'], operator: ['mask'] } },
	},
	{
		displayName: 'Operator Overrides',
		name: 'operatorOverrides',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Override',
		default: {},
		displayOptions: showForRedactMode,
		options: [
			{
				displayName: 'Override',
				name: 'overrides',
				values: [
					{
						displayName: 'Entity',
						name: 'entity',
						type: 'string',
						default: '',
						placeholder: 'e.g. CREDIT_CARD',
						description: 'A built-in entity name, a custom pattern entity or the deny list entity',
					},
					{ displayName: 'Operator', name: 'operator', type: 'options', options: OPERATOR_OPTIONS, default: 'mask' },
					{
						displayName: 'Keep Last',
						name: 'keepLast',
						type: 'number',
						default: 4,
						description: 'Mask only: how many trailing letters or digits stay visible',
					},
				],
			},
		],
	},
	{
		displayName: 'Key Source',
		name: 'keySource',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Governance Profile Signing Secret', value: 'governanceProfile', description: 'A key derived from the profile secret (no rotation)' },
			{ name: 'None', value: 'none', description: 'Only Placeholder, Mask and Remove can be used' },
			{ name: 'Redaction Key Credential', value: 'redactionKey', description: 'A dedicated key with a key ID, rotatable' },
		],
		default: 'redactionKey',
		description: 'The secret behind Reversible Token maps and Hash pseudonyms',
		displayOptions: showForRedactMode,
	},
	{
		displayName: 'Deny List',
		name: 'denyList',
		type: 'string',
		typeOptions: { rows: 2 },
		default: '',
		placeholder: 'e.g. Project Falcon, ACME-internal',
		description: 'Words or phrases (comma- or line-separated) always treated as sensitive; whole words, any case',
		displayOptions: showForRedact,
	},
	{
		displayName: 'Custom Patterns',
		name: 'customPatterns',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Pattern',
		default: {},
		description: "Your own regular expressions. Each runs in n8n's sandboxed regex engine and fails the item after 250 ms.",
		displayOptions: showForRedact,
		options: [
			{
				displayName: 'Pattern',
				name: 'patterns',
				values: [
					{ displayName: 'Entity', name: 'entity', type: 'string', default: '', placeholder: 'e.g. EMPLOYEE_ID', description: 'Upper-case name used in placeholders and reports' },
					{ displayName: 'Regular Expression', name: 'pattern', type: 'string', default: '', placeholder: 'e.g. EMP-\\d{6}', description: 'JavaScript syntax, without slashes' },
					{ displayName: 'Ignore Case', name: 'ignoreCase', type: 'boolean', default: false, description: 'Whether letters match in any case' },
				],
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: showForRedact,
		options: [
			{
				displayName: 'Also Redact Values',
				name: 'alsoRedact',
				type: 'string',
				default: '',
				placeholder: 'e.g. {{ [$json.customer.name, $json.customer.street] }}',
				description: 'Values known to be personal (a list, or one a line), redacted wherever they occur in the item, in any case and without diacritics; a name also by its parts. Letters-only values count as PERSON, others as KNOWN_VALUE.',
			},
			{ displayName: 'Deny List Entity', name: 'denyListEntity', type: 'string', default: 'DENY_LIST', description: 'Entity name for deny-list hits' },
			{ displayName: 'Mask Character', name: 'maskChar', type: 'string', default: '*', description: 'One character' },
			{
				displayName: 'Minimum Score',
				name: 'minScore',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 1, numberPrecision: 2 },
				default: DEFAULT_MIN_SCORE,
				description: 'Ignore findings the engine is less sure of (0-1). Valid values score 0.5-1, context words add 0.3; a value whose kind needs context words and has none near scores at most 0.25. 0 keeps those too.',
			},
		],
	},
];

/**
 * The report of one item; with custom patterns, how each ran: natively with the built-in rules, or in
 * n8n's sandboxed regex engine when it may take super-linear time (nested or overlapping repetition,
 * back-references).
 */
function report(r: RedactionReport, custom: readonly CustomPattern[] = []): IDataObject {
	const out: IDataObject = { counts: r.counts, fields: r.fields, ruleSetVersion: r.ruleSetVersion };
	if (custom.length > 0) out.customPatterns = custom.map((p) => ({ entity: p.entity, runs: customPatternRunsNatively(p) ? 'native' : 'sandboxed' }));
	return out;
}

function blocked(i: number, r: RedactionReport): GovernanceError {
	return new GovernanceError(GovernanceErrorCode.PolicyViolation, `Sensitive data found in item ${i}: ${describeCounts(r.counts)}`, {
		hint: `Block mode stops here; values are never shown. Found in: ${r.fields.join(', ')}. Remove the data upstream, or use Redact or Detect and Route mode.`,
	});
}

/**
 * Redact mode: a new item with the redacted fields and `redaction` = { counts, fields, ruleSetVersion,
 * keyId?, map? }. Detect and Route: clean items unchanged to output 0, others to output 1 with
 * `detection` (nothing was redacted, so it is not a redaction report). Block: clean items unchanged,
 * others fail. Fails closed: an item the engine cannot handle never passes in any form; when routed,
 * its error item leaves on output 1.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const route = this.getNodeParameter('mode', 0, 'redact') === 'detectRoute';
	const clean: INodeExecutionData[] = [];
	const flagged: INodeExecutionData[] = [];
	const keyCache = new Map<KeySource, RedactionKeys[]>();
	// one numbering for the execution: a map can only fill its own item's placeholders (see PlaceholderNumbering)
	const numbering = loadNumbering(this);
	for (const item of items) numbering.reserveIn(withoutReport(item.json).rest);
	const seals: Array<{ i: number; at: number; seal: () => void }> = [];

	for (let i = 0; i < items.length; i++) {
		const item = items[i];
		try {
			const settings = readRedactSettings(this, i);
			let key: RedactionKeys | undefined;
			if (settings.needsKeys) {
				let keys = keyCache.get(settings.keySource);
				if (!keys) keyCache.set(settings.keySource, (keys = await readKeys(this, settings.keySource)));
				key = keys[0];
			}
			const { rest } = withoutReport(item.json);
			const result = redactObject(rest, { ...withKeys(settings.options, key), numbering });
			const found = Object.keys(result.report.counts).length > 0;
			if (settings.mode === 'redact') {
				const redaction = report(result.report, settings.options.customPatterns);
				if (key) redaction.keyId = key.keyId;
				const { sealMap } = result;
				// sealed after the run: the map records the highest number the whole run issued
				if (sealMap) seals.push({ i, at: clean.length, seal: () => (redaction.map = sealMap()) });
				const out: INodeExecutionData = { json: { ...result.value, redaction }, pairedItem: { item: i } };
				if (item.binary) out.binary = item.binary;
				clean.push(out);
			} else if (!found) {
				clean.push({ ...item, json: item.json, pairedItem: { item: i } });
			} else if (settings.mode === 'block') {
				throw blocked(i, result.report);
			} else {
				flagged.push({ ...item, json: { ...item.json, detection: report(result.report, settings.options.customPatterns) }, pairedItem: { item: i } });
			}
		} catch (error) {
			// Routed, an item that could not be checked goes with the sensitive ones, away from the clean path.
			(route ? flagged : clean).push(failItem(this, error, i));
		}
	}
	saveNumbering(this, numbering);
	for (const { i, at, seal } of seals) {
		try {
			seal();
		} catch (error) {
			clean[at] = failItem(this, error, i);
		}
	}
	return route ? [clean, flagged] : [clean];
}
