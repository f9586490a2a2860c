/// <reference types="node" />
import { readFileSync } from 'node:fs';
import {
	deriveAuditKey,
	formatAuditTimeline,
	parseKeyFile,
	queryAuditLog,
	verifyAuditLog,
} from '../../lib/audit';
import type { AuditQuery, AuditTimeline, AuditVerification } from '../../lib/audit';
import { UsageError, parseArgs } from './args';
import type { ParsedArgs } from './args';
import { runProgram } from './program';

/** Exit codes: 0 valid / done, 1 tampered, 2 unusable input or usage error. */
export const EXIT_OK = 0;
export const EXIT_TAMPERED = 1;
export const EXIT_UNUSABLE = 2;

export const USAGE = `Usage:
  n8n-governance check PATH… [--instance URL --api-key-file F] [--policy F] [--environment ENV]
                       [--format text|json|sarif|markdown] [--fail-on error|warning|note|never] [-o FILE]
  n8n-governance inventory PATH… [--instance URL --api-key-file F] [--format table|csv|json|markdown]
  n8n-governance diff OLD NEW [--policy F]
  n8n-governance audit verify --key-file KEYS [--require-closed] [--json] FILE|-
  n8n-governance audit query FILE|- [--execution ID] [--workflow ID] [--actor X] [--key-file KEYS] [--json]
  n8n-governance audit key --secret-file FILE|-

FILE holds audit events as a JSON array or JSON Lines; "-" reads standard input.
KEYS is a JSON object {"<keyId>": "<secret>"} or lines keyId=secret.
verify exits 0 when every event verifies, 1 when events were tampered with, 2 when the input is unusable.
--require-closed also reports chains without a closing event (their tail may be cut).
--actor matches an actor id, name, type, or type:id.
audit key prints the key-file line for a Governance Profile signing secret (read from FILE or standard
input): the Audit Emitter signs with a key derived from it, so the profile secret itself is never handed out.
`;

export interface Io {
	out: (text: string) => void;
	err: (text: string) => void;
	readStdin: () => string | Uint8Array;
	isTTY?: boolean;
	columns?: number;
}

const defaultIo: Io = {
	out: (text) => process.stdout.write(text),
	err: (text) => process.stderr.write(text),
	readStdin: () => readFileSync(0),
	isTTY: process.stderr.isTTY === true,
	columns: process.stderr.columns,
};

const PROGRAM_COMMANDS = new Set(['check', 'inventory', 'diff']);

class UnusableInput extends Error {}

/** The bytes of FILE or standard input ("-"), undecoded: verify reads JSON Lines from bytes. */
function readInput(file: string | undefined, io: Io): string | Uint8Array {
	if (file === undefined) throw new UsageError('Give a FILE or - for standard input');
	try {
		return file === '-' ? io.readStdin() : readFileSync(file);
	} catch (error) {
		throw new UnusableInput(`Cannot read ${file === '-' ? 'standard input' : file}: ${(error as Error).message}`);
	}
}

function readText(file: string | undefined, io: Io): string {
	const input = readInput(file, io);
	return typeof input === 'string' ? input : Buffer.from(input.buffer, input.byteOffset, input.byteLength).toString('utf8');
}

function readKeys(path: string): Record<string, string> {
	let text: string;
	try {
		text = readFileSync(path, 'utf8');
	} catch (error) {
		throw new UnusableInput(`Cannot read key file ${path}: ${(error as Error).message}`);
	}
	try {
		return parseKeyFile(text);
	} catch (error) {
		throw new UnusableInput((error as Error).message);
	}
}

function describe(result: AuditVerification): string {
	const closed = result.chains.filter((c) => c.closed).length;
	return `${result.eventCount} event(s) in ${result.chains.length} chain(s), ${closed} closed`;
}

