import { GovernanceError, GovernanceErrorCode } from '../../../lib/errors/governance-error';
import { RULE_SET_VERSION, decryptMap, redact, redactObject, restore, restoreObject } from '../../../lib/redaction';

const SECRET = 'k'.repeat(32);

function hintOf(fn: () => unknown): string | undefined {
	try {
		fn();
	} catch (error) {
		return (error as GovernanceError).hint;
	}
	return undefined;
}
const HMAC = 'h'.repeat(32);

describe('redact operators', () => {
	test('when the same value repeats then it gets the same typed placeholder', () => {
		const r = redact('a@example.com, b@example.com, a@example.com', { operator: 'placeholder' });
		expect(r.text).toBe('<EMAIL_ADDRESS_1>, <EMAIL_ADDRESS_2>, <EMAIL_ADDRESS_1>');
		expect(r.report).toEqual({ counts: { EMAIL_ADDRESS: 3 }, fields: [], ruleSetVersion: RULE_SET_VERSION });
		expect(r.encryptedMap).toBeUndefined();
	});

	test.each([
		// default keep 4, '*'
		[{ type: 'mask' as const }, 'card **** **** **** 1111'],
		// keep 2, '#'
		[{ type: 'mask' as const, keep: 2, char: '#' }, 'card #### #### #### ##11'],
		// remove
		[{ type: 'remove' as const }, 'card '],
	])('when operator %j then the text is %j', (operator, expected) => {
		expect(redact('card 4111 1111 1111 1111', { operator }).text).toBe(expected);
	});

	test('when hashing then pseudonyms are stable across calls and depend on the key', () => {
		const a = redact('x a@example.com', { operator: 'hash', hmacKey: HMAC }).text;
		const b = redact('y a@example.com', { operator: 'hash', hmacKey: HMAC }).text;
		const c = redact('x a@example.com', { operator: 'hash', hmacKey: 'z'.repeat(32) }).text;
		expect(a).toMatch(/^x <EMAIL_ADDRESS_h:[0-9a-f]{12}>$/);
		expect(a.slice(2)).toBe(b.slice(2));
		expect(c).not.toBe(a);
	});

	test('when hashing without a key then a configuration error says what to set', () => {
		expect(() => redact('a@example.com', { operator: 'hash' })).toThrow(GovernanceError);
		expect(() => redact('a@example.com', { operator: 'hash' })).toThrow(/HMAC key/);
	});

	test('when per-entity operators are set then they win over the global operator', () => {
		const r = redact('a@example.com 4111111111111111', { operator: 'remove', operators: { EMAIL_ADDRESS: 'placeholder' } });
		expect(r.text).toBe('<EMAIL_ADDRESS_1> ');
	});

	test('when secrets use their default operator then they are removed', () => {
		expect(redact('key AKIAIOSFODNN7EXAMPLE').text).toBe('key ');
	});

	test('when an unknown operator is given then the error lists valid ones', () => {
		expect(() => redact('a@example.com', { operator: 'shred' as never })).toThrow(/Unknown redaction operator "shred"/);
		expect(hintOf(() => redact('a@example.com', { operator: 'shred' as never }))).toMatch(/placeholder, mask, hash, remove, token/);
	});
});

