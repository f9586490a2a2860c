import type { RedactionRule } from '../types';

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
