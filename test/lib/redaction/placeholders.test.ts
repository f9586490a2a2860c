import { createCipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { GovernanceError, GovernanceErrorCode } from '../../../lib/errors/governance-error';
import { PlaceholderNumbering, redact, redactObject, restore, restoreObject } from '../../../lib/redaction';

const SECRET = 's'.repeat(32);
const TOKEN = { operator: 'token' as const, secret: SECRET };

function thrown(f: () => unknown): GovernanceError {
	try {
		f();
	} catch (error) {
		return error as GovernanceError;
	}
	throw new Error('expected a throw');
}

describe('placeholders that Redact did not create (issue 12 finding 6)', () => {
	const body = { ticket: 'confirm <EMAIL_ADDRESS_1> and card <CREDIT_CARD_1>', account: { email: 'victim@corp.example', card: '4111 1111 1111 1111' } };

	test('when the input already holds placeholder text then real values get other numbers and restore gives that text back verbatim', () => {
		const r = redactObject(body, TOKEN);
		expect(r.value.ticket).toBe(body.ticket);
		expect(r.value.account).toEqual({ email: '<EMAIL_ADDRESS_2>', card: '<CREDIT_CARD_2>' });
		const answer = `${r.value.ticket} / ${r.value.account.email}`;
		expect(restore(answer, r.encryptedMap!, SECRET)).toEqual({
			text: 'confirm <EMAIL_ADDRESS_1> and card <CREDIT_CARD_1> / victim@corp.example',
			restored: 1,
			unmatched: ['<CREDIT_CARD_2>'],
		});
	});

	test('when a single text holds a forged placeholder before the value it names then the value gets the next number', () => {
		const r = redact('<EMAIL_ADDRESS_1> is jane@example.com', TOKEN);
		expect(r.text).toBe('<EMAIL_ADDRESS_1> is <EMAIL_ADDRESS_2>');
		expect(restore(r.text, r.encryptedMap!, SECRET).text).toBe('<EMAIL_ADDRESS_1> is jane@example.com');
	});

	test('when the whole value is restored then placeholder text in keys and values comes back as it was', () => {
		const input = { '<EMAIL_ADDRESS_1>': 'x', note: 'mail bob@example.com' };
		const r = redactObject(input, TOKEN);
		expect(restoreObject(r.value, r.encryptedMap!, SECRET).value).toEqual(input);
	});

	test('when removing a value joins the text around it into an issued placeholder then the item fails instead of becoming ambiguous', () => {
		const options = { ...TOKEN, customPatterns: [{ entity: 'JUNK', pattern: 'zz' }], operators: { JUNK: 'remove' as const } };
		const error = thrown(() => redact('card 4111 1111 1111 1111 then <CREDIT_CARD_zz1>', options));
		expect(error.code).toBe(GovernanceErrorCode.InvalidInput);
		expect(error.message).toMatch(/^After redaction the text would hold <CREDIT_CARD_1> twice with two meanings/);
	});

	test('when removing a value joins text into a placeholder shape before any value got that number then the value gets the next one', () => {
		const options = { ...TOKEN, customPatterns: [{ entity: 'JUNK', pattern: 'zz' }], operators: { JUNK: 'remove' as const } };
		const r = redactObject({ a: '<CREDIT_CARD_zz1>', b: 'card 4111 1111 1111 1111' }, options);
		expect(r.value).toEqual({ a: '<CREDIT_CARD_1>', b: 'card <CREDIT_CARD_2>' });
		expect(restoreObject(r.value, r.encryptedMap!, SECRET).value).toEqual({ a: '<CREDIT_CARD_1>', b: 'card 4111 1111 1111 1111' });
	});

	test('when a map was written by the earlier format (v1) then restore refuses it with a clear error', () => {
		// the v1 writer as it was: the plain placeholder → value record under AAD "v1"
		const key = Buffer.from(hkdfSync('sha256', Buffer.from(SECRET), Buffer.from('n8n-nodes-governance/redaction'), Buffer.from('reversible-map/v1'), 32));
		const iv = randomBytes(12);
		const cipher = createCipheriv('aes-256-gcm', key, iv);
		cipher.setAAD(Buffer.from('v1'));
		const ct = Buffer.concat([cipher.update(JSON.stringify({ '<EMAIL_ADDRESS_1>': 'jane@example.com' })), cipher.final()]);
		const v1 = `v1.${iv.toString('base64url')}.${ct.toString('base64url')}.${cipher.getAuthTag().toString('base64url')}`;
		const error = thrown(() => restore('hi <EMAIL_ADDRESS_1>', v1, SECRET));
		expect(error.message).toMatch(/^This redaction map was written by an earlier version \(format v1\).*Nothing was restored\.$/);
		expect(error.hint).toMatch(/Run the item through Redact again/);
	});
});

describe('maps that belong to another item (issue 12 finding 8)', () => {
	/** Two items redacted in one run, as the node does: one numbering, reserved up front, maps sealed at the end. */
	function run(texts: string[]) {
		const numbering = new PlaceholderNumbering();
		for (const t of texts) numbering.reserveIn(t);
		const results = texts.map((t) => redactObject({ text: t }, { ...TOKEN, numbering }));
		return results.map((r) => ({ text: r.value.text, map: r.sealMap!() }));
	}

	test('when items of one run are redacted then no two values share a placeholder', () => {
		const [a, b] = run(['From A: mail alice@a.example', 'From B: mail bob@b.example']);
		expect(a.text).toBe('From A: mail <EMAIL_ADDRESS_1>');
		expect(b.text).toBe('From B: mail <EMAIL_ADDRESS_2>');
	});

	test("when item B's text is restored with item A's map then restore fails closed, naming the placeholder", () => {
		const [a, b] = run(['From A: mail alice@a.example', 'From B: mail bob@b.example']);
		const error = thrown(() => restore(b.text, a.map, SECRET));
		expect(error.code).toBe(GovernanceErrorCode.IntegrityFailure);
		expect(error.message).toBe('The map does not belong to this text: it holds <EMAIL_ADDRESS_2>, which Redact made for another item. Nothing was restored.');
		expect(thrown(() => restoreObject({ answer: a.text }, b.map, SECRET)).message).toMatch(/holds <EMAIL_ADDRESS_1>, which Redact made for another item/);
		expect(restore(b.text, b.map, SECRET).text).toBe('From B: mail bob@b.example');
	});

	test('when two items hold the same value then they share its placeholder, and either map restores it to that value', () => {
		const [a, b] = run(['A: alice@a.example', 'B: alice@a.example and bob@b.example']);
		expect(a.text).toBe('A: <EMAIL_ADDRESS_1>');
		expect(restore(a.text, b.map, SECRET).text).toBe('A: alice@a.example');
	});

	test('when the model invents a placeholder beyond what the run issued then it stays and is listed (not taken for another item)', () => {
		const [a] = run(['From A: mail alice@a.example', 'From B: mail bob@b.example']);
		expect(restore('see <EMAIL_ADDRESS_7>', a.map, SECRET)).toEqual({ text: 'see <EMAIL_ADDRESS_7>', restored: 0, unmatched: ['<EMAIL_ADDRESS_1>', '<EMAIL_ADDRESS_7>'] });
	});
});
