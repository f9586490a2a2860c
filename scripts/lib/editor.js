'use strict';
/** Drives n8n's editor in Debian's Chromium (playwright-core, no downloaded browser): sign in, search the node panel. */
const fs = require('node:fs');

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
// Without the background-networking flags Chromium keeps dialing out on a closed network.
const CHROMIUM_ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

function chromiumAvailable() {
	return fs.existsSync(CHROMIUM);
}

async function launchBrowser() {
	const { chromium } = require('playwright-core');
	return await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

async function signIn(page, baseUrl, owner) {
	await page.goto(`${baseUrl}/signin`);
	await page.locator('input[name=emailOrLdapLoginId]').fill(owner.email);
	await page.locator('input[name=password]').fill(owner.password);
	await page.keyboard.press('Enter');
	await page.waitForURL((url) => !url.pathname.startsWith('/signin'), { timeout: 30000 });
}

/** Opens the node panel on a new workflow and types `term`; returns the result items' names and icon sources. */
async function searchNodePanel(page, baseUrl, term) {
	if (!page.url().includes('/workflow/new')) {
		await page.goto(`${baseUrl}/workflow/new`);
		await page.locator('[data-test-id=node-creator-plus-button]').waitFor({ timeout: 30000 });
	}
	const search = page.locator('input[data-test-id=node-creator-search-bar]');
	if (!(await search.isVisible().catch(() => false))) {
		await page.locator('[data-test-id=node-creator-plus-button]').click();
	}
	await search.fill(term);
	// A node with operations is listed as an "action" item, the others as "node" items.
	const items = page.locator('[data-test-id=node-creator-node-item], [data-test-id=node-creator-action-item]');
	// The list re-renders after typing: wait for a result that matches, not for the list that was already there.
	await page
		.locator('[data-test-id=node-creator-item-name]', { hasText: term })
		.first()
		.waitFor({ timeout: 15000 })
		.catch(() => undefined);
	// An icon still loading is not complete; a broken one is complete with no width. Wait until each has loaded or
	// failed (on a loaded machine the list renders before its icons arrive), then read them.
	await page
		.waitForFunction(
			() => [...document.querySelectorAll('[data-test-id=node-creator-node-item] img, [data-test-id=node-creator-action-item] img')].every((img) => img.complete),
			undefined,
			{ timeout: 15000 },
		)
		.catch(() => undefined);
	return await items.evaluateAll((elements) =>
		elements.map((element) => {
			const name = element.querySelector('[data-test-id=node-creator-item-name]');
			const img = element.querySelector('img');
			return {
				name: name ? name.textContent.trim() : '',
				iconSrc: img ? img.getAttribute('src') : null,
				iconLoaded: img ? img.complete && img.naturalWidth > 0 : false,
			};
		}),
	);
}

module.exports = { CHROMIUM, chromiumAvailable, launchBrowser, signIn, searchNodePanel };
