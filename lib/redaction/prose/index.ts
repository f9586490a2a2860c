/**
 * Prose entities: PERSON, STREET_ADDRESS, LOCATION (default on), ORGANIZATION (off unless selected),
 * AGE and DATE_OF_BIRTH with context, and known values (`alsoRedact`). Pure, re-entrant (one token
 * table per call, no module state but the read-only word lists), linear in the text.
 */
import type { Detection } from '../types';
import { findAddresses } from './address';
import { extraAnchors, findAges, findBirthDates, findOrganizations } from './extra';
import { findKnownValues } from './known';
import { getLexicon } from './lexicon';
import { findLocations } from './location';
import { findPersons } from './person';
import { emailParts } from './person-cues';
import { findLowerCaseNames } from './person-lower';
import { tokenize } from './tokens';

/** Every prose entity, and the ones on when no entity list is given. */
export const PROSE_ENTITIES: readonly string[] = Object.freeze(['AGE', 'DATE_OF_BIRTH', 'LOCATION', 'ORGANIZATION', 'PERSON', 'STREET_ADDRESS']);
export const PROSE_DEFAULT_ENTITIES: readonly string[] = Object.freeze(['AGE', 'DATE_OF_BIRTH', 'LOCATION', 'PERSON', 'STREET_ADDRESS']);

/** Entities that are off unless selected. */
export const OFF_BY_DEFAULT: readonly string[] = Object.freeze(['ORGANIZATION']);

export interface ProseOptions {
	/** Wanted entities (default: PROSE_DEFAULT_ENTITIES). Names that are not prose entities are ignored. */
	entities?: readonly string[];
	/** Known values (a customer's name, street): found wherever they occur, with their parts, as `knownEntity`. */
	alsoRedact?: readonly string[];
}

/** Prose candidates of `text` (overlapping; resolve them with the rest). */
export function detectProse(text: string, options: ProseOptions = {}): Detection[] {
	const want = new Set(options.entities ?? PROSE_DEFAULT_ENTITIES);
	const out: Detection[] = [];
	const known = options.alsoRedact?.filter((v) => typeof v === 'string' && v.trim() !== '') ?? [];
	if (known.length > 0) append(out, findKnownValues(text, known));
	const age = want.has('AGE');
	const dob = want.has('DATE_OF_BIRTH');
	const words = want.has('PERSON') || want.has('LOCATION') || want.has('STREET_ADDRESS');
	// one token table for every recognizer
	const t = age || dob || words ? tokenize(text) : undefined;
	if (t !== undefined && (age || dob)) {
		const anchors = extraAnchors(t);
		if (age) findAges(t, out, anchors);
		if (dob) findBirthDates(t, out, anchors);
	}
	if (want.has('ORGANIZATION')) findOrganizations(text, out);
	if (t === undefined || !words) return out;
	const lx = getLexicon();
	if (want.has('STREET_ADDRESS')) append(out, findAddresses(t, lx, false, want.has('LOCATION')));
	if (!want.has('PERSON') && !want.has('LOCATION')) return out;
	const taken = new Uint8Array(t.count);
	let persons: Detection[] = [];
	if (want.has('PERSON')) {
		persons = findPersons(t, lx, emailParts(t));
		append(persons, findLowerCaseNames(t, lx));
		persons.sort((a, b) => a.start - b.start);
		append(out, persons);
	}
	if (want.has('LOCATION')) {
		// tokens inside multi-word names are no places (`Paris Hilton`); a one-word name may be one (`Jackson, MS`)
		mark(t, taken, persons.filter((p) => (p.score ?? 0) >= 0.6));
		append(out, findLocations(t, lx, taken));
	}
	return out;
}

/** out.push(...xs) without spreading a long array onto the stack. */
export function append<T>(out: T[], xs: readonly T[]): void {
	for (let i = 0; i < xs.length; i++) out.push(xs[i]);
}

/** Marks the tokens inside the spans (spans in text order). */
function mark(t: { count: number; start: Int32Array; end: Int32Array }, taken: Uint8Array, spans: Detection[]): void {
	let k = 0;
	for (const d of spans) {
		while (k < t.count && t.end[k] <= d.start) k++;
		for (let j = k; j < t.count && t.start[j] < d.end; j++) taken[j] = 1;
	}
}
