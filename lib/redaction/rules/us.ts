import type { RedactionRule } from '../types';
import { usItinValid, usSsnValid } from '../validators/national-ids';

const SSN_WORDS = ['ssn', 'social security', 'social sec', 'ss#', 'ss #'];

export const usRules: RedactionRule[] = [
	{
		id: 'us-ssn-dashed',
		entity: 'US_SSN',
		description: 'US Social Security number 123-45-6789 (area not 000/666/9xx, group not 00, serial not 0000).',
		pattern: /(?<![\w.-])\d{3}-\d{2}-\d{4}(?![\w]|[-.]\d)/g,
		keywords: SSN_WORDS,
		validate: usSsnValid,
		score: 0.85,
		defaultOperator: 'placeholder',
		samples: {
			positive: ["Here's my SSN: 460-89-9847", '123-45-6789'],
			negative: ['000-12-3456', '666-12-3456', '900-12-3456', '123-00-4567', '123-45-0000', '123-45-6789-1'],
		},
	},
	{
		id: 'us-ssn-spaced-or-plain',
		entity: 'US_SSN',
		description: 'US SSN written 123 45 6789 or 123456789, only next to SSN words.',
		pattern: /(?<![\w.-])\d{3}( ?)\d{2}\1\d{4}(?![\w]|[-.]\d)/g,
		keywords: SSN_WORDS,
		requiresContext: true,
		validate: usSsnValid,
		score: 0.85,
		defaultOperator: 'placeholder',
		samples: { positive: ['SSN 123 45 6789', 'ssn: 123456789'], negative: ['SSN 000456789', 'zip 123456789'] },
	},
	{
		id: 'us-itin',
		entity: 'US_ITIN',
		description: 'US ITIN 9XX-7X-XXXX (group 50–65, 70–88, 90–92, 94–99).',
		pattern: /(?<![\w.-])9\d{2}([- ])\d{2}\1\d{4}(?![\w]|[-.]\d)/g,
		keywords: ['itin', 'taxpayer', 'tax id'],
		validate: usItinValid,
		score: 0.8,
		defaultOperator: 'placeholder',
		samples: { positive: ['ITIN 912-70-1234', '999 94 1234'], negative: ['912-69-1234', '812-70-1234'] },
	},
	{
		id: 'us-passport',
		entity: 'US_PASSPORT',
		description: 'US passport number (9 digits, or a letter and 8 digits), only next to "passport".',
		pattern: /(?<![\w-])[A-Z]?\d{8,9}(?![\w]|[-.]\d)/g,
		keywords: ['passport'],
		requiresContext: true,
		validate: (m) => m.length === 9 || (m.length === 10 && /^[A-Z]/.test(m)) || /^\d{9}$/.test(m),
		score: 0.7,
		defaultOperator: 'placeholder',
		samples: { positive: ['passport no. 912803456', 'Passport: A12345678'], negative: ['ticket 912803456'] },
	},
	{
		id: 'us-driver-license',
		entity: 'US_DRIVER_LICENSE',
		description: 'US driver license number (state formats), only next to driver/license words.',
		pattern:
			/(?<![\w-])(?:[A-Z]{1,2}\d{4,14}|\d{6,13}|\d{3,4}-\d{2,4}-\d{3,5}|[A-Z]\d{3}-\d{4}-\d{4}|[A-Z]-?\d{3}-\d{3}-\d{2,3}-\d{3})(?![\w]|-\d)/g,
		keywords: ['driver', 'license', 'licence', 'driving', 'dl', 'dln'],
		requiresContext: true,
		score: 0.7,
		defaultOperator: 'placeholder',
		samples: {
			positive: ["My driver's license number is 2270-66-1551", 'DL: F162823540116', 'driving licence 6940579'],
			negative: ['ticket 6940579', "driver's license number is pending"],
		},
	},
];
