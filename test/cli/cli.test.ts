import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAuditChain, deriveAuditKey } from '../../lib/audit';
import type { AuditEvent } from '../../lib/audit';

const ROOT = join(__dirname, '..', '..');
const BIN = join(ROOT, 'cli', 'bin', 'n8n-governance.js');
const KEY = { id: 'cli-key', secret: 'cli-secret-0123456789' };

let dir: string;
let events: AuditEvent[];

function file(name: string, content: string): string {
	const path = join(dir, name);
	writeFileSync(path, content);
	return path;
}

function run(args: string[], input?: string) {
	const result = spawnSync(process.execPath, [BIN, ...args], { input, encoding: 'utf8', timeout: 30_000 });
	return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function chain(executionId: string, actor: { type: string; id: string }, workflowId: string): AuditEvent[] {
	const c = createAuditChain({
		executionId,
		key: KEY,
		defaults: { actor, workflow: { id: workflowId, name: `Flow ${workflowId}`, versionId: `${workflowId}-v2` }, execution: { id: executionId, mode: 'trigger' } },
	});
	return [c.append({ action: 'workflow.started', outcome: 'success' }), c.append({ action: 'data.sent_to_model', outcome: 'success', node: { name: 'LLM' } }), c.close()];
}

const jsonl = (list: unknown[]) => list.map((e) => JSON.stringify(e)).join('\n') + '\n';

beforeAll(() => {
	// Build the CLI the way `npm run build:cli` does, so the test runs what users run.
	execFileSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(ROOT, 'cli', 'tsconfig.json')], { stdio: 'pipe' });
	dir = mkdtempSync(join(tmpdir(), 'ngov-cli-'));
	const a = chain('exec-1', { type: 'user', id: 'alice' }, 'wf-a');
	const b = chain('exec-2', { type: 'schedule', id: 'cron-1' }, 'wf-b');
	events = [a[0], b[0], a[1], b[1], a[2], b[2]];
}, 180_000);

