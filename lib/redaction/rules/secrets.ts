import type { RedactionRule } from '../types';
import { shannonEntropy } from '../validators/entropy';

/** Minimum Shannon entropy (bits/char) of a value assigned to a secret-looking name. */
export const GENERIC_SECRET_MIN_ENTROPY = 3.0;

const PLACEHOLDER_VALUE = /^(?:\$\{.*\}|\{\{.*\}\}|<.*>|%.*%|\*+|x+|null|undefined|none|true|false|changeme|redacted)$/i;

function genericSecretValid(value: string): boolean {
	if (PLACEHOLDER_VALUE.test(value)) return false;
	return shannonEntropy(value) >= GENERIC_SECRET_MIN_ENTROPY;
}

function hasDigitAndLetter(m: string): boolean {
	return /\d/.test(m) && /[A-Za-z]/.test(m);
}

// Fake-but-well-formed sample values, assembled so no scanner mistakes this file for a leak.
const A36 = 'A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8';
const H32 = '0123456789abcdef0123456789abcdef';

export const secretRules: RedactionRule[] = [
	{
		id: 'secret-aws-access-key',
		entity: 'SECRET_AWS_ACCESS_KEY',
		description: 'AWS access key id (AKIA/ASIA/ABIA/ACCA + 16 upper-case alphanumerics).',
		pattern: /(?<![A-Za-z0-9])(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Za-z0-9])/g,
		score: 0.95,
		defaultOperator: 'remove',
		samples: { positive: ['key AKIAIOSFODNN7EXAMPLE'], negative: ['AKIAIOSFODNN7EXAMPL', 'XAKIAIOSFODNN7EXAMPLE'] },
	},
	{
		id: 'secret-github-token',
		entity: 'SECRET_GITHUB_TOKEN',
		description: 'GitHub token: ghp_/gho_/ghu_/ghs_/ghr_ + 36+ chars, or github_pat_ fine-grained token.',
		pattern: /(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{36,251}|github_pat_[A-Za-z0-9_]{22,242})(?![A-Za-z0-9_])/g,
		score: 0.95,
		defaultOperator: 'remove',
		samples: { positive: [`token ghp_${A36}`, `github_pat_11ABCDEFG0${A36}_${A36}`], negative: ['ghp_short', `ghx_${A36}`] },
	},
	{
		id: 'secret-gitlab-token',
		entity: 'SECRET_GITLAB_TOKEN',
		description: 'GitLab personal/project access token glpat- + 20+ chars.',
		pattern: /(?<![A-Za-z0-9_-])glpat-[A-Za-z0-9_-]{20,64}(?![A-Za-z0-9_-])/g,
		score: 0.95,
		defaultOperator: 'remove',
		samples: { positive: ['glpat-Ab1Cd2Ef3Gh4Ij5Kl6Mn'], negative: ['glpat-short'] },
	},
	{
		id: 'secret-slack-token',
		entity: 'SECRET_SLACK_TOKEN',
		description: 'Slack token xoxb-/xoxp-/xoxa-/xoxo-/xoxs-/xoxr-.',
		pattern: /(?<![A-Za-z0-9_-])xox[abposr]-[A-Za-z0-9-]{10,250}(?![A-Za-z0-9_-])/g,
		score: 0.95,
		defaultOperator: 'remove',
		samples: { positive: ['xoxb-1234567890-0987654321-AbCdEfGhIjKl'], negative: ['xoxz-1234567890-0987654321', 'xoxb-123'] },
	},
	{
		id: 'secret-slack-webhook',
		entity: 'SECRET_SLACK_WEBHOOK',
		description: 'Slack incoming-webhook URL https://hooks.slack.com/services/T…/B…/….',
		pattern: /https:\/\/hooks\.slack\.com\/(?:services|workflows)\/[A-Za-z0-9_]{6,16}\/[A-Za-z0-9_]{6,16}\/[A-Za-z0-9_]{16,48}/g,
		score: 0.99,
		defaultOperator: 'remove',
		samples: {
			positive: ['post to https://hooks.slack.com/services/T0ABCDEF1/B0ABCDEF2/AbCdEfGhIjKlMnOpQrStUvWx'],
			negative: ['https://hooks.slack.com/services/'],
		},
	},
	{
		id: 'secret-anthropic-key',
		entity: 'SECRET_ANTHROPIC_KEY',
		description: 'Anthropic API key sk-ant-….',
		pattern: /(?<![A-Za-z0-9_-])sk-ant-[A-Za-z0-9_-]{20,200}(?![A-Za-z0-9_-])/g,
		score: 0.97,
		defaultOperator: 'remove',
		samples: { positive: [`sk-ant-api03-${A36}${A36}`], negative: ['sk-ant-short'] },
	},
	{
		id: 'secret-openai-key',
		entity: 'SECRET_OPENAI_KEY',
		description: 'OpenAI API key sk-… / sk-proj-… / sk-svcacct-… (not sk-ant-).',
		pattern: /(?<![A-Za-z0-9_-])sk-(?!ant-)(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,200}(?![A-Za-z0-9_-])/g,
		validate: hasDigitAndLetter,
		score: 0.95,
		defaultOperator: 'remove',
		samples: { positive: [`OPENAI_API_KEY=sk-proj-${A36}`, `sk-${A36}`], negative: ['sk-short', 'sk-aaaaaaaaaaaaaaaaaaaaaaaa'] },
	},
	{
		id: 'secret-google-api-key',
		entity: 'SECRET_GOOGLE_API_KEY',
		description: 'Google API key AIza + 35 chars.',
		pattern: /(?<![A-Za-z0-9_-])AIza[0-9A-Za-z_-]{35}(?![A-Za-z0-9_-])/g,
		score: 0.95,
		defaultOperator: 'remove',
		samples: { positive: ['AIzaSyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q'], negative: ['AIzaSyA1b2C3d4E5'] },
	},
	{
		id: 'secret-stripe-key',
		entity: 'SECRET_STRIPE_KEY',
		description: 'Stripe secret/restricted key sk_live_/sk_test_/rk_live_/rk_test_, or webhook secret whsec_.',
		pattern: /(?<![A-Za-z0-9_])(?:(?:sk|rk)_(?:live|test)_[0-9A-Za-z]{10,247}|whsec_[0-9A-Za-z]{24,64})(?![A-Za-z0-9_])/g,
		score: 0.95,
		defaultOperator: 'remove',
		samples: { positive: ['sk_live_4eC39HqLyjWDarjtT1zdp7dc'], negative: ['pk_live_4eC39HqLyjWDarjtT1zdp7dc', 'sk_live_short'] },
	},
	{
		id: 'secret-twilio-key',
		entity: 'SECRET_TWILIO_KEY',
		description: 'Twilio API key SID: SK + 32 hex digits.',
		pattern: /(?<![A-Za-z0-9])SK[0-9a-fA-F]{32}(?![A-Za-z0-9])/g,
		score: 0.9,
		defaultOperator: 'remove',
		samples: { positive: [`SK${H32}`], negative: [`SK${H32.slice(1)}`, `SKU${H32}`] },
	},
	{
		id: 'secret-sendgrid-key',
		entity: 'SECRET_SENDGRID_KEY',
		description: 'SendGrid API key SG.<22>.<43>.',
		pattern: /(?<![A-Za-z0-9_-])SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/g,
		score: 0.97,
		defaultOperator: 'remove',
		samples: { positive: [`SG.${A36.slice(0, 22)}.${A36}${A36.slice(0, 7)}`], negative: ['SG.short.key'] },
	},
	{
		id: 'secret-private-key',
		entity: 'SECRET_PRIVATE_KEY',
		description: 'PEM private key block, BEGIN … PRIVATE KEY through END … PRIVATE KEY.',
		pattern:
			/-----BEGIN ((?:[A-Z0-9]{1,10} ){0,3})PRIVATE KEY(?: BLOCK)?-----(?:\r?\n[A-Za-z-]{1,20}: [^\r\n]{1,200}){0,4}[A-Za-z0-9+/=\s]{16,65536}-----END \1PRIVATE KEY(?: BLOCK)?-----/g,
		score: 1,
		defaultOperator: 'remove',
		samples: {
			positive: [`-----BEGIN RSA PRIVATE KEY-----\nMIIBOgIBAAJBAK${A36}\n${A36}==\n-----END RSA PRIVATE KEY-----`],
			negative: [`-----BEGIN PUBLIC KEY-----\nMIIBOgIBAAJBAK${A36}\n-----END PUBLIC KEY-----`],
		},
	},
	{
		id: 'secret-jwt',
		entity: 'SECRET_JWT',
		description: 'JSON Web Token: base64url header eyJ… . payload eyJ… . signature.',
		pattern: /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,2048}\.eyJ[A-Za-z0-9_-]{4,8192}\.[A-Za-z0-9_-]{0,2048}(?![A-Za-z0-9_-])/g,
		score: 0.95,
		defaultOperator: 'remove',
		samples: {
			positive: ['Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U'],
			negative: ['eyJhbGciOiJIUzI1NiJ9', 'eyJhbGciOiJIUzI1NiJ9.notapayload.sig'],
		},
	},
	{
		id: 'secret-url-credentials',
		entity: 'SECRET_URL_CREDENTIALS',
		description: 'user:password embedded in a URL (scheme://user:pass@host); the userinfo is the secret.',
		pattern: new RegExp(String.raw`(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]{1,15}:\/\/([^\s:@/]{1,128}:[^\s@/]{1,256})@`, 'dg'),
		group: 1,
		score: 0.97,
		defaultOperator: 'remove',
		samples: { positive: ['postgres://admin:s3cr3t@db.internal:5432/app', 'https://u:p@example.com'], negative: ['https://example.com/@user', 'mailto:a@b.co'] },
	},
	{
		id: 'secret-generic-assignment',
		entity: 'SECRET_GENERIC',
		description: `High-entropy value (>= ${GENERIC_SECRET_MIN_ENTROPY} bits/char) assigned to password/secret/token/api_key-like names.`,
		pattern:
			new RegExp(String.raw`(?<![A-Za-z0-9])(?:[A-Za-z0-9]{1,20}[_.-])?(?:password|passwd|pwd|passphrase|secret|token|api[_.-]?key|apikey|access[_.-]?key|private[_.-]?key|client[_.-]?secret|auth|credentials?)(?:[_.-][A-Za-z0-9]{1,20})?["']?[ \t]{0,4}(?:=|:|=>|:=)[ \t]{0,4}["']?([^\s"'\x60,;]{8,256})`, 'dgi'),
		group: 1,
		// The name is part of the match; as context words they let the engine skip windows without one.
		keywords: ['password', 'passwd', 'pwd', 'passphrase', 'secret', 'token', 'api', 'key', 'auth', 'credential'],
		requiresContext: true,
		validate: genericSecretValid,
		score: 0.75,
		defaultOperator: 'remove',
		samples: {
			positive: ['password=Xk9#mQ2$vL7pR4', '"client_secret": "8f3kJ2mN9qL5xV7c"', 'DB_PASSWORD: hT6&jL0pQ9wZ', 'db password = "Xk9#mQ2$vL7pR4"', 'x.api-key := 8f3kJ2mN9qL5xV7c'],
			negative: ['password=changeme', 'token: ${API_TOKEN}', 'password=aaaaaaaaaaaa', 'secret = <redacted>'],
		},
	},
];
