import type { ICredentialTestFunctions, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { webhookSigningSecretTest } from '../../../nodes/shared/webhook-signing-secret';
import { VerifyWebhookSignature } from '../../../nodes/VerifyWebhookSignature/VerifyWebhookSignature.node';
import { signWebhook } from '../../../lib/webhook-signature/verify';
import { executeContext } from '../helpers/execute-context';

const SECRET = 'github-webhook-secret-0123456789';
const lower = (h: Record<string, string>) => Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toLowerCase(), v]));

function request(body: string, headers: Record<string, string>): INodeExecutionData {
	return {
		json: { headers: { 'content-type': 'application/json', ...headers }, params: {}, query: {}, body: JSON.parse(body) },
		binary: { data: { data: Buffer.from(body).toString('base64'), mimeType: 'application/json' } },
	};
}
const signed = (body: string) => request(body, lower(signWebhook('github', SECRET, Buffer.from(body))));

function context(items: INodeExecutionData[], parameters: Record<string, unknown>, continueOnFail = false): IExecuteFunctions {
	const base = executeContext({ items, parameters, credentials: { secret: SECRET, previousSecret: '' }, continueOnFail });
	return Object.assign(Object.create(base), base, {
		helpers: {
			getBinaryDataBuffer: async (itemIndex: number, field: string) =>
				Buffer.from(items[itemIndex].binary?.[field]?.data ?? '', 'base64'),
		},
	}) as IExecuteFunctions;
}
const node = new VerifyWebhookSignature();

describe('Verify Webhook Signature node', () => {
	test('when the signature is valid then the item passes stamped { valid: true, preset } with pairedItem, and the input is not mutated', async () => {
		const items = [signed('{"a":1}'), signed('{"a":2}')];
		const snapshot = JSON.stringify(items);
		const [out] = await node.execute.call(context(items, { preset: 'github', onInvalid: 'stop' }));
		expect(out.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(out[1].json).toEqual({ ...items[1].json, signatureCheck: { valid: true, preset: 'github' } });
		expect(out[1].binary).toBe(items[1].binary);
		expect(JSON.stringify(items)).toBe(snapshot);
	});

	test('when the body was tampered with then the run stops with the preset and reason, and the fix in the description', async () => {
		const tampered = { ...signed('{"a":1}'), binary: signed('{"a":999}').binary };
		const error = await node.execute.call(context([tampered], { preset: 'github', onInvalid: 'stop' })).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as NodeOperationError).message).toBe(
			'Webhook signature rejected (GitHub preset): signature mismatch: "X-Hub-Signature-256" does not match the raw body signed with the credential\'s secret',
		);
		expect((error as NodeOperationError).description).toMatch(/Copy the secret again from the sender/);
	});

	test('when invalid requests are routed then they leave on the Invalid output with the reason', async () => {
		const items = [signed('{"ok":true}'), request('{"ok":false}', {})];
		const [verified, invalid] = await node.execute.call(context(items, { preset: 'github', onInvalid: 'route' }));
		expect(verified.map((i) => i.pairedItem)).toEqual([{ item: 0 }]);
		expect(invalid).toHaveLength(1);
		expect(invalid[0].pairedItem).toEqual({ item: 1 });
		expect(invalid[0].json.signatureCheck).toEqual({
			valid: false,
			preset: 'github',
			reason: 'missing-header',
			message: 'Webhook signature rejected (GitHub preset): missing header "X-Hub-Signature-256"',
		});
		expect(items[1].json).not.toHaveProperty('signatureCheck');
	});

	test('when the raw body is missing then the run stops even with routing on, and says how to turn it on', async () => {
		const { binary: _drop, ...noBinary } = signed('{"a":1}');
		const error = await node.execute.call(context([noBinary], { preset: 'github', onInvalid: 'route' })).catch((e: unknown) => e);
		expect((error as NodeOperationError).message).toBe(
			'GitHub signature cannot be checked: the raw request body is missing (no binary field "data")',
		);
		expect((error as NodeOperationError).description).toMatch(/open "Options", click "Add option", choose "Raw Body" and turn it on/);
	});

	test('when it fails under continueOnFail then error items carry none of the request', async () => {
		const items = [request('{"secret":"x"}', { 'x-hub-signature-256': `sha256=${'0'.repeat(64)}` })];
		const [out] = await node.execute.call(context(items, { preset: 'github', onInvalid: 'stop' }, true));
		expect(out).toHaveLength(1);
		expect(out[0].json).toEqual({ error: expect.stringMatching(/^Webhook signature rejected \(GitHub preset\): signature mismatch/), description: expect.any(String) });
		expect(out[0].pairedItem).toEqual({ item: 0 });
		expect(out[0].binary).toBeUndefined();
	});

	test('when the credential test sees a short secret then it says which field is wrong', async () => {
		const result = await webhookSigningSecretTest.call({} as ICredentialTestFunctions, {
			id: '1',
			name: 's',
			type: 'governanceWebhookSigningSecretApi',
			data: { secret: 'short', previousSecret: '' },
		});
		expect(result).toEqual({ status: 'Error', message: 'secret: The signing secret is shorter than 16 characters, so it can be guessed' });
		const ok = await webhookSigningSecretTest.call({} as ICredentialTestFunctions, { id: '1', name: 's', type: 'governanceWebhookSigningSecretApi', data: { secret: SECRET } });
		expect(ok.status).toBe('OK');
	});
});
