import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { GovernanceError, GovernanceErrorCode, isGovernanceError } from '../../../lib/errors/governance-error';
import type { OpenedMap } from '../../../lib/redaction';
import { openEncryptedMap, restoreObject } from '../../../lib/redaction';
import { setPath, splitPathList } from '../../../lib/shared/path';
import { failItem, fieldsAt, withoutReport } from '../items';
import type { KeySource, RedactionKeys } from '../keys';
import { readKeys } from '../keys';

const showForRestore = { show: { operation: ['restore'] } };

export const description: INodeProperties[] = [
	{
		displayName: 'Fields to Restore',
		name: 'restoreFields',
		type: 'string',
		default: 'output',
		placeholder: 'e.g. output, choices.*.message.content',
		description:
			"Comma-separated paths of the model's answer (choices.0.message.content; * matches every index or key). Empty restores every string field.",
		displayOptions: showForRestore,
	},
	{
		displayName: 'Map',
		name: 'map',
		type: 'string',
		default: '={{ $json.redaction.map }}',
		description: 'The encrypted map the Redact operation attached to the item (redaction.map)',
		hint: "When the model node drops the item's other fields, point to the Redact node: {{ $('Redact').item.json.redaction.map }}",
		displayOptions: showForRestore,
	},
	{
		displayName: 'Key Source',
		name: 'keySource',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Governance Profile Signing Secret', value: 'governanceProfile' },
			{ name: 'Redaction Key Credential', value: 'redactionKey', description: 'Its previous key is tried too, during a rotation' },
		],
		default: 'redactionKey',
		description: 'The same source the Redact operation used',
		displayOptions: showForRestore,
	},
	{
		displayName: 'Options',
		name: 'restoreOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: showForRestore,
		options: [
			{
				displayName: 'Fail on Unknown Placeholders',
				name: 'failOnUnknown',
				type: 'boolean',
				default: false,
				description:
					'Whether the item fails when the answer holds placeholder-like tokens the map does not know (e.g. a model rewrote &lt;EMAIL_ADDRESS_1&gt; as &lt;email_address_1&gt;). Off: they stay as they are and are listed in restoration.unmatched.',
			},
			{
				displayName: 'Keep Map',
				name: 'keepMap',
				type: 'boolean',
				default: false,
				description: 'Whether redaction.map stays on the output item (off: it is dropped once used)',
			},
		],
	},
];

function noMap(): GovernanceError {
	return new GovernanceError(GovernanceErrorCode.InvalidInput, 'The Map parameter is empty: there is no redaction map to restore from.', {
		hint: "Point Map to the Redact output, e.g. {{ $('Redact').item.json.redaction.map }}, and use the Reversible Token operator there.",
	});
}

/** Opens the map with the current key, then the previous one; the error names the keys tried, never values. */
export function openMap(encrypted: string, keys: RedactionKeys[], recordedKeyId: unknown): OpenedMap {
	let lastError: unknown;
	for (const key of keys) {
		try {
			return openEncryptedMap(encrypted, key.mapSecret);
		} catch (error) {
			lastError = error;
		}
		// Only a failed authentication is worth another key; a malformed map is reported as it is.
		if (!isGovernanceError(lastError) || lastError.code !== GovernanceErrorCode.IntegrityFailure) break;
	}
	if (!isGovernanceError(lastError) || lastError.code !== GovernanceErrorCode.IntegrityFailure) {
		throw new GovernanceError(GovernanceErrorCode.InvalidInput, `The redaction map is not usable: ${(lastError as Error)?.message ?? 'unknown error'}`, {
			hint: isGovernanceError(lastError) ? lastError.hint : 'Pass the redaction.map string of the Redact output unchanged.',
			cause: lastError,
		});
	}
	const tried = keys.map((k) => `"${k.keyId}"`).join(' and ');
	const recorded = typeof recordedKeyId === 'string' && recordedKeyId !== '' ? ` The item says the map was made with key "${recordedKeyId}".` : '';
	throw new GovernanceError(
		GovernanceErrorCode.IntegrityFailure,
		`The redaction map could not be decrypted with key ${tried}: wrong key, or the map was altered. Nothing was restored.`,
		{
			hint: `Use the key source and credential the Redact operation used (during a rotation, put the old secret in Previous Secret), and pass the map unchanged.${recorded}`,
			cause: lastError,
		},
	);
}

