import type { RedactionRule } from '../types';
import { dateValid } from '../validators/dates';

const DOB_WORDS = ['dob', 'd.o.b', 'birth', 'born', 'birthday', 'geburtsdatum', 'nacimiento', 'naissance'];
const MONTH = '(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]{0,6}\\.?';

export const dateRules: RedactionRule[] = [
	{
		id: 'date-of-birth-numeric',
		entity: 'DATE_TIME',
		description: 'Date of birth as 1985-03-12, 12/03/1985, 03/12/85, 12.03.1985 — next to birth words.',
		pattern: /(?<![\w./-])(?:\d{4}([-./])\d{1,2}\1\d{1,2}|\d{1,2}([-./])\d{1,2}\2(?:\d{4}|\d{2}))(?![\w]|[-./]\d)/g,
		keywords: DOB_WORDS,
		requiresContext: true,
		validate: dateValid,
		score: 0.8,
		defaultOperator: 'placeholder',
		samples: { positive: ['DOB: 1985-03-12', 'born on 12/03/1985', 'date of birth 31.12.99'], negative: ['DOB: 1985-13-45', 'due 12/03/1985'] },
	},
	{
		id: 'date-of-birth-text',
		entity: 'DATE_TIME',
		description: 'Date of birth as "12 March 1985", "March 12, 1985", "12th Mar 1985" — next to birth words.',
		pattern: new RegExp(
			`(?<![\\w])(?:\\d{1,2}(?:st|nd|rd|th)? ${MONTH},? \\d{4}|${MONTH} \\d{1,2}(?:st|nd|rd|th)?,? \\d{4})(?![\\w])`,
			'gi',
		),
		keywords: DOB_WORDS,
		requiresContext: true,
		validate: (m) => dateValid(m.replace(/(\d)(?:st|nd|rd|th)/i, '$1')),
		score: 0.8,
		defaultOperator: 'placeholder',
		samples: { positive: ['born 12 March 1985', 'Date of birth: March 12, 1985'], negative: ['born 32 March 1985', 'meeting March 12, 1985'] },
	},
];
