import { randomBytes } from 'node:crypto';
import type { INodeExecutionData } from 'n8n-workflow';
import { readGateConfig } from '../../../nodes/ApprovalGate/settings';

const CREDENTIALS = {
	profile: { environment: 'production', expectedBaseUrl: '', owner: 'owner@example.com', dataClassification: 'internal', signingSecret: randomBytes(32).toString('base64') },
	approvers: { approvers: 'alice@example.com', totpSecrets: '' },
};

function shown(paths: string, items: INodeExecutionData[]) {
	const params: Record<string, unknown> = { title: 'Refund', shownFields: paths };
	return readGateConfig((name, fallback) => (name in params ? params[name] : fallback), CREDENTIALS, items).settings.fields;
}

describe('Approval Gate: Fields to Show', () => {
	const order = { json: { amount: 90, lines: [{ sku: 'A-1' }], customer: { 'first name': 'Ann', 'vat, id': 'DE1' } } };

	test('when fields are listed in the path syntax then each one is shown with its value (a missing one shows no value)', () => {
		expect(shown('amount, lines[0].sku, lines.0.sku, customer["first name"], customer["vat, id"], missing.field', [order])).toEqual([
			{ label: 'amount', value: 90 },
			{ label: 'lines[0].sku', value: 'A-1' },
			{ label: 'lines.0.sku', value: 'A-1' },
			{ label: 'customer["first name"]', value: 'Ann' },
			{ label: 'customer["vat, id"]', value: 'DE1' },
			{ label: 'missing.field', value: undefined },
		]);
	});

	test.each([
		['customer.first name', /a space at character 15/],
		['lines.*.sku', /"\*" matches many values/],
	])('when a listed field is %p then reading the configuration fails saying what is wrong', (paths, why) => {
		expect(() => shown(paths, [order])).toThrow(why);
	});
});
