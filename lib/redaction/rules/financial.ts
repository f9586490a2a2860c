import type { RedactionRule } from '../types';
import { creditCardValid } from '../validators/luhn';
import { ibanRefine, ibanValid } from '../validators/mod97';
import { base58CheckValid, bech32Valid } from '../validators/crypto-address';

const CARD_WORDS = ['card', 'credit', 'debit', 'visa', 'mastercard', 'amex', 'cc', 'payment'];

export const financialRules: RedactionRule[] = [
	{
		id: 'credit-card-contiguous',
		entity: 'CREDIT_CARD',
		description: 'Payment card number, 12–19 digits without separators; issuer prefix and Luhn check.',
		pattern: /(?<![\w+.-])\d{12,19}(?![\w]|[.,-]\d)/g,
		keywords: CARD_WORDS,
		validate: creditCardValid,
		score: 0.9,
		defaultOperator: 'placeholder',
		samples: {
			positive: ['card 4111111111111111 on file', 'amex 378282246310005', 'maestro 6304000000000000'],
			negative: ['card 4111111111111112 on file', 'order 1234567890123', 'id 0000000000000000'],
		},
	},
	{
		id: 'credit-card-grouped',
		entity: 'CREDIT_CARD',
		description: 'Payment card number in groups of four (spaces or dashes), or Amex/Diners 4-6-5/4-6-4.',
		pattern: /(?<![\w+.-])\d{4}([ -])(?:\d{4}\1\d{4}\1\d{1,7}|\d{6}\1\d{4,5})(?![\w]|[.,-]\d)/g,
		keywords: CARD_WORDS,
		validate: creditCardValid,
		score: 0.9,
		defaultOperator: 'placeholder',
		samples: {
			positive: ['4111 1111 1111 1111', 'MC 5500-0000-0000-0004.', 'amex 3782 822463 10005'],
			negative: ['4111 1111 1111 1112', '1234 5678 9012 3456', '5500-0000-0000-0005'],
		},
	},
	{
		id: 'iban-compact',
		entity: 'IBAN_CODE',
		description: 'IBAN without spaces (upper or lower case); per-country length and mod-97 check.',
		pattern: /(?<![A-Za-z0-9])(?:[A-Z]{2}\d{2}[A-Z0-9]{11,30}|[a-z]{2}\d{2}[a-z0-9]{11,30})(?![A-Za-z0-9])/g,
		keywords: ['iban', 'account', 'bank', 'transfer', 'wire'],
		validate: ibanValid,
		score: 0.95,
		defaultOperator: 'placeholder',
		samples: {
			positive: ['IBAN GB82WEST12345698765432', 'de89370400440532013000', 'FR1420041010050500013M02606'],
			negative: ['GB82WEST12345698765433', 'XX82WEST12345698765432', 'GB82WEST1234569876543'],
		},
	},
	{
		id: 'iban-grouped',
		entity: 'IBAN_CODE',
		description: 'IBAN printed in groups of four separated by single spaces; mod-97 check.',
		pattern: /(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?: [A-Z0-9]{4}){2,7}(?: [A-Z0-9]{1,3})?(?![A-Za-z0-9])/g,
		keywords: ['iban', 'account', 'bank', 'transfer', 'wire'],
		refine: ibanRefine,
		score: 0.95,
		defaultOperator: 'placeholder',
		samples: {
			positive: ['pay to GB82 WEST 1234 5698 7654 32 today', 'DE89 3704 0044 0532 0130 00 2024'],
			negative: ['GB82 WEST 1234 5698 7654 33', 'AB12 CDEF 1234 5678'],
		},
	},
	{
		id: 'swift-bic',
		entity: 'SWIFT_CODE',
		description: 'BIC / SWIFT code: 4-letter bank, 2-letter country, 2-character location, optional 3-character branch; next to BIC/SWIFT words.',
		pattern: /(?<![A-Za-z0-9])[A-Z]{6}[A-Z0-9]{2}(?:[A-Z0-9]{3})?(?![A-Za-z0-9])/g,
		keywords: ['bic', 'swift', 'bank identifier'],
		requiresContext: true,
		score: 0.8,
		defaultOperator: 'placeholder',
		samples: { positive: ['BIC: DEUTDEFF', 'SWIFT code DEUTDEFF500', 'bic COBADEFFXXX'], negative: ['Deutsche Bank DEUTDEFF', 'BIC DEUTDEFF5', 'BIC deutdeff'] },
	},
	{
		id: 'us-bank-number',
		entity: 'US_BANK_NUMBER',
		description: 'US bank account number (8–17 digits), only with banking words nearby.',
		pattern: /(?<![\w.-])\d{8,17}(?![\w]|[.,-]\d)/g,
		keywords: ['account', 'acct', 'bank', 'checking', 'savings', 'routing', 'deposit'],
		requiresContext: true,
		score: 0.6,
		defaultOperator: 'placeholder',
		samples: { positive: ['checking account 12345678901'], negative: ['invoice 12345678901'] },
	},
	{
		id: 'crypto-btc-base58',
		entity: 'CRYPTO',
		description: 'Bitcoin P2PKH/P2SH address (base58check with double SHA-256 checksum).',
		pattern: /(?<![A-Za-z0-9])[13][1-9A-HJ-NP-Za-km-z]{25,34}(?![A-Za-z0-9])/g,
		keywords: ['bitcoin', 'btc', 'wallet', 'crypto'],
		validate: base58CheckValid,
		score: 0.95,
		defaultOperator: 'placeholder',
		samples: {
			positive: ['send to 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa', '3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy'],
			negative: ['1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb', '3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLz'],
		},
	},
	{
		id: 'crypto-btc-bech32',
		entity: 'CRYPTO',
		description: 'Bitcoin segwit address (bech32 / bech32m checksum).',
		pattern: /(?<![A-Za-z0-9])(?:bc1|BC1)[02-9ac-hj-np-zAC-HJ-NP-Z]{11,71}(?![A-Za-z0-9])/g,
		keywords: ['bitcoin', 'btc', 'wallet', 'crypto'],
		validate: bech32Valid,
		score: 0.95,
		defaultOperator: 'placeholder',
		samples: {
			positive: [
				'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq',
				'bc1p5d7rjq7g6rdk2yhzks9smlaqtedr4dekq08ge8ztwac72sfr9rusxg3297',
			],
			negative: ['bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdp'],
		},
	},
	{
		id: 'crypto-eth',
		entity: 'CRYPTO',
		description: 'Ethereum address: 0x and 40 hex digits.',
		pattern: /(?<![A-Za-z0-9])0x[0-9a-fA-F]{40}(?![A-Za-z0-9])/g,
		keywords: ['ethereum', 'eth', 'wallet', 'crypto'],
		score: 0.9,
		defaultOperator: 'placeholder',
		samples: {
			positive: ['0x52908400098527886E0F7030069857D2E4169EE7'],
			negative: ['0x52908400098527886E0F7030069857D2E4169EE', '0x52908400098527886E0F7030069857D2E4169EE7A'],
		},
	},
];
