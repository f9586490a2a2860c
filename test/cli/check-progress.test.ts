/** The progress line while a large input is read: standard error of a terminal only, over 50 files, never in a report. */
import { join } from 'node:path';
import { main } from '../../cli/src/cli';
import { fileProgress, PROGRESS_MIN_FILES } from '../../cli/src/commands/progress';
import { cleanFlow, tempDir } from './check-helpers';

const tmp = tempDir('ngov-progress-');
afterAll(() => tmp.remove());

/** A --separate folder of `count` clean workflows. */
function folder(name: string, count: number): string {
	for (let i = 0; i < count; i++) tmp.write(`${name}/wf-${String(i).padStart(3, '0')}.json`, cleanFlow(`Clean ${i}`, `c${i}`));
	return join(tmp.dir, name);
}

async function run(args: string[], isTTY: boolean) {
	let stdout = '';
	let stderr = '';
	const code = await main(args, { out: (t) => (stdout += t), err: (t) => (stderr += t), readStdin: () => '', isTTY, columns: 100 });
	return { code, stdout, stderr };
}

const big = folder('big', PROGRESS_MIN_FILES + 10);
const small = folder('small', PROGRESS_MIN_FILES);

describe('n8n-governance check: progress line', () => {
	test.each(['json', 'sarif', 'text'])('when more than 50 files are read on a terminal then stderr shows the line and the %s report holds none of it', async (format) => {
		const result = await run(['check', '--format', format, big], true);
		expect(result.code).toBe(0);
		expect(result.stderr).toContain(`reading [${'='.repeat(30)}] 60/60 files`);
		expect(result.stderr.endsWith('\n')).toBe(true); // the line is ended: what follows starts on a new line
		for (const mark of ['reading', '\u001b', '\r']) expect(result.stdout).not.toContain(mark); // no text, escape code or carriage return
		if (format !== 'text') expect(() => JSON.parse(result.stdout)).not.toThrow();
	});

	test('when inventory reads more than 50 files on a terminal then the line is on stderr only', async () => {
		const result = await run(['inventory', '--format', 'json', big], true);
		expect(result.stderr).toContain('60/60 files');
		expect((JSON.parse(result.stdout) as unknown[]).length).toBe(60);
	});

	test('when stderr is not a terminal then nothing is drawn', async () => {
		const result = await run(['check', '--format', 'json', big], false);
		expect(result.stderr).toBe('');
	});

	test('when 50 files or fewer are read then nothing is drawn', async () => {
		const result = await run(['check', '--format', 'json', small], true);
		expect(result.stderr).toBe('');
	});

	test('when reading stops early then stop() ends the line once', () => {
		let err = '';
		const progress = fileProgress({ out: () => undefined, err: (t) => (err += t), isTTY: true })!;
		progress.onFile(1, 200);
		progress.stop();
		progress.stop();
		expect(err).toContain('1/200 files');
		expect(err.match(/\n/g)).toHaveLength(1);
	});
});
