import type { IDataObject, IExecuteFunctions, IHttpRequestMethods } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';
import { GovernanceError, GovernanceErrorCode } from '../../lib/errors/governance-error';
import type { CacheDecision, FlagCache } from '../../lib/kill-switch/cache';
import { createFlagCache, decideWithCache, flagCacheKey } from '../../lib/kill-switch/cache';
import type { KillSwitchOutcome } from '../../lib/kill-switch/evaluate';
import { evaluateKillSwitch } from '../../lib/kill-switch/evaluate';
import { credentialHeader, withDeadline } from '../../lib/kill-switch/http';
import { createHttpJsonSource } from '../../lib/kill-switch/sources/http-json';
import { createOfrepSource } from '../../lib/kill-switch/sources/ofrep';
import { createUnleashSource } from '../../lib/kill-switch/sources/unleash';
import type { FetchJson, FlagSource, HttpRequest, HttpResponse } from '../../lib/kill-switch/types';
import type { KillSwitchSettings } from './settings';
import { HTTP_HEADER_CREDENTIAL, OFREP_CREDENTIAL, UNLEASH_CREDENTIAL } from './settings';

/**
 * Per-process cache of flag values. Only a cache: a miss (new process, queue worker, restart) asks the source,
 * and a value is never used beyond the TTL (or the max staleness when the source fails).
 */
export const FLAG_CACHE: FlagCache = createFlagCache();

/**
 * Transport for lib/ sources: n8n's plain request helper under a deadline for the whole answer (lib/kill-switch/http
 * withDeadline). Not the authenticated helper: it replaces `abortSignal` with the execution's own, so a request
 * abandoned at the deadline would go on reading for as long as the source keeps sending. The credentials' headers
 * are set by the sources themselves (the same headers the credentials' `authenticate` adds).
 */
function n8nFetchJson(context: IExecuteFunctions): FetchJson {
	return async (request: HttpRequest): Promise<HttpResponse> => {
		const send = async (abortSignal: AbortSignal) =>
			(await context.helpers.httpRequest({
				url: request.url,
				method: request.method as IHttpRequestMethods,
				headers: request.headers,
				body: request.body as IDataObject | undefined,
				json: request.body !== undefined,
				// Also bounds connecting and a silent line; the deadline bounds the whole answer.
				timeout: request.timeoutMs,
				abortSignal,
				// Raw text: lib/ tells "not JSON" apart from JSON itself, and reads error bodies of 4xx/5xx answers.
				encoding: 'text',
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
			})) as { statusCode: number; body: unknown };
		const response = await withDeadline(send, request.timeoutMs, sleep, context.getExecutionCancelSignal());
		return { status: response.statusCode, body: response.body };
	};
}

/** The node's flag source and the cache scope that tells two services (or two tokens) apart. */
interface RemoteSource {
	source: FlagSource;
	scope: string;
}

function credentialId(context: IExecuteFunctions, type: string): string {
	return context.getNode().credentials?.[type]?.id ?? '';
}

function required(context: IExecuteFunctions, name: string, label: string): string {
	const value = String(context.getNodeParameter(name, 0, '') ?? '').trim();
	if (value === '') throw new GovernanceError(GovernanceErrorCode.InvalidConfiguration, `"${label}" is empty.`, { hint: `Fill in "${label}" in the Kill Switch node.` });
	return value;
}

/** Builds the configured remote source from parameters and credentials (lib/ validates URLs, paths and keys). */
async function remoteSource(context: IExecuteFunctions, settings: KillSwitchSettings): Promise<RemoteSource> {
	const timeoutMs = settings.timeoutMs;
	if (settings.source === 'unleash') {
		const credentials = await context.getCredentials(UNLEASH_CREDENTIAL);
		const baseUrl = String(credentials.url ?? '');
		const source = createUnleashSource({
			baseUrl,
			token: String(credentials.token ?? ''),
			flagName: required(context, 'flagName', 'Flag Name'),
			fetchJson: n8nFetchJson(context),
			timeoutMs,
		});
		return { source, scope: `${baseUrl}#${credentialId(context, UNLEASH_CREDENTIAL)}` };
	}
	if (settings.source === 'ofrep') {
		const credentials = await context.getCredentials(OFREP_CREDENTIAL);
		const baseUrl = String(credentials.url ?? '');
		const source = createOfrepSource({
			baseUrl,
			flagKey: required(context, 'flagKey', 'Flag Key'),
			headers: credentialHeader(credentials.headerName, credentials.secretValue),
			fetchJson: n8nFetchJson(context),
			timeoutMs,
		});
		return { source, scope: `${baseUrl}#${credentialId(context, OFREP_CREDENTIAL)}#${context.getWorkflow().id ?? ''}` };
	}
	const withAuth = context.getNodeParameter('authentication', 0, 'none') === 'headerAuth';
	const url = required(context, 'url', 'URL');
	const header = withAuth ? await context.getCredentials(HTTP_HEADER_CREDENTIAL) : {};
	const source = createHttpJsonSource({
		url,
		valuePath: required(context, 'valuePath', 'Value Path'),
		reasonPath: String(context.getNodeParameter('reasonPath', 0, '') ?? '').trim() || undefined,
		headers: credentialHeader(header.headerName, header.secretValue),
		fetchJson: n8nFetchJson(context),
		timeoutMs,
	});
	return { source, scope: `${url}#${withAuth ? credentialId(context, HTTP_HEADER_CREDENTIAL) : ''}` };
}

/** The name used in messages and Halted items: the custom name, else the flag name / value path. */
export function switchNameFor(settings: KillSwitchSettings, fallback: string): string {
	return settings.switchName !== '' ? settings.switchName : fallback;
}

/**
 * Reads the remote switch once for the run (through the per-process cache) and decides halt/continue.
 * Throws GovernanceError only for configuration problems; an unreadable source becomes a (fail-closed) outcome.
 */
export async function readRemoteSwitch(
	context: IExecuteFunctions,
	settings: KillSwitchSettings,
	now: number,
): Promise<{ outcome: KillSwitchOutcome; stale: boolean }> {
	const { source, scope } = await remoteSource(context, settings);
	const context_ = { targetingKey: context.getWorkflow().id ?? 'n8n', workflowId: context.getWorkflow().id ?? '', workflowName: context.getWorkflow().name ?? '' };
	const decision: CacheDecision = await decideWithCache({
		cache: FLAG_CACHE,
		key: flagCacheKey(source.name, source.flagKey, scope),
		ttlMs: settings.ttlMs,
		maxStaleMs: settings.maxStaleMs,
		now,
		resolve: async () => await source.evaluate(context_),
		useStaleOnError: settings.onSourceError === 'useLastKnown',
	});
	const outcome = evaluateKillSwitch({
		resolution: decision.resolution,
		onError: settings.onSourceError === 'continue' ? 'continue' : 'halt',
		switchName: switchNameFor(settings, source.flagKey),
		sourceName: source.name,
		flagKey: source.flagKey,
		now,
		haltWhen: settings.haltWhen,
		cache: decision,
	});
	return { outcome, stale: decision.origin === 'stale-cache' };
}
