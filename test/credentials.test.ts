import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Credential type names are global in n8n (node types carry the package prefix, credential types do not): every
 * type of this pack carries the `governance` prefix, and its file, class, type and display names agree.
 */
const root = path.join(__dirname, '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { n8n: { credentials: string[] } };
const files = fs.readdirSync(path.join(root, 'credentials')).filter((f) => f.endsWith('.credentials.ts'));

describe('credential type names', () => {
	test('every credential file is listed in package.json, and every listed one exists', () => {
		const listed = pkg.n8n.credentials.map((p) => path.basename(p).replace(/\.js$/, '.ts')).sort();
		expect(listed).toEqual([...files].sort());
	});

	test.each(files)('%s: class, type name and display name carry the prefix and agree', (file) => {
		const source = fs.readFileSync(path.join(root, 'credentials', file), 'utf8');
		const className = /export class (\w+) implements ICredentialType/.exec(source)?.[1];
		const typeName = /\bname = '(\w+)';/.exec(source)?.[1];
		const displayName = /\bdisplayName = '([^']+)';/.exec(source)?.[1];
		expect(file).toBe(`${className}.credentials.ts`);
		expect(className).toMatch(/^Governance[A-Z]\w*Api$/);
		expect(typeName).toBe(className!.charAt(0).toLowerCase() + className!.slice(1));
		expect(displayName).toMatch(/^Governance .* API$/);
		expect(displayName!.replace(/\s+/g, '').toLowerCase()).toBe(className!.toLowerCase());
	});
});
