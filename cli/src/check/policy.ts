/**
 * The policy file (`n8n-governance.policy.json`): severities, node-type lists, allowed hosts, limits and
 * suppressions. Validated with zod; every bad field is reported by its path.
 */
import { z } from 'zod';

export const SEVERITIES = ['error', 'warning', 'note'] as const;
export type Severity = (typeof SEVERITIES)[number];

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');
const ruleId = z.string().regex(/^GOV-[A-Z]{3}-\d{3}$/, 'must be a rule id such as GOV-ACC-001');

const suppression = z
	.object({
		rule: ruleId,
		workflow: z.string().min(1, 'names the workflow (its name or id)'),
		node: z.string().min(1).optional(),
		reason: z.string().min(10, 'must say why (at least 10 characters)'),
		expires: day,
	})
	.strict();

export const policySchema = z
	.object({
		$schema: z.string().optional(),
		/** production: environment and ownership findings are errors. */
		environment: z.string().min(1).optional(),
		severities: z.record(ruleId, z.enum([...SEVERITIES, 'off'])).default({}),
		/** Hosts an HTTP POST/PUT/PATCH/DELETE may reach without an approval (e.g. your own ticket system). */
		safeHosts: z.array(z.string().min(1)).default([]),
		/** Extra model API hosts (added to the built-in list). */
		modelHosts: z.array(z.string().min(1)).default([]),
		/** Extra node types that move money / change customer records (added to the built-in lists). */
		moneyNodeTypes: z.array(z.string().min(1)).default([]),
		customerRecordNodeTypes: z.array(z.string().min(1)).default([]),
		/** HTTP Request timeout maximum in seconds (n8n's default when unset is 300 s). */
		httpTimeoutMaxSeconds: z.number().positive().max(3600).default(60),
		/** Most tries a node may make with Retry On Fail (n8n's Max Tries). */
		maxTries: z.number().int().min(1).max(10).default(3),
		/** A webhook path segment counts as not guessable from this many characters, with letters and digits. */
		webhookPathMinRandomChars: z.number().int().min(8).max(128).default(16),
		offboarding: z
			.object({ inactiveDays: z.number().int().positive().default(90), staleDays: z.number().int().positive().default(180) })
			.strict()
			.default({}),
		suppressions: z.array(suppression).default([]),
	})
	.strict();

export type Policy = z.infer<typeof policySchema>;
export type Suppression = z.infer<typeof suppression>;

export class PolicyError extends Error {
	constructor(readonly problems: string[]) {
		super(`The policy is not valid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
	}
}

/** Parses and validates a policy object; throws PolicyError with one line per bad field. */
export function parsePolicy(value: unknown): Policy {
	const result = policySchema.safeParse(value ?? {});
	if (result.success) return result.data;
	throw new PolicyError(
		result.error.issues.map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(top level)'}: ${issue.message}`),
	);
}

export const defaultPolicy = (): Policy => parsePolicy({});
