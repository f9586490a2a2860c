/** The ready-to-copy GitHub Actions workflow in docs/: it exports, checks with SARIF and uploads that file. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const text = readFileSync(join(ROOT, 'docs', 'github-actions-n8n-governance.yml'), 'utf8');

describe('docs/github-actions-n8n-governance.yml', () => {
	test('when read then it exports through the public API with GET requests only', () => {
		expect(text).toContain('/api/v1/workflows?limit=100');
		expect(text).toMatch(/X-N8N-API-KEY: \$N8N_API_KEY/);
		expect(text).not.toMatch(/-X\s*(POST|PUT|PATCH|DELETE)|--request\s*(POST|PUT|PATCH|DELETE)|--data/);
	});

	test('when read then it checks the exports as SARIF and uploads that same file to code scanning', () => {
		const check = /n8n-governance check workflows\/ [^\n]*--format sarif --output (\S+)/.exec(text);
		expect(check).not.toBeNull();
		expect(text).toMatch(/uses: github\/codeql-action\/upload-sarif@v\d/);
		expect(text).toContain(`sarif_file: ${check![1]}`);
		expect(text).toMatch(/security-events: write/);
	});

	test('when read then it is indented with spaces only (YAML refuses tabs)', () => {
		expect(text).not.toMatch(/^\t/m);
	});

	test('when the README links the example then the link points at this file', () => {
		expect(readFileSync(join(ROOT, 'README.md'), 'utf8')).toContain('(docs/github-actions-n8n-governance.yml)');
	});
});
