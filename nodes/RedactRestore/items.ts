import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { GovernanceError, GovernanceErrorCode } from '../../lib/errors/governance-error';
import { parsePath, selectPath } from '../../lib/shared/path';
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

/**
 * Every field the listed paths reach in `root` (`*` expanded), each with its concrete path.
 * Throws when a path is invalid or reaches nothing: the answer does not have the shape the node was told.
 */
export function fieldsAt(root: IDataObject, paths: readonly string[]): Array<{ at: string[]; value: unknown }> {
	return paths.flatMap((path) => {
		const found = selectPath(root, parsePath(path));
		if (found.length === 0) {
			throw new GovernanceError(GovernanceErrorCode.InvalidInput, `Field "${path}" is not in the item.`, {
				hint: 'Check the path against the input data (see "Field paths" in the README: choices.0.message.content, messages.*.content, output["final answer"]).',
			});
		}
		return found;
	});
}

/** `json` without its `redaction` field (an earlier report and map are never scanned or rewritten). */
export function withoutReport(json: IDataObject): { rest: IDataObject; report: unknown } {
	const { redaction: report, ...rest } = json;
	return { rest, report };
}
