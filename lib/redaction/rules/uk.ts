import type { RedactionRule } from '../types';
import { ukNhsValid, ukNinoValid } from '../validators/national-ids';

export const ukRules: RedactionRule[] = [
	{
		id: 'uk-nhs',
		entity: 'UK_NHS',
		description: 'UK NHS number, 10 digits (3-3-4 grouping optional), modulus-11 check digit.',
		pattern: /(?<![\w.-])\d{3}([ -]?)\d{3}\1\d{4}(?![\w]|[-.]\d)/g,
		keywords: ['nhs', 'health service', 'patient', 'nhs number'],
		validate: ukNhsValid,
		score: 0.45,
		defaultOperator: 'placeholder',
		samples: { positive: ['NHS number 943 476 5919', '4010232137'], negative: ['943 476 5918', '401-023-2138'] },
	},
	{
		id: 'uk-nino',
		entity: 'UK_NINO',
		description: 'UK National Insurance number AB 12 34 56 C (allowed prefixes, suffix A–D).',
		pattern: /(?<![A-Za-z0-9])[A-CEGHJ-PR-TW-Z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-D](?![A-Za-z0-9])/g,
		keywords: ['national insurance', 'nino', 'ni number'],
		validate: ukNinoValid,
		score: 0.75,
		defaultOperator: 'placeholder',
		samples: { positive: ['NI: AB 12 34 56 C', 'AB123456C'], negative: ['BG123456A', 'AB123456E', 'DA123456A'] },
	},
];
