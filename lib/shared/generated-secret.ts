/**
 * Our own secrets (the Governance Profile signing secret, the Redaction Key) must be generated, not typed:
 * base64 or hex of at least 32 random bytes. An entropy estimate can be satisfied by a long phrase; this
 * rule asks for the structure a generator leaves instead: the encoding's alphabet only, enough bytes, and
 * a character stream that looks like random output (many distinct characters, no runs of the alphabet in
 * order, not made of frequent English letter pairs). Each structural bound is set so that real generator
 * output fails it with a probability far below one in a million (see test/lib/shared/generated-secret.test.ts).
 */

/** The command every refusal shows. */
export const GENERATE_SECRET_COMMAND = 'openssl rand -base64 32';
/** Random bytes a secret must encode: the size of an HMAC-SHA256 key. */
export const MIN_SECRET_BYTES = 32;

const HEX = /^[0-9a-f]+$|^[0-9A-F]+$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const BASE64URL = /^[A-Za-z0-9_-]+={0,2}$/;

interface Encoding {
	name: 'hex' | 'base64';
	/** Bytes the text encodes. */
	bytes: number;
	/** Fewest distinct characters random output of this length shows, with overwhelming probability. */
	minDistinct: number;
}

function encodingOf(secret: string): Encoding | undefined {
	if (HEX.test(secret)) {
		if (secret.length % 2 !== 0) return undefined;
		return { name: 'hex', bytes: secret.length / 2, minDistinct: 10 };
	}
	if (!BASE64.test(secret) && !BASE64URL.test(secret)) return undefined;
	const body = secret.replace(/=+$/, '');
	const padding = secret.length - body.length;
	if (padding > 0 && secret.length % 4 !== 0) return undefined;
	if (body.length % 4 === 1) return undefined;
	return { name: 'base64', bytes: Math.floor((body.length * 6) / 8), minDistinct: 18 };
}

/** Adjacent pairs that step to the next or previous character (abc…, 012…, zyx…). */
function sequentialPairs(text: string): number {
	let count = 0;
	for (let i = 1; i < text.length; i++) if (Math.abs(text.charCodeAt(i) - text.charCodeAt(i - 1)) === 1) count++;
	return count;
}

/** The most frequent letter pairs of English text: typed phrases are full of them, random output is not. */
const ENGLISH_BIGRAMS = new Set(
	'th he in er an re on at en nd ti es or te of ed is it al ar st to nt ng se ha as ou io le ve co me de hi ri ro ic ne ea ra ce li ch ll be ma si om ur'.split(' '),
);

/** A third or more of the adjacent pairs are frequent English letter pairs (any case, separators -_+/ dropped). */
function readsLikeWords(text: string): boolean {
	const lower = text.toLowerCase().replace(/[^a-z0-9]/g, '');
	let count = 0;
	for (let i = 1; i < lower.length; i++) if (ENGLISH_BIGRAMS.has(lower.slice(i - 1, i + 1))) count++;
	return count * 3 >= lower.length - 1;
}

/**
 * Why `secret` is not a generated secret of at least 32 bytes, as a sentence that ends with the command
 * to make one; undefined when it is one. `label` names the field ("Signing secret").
 */
export function generatedSecretProblem(secret: string, label: string): string | undefined {
	const make = `Generate one with "${GENERATE_SECRET_COMMAND}" and paste the output unchanged`;
	if (secret === '') return `${label} is empty. ${make}`;
	if (/\s/.test(secret)) return `${label} contains spaces or line breaks. ${make}`;
	const encoding = encodingOf(secret);
	if (!encoding) {
		return `${label} is not base64 or hex: it must be random bytes encoded by a generator, not a typed phrase. ${make}`;
	}
	if (encoding.bytes < MIN_SECRET_BYTES) {
		return `${label} encodes ${encoding.bytes} bytes as ${encoding.name}; at least ${MIN_SECRET_BYTES} random bytes are needed (${encoding.name === 'hex' ? 64 : 44} characters). ${make}`;
	}
	const body = secret.replace(/=+$/, '');
	const pairs = body.length - 1;
	const random =
		new Set(body).size >= encoding.minDistinct &&
		sequentialPairs(body) * (encoding.name === 'hex' ? 2 : 3) < pairs &&
		!readsLikeWords(body);
	if (!random) return `${label} does not look like generator output (it repeats, runs through the alphabet or reads like words). ${make}`;
	return undefined;
}
