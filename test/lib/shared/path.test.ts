import fc from 'fast-check';
import { GovernanceError, GovernanceErrorCode } from '../../../lib/errors/governance-error';
import { ANY_STEP, formatPath, parsePath, parseSinglePath, readPath, selectPath, setPath, splitPathList } from '../../../lib/shared/path';

/** The error parsePath raises for `path`, or undefined. */
function parseError(path: string): GovernanceError | undefined {
	try {
		parsePath(path);
		return undefined;
	} catch (error) {
		return error as GovernanceError;
	}
}

describe('path syntax', () => {
	test.each([
		// the syntaxes users already wrote: dots with numeric steps (Restore), wildcards (Redact), brackets (Kill Switch)
		['choices.0.text', ['choices', '0', 'text']],
		['messages.*.content', ['messages', ANY_STEP, 'content']],
		['a.b[0]', ['a', 'b', '0']],
		['a.b[2].c', ['a', 'b', '2', 'c']],
		['[0].a', ['0', 'a']],
		['items[*].note', ['items', ANY_STEP, 'note']],
		// an optional leading $ names the document
		['$.a', ['a']],
		['$[1]', ['1']],
		// quoted keys: spaces, dots, commas, brackets, quotes, a literal "*"
		['customer["first name"]', ['customer', 'first name']],
		["a['x.y']", ['a', 'x.y']],
		['a["b, c"]["[0]"]', ['a', 'b, c', '[0]']],
		['a["say \\"hi\\""]', ['a', 'say "hi"']],
		['a["*"]', ['a', '*']],
		['["0"]', ['0']],
		// names may hold what JSON keys often hold
		['byMail.ann@example', ['byMail', 'ann@example']],
		['data.first-name.$value', ['data', 'first-name', '$value']],
		['größe.ü', ['größe', 'ü']],
		// surrounding spaces are trimmed
		['  a.b  ', ['a', 'b']],
	])('when %p is parsed then the steps are %p', (path, steps) => {
		expect(parsePath(path)).toEqual(steps);
	});

	test.each([
		['', 'it is empty'],
		['   ', 'it is empty'],
		['$', 'it names the whole document'],
		['.a', 'it starts with a dot'],
		['a.', 'it ends with a dot'],
		['$.', 'it ends with a dot'],
		['a..b', 'two dots in a row at character 3'],
		['a.[0]', 'write a[0] or a.0, not a.[0]'],
		['a[', 'the "[" at character 2 is not closed'],
		['a[-1]', '"[-1]" is not an index'],
		['a[01]', '"[01]" is not an index'],
		['a[name]', '"[name]" holds neither an index nor a quoted name'],
		['a["x', 'the quote at character 3 is not closed'],
		['a["x"', 'expected "]" after the quoted name'],
		['a["x"]b', 'expected "." or "[" at character 7'],
		['first name', 'a space at character 6 is not allowed in an unquoted name'],
		['a]', '"]" at character 2 is not allowed'],
		['a,b', '"," at character 2 is not allowed'],
		['a*b', '"*" must be a whole step'],
		['a'.repeat(501), 'it is longer than 500 characters'],
	])('when %p is parsed then it fails saying %p, with a configuration error that shows how to write paths', (path, why) => {
		const error = parseError(path);
		expect(error).toBeInstanceOf(GovernanceError);
		expect(error?.code).toBe(GovernanceErrorCode.InvalidConfiguration);
		expect(error?.message).toContain(why);
		expect(error?.message).toMatch(/^Path .* is invalid: /);
		expect(error?.hint).toMatch(/customer\["first name"\]/);
	});

	test('when a path that must name one value holds "*" then it fails and says to name the index', () => {
		expect(() => parseSinglePath('items.*.price')).toThrow(/"\*" matches many values, and this field reads one/);
		expect(parseSinglePath('items[0].price')).toEqual(['items', '0', 'price']);
	});

	test('when any list of names is formatted then it parses back to the same steps', () => {
		const step = fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('*', '$', '0', '01', 'a.b', 'x y', '"', '\\', '[1]', ','), fc.constant(ANY_STEP));
		fc.assert(
			fc.property(fc.array(step, { minLength: 1, maxLength: 5 }), (steps) => {
				expect(parsePath(formatPath(steps))).toEqual(steps);
			}),
		);
	});
});

describe('reading paths', () => {
	const doc = { a: { '0': 'key zero', list: ['first', 'second'], 'first name': 'Ann' }, n: null };

	test.each([
		// a digit step on an object is a key
		['a.0', { found: true, value: 'key zero' }],
		['a[0]', { found: true, value: 'key zero' }],
		// on an array, an index (dots or brackets alike)
		['a.list.1', { found: true, value: 'second' }],
		['a.list[1]', { found: true, value: 'second' }],
		['a.list["1"]', { found: true, value: 'second' }],
		['a["first name"]', { found: true, value: 'Ann' }],
		['n', { found: true, value: null }],
		// missing: out of range, a non-index step on an array, a step below a leaf, inherited properties
		['a.list.2', { found: false }],
		['a.list.length', { found: false }],
		['a.list.x', { found: false }],
		['n.x', { found: false }],
		['a.0.length', { found: false }],
		['constructor', { found: false }],
		['a.toString', { found: false }],
	])('when %p is read then the result is %p', (path, expected) => {
		expect(readPath(doc, parseSinglePath(path))).toEqual(expected);
	});

	test('when a path has "*" then every key or index it reaches is selected, in document order, with its concrete path', () => {
		const answer = { choices: [{ text: 'x' }, { text: 'y' }, { other: 1 }], meta: { a: { text: 'z' } } };
		expect(selectPath(answer, parsePath('choices.*.text'))).toEqual([
			{ at: ['choices', '0', 'text'], value: 'x' },
			{ at: ['choices', '1', 'text'], value: 'y' },
		]);
		expect(selectPath(answer, parsePath('meta.*.text'))).toEqual([{ at: ['meta', 'a', 'text'], value: 'z' }]);
		expect(selectPath(answer, parsePath('missing.*'))).toEqual([]);
		expect(selectPath('leaf', parsePath('*'))).toEqual([]);
	});

	test('when a value is set then a new document comes back, the input is untouched and siblings are shared', () => {
		const input = { choices: [{ text: 'x', n: 1 }], other: { deep: true } };
		const out = setPath(input, ['choices', '0', 'text'], 'X');
		expect(out).toEqual({ choices: [{ text: 'X', n: 1 }], other: { deep: true } });
		expect(input.choices[0].text).toBe('x');
		expect(out.other).toBe(input.other);
		expect(() => setPath(input, ['choices', '3', 'text'], 'X')).toThrow(/nothing is at step 2/);
	});
});

describe('lists of paths', () => {
	test.each([
		['body.text, messages.*.content', ['body.text', 'messages.*.content']],
		['a\nb,, ,c', ['a', 'b', 'c']],
		// commas inside quotes or brackets stay in their path
		['a["x, y"], b', ['a["x, y"]', 'b']],
		["a['x, \\'y']", ["a['x, \\'y']"]],
		[' , ', []],
		[undefined, []],
	])('when %p is split then the paths are %p', (list, paths) => {
		expect(splitPathList(list)).toEqual(paths);
	});
});