describe('reversible token and restore', () => {
	const text = 'Mail jane@example.com or call (555) 123-4567; jane@example.com again.';

	test('when tokenised then the map is encrypted and restore returns the original', () => {
		const r = redact(text, { operator: 'token', secret: SECRET });
		expect(r.text).toBe('Mail <EMAIL_ADDRESS_1> or call <PHONE_NUMBER_1>; <EMAIL_ADDRESS_1> again.');
		expect(r.encryptedMap).toMatch(/^v2\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{22}$/);
		expect(r.encryptedMap).not.toContain('jane');
		expect(decryptMap(r.encryptedMap!, SECRET)).toEqual({ '<EMAIL_ADDRESS_1>': 'jane@example.com', '<PHONE_NUMBER_1>': '(555) 123-4567' });
		expect(restore(r.text, r.encryptedMap!, SECRET)).toEqual({ text, restored: 3, unmatched: [] });
	});

	test('when the same text is tokenised twice then the IVs differ', () => {
		const a = redact(text, { operator: 'token', secret: SECRET }).encryptedMap!;
		const b = redact(text, { operator: 'token', secret: SECRET }).encryptedMap!;
		expect(a.split('.')[1]).not.toBe(b.split('.')[1]);
	});

	test.each([
		// wrong secret
		['wrong key', (m: string) => m, 'x'.repeat(32)],
		// ciphertext altered
		['tampered', (m: string) => { const p = m.split('.'); p[2] = (p[2][0] === 'A' ? 'B' : 'A') + p[2].slice(1); return p.join('.'); }, SECRET],
		// tag altered
		['tag altered', (m: string) => { const p = m.split('.'); p[3] = (p[3][0] === 'A' ? 'B' : 'A') + p[3].slice(1); return p.join('.'); }, SECRET],
	])('when the map is used with %s then restore throws IntegrityFailure', (_name, mutate, secret) => {
		const r = redact(text, { operator: 'token', secret: SECRET });
		try {
			restore(r.text, mutate(r.encryptedMap!), secret);
			throw new Error('restore should have thrown');
		} catch (error) {
			expect(error).toBeInstanceOf(GovernanceError);
			expect((error as GovernanceError).code).toBe(GovernanceErrorCode.IntegrityFailure);
		}
	});

	test('when the secret is too short then a configuration error is raised', () => {
		expect(() => redact(text, { operator: 'token', secret: 'short' })).toThrow(/shorter than 16 bytes/);
		expect(hintOf(() => redact(text, { operator: 'token', secret: 'short' }))).toMatch(/at least 16 bytes/);
	});

	test('when the map is malformed then the error says which format is expected', () => {
		expect(() => restore('x', 'nonsense', SECRET)).toThrow(/v2\.<iv>\.<ciphertext>\.<tag>/);
	});

	test('when a model mangles or drops placeholders then restore reports them and never guesses', () => {
		const r = redact(text, { operator: 'token', secret: SECRET });
		const modelOutput = 'Reply to <email_address_1> and <EMAIL_ADDRESS_9>.';
		const out = restore(modelOutput, r.encryptedMap!, SECRET);
		expect(out.text).toBe(modelOutput);
		expect(out.restored).toBe(0);
		expect(out.unmatched.sort()).toEqual(['<EMAIL_ADDRESS_1>', '<EMAIL_ADDRESS_9>', '<PHONE_NUMBER_1>', '<email_address_1>'].sort());
	});
});

