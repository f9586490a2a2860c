/**
 * Deterministic generator of realistic business text (support tickets, e-mails, CRM notes) with
 * planted PII whose exact spans are known, plus look-alike noise that must not be detected
 * (order numbers, amounts, dates, times, versions, tracking numbers, cards failing Luhn, IBANs failing mod-97).
 */
import { luhnCheckDigit } from '../../lib/redaction/validators/luhn';
import { mod97, IBAN_LENGTHS } from '../../lib/redaction/validators/mod97';

export interface Span {
	entity: string;
	start: number;
	end: number;
}
export interface Item {
	text: string;
	spans: Span[];
}

export { rng } from '../../test/helpers/rng';
import { rng } from '../../test/helpers/rng';

export class Gen {
	constructor(readonly r: () => number) {}
	int(lo: number, hi: number): number {
		return lo + Math.floor(this.r() * (hi - lo + 1));
	}
	pick<T>(xs: readonly T[]): T {
		return xs[Math.floor(this.r() * xs.length)];
	}
	digits(n: number): string {
		let s = '';
		for (let i = 0; i < n; i++) s += String(this.int(0, 9));
		return s;
	}
	upper(n: number): string {
		let s = '';
		for (let i = 0; i < n; i++) s += String.fromCharCode(65 + this.int(0, 25));
		return s;
	}

	card(): string {
		const prefix = this.pick(['4', '51', '55', '2221', '37', '6011', '35']);
		const len = prefix === '37' ? 15 : 16;
		const body = prefix + this.digits(len - 1 - prefix.length);
		const num = body + luhnCheckDigit(body);
		if (this.r() < 0.5 || len === 15) return num;
		return num.replace(/(\d{4})(?=\d)/g, `$1${this.pick([' ', '-'])}`);
	}
	badCard(): string {
		const body = '4' + this.digits(14);
		return body + ((luhnCheckDigit(body) + this.int(1, 9)) % 10);
	}
	iban(valid = true): string {
		const cc = this.pick(['DE', 'GB', 'FR', 'NL', 'ES', 'IT', 'BE']);
		const len = IBAN_LENGTHS[cc];
		let bban = cc === 'GB' || cc === 'NL' ? this.upper(4) + this.digits(len - 8) : this.digits(len - 4);
		if (cc === 'IT') bban = this.upper(1) + this.digits(len - 5);
		const check = 98 - mod97(bban + cc + '00');
		let cd = String(check).padStart(2, '0');
		if (!valid) cd = String(((check + this.int(1, 50)) % 97) + 2).padStart(2, '0');
		const iban = cc + cd + bban;
		return this.r() < 0.3 ? iban.replace(/(.{4})(?=.)/g, '$1 ') : iban;
	}
	ssn(): string {
		let area = this.int(1, 899);
		if (area === 666) area = 667;
		return `${String(area).padStart(3, '0')}-${String(this.int(1, 99)).padStart(2, '0')}-${String(this.int(1, 9999)).padStart(4, '0')}`;
	}
	phone(): string {
		const a = this.int(201, 989);
		const b = this.int(200, 999);
		const c = this.digits(4);
		switch (this.int(0, 5)) {
			case 0:
				return `(${a}) ${b}-${c}`;
			case 1:
				return `${a}-${b}-${c}`;
			case 2:
				return `+1 ${a} ${b} ${c}`;
			case 3:
				return `+44 20 ${this.digits(4)} ${this.digits(4)}`;
			case 4:
				return `020 ${this.digits(4)} ${this.digits(4)}`;
			default:
				return `+49 30 ${this.digits(8)}`;
		}
	}
	ip(): string {
		if (this.r() < 0.15) return `2001:db8:${this.int(1, 65535).toString(16)}::${this.int(1, 65535).toString(16)}`;
		return `${this.int(1, 223)}.${this.int(0, 255)}.${this.int(0, 255)}.${this.int(1, 254)}`;
	}
	email(first: string, last: string): string {
		return `${first.toLowerCase()}.${last.toLowerCase()}${this.r() < 0.3 ? this.int(1, 99) : ''}@${this.pick(DOMAINS)}`;
	}
}

const FIRST = ['Anna', 'Ben', 'Carla', 'David', 'Elif', 'Farid', 'Grace', 'Hugo', 'Ines', 'Jonas', 'Kenji', 'Lena', 'Marco', 'Nora', 'Omar', 'Priya', 'Quinn', 'Rosa', 'Sven', 'Tara'];
const LAST = ['Smith', 'Müller', 'Rossi', 'Kowalski', 'Nguyen', 'Garcia', 'Okafor', 'Larsen', 'Dubois', 'Tanaka', 'Schmidt', 'Brown', 'Silva', 'Novak'];
const DOMAINS = ['example.com', 'acme-corp.io', 'mail.example.org', 'contoso.co.uk', 'globex.de', 'initech.net'];
const PRODUCTS = ['Pro plan', 'Team license', 'Enterprise bundle', 'API add-on', 'Storage pack', 'Premium support'];

