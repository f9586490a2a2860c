/** Parsed command line: positional arguments and `--name value` / `--flag` options. */
export interface ParsedArgs {
	positional: string[];
	options: Record<string, string | true>;
}

/** Options that take a value; every other `--name` is a boolean flag. */
const VALUE_OPTIONS = new Set(['key-file', 'execution', 'workflow', 'actor', 'secret-file']);

export class UsageError extends Error {}

export function parseArgs(argv: string[]): ParsedArgs {
	const positional: string[] = [];
	const options: Record<string, string | true> = {};
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		if (arg === '--') {
			positional.push(...argv.slice(i + 1));
			break;
		}
		if (arg.startsWith('--')) {
			const eq = arg.indexOf('=');
			const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
			if (VALUE_OPTIONS.has(name)) {
				const value = eq === -1 ? argv[++i] : arg.slice(eq + 1);
				if (value === undefined || value === '') throw new UsageError(`--${name} needs a value`);
				options[name] = value;
			} else {
				if (eq !== -1) throw new UsageError(`--${name} takes no value`);
				options[name] = true;
			}
		} else if (arg.startsWith('-') && arg !== '-') {
			if (arg === '-h') options.help = true;
			else throw new UsageError(`Unknown option ${arg}`);
		} else {
			positional.push(arg);
		}
	}
	return { positional, options };
}
