/** Offboarding (live instance only): zombie workflows that still run or still hold credentials. */
import { flow, http, manual, webhook } from './fixture-kit';
import type { Rule } from './rule';

const DAY_MS = 24 * 3600 * 1000;
const daysSince = (iso: string | undefined, now: Date) => (iso ? Math.floor((now.getTime() - Date.parse(iso)) / DAY_MS) : undefined);
const LIVE = { live: true as const };
const old = new Date(Date.now() - 400 * DAY_MS).toISOString();
const recent = new Date(Date.now() - 2 * DAY_MS).toISOString();

export const offboardingRules: Rule[] = [
	{
		id: 'GOV-OFF-001',
		section: 'Offboarding',
		severity: 'warning',
		title: 'Active workflow with no recent execution',
		why: 'The checklist asks for a way to find zombie workflows: an active workflow nobody uses still exposes its trigger and tokens.',
		fix: 'Confirm with the owner in its Governance Profile, then deactivate it or archive it; keep the Audit Emitter (this pack) log as the record.',
		check: ({ workflow, live, policy, now }) => {
			if (!live || workflow.active !== true) return [];
			const days = daysSince(live.lastExecution?.startedAt, now);
			if (days !== undefined && days < policy.offboarding.inactiveDays) return [];
			const seen = days === undefined ? 'has no recorded execution' : `last ran ${days} days ago`;
			return [{ message: `Active, but ${seen} (limit ${policy.offboarding.inactiveDays} days). n8n prunes old executions and may not save successful ones, so confirm before acting.` }];
		},
		fixtures: {
			triggers: [
				{ title: 'never ran', live: LIVE, workflow: { ...flow('Zombie', [webhook()]), active: true } },
				{ title: 'ran long ago', live: { live: true, lastExecution: { startedAt: old, status: 'success' } }, workflow: { ...flow('Old', [webhook()]), active: true } },
			],
			passes: [
				{ title: 'ran recently', live: { live: true, lastExecution: { startedAt: recent, status: 'success' } }, workflow: { ...flow('Busy', [webhook()]), active: true } },
				{ title: 'export only', workflow: { ...flow('File', [webhook()]), active: true } },
			],
		},
	},
	{
		id: 'GOV-OFF-002',
		section: 'Offboarding',
		severity: 'warning',
		title: 'Unchanged for a long time and holds credentials',
		why: 'The checklist asks to find workflows that still hold valid tokens long after anyone looked at them.',
		fix: 'Review it with its owner (Governance Profile); rotate or remove the credentials it no longer needs.',
		check: ({ workflow, live, policy, now, graph }) => {
			if (!live) return [];
			const days = daysSince(workflow.updatedAt, now);
			const creds = graph.nodes.flatMap((node) => Object.keys(node.credentials ?? {}));
			if (days === undefined || days < policy.offboarding.staleDays || creds.length === 0) return [];
			return [{ message: `Last changed ${days} days ago (limit ${policy.offboarding.staleDays}) and holds credentials: ${[...new Set(creds)].join(', ')}.` }];
		},
		fixtures: {
			triggers: [{ title: 'stale with key', live: LIVE, workflow: { ...flow('Stale', [manual(), http('Call', 'https://api.example.com', {}, { credentials: { governanceScopedApiKeyApi: { id: '1', name: 'K' } } })], [['Manual', 'Call']]), updatedAt: old } }],
			passes: [{ title: 'stale without credentials', live: LIVE, workflow: { ...flow('Stale', [manual()]), updatedAt: old } }],
		},
	},
];
