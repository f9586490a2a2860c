import type { IDataObject, INode, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { isGovernanceError } from '../../lib/errors/governance-error';

/**
 * A NodeOperationError whose message stays exactly ours. n8n replaces any message that merely contains a Node
 * error code (ECONNREFUSED, EPERM, …, matched case-insensitively anywhere, even inside a user's reason text)
 * with a generic sentence.
 */
export function nodeError(
	node: INode,
	message: string,
	options: { itemIndex?: number; description?: string } = {},
): NodeOperationError {
	const error = new NodeOperationError(node, message, options);
	error.message = message;
	return error;
}

/** The one place that turns lib/ errors into n8n errors: message = what and why, description = how to fix. */
export function toNodeError(node: INode, error: unknown, itemIndex?: number): NodeOperationError {
	if (error instanceof NodeOperationError) return error;
	if (isGovernanceError(error)) return nodeError(node, error.message, { itemIndex, description: error.hint });
	return new NodeOperationError(node, error as Error, { itemIndex });
}

/**
 * The item that replaces input item `index` under continueOnFail: it carries none of the input data. `error` is
 * set on the item so "Continue (using error output)" routes it to the error output instead of letting it flow
 * on to the governed step; n8n then reduces its json to `{ error }`. (An item with only `json.error` would stay
 * on the success output, or get the input item's fields merged back in on the error output.)
 */
export function errorItem(error: NodeOperationError, index: number, extra: IDataObject = {}): INodeExecutionData {
	return {
		json: { error: error.message, description: error.description ?? '', ...extra },
		error,
		pairedItem: { item: index },
	};
}
