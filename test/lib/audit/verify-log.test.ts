import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { parseAuditEventsText, verifyAuditEvents, verifyAuditLog } from '../../../lib/audit';
import type { AuditEvent } from '../../../lib/audit';
import { lineFacts } from '../../../lib/audit/verify-log';
import { toKeyMap } from '../../../lib/audit/verify';
import { KEY, KEYS, clock, makeChain } from './fixtures';
import { createAuditChain } from '../../../lib/audit';
import { rangeMacHex, rangeMacKey } from '../../../lib/audit/crypto';

const KEY_LIST = [...toKeyMap(KEYS).values()];
const codes = (result: ReturnType<typeof verifyAuditEvents>) => result.problems.map((p) => `${p.index}:${p.code}`);

/** What verifyAuditLog must agree with: parse every event, then verify the objects. */
function viaObjects(text: string) {
	return verifyAuditEvents(parseAuditEventsText(text), KEYS, { requireClosed: true });
}
const viaLog = (text: string | Uint8Array) => verifyAuditLog(text, KEYS, { requireClosed: true });

/** The outcome of a verifier as data, errors included, so two verifiers can be compared. */
function outcome(run: () => unknown): unknown {
	try {
		return { result: run() };
	} catch (error) {
		return { error: (error as Error).message };
	}
}

const fast = (line: string) => {
	const bytes = Buffer.from(`\n${line}\n`, 'utf8');
	return lineFacts(bytes, 1, bytes.length - 1, KEY_LIST);
};

function unicodeChain(): AuditEvent[] {
	const chain = createAuditChain({ executionId: 'exec-ü', key: KEY, now: clock(), defaults: { actor: { type: 'user', id: 'Zoë 👩‍💻' } } });
	return [
		chain.append({ action: 'data.sent_to_model', outcome: 'success', custom: { note: 'naïve café – "quoted" \\ back\u0001slash', seq: 3, sig: 'nested' } }),
		chain.append({ action: 'record.changed', outcome: 'success', subject: 'ärger/ß', custom: { emoji: '🙂' } }),
		chain.close(),
	];
}