afterAll(() => {
	if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('n8n-governance audit verify', () => {
	test.each([
		['a JSON key file and JSON lines', () => ['--key-file', file('k.json', JSON.stringify({ [KEY.id]: KEY.secret })), file('e.jsonl', jsonl(events))]],
		['a keyId=secret file and a JSON array', () => ['--key-file', file('k.txt', `${KEY.id}=${KEY.secret}\n`), file('e.json', JSON.stringify(events))]],
	])('when the log is untouched and keys come from %s then it exits 0', (_name, args) => {
		const result = run(['audit', 'verify', ...args()]);
		expect(result.stderr).toBe('');
		expect(result.code).toBe(0);
		expect(result.stdout).toMatch(/^OK: 6 event\(s\) in 2 chain\(s\), 2 closed/);
	});

	test('when the log is read from standard input then it verifies too', () => {
		const result = run(['audit', 'verify', '--require-closed', '--key-file', file('k2.json', JSON.stringify({ [KEY.id]: KEY.secret })), '-'], jsonl(events));
		expect(result.code).toBe(0);
	});

	test('when an event was modified then it exits 1 and names the event and reason', () => {
		const tampered = JSON.parse(JSON.stringify(events)) as AuditEvent[];
		tampered[2].data.outcome = 'failure';
		const result = run(['audit', 'verify', '--key-file', file('k3.json', JSON.stringify({ [KEY.id]: KEY.secret })), file('t.jsonl', jsonl(tampered))]);
		expect(result.code).toBe(1);
		expect(result.stdout).toContain('TAMPERED');
		expect(result.stdout).toContain(`event ${tampered[2].id}, chain exec-1, seq 1: bad_signature`);
	});

	test('when an event was removed then it exits 1', () => {
		const result = run(['audit', 'verify', '--key-file', file('k4.json', JSON.stringify({ [KEY.id]: KEY.secret })), file('r.jsonl', jsonl(events.filter((_, i) => i !== 2)))]);
		expect(result.code).toBe(1);
		expect(result.stdout).toMatch(/seq_mismatch|prevhash_mismatch/);
	});

	test('when --json is given then the result is machine-readable', () => {
		const result = run(['audit', 'verify', '--json', '--key-file', file('k5.json', JSON.stringify({ [KEY.id]: KEY.secret })), file('j.jsonl', jsonl(events))]);
		expect(JSON.parse(result.stdout)).toMatchObject({ valid: true, problems: [], eventCount: 6 });
	});

	test.each([
		['the file does not exist', () => ['audit', 'verify', '--key-file', file('k6.json', '{"a":"b"}'), join(dir, 'missing.jsonl')], /Cannot read/],
		['the log is not JSON', () => ['audit', 'verify', '--key-file', file('k7.json', '{"a":"b"}'), file('bad.jsonl', '{"x":1}\nnot json\n')], /Line 2/],
		['the log is empty', () => ['audit', 'verify', '--key-file', file('k8.json', '{"a":"b"}'), file('empty.jsonl', '\n')], /no audit events/],
		['the key file is unusable', () => ['audit', 'verify', '--key-file', file('k9.txt', 'nonsense'), file('e2.jsonl', jsonl(events))], /keyId=secret/],
		['no key file is given', () => ['audit', 'verify', file('e3.jsonl', jsonl(events))], /needs --key-file/],
		['the command is unknown', () => ['audit', 'frobnicate'], /Unknown command/],
	])('when %s then it exits 2 with an error', (_name, args, message) => {
		const result = run(args());
		expect(result.code).toBe(2);
		expect(result.stderr).toMatch(message);
	});
});

describe('n8n-governance audit query', () => {
	test.each([
		['--execution', ['--execution', 'exec-2'], 'Execution exec-2 [trigger] of workflow "Flow wf-b" (wf-b)', 'identity: schedule:cron-1'],
		['--workflow', ['--workflow', 'wf-a'], 'Execution exec-1 [trigger] of workflow "Flow wf-a" (wf-a)', 'version: wf-a-v2'],
		['--actor', ['--actor', 'user:alice'], 'Execution exec-1', 'identity: user:alice'],
	])('when filtering with %s then it prints the matching timeline', (_name, filter, header, line) => {
		const result = run(['audit', 'query', file(`q${_name}.jsonl`, jsonl(events)), ...filter]);
		expect(result.code).toBe(0);
		expect(result.stdout).toContain(header);
		expect(result.stdout).toContain(line);
		expect(result.stdout).toContain('3 event(s) in 1 execution(s).');
	});

	test('when nothing matches then it says so and exits 0', () => {
		const result = run(['audit', 'query', file('q-none.jsonl', jsonl(events)), '--execution', 'nope']);
		expect(result.code).toBe(0);
		expect(result.stdout).toBe('No matching audit events.\n');
	});

	test('when a key file is given and the log was tampered then query warns on stderr', () => {
		const tampered = JSON.parse(JSON.stringify(events)) as AuditEvent[];
		tampered[0].data.actor.id = 'mallory';
		const result = run(['audit', 'query', file('q-t.jsonl', jsonl(tampered)), '--key-file', file('qk.json', JSON.stringify({ [KEY.id]: KEY.secret })), '--execution', 'exec-1']);
		expect(result.code).toBe(0);
		expect(result.stderr).toMatch(/WARNING: \d+ integrity problem/);
	});
});

describe('n8n-governance audit key', () => {
	test('when given a profile secret then it prints the key-file line the Audit Emitter signs with, and it verifies', () => {
		const profileSecret = 'profile-secret-for-the-cli-test-0123456789';
		const result = run(['audit', 'key', '--secret-file', '-'], `${profileSecret}\n`);
		expect(result.code).toBe(0);
		const keyFile = JSON.parse(result.stdout) as Record<string, string>;
		const derived = deriveAuditKey(profileSecret);
		expect(keyFile).toEqual({ [derived.id]: derived.secret });
		const signed = createAuditChain({ executionId: 'exec-k', key: derived, defaults: { actor: { type: 'system' } } });
		const log = file('derived.jsonl', jsonl([signed.append({ action: 'workflow.started', outcome: 'success' })]));
		expect(run(['audit', 'verify', '--key-file', file('derived-keys.json', result.stdout), log]).code).toBe(0);
	});

	test('when no secret file is given then it exits 2 with usage', () => {
		const result = run(['audit', 'key']);
		expect(result.code).toBe(2);
		expect(result.stderr).toMatch(/audit key needs --secret-file/);
	});
});
