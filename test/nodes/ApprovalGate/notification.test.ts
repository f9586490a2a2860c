import { verifyIncomingWebhook } from '../../../lib/webhook-signature/verify';
import { sendApprovalRequest } from './context';

const SECRET = 'k8Vq2-approval-inbox-secret-Zt41';

describe('Approval Gate notifications', () => {
	test('when Sign Notifications is on then the posted bytes verify with the Webhook Signing Secret (Generic preset)', async () => {
		const sent = await sendApprovalRequest({ signNotifications: true }, { governanceWebhookSigningSecretApi: { secret: SECRET, previousSecret: '' } });
		expect(sent.links.length).toBe(2);
		const verify = (secret: string) => verifyIncomingWebhook({ preset: 'generic', secrets: [secret], headers: sent.headers, rawBody: sent.body, now: Date.now() });
		expect(verify(SECRET)).toMatchObject({ valid: true });
		expect(verify('some-other-secret-of-16+')).toMatchObject({ valid: false, reason: 'signature-mismatch' });
	});

	test('when Sign Notifications is off then no signature header is sent and no signing credential is read', async () => {
		const sent = await sendApprovalRequest();
		expect(sent.headers).toEqual({ 'Content-Type': 'application/json' });
	});

	test('when the signing secret is too weak then the gate stops before anyone is notified', async () => {
		await expect(sendApprovalRequest({ signNotifications: true }, { governanceWebhookSigningSecretApi: { secret: 'short' } })).rejects.toThrow(
			/cannot sign notifications/,
		);
	});

	test('when a Slack channel is chosen then Sign Notifications is ignored (Slack checks its own URL)', async () => {
		const sent = await sendApprovalRequest({ channel: 'slack', signNotifications: true });
		expect(sent.headers['X-Signature']).toBeUndefined();
	});
});
