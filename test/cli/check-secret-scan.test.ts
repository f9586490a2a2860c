/**
 * The CLI skips the secret detectors on a text only when they certainly report nothing there (maySecret), and
 * keeps detections of short texts by their content. Both must leave the findings exactly as the engine gives them.
 */
import fc from 'fast-check';
import { BUILT_IN_ENTITIES, RULES, detect, isSecretEntity } from '../../lib/redaction';
import { maySecret } from '../../cli/src/check/rules/secrets';
import { AsciiGate } from '../../cli/src/check/rules/secret-gate';
import { needsView } from '../../lib/redaction/normalize';

const ENTITIES = BUILT_IN_ENTITIES.filter(isSecretEntity);
const SECRET_RULES = RULES.filter((r) => isSecretEntity(r.entity));
const found = (text: string) => detect(text, { entities: ENTITIES });

/** Secrets written the ways the engine's normalised view reads through: escapes, references, fullwidth, invisible characters. */
function disguised(sample: string): string[] {
	const fullwidth = [...sample].map((c) => (c >= '!' && c <= '~' ? String.fromCharCode(c.charCodeAt(0) + 0xfee0) : c)).join('');
	const escaped = [...sample].map((c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`).join('');
	const referenced = [...sample].map((c) => `&#${c.charCodeAt(0)};`).join('');
	const softHyphens = [...sample].join('\u00ad');
	return [fullwidth, escaped, referenced, softHyphens];
}

describe('secret scan prefilter', () => {
	test('when a text holds any secret rule\'s positive sample, plain or disguised, then it is scanned and the finding is kept', () => {
		const missed: string[] = [];
		for (const rule of SECRET_RULES) {
			for (const sample of rule.samples.positive) {
				for (const text of [sample, `const x = 1;\n${sample}\nreturn x;`, ...disguised(sample)]) {
					if (found(text).length > 0 && !maySecret(text)) missed.push(`${rule.id}: ${JSON.stringify(text).slice(0, 60)}`);
				}
			}
		}
		expect(missed).toEqual([]);
		// the samples are found at all (else the loop above proves nothing)
		expect(SECRET_RULES.every((r) => r.samples.positive.some((s) => found(s).length > 0))).toBe(true);
	});

	test('when random texts mix secret fragments, escapes and non-ASCII characters then a text with a detection is never skipped', () => {
		const fragments = SECRET_RULES.flatMap((r) => [...r.samples.positive, ...r.samples.negative]);
		const pieces = fc.oneof(
			fc.constantFrom(...fragments),
			fc.constantFrom('password=', 'Token: ', '%41', '&#65;', '&amp;', '4111.1111.1111.1111', '\u00ad', '\u200b', 'ＡＫＩＡ', 'ü', '://', 'https://u:p@h', ' '),
			fc.string({ maxLength: 12 }),
			fc.stringMatching(/^[A-Za-z0-9_-]{8,48}$/),
		);
		fc.assert(
			fc.property(fc.array(pieces, { maxLength: 8 }), (parts) => {
				const text = parts.join('');
				return maySecret(text) || found(text).length === 0;
			}),
			{ numRuns: 3000, seed: 16 },
		);
	});

	test('when a long text holds no literal of any secret rule and nothing the view reads differently then it is skipped', () => {
		const code = 'return $input.all();\n'.repeat(2000);
		expect(maySecret(code)).toBe(false);
		expect(found(code)).toEqual([]);
		expect(maySecret(`${code}const k = "sk-${'A1b2'.repeat(8)}";`)).toBe(true);
	});

	test('when an ASCII text is given to the one-pass gate then it answers as a lower-cased search of the literals plus the view check would', () => {
		const literals = ['sk', 'sg.', '://', '-----begin ', 'ghp_', 'token', 'a-b'];
		const gate = new AsciiGate(literals);
		const reference = (text: string) => literals.some((l) => text.toLowerCase().includes(l)) || needsView(text);
		const pieces = fc.oneof(
			fc.constantFrom('SK', 'sK', 's', 'k', 'Sg.', ':/', '/', 'GHP_', 'ToKeN', 'A-B', '%4', '%41', '%g1', '&#', '&#9', '&#x', '&#xA', '&amp;', '&am', '&x;', '.', '1234.5678', '1234.567', '12345.67890'),
			fc.string({ unit: fc.integer({ min: 0, max: 0x7f }).map((c) => String.fromCharCode(c)), maxLength: 10 }),
		);
		fc.assert(
			fc.property(fc.array(pieces, { maxLength: 10 }), (parts) => {
				const text = parts.join('');
				return gate.test(text) === reference(text);
			}),
			{ numRuns: 5000, seed: 16 },
		);
		expect(gate.test('ﬀ sk')).toBeUndefined(); // not ASCII: the caller takes the general path
		expect(gate.test('x'.repeat(5000) + 'tOkEn')).toBe(true);
		expect(gate.test('x'.repeat(5000) + 'toke')).toBe(false);
	});

	test('when a literal or an escape sits at any offset, odd or even, up to the last byte then the word-at-a-time gate finds it', () => {
		const gate = new AsciiGate(['sk', 'token']);
		for (const found of ['sk', 'SK', 'tOKen', '%41', '&#9']) {
			for (let length = found.length; length <= 9; length++) {
				for (let at = 0; at + found.length <= length; at++) {
					const text = 'x'.repeat(at) + found + 'x'.repeat(length - at - found.length);
					expect([text, gate.test(text)]).toEqual([text, true]);
					expect(gate.test(text.slice(0, -1))).toBe(text.endsWith(found) ? false : true); // cut: the find ends one byte short
				}
			}
		}
		expect(gate.test('s')).toBe(false);
		expect(gate.test('')).toBe(false);
		expect(gate.test('xs' + 'k'.repeat(3))).toBe(true); // the pair across two words: bytes 1 and 2
		const huge = 'x'.repeat((1 << 22) + 1); // longer than the shared buffer: the text gets a buffer of its own
		expect(gate.test(huge)).toBe(false);
		expect(gate.test(`${huge}sk`)).toBe(true); // at an odd offset, the last pair
		expect(gate.test(`${huge}xsk`)).toBe(true); // at an even offset
	});
});
