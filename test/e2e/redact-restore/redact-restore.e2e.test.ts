import { e2e, nodeOutput, nodeRan, rest } from '../harness/client';
import { noOp } from '../harness/nodes';
import { createProfile } from '../harness/profiles';
import {
	PLANTED,
	PLANTED_TEXT,
	createRedactionKey,
	executionTimeMs,
	link,
	modelNode,
	plantedIn,
	redactNode,
	storedFor,
	webhookWorkflow,
} from './workflow';

const ECHO = "return $input.all().map(i => ({ json: { ...i.json, answer: 'Model says: ' + i.json.body.text } }));";
const REVERSIBLE = { operation: 'redact', mode: 'redact', operator: 'token', keySource: 'redactionKey' };
const RESTORE = { operation: 'restore', keySource: 'redactionKey', restoreFields: 'answer' };
const log = (line: string) => process.stderr.write(`[redact-restore] ${line}\n`);

describe('Redact / Restore in a real n8n', () => {
	test('when n8n loads the pack then the node and the Redaction Key credential are listed, the credential only for our nodes', async () => {
		const nodes = (await rest('GET', '/types/nodes.json')).json as Array<{ name: string; displayName: string; outputs: unknown }>;
		expect(nodes.find((n) => n.name === 'n8n-nodes-governance.redactRestore')?.displayName).toBe('Redact / Restore');
		const credentials = (await rest('GET', '/types/credentials.json')).json as Array<{ name: string; supportedNodes?: string[] }>;
		expect(credentials.find((c) => c.name === 'governanceRedactionKeyApi')?.supportedNodes).toEqual(['n8n-nodes-governance.redactRestore']);
	});

	test('when Webhook → Redact (reversible) → model → Restore runs then the answer holds the originals and the stored Redact output none of them', async () => {
		const key = await createRedactionKey();
		const wf = await webhookWorkflow(
			'rr',
			[redactNode('Redact', REVERSIBLE, key), modelNode('Model', ECHO), redactNode('Restore', RESTORE, key)],
			{ Redact: { main: [[link('Model')]] }, Model: { main: [[link('Restore')]] } },
		);
		const { response, execution, roundTripMs } = await wf.run({ text: PLANTED_TEXT });
		expect(response.status).toBe(200);
		expect(response.json[0].answer).toBe(`Model says: ${PLANTED_TEXT}`);
		expect(execution.status).toBe('success');

		const [[redacted]] = nodeOutput(execution, 'Redact');
		expect(redacted.body.text).toMatch(/^Please refund <EMAIL_ADDRESS_1>: card <CREDIT_CARD_1>, IBAN <IBAN_CODE_1>, phone <PHONE_NUMBER_1>, seen from <IP_ADDRESS_\d+>, leaked key <SECRET_AWS_ACCESS_KEY_1>\.$/);
		expect(redacted.redaction).toMatchObject({
			counts: expect.objectContaining({ EMAIL_ADDRESS: 1, CREDIT_CARD: 1, IBAN_CODE: 1, PHONE_NUMBER: 1, SECRET_AWS_ACCESS_KEY: 1 }),
			fields: expect.arrayContaining(['body.text']),
			keyId: key.keyId,
			map: expect.stringMatching(/^v2\./),
		});
		expect(plantedIn(storedFor(execution, 'Redact'))).toEqual([]);
		// Map entries the answer does not repeat are listed, e.g. the loopback address from the request headers.
		for (const placeholder of response.json[0].restoration.unmatched) expect(redacted.body.text).not.toContain(placeholder);
		// The model saw only placeholders, and n8n stored nothing else for it.
		expect(plantedIn(storedFor(execution, 'Model'))).toEqual([]);
		log(`round trip webhook → Redact → Code → Restore → response: ${roundTripMs} ms; Redact ${executionTimeMs(execution, 'Redact')} ms, Restore ${executionTimeMs(execution, 'Restore')} ms`);
	});

	test('when the model drops every other field then Restore reads the map from the Redact node through pairedItem', async () => {
		const key = await createRedactionKey();
		const dropAll = "return $input.all().map(i => ({ json: { answer: 'Model says: ' + i.json.body.text } }));";
		const wf = await webhookWorkflow(
			'rr-paired',
			[redactNode('Redact', { ...REVERSIBLE, fieldScope: 'paths', paths: 'body.text' }, key), modelNode('Model', dropAll), redactNode('Restore', { ...RESTORE, map: "={{ $('Redact').item.json.redaction.map }}" }, key)],
			{ Redact: { main: [[link('Model')]] }, Model: { main: [[link('Restore')]] } },
		);
		const { response } = await wf.run({ text: PLANTED_TEXT });
		expect(response.json).toEqual([{ answer: `Model says: ${PLANTED_TEXT}`, restoration: { restored: 6, unmatched: [] } }]);
	});

	test('when the model drops the map and Map keeps its default then Restore fails the item, naming the problem', async () => {
		const key = await createRedactionKey();
		const dropAll = "return $input.all().map(i => ({ json: { answer: 'Model says: ' + i.json.body.text } }));";
		const wf = await webhookWorkflow(
			'rr-nomap',
			[redactNode('Redact', REVERSIBLE, key), modelNode('Model', dropAll), redactNode('Restore', RESTORE, key)],
			{ Redact: { main: [[link('Model')]] }, Model: { main: [[link('Restore')]] } },
		);
		const { execution } = await wf.run({ text: PLANTED_TEXT });
		expect(execution.status).toBe('error');
		const error = execution.data?.resultData.error;
		// n8n evaluates {{ $json.redaction.map }} to nothing here (no expression error), so the node's own check answers.
		expect(error?.message).toBe('The Map parameter is empty: there is no redaction map to restore from.');
		expect(error?.description).toBe("Point Map to the Redact output, e.g. {{ $('Redact').item.json.redaction.map }}, and use the Reversible Token operator there.");
		expect(error?.node?.name).toBe('Restore');
		expect(plantedIn(storedFor(execution, 'Restore'))).toEqual([]);
	});

	test('when Restore uses another key then it fails closed: the run stops at Restore and nothing after it runs', async () => {
		const [key, wrong] = [await createRedactionKey('good-key'), await createRedactionKey('wrong-key')];
		const wf = await webhookWorkflow(
			'rr-wrong',
			[redactNode('Redact', REVERSIBLE, key), modelNode('Model', ECHO), redactNode('Restore', RESTORE, wrong), noOp('After Restore')],
			{ Redact: { main: [[link('Model')]] }, Model: { main: [[link('Restore')]] }, Restore: { main: [[link('After Restore')]] } },
		);
		const { response, execution } = await wf.run({ text: PLANTED_TEXT });
		expect(response.status).toBeGreaterThanOrEqual(500);
		expect(execution.status).toBe('error');
		expect(execution.data?.resultData.error?.message).toBe(
			'The redaction map could not be decrypted with key "wrong-key": wrong key, or the map was altered. Nothing was restored.',
		);
		expect(execution.data?.resultData.error?.description).toContain('The item says the map was made with key "good-key"');
		expect(nodeRan(execution, 'After Restore')).toBe(false);
		expect(plantedIn(response.text)).toEqual([]);
	});

	test('when Block mode finds sensitive data then the run stops naming entity counts, never the values', async () => {
		const wf = await webhookWorkflow('rr-block', [redactNode('Block', { operation: 'redact', mode: 'block', fieldScope: 'paths', paths: 'body' }), noOp('After Block')], {
			Block: { main: [[link('After Block')]] },
		});
		const { response, execution } = await wf.run({ text: PLANTED_TEXT });
		expect(response.status).toBeGreaterThanOrEqual(500);
		expect(execution.status).toBe('error');
		const error = execution.data?.resultData.error;
		expect(error?.message).toBe('Sensitive data found in item 0: 1 CREDIT_CARD, 1 EMAIL_ADDRESS, 1 IBAN_CODE, 1 IP_ADDRESS, 1 PHONE_NUMBER, 1 SECRET_AWS_ACCESS_KEY');
		expect(plantedIn(JSON.stringify(error))).toEqual([]);
		expect(plantedIn(storedFor(execution, 'Block'))).toEqual([]);
		expect(plantedIn(response.text)).toEqual([]);
		expect(nodeRan(execution, 'After Block')).toBe(false);

		const clean = await wf.run({ text: 'Nothing to see here' });
		expect(clean.execution.status).toBe('success');
		expect(nodeRan(clean.execution, 'After Block')).toBe(true);
	});

	test('when detecting and routing then clean items leave on output 0 unchanged and sensitive ones on output 1', async () => {
		const split = { name: 'Split Out', type: 'n8n-nodes-base.splitOut', typeVersion: 1, parameters: { fieldToSplitOut: 'body.messages' } };
		const wf = await webhookWorkflow('rr-route', [split, redactNode('Route', { operation: 'redact', mode: 'detectRoute' }), noOp('Cloud Model'), noOp('Local Model')], {
			'Split Out': { main: [[link('Route')]] },
			Route: { main: [[link('Cloud Model')], [link('Local Model')]] },
		});
		const messages = [{ text: 'What are your opening hours?' }, { text: `My card is ${PLANTED.card}` }, { text: 'Thanks!' }, { text: `Mail me at ${PLANTED.email}` }];
		const { execution } = await wf.run({ messages });
		expect(execution.status).toBe('success');
		const [clean, sensitive] = nodeOutput(execution, 'Route');
		expect(clean).toEqual([{ text: 'What are your opening hours?' }, { text: 'Thanks!' }]);
		expect(sensitive.map((i) => i.detection.counts)).toEqual([{ CREDIT_CARD: 1 }, { EMAIL_ADDRESS: 1 }]);
		expect(sensitive[0].text).toBe(`My card is ${PLANTED.card}`);
		expect(plantedIn(JSON.stringify(nodeOutput(execution, 'Cloud Model')))).toEqual([]);
	});

	test('when a custom pattern backtracks catastrophically then the item fails after ~250 ms with a clear message and n8n keeps serving', async () => {
		const params = { ...REVERSIBLE, operator: 'placeholder', keySource: 'none', fieldScope: 'paths', paths: 'body.text', customPatterns: { patterns: [{ entity: 'RUNAWAY', pattern: '(a+)+$' }] } };
		const wf = await webhookWorkflow('rr-redos', [redactNode('Redact', params), noOp('After Redact')], { Redact: { main: [[link('After Redact')]] } });
		const { response, execution, roundTripMs } = await wf.run({ text: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!' });
		expect(response.status).toBeGreaterThanOrEqual(500);
		expect(execution.data?.resultData.error?.message).toBe("Custom pattern for RUNAWAY (/(a+)+$/) was stopped after 250 ms: it backtracks catastrophically on this item's text");
		expect(nodeRan(execution, 'After Redact')).toBe(false);
		const health = await fetch(`${e2e().baseUrl}/healthz`);
		expect(health.status).toBe(200);
		log(`catastrophic pattern: round trip ${roundTripMs} ms, Redact node ${executionTimeMs(execution, 'Redact')} ms`);
		const ok = await wf.run({ text: 'plain text' });
		expect(ok.execution.status).toBe('success');
	});

	test('when the error output is used then a failed item leaves there carrying only the error, none of the input', async () => {
		const params = { ...REVERSIBLE, operator: 'placeholder', keySource: 'none', customPatterns: { patterns: [{ entity: 'RUNAWAY', pattern: '(a+)+$' }] } };
		const redact = redactNode('Redact', params, undefined, { onError: 'continueErrorOutput' });
		const wf = await webhookWorkflow('rr-errout', [redact, noOp('Redacted'), noOp('Failed')], { Redact: { main: [[link('Redacted')], [link('Failed')]] } });
		const { execution } = await wf.run({ text: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!', email: PLANTED.email });
		expect(execution.status).toBe('success');
		const [passed, failed] = nodeOutput(execution, 'Redact');
		expect(passed).toEqual([]);
		// n8n reduces an item that has `error` set to { error }; the input's fields are not merged back in.
		expect(failed).toEqual([{ error: "Custom pattern for RUNAWAY (/(a+)+$/) was stopped after 250 ms: it backtracks catastrophically on this item's text" }]);
		expect(plantedIn(storedFor(execution, 'Redact'))).toEqual([]);
		expect(nodeRan(execution, 'Failed')).toBe(true);
		expect(nodeRan(execution, 'Redacted')).toBe(false);
	});

	test('when the Governance Profile is the key source then the round trip works without a Redaction Key', async () => {
		const profile = await createProfile();
		const creds = { governanceProfileApi: { id: profile.id, name: profile.name } };
		const wf = await webhookWorkflow(
			'rr-profile',
			[
				{ ...redactNode('Redact', { ...REVERSIBLE, keySource: 'governanceProfile' }), credentials: creds },
				modelNode('Model', ECHO),
				{ ...redactNode('Restore', { ...RESTORE, keySource: 'governanceProfile' }), credentials: creds },
			],
			{ Redact: { main: [[link('Model')]] }, Model: { main: [[link('Restore')]] } },
		);
		const { response, execution } = await wf.run({ text: PLANTED_TEXT });
		expect(response.json[0].answer).toBe(`Model says: ${PLANTED_TEXT}`);
		expect(plantedIn(storedFor(execution, 'Redact'))).toEqual([]);
	});
});
