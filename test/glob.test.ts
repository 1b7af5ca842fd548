import * as fc from 'fast-check';
import { globProblem } from '../src/operator/glob';

// Go's path.Match syntax, as the operator applies it to INHERITED_LABELS and INHERITED_ANNOTATIONS.

describe('globProblem (Go path.Match syntax)', () => {
  test.each([
    'app',
    'app.kubernetes.io/name',
    'app.kubernetes.io/*',
    '*',
    '**',
    'team?',
    'example.com/[a-z]*',
    'example.com/[^a-z]*',
    '[abc]',
    '[a-cx-z0-9]',
    '[\\]]', // escaped ] inside a class
    '[\\-]', // escaped - inside a class
    '[A-\\]]', // escaped ] as the end of a range
    '[*]', // * is literal inside a class
    '[[]', // [ is literal inside a class
    'a]b', // ] is literal outside a class
    '\\*literal', // escaped *
    '^caret', // ^ is literal outside a class
    'é[à-ü]', // runes, not bytes
  ])('%s is well formed', (pattern) => {
    expect(globProblem(pattern)).toBeUndefined();
  });

  test.each([
    ['[', 'a character class "[" is never closed by "]"'],
    ['app.kubernetes.io/[name', 'a character class "[" is never closed by "]"'],
    ['[a-', 'a character class "[" is never closed by "]"'],
    ['[a-b', 'a character class "[" is never closed by "]"'],
    ['[^', 'a character class "[" is never closed by "]"'],
    ['[\\', 'a character class "[" is never closed by "]"'],
    ['trailing\\', 'it ends with a "\\" that escapes nothing'],
    ['\\', 'it ends with a "\\" that escapes nothing'],
    ['[]', 'the character class at position 1 is empty; escape "]" as "\\]" to match it'],
    ['[^]', 'the character class at position 1 is empty; escape "]" as "\\]" to match it'],
    ['x[]a]', 'the character class at position 2 is empty; escape "]" as "\\]" to match it'],
    ['[-a]', '"-" at position 2 must be escaped as "\\-" inside a character class'],
    ['[a-]', '"]" at position 4 must be escaped as "\\]" inside a character class'],
    ['[a-b-c]', '"-" at position 5 must be escaped as "\\-" inside a character class'],
  ])('%s is ErrBadPattern: %s', (pattern, message) => {
    expect(globProblem(pattern)).toStrictEqual({ message, badPattern: true });
  });

  test('an inverted range is valid for Go but matches nothing: refused as a library rule', () => {
    expect(globProblem('x/[z-a]')).toStrictEqual({
      message: 'the range "z-a" in the class at position 3 is empty (its first character sorts after its last)',
      badPattern: false,
    });
  });
});

describe('globProblem, property-based', () => {
  const literal = fc.constantFrom('a', 'z', '0', '.', '/', '_', '-', ']', '^', 'é');
  const classChar = fc.constantFrom('a', 'm', 'z', '0', '.', '/', '*', '[', '\\]', '\\-', '\\\\');
  const range = fc.oneof(classChar, fc.constantFrom('a-z', '0-9', 'A-Z', '!-\\]'));
  const term = fc.oneof(
    literal,
    fc.constantFrom('*', '?', '\\*', '\\?', '\\[', '\\\\'),
    fc.tuple(fc.boolean(), fc.array(range, { minLength: 1, maxLength: 4 })).map(([neg, rs]) => `[${neg ? '^' : ''}${rs.join('')}]`),
  );
  const pattern = fc.array(term, { maxLength: 8 }).map((ts) => ts.join(''));

  test('every pattern built from the grammar is well formed', () => {
    fc.assert(fc.property(pattern, (p) => globProblem(p) === undefined));
  });

  test('a well-formed pattern followed by a lone "\\" or an open class is refused', () => {
    fc.assert(fc.property(pattern, fc.constantFrom('\\', '[', '[a', '[^'), (p, tail) => {
      return globProblem(p + tail)?.badPattern === true;
    }));
  });
});
