import { BASE, LC, flow, http, manual, n } from '../../cli/src/check/rules/fixture-kit';
import { run, tempDir } from './check-helpers';

const tmp = tempDir('ngov-secrets-');
afterAll(() => tmp.remove());

/** Planted secrets, one per parameter kind; none of them may appear in any output. */
const SECRETS = {
	header: 'ghp_Zq8vT3mK9pL2xW7nR4cY6bH1dF5gJ0sA3eU8',
	query: 'AKIAZ7QH3KX9LMNP2RWT',
	body: 'sk_live_51Hq8ZxKj3LmN0pQrStUvWxYz12AbCdEf',
	urlPassword: 'Tr0ub4dor-and-3-more',
	code: 'sk-proj-Qw3rTy8UiOp2AsDf5GhJk7LzXc9VbNm1Qw3rTy8UiOp2AsDf',
	set: 'xoxb-2048-4096-AbCdEfGhIjKlMnOpQrStUvWx',
	expression: 'glpat-Zq8vT3mK9pL2xW7nR4cY',
	prompt: 'sk-ant-api03-Zq8vT3mK9pL2xW7nR4cY6bH1dF5gJ0sA3eU8Zq8vT3mK9pL2xW7nR4cY6bH1dF5gJ0sA3eU8-AbCdEf',
	sticky: 'password=Sup3rS3cretSticky!',
};

function leaky(prompt: string) {
	return flow(
		'Leaky',
		[
			manual(),
			http('Headers', 'https://api.example.com/a', { sendHeaders: true, headerParameters: { parameters: [{ name: 'X-Token', value: SECRETS.header }] } }),
			http('Query', 'https://api.example.com/b', { sendQuery: true, queryParameters: { parameters: [{ name: 'key', value: SECRETS.query }] } }),
			http('Body', 'https://api.example.com/c', { method: 'POST', sendBody: true, bodyParameters: { parameters: [{ name: 'stripe', value: SECRETS.body }] } }),
			http('Url', `https://deploy:${SECRETS.urlPassword}@api.example.com/d`),
			n('Code', `${BASE}code`, { jsCode: `const key = "${SECRETS.code}";` }),
			n('Set', `${BASE}set`, { assignments: { assignments: [{ id: '1', name: 'slack', value: SECRETS.set, type: 'string' }] } }),
			n('Expr', `${BASE}set`, { assignments: { assignments: [{ id: '2', name: 'x', value: `={{ $json.a || '${SECRETS.expression}' }}`, type: 'string' }] } }),
			n('Agent', `${LC}agent`, { text: '={{ $json.q }}', options: { systemMessage: prompt } }),
			n('Note', `${BASE}stickyNote`, { content: `Ops note: ${SECRETS.sticky}` }),
		],
		[['Manual', 'Headers'], ['Headers', 'Query'], ['Query', 'Body'], ['Body', 'Url'], ['Url', 'Code'], ['Code', 'Set'], ['Set', 'Expr'], ['Expr', 'Agent']],
	);
}

describe('secrets never reach any output', () => {
	const path = () => tmp.write('leaky.json', leaky(`Answer politely. Internal key: ${SECRETS.prompt}`));

	test('when every parameter kind holds a secret then each is found by location', async () => {
		const result = await run(['check', '--format', 'json', path()]);
		const findings = (JSON.parse(result.stdout) as { findings: { ruleId: string; node?: string; message: string }[] }).findings.filter((f) => f.ruleId === 'GOV-SEC-001');
		for (const node of ['Headers', 'Query', 'Body', 'Url', 'Code', 'Set', 'Expr', 'Agent', 'Note']) {
			expect(findings.map((f) => f.node)).toContain(node);
		}
		findings.forEach((f) => expect(f.message).toMatch(/\[masked [A-Z_]+, \d+ chars\]/));
	});

	const outputs: [string, () => Promise<string>][] = [
		...['text', 'json', 'sarif', 'markdown'].map((format) => [`check --format ${format}`, async () => { const r = await run(['check', '--format', format, path()]); return r.stdout + r.stderr; }] as [string, () => Promise<string>]),
		...['table', 'csv', 'json', 'markdown'].map((format) => [`inventory --format ${format}`, async () => { const r = await run(['inventory', '--format', format, path()]); return r.stdout + r.stderr; }] as [string, () => Promise<string>]),
		[
			'diff (the prompt with the secret changed)',
			async () => {
				const old = tmp.write('old/leaky.json', leaky('Answer politely.'));
				const r = await run(['diff', old, path()]);
				expect(r.stdout).toContain('Prompt changed');
				return r.stdout + r.stderr;
			},
		],
	];
	test.each(outputs)('when running %s then no planted secret is printed', async (_name, produce) => {
		const text = await produce();
		expect(text.length).toBeGreaterThan(100);
		for (const secret of Object.values(SECRETS)) expect(text).not.toContain(secret);
		for (const secret of Object.values(SECRETS)) expect(text).not.toContain(secret.slice(-12)); // nor a long tail of one
	});
});
