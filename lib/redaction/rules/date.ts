import type { RedactionRule } from '../types';
import { MONTH_NAMES, dateTimeValid, dateValid, monthDateValid } from '../validators/dates';

const DOB_WORDS = ['dob', 'd.o.b', 'birth', 'born', 'birthday', 'geburtsdatum', 'nacimiento', 'naissance'];
const MONTH = '(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]{0,6}\\.?';

/**
 * Dates in general (not only of birth) are DATE_TIME as Presidio names them. Like a date of birth,
 * a date wants context words: next to words that tie it to a person's record (birth, appointment,
 * admission, death …) it scores 0.8 and the node redacts it; elsewhere it is a weak candidate (0.2)
 * that `detect()` returns and the node's default Minimum Score leaves in the text. Item fields full
 * of timestamps and tickets whose dates a model must reason about stay readable by default.
 */
const EVENT_WORDS = [...DOB_WORDS, 'appointment', 'admitted', 'admission', 'discharged', 'discharge', 'died', 'deceased', 'death'];
const GENERAL = 0.8;

/** A letter or digit next to a word (Latin scripts): the words below must not start or end inside a longer one. */
const ALNUM = 'A-Za-z0-9\\u00C0-\\u024F';
/** Month names but "may" (the verb, in lower case), longest first; May only where a year shows it is a date. */
const MONTHS = Object.keys(MONTH_NAMES)
	.filter((m) => m !== 'may')
	.sort((a, b) => b.length - a.length)
	.join('|');
const M = `(?:${MONTHS})(?![${ALNUM}])\\.?`;
const DAY = '(?:0?[1-9]|[12]\\d|3[01])(?:st|nd|rd|th|\\.)?';
const YEAR = '(?:1[89]|20)\\d{2}';
const TIME = '(?:[01]?\\d|2[0-3]):[0-5]\\d(?::[0-5]\\d(?:[.,]\\d{1,6})?)?(?: ?[AaPp]\\.?[Mm]\\.?)?(?: ?(?:Z|UTC|GMT|[+-](?:0\\d|1[0-4]):?[0-5]\\d))?';
const AT_TIME = `(?:,? (?:at )?${TIME}|T${TIME})?`;
const MAY_YEAR = `may(?:,? |-)${YEAR}`;
const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

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
	{
		id: 'date-numeric',
		entity: 'DATE_TIME',
		description:
			'A calendar date in digits, with an optional time: 2024-03-05, 2024-03-05 11:34:35, 2024-03-05T11:34Z, 05/03/2024, 3/5/24, 05.03.2024. Weak (0.2) unless next to birth, appointment, admission or death words; not version numbers (1.2.10) or ids (INV-2024-03-05).',
		pattern: new RegExp(
			`(?<![\\w./:-])(?:${YEAR}([-./])(?:0?[1-9]|1[0-2])\\1\\d{1,2}|\\d{1,2}([-.])\\d{1,2}\\2${YEAR}|\\d{1,2}/\\d{1,2}/(?:${YEAR}|\\d{2}))${AT_TIME}(?![\\w]|[-./:]\\d)`,
			'g',
		),
		keywords: EVENT_WORDS,
		requiresContext: true,
		validate: dateTimeValid,
		score: GENERAL,
		defaultOperator: 'placeholder',
		samples: {
			positive: ['appointment on 2024-03-05 11:34:35', 'admitted 05/03/2024', 'died on 05.03.2024'],
			negative: ['version 1.2.10', 'invoice INV-2024-03-05', 'order 2024-13-45', 'ip 192.168.1.10', 'call 12-34-5678', '3/4 of them'],
		},
	},
	{
		id: 'date-month-name',
		entity: 'DATE_TIME',
		description:
			'A date with an English month name, day and/or year, with an optional time: 12 March 2024, March 12th, 12th of March, 5 Mar 2024 10:00, March 2024, 12 May 2024 (May needs its year: "12 may be late" is no date). Weak (0.2) unless next to birth, appointment, admission or death words.',
		pattern: new RegExp(
			`(?<![${ALNUM}])(?:${DAY}(?: of | |-)(?:${M}(?:(?:,? |-)${YEAR})?|${MAY_YEAR})|${M}(?: ${DAY}(?:,? ${YEAR})?|,? ${YEAR})|${MAY_YEAR}|may ${DAY},? ${YEAR})${AT_TIME}(?![${ALNUM}]|[.:]\\d)`,
			'gi',
		),
		keywords: EVENT_WORDS,
		requiresContext: true,
		validate: monthDateValid,
		score: GENERAL,
		defaultOperator: 'placeholder',
		samples: {
			positive: ['appointment on 12 March 2024', 'admitted March 12th, 2024 at 9:30 am', 'appointment: Tue, 5 Mar 2024 10:00', 'died 12 May 2024', 'born May 5, 1980'],
			negative: ['item 12 may be late', 'you may 12', '12 Marsh Lane', 'Marching 12', 'Maybe 12', 'Jan. 99', '12 mayo'],
		},
	},
	{
		id: 'weekday',
		entity: 'DATE_TIME',
		description: 'A day of the week written out: Tuesday, friday. Weak (0.2) unless next to appointment or admission words.',
		pattern: new RegExp(`(?<![${ALNUM}])(?:${WEEKDAYS.join('|')})(?![${ALNUM}])`, 'gi'),
		keywords: EVENT_WORDS,
		requiresContext: true,
		score: GENERAL,
		defaultOperator: 'placeholder',
		samples: { positive: ['appointment on Tuesday', 'admitted on friday'], negative: ['Tuesdays are busy', 'a Mondayish mood'] },
	},
	{
		id: 'time-of-day',
		entity: 'DATE_TIME',
		description: 'A time of day: 11:34, 09:30:15, 9:30 pm, 9am, 10 p.m., 14:00 UTC. Weak (0.2) unless next to appointment or admission words; not ratios (16:9) or parts of IPv6 and MAC addresses.',
		pattern: new RegExp(`(?<![\\w:.])(?:${TIME}|(?:1[0-2]|0?[1-9]) ?(?:[ap]\\.?m\\.?|[AP]\\.?M\\.?))(?![\\w:]|\\.\\d)`, 'g'),
		keywords: EVENT_WORDS,
		requiresContext: true,
		score: GENERAL,
		defaultOperator: 'placeholder',
		samples: { positive: ['appointment at 9:30 pm', 'admitted at 14:05', 'appointment 9am'], negative: ['ratio 16:9', 'mac 00:1a:2b:3c:4d:5e', 'ip fe80::1:23', 'took 25:70 min'] },
	},
	{
		id: 'year-after-preposition',
		entity: 'DATE_TIME',
		description: 'A year after a word of time: in 1977, since 2004, during 1971, until 2030, circa 1900 (the year only; not the last digits in "card ending in 1998"). Weak (0.2) unless next to birth or death words.',
		pattern: /(?<![\w])(?<!end(?:s|ed|ing) )(?:in|since|during|until|till|circa|before|after)\s((?:1[89]|20)\d{2})(?![\w%]|[.,/:-]\d)/gi,
		group: 1,
		keywords: EVENT_WORDS,
		requiresContext: true,
		score: GENERAL,
		defaultOperator: 'placeholder',
		samples: { positive: ['born in 1977', 'died in 2004.'], negative: ['in 20245 cases', 'in 1977% of', 'in 2000.5 seconds', 'room 1977', 'card ending in 1998', 'number ends in 2050'] },
	},
];
