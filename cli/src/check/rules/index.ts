/** The rule table: every rule of `n8n-governance check`, in checklist order. */
import { accessRules } from './access';
import { approvalRules } from './approvals';
import { dataRules } from './data-ai';
import { environmentRules } from './environment';
import { governanceRules } from './governance';
import { loggingRules } from './logging';
import { offboardingRules } from './offboarding';
import { policyRules } from './policy-rules';
import { resilienceRules } from './resilience';
import type { Rule } from './rule';
import { secretRules } from './secrets';
import { subworkflowRules } from './subworkflows';

export const RULES: readonly Rule[] = [
	...environmentRules,
	...secretRules,
	...accessRules,
	...approvalRules,
	...loggingRules,
	...dataRules,
	...resilienceRules,
	...governanceRules,
	...subworkflowRules,
	...offboardingRules,
	...policyRules,
];

export const RULES_BY_ID: ReadonlyMap<string, Rule> = new Map(RULES.map((r) => [r.id, r]));
export type { Fixture, LiveFacts, RawFinding, Rule, RuleContext, Section } from './rule';
