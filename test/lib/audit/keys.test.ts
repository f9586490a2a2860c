import { createHash, createHmac } from 'node:crypto';
import { AUDIT_DERIVATION_DOMAIN, deriveAuditKey } from '../../../lib/audit';

describe('audit key derivation', () => {
	// The domain string is part of every audit key id already handed to auditors: renaming the constant
	// (the package scanner mistook its old name for a hard-coded secret) must not change the value.
	it('derives the key from the profile secret with the v1 domain string, as before', () => {
		const profileSecret = 'c2VjcmV0LWZvci10aGUta2V5LWRlcml2YXRpb24tdGVzdA==';
		const secret = createHmac('sha256', profileSecret).update('n8n-governance/audit-signing-key/v1').digest('hex');
		const key = deriveAuditKey(profileSecret);
		expect(AUDIT_DERIVATION_DOMAIN).toBe('n8n-governance/audit-signing-key/v1');
		expect(key.secret).toBe(secret);
		expect(key.id).toBe('gp-' + createHash('sha256').update(secret).digest('hex').slice(0, 12));
	});
});
