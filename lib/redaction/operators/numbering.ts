import { placeholder, placeholdersIn } from './placeholder';

const MAX_DEPTH = 200;

/**
 * Placeholder numbers of one redaction run (one call, or every item of one node execution). One
 * value of an entity gets one placeholder in the whole run, and no two values share one, so a map
 * of one item can never fill another item's placeholder with a different value. Placeholder-shaped
 * text that was already in the input is reserved: Redact never issues it, and the item's map gives
 * it back as it was.
 */
export class PlaceholderNumbering {
	private readonly counters = new Map<string, number>();
	private readonly byValue = new Map<string, string>();
	private readonly reserved = new Set<string>();
	/** Placeholders issued for the reversible `token` operator (they become map keys). */
	private readonly reversible = new Set<string>();

	/** `after`: the highest numbers earlier runs of the same execution issued; this run continues past them. */
	constructor(after: Readonly<Record<string, number>> = {}) {
		for (const [entity, n] of Object.entries(after)) if (Number.isSafeInteger(n) && n > 0) this.counters.set(entity, n);
	}

	/** Reserves every placeholder shape in the strings and keys of a JSON value. */
	reserveIn(value: unknown, depth = 0): void {
		if (typeof value === 'string') {
			for (const t of placeholdersIn(value)) this.reserved.add(t);
			return;
		}
		if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return;
		if (Array.isArray(value)) {
			for (const v of value) this.reserveIn(v, depth + 1);
			return;
		}
		for (const [k, v] of Object.entries(value)) {
			this.reserveIn(k, depth);
			this.reserveIn(v, depth + 1);
		}
	}

	/** Reserves `token`; false when it was already issued as a map key (it can no longer be told apart). */
	reserve(token: string): boolean {
		this.reserved.add(token);
		return !this.reversible.has(token);
	}

	isReserved(token: string): boolean {
		return this.reserved.has(token);
	}

	/** The placeholder of `value`, issuing the next free number of `entity` the first time. */
	placeholderFor(entity: string, value: string, reversible: boolean): string {
		const key = `${entity}\u0000${value}`;
		let ph = this.byValue.get(key);
		if (ph === undefined) {
			let n = this.counters.get(entity) ?? 0;
			do ph = placeholder(entity, ++n);
			while (this.reserved.has(ph));
			this.counters.set(entity, n);
			this.byValue.set(key, ph);
		}
		if (reversible) this.reversible.add(ph);
		return ph;
	}

	/** The highest number issued per entity so far (earlier runs included). */
	issued(): Record<string, number> {
		return Object.fromEntries(this.counters);
	}
}
