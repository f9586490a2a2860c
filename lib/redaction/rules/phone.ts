import type { RedactionRule } from '../types';

const PHONE_WORDS = [
	'phone', 'tel', 'telephone', 'call', 'calling', 'mobile', 'cell', 'fax', 'desk', 'office', 'contact',
	'whatsapp', 'sms', 'text me', 'dial', 'reach me', 'ring', 'answering', 'message', 'landline', 'hotline',
	'extension',
];

/** Digits before any extension marker (x / ext). */
function mainDigits(m: string): number {
	let n = 0;
	for (let i = 0; i < m.length; i++) {
		const c = m.charCodeAt(i);
		if (c >= 48 && c <= 57) n++;
		else if (c === 120 || c === 101) break;
	}
	return n;
}

function digitCountIn(min: number, max: number): (m: string) => boolean {
	return (m) => {
		const n = mainDigits(m);
		return n >= min && n <= max;
	};
}

/** The US SSN grouping 3-2-4 (078 05 1123): an SSN shape, not a national phone grouping. */
const SSN_GROUPS = /^\d{3}([ -])\d{2}\1\d{4}$/;
const LOOKS_LIKE_DATE = /^(?:(?:19|20)\d\d[-./]\d\d?[-./]\d\d?|\d\d?[-./]\d\d?[-./](?:19|20)\d\d)(?!\d)/;
const contextualValid = digitCountIn(7, 13);

export const phoneRules: RedactionRule[] = [
	{
		id: 'phone-nanp',
		entity: 'PHONE_NUMBER',
		description: 'North American number: (555) 123-4567, 555-123-4567, 555.123.4567, +1/001 prefix, extension.',
		pattern:
			/(?<![\w+()-]|\d[ .-])(?:\+?1[ .-]?|001[ .-])?(?:\(\d{3}\)[ .-]?|\d{3}[.-]|\d{3} (?=\d{3} \d{4}))\d{3}[ .-]\d{4}(?:[ ]?(?:x|ext\.?)[ ]?\d{1,6})?(?![\w:]|[.-]?\d)/g,
		keywords: PHONE_WORDS,
		validate: digitCountIn(10, 11),
		score: 0.75,
		defaultOperator: 'placeholder',
		samples: {
			positive: ['call (555) 123-4567', '555-123-4567', '(579)888-3058 fax', '+1-984-182-0190', '345-899-3560x4587'],
			negative: ['555-123-45678', '2024-123-4567-8', '123-45-6789', '21 284 698 2548'],
		},
	},
	{
		id: 'phone-international',
		entity: 'PHONE_NUMBER',
		description: 'International number with a + country code: +44 20 7946 0958, +46 (0)8 928 571 38, +447700900123.',
		pattern:
			/(?<![\w+])\+[1-9]\d{0,14}(?:[ .-]?\(0\)[ .-]?\d{1,5}|[ .-]?\(\d{1,5}\))?(?:[ .-]\d{1,10}){0,6}(?:[ ]?(?:x|ext\.?)[ ]?\d{1,6})?(?![\w:]|[.-]?\d)/g,
		keywords: PHONE_WORDS,
		validate: digitCountIn(8, 15),
		score: 0.75,
		defaultOperator: 'placeholder',
		samples: {
			positive: ['+44 20 7946 0958', '+49 30 51001056', '+46 (0)8 928 571 38', '+447700 921 916', '+41 (0)96 471 07 95', '+14155552671'],
			negative: ['+1 234', 'a+44 20 7946 0958', '+1234567890123456789'],
		},
	},
	{
		id: 'phone-national-trunk',
		entity: 'PHONE_NUMBER',
		description: 'National number with a 0 trunk prefix in groups (020 7946 0958, 07700 063 966, 03.93.92.16.85, (08) 8747 6301), not before a street name.',
		pattern: /(?<![\w+()./-])(?:\(0\d{1,4}\)[ ]?\d{2,8}|0\d{1,4})(?:[ .-]\d{2,8}){1,4}(?![\w:]|[.-]?\d)(?! (?:[A-Z][\w.'-]{0,20} ){0,2}(?:St|Street|Rue|Rd|Road|Ave|Avenue|Blvd|Lane|Ln|Dr|Drive|Way|Str|Strasse|Via|Calle|Rua|Avenida)\b)/g,
		keywords: PHONE_WORDS,
		validate: (m) => digitCountIn(9, 12)(m) && !LOOKS_LIKE_DATE.test(m) && !SSN_GROUPS.test(m),
		score: 0.6,
		defaultOperator: 'placeholder',
		samples: {
			positive: ['020 7946 0958', '07700 063 966', '03.93.92.16.85', '(08) 8747 6301', '0961-7596216'],
			negative: ['01.02.2024', '0 12', '020 79', '03262 2437 Main St', '078 05 1123'],
		},
	},
	{
		id: 'phone-contextual',
		entity: 'PHONE_NUMBER',
		description: 'Other grouped or plain 7–13 digit numbers (467 3395, 9498777106), only next to phone words and not before a street name.',
		pattern:
			/(?<![\w+()./-]|\+\d{1,3}[ .-])(?:\(\d{1,4}\)[ ]?\d{2,8}|\d{2,12})(?:[ .-]\d{2,8}){0,4}(?:[ ]?(?:x|ext\.?)[ ]?\d{1,6})?(?![\w:]|[.-]?\d)(?! (?:[A-Z][\w.'-]{0,20} ){0,2}(?:St|Street|Rue|Rd|Road|Ave|Avenue|Blvd|Lane|Ln|Dr|Drive|Way|Str|Strasse|Via|Calle|Rua|Avenida)\b)/g,
		keywords: PHONE_WORDS,
		requiresContext: true,
		validate: (m) => contextualValid(m) && !LOOKS_LIKE_DATE.test(m),
		score: 0.65,
		defaultOperator: 'placeholder',
		samples: {
			positive: ['Phone: 467 3395', 'call me on 9472 7916?', 'Fax: 9498777106', '(37) 788-063 office'],
			negative: ['Phone: 2024-03-15', 'order 467 3395', 'phone 12 34', 'reference number 63575137', 'office is at 17031 2202 Rissik St'],
		},
	},
];
