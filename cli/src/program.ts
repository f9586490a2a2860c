/** check, inventory and diff: argument parsing with commander. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { checkCommand, EXIT } from './commands/check';
import type { Io } from './commands/common';
import { UnusableInput } from './commands/common';
import { diffCommand } from './commands/diff';
import { inventoryCommand } from './commands/inventory';
import { LiveError } from './commands/live';

/** The CLI package's version (its package.json sits above src/ and above dist/cli/src/). */
export function cliVersion(): string {
	for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
		const file = join(dir, 'package.json');
		if (existsSync(file)) {
			const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
			if (pkg.name === 'n8n-governance') return pkg.version ?? '0.0.0';
		}
	}
	return '0.0.0';
}

/** A command over workflows read from PATHs or a live instance, with its output formats (the first is the default). */
function workflowsCommand(program: Command, name: string, description: string, formats: string[]): Command {
	return program
		.command(name)
		.description(description)
		.argument('[paths...]', 'workflow export files or folders (single workflows, --separate folders, --all arrays, API pages)')
		.option('--instance <url>', 'read a live n8n instance through its public API (read only)')
		.option('--api-key-file <file>', 'file holding the n8n API key ("-" reads standard input)')
		.option('--policy <file>', 'policy file (default: ./n8n-governance.policy.json when present)')
		.option('-o, --output <file>', 'write the report to a file instead of standard output')
		.addOption(new Option('--format <format>', 'output format').choices(formats).default(formats[0]));
}

export function buildProgram(io: Io, codes: { code: number }): Command {
	const program = new Command('n8n-governance')
		.exitOverride()
		.configureOutput({ writeOut: io.out, writeErr: io.err })
		.showHelpAfterError()
		.version(cliVersion());
	workflowsCommand(program, 'check', 'check workflows against the rollout checklist; exit 0 pass, 1 findings at or above --fail-on, 2 unusable input', ['text', 'json', 'sarif', 'markdown'])
		.addOption(new Option('--fail-on <level>', 'lowest severity that fails the check').choices(['error', 'warning', 'note', 'never']).default('error'))
		.option('--environment <name>', 'the environment checked for (production: environment and ownership findings are errors)')
		.action(async (paths: string[], options) => {
			codes.code = await checkCommand(paths, options, io, cliVersion());
		});
	workflowsCommand(program, 'inventory', 'list workflows with owner, data class, triggers, credentials, third parties, AI models and controls', ['table', 'csv', 'json', 'markdown']).action(
		async (paths: string[], options) => {
			codes.code = await inventoryCommand(paths, options, io);
		},
	);
	program
		.command('diff')
		.description('a reviewer\'s summary of what changed between two versions; exit 1 when the change adds a risk')
		.argument('<old>', 'the last approved version (file or folder)')
		.argument('<new>', 'the proposed version (file or folder)')
		.option('--policy <file>', 'policy file (default: ./n8n-governance.policy.json when present)')
		.option('-o, --output <file>', 'write the summary to a file instead of standard output')
		.action(async (oldPath: string, newPath: string, options) => {
			codes.code = await diffCommand(oldPath, newPath, options, io);
		});
	return program;
}

/** Runs check / inventory / diff and resolves to the exit code. */
export async function runProgram(argv: string[], io: Io): Promise<number> {
	const codes = { code: EXIT.pass as number };
	try {
		await buildProgram(io, codes).parseAsync(argv, { from: 'user' });
		return codes.code;
	} catch (error) {
		if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : EXIT.unusable;
		if (error instanceof UnusableInput || error instanceof LiveError) {
			io.err(`error: ${error.message}\n`);
			return EXIT.unusable;
		}
		throw error;
	}
}
