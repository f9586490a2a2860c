import { chromiumAvailable, launchBrowser, searchNodePanel, signIn } from '../../../scripts/lib/editor';
import { e2e, rest } from '../harness/client';
import { OWNER } from '../harness/owner';

// A user's clone may lack Debian's Chromium; .ci/run installs it, so CI always runs this.
const describeWithBrowser = chromiumAvailable() ? describe : describe.skip;
if (!chromiumAvailable()) process.stderr.write('[e2e] skipping the editor test: /usr/bin/chromium is not installed\n');

describeWithBrowser('our nodes in the n8n editor', () => {
	test('when the owner searches the node panel for each node then it is found with its icon', async () => {
		const types = (await rest('GET', '/types/nodes.json')).json as Array<{ name: string; displayName: string }>;
		// usableAsTool adds "<Node> Tool" variants, offered only to AI agents: the panel lists the nodes themselves.
		const ours = types.filter((t) => t.name.startsWith('n8n-nodes-governance.') && !t.name.endsWith('Tool'));
		expect(ours.length).toBeGreaterThanOrEqual(2);
		const browser = await launchBrowser();
		try {
			const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
			await signIn(page, e2e().baseUrl, OWNER);
			for (const node of ours) {
				// What a user types: the first word of the name ("Redact" for "Redact / Restore").
				const results = await searchNodePanel(page, e2e().baseUrl, node.displayName.split(' ')[0]);
				const hit = results.find((r) => r.name === node.displayName);
				if (!hit) process.stderr.write(`[e2e] search ${node.displayName}: ${JSON.stringify(results)}\n`);
				expect({ node: node.displayName, found: hit !== undefined }).toEqual({ node: node.displayName, found: true });
				expect(hit?.iconSrc).toContain('/icons/n8n-nodes-governance/');
				expect({ node: node.displayName, iconLoaded: hit?.iconLoaded }).toEqual({ node: node.displayName, iconLoaded: true });
			}
		} finally {
			await browser.close();
		}
	});
});
