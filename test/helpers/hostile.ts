/**
 * Hostile inputs: units repeated to any length (a storm of look-alikes), shared by the unit test
 * of linear growth (test/lib/redaction/adversarial.test.ts) and the bench's CPU figures.
 * [name, unit, head]: the input is head + unit repeated.
 */
export const HOSTILE_UNITS: ReadonlyArray<readonly [string, string, string?]> = [
	['digit run', '1'],
	['repeated separators 1-1-1-', '1-'],
	['spaced digits 1 1 1', '1 '],
	['dotted digits 1.1.1.', '1.'],
	['@ storm a@a@a@', 'a@'],
	['dotted domain storm a@b.b.b.', 'b.', 'a@'],
	['colon storm ::::', ':'],
	['hex and colons 1:a:1:a', '1:a:'],
	['long token', 'Ab9'],
	['long hex run', 'deadbeef0123'],
	['repeated JWT header eyJ', 'eyJ'],
	['url storm http://', 'http://a'],
	['PEM headers', '-----BEGIN RSA PRIVATE KEY-----\n'],
	['assignment storm password=', 'password=a1'],
	['plus storm +1 +1', '+1 '],
	['parentheses (1)(1)', '(1)'],
	['letters and digits GB82', 'GB82 '],
	// IBAN look-alikes in lower case and with a longer country length
	['lower-case IBAN look-alikes gb82', 'gb82 '],
	['grouped IBAN look-alikes DE89 3704', 'DE89 3704 '],
	// IBAN look-alikes with letter groups, and with a non-ASCII first unit
	['IBAN look-alikes with letter groups GB82 WEST', 'GB82 WEST '],
	['dotless-i IBAN look-alikes ıt60', 'ıt60 '],
	// literal starts of secret rules without the rest of the secret
	['literal lead storm SKx-', 'SKx-'],
	['literal lead storm AKIA-', 'AKIA-'],
	// BIC and national-ID look-alikes
	['BIC look-alikes with context BIC DEUTDEFF', 'BIC DEUTDEFF '],
	['upper-case word storm ABCDEFGHXYZ', 'ABCDEFGHXYZ '],
	['NIR groups 1 85 05 78', '1 85 05 78 '],
	['Belgian groups 85.07.30-033.', '85.07.30-033.'],
	['personnummer look-alikes 811218-', '811218-'],
	// the prose recognizers (PERSON, STREET_ADDRESS, LOCATION, AGE, DATE_OF_BIRTH): capitalised words,
	// names, titles, salutations, sign-offs and header lines, address-like runs, places
	['capitalised-word storm Alpha Bravo', 'Alpha Bravo Charlie Delta Echo Foxtrot '],
	['name-list storm Maria Gonzalez, Peter Novak', 'Maria Gonzalez, Peter Novak and John Smith, '],
	['title storm Mr Mr Mr', 'Mr '],
	['dotted title storm Dr. Dr.', 'Dr. '],
	['salutation storm Dear Dear', 'Dear '],
	['sign-off storm Regards, Maria', 'Regards,\nMaria '],
	['header storm From: Maria Gonzalez', 'From: Maria Gonzalez\n'],
	['ALL-CAPS name storm Name: MARIA', 'Name: MARIA GONZALEZ '],
	['particle storm van der van der', 'van der '],
	['initials storm J. J. J.', 'J. '],
	['address-like run 12 Oak 12 Oak Street,', '12 Oak 12 Oak Street, '],
	['street-type storm Street Avenue Road', 'Street Avenue Road '],
	['numbers and street words 12 Oak Hauptstraße 5 rue de la Paix', '12 Oak Hauptstraße 5 rue de la Paix '],
	['postcode lines 10115 Berlin', '10115 Berlin\n'],
	['address block lines 12 Oak Street / Apt 4 / Springfield', '12 Oak Street\nApt 4\nSpringfield\n'],
	['lower-case address cues lives at 12 marlowvej 5', 'lives at 12 marlowvej 5, aalborg, '],
	['lower-case given-name lists silvana, kristina', 'silvana, kristina, caleb, christopher, '],
	['lower-case given-name lists joined by and', 'kristina and caleb and '],
	['e-mail local parts maria.gonzalez@', 'maria.gonzalez@'],
	['one long capitalised word AAAA', 'A'],
	['city storm Berlin Paris London', 'Berlin Paris London Springfield '],
	['age and birth-date words aged born DOB', 'aged born DOB: 1 '],
];

/** head + unit repeated to `size` units. */
export function hostileInput(unit: string, size: number, head = ''): string {
	return head + unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
}
