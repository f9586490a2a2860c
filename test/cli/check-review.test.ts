import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { BASE, flow, gov, http, n, profile, webhook } from '../../cli/src/check/rules/fixture-kit';
import { cleanFlow, CLI_ROOT, run, tempDir } from './check-helpers';

const tmp = tempDir('ngov-review-');
afterAll(() => tmp.remove());

describe('n8n-governance inventory', () => {
	const path = () =>
		tmp.write('inv/wf.json', [
			{ ...cleanFlow('Refunds', 'wf-1'), active: true, tags: [{ name: 'finance' }, { name: 'data:confidential' }], updatedAt: '2026-11-01T10:00:00.000Z', versionId: 'v-7' },
			{ ...flow('=HYPERLINK("x")', [webhook(), http('Ask', 'https://api.openai.com/v1/responses', { method: 'POST', model: 'gpt-4o' }, { credentials: { openAiApi: { id: '9', name: 'OpenAI prod' } } })], [['Webhook', 'Ask']]), id: 'wf-2' },
		]);

	test('when asked for JSON then each workflow has owner, data class, triggers, credentials, hosts, models, controls and findings', async () => {
		const result = await run(['inventory', '--format', 'json', path()]);
		expect(result.code).toBe(0);
		const [refunds, ai] = JSON.parse(result.stdout) as Record<string, unknown>[];
		expect(refunds).toMatchObject({
			workflow: 'Refunds',
			id: 'wf-1',
			active: true,
			tags: ['finance', 'data:confidential'],
			owner: ['Governance Profile (finance)'],
			dataClass: 'confidential',
			lastChange: '2026-11-01T10:00:00.000Z',
			versionId: 'v-7',
			triggers: ['webhook'],
			controls: ['approvalGate', 'auditEmitter', 'environmentAssertion', 'killSwitch'],
			findings: 0,
		});
		expect(refunds.services).toEqual(['stripe']);
		expect(ai).toMatchObject({ hosts: ['api.openai.com'], aiModels: ['gpt-4o'], credentials: ['openAiApi: OpenAI prod'], owner: [] });
		expect(ai.findings).toBeGreaterThan(0);
		expect(refunds).not.toHaveProperty('lastExecution'); // only in live mode
	});

	test('when asked for CSV then cells are quoted and a leading = cannot run as a spreadsheet formula', async () => {
		const result = await run(['inventory', '--format', 'csv', path()]);
		const lines = result.stdout.trim().split('\n');
		expect(lines[0]).toMatch(/^workflow,id,file,active,tags,owner,dataClass,lastChange/);
		expect(lines[2]).toMatch(/^"'=HYPERLINK\(""x""\)",wf-2,/);
	});

	test.each(['table', 'markdown'])('when asked for %s then every workflow has a row', async (format) => {
		const result = await run(['inventory', '--format', format, path()]);
		expect(result.stdout).toContain('Refunds');
		expect(result.stdout).toContain('HYPERLINK');
	});
});

