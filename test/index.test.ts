import * as fs from 'node:fs';
import * as path from 'node:path';
import * as api from '../index';

describe('package entry point (index.ts)', () => {
	// Each engine works when reached through the package entry point, not only through its own module.
	test('when text is redacted with the token operator through the entry point then detect finds it and restore gives it back', () => {
		const text = 'Mail ann@example.com about card 4111 1111 1111 1111';
		expect(api.detect(text).map((d) => d.entity)).toEqual(['EMAIL_ADDRESS', 'CREDIT_CARD']);
		const secret = 'dGhlLWluZGV4LXRlc3Qtc2VjcmV0LW9mLTMyLWJ5dGVzLSE=';
		const redacted = api.redact(text, { operator: 'token', secret });
		expect(redacted.text).not.toContain('ann@example.com');
		expect(api.restore(redacted.text, redacted.encryptedMap!, secret).text).toBe(text);
	});

	test('when an audit chain is made through the entry point then it verifies, and a changed event does not', () => {
		const key = api.deriveAuditKey('aW5kZXgtdGVzdC1wcm9maWxlLXNpZ25pbmctc2VjcmV0LTMyYg==');
		const chain = api.createAuditChain({ executionId: 'e1', key, defaults: { actor: { type: 'system', id: 'n8n' }, workflow: { id: 'w1', name: 'W' }, execution: { id: 'e1', mode: 'trigger' } } });
		const events = [chain.append({ action: 'workflow.started', outcome: 'success' }), chain.close()];
		const keys = { [key.id]: key.secret };
		expect(api.verifyAuditEvents(events, keys)).toMatchObject({ valid: true });
		const tampered = [{ ...events[0], data: { ...events[0].data, outcome: 'failure' } }, events[1]];
		expect(api.verifyAuditEvents(tampered as typeof events, keys)).toMatchObject({ valid: false });
	});

	test('when the TOTP engine is reached through the entry point then it gives the RFC 6238 test vector', () => {
		// RFC 6238 appendix B, SHA-1, T = 59 s: 94287082 (8 digits), so 287082 with 6
		expect(api.totpCode('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 59_000)).toBe('287082');
	});

	test('when canonical JSON is made through the entry point then keys are sorted as RFC 8785 says', () => {
		expect(api.canonicalize({ b: 1, a: [true, null, 'x'] })).toBe('{"a":[true,null,"x"],"b":1}');
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
