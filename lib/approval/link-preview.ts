/**
 * User agents of link previewers, mail scanners and scripts. Matching only changes what a GET shows
 * (a minimal page, without request details or the form); it never changes state, and a missed bot is
 * harmless because GET never decides.
 */
export const LINK_PREVIEW_AGENTS: ReadonlyArray<{ name: string; pattern: RegExp }> = [
	{ name: 'Slack unfurler', pattern: /slackbot|slack-imgproxy/i },
	{ name: 'Facebook/Messenger', pattern: /facebookexternalhit|facebot|meta-externalagent/i },
	{ name: 'Microsoft Office/Teams previews', pattern: /microsoft office|msoffice|ms-office|skypeuripreview|microsoft preview/i },
	{ name: 'Outlook/SafeLinks', pattern: /outlook|safelinks|bingpreview/i },
	{ name: 'Google', pattern: /googlebot|google-safety|googleimageproxy|google-pagerenderer|apis-google|feedfetcher-google/i },
	{ name: 'Twitter/X', pattern: /twitterbot/i },
	{ name: 'LinkedIn', pattern: /linkedinbot/i },
	{ name: 'Discord', pattern: /discordbot/i },
	{ name: 'Telegram', pattern: /telegrambot/i },
	{ name: 'WhatsApp', pattern: /whatsapp/i },
	{ name: 'Apple', pattern: /applebot/i },
	{ name: 'Mail security scanners', pattern: /mimecast|proofpoint|barracuda|ironport|symantec|forcepoint/i },
	{ name: 'Command-line/scripts', pattern: /^(curl|wget|python-requests|python-urllib|go-http-client|java\/|okhttp|axios|node-fetch|undici|libwww-perl|httpie)/i },
	{ name: 'Generic bot', pattern: /\b(bot|crawler|spider|preview|scanner)\b/i },
];

/** Reads the `user-agent` header from a headers object (any key case, string or string[]). */
export function userAgentOf(headers: unknown): string {
	if (headers === null || typeof headers !== 'object') return '';
	for (const [key, value] of Object.entries(headers as Record<string, unknown>)) {
		if (key.toLowerCase() !== 'user-agent') continue;
		if (typeof value === 'string') return value;
		if (Array.isArray(value) && typeof value[0] === 'string') return value[0];
	}
	return '';
}

/** True for an empty user agent or one matching {@link LINK_PREVIEW_AGENTS}. */
export function isLinkPreviewer(userAgent: string): boolean {
	if (userAgent.trim() === '') return true;
	return LINK_PREVIEW_AGENTS.some((agent) => agent.pattern.test(userAgent));
}
