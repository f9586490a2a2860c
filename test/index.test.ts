import * as fs from 'node:fs';
import * as path from 'node:path';
import * as api from '../index';

describe('package entry point (index.ts)', () => {
	test.each([
		// one representative function of each engine in lib/
		'assertEnvironment',
		'parseProfile',
		'createApprovalToken',
		'evaluateDecision',
		'totpCode',
		'detect',
		'redact',
		'restore',
		'redactObject',
		'signNext',
		'verifyAuditEvents',
		'verifyAuditLog',
		'canonicalize',
		'evaluateKillSwitch',
		'decideWithCache',
		'verifyIncomingWebhook',
	])('when the package is imported then %s is a function', (name) => {
		expect(typeof (api as Record<string, unknown>)[name]).toBe('function');
	});

	test('when lib/ is read then no engine imports n8n or anything beyond node:crypto and relative files', () => {
		const root = path.join(__dirname, '..', 'lib');
		const files = (fs.readdirSync(root, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts'));
		expect(files.length).toBeGreaterThan(50);
		const imports = files.flatMap((file) =>
			[...fs.readFileSync(path.join(root, file), 'utf8').matchAll(/^(?:import|export)\s[^;]*?\sfrom\s+'([^']+)';|\brequire\('([^']+)'\)/gm)].map(
				(m) => m[1] ?? m[2],
			),
		);
		expect(imports.filter((spec) => !spec.startsWith('.') && spec !== 'node:crypto')).toEqual([]);
	});
});