describe('redactObject', () => {
	const input = {
		id: 42,
		customer: { name: 'Jane', email: 'jane@example.com', phones: ['(555) 123-4567', 'none'] },
		notes: 'Reach jane@example.com',
		flags: [true, null],
	};

	test('when all strings are redacted then a new object comes back and the input is untouched', () => {
		const snapshot = JSON.parse(JSON.stringify(input));
		const r = redactObject(input, { operator: 'placeholder' });
		expect(input).toEqual(snapshot);
		expect(r.value).not.toBe(input);
		expect(r.value).toEqual({
			id: 42,
			// a name alone in a field is a PERSON (prose entities are on by default)
			customer: { name: '<PERSON_1>', email: '<EMAIL_ADDRESS_1>', phones: ['<PHONE_NUMBER_1>', 'none'] },
			notes: 'Reach <EMAIL_ADDRESS_1>',
			flags: [true, null],
		});
		expect(r.report.counts).toEqual({ EMAIL_ADDRESS: 2, PERSON: 1, PHONE_NUMBER: 1 });
		expect(r.report.fields).toEqual(['customer.name', 'customer.email', 'customer.phones.0', 'notes']);
		expect(r.report.ruleSetVersion).toBe(RULE_SET_VERSION);
	});

	test.each([
		// one exact path
		[['customer.email'], ['customer.email']],
		// wildcard over an array
		[['customer.phones.*'], ['customer.phones.0']],
		// a parent path covers its subtree
		[['customer'], ['customer.name', 'customer.email', 'customer.phones.0']],
		// an index in brackets or as a step, and a quoted key, are the same steps
		[['customer.phones[0]'], ['customer.phones.0']],
		[['customer["email"]'], ['customer.email']],
		[['$.customer.phones.*'], ['customer.phones.0']],
	])('when paths %j are listed then only %j are redacted', (paths, fields) => {
		const r = redactObject(input, { paths });
		expect(r.report.fields).toEqual(fields);
		if (!paths.includes('notes')) expect((r.value as typeof input).notes).toBe(input.notes);
	});

	test('when a key holds spaces, dots or a "*" then a quoted path names it, and a quoted "*" is that key, not a wildcard', () => {
		const value = { 'first name': 'Jane Doe', 'a.b': { c: 'jane@example.com' }, '*': 'jane@example.com', x: 'jane@example.com' };
		expect(redactObject(value, { operator: 'placeholder', paths: ['["first name"]', '["a.b"].c', '["*"]'] }).report.fields).toEqual(['first name', 'a.b.c', '*']);
		expect(redactObject(value, { operator: 'placeholder', paths: ['*'] }).report.fields).toEqual(['first name', 'a.b.c', '*', 'x']);
	});

	test('when a listed path is invalid then redaction refuses to start and says why', () => {
		expect(() => redactObject(input, { paths: ['customer..email'] })).toThrow('Path "customer..email" is invalid: two dots in a row at character 10.');
		expect(() => redactObject(input, { paths: [''] })).toThrow(/is invalid: it is empty/);
	});

	test('when tokenised then restoreObject brings the original back', () => {
		const r = redactObject(input, { operator: 'token', secret: SECRET });
		const back = restoreObject(r.value, r.encryptedMap!, SECRET);
		expect(back.value).toEqual(input);
		expect(back.unmatched).toEqual([]);
	});

	describe('object keys', () => {
		const byEmail = { contacts: { 'ann@example.com': { note: 'VIP, call (555) 123-4567' }, 'bob@example.com': { note: 'none' } }, total: 2 };

		test('when keys hold PII then they are redacted too, and the report names no original value', () => {
			const r = redactObject(byEmail, { operator: 'placeholder' });
			expect(r.value).toEqual({ contacts: { '<EMAIL_ADDRESS_1>': { note: 'VIP, call <PHONE_NUMBER_1>' }, '<EMAIL_ADDRESS_2>': { note: 'none' } }, total: 2 });
			expect(r.report.fields).toEqual(['contacts.(key)', 'contacts.<EMAIL_ADDRESS_1>.note', 'contacts.(key)']);
			expect(r.report.counts).toEqual({ EMAIL_ADDRESS: 2, PHONE_NUMBER: 1 });
			expect(JSON.stringify(r.report)).not.toMatch(/example\.com|555/);
		});

		test('when tokenised then restoreObject puts the keys back', () => {
			const r = redactObject(byEmail, { operator: 'token', secret: SECRET });
			expect(JSON.stringify(r.value)).not.toContain('example.com');
			expect(restoreObject(r.value, r.encryptedMap!, SECRET).value).toEqual(byEmail);
		});

		test('when two keys would come out alike then it fails instead of losing a value, without showing them', () => {
			// Masking keeps the last characters: both come out as ***********.com.
			const people = { 'ann@example.com': 'a', 'bob@example.com': 'b' };
			expect(() => redactObject(people, { operator: 'mask' })).toThrow(/come out as the same key/);
			try {
				redactObject(people, { operator: 'mask' });
			} catch (error) {
				expect(JSON.stringify({ message: (error as Error).message, hint: (error as { hint?: string }).hint })).not.toMatch(/ann|bob/);
			}
		});

		test.each([
			// the listed object: its keys are data
			[['byMail'], { byMail: { '<EMAIL_ADDRESS_1>': 'x' }, other: { 'cy@example.com': 'y' } }],
			// a wildcard names no key: the keys it matches are data too
			[['byMail.*'], { byMail: { '<EMAIL_ADDRESS_1>': 'x' }, other: { 'cy@example.com': 'y' } }],
			// a key named in a path is structure, and stays
			[['byMail.ann@example'], { byMail: { 'ann@example': 'x' }, other: { 'cy@example.com': 'y' } }],
		])('when paths %j are listed then keys named on the way stay and the others under them are redacted', (paths, expected) => {
			const value = paths[0] === 'byMail.ann@example' ? { byMail: { 'ann@example': 'x' }, other: { 'cy@example.com': 'y' } } : { byMail: { 'ann@example.com': 'x' }, other: { 'cy@example.com': 'y' } };
			expect(redactObject(value, { operator: 'placeholder', paths }).value).toEqual(expected);
		});
	});

	test('when the value is circular then a GovernanceError is raised', () => {
		const a: Record<string, unknown> = { x: 'a@example.com' };
		a.self = a;
		expect(() => redactObject(a)).toThrow(/circular/);
	});
});
