import { nodeOutput } from '../harness/client';
import { createRedactionKey, link, modelNode, redactNode, storedFor, webhookWorkflow } from './workflow';

const REVERSIBLE = { operation: 'redact', mode: 'redact', operator: 'token', keySource: 'redactionKey' };
const RESTORE = { operation: 'restore', keySource: 'redactionKey', restoreFields: 'answer' };

describe('Redact / Restore in a real n8n: placeholders that belong elsewhere (issue 12)', () => {
	// Finding 6: a sender writes placeholders into a field they control, hoping Restore fills them
	// with the values Redact takes from other fields.
	test('when the input holds placeholder text then Restore gives that text back verbatim and real placeholders their own values', async () => {
		const key = await createRedactionKey();
		const echo = "return $input.all().map(i => ({ json: { ...i.json, answer: i.json.body.ticket + ' / ' + i.json.body.account.email } }));";
		const wf = await webhookWorkflow(
			'rr-forged',
			[redactNode('Redact', REVERSIBLE, key), modelNode('Model', echo), redactNode('Restore', RESTORE, key)],
			{ Redact: { main: [[link('Model')]] }, Model: { main: [[link('Restore')]] } },
		);
		const body = { ticket: 'confirm <EMAIL_ADDRESS_1> and card <CREDIT_CARD_1>', account: { email: 'victim@corp.example', card: '4111 1111 1111 1111' } };
		const { response, execution } = await wf.run(body);
		expect(execution.status).toBe('success');
		expect(response.json[0].answer).toBe('confirm <EMAIL_ADDRESS_1> and card <CREDIT_CARD_1> / victim@corp.example');
		const [[redacted]] = nodeOutput(execution, 'Redact');
		expect(redacted.body).toEqual({ ticket: body.ticket, account: { email: '<EMAIL_ADDRESS_2>', card: '<CREDIT_CARD_2>' } });
		// the forged text is restored verbatim, so it is neither counted nor listed (the headers' address is)
		expect(response.json[0].restoration.restored).toBe(1);
		expect(response.json[0].restoration.unmatched).toContain('<CREDIT_CARD_2>');
		expect(response.json[0].restoration.unmatched).not.toEqual(expect.arrayContaining(['<EMAIL_ADDRESS_1>']));
		expect(response.json[0].restoration.unmatched).not.toEqual(expect.arrayContaining(['<CREDIT_CARD_1>']));
		expect(storedFor(execution, 'Redact')).not.toContain('4111 1111 1111 1111');
	});

	// Finding 8: a Code node reorders the items and sets no pairedItem, so the map Restore reads through
	// $('Redact').item belongs to the other item.
	const reorder = "return $input.all().reverse().map(i => ({ json: { answer: 'Reply: ' + i.json.text } }));";
	const messages = [{ text: 'From A: mail alice@a.example' }, { text: 'From B: mail bob@b.example' }];
	async function crossedWorkflow(label: string, restoreExtra: Record<string, unknown> = {}) {
		// the maps are read through $('Redact').item, which n8n resolves by position when no pairedItem is set
		const key = await createRedactionKey();
		const split = { name: 'Split Out', type: 'n8n-nodes-base.splitOut', typeVersion: 1, parameters: { fieldToSplitOut: 'body.messages' } };
		const restore = redactNode('Restore', { ...RESTORE, map: "={{ $('Redact').item.json.redaction.map }}" }, key, restoreExtra);
		return await webhookWorkflow(label, [split, redactNode('Redact', REVERSIBLE, key), modelNode('Reorder', reorder), restore], {
			'Split Out': { main: [[link('Redact')]] },
			Redact: { main: [[link('Reorder')]] },
			Reorder: { main: [[link('Restore')]] },
		});
	}

	test("when items are reordered without pairing then Restore refuses the other item's map and the run stops", async () => {
		const wf = await crossedWorkflow('rr-crossed');
		const { response, execution } = await wf.run({ messages });
		expect(execution.status).toBe('error');
		expect(execution.data?.resultData.error?.message).toMatch(/^The map does not belong to this text: it holds <EMAIL_ADDRESS_[12]>, which Redact made for another item\. Nothing was restored\.$/);
		expect(execution.data?.resultData.error?.description).toMatch(/keep pairedItem/);
		expect(response.text).not.toMatch(/alice@a\.example|bob@b\.example/);
	});

	test('when items are reordered without pairing and Restore continues on fail then each crossed item leaves as an error, with no value of the other item', async () => {
		const wf = await crossedWorkflow('rr-crossed-cof', { onError: 'continueRegularOutput' });
		const { response, execution } = await wf.run({ messages });
		expect(execution.status).toBe('success');
		const [out] = nodeOutput(execution, 'Restore');
		expect(out).toHaveLength(2);
		for (const item of out) expect(item.error).toMatch(/^The map does not belong to this text/);
		expect(JSON.stringify(out)).not.toMatch(/alice@a\.example|bob@b\.example/);
		expect(response.text).not.toMatch(/alice@a\.example|bob@b\.example/);
	});
});
