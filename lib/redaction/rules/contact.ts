import type { RedactionRule } from '../types';

/** Labels a postcode follows. */
const POSTCODE_LABEL = ['zip code', 'zip-code', 'zipcode', 'zip', 'postal code', 'postcode', 'post code', 'postleitzahl', 'plz', 'code postal', 'código postal', 'codigo postal', 'postnummer'].join('|');
/** A letter or digit (Latin scripts) next to the label or the postcode. */
const ALNUM = 'A-Za-z0-9\\u00C0-\\u024F';

function emailValid(m: string): boolean {
	const at = m.lastIndexOf('@');
	const local = m.slice(0, at);
	return local[0] !== '.' && local[local.length - 1] !== '.' && !local.includes('..');
}

const TRAILING = '.,;:!?\'"';
/** Trims sentence punctuation (and an unbalanced closing bracket) off the end of a URL. */
function urlRefine(m: string): number {
	let end = m.length;
	for (;;) {
		const ch = m[end - 1];
		if (TRAILING.includes(ch)) end--;
		else if (ch === ')' && !m.slice(0, end).includes('(')) end--;
		else if (ch === ']' && !m.slice(0, end).includes('[')) end--;
		else break;
	}
	return end > 8 ? end : -1;
}

export const contactRules: RedactionRule[] = [
	{
		id: 'email-address',
		entity: 'EMAIL_ADDRESS',
		description: 'E-mail address: local part (Unicode letters allowed), @, dotted domain with an alphabetic TLD.',
		pattern:
			/(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]{1,64}@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.){1,8}[A-Za-z]{2,24}(?![A-Za-z0-9-]|\.[A-Za-z0-9])/gu,
		keywords: ['email', 'e-mail', 'mail'],
		validate: emailValid,
		score: 0.95,
		defaultOperator: 'placeholder',
		samples: {
			positive: ['mail john.doe@example.com now', '<Jane_O+news@mail.example.co.uk>', 'E-mail:\nUtaKortig@jourrapide.com', 'grace.müller@example.org'],
			negative: ['user@localhost', 'a@b.c', '@handle', 'x@example..com', '.john@example.com'],
		},
	},
	{
		id: 'postcode-labelled',
		entity: 'STREET_ADDRESS',
		description:
			'A postcode after its label (ZIP, zip code, postcode, postal code, PLZ, code postal, código postal, postnummer): ZIP: 62704, zip code is 62704-1234, PLZ 10115, postcode SW1A 1AA, postal code K1A 0B1, 53-320, 394 13, 101, the digits of 1015 CJ. The postcode only, as part of an address.',
		pattern: new RegExp(
			`(?<![${ALNUM}])(?:${POSTCODE_LABEL})[ \\t]{0,3}(?:(?:is|:|#|=)[ \\t]{0,3})?(\\d{5}(?:-\\d{4})?|\\d{3}(?: \\d{2})?|\\d{4}|\\d{2}-\\d{3}|\\d{3}-\\d{4}|\\d{6}|[A-Z]{1,2}\\d[A-Z\\d]? ?\\d[A-Z]{2}|[A-Z]\\d[A-Z] ?\\d[A-Z]\\d)(?![${ALNUM}]|[-.,]\\d)`,
			'dgi',
		),
		group: 1,
		score: 0.85,
		defaultOperator: 'placeholder',
		samples: {
			positive: ['ZIP: 62704', 'my zip code is 62704-1234', 'PLZ 10115', 'Postcode: SW1A 1AA', 'postal code K1A 0B1', 'ZIP: 1015 CJ', 'Postal code: 53-320', 'zip 394 13', 'my zip code is 101', 'Zip Code: 62704'],
			negative: ['ZIP: 1234567', 'zip file 62704', 'unzip 62704', 'postcode: unknown', 'ZIP 12.5 MB'],
		},
	},
	{
		id: 'us-military-address',
		entity: 'STREET_ADDRESS',
		description:
			'A US military or diplomatic address (USPS): PSC 5420, Box 2708 / APO AA 33879; Unit 4526 Box 0671, DPO AP 40902; USNS Comfort, FPO AE 09587 — in any case, on one line or two.',
		pattern: /(?<![A-Za-z0-9])(?:(?:psc|unit|cmr)\s\d{1,5},?\sbox\s\d{1,5}|(?:uss|usns|uscgc)\s[a-z]{2,20}(?:\s[a-z]{2,20})?)[,\s]{1,3}[adf]po\sa[aep]\s\d{5}(?:-\d{4})?(?![A-Za-z0-9])/gi,
		score: 0.85,
		defaultOperator: 'placeholder',
		samples: {
			positive: ['PSC 5420, Box 2708\nAPO AA 33879', 'unit 4526 box 0671\ndpo ap 40902', 'USNS Comfort, FPO AE 09587', 'uscgc aslakhanov\nfpo ae 44941'],
			negative: ['unit 4526 box 0671', 'APO AA 33879', 'PSC 5420, Box 2708 APO ZZ 33879'],
		},
	},
	{
		id: 'url',
		entity: 'URL',
		description: 'http(s)/ftp URL or www. address; trailing punctuation is not part of it.',
		pattern: /(?<![\w@.:/-])(?:(?:https?|ftp):\/\/|www\.)[^\s<>"'`{}|\\^[\]]{2,2048}/g,
		keywords: ['url', 'link', 'website', 'site'],
		refine: urlRefine,
		score: 0.6,
		defaultOperator: 'placeholder',
		samples: {
			positive: ['see https://example.com/a?b=1.', 'visit www.example.org today', '(http://x.io/path)'],
			negative: ['https:// nothing', 'wwwexample.com', 'mailto:a'],
		},
	},
];
