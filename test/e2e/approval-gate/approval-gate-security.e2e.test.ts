import { createApprovalToken } from '../../../lib/approval/link';
import { totpCode } from '../../../lib/approval/totp';
import { callWebhook, e2e, nodeOutput, nodeRan } from '../harness/client';
import { createApprovalWorkflow, linksOf, postDecision, statusOf, tokenOf, waitForStatus } from '../harness/approval';
import { startReceiver } from '../harness/receiver';

const ALICE = 'alice@governance.test';
const BOB = 'bob@governance.test';
const ALICE_TOTP = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

describe('Approval Gate security in a real n8n', () => {
	let receiver: Awaited<ReturnType<typeof startReceiver>>;
	beforeEach(async () => {
		receiver = await startReceiver();
	});
	afterEach(async () => {
		await receiver.close();
	});

	async function start(options: Parameters<typeof createApprovalWorkflow>[1], body: Record<string, unknown> = {}) {
		const wf = await createApprovalWorkflow(receiver, options);
		await callWebhook(wf.path, { body: { amount: 90, customer: 'Initech', requester: 'carol@governance.test', ...body } });
		const [notification] = await receiver.waitFor(receiver.received.length + 1);
		const { links, executionId } = linksOf(notification.json);
		await waitForStatus(executionId, 'waiting');
		return { ...wf, links, executionId };
	}

	test('when an authenticator code is required then wrong and stale codes are refused and the current one approves', async () => {
		const { links, executionId } = await start({ approvers: [ALICE], totp: { [ALICE]: ALICE_TOTP }, gate: { requireTotp: true } });
		const url = links[ALICE];
		const page = await (await fetch(url)).text();
		expect(page).toContain('name="totp_code"');
		const form = { approval_token: tokenOf(url), decision: 'approve' };

		const wrong = await postDecision(url, { ...form, totp_code: '000000' === totpCode(ALICE_TOTP, Date.now()) ? '111111' : '000000' });
		expect(wrong.status).toBe(401);
		const stale = await postDecision(url, { ...form, totp_code: totpCode(ALICE_TOTP, Date.now() - 5 * 60_000) });
		expect(stale.status).toBe(401);
		const missing = await postDecision(url, form);
		expect(missing.status).toBe(401);
		expect(await statusOf(executionId)).toBe('waiting');

		expect((await postDecision(url, { ...form, totp_code: totpCode(ALICE_TOTP, Date.now()) })).status).toBe(200);
		const execution = await waitForStatus(executionId, 'success');
		expect(nodeOutput(execution, 'Approved')[0][0].approval).toMatchObject({ approver: ALICE, factor: 'link+totp' });
	});

	test('when the same code is used again at a second gate of the run then it is refused as reused', async () => {
		const { links, executionId } = await start({
			approvers: [ALICE],
			totp: { [ALICE]: ALICE_TOTP },
			gate: { requireTotp: true },
			secondGate: {},
		});
		const code = totpCode(ALICE_TOTP, Date.now());
		expect((await postDecision(links[ALICE], { approval_token: tokenOf(links[ALICE]), decision: 'approve', totp_code: code })).status).toBe(200);
		const [, second] = await receiver.waitFor(2);
		const secondUrl = linksOf(second.json).links[ALICE];
		await waitForStatus(executionId, 'waiting');
		const reused = await postDecision(secondUrl, { approval_token: tokenOf(secondUrl), decision: 'approve', totp_code: code });
		expect(reused.status).toBe(401);
		expect(reused.text).toContain('already used');
		expect(await statusOf(executionId)).toBe('waiting');
	});

	test('when adversarial requests hit a waiting gate then each is refused and the run keeps waiting', async () => {
		const { links, executionId, profile } = await start({ approvers: [ALICE, BOB], secondGate: {} }, { requester: BOB });
		const url = links[ALICE];
		const token = tokenOf(url);
		const [payload, mac] = token.split('.');
		const withToken = (t: string) => url.replace(/approval_token=[^&]+/, `approval_token=${encodeURIComponent(t)}`);
		const nodeId = new URL(url).pathname.split('/')[3];
		const forge = (claims: { approver?: string; expiresAt?: number; executionId?: string }) =>
			createApprovalToken({
				secret: profile.signingSecret,
				executionId: claims.executionId ?? executionId,
				nodeId,
				approver: claims.approver ?? ALICE,
				expiresAt: claims.expiresAt ?? Date.now() + 600_000,
				requestId: JSON.parse(Buffer.from(payload, 'base64url').toString()).r,
			});
		const edited = Buffer.from(
			JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), a: 'mallory@governance.test' }),
		).toString('base64url');

		const attempts: Array<[string, () => Promise<{ status: number }>, number]> = [
			['forged signature', async () => await postDecision(withToken(`${payload}.${mac.slice(0, -2)}AA`), { approval_token: `${payload}.${mac.slice(0, -2)}AA`, decision: 'approve' }), 401],
			['truncated token', async () => await postDecision(url, { approval_token: token.slice(0, 40), decision: 'approve' }), 400],
			['link edited to another approver', async () => await postDecision(withToken(`${edited}.${mac}`), { approval_token: `${edited}.${mac}`, decision: 'approve' }), 401],
			['approver outside the list (validly signed)', async () => { const t = forge({ approver: 'mallory@governance.test' }); return await postDecision(withToken(t), { approval_token: t, decision: 'approve' }); }, 403],
			['expired link', async () => { const t = forge({ expiresAt: Date.now() - 1000 }); return await postDecision(withToken(t), { approval_token: t, decision: 'approve' }); }, 410],
			['another execution', async () => { const t = forge({ executionId: String(Number(executionId) + 1000) }); return await postDecision(withToken(t), { approval_token: t, decision: 'approve' }); }, 403],
			['self-approval by the requester', async () => await postDecision(links[BOB], { approval_token: tokenOf(links[BOB]), decision: 'approve' }), 403],
			['POST without the signed token', async () => await postDecision(url, { decision: 'approve' }), 401],
			['unknown decision value', async () => await postDecision(url, { approval_token: token, decision: 'maybe' }), 400],
			['token in the body differs from the link', async () => await postDecision(url, { approval_token: tokenOf(links[BOB]), decision: 'approve' }), 400],
			['JSON array body', async () => { const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '[1,2]' }); return { status: r.status }; }, 400],
			['link preview GET (Slackbot)', async () => { const r = await fetch(url, { headers: { 'user-agent': 'Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)' } }); return { status: r.status }; }, 200],
			['HEAD', async () => { const r = await fetch(url, { method: 'HEAD' }); return { status: r.status }; }, 200],
			['n8n resume token missing', async () => { const u = new URL(url); u.searchParams.delete('signature'); return await postDecision(u.toString(), { approval_token: token, decision: 'approve' }); }, 401],
		];
		for (const [name, attempt, status] of attempts) {
			const response = await attempt();
			expect({ name, status: response.status }).toEqual({ name, status });
			expect({ name, state: await statusOf(executionId) }).toEqual({ name, state: 'waiting' });
		}

		// Gate 1 decides; gate 1's link then hits gate 2 (another node) and is refused; a replay of gate 1 too.
		expect((await postDecision(url, { approval_token: token, decision: 'approve' })).status).toBe(200);
		const [, second] = await receiver.waitFor(2);
		const secondUrl = linksOf(second.json).links[ALICE];
		await waitForStatus(executionId, 'waiting');
		const otherNode = secondUrl.replace(/approval_token=[^&]+/, `approval_token=${encodeURIComponent(token)}`);
		expect((await postDecision(otherNode, { approval_token: token, decision: 'approve' })).status).toBe(403);
		const replay = await postDecision(url, { approval_token: token, decision: 'approve' });
		expect(replay.status).toBeGreaterThanOrEqual(400);
		expect(await statusOf(executionId)).toBe('waiting');
	});

	test('when the request expires then a late approval is refused and the items leave on the first output unapproved', async () => {
		const { links, executionId } = await start({ gate: { expiresAfter: 2, expiryUnit: 'seconds' } });
		await new Promise((r) => setTimeout(r, 2500));
		const late = await postDecision(links[ALICE], { approval_token: tokenOf(links[ALICE]), decision: 'approve' });
		// The gate refuses it as expired (410), unless n8n's wait tracker, polling every 60 s, happened to
		// resume the timed-out run in the half second before: then n8n itself refuses it (409, finished).
		if (late.status === 409) expect(late.text).toContain('finished already');
		else {
			expect(late.status).toBe(410);
			expect(late.text).toContain('expired');
		}
		// n8n polls waits every 60 s, so the timeout resumes within about a minute.
		const execution = await waitForStatus(executionId, 'success', 90_000);
		expect(nodeRan(execution, 'Approved')).toBe(false);
		const [timedOut] = nodeOutput(execution, 'Rejected');
		expect(timedOut[0].body.amount).toBe(90);
		expect(timedOut[0].approval).toBeUndefined();
	});

	test('when two gates exclude earlier approvers then the first approver cannot decide the second (two-person rule)', async () => {
		const { links, executionId } = await start({ approvers: [ALICE, BOB], secondGate: { excludePreviousApprovers: true } });
		expect((await postDecision(links[ALICE], { approval_token: tokenOf(links[ALICE]), decision: 'approve' })).status).toBe(200);
		const [, second] = await receiver.waitFor(2);
		const secondLinks = linksOf(second.json).links;
		expect(Object.keys(secondLinks)).toEqual([BOB]);
		await waitForStatus(executionId, 'waiting');
		// Alice's link for gate 1, replayed at gate 2's URL, is refused too.
		const aliceAtSecond = secondLinks[BOB].replace(/approval_token=[^&]+/, `approval_token=${encodeURIComponent(tokenOf(links[ALICE]))}`);
		expect((await postDecision(aliceAtSecond, { approval_token: tokenOf(links[ALICE]), decision: 'approve' })).status).toBe(403);
		expect((await postDecision(secondLinks[BOB], { approval_token: tokenOf(secondLinks[BOB]), decision: 'approve' })).status).toBe(200);
		const execution = await waitForStatus(executionId, 'success');
		const [approved] = nodeOutput(execution, 'Second Approved');
		expect(approved[0].approval.approver).toBe(BOB);
	});

	test('when webhook() fails internally then the page says so and the run keeps waiting (never an empty resume)', async () => {
		const { links, executionId, approvers } = await start({});
		// The approvers credential disappears while the run waits: reading it inside webhook() now throws.
		const { baseUrl, apiKey } = e2e();
		const deleted = await fetch(`${baseUrl}/api/v1/credentials/${approvers.id}`, { method: 'DELETE', headers: { 'x-n8n-api-key': apiKey } });
		expect(deleted.status).toBe(200);
		const response = await postDecision(links[ALICE], { approval_token: tokenOf(links[ALICE]), decision: 'approve' });
		expect(response.status).toBe(500);
		expect(response.text).toContain('still waiting');
		expect(response.text).not.toMatch(/at .*\.js:\d+/);
		expect(await statusOf(executionId)).toBe('waiting');
	});

	test('when the page renders then it is self-contained and says what is approved', async () => {
		const { links } = await start({});
		const html = await (await fetch(links[ALICE])).text();
		expect(html).not.toMatch(/<script|<link|@import|url\(|src=|href="?https?:/i);
		for (const text of ['Refund 90 EUR', 'Money leaves the company', 'Customer asked for a refund', 'Initech', 'carol@governance.test']) {
			expect(html).toContain(text);
		}
	});
});
