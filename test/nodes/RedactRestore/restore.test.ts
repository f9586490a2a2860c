import type { ICredentialTestFunctions, IDataObject, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { checkRedactionKey, redactionKeyTest } from '../../../nodes/RedactRestore/keys';
import { RedactRestore } from '../../../nodes/RedactRestore/RedactRestore.node';
import { KEY, OTHER_KEY, PLANTED, PLANTED_TEXT, redactContext } from './context';

const node = new RedactRestore();
type Options = Partial<Parameters<typeof redactContext>[0]>;
const run = async (items: INodeExecutionData[], parameters: Record<string, unknown>, more: Options = {}) =>
	await node.execute.call(redactContext({ items, parameters, ...more }));

/** Redacts PLANTED_TEXT, then plays the model: an answer that repeats the placeholders. */
async function redactedAnswer(more: Options = {}, parameters: Record<string, unknown> = {}) {
	const [[redacted]] = await run([{ json: { body: { text: PLANTED_TEXT } } }], { operation: 'redact', mode: 'redact', operator: 'token', keySource: 'redactionKey', ...parameters }, more);
	const prompt = (redacted.json.body as IDataObject).text as string;
	return { ...redacted.json, answer: `Model says: ${prompt}` } as IDataObject;
}

const restoreParams = (json: IDataObject, extra: Record<string, unknown> = {}) => ({
	operation: 'restore',
	keySource: 'redactionKey',
	restoreFields: 'answer',
	map: (json.redaction as IDataObject).map,
	...extra,
});

describe('Redact / Restore node: Restore operation', () => {
	test('when the answer repeats the placeholders then every original value is back, and the map is dropped', async () => {
		const json = await redactedAnswer();
		const [out] = await run([{ json }], restoreParams(json));
		expect(out[0].json.answer).toBe(`Model says: ${PLANTED_TEXT}`);
		expect(out[0].json.restoration).toEqual({ restored: 6, unmatched: [] });
		expect(out[0].json.redaction).not.toHaveProperty('map');
		expect(out[0].json.redaction).toHaveProperty('counts');
		// Only the listed field is restored; the redacted prompt stays redacted.
		expect(JSON.stringify(out[0].json.body)).not.toContain(PLANTED.email);
		expect(out[0].pairedItem).toEqual({ item: 0 });
		expect(json.redaction).toHaveProperty('map');
	});

	test('when the model mangles or invents placeholders then they stay as they are and are listed, never guessed', async () => {
		const json = await redactedAnswer();
		const answer = 'Write to <email_address_1> about <CREDIT_CARD_1> and <EMAIL_ADDRESS_9>.';
		const [out] = await run([{ json: { ...json, answer } }], restoreParams(json));
		expect(out[0].json.answer).toBe(`Write to <email_address_1> about ${PLANTED.card} and <EMAIL_ADDRESS_9>.`);
		const { unmatched } = out[0].json.restoration as { unmatched: string[] };
		expect(unmatched).toEqual(expect.arrayContaining(['<EMAIL_ADDRESS_1>', '<IBAN_CODE_1>', '<email_address_1>', '<EMAIL_ADDRESS_9>']));
		expect(unmatched).not.toContain('<CREDIT_CARD_1>');
	});

	test('when unknown placeholders must fail the item then they do', async () => {
		const json = await redactedAnswer();
		const error = await node.execute
			.call(redactContext({ items: [{ json: { ...json, answer: '<EMAIL_ADDRESS_9>' } }], parameters: restoreParams(json, { restoreOptions: { failOnUnknown: true } }) }))
			.catch((e: unknown) => e as NodeOperationError);
		expect((error as NodeOperationError).message).toBe('The answer holds 1 placeholder(s) the map does not know: <EMAIL_ADDRESS_9>');
	});

	test('when every string field is restored then the prompt comes back too', async () => {
		const json = await redactedAnswer();
		const [out] = await run([{ json }], restoreParams(json, { restoreFields: '' }));
		expect((out[0].json.body as IDataObject).text).toBe(PLANTED_TEXT);
	});

	test.each([
		// case, credential, map change, message
		['a wrong key', OTHER_KEY, (m: string) => m, /^The redaction map could not be decrypted with key "2027-05": wrong key, or the map was altered\. Nothing was restored\.$/],
		['a tampered map', KEY, (m: string) => m.replace(/\.([\w-])/, (_, c: string) => `.${c === 'A' ? 'B' : 'A'}`), /could not be decrypted with key "2026-11"/],
		['a malformed map', KEY, () => 'not-a-map', /^The redaction map is not usable: The redaction map is not in the v2/],
		['no map', KEY, () => '', /^The Map parameter is empty/],
		['the report instead of the map', KEY, () => ({ map: 'v1.a.b.c' }), /^The Map parameter must be the redaction\.map string, not an object\.$/],
	])('when restoring with %s then the item fails closed', async (_case, key, change: (m: string) => unknown, message) => {
		const json = await redactedAnswer();
		const params = restoreParams(json, { map: change((json.redaction as IDataObject).map as string) });
		const error = await node.execute.call(redactContext({ items: [{ json }], parameters: params, key })).catch((e: unknown) => e as NodeOperationError);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as NodeOperationError).message).toMatch(message);
	});

	test('when a wrong key fails under continueOnFail then the error item carries none of the data', async () => {
		const json = await redactedAnswer();
		const [out] = await run([{ json }], restoreParams(json), { key: OTHER_KEY, continueOnFail: true });
		expect(Object.keys(out[0].json)).toEqual(['error', 'description']);
		expect(out[0].json.description).toContain('The item says the map was made with key "2026-11"');
		expect(out[0].error).toBeInstanceOf(NodeOperationError);
		expect(out[0].pairedItem).toEqual({ item: 0 });
	});

	test('when the key was rotated then maps made with the previous key still open', async () => {
		const json = await redactedAnswer();
		const rotated = { ...OTHER_KEY, previousKeyId: KEY.keyId, previousSecret: KEY.secret };
		const [out] = await run([{ json }], restoreParams(json), { key: rotated });
		expect(out[0].json.answer).toBe(`Model says: ${PLANTED_TEXT}`);
	});

	test('when the Governance Profile is the key source on both sides then the round trip works', async () => {
		const json = await redactedAnswer({}, { keySource: 'governanceProfile' });
		const [out] = await run([{ json }], restoreParams(json, { keySource: 'governanceProfile' }));
		expect(out[0].json.answer).toBe(`Model says: ${PLANTED_TEXT}`);
		// A map made under the profile does not open with a Redaction Key, and the other way round.
		await expect(run([{ json }], restoreParams(json))).rejects.toThrow(/could not be decrypted/);
	});

	test("when two items of one run have their maps crossed then each fails closed, or leaves as an error item under continueOnFail", async () => {
		const texts = ['From A: mail alice@a.example', 'From B: mail bob@b.example'];
		const [redacted] = await run(texts.map((text) => ({ json: { text } })), { operation: 'redact', mode: 'redact', operator: 'token', keySource: 'redactionKey' });
		const [a, b] = redacted.map((item) => ({ answer: `Reply: ${item.json.text as string}`, map: (item.json.redaction as IDataObject).map as string }));
		// each answer with the other item's map
		for (const [answer, other] of [[a, b], [b, a]]) {
			const params = { operation: 'restore', keySource: 'redactionKey', restoreFields: 'answer', map: other.map };
			await expect(run([{ json: { answer: answer.answer } }], params)).rejects.toThrow(/^The map does not belong to this text: it holds <EMAIL_ADDRESS_[12]>, which Redact made for another item\. Nothing was restored\.$/);
			const [out] = await run([{ json: { answer: answer.answer } }], params, { continueOnFail: true });
			expect(out[0].json.error).toMatch(/^The map does not belong to this text/);
			expect(JSON.stringify(out)).not.toMatch(/alice@a\.example|bob@b\.example/);
		}
		const [own] = await run([{ json: { answer: b.answer } }], { operation: 'restore', keySource: 'redactionKey', restoreFields: 'answer', map: b.map });
		expect(own[0].json.answer).toBe('Reply: From B: mail bob@b.example');
	});

	test('when Redact runs twice in one execution (a loop) then the second run numbers on, and a map of one run refuses the text of the other', async () => {
		const flow = {};
		const redactParams = { operation: 'redact', mode: 'redact', operator: 'token', keySource: 'redactionKey' };
		const [[first]] = await run([{ json: { text: 'mail alice@a.example' } }], redactParams, { flow });
		const [[second]] = await run([{ json: { text: 'mail bob@b.example' } }], redactParams, { flow });
		expect([first.json.text, second.json.text]).toEqual(['mail <EMAIL_ADDRESS_1>', 'mail <EMAIL_ADDRESS_2>']);
		expect(JSON.stringify(flow)).not.toMatch(/alice|bob/);
		const restoreWith = (item: INodeExecutionData) => ({ operation: 'restore', keySource: 'redactionKey', restoreFields: 'text', map: (item.json.redaction as IDataObject).map });
		await expect(run([{ json: { text: first.json.text } }], restoreWith(second))).rejects.toThrow(/^The map does not belong to this text: it holds <EMAIL_ADDRESS_1>/);
		const [[back]] = await run([{ json: { text: second.json.text } }], restoreWith(second));
		expect(back.json.text).toBe('mail bob@b.example');
	});

	test('when the fields are listed in the path syntax (a wildcard, an index in brackets, a quoted key) then each one reached is restored', async () => {
		const json = await redactedAnswer();
		const said = json.answer as string;
		const answer = { choices: [{ text: said }, { text: said, note: said }], out: { 'final answer': said } };
		const [[out]] = await run([{ json: { ...json, answer } }], restoreParams(json, { restoreFields: 'answer.choices.*.text, answer.out["final answer"]' }));
		const back = out.json.answer as typeof answer;
		expect(back.choices.map((c) => c.text)).toEqual([`Model says: ${PLANTED_TEXT}`, `Model says: ${PLANTED_TEXT}`]);
		expect(back.out['final answer']).toBe(`Model says: ${PLANTED_TEXT}`);
		// a field no path reaches stays redacted
		expect(back.choices[1].note).toBe(said);
		const [[one]] = await run([{ json: { ...json, answer } }], restoreParams(json, { restoreFields: 'answer.choices[1].text' }));
		expect((one.json.answer as typeof answer).choices.map((c) => c.text)).toEqual([said, `Model says: ${PLANTED_TEXT}`]);
	});

	test('when a listed path is invalid then the item fails saying what is wrong and how to write it', async () => {
		const json = await redactedAnswer();
		const error = await run([{ json }], restoreParams(json, { restoreFields: 'answer..text' })).catch((e: unknown) => e as NodeOperationError);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as NodeOperationError).message).toBe('Path "answer..text" is invalid: two dots in a row at character 8.');
		expect((error as NodeOperationError).description).toMatch(/customer\["first name"\]/);
	});

	test('when the answer field is missing then the item fails naming the path', async () => {
		const json = await redactedAnswer();
		await expect(run([{ json }], restoreParams(json, { restoreFields: 'output' }))).rejects.toThrow('Field "output" is not in the item.');
		await expect(run([{ json: { ...json, answer: [] } }], restoreParams(json, { restoreFields: 'answer.*.text' }))).rejects.toThrow('Field "answer.*.text" is not in the item.');
	});

	test.each([
		// credential, problem fields
		[KEY, []],
		[{ keyId: '', secret: KEY.secret }, ['keyId']],
		[{ keyId: 'k1', secret: 'a'.repeat(64) }, ['secret']],
		[{ keyId: 'k1', secret: KEY.secret, previousSecret: OTHER_KEY.secret, previousKeyId: 'k1' }, ['previousKeyId']],
	])('when the Redaction Key is %j then the problems are %j', async (data, fields) => {
		expect(checkRedactionKey(data).map((p) => p.field)).toEqual(fields);
		const result = await redactionKeyTest.call({} as ICredentialTestFunctions, { id: '1', name: 'k', type: 'governanceRedactionKeyApi', data });
		expect(result.status).toBe(fields.length === 0 ? 'OK' : 'Error');
	});
});
