import { GovernanceError, GovernanceErrorCode } from '../../errors/governance-error';
import { secretBytes } from '../crypto-map';
import type { PlaceholderMap } from '../crypto-map';
import { RULES } from '../rules';
import type { Detection, OperatorConfig, OperatorName, RedactOptions } from '../types';
import { pseudonym } from './hash';
import { maskValue } from './mask';
import { PlaceholderNumbering } from './numbering';
import { placeholdersIn } from './placeholder';

const OPERATOR_NAMES: readonly OperatorName[] = ['placeholder', 'mask', 'hash', 'remove', 'token'];
const DEFAULT_OPERATOR = new Map<string, OperatorName>();
for (const r of RULES) if (!DEFAULT_OPERATOR.has(r.entity)) DEFAULT_OPERATOR.set(r.entity, r.defaultOperator);

function normalize(op: OperatorName | OperatorConfig, where: string): OperatorConfig {
	const cfg = typeof op === 'string' ? { type: op } : op;
	if (!cfg || !OPERATOR_NAMES.includes(cfg.type)) {
		throw new GovernanceError(GovernanceErrorCode.InvalidInput, `Unknown redaction operator ${JSON.stringify((cfg as OperatorConfig | undefined)?.type ?? op)} for ${where}.`, {
			hint: `Use one of: ${OPERATOR_NAMES.join(', ')}.`,
		});
	}
	if (cfg.type === 'mask' && cfg.char !== undefined && [...cfg.char].length !== 1) {
		throw new GovernanceError(GovernanceErrorCode.InvalidInput, `Mask character for ${where} must be exactly one character.`, {
			hint: 'Use e.g. "*" or "#".',
		});
	}
	return cfg;
}

function forged(token: string): GovernanceError {
	return new GovernanceError(
		GovernanceErrorCode.InvalidInput,
		`After redaction the text would hold ${token} twice with two meanings: once as written in the input (a removed or masked value joined the text around it into that shape) and once for a redacted value. Nothing was redacted.`,
		{ hint: 'Use the Placeholder or Reversible Token operator for the entity whose removal joined the text, or clean the placeholder-like text upstream.' },
	);
}

/**
 * Replacement state of one item (one text, or all fields of one item): its counts and its map.
 * Numbers come from the run's PlaceholderNumbering, so one value gets one placeholder in the run.
 */
export class RedactionSession {
	private readonly hmacKey?: Buffer;
	/** Placeholders this item's map restores to a value. */
	readonly reversible: PlaceholderMap = {};
	/** Placeholder-shaped text of the input that the item's output holds as it was (restored verbatim). */
	readonly verbatim = new Set<string>();
	usedToken = false;
	readonly counts: Record<string, number> = {};
	/** Placeholders emitted into the string being redacted. */
	private emitted: string[] = [];

	constructor(
		private readonly options: RedactOptions,
		readonly numbering: PlaceholderNumbering = new PlaceholderNumbering(),
	) {
		if (options.hmacKey !== undefined) this.hmacKey = secretBytes(options.hmacKey, 'hash-operator (hmacKey)');
	}

	/** Starts a string: forgets the placeholders emitted into the previous one. */
	beginString(): void {
		this.emitted = [];
	}

	/**
	 * Ends a string whose redacted form is `out`: each placeholder shape in it that this session did
	 * not emit there came from the input, and its map gives it back verbatim. Throws when such a
	 * shape was already issued for a value (a removal joined text into it), since it would be ambiguous.
	 */
	endString(out: string): void {
		const found = placeholdersIn(out);
		if (found.length === this.emitted.length) return;
		const left = new Map<string, number>();
		for (const t of this.emitted) left.set(t, (left.get(t) ?? 0) + 1);
		for (const t of found) {
			const n = left.get(t) ?? 0;
			if (n > 0) {
				left.set(t, n - 1);
				continue;
			}
			if (!this.numbering.reserve(t) || Object.prototype.hasOwnProperty.call(this.reversible, t)) throw forged(t);
			this.verbatim.add(t);
		}
	}

	operatorFor(entity: string): OperatorConfig {
		const perEntity = this.options.operators?.[entity];
		if (perEntity !== undefined) return normalize(perEntity, entity);
		if (this.options.operator !== undefined) return normalize(this.options.operator, entity);
		return { type: DEFAULT_OPERATOR.get(entity) ?? 'placeholder' };
	}

	private numbered(entity: string, value: string, reversible: boolean): string {
		const ph = this.numbering.placeholderFor(entity, value, reversible);
		this.emitted.push(ph);
		return ph;
	}

	replacement(d: Detection, value: string): string {
		this.counts[d.entity] = (this.counts[d.entity] ?? 0) + 1;
		const op = this.operatorFor(d.entity);
		switch (op.type) {
			case 'remove':
				return '';
			case 'mask':
				return maskValue(value, op.keep ?? 4, op.char ?? '*');
			case 'hash':
				if (!this.hmacKey) {
					throw new GovernanceError(GovernanceErrorCode.InvalidConfiguration, `The hash operator for ${d.entity} needs an HMAC key.`, {
						hint: 'Pass hmacKey (at least 16 bytes) or choose another operator.',
					});
				}
				return pseudonym(d.entity, value, this.hmacKey);
			case 'token': {
				const ph = this.numbered(d.entity, value, true);
				this.reversible[ph] = value;
				this.usedToken = true;
				return ph;
			}
			default:
				return this.numbered(d.entity, value, false);
		}
	}
}
