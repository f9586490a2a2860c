/** What check, inventory and diff share: reading the policy and the API key, the output (the inputs: scan.ts). */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { checkPolicyRules } from '../check/engine';
import { parsePolicy, PolicyError } from '../check/policy';
import type { Policy } from '../check/policy';

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

export interface InputOptions {
	instance?: string;
	apiKeyFile?: string;
}

/** The API key from its file (or standard input for "-"); never from the command line. */
export function readApiKey(file: string | undefined): string {
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

export function emit(text: string, output: string | undefined, io: Io): void {
	if (output === undefined) io.out(text);
	else writeFileSync(output, text);
}