function verifyCommand(args: ParsedArgs, io: Io): number {
	const keyFile = args.options['key-file'];
	if (typeof keyFile !== 'string') throw new UsageError('audit verify needs --key-file KEYS');
	const keys = readKeys(keyFile);
	const input = readInput(args.positional[2], io);
	let result: AuditVerification;
	try {
		result = verifyAuditLog(input, keys, { requireClosed: args.options['require-closed'] === true });
	} catch (error) {
		throw new UnusableInput((error as Error).message);
	}
	if (result.eventCount === 0) throw new UnusableInput('The input holds no audit events');
	if (args.options.json === true) {
		io.out(`${JSON.stringify(result, null, 2)}\n`);
	} else if (result.valid) {
		io.out(`OK: ${describe(result)}; every signature and link verified.\n`);
	} else {
		io.out(`TAMPERED: ${result.problems.length} problem(s) in ${describe(result)}.\n`);
		for (const p of result.problems) {
			const where = [p.eventId ? `event ${p.eventId}` : 'event (no id)', p.chainId !== undefined ? `chain ${p.chainId}` : '', p.seq !== undefined ? `seq ${p.seq}` : '']
				.filter(Boolean)
				.join(', ');
			io.out(`  #${p.index} ${where}: ${p.code}: ${p.reason}\n`);
		}
	}
	return result.valid ? EXIT_OK : EXIT_TAMPERED;
}

function queryCommand(args: ParsedArgs, io: Io): number {
	const input = readInput(args.positional[2], io);
	const query: AuditQuery = {};
	if (typeof args.options.execution === 'string') query.executionId = args.options.execution;
	if (typeof args.options.workflow === 'string') query.workflowId = args.options.workflow;
	if (typeof args.options.actor === 'string') query.actor = args.options.actor;
	const keyFile = args.options['key-file'];
	let timeline: AuditTimeline;
	try {
		if (typeof keyFile === 'string') {
			const result = verifyAuditLog(input, readKeys(keyFile));
			if (!result.valid) io.err(`WARNING: ${result.problems.length} integrity problem(s); run "audit verify" for details.\n`);
		}
		timeline = queryAuditLog(input, query);
	} catch (error) {
		if (error instanceof UsageError || error instanceof UnusableInput) throw error;
		throw new UnusableInput((error as Error).message);
	}
	io.out(args.options.json === true ? `${JSON.stringify(timeline, null, 2)}\n` : formatAuditTimeline(timeline));
	return EXIT_OK;
}

function keyCommand(args: ParsedArgs, io: Io): number {
	const file = args.options['secret-file'];
	if (typeof file !== 'string') throw new UsageError('audit key needs --secret-file FILE (or - for standard input)');
	const secret = readText(file, io).replace(/\r?\n$/, '');
	let key: { id: string; secret: string };
	try {
		key = deriveAuditKey(secret);
	} catch (error) {
		throw new UnusableInput((error as Error).message);
	}
	io.out(`${JSON.stringify({ [key.id]: key.secret })}\n`);
	return EXIT_OK;
}

/** Runs the CLI with `argv` (without node and script) and resolves to the exit code. */
export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
	try {
		if (PROGRAM_COMMANDS.has(argv[0])) return await runProgram(argv, io);
		const args = parseArgs(argv);
		if (args.options.help === true || args.positional.length === 0) {
			io.out(USAGE);
			return args.positional.length === 0 && args.options.help !== true ? EXIT_UNUSABLE : EXIT_OK;
		}
		const [group, command] = args.positional;
		if (group === 'audit' && command === 'verify') return verifyCommand(args, io);
		if (group === 'audit' && command === 'query') return queryCommand(args, io);
		if (group === 'audit' && command === 'key') return keyCommand(args, io);
		throw new UsageError(`Unknown command "${args.positional.slice(0, 2).join(' ')}"`);
	} catch (error) {
		if (error instanceof UsageError) {
			io.err(`error: ${error.message}\n\n${USAGE}`);
			return EXIT_UNUSABLE;
		}
		if (error instanceof UnusableInput) {
			io.err(`error: ${error.message}\n`);
			return EXIT_UNUSABLE;
		}
		io.err(`error: ${(error as Error).stack ?? String(error)}\n`);
		return EXIT_UNUSABLE;
	}
}
