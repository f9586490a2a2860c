import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { isGovernanceError } from '../../lib/errors/governance-error';

/** The one place that turns lib/ errors into n8n errors: message = what and why, description = how to fix. */
export function toNodeError(node: INode, error: unknown, itemIndex?: number): NodeOperationError {
	if (error instanceof NodeOperationError) return error;
	if (isGovernanceError(error)) {
		return new NodeOperationError(node, error.message, { itemIndex, description: error.hint });
	}
	return new NodeOperationError(node, error as Error, { itemIndex });
}
