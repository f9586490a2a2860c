import { parseAuditEventsWithTexts, verifyAuditEvents } from '../../../lib/audit';
import type { AuditEvent } from '../../../lib/audit';
import { KEYS, makeChain } from './fixtures';

/** Verifies JSON Lines the way the CLI does: events parsed from lines, lines passed as texts. */
function verifyLines(lines: string[]) {
	const { events, texts } = parseAuditEventsWithTexts(lines.join('\n'));
	return { withTexts: verifyAuditEvents(events, KEYS, { texts }), withoutTexts: verifyAuditEvents(events, KEYS) };
}

const codes = (result: ReturnType<typeof verifyAuditEvents>) => result.problems.map((p) => `${p.index}:${p.code}`);

describe('verify with the lines events were read from', () => {
	const events = makeChain('exec-t', 4);
	const lines = events.map((e) => JSON.stringify(e));

	test('when the lines are as the signer wrote them then they verify, with the same chains as without texts', () => {
		const { withTexts, withoutTexts } = verifyLines(lines);
		expect(withTexts.valid).toBe(true);
		expect(withTexts).toEqual(withoutTexts);
	});

	test.each([
		// Whitespace and member order change the text but not the event: the general path verifies it.
		['pretty-printed on one line', (e: AuditEvent) => JSON.stringify(e, null, 1).replace(/\n/g, ' ')],
		['sig member moved to the end', (e: AuditEvent) => { const { sig, ...rest } = e; return JSON.stringify({ ...rest, sig }); }],
		['keys in reverse order', (e: AuditEvent) => JSON.stringify(Object.fromEntries(Object.entries(e).reverse()))],
	])('when a line is not canonical (%s) then the event still verifies and the chain links hold', (_name, rewrite) => {
		const { withTexts } = verifyLines([lines[0], rewrite(events[1]), lines[2], lines[3], lines[4]]);
		expect(withTexts.valid).toBe(true);
	});

	test.each([
		['a data value changed', (l: string) => l.replace('"outcome":"success"', '"outcome":"failure"')],
		['a member added between seq and sig', (l: string) => l.replace(',"sig":"', ',"sh":"x","sig":"')],
		['a nested sig-like member added at the end', (l: string) => `${l.slice(0, -1)},"zz":{"seq":1,"sig":"${'0'.repeat(64)}"}}`],
	])('when a line was tampered with (%s) then it is reported exactly as without texts', (_name, tamper) => {
		const tampered = [lines[0], lines[1], tamper(lines[2]), lines[3], lines[4]];
		const { withTexts, withoutTexts } = verifyLines(tampered);
		expect(withTexts.valid).toBe(false);
		expect(codes(withTexts)).toEqual(codes(withoutTexts));
		expect(codes(withTexts)).toContain('2:bad_signature');
	});
});
