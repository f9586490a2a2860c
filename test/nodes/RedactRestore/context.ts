import { randomBytes } from 'node:crypto';
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { executeContext } from '../helpers/execute-context';

export const KEY = { keyId: '2026-11', secret: randomBytes(48).toString('base64'), previousKeyId: '', previousSecret: '' };
export const OTHER_KEY = { keyId: '2027-05', secret: randomBytes(48).toString('base64'), previousKeyId: '', previousSecret: '' };
export const PROFILE = {
	environment: 'production',
	expectedBaseUrl: '',
	owner: 'owner@example.com',
	dataClassification: 'confidential',
	signingSecret: randomBytes(48).toString('base64'),
};

/** One value of each planted entity; the tests check none of them survives redaction. */
export const PLANTED = {
	email: 'jane.doe@example.com',
	card: '4111 1111 1111 1111',
	iban: 'DE89 3704 0044 0532 0130 00',
	phone: '+44 20 7946 0958',
	ipv6: '2001:db8:85a3::8a2e:370:7334',
	aws: 'AKIAZ3MHQ7VX4WLKPR2D',
};
export const PLANTED_TEXT = `Mail ${PLANTED.email}, card ${PLANTED.card}, IBAN ${PLANTED.iban}, phone ${PLANTED.phone}, host ${PLANTED.ipv6}, key ${PLANTED.aws}.`;

/** An execute context for the Redact / Restore node, with the Redaction Key and Governance Profile credentials. */
export function redactContext(options: {
	items: INodeExecutionData[];
	parameters: Record<string, unknown>;
	key?: Record<string, unknown>;
	profile?: Record<string, unknown>;
	continueOnFail?: boolean;
	/** The execution's flow context (shared by the runs of one execution). */
	flow?: Record<string, unknown>;
}): IExecuteFunctions {
	const base = executeContext({ items: options.items, parameters: options.parameters, continueOnFail: options.continueOnFail });
	const flow = options.flow ?? {};
	const node = {
		...base.getNode(),
		name: 'Redact',
		type: 'n8n-nodes-governance.redactRestore',
		parameters: options.parameters,
		credentials: { governanceRedactionKeyApi: { id: 'k1', name: 'Redaction key' }, governanceProfileApi: { id: 'p1', name: 'Prod profile' } },
	};
	return {
		...base,
		getNode: () => node,
		getContext: () => flow,
		getCredentials: async (type: string) => {
			if (type === 'governanceRedactionKeyApi') return options.key ?? KEY;
			if (type === 'governanceProfileApi') return options.profile ?? PROFILE;
			throw new Error(`no credential ${type}`);
		},
	} as unknown as IExecuteFunctions;
}
