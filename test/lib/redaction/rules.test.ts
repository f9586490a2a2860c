import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUILT_IN_ENTITIES, DEFAULT_MIN_SCORE, NO_CONTEXT_FACTOR, RULE_FAMILIES, RULES, detectWithRules, isSecretEntity } from '../../../lib/redaction';

describe('rule table', () => {
	test('when the table is built then every id is unique and kebab-case', () => {
		const ids = RULES.map((r) => r.id);
		expect(new Set(ids).size).toBe(ids.length);
		for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
	});

	test('when a family file exists in rules/ then it is part of the table', () => {
		const dir = join(__dirname, '../../../lib/redaction/rules');
		const files = readdirSync(dir)
			.filter((f) => f.endsWith('.ts') && f !== 'index.ts')
			.map((f) => f.replace(/\.ts$/, ''));
		expect(Object.keys(RULE_FAMILIES).sort()).toEqual(files.sort());
	});

	test('when rules are listed then each has a global pattern, score in (0,1], samples and a description', () => {
		for (const r of RULES) {
			expect(r.pattern.global).toBe(true);
			expect(r.score).toBeGreaterThan(0);
			expect(r.score).toBeLessThanOrEqual(1);
			expect(r.samples.positive.length).toBeGreaterThan(0);
			expect(r.samples.negative.length).toBeGreaterThan(0);
			expect(r.description.length).toBeGreaterThan(10);
			if (r.requiresContext) expect(r.keywords?.length).toBeGreaterThan(0);
			for (const k of r.keywords ?? []) expect(k).toBe(k.toLowerCase());
		}
	});

	test('when a rule row is read then it holds only its meaning (no speed hints)', () => {
		const meaning = new Set(['id', 'entity', 'description', 'pattern', 'group', 'keywords', 'requiresContext', 'validate', 'refine', 'score', 'defaultOperator', 'samples']);
		for (const r of RULES) expect(Object.keys(r).filter((k) => !meaning.has(k))).toEqual([]);
	});

	test("when the README's entity table is read then it lists every built-in entity, once, and no other", () => {
		const readme = readFileSync(join(__dirname, '../../../README.md'), 'utf8');
		const table = readme.slice(readme.indexOf('<!-- entities:start'), readme.indexOf('<!-- entities:end'));
		const listed = [...table.matchAll(/^\| `([A-Z0-9_]+)` \|/gm)].map((m) => m[1]);
		expect([...listed].sort()).toEqual([...BUILT_IN_ENTITIES].sort());
		expect(new Set(listed).size).toBe(listed.length);
	});

	test('when the entity list is read then the required entities are all present', () => {
		for (const e of [
			'CREDIT_CARD', 'IBAN_CODE', 'EMAIL_ADDRESS', 'PHONE_NUMBER', 'IP_ADDRESS', 'MAC_ADDRESS', 'URL', 'CRYPTO',
			'US_SSN', 'US_ITIN', 'US_PASSPORT', 'US_BANK_NUMBER', 'US_DRIVER_LICENSE', 'UK_NHS', 'UK_NINO', 'ES_NIF',
			'ES_NIE', 'IT_FISCAL_CODE', 'IT_VAT_CODE', 'PL_PESEL', 'AU_ABN', 'AU_ACN', 'AU_TFN', 'AU_MEDICARE',
			'IN_AADHAAR', 'IN_PAN', 'SG_NRIC_FIN', 'FI_PERSONAL_IDENTITY_CODE', 'DATE_TIME', 'SECRET_AWS_ACCESS_KEY',
			'SECRET_GITHUB_TOKEN', 'SECRET_GITLAB_TOKEN', 'SECRET_SLACK_TOKEN', 'SECRET_SLACK_WEBHOOK', 'SECRET_OPENAI_KEY',
			'SECRET_ANTHROPIC_KEY', 'SECRET_GOOGLE_API_KEY', 'SECRET_STRIPE_KEY', 'SECRET_TWILIO_KEY', 'SECRET_SENDGRID_KEY',
			'SECRET_PRIVATE_KEY', 'SECRET_JWT', 'SECRET_URL_CREDENTIALS', 'SECRET_GENERIC', 'SWIFT_CODE', 'NL_BSN', 'DE_TAX_ID',
			'SE_PERSONNUMMER', 'DK_CPR', 'FR_NIR', 'BE_NATIONAL_NUMBER',
		]) {
			expect(BUILT_IN_ENTITIES).toContain(e);
		}
	});

	const positives = RULES.flatMap((r) => r.samples.positive.map((s) => [r.id, s] as const));
	const negatives = RULES.flatMap((r) => r.samples.negative.map((s) => [r.id, s] as const));

	// Each row: a rule and one of its own positive samples; the rule alone must find its entity at the node's default Minimum Score.
	test.each(positives)('when rule %s runs on its positive sample %j then it detects its entity', (id, sample) => {
		const rule = RULES.find((r) => r.id === id)!;
		const found = detectWithRules(sample, [rule], DEFAULT_MIN_SCORE);
		expect(found.map((d) => d.entity)).toContain(rule.entity);
	});

	// Each row: a rule and one of its own negative samples; the rule alone finds nothing at the node's
	// default Minimum Score, and without a threshold at most weak candidates of a rule that wants context.
	test.each(negatives)('when rule %s runs on its negative sample %j then it detects nothing', (id, sample) => {
		const rule = RULES.find((r) => r.id === id)!;
		expect(detectWithRules(sample, [rule], DEFAULT_MIN_SCORE)).toEqual([]);
		const weak = detectWithRules(sample, [rule]);
		if (!rule.requiresContext) expect(weak).toEqual([]);
		for (const d of weak) expect(d.score).toBeLessThanOrEqual(rule.score * NO_CONTEXT_FACTOR);
	});

	test.each([
		// secret entities are recognised by prefix
		['SECRET_JWT', true],
		['SECRET_GENERIC', true],
		// PII entities are not secrets
		['EMAIL_ADDRESS', false],
		['CREDIT_CARD', false],
	])('when isSecretEntity(%s) then %s', (entity, expected) => {
		expect(isSecretEntity(entity)).toBe(expected);
	});
});
