import { GovernanceError, GovernanceErrorCode } from '../../errors/governance-error';
import { secretBytes } from '../crypto-map';
import type { PlaceholderMap } from '../crypto-map';
import { RULES } from '../rules';
import type { Detection, OperatorConfig, OperatorName, RedactOptions } from '../types';
import { pseudonym } from './hash';
import { maskValue } from './mask';
import { placeholder } from './placeholder';

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

/**
 * Replacement state shared by every string of one call (one text, or all fields of one item):
 * the same value of an entity always gets the same placeholder, numbered per entity from 1.
 */
export class RedactionSession {
	private readonly counters = new Map<string, number>();
	private readonly byValue = new Map<string, string>();
	private readonly hmacKey?: Buffer;
	readonly reversible: PlaceholderMap = {};
	usedToken = false;
	readonly counts: Record<string, number> = {};

	constructor(private readonly options: RedactOptions) {
		if (options.hmacKey !== undefined) this.hmacKey = secretBytes(options.hmacKey, 'hash-operator (hmacKey)');
	}

	operatorFor(entity: string): OperatorConfig {
		const perEntity = this.options.operators?.[entity];
		if (perEntity !== undefined) return normalize(perEntity, entity);
		if (this.options.operator !== undefined) return normalize(this.options.operator, entity);
		return { type: DEFAULT_OPERATOR.get(entity) ?? 'placeholder' };
	}

	private numbered(entity: string, value: string): string {
		const key = `${entity}\u0000${value}`;
		let ph = this.byValue.get(key);
		if (ph === undefined) {
			const n = (this.counters.get(entity) ?? 0) + 1;
			this.counters.set(entity, n);
			ph = placeholder(entity, n);
			this.byValue.set(key, ph);
		}
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
				const ph = this.numbered(d.entity, value);
				this.reversible[ph] = value;
				this.usedToken = true;
				return ph;
			}
			default:
				return this.numbered(d.entity, value);
		}
	}
}
