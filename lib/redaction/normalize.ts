import { detect as detectInText, resolveOverlaps } from './detect';
import type { Detection, DetectOptions } from './types';

/**
 * A normalised view of a text for detection, with the way back to the original's offsets.
 * Values hidden by formatting (zero-width or soft-hyphen characters, no-break or fullwidth forms,
 * URL escapes, HTML character references) read plainly in the view; what the engine finds there is
 * redacted over the original span, escapes and invisible characters included.
 */
export interface NormalizedView {
	text: string;
	/** Original offset of the first unit a view span [start, end) comes from. */
	toOriginalStart(start: number): number;
	/** Original offset just past the last unit a view span [start, end) comes from (end > start). */
	toOriginalEnd(end: number): number;
}

/** Card-number shapes with dots between the groups (4-4-4-4[-1..4], 4-4-4-1..4, 4-6-4/5): read with spaces. */
const DOTTED = /(?<![0-9.])(?:[0-9]{4}(?:\.[0-9]{4}){2,3}(?:\.[0-9]{1,4})?|[0-9]{4}\.[0-9]{6}\.[0-9]{4,5})(?![0-9]|\.[0-9])/g;
const NON_ASCII = /[^\x00-\x7f]/;
/** Units the view drops or rewrites although NFKC keeps them. */
const INVISIBLE_OR_DASH = /[\p{Cf}\u034f\u180b-\u180d\ufe00-\ufe0f\u2010-\u2015\u2212]/u;
const URL_ESCAPE_AT = /%[0-9A-Fa-f]{2}/y;
const REFERENCE_AT = /&(?:#[0-9]|#[xX][0-9A-Fa-f]|[A-Za-z]{2,8};)/y;

function hasAt(text: string, lead: string, at: RegExp): boolean {
	for (let i = text.indexOf(lead); i >= 0; i = text.indexOf(lead, i + 1)) {
		at.lastIndex = i;
		if (at.test(text)) return true;
	}
	return false;
}

const isDigit = (c: number) => c >= 48 && c <= 57;

/** The dot at `i` stands between four digits and four digits (where a dotted card group starts). */
function dottedAt(text: string, i: number): boolean {
	for (let k = 1; k <= 4; k++) if (!(isDigit(text.charCodeAt(i - k)) && isDigit(text.charCodeAt(i + k)))) return false;
	return i >= 4;
}

function hasDottedGroups(text: string): boolean {
	for (let i = text.indexOf('.', 4); i >= 0; i = text.indexOf('.', i + 1)) if (dottedAt(text, i)) return true;
	return false;
}

/**
 * Whether the ASCII unit at `i` starts something the view reads differently: a URL escape ('%'), an HTML
 * character reference ('&') or a dot of a dotted digit group ('.'). An ASCII text needs a view exactly when
 * one of its units does (see needsView), so a caller that scans the text anyway can ask here at those three.
 */
export function viewDiffersAt(text: string, i: number): boolean {
	const c = text.charCodeAt(i);
	if (c === 0x2e) return dottedAt(text, i);
	const at = c === 0x25 ? URL_ESCAPE_AT : c === 0x26 ? REFERENCE_AT : undefined;
	if (at === undefined) return false;
	at.lastIndex = i;
	return at.test(text);
}

/** An '@' followed by a run of domain units holding a non-ASCII one. */
function hasWideDomain(text: string): boolean {
	for (let at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
		for (let i = at + 1; i < text.length; i++) {
			const c = text.charCodeAt(i);
			if (c >= 0x80) return true;
			if (!(isDigit(c) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 45 || c === 46)) break;
		}
	}
	return false;
}

/**
 * Whether the view could differ from the text. Plain ASCII without escapes or dotted digit groups
 * (the usual case) costs a few native scans; letters NFKC keeps (ü, 東) one native NFKC pass.
 */
export function needsView(text: string): boolean {
	if (hasAt(text, '%', URL_ESCAPE_AT) || hasAt(text, '&', REFERENCE_AT) || hasDottedGroups(text)) return true;
	if (!NON_ASCII.test(text)) return false;
	return INVISIBLE_OR_DASH.test(text) || hasWideDomain(text) || text.normalize('NFKC') !== text;
}

/** Where the next such unit may start (non-ASCII, '%' or '&'). */
const SPECIAL = /[^\x00-\x24\x27-\x7f]/g;
/** Invisible characters dropped from the view: format characters, the grapheme joiner, variation selectors. */
const INVISIBLE = /^[\p{Cf}\u034f\u180b-\u180d\ufe00-\ufe0f]$/u;
/** Dashes and minus signs NFKC keeps, read as '-'. */
const DASH = /[\u2010-\u2015\u2212]/g;
const ESCAPE = /%([0-7][0-9A-Fa-f])|&#(?:([0-9]{1,7})|[xX]([0-9A-Fa-f]{1,6}));?|&([A-Za-z]{2,8});/y;
/** The named references that spell the characters entities are written with (HTML 5 names). */
const NAMED: Record<string, string> = {
	amp: '&', apos: "'", colon: ':', comma: ',', commat: '@', dash: '-', dollar: '$', equals: '=', excl: '!', gt: '>', hyphen: '-',
	lowbar: '_', lpar: '(', lt: '<', minus: '-', nbsp: '\u00a0', num: '#', percnt: '%', period: '.', plus: '+', quot: '"', rpar: ')',
	sol: '/', Tab: '\t', NewLine: '\n', ndash: '\u2013', mdash: '\u2014', shy: '\u00ad', zwsp: '\u200b', ZeroWidthSpace: '\u200b',
};

const folded = new Map<string, string>();

/** How one character reads in the view ('' when it is dropped); memoised (texts repeat their characters). */
function fold(ch: string): string {
	let out = folded.get(ch);
	if (out === undefined) {
		out = INVISIBLE.test(ch) ? '' : ch.normalize('NFKC').replace(DASH, '-');
		if (folded.size < 65536) folded.set(ch, out);
	}
	return out;
}

function decodeEscape(m: RegExpExecArray): string | undefined {
	if (m[1] !== undefined) return String.fromCharCode(parseInt(m[1], 16));
	if (m[4] !== undefined) return NAMED[m[4]];
	const cp = m[2] !== undefined ? parseInt(m[2], 10) : parseInt(m[3], 16);
	return cp > 0 && cp <= 0x10ffff && (cp < 0xd800 || cp > 0xdfff) ? String.fromCodePoint(cp) : undefined;
}

/**
 * Builds the view, or returns undefined when it would equal the text (see needsView). Segments
 * where view and original differ are recorded; elsewhere offsets shift by a constant.
 */
export function normalizedView(text: string): NormalizedView | undefined {
	if (!needsView(text)) return undefined;
	const parts: string[] = [];
	// changed segments: view start, view end, original start, original end
	const seg: number[] = [];
	let viewLength = 0;
	let copied = 0;
	const change = (at: number, to: number, out: string): void => {
		if (at > copied) {
			parts.push(text.slice(copied, at));
			viewLength += at - copied;
		}
		parts.push(out);
		seg.push(viewLength, viewLength + out.length, at, to);
		viewLength += out.length;
		copied = to;
	};
	SPECIAL.lastIndex = 0;
	for (let m = SPECIAL.exec(text); m; m = SPECIAL.exec(text)) {
		const at = m.index;
		if (at < copied) {
			SPECIAL.lastIndex = copied;
			continue;
		}
		let to = at + 1;
		let out: string | undefined;
		const c = text.charCodeAt(at);
		if (c === 0x25 || c === 0x26) {
			ESCAPE.lastIndex = at;
			const e = ESCAPE.exec(text);
			const decoded = e ? decodeEscape(e) : undefined;
			if (e && decoded !== undefined) {
				to = at + e[0].length;
				out = [...decoded].map(fold).join('');
			}
		} else {
			if (c >= 0xd800 && c <= 0xdbff && at + 1 < text.length) to = at + 2;
			const ch = text.slice(at, to);
			out = fold(ch);
			if (out === ch) out = undefined;
		}
		if (out !== undefined) change(at, to, out);
		SPECIAL.lastIndex = to;
	}
	if (seg.length > 0 && copied < text.length) parts.push(text.slice(copied));
	// the steps below keep the length, so the segments stay true
	let view = seg.length > 0 ? parts.join('') : text;
	view = foldDomains(view.replace(DOTTED, (m) => m.replace(/\./g, ' ')));
	return seg.length === 0 && view === text ? undefined : mapped(view, seg);
}

const DOMAIN_UNIT = /[\p{L}\p{N}\p{M}.\-]/u;

/**
 * The engine's e-mail rule reads ASCII domains; an internationalised one (`jane@exämple.de`) reads
 * with each non-ASCII unit after the '@' as 'x' (same length, so offsets are kept).
 */
function foldDomains(view: string): string {
	const parts: string[] = [];
	let copied = 0;
	for (let at = view.indexOf('@'); at >= 0; at = view.indexOf('@', at + 1)) {
		let end = at + 1;
		let wide = false;
		while (end < view.length) {
			const c = view.charCodeAt(end);
			const len = c >= 0xd800 && c <= 0xdbff ? 2 : 1;
			if (!DOMAIN_UNIT.test(view.slice(end, end + len))) break;
			if (c >= 0x80) wide = true;
			end += len;
		}
		if (!wide) continue;
		parts.push(view.slice(copied, at + 1), view.slice(at + 1, end).replace(/[^\x00-\x7f]/g, 'x'));
		copied = end;
		at = end - 1;
	}
	return parts.length === 0 ? view : parts.join('') + view.slice(copied);
}

/** Index of the last segment starting at or before view offset `v`, or -1. */
function segmentAt(seg: number[], v: number): number {
	let lo = 0;
	let hi = seg.length / 4 - 1;
	let found = -1;
	while (lo <= hi) {
		const mid = (lo + hi) >> 1;
		if (seg[mid * 4] <= v) {
			found = mid;
			lo = mid + 1;
		} else hi = mid - 1;
	}
	return found;
}

function mapped(view: string, seg: number[]): NormalizedView {
	// the original units view unit v comes from: a changed segment's whole source, or one unit of
	// unchanged text, shifted by where the last segment before it ends
	const first = (v: number): number => {
		const k = segmentAt(seg, v);
		if (k < 0) return v;
		return seg[k * 4 + 1] > v ? seg[k * 4 + 2] : seg[k * 4 + 3] + (v - seg[k * 4 + 1]);
	};
	const last = (v: number): number => {
		const k = segmentAt(seg, v);
		if (k < 0) return v + 1;
		return seg[k * 4 + 1] > v ? seg[k * 4 + 3] : seg[k * 4 + 3] + (v - seg[k * 4 + 1]) + 1;
	};
	return { text: view, toOriginalStart: first, toOriginalEnd: (end) => last(end - 1) };
}

/** `view`'s detections with original offsets (sorted and non-overlapping, as given). */
function backToOriginal(found: Detection[], view: NormalizedView): Detection[] {
	return found.map((d) => {
		const start = view.toOriginalStart(d.start);
		return { ...d, start, end: d.end > d.start ? view.toOriginalEnd(d.end) : start };
	});
}

/**
 * Finds PII and secrets in `text` (see the engine's detect): in the text as it is and, when it holds
 * anything a normalised view reads differently, in that view too. A view finding covers the original
 * units it comes from; a finding of the text inside one is dropped (the view saw all of it: the soft
 * hyphen before `doe@example.com`), and the rest is resolved as the engine resolves overlaps.
 */
export function detect(text: string, options: DetectOptions = {}): Detection[] {
	const found = detectInText(text, options);
	const view = normalizedView(text);
	if (!view) return found;
	const more = backToOriginal(detectInText(view.text, options), view);
	if (more.length === 0) return found;
	const kept: Detection[] = [];
	let k = 0;
	for (const f of found) {
		while (k + 1 < more.length && more[k + 1].start <= f.start) k++;
		if (!(more[k].start <= f.start && f.end <= more[k].end)) kept.push(f);
	}
	// view findings that met inside one expanded unit (ﬃ → ffi) overlap once mapped back: resolve them too
	return resolveOverlaps([...kept, ...more]);
}