describe('verifyAuditLog', () => {
	const events = makeChain('exec-t', 4);
	const lines = events.map((e) => JSON.stringify(e));

	test('when the lines are as the signer wrote them then every line takes the fast path and the log verifies like the objects', () => {
		for (const line of lines) expect(fast(line)).toMatchObject({ signed: true });
		const result = viaLog(lines.join('\n'));
		expect(result.valid).toBe(true);
		expect(result).toEqual(viaObjects(lines.join('\n')));
		expect(result.chains).toEqual([{ chainId: 'exec-t', events: 5, closed: true }]);
	});

	test('when events hold non-ASCII text, escapes and nested seq/sig members then the fast path still applies and verifies', () => {
		const text = unicodeChain().map((e) => JSON.stringify(e)).join('\n');
		for (const line of text.split('\n')) expect(fast(line)).toMatchObject({ signed: true });
		expect(viaLog(Buffer.from(text, 'utf8'))).toEqual(viaObjects(text));
		expect(viaLog(text).valid).toBe(true);
	});

	test.each([
		['CRLF line ends, blank lines and a byte order mark', (ls: string[]) => `\uFEFF\r\n${ls.join('\r\n\r\n')}\r\n`],
		['a JSON array', (ls: string[]) => `[${ls.join(',')}]`],
		['a pretty-printed array', (_ls: string[]) => JSON.stringify(events, null, 2)],
	])('when the log is %s then it verifies', (_name, format) => {
		const text = format(lines);
		expect(viaLog(text).valid).toBe(true);
		expect(viaLog(text)).toEqual(viaObjects(text));
	});

	test.each([
		// Whitespace and member order change the text but not the event: the general path verifies it.
		['pretty-printed on one line', (e: AuditEvent) => JSON.stringify(e, null, 1).replace(/\n/g, ' ')],
		['sig member moved to the end', (e: AuditEvent) => { const { sig, ...rest } = e; return JSON.stringify({ ...rest, sig }); }],
		['keys in reverse order', (e: AuditEvent) => JSON.stringify(Object.fromEntries(Object.entries(e).reverse()))],
	])('when a line is not canonical (%s) then it takes the general path and the chain still verifies', (_name, rewrite) => {
		const line = rewrite(events[1]);
		expect(fast(line)).toBeUndefined();
		expect(viaLog([lines[0], line, ...lines.slice(2)].join('\n')).valid).toBe(true);
	});

	test.each([
		['a data value changed', (l: string) => l.replace('"outcome":"success"', '"outcome":"failure"')],
		['a member added between seq and sig', (l: string) => l.replace(',"sig":"', ',"sh":"x","sig":"')],
		['a nested sig-like member added at the end', (l: string) => `${l.slice(0, -1)},"zz":{"seq":1,"sig":"${'0'.repeat(64)}"}}`],
		['the sig member moved into data after a nested seq', (l: string) => {
			const sig = /,"sig":"[0-9a-f]{64}"/.exec(l)?.[0] ?? '';
			return l.replace(sig, '').replace('"custom":{', `"custom":{"seq":1${sig},`);
		}],
		['the chain id changed', (l: string) => l.replace('"chainid":"exec-t"', '"chainid":"exec-u"')],
		['the signature changed', (l: string) => l.replace(/"sig":"[0-9a-f]/, '"sig":"x')],
		['an unknown key id', (l: string) => l.replace(`"keyid":"${KEY.id}"`, '"keyid":"other"')],
	])('when a line was tampered with (%s) then it is reported exactly as the parsed objects are', (_name, tamper) => {
		const tampered = tamper(lines[2]);
		expect(tampered).not.toBe(lines[2]);
		expect(fast(tampered)).toBeUndefined();
		const text = [lines[0], lines[1], tampered, lines[3], lines[4]].join('\n');
		const result = viaLog(text);
		expect(result.valid).toBe(false);
		expect(result).toEqual(viaObjects(text));
	});

	test('when a line is not JSON then it throws naming the line, like the parser', () => {
		const text = `${lines[0]}\n\n${lines[1].slice(0, -2)}\n${lines[2]}`;
		expect(() => viaLog(text)).toThrow(/^Line 3 is not JSON/);
		expect(() => viaObjects(text)).toThrow(/^Line 3 is not JSON/);
	});

	test('when any character or byte of a signed log is changed, deleted or inserted, or lines are swapped, then the log verifier agrees with the object verifier', () => {
		const logs = [makeChain('exec-a', 3), unicodeChain(), [...makeChain('exec-b', 2), ...makeChain('exec-c', 2)]].map((chain) => chain.map((e) => JSON.stringify(e)).join('\n'));
		const edit = fc.record({
			log: fc.nat(logs.length - 1),
			kind: fc.constantFrom('replace', 'delete', 'insert', 'swap', 'byte'),
			at: fc.nat(),
			other: fc.nat(),
			byte: fc.nat(255),
			char: fc.constantFrom('"', '\\', ',', '}', '{', ':', '0', '9', 'a', 'f', ' ', '\n', 'é', 'x'),
		});
		let changed = 0;
		fc.assert(
			fc.property(edit, ({ log, kind, at, other, byte, char }) => {
				const text = logs[log];
				let edited: string;
				if (kind === 'byte') {
					// Any byte, so invalid UTF-8 too: the object path reads what the bytes decode to.
					const bytes = Buffer.from(text, 'utf8');
					const p = at % bytes.length;
					if (bytes[p] !== byte) changed++;
					bytes[p] = byte;
					expect(outcome(() => viaLog(bytes))).toEqual(outcome(() => viaObjects(bytes.toString('utf8'))));
					return;
				}
				if (kind === 'swap') {
					const ls = text.split('\n');
					const i = at % ls.length;
					const j = other % ls.length;
					[ls[i], ls[j]] = [ls[j], ls[i]];
					edited = ls.join('\n');
				} else {
					const p = at % text.length;
					edited = kind === 'replace' ? text.slice(0, p) + char + text.slice(p + 1) : kind === 'delete' ? text.slice(0, p) + text.slice(p + 1) : text.slice(0, p) + char + text.slice(p);
				}
				if (edited !== text) changed++;
				expect(outcome(() => viaLog(edited))).toEqual(outcome(() => viaObjects(edited)));
			}),
			{ numRuns: 3000, seed: 7 },
		);
		expect(changed).toBeGreaterThan(2500);
	});
});

describe('rangeMacHex', () => {
	test('when keys of any length MAC a byte range with a cut then the result is HMAC-SHA256 of the rest', () => {
		fc.assert(
			fc.property(fc.uint8Array({ maxLength: 200 }), fc.uint8Array({ maxLength: 5000 }), fc.nat(), fc.nat(), fc.nat(), (secret, bytes, a, b, c) => {
				const [start, cut, resume] = [a, b, c].map((x) => x % (bytes.length + 1)).sort((x, y) => x - y);
				const end = bytes.length;
				const key = rangeMacKey(secret);
				const expected = createHmac('sha256', secret).update(bytes.subarray(start, cut)).update(bytes.subarray(resume, end)).digest('hex');
				expect(rangeMacHex(key, bytes, start, cut, resume, end)).toBe(expected);
				// the key is reused across messages of other lengths
				expect(rangeMacHex(key, bytes, 0, 0, 0, end)).toBe(createHmac('sha256', secret).update(bytes).digest('hex'));
			}),
			{ numRuns: 500, seed: 3 },
		);
	});
});