type Piece = string | [string, string];

function sentence(g: Gen): Piece[] {
	const first = g.pick(FIRST);
	const last = g.pick(LAST);
	const order = `ORD-${g.int(2019, 2025)}-${g.digits(6)}`;
	const amount = `$${g.int(1, 9)},${g.digits(3)}.${g.digits(2)}`;
	const date = `${g.int(2019, 2025)}-${String(g.int(1, 12)).padStart(2, '0')}-${String(g.int(1, 28)).padStart(2, '0')}`;
	const noise = [
		`Ticket #${g.digits(5)} was opened on ${date} at ${g.int(8, 18)}:${g.digits(2)} by ${first} ${last}. `,
		`The customer reports that invoice INV-${g.digits(5)} for ${amount} was charged twice for the ${g.pick(PRODUCTS)}. `,
		`Order ${order} shipped via UPS, tracking 1Z${g.upper(3)}${g.digits(13)}, expected within ${g.int(2, 9)} business days. `,
		`We upgraded the workspace to v${g.int(1, 9)}.${g.int(0, 20)}.${g.int(0, 9)} and the sync now takes ${g.int(2, 90)} seconds instead of ${g.int(100, 400)}. `,
		`Follow-up call scheduled for ${date}; ${first} will prepare a quote for ${g.int(5, 500)} seats at a ${g.int(5, 30)}% discount. `,
		`Please note that the renewal price increases by ${g.int(2, 12)}% from ${date}, and the current term ends in ${g.int(1, 11)} months. `,
		`Internal note: account manager ${first} ${last} confirmed the credit of ${amount} against order ${order}. `,
		`Reference number ${g.digits(8)} belongs to a closed case; see knowledge base article KB${g.digits(6)} for the workaround. `,
		`Card ending in ${g.digits(4)} was declined with code ${g.int(100, 999)}; the test number ${g.badCard()} fails validation as expected. `,
		`A transfer from a mistyped account ${g.iban(false)} bounced and was refunded on ${date}. `,
		`Kind regards,\n${first} ${last}\nCustomer Success, Acme Corp\n\n`,
		`Hi ${first},\n\nthanks for reaching out about the ${g.pick(PRODUCTS)}. `,
	];
	if (g.r() < 0.62) return [g.pick(noise)];
	switch (g.int(0, 7)) {
		case 0:
			return [`You can reach ${first} at `, ['EMAIL_ADDRESS', g.email(first, last)], ` or on `, ['PHONE_NUMBER', g.phone()], '. '];
		case 1:
			return [`The customer paid with card `, ['CREDIT_CARD', g.card()], ` and asked for a refund of ${amount}. `];
		case 2:
			return [`Please wire the balance to IBAN `, ['IBAN_CODE', g.iban()], ` before ${date}. `];
		case 3:
			return [`For the background check ${first} provided SSN `, ['US_SSN', g.ssn()], `. `];
		case 4:
			return [`Login attempts came from `, ['IP_ADDRESS', g.ip()], ` and `, ['IP_ADDRESS', g.ip()], ` within ${g.int(2, 59)} minutes. `];
		case 5:
			return [`Forwarded message from `, ['EMAIL_ADDRESS', g.email(first, last)], `: my mobile number changed to `, ['PHONE_NUMBER', g.phone()], `. `];
		case 6:
			return [`CRM update: ${first} ${last} (`, ['EMAIL_ADDRESS', g.email(first, last)], `) moved to the ${g.pick(PRODUCTS)} tier. `];
		default:
			return [`Callback requested at `, ['PHONE_NUMBER', g.phone()], ` regarding order ${order}. `];
	}
}

/** One item of about `size` UTF-16 units with its planted spans. */
export function makeItem(g: Gen, size: number): Item {
	let text = '';
	const spans: Span[] = [];
	while (text.length < size) {
		for (const p of sentence(g)) {
			if (typeof p === 'string') text += p;
			else {
				spans.push({ entity: p[0], start: text.length, end: text.length + p[1].length });
				text += p[1];
			}
		}
	}
	// Flatten the rope built by += (inputs parsed from JSON are flat strings too).
	return { text: Buffer.from(text, "utf8").toString("utf8"), spans };
}

/** `count` items of about `size` characters each, from a fixed seed. */
export function makeCorpus(count: number, size = 4096, seed = 20240611): Item[] {
	const g = new Gen(rng(seed));
	const items: Item[] = [];
	for (let i = 0; i < count; i++) items.push(makeItem(g, size));
	return items;
}
