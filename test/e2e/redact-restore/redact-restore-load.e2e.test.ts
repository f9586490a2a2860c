import { nodeOutput } from '../harness/client';
import { PLANTED_TEXT, createRedactionKey, executionTimeMs, link, modelNode, plantedIn, redactNode, storedFor, webhookWorkflow } from './workflow';

const ITEMS = 100;
const ECHO = "return $input.all().map(i => ({ json: { ...i.json, answer: 'Model says: ' + i.json.text } }));";
const log = (line: string) => process.stderr.write(`[redact-restore load] ${line}\n`);

describe('Redact / Restore with 100 items in a real n8n', () => {
	test.each([
		// label, extra Redact parameters
		['built-in rules only', {}],
		['plus 2 custom patterns (both run natively: they pass the linear-time check) and a deny list', { customPatterns: { patterns: [{ entity: 'EMPLOYEE_ID', pattern: 'EMP-\\d{6}' }, { entity: 'TICKET', pattern: 'T-\\d{5}' }] }, denyList: 'Project Falcon' }],
	])('per-item time of Redact and Restore (%s), from runData executionTime', async (label, extra) => {
		const key = await createRedactionKey();
		const split = { name: 'Split Out', type: 'n8n-nodes-base.splitOut', typeVersion: 1, parameters: { fieldToSplitOut: 'body.messages' } };
		const wf = await webhookWorkflow(
			'rr-load',
			[
				split,
				redactNode('Redact', { operation: 'redact', mode: 'redact', operator: 'token', keySource: 'redactionKey', ...extra }, key),
				modelNode('Model', ECHO),
				redactNode('Restore', { operation: 'restore', keySource: 'redactionKey', restoreFields: 'answer' }, key),
			],
			{ 'Split Out': { main: [[link('Redact')]] }, Redact: { main: [[link('Model')]] }, Model: { main: [[link('Restore')]] } },
		);
		const messages = Array.from({ length: ITEMS }, (_, i) => ({ id: i, text: `#${i} EMP-${String(100000 + i)} T-${String(10000 + i)} ${PLANTED_TEXT}` }));
		const { response, execution, roundTripMs } = await wf.run({ messages });
		expect(response.status).toBe(200);
		expect(response.json).toHaveLength(ITEMS);
		expect(response.json.every((item: { answer: string }, i: number) => item.answer === `Model says: ${messages[i].text}`)).toBe(true);
		expect(plantedIn(storedFor(execution, 'Redact'))).toEqual([]);
		expect(nodeOutput(execution, 'Redact')[0]).toHaveLength(ITEMS);
		const redactMs = executionTimeMs(execution, 'Redact');
		const restoreMs = executionTimeMs(execution, 'Restore');
		const bytes = messages.reduce((n, m) => n + m.text.length, 0);
		log(`${label}: ${ITEMS} items, ${bytes} chars: Redact ${redactMs} ms (${(redactMs / ITEMS).toFixed(2)} ms/item), Restore ${restoreMs} ms (${(restoreMs / ITEMS).toFixed(2)} ms/item), Model (Code) ${executionTimeMs(execution, 'Model')} ms, webhook round trip ${roundTripMs} ms`);
	});
});