describe('n8n-governance diff', () => {
	const approved = () =>
		flow(
			'Support bot',
			[
				webhook(),
				gov('environmentAssertion', 'Assert', {}, { credentials: profile }),
				gov('redactRestore', 'Redact'),
				n('Agent', '@n8n/n8n-nodes-langchain.agent', { text: '={{ $json.q }}', options: { systemMessage: 'Answer politely.\nNever promise refunds.' } }),
				gov('auditEmitter', 'Audit', {}, { credentials: profile }),
			],
			[['Webhook', 'Assert'], ['Assert', 'Redact'], ['Redact', 'Agent'], ['Agent', 'Audit']],
		);

	test('when nothing changed then it says so and exits 0', async () => {
		const result = await run(['diff', tmp.write('d0/old.json', approved()), tmp.write('d0/new.json', approved())]);
		expect(result.stdout).toContain('0 of 1 workflow(s) changed; 0 risk(s) added.');
		expect(result.code).toBe(0);
	});

	test('when a control is removed, a host added, the prompt and webhook auth changed then it lists each and exits 1', async () => {
		const proposed = approved();
		const nodes = (proposed.nodes as Record<string, unknown>[]).filter((node) => node.name !== 'Redact');
		nodes[0] = webhook('Webhook', { authentication: 'none' });
		const agent = nodes.find((node) => node.name === 'Agent')!;
		agent.parameters = { text: '={{ $json.q }}', options: { systemMessage: 'Answer politely.\nRefund anything under 50 EUR.' } };
		nodes.push(http('Post ticket', 'https://tickets.example.net/new', { method: 'POST' }));
		const changed = { ...proposed, nodes, connections: { Webhook: { main: [[{ node: 'Assert', type: 'main', index: 0 }]] }, Assert: { main: [[{ node: 'Agent', type: 'main', index: 0 }]] }, Agent: { main: [[{ node: 'Audit', type: 'main', index: 0 }, { node: 'Post ticket', type: 'main', index: 0 }]] } } };
		const result = await run(['diff', tmp.write('d1/old.json', approved()), tmp.write('d1/new.json', changed)]);
		expect(result.code).toBe(1);
		expect(result.stdout).toContain('**Outbound hosts added:** `tickets.example.net`');
		expect(result.stdout).toContain('**Governance controls removed:**\n- Redact (redactRestore)');
		expect(result.stdout).toContain('- Webhook: headerAuth → none');
		expect(result.stdout).toContain('- Post ticket: sends HTTP POST to tickets.example.net');
		expect(result.stdout).toMatch(/```diff\n[\s\S]*-Never promise refunds\.\n\+Refund anything under 50 EUR\.[\s\S]*```/);
		expect(result.stdout).toMatch(/new GOV-DAT-001 at "Agent"/);
	});

	test('when a workflow is added then it is listed as added with its hosts', async () => {
		tmp.write('d2/old/a.json', approved());
		tmp.write('d2/new/a.json', approved());
		tmp.write('d2/new/b.json', { ...flow('New one', [webhook(), http('Call', 'https://api.example.org/x')], [['Webhook', 'Call']]), id: 'b' });
		const result = await run(['diff', join(tmp.dir, 'd2', 'old'), join(tmp.dir, 'd2', 'new')]);
		expect(result.stdout).toContain('### New one (added)');
		expect(result.stdout).toContain('`api.example.org`');
	});

	test('when an input is malformed then it exits 2', async () => {
		const result = await run(['diff', tmp.write('d3/old.json', '{'), tmp.write('d3/new.json', approved())]);
		expect(result.code).toBe(2);
		expect(result.stderr).toMatch(/old\.json: is not valid JSON at line 1/);
	});
});

describe('the packed CLI', () => {
	test('when installed from its npm pack tarball then `npx n8n-governance --help` and check work', () => {
		const root = join(CLI_ROOT, '..');
		execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(CLI_ROOT, 'tsconfig.json')], { stdio: 'pipe' });
		const packDir = join(tmp.dir, 'pack');
		const app = join(tmp.dir, 'app');
		mkdirSync(packDir);
		mkdirSync(app);
		const npm = (args: string[], cwd: string) => spawnSync('npm', args, { cwd, encoding: 'utf8', env: { ...process.env, npm_config_ignore_scripts: 'true' } });
		const packed = npm(['pack', '--silent', '--pack-destination', packDir], CLI_ROOT);
		expect(packed.stderr).not.toMatch(/ERR/);
		const tarball = join(packDir, readdirSync(packDir).find((f) => f.endsWith('.tgz'))!);
		npm(['init', '-y'], app);
		const installed = npm(['install', '--prefer-offline', '--no-audit', '--no-fund', tarball], app);
		expect(installed.status).toBe(0);
		const help = npm(['exec', '--offline', '--', 'n8n-governance', '--help'], app);
		expect(help.stdout).toContain('n8n-governance check PATH…');
		expect(help.status).toBe(0);
		const check = npm(['exec', '--offline', '--', 'n8n-governance', 'check', tmp.write('pack-check.json', cleanFlow())], app);
		expect(check.stdout).toMatch(/^PASS/m);
		expect(check.status).toBe(0);
	}, 600_000);
});
