import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { GovernanceError, GovernanceErrorCode } from '../../lib/errors/governance-error';
import { errorItem, toNodeError } from '../shared/errors';

/** The error item that replaces item `i` under continueOnFail (see errorItem): it carries no input data. */
function errorItemFor(context: IExecuteFunctions, error: unknown, i: number): INodeExecutionData {
	return errorItem(toNodeError(context.getNode(), error, i), i);
}

/** Rethrows as a NodeOperationError with the item index, unless continueOnFail turns it into an error item. */
export function failItem(context: IExecuteFunctions, error: unknown, i: number): INodeExecutionData {
	if (!context.continueOnFail()) {
		const nodeError = toNodeError(context.getNode(), error, i);
		if (nodeError instanceof NodeOperationError && nodeError.context.itemIndex === undefined) nodeError.context.itemIndex = i;
		throw nodeError;
	}
	return errorItemFor(context, error, i);
}

function isPlainObject(value: unknown): value is IDataObject {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function missing(path: string): GovernanceError {
	return new GovernanceError(GovernanceErrorCode.InvalidInput, `Field "${path}" is not in the item.`, {
		hint: 'Check the field path (dot-separated, array indexes as numbers, e.g. choices.0.message.content) against the input data.',
	});
}

/** The value at a dot-path ("message.content", "choices.0.text"); throws when a step is missing. */
export function getPath(root: IDataObject, path: string): unknown {
	let value: unknown = root;
	for (const key of path.split('.')) {
		if (Array.isArray(value) && /^\d+$/.test(key) && Number(key) < value.length) value = value[Number(key)];
		else if (isPlainObject(value) && Object.prototype.hasOwnProperty.call(value, key)) value = value[key];
		else throw missing(path);
	}
	return value;
}

/** A copy of `root` with `path` set to `value`; objects on the path are copied, nothing is mutated. */
export function setPath(root: IDataObject, path: string, value: unknown): IDataObject {
	const keys = path.split('.');
	const step = (node: unknown, k: number): unknown => {
		if (k === keys.length) return value;
		const key = keys[k];
		if (Array.isArray(node)) {
			const copy = node.slice();
			copy[Number(key)] = step(node[Number(key)], k + 1);
			return copy;
		}
		const object = node as IDataObject;
		return { ...object, [key]: step(object[key], k + 1) };
	};
	return step(root, 0) as IDataObject;
}

/** `json` without its `redaction` field (an earlier report and map are never scanned or rewritten). */
export function withoutReport(json: IDataObject): { rest: IDataObject; report: unknown } {
	const { redaction: report, ...rest } = json;
	return { rest, report };
}
