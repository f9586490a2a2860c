import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { RULE_SET_VERSION } from '../../../lib/redaction';
import { RedactRestore } from '../../../nodes/RedactRestore/RedactRestore.node';
import { ENTITY_OPTIONS, entityLabel, knownValues } from '../../../nodes/RedactRestore/settings';
import { KEY, PLANTED, PLANTED_TEXT, redactContext } from './context';

const node = new RedactRestore();
const redactParams = (extra: Record<string, unknown> = {}) => ({ operation: 'redact', mode: 'redact', operator: 'token', keySource: 'redactionKey', ...extra });
const run = async (items: INodeExecutionData[], parameters: Record<string, unknown>, more: Partial<Parameters<typeof redactContext>[0]> = {}) =>
	await node.execute.call(redactContext({ items, parameters, ...more }));
const errorOf = async (promise: Promise<unknown>) => (await promise.catch((e: unknown) => e)) as NodeOperationError;

describe('Redact / Restore node: Redact operation', () => {
	test('when redacting with reversible tokens then no planted value is left, the report and map are attached, and the input is untouched', async () => {
		const items = [{ json: { body: { text: PLANTED_TEXT, n: 1 }, tags: [PLANTED.email] } }];
		const before = JSON.stringify(items);
		const [out] = await run(items, redactParams());
		const text = JSON.stringify(out);
		for (const value of Object.values(PLANTED)) expect(text).not.toContain(value);
		expect(out[0].json.body).toEqual({ text: expect.stringContaining('<EMAIL_ADDRESS_1>'), n: 1 });
		// One value, one placeholder, across fields.
		expect(out[0].json.tags).toEqual(['<EMAIL_ADDRESS_1>']);
		expect(out[0].json.redaction).toEqual({
			counts: { EMAIL_ADDRESS: 2, CREDIT_CARD: 1, IBAN_CODE: 1, PHONE_NUMBER: 1, IP_ADDRESS: 1, SECRET_AWS_ACCESS_KEY: 1 },
			fields: ['body.text', 'tags.0'],
			ruleSetVersion: RULE_SET_VERSION,
			keyId: KEY.keyId,
			map: expect.stringMatching(/^v2\.[\w-]+\.[\w-]+\.[\w-]+$/),
		});
		expect(out[0].pairedItem).toEqual({ item: 0 });
		expect(JSON.stringify(items)).toBe(before);
	});

	test.each([
		// operator, what the e-mail becomes
		['placeholder', /^<EMAIL_ADDRESS_1>$/],
		['mask', /^\*{4}\.\*{3}@\*{7}\.com$/],
		['remove', /^$/],
		['hash', /^<EMAIL_ADDRESS_h:[0-9a-f]{12}>$/],
	])('when the operator is %s then the value becomes %s', async (operator, expected) => {
		const [out] = await run([{ json: { email: PLANTED.email } }], redactParams({ operator, keepLast: 3 }));
		expect(out[0].json.email).toMatch(expected);
		expect(out[0].json.redaction).not.toHaveProperty('map');
	});

	test('when a per-entity override is set then it wins over the default operator', async () => {
		const [out] = await run(
			[{ json: { t: `${PLANTED.card} ${PLANTED.email}` } }],
			redactParams({ operator: 'placeholder', operatorOverrides: { overrides: [{ entity: 'CREDIT_CARD', operator: 'mask', keepLast: 4 }] } }),
		);
		expect(out[0].json.t).toBe('**** **** **** 1111 <EMAIL_ADDRESS_1>');
	});

	test('when the hash key comes from the Governance Profile then pseudonyms are stable across items and runs', async () => {
		const params = redactParams({ operator: 'hash', keySource: 'governanceProfile' });
		const [a] = await run([{ json: { e: PLANTED.email } }, { json: { e: PLANTED.email } }], params);
		const [b] = await run([{ json: { e: PLANTED.email } }], params);
		expect(a[0].json.e).toBe(a[1].json.e);
		expect(b[0].json.e).toBe(a[0].json.e);
		expect((a[0].json.redaction as { keyId: string }).keyId).toBe('governance-profile:Prod profile');
	});

	test('when only listed fields are redacted then other fields keep their values', async () => {
		const [out] = await run([{ json: { body: { text: PLANTED.email }, meta: PLANTED.email } }], redactParams({ fieldScope: 'paths', paths: 'body.text', operator: 'placeholder' }));
		expect(out[0].json).toMatchObject({ body: { text: '<EMAIL_ADDRESS_1>' }, meta: PLANTED.email });
	});

	test('when the item carries an earlier report then it is neither scanned nor kept', async () => {
		const [out] = await run([{ json: { text: 'nothing here', redaction: { map: 'v1.a.b.c', note: PLANTED.email } } }], redactParams({ operator: 'placeholder' }));
		expect(out[0].json).toEqual({ text: 'nothing here', redaction: { counts: {}, fields: [], ruleSetVersion: RULE_SET_VERSION } });
	});

	test('when a deny list and a custom pattern are set then both are detected under their entity names', async () => {
		const [out] = await run(
			[{ json: { t: 'Project Falcon for emp-123456' } }],
			redactParams({
				operator: 'placeholder',
				denyList: 'project falcon',
				options: { denyListEntity: 'PROJECT' },
				customPatterns: { patterns: [{ entity: 'EMPLOYEE_ID', pattern: 'EMP-\\d{6}', ignoreCase: true }] },
			}),
		);
		expect(out[0].json.t).toBe('<PROJECT_1> for <EMPLOYEE_ID_1>');
	});

	test('when custom patterns are set then the report says which ran natively and which in the sandbox', async () => {
		const [out] = await run(
			[{ json: { t: 'EMP-123456 and B-1-2x' } }],
			redactParams({ operator: 'placeholder', customPatterns: { patterns: [{ entity: 'EMPLOYEE_ID', pattern: 'EMP-\\d{6}' }, { entity: 'BADGE', pattern: 'B(?:-\\d+)+x' }] } }),
		);
		expect(out[0].json.t).toBe('<EMPLOYEE_ID_1> and <BADGE_1>');
		expect((out[0].json.redaction as IDataObject).customPatterns).toEqual([
			{ entity: 'EMPLOYEE_ID', runs: 'native' },
			{ entity: 'BADGE', runs: 'sandboxed' },
		]);
	});

	test.each([
		// Minimum Score unset: a context-less weak value (an SSN shape, no SSN words) stays, as before weak scores
		[{}, 'ref 078051121', 'ref 078051121'],
		[{}, 'SSN 078051121', 'SSN <US_SSN_1>'],
		// Minimum Score 0: every candidate, weak ones too
		[{ options: { minScore: 0 } }, 'ref 078051121', 'ref <US_SSN_1>'],
	])('when the options are %j then %j becomes %j', async (extra, text, expected) => {
		const [out] = await run([{ json: { t: text } }], redactParams({ operator: 'placeholder', ...extra }));
		expect(out[0].json.t).toBe(expected);
	});

	test('when a custom pattern backtracks catastrophically then the sandbox stops it and the item fails, naming the pattern, not the text', async () => {
		const params = redactParams({ operator: 'placeholder', customPatterns: { patterns: [{ entity: 'RUNAWAY', pattern: '(a+)+$' }] } });
		// 30 a's take that pattern minutes to reject: the test's own timeout would catch a sandbox that does not stop it
		const error = await errorOf(run([{ json: { t: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!' } }], params));
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toBe('Custom pattern for RUNAWAY (/(a+)+$/) was stopped after 250 ms: it backtracks catastrophically on this item\'s text');
		expect(error.context.itemIndex).toBe(0);
	});

	test.each([
		// parameters, message
		[{ operator: 'token', keySource: 'none' }, 'The Reversible Token and Hash operators need a key, but Key Source is None.'],
		[{ operatorOverrides: { overrides: [{ entity: 'NOT_AN_ENTITY', operator: 'mask' }] } }, 'Operator override for unknown entity "NOT_AN_ENTITY".'],
		[{ customPatterns: { patterns: [{ entity: 'Employee id', pattern: 'x' }] } }, 'Custom pattern 1: entity name "Employee id" is not usable.'],
		[{ customPatterns: { patterns: [{ entity: 'BAD', pattern: '(' }] } }, /^Custom pattern for BAD does not compile/],
		[{ fieldScope: 'paths', paths: ' , ' }, 'Fields to Redact is empty.'],
		[{ fieldScope: 'paths', paths: 'body.text, customer.first name' }, 'Path "customer.first name" is invalid: a space at character 15 is not allowed in an unquoted name.'],
		[{ entities: ['NO_SUCH'] }, 'Unknown entity name(s): NO_SUCH.'],
	])('when the configuration is %j then the item fails with a clear message', async (extra, message) => {
		const error = await errorOf(run([{ json: { t: PLANTED.email } }], redactParams(extra)));
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toEqual(typeof message === 'string' ? message : expect.stringMatching(message));
	});

	test('when the Redaction Key is weak then the run fails naming the field, and the original never passes', async () => {
		const error = await errorOf(run([{ json: { t: PLANTED.email } }], redactParams(), { key: { keyId: 'k', secret: 'short' } }));
		expect(error.message).toMatch(/^The Redaction Key credential is not usable: Secret is not base64 or hex: .*openssl rand -base64 32/);
	});

	test('when the engine fails on one item under continueOnFail then that item becomes an error item with no input data', async () => {
		let deep: IDataObject = { t: PLANTED.email };
		for (let k = 0; k < 250; k++) deep = { d: deep };
		const [out] = await run([{ json: { t: PLANTED.email } }, { json: deep }], redactParams({ operator: 'placeholder' }), { continueOnFail: true });
		expect(out).toHaveLength(2);
		expect(out[0].json.t).toBe('<EMAIL_ADDRESS_1>');
		expect(out[1].json).toEqual({ error: 'Value is nested deeper than 200 levels.', description: 'Flatten the item or list the paths to redact.' });
		expect(out[1].error).toBeInstanceOf(NodeOperationError);
		expect(out[1].pairedItem).toEqual({ item: 1 });
		expect(JSON.stringify(out)).not.toContain(PLANTED.email);
	});

	test('when Block mode finds something then the error names counts and fields, never values', async () => {
		const error = await errorOf(run([{ json: { body: { text: PLANTED_TEXT } } }], { operation: 'redact', mode: 'block' }));
		expect(error.message).toBe('Sensitive data found in item 0: 1 CREDIT_CARD, 1 EMAIL_ADDRESS, 1 IBAN_CODE, 1 IP_ADDRESS, 1 PHONE_NUMBER, 1 SECRET_AWS_ACCESS_KEY');
		expect(error.description).toContain('Found in: body.text');
		for (const value of Object.values(PLANTED)) expect(`${error.message} ${error.description}`).not.toContain(value);
	});

	test('when Block mode finds nothing then the item passes unchanged', async () => {
		const items = [{ json: { text: 'hello world' } }];
		const [out] = await run(items, { operation: 'redact', mode: 'block' });
		expect(out).toEqual([{ json: { text: 'hello world' }, pairedItem: { item: 0 } }]);
	});

	test('when routing then clean items go out unchanged on output 0 and sensitive ones, unredacted with a detection report, on output 1', async () => {
		const [clean, flagged] = await run([{ json: { t: 'hello' } }, { json: { t: PLANTED.email } }], { operation: 'redact', mode: 'detectRoute' });
		expect(clean).toEqual([{ json: { t: 'hello' }, pairedItem: { item: 0 } }]);
		expect(flagged).toEqual([
			{ json: { t: PLANTED.email, detection: { counts: { EMAIL_ADDRESS: 1 }, fields: ['t'], ruleSetVersion: RULE_SET_VERSION } }, pairedItem: { item: 1 } },
		]);
	});

	test('when routing fails on an item under continueOnFail then its error item leaves with the sensitive ones', async () => {
		const params = { operation: 'redact', mode: 'detectRoute', customPatterns: { patterns: [{ entity: 'RUNAWAY', pattern: '(a+)+$' }] } };
		const [clean, flagged] = await run([{ json: { t: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!' } }], params, { continueOnFail: true });
		expect(clean).toEqual([]);
		expect(flagged[0].json.error).toMatch(/^Custom pattern for RUNAWAY/);
	});

	test('the entity picker lists every built-in entity with a readable, sorted label', () => {
		expect(entityLabel('SECRET_AWS_ACCESS_KEY')).toBe('Secret: AWS Access Key');
		expect(entityLabel('EMAIL_ADDRESS')).toBe('Email Address');
		const names = ENTITY_OPTIONS.map((o) => o.name);
		expect(names).toEqual([...names].sort());
	});

	test('the entity picker offers the prose entities with their family, Organization marked off unless selected', () => {
		const byValue = new Map(ENTITY_OPTIONS.map((o) => [o.value, o]));
		for (const e of ['PERSON', 'STREET_ADDRESS', 'LOCATION', 'AGE', 'DATE_OF_BIRTH', 'ORGANIZATION']) expect(byValue.get(e)?.description).toMatch(/^Names and places, placeholder/);
		expect(byValue.get('ORGANIZATION')?.description).toMatch(/off unless selected$/);
		expect(byValue.get('PERSON')?.description).not.toMatch(/off unless selected/);
		expect(byValue.get('EMAIL_ADDRESS')?.description).toMatch(/^Contact, placeholder/);
	});

	test('when Also Redact Values holds a customer name and street then they are redacted wherever they occur, parts and case variants included', async () => {
		const items = [{ json: { customer: { name: 'Zorblax Quintaro', street: '9 Elm Row' }, body: { text: 'ZORBLAX wrote from 9 elm row; quintaro again.' } } }];
		const [clean, flagged] = await run(items, redactParams({ mode: 'detectRoute', options: { alsoRedact: ['Zorblax Quintaro', '9 Elm Row'] } }));
		expect(clean).toEqual([]);
		expect(flagged[0].json.detection).toMatchObject({ counts: { PERSON: 3, KNOWN_VALUE: 2 } });
		const [redacted] = await run(items, redactParams({ operator: 'placeholder', keySource: 'none', options: { alsoRedact: 'Zorblax Quintaro\n9 Elm Row' } }));
		expect(JSON.stringify(redacted[0].json)).not.toMatch(/zorblax|quintaro|elm row/i);
	});

	test('Also Redact Values accepts a list or one value a line and drops empty entries and objects', () => {
		expect(knownValues(['Ana Souza', ' ', null, { a: 1 }, 12])).toEqual(['Ana Souza', '12']);
		expect(knownValues('Ana Souza\n\n Rua Augusta 10 ')).toEqual(['Ana Souza', 'Rua Augusta 10']);
		expect(knownValues(undefined)).toEqual([]);
	});
});
