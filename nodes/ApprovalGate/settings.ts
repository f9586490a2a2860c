import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import type { ApproverRoster, GateSettings } from '../../lib/approval/gate';
import { parseApproverRoster, previousApprovers } from '../../lib/approval/gate';
import { parseProfile } from '../../lib/environment/profile';
import { parseSinglePath, readPath, splitPathList } from '../../lib/shared/path';

/** Reads a parameter of the gate; execute() and webhook() read them differently. */
export type ParameterReader = (name: string, fallback: unknown) => unknown;

export const APPROVERS_CREDENTIAL = 'governanceApproversApi';

const UNIT_MS: Record<string, number> = { seconds: 1000, minutes: 60000, hours: 3600000, days: 86400000 };

/** The fields shown to approvers: each listed path, for each item. */
function shownFields(paths: string, items: INodeExecutionData[]): GateSettings['fields'] {
	const list = splitPathList(paths).map((p) => ({ path: p, steps: parseSinglePath(p) }));
	const fields: GateSettings['fields'] = [];
	items.forEach((item, index) => {
		for (const { path, steps } of list) {
			fields.push({ label: items.length > 1 ? `${path} (item ${index + 1})` : path, value: readPath(item.json, steps).value });
		}
	});
	return fields;
}

export interface GateConfig {
	settings: GateSettings;
	roster: ApproverRoster;
	secret: string;
	ttlMs: number;
	options: IDataObject;
}

/** Everything a gate needs, from its parameters, credentials and input items. Throws GovernanceError. */
export function readGateConfig(
	param: ParameterReader,
	credentials: { profile: IDataObject; approvers: IDataObject },
	items: INodeExecutionData[],
): GateConfig {
	const profile = parseProfile(credentials.profile as Record<string, unknown>);
	const roster = parseApproverRoster(
		String(credentials.approvers.approvers ?? ''),
		String(credentials.approvers.totpSecrets ?? ''),
	);
	const settings: GateSettings = {
		title: String(param('title', '')),
		riskNote: String(param('riskNote', '')),
		summary: String(param('summary', '')),
		requestedBy: String(param('requestedBy', '')),
		fields: shownFields(String(param('shownFields', '')), items),
		approvers: roster.approvers,
		allowAnyone: param('allowAnyone', false) === true,
		requireTotp: param('requireTotp', false) === true,
		excludeApprovers: param('excludePreviousApprovers', false) === true ? previousApprovers(items) : [],
	};
	const ttlMs = Number(param('expiresAfter', 60)) * (UNIT_MS[String(param('expiryUnit', 'minutes'))] ?? 60000);
	return { settings, roster, secret: profile.signingSecret, ttlMs, options: param('options', {}) as IDataObject };
}
