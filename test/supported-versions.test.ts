import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The supported n8n range (package.json engines.n8n) starts at the release the compatibility smoke runs on
 * (test/e2e/host-oldest), holds the release every e2e test runs on (test/e2e/host), and the README says the same.
 */
const root = path.join(__dirname, '..');
const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');
const pkg = JSON.parse(read('package.json')) as { engines: { n8n: string; node: string } };
const pinned = (host: string) => (JSON.parse(read(`test/e2e/${host}/package.json`)) as { dependencies: { n8n: string } }).dependencies.n8n;
const version = (text: string) => text.split('.').map(Number);
const compare = (a: string, b: string) => {
	const [x, y] = [version(a), version(b)];
	for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] - y[i];
	return 0;
};

describe('supported versions', () => {
	const range = /^>=(\d+\.\d+\.\d+) <(\d+)$/.exec(pkg.engines.n8n);

	test('when engines.n8n is read then it is ">=<oldest> <<next major>>", starting at the release the smoke runs on', () => {
		expect(range).not.toBeNull();
		expect(range![1]).toBe(pinned('host-oldest'));
	});

	test('when the main e2e host is read then its n8n lies in the supported range', () => {
		const main = pinned('host');
		expect(compare(main, range![1])).toBeGreaterThanOrEqual(0);
		expect(version(main)[0]).toBeLessThan(Number(range![2]));
	});

	test('when the README is read then it states both ranges as package.json does', () => {
		const readme = read('README.md');
		const section = readme.slice(readme.indexOf('## Supported versions'), readme.indexOf('\n## ', readme.indexOf('## Supported versions') + 5));
		expect(section).toContain(`\`"n8n": "${pkg.engines.n8n}"\``);
		expect(section).toContain(`\`"node": "${pkg.engines.node.replace(/\|/g, '\\|')}"\``);
		expect(section).toContain(`${range![1]} and later ${Number(range![2]) - 1}.x`);
	});
});
