/** What check, inventory and diff share: reading the policy, the inputs (files or a live instance), the output. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { checkPolicyRules } from '../check/engine';
import { parsePolicy, PolicyError } from '../check/policy';
import type { Policy } from '../check/policy';
import type { LiveFacts } from '../check/rules';
import type { Workflow } from '../check/workflow';
import type { InputProblem } from '../check/format/report';
import { readWorkflowPaths } from './inputs';
import { readInstance } from './live';
import { fileProgress } from './progress';

export const DEFAULT_POLICY_FILE = 'n8n-governance.policy.json';

/** A problem that makes the whole command unusable (exit 2), e.g. a bad policy or no input. */
export class UnusableInput extends Error {}

export interface Io {
	out: (text: string) => void;
	err: (text: string) => void;
	/** Standard error is a terminal: a progress line may be drawn there. */
	isTTY?: boolean;
	/** Its width in columns, when known. */
	columns?: number;
}

export function loadPolicy(file: string | undefined, environment: string | undefined): Policy {
	const path = file ?? (existsSync(DEFAULT_POLICY_FILE) ? DEFAULT_POLICY_FILE : undefined);
	let raw: unknown = {};
	if (path !== undefined) {
		let text: string;
		try {
			text = readFileSync(path, 'utf8');
		} catch (error) {
			throw new UnusableInput(`Cannot read the policy ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
		}
		try {
			raw = JSON.parse(text);
		} catch (error) {
			throw new UnusableInput(`The policy ${path} is not valid JSON: ${(error as Error).message}`);
		}
	}
	try {
		const policy = parsePolicy(raw);
		if (environment !== undefined) policy.environment = environment;
		checkPolicyRules(policy);
		return policy;
	} catch (error) {
		if (error instanceof PolicyError) throw new UnusableInput(`${path ?? 'The policy'}: ${error.message}`);
		throw error;
	}
}

export interface Inputs {
	workflows: Workflow[];
	problems: InputProblem[];
	live?: (workflow: Workflow) => LiveFacts | undefined;
}

export interface InputOptions {
	instance?: string;
	apiKeyFile?: string;
}

function readApiKey(file: string | undefined): string {
	if (file === undefined) throw new UnusableInput('--instance needs --api-key-file FILE (an n8n API key; never pass the key itself on the command line)');
	try {
		const key = readFileSync(file === '-' ? 0 : file, 'utf8').trim();
		if (key === '') throw new UnusableInput(`The API key file ${file} is empty`);
		return key;
	} catch (error) {
		if (error instanceof UnusableInput) throw error;
		throw new UnusableInput(`Cannot read the API key file ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
	}
}

/** Files and folders, and/or a live instance. A progress line goes to stderr on a terminal for large inputs. */
export async function readInputs(paths: string[], options: InputOptions, io: Io): Promise<Inputs> {
	if (paths.length === 0 && options.instance === undefined) throw new UnusableInput('Give workflow files or folders, or --instance URL');
	const progress = fileProgress(io);
	let read: ReturnType<typeof readWorkflowPaths>;
	try {
		read = readWorkflowPaths(paths, progress?.onFile);
	} finally {
		progress?.stop();
	}
	const inputs: Inputs = { workflows: read.workflows, problems: read.problems };
	if (options.instance !== undefined) {
		const live = await readInstance(options.instance, readApiKey(options.apiKeyFile));
		inputs.workflows.push(...live.workflows);
		inputs.problems.push(...live.problems);
		inputs.live = (workflow) => live.facts.get(workflow);
	}
	return inputs;
}

export function emit(text: string, output: string | undefined, io: Io): void {
	if (output === undefined) io.out(text);
	else writeFileSync(output, text);
}
