import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { AssertionViolation } from '../../lib/environment/assertion';
import { assertEnvironment, describeViolations } from '../../lib/environment/assertion';
import type { GovernanceProfile } from '../../lib/environment/profile';
import { errorItem, toNodeError } from '../shared/errors';
import { readGovernanceProfile } from '../shared/governance-profile';

/** The assertion is about the instance, not the items: it is decided once per run, from item 0's parameters. */
export async function executeEnvironmentAssertion(
	this: IExecuteFunctions,
): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const route = this.getNodeParameter('onMismatch', 0) === 'route';
	const stamp = this.getNodeParameter('stamp', 0) as boolean;

	let profile: GovernanceProfile;
	let profileName: string;
	let violations: AssertionViolation[] = [];
	try {
		({ profile, profileName } = await readGovernanceProfile(this));
		const custom = (this.getNodeParameter('customEnvironments', 0, '') as string).split(',');
		const result = assertEnvironment({
			profile,
			allowedEnvironments: [...(this.getNodeParameter('allowedEnvironments', 0) as string[]), ...custom],
			requireBaseUrlMatch: this.getNodeParameter('requireBaseUrlMatch', 0) as boolean,
			actualBaseUrl: this.getInstanceBaseUrl(),
			executionMode: this.getMode(),
			allowManualInProduction: this.getNodeParameter('allowManualInProduction', 0) as boolean,
		});
		if (!result.ok) violations = result.violations;
	} catch (error) {
		// No usable profile means no decision: fail closed, whatever "On Mismatch" says.
		return failAll.call(this, items, toNodeError(this.getNode(), error), route);
	}

	const governance: IDataObject = {
		environment: profile.environment,
		owner: profile.owner,
		profile: profileName,
		dataClassification: profile.dataClassification,
	};
	if (violations.length === 0) {
		const passed = items.map((item, index) => ({
			...item,
			json: stamp ? { ...item.json, governance } : item.json,
			pairedItem: { item: index },
		}));
		return route ? [passed, []] : [passed];
	}

	const error = new NodeOperationError(
		this.getNode(),
		`Environment assertion failed: ${describeViolations(violations)}`,
		{ description: violations.map((v) => v.hint).join(' ') },
	);
	if (!route) return failAll.call(this, items, error, false);
	const mismatched = items.map((item, index) => ({
		...item,
		json: { ...item.json, governance: { ...governance, violations: violations as unknown as IDataObject[] } },
		pairedItem: { item: index },
	}));
	return [[], mismatched];
}

/** Stops the run, or under "Continue (using error output)" emits error items that carry no input data. */
function failAll(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	error: NodeOperationError,
	route: boolean,
): INodeExecutionData[][] {
	if (!this.continueOnFail()) throw error;
	const errored = items.map((_, index) => errorItem(error, index));
	return route ? [[], errored] : [errored];
}