function isObject(value: unknown): value is IDataObject {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Puts the original values back into the listed fields (or every string field) of each item, from the
 * encrypted map. Placeholders it cannot match are listed in `restoration.unmatched`, never guessed. A
 * missing map, a wrong key or an altered map fails the item (fail closed).
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const out: INodeExecutionData[] = [];
	const keyCache = new Map<KeySource, RedactionKeys[]>();

	for (let i = 0; i < items.length; i++) {
		const item = items[i];
		try {
			const source = this.getNodeParameter('keySource', i, 'redactionKey') as KeySource;
			let keys = keyCache.get(source);
			if (!keys) keyCache.set(source, (keys = await readKeys(this, source)));
			const encrypted = this.getNodeParameter('map', i, '') as unknown;
			if (encrypted === undefined || encrypted === null || encrypted === '') throw noMap();
			if (typeof encrypted !== 'string') {
				throw new GovernanceError(GovernanceErrorCode.InvalidInput, `The Map parameter must be the redaction.map string, not ${Array.isArray(encrypted) ? 'an array' : typeof encrypted === 'object' ? 'an object' : `a ${typeof encrypted}`}.`, {
					hint: "Point Map at the map itself, e.g. {{ $('Redact').item.json.redaction.map }}.",
				});
			}
			if (encrypted.trim() === '') throw noMap();
			const previous = item.json.redaction;
			const map = openMap(encrypted.trim(), keys, isObject(previous) ? previous.keyId : undefined);

			const options = this.getNodeParameter('restoreOptions', i, {}) as { failOnUnknown?: boolean; keepMap?: boolean };
			const paths = splitPathList(this.getNodeParameter('restoreFields', i, 'output'));
			let json: IDataObject;
			let result: { restored: number; unmatched: string[] };
			if (paths.length === 0) {
				const { rest } = withoutReport(item.json);
				const r = restoreObject(rest, map);
				json = previous === undefined ? r.value : { ...r.value, redaction: previous };
				result = r;
			} else {
				// One call over all listed fields, so "unmatched" is about the answer as a whole.
				const fields = fieldsAt(item.json, paths);
				const r = restoreObject(fields.map((f) => f.value), map);
				json = fields.reduce((acc, f, k) => setPath(acc, f.at, r.value[k]), item.json);
				result = r;
			}
			const notInMap = result.unmatched.filter((u) => !Object.prototype.hasOwnProperty.call(map.entries, u));
			if (options.failOnUnknown && notInMap.length > 0) {
				throw new GovernanceError(GovernanceErrorCode.PolicyViolation, `The answer holds ${notInMap.length} placeholder(s) the map does not know: ${notInMap.join(', ')}`, {
					hint: 'The model changed or invented placeholders. Ask it to copy placeholders exactly, or turn off "Fail on Unknown Placeholders" to keep them as they are.',
				});
			}
			if (isObject(json.redaction) && !options.keepMap && 'map' in json.redaction) {
				const kept = { ...json.redaction };
				delete kept.map;
				json = { ...json, redaction: kept };
			}
			const restoration: IDataObject = { restored: result.restored, unmatched: result.unmatched };
			const output: INodeExecutionData = { json: { ...json, restoration }, pairedItem: { item: i } };
			if (item.binary) output.binary = item.binary;
			out.push(output);
		} catch (error) {
			out.push(failItem(this, error, i));
		}
	}
	return [out];
}
