import { RE2JS } from 're2js';
import {
  goAtoi,
  goCleanPath,
  goParseBool,
  goParseHex64,
  isDns1035Label,
  isLsn,
  isTargetTime,
  labelValueErrors,
  qualifiedNameErrors,
  re2Compiles,
} from '../src/rules/cluster/go';

// src/rules/cluster/go.ts ports the Go parsers the operator's webhook relies on. Expected values are the Go
// originals': Go's strconv (atoi_test.go, atob_test.go), path/filepath (path_test.go `cleantests`), regexp/syntax
// (what `regexp.Compile` accepts), apimachinery's validation (validation_test.go `TestIsQualifiedName`,
// `TestIsValidLabelValue`, `TestIsDNS1035Label`) and lib/pq's ParseTimestamp (encode.go `mustAtoi`).

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

describe('goAtoi: strconv.Atoi on 64 bits', () => {
  test('accepts the int64 limits and refuses one past them (ErrRange)', () => {
    expect(goAtoi('-9223372036854775808')).toBe(Number(INT64_MIN));
    expect(goAtoi('-9223372036854775809')).toBeUndefined();
    expect(goAtoi('9223372036854775807')).toBe(Number(INT64_MAX));
    expect(goAtoi('9223372036854775808')).toBeUndefined();
  });
});

describe('goParseHex64: strconv.ParseInt(s, 16, 64), as machinery LSN.Parse calls it', () => {
  test.each([
    ['0', 0n],
    ['1', 1n],
    ['+1', 1n],
    ['-1', -1n],
    ['-0', 0n],
    ['aBcD', 0xabcdn],
    ['7fffffffffffffff', INT64_MAX],
    ['-8000000000000000', INT64_MIN],
  ])('parses %j as %s', (input, value) => {
    expect(goParseHex64(input)).toBe(value);
  });

  test.each([
    '',
    '8000000000000000', // ErrRange
    '-8000000000000001', // ErrRange
    'x1', // a character before the digits
    'g1',
    '1x', // a character after the digits
    '0x1', // no base prefix with an explicit base 16
    '+-1',
    '1_0',
  ])('refuses %j', (input) => {
    expect(goParseHex64(input)).toBeUndefined();
  });

  test('isLsn: two int64 base-16 parts, the sign allowed as ParseInt allows it', () => {
    expect(isLsn('0/3000060')).toBe(true);
    expect(isLsn('+0/-3000060')).toBe(true);
    expect(isLsn('7fffffffffffffff/-8000000000000000')).toBe(true);
    expect(isLsn('8000000000000000/0')).toBe(false);
    expect(isLsn('0/z3000060')).toBe(false);
    expect(isLsn('0/3000060z')).toBe(false);
  });
});

describe('goParseBool: strconv.ParseBool (atob_test.go atobtests)', () => {
  test.each(['1', 't', 'T', 'TRUE', 'true', 'True'])('reads %j as true', (input) => {
    expect(goParseBool(input)).toBe(true);
  });
  test.each(['0', 'f', 'F', 'FALSE', 'false', 'False'])('reads %j as false', (input) => {
    expect(goParseBool(input)).toBe(false);
  });
  test.each(['', 'x', 'tRUE', 'yes', ' true', 'on'])('refuses %j', (input) => {
    expect(goParseBool(input)).toBeUndefined();
  });
});

describe('goCleanPath: filepath.Clean on Unix (path_test.go cleantests)', () => {
  test.each([
    // already clean
    ['abc', 'abc'],
    ['abc/def', 'abc/def'],
    ['a/b/c', 'a/b/c'],
    ['.', '.'],
    ['..', '..'],
    ['../..', '../..'],
    ['../../abc', '../../abc'],
    ['/abc', '/abc'],
    ['/', '/'],
    // empty is current dir
    ['', '.'],
    // remove trailing slash
    ['abc/', 'abc'],
    ['abc/def/', 'abc/def'],
    ['a/b/c/', 'a/b/c'],
    ['./', '.'],
    ['../', '..'],
    ['../../', '../..'],
    ['/abc/', '/abc'],
    // remove doubled slash
    ['abc//def//ghi', 'abc/def/ghi'],
    ['//abc', '/abc'],
    ['///abc', '/abc'],
    ['//abc//', '/abc'],
    ['abc//', 'abc'],
    // remove . elements
    ['abc/./def', 'abc/def'],
    ['/./abc/def', '/abc/def'],
    ['abc/.', 'abc'],
    // remove .. elements
    ['abc/def/ghi/../jkl', 'abc/def/jkl'],
    ['abc/def/../ghi/../jkl', 'abc/jkl'],
    ['abc/def/..', 'abc'],
    ['abc/def/../..', '.'],
    ['/abc/def/../..', '/'],
    ['abc/def/../../..', '..'],
    ['/abc/def/../../..', '/'],
    ['abc/def/../../../ghi/jkl/../../../mno', '../../mno'],
    ['/../abc', '/abc'],
    ['a/../b:/../../c', '../c'],
    // combinations
    ['abc/./../def', 'def'],
    ['abc//./../def', 'def'],
    ['abc/../../././../def', '../../def'],
    // a rooted path never climbs above the root
    ['/..', '/'],
    ['/../..', '/'],
  ])('cleans %j to %j', (input, clean) => {
    expect(goCleanPath(input)).toBe(clean);
  });
});

describe('re2Compiles: what Go regexp.Compile accepts (RE2 syntax, regexp/syntax)', () => {
  test.each([
    'abc',
    // Perl-style named groups (?P<name>re) and the Go 1.22 (?<name>re) form
    '(?P<name>x)',
    '(?P<_a1>x)(?P<b>y)',
    '(?<name>x)',
    // flag groups (?flags) and (?flags:re), with flags among i, m, s and U
    '(?i)abc',
    '(?is)abc',
    '(?i-sm)abc',
    '(?i-s)abc',
    '(?U)a+',
    '(?U:abc)',
    '(?Ui:abc)',
    '(?U-ms:abc)',
    '(?U-s:abc)',
    '(?-s:abc)',
    '(?:abc)',
    // text anchors \A and \z
    '\\Aabc\\z',
    // Perl classes with a quantifier
    '\\d+',
    'a\\w*\\s?',
    // one-letter Unicode classes \pL, \PL and the braced form
    '\\pL',
    '\\pL*',
    '\\PN+',
    '\\p{Greek}',
    '\\pL[😀-😂]',
    '\\PL[😀-😂]',
    // a range of characters beyond the Basic Multilingual Plane
    '[😀-😂]',
    // an escaped backslash followed by a digit is not a back-reference
    '\\\\1',
    'a\\\\\\\\2',
    // octal and \0 are not back-references either
    '\\0',
    '\\12',
    // a capture name is [A-Za-z0-9_]+: "Python rejects names starting with digits. We don't enforce" (parse.go)
    '(?P<1a>x)',
    // \A and \z are empty-width operators: they can be repeated, and an escaped backslash before A is a literal
    '\\A*',
    '\\\\A',
    // after a Unicode class, "-" is a literal (Perl mode), not the start of a range
    '[\\pL-A]',
    // a character beyond the Basic Multilingual Plane, as a UTF-16 pair
    '\u{1F600}+',
  ])('accepts %j', (pattern) => {
    expect(re2Compiles(pattern)).toBe(true);
  });

  test.each([
    // back-references (invalid escape sequence)
    '\\1',
    '(a)\\1',
    '(a)(b)\\2',
    '(a)\\\\\\1',
    // look-around (invalid or unsupported Perl syntax)
    'a(?=b)',
    'a(?!b)',
    '(?<=a)b',
    '(?<!a)b',
    // missing argument to repetition operator: a flag group is not an operand
    '(?i)*',
    '*',
    // a capture name must not be empty, and names are unique
    '(?P<>x)',
    '(?P<n>a)(?P<n>b)',
    // invalid escape sequences: Go knows no \e or \c, and \A is not an escape inside a class
    '\\e',
    '\\cA',
    '[\\A]',
    // nesting over 1,000 levels, and a repeat of a repeat over 1,000 (parse.go maxHeight, repeatIsValid)
    `${'('.repeat(1001)}${')'.repeat(1001)}`,
    '(a{100}){100}',
    // a lone UTF-16 surrogate, which no manifest can carry to Go (JSON writes U+FFFD, YAML refuses it)
    '[\uDFFF-\uE000]',
    'a\uD800',
    'a\uD800b',
    // missing closing )
    '(abc',
    '(?i:abc',
  ])('refuses %j', (pattern) => {
    expect(re2Compiles(pattern)).toBe(false);
  });
});

describe('isDns1035Label: IsDNS1035Label', () => {
  test('accepts 63 characters and refuses 64', () => {
    expect(isDns1035Label('a'.repeat(63))).toBe(true);
    expect(isDns1035Label('a'.repeat(64))).toBe(false);
  });
  test.each(['a', 'ab', 'abc', 'a1', 'a-1', 'a--1--2--b'])('accepts %j', (value) => {
    expect(isDns1035Label(value)).toBe(true);
  });
  test.each(['', 'A', 'ABC', 'aBc', 'A1', 'a-1-', '-a-1', '1', '1-a', 'a_1', 'a.1', 'a@b'])('refuses %j', (value) => {
    expect(isDns1035Label(value)).toBe(false);
  });
});

const NAME_CHARS = "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

describe('qualifiedNameErrors: IsQualifiedName (label keys)', () => {
  test.each([
    // validation_test.go TestIsQualifiedName goodValues
    'simple',
    'now-with-dashes',
    '1-starts-with-num',
    '1234',
    'simple/simple',
    'now-with-dashes/simple',
    'now-with-dashes/now-with-dashes',
    'now.with.dots/simple',
    'now-with.dashes-and.dots/simple',
    '1-num.2-num/3-num',
    '1234/5678',
    '1.2.3.4/5678',
    'Uppercase_Is_OK_123',
    'example.com/Uppercase_Is_OK_123',
    'requests.storage-foo',
    'a'.repeat(63),
    `${'a'.repeat(253)}/${'b'.repeat(63)}`,
  ])('accepts %j', (value) => {
    expect(qualifiedNameErrors(value)).toEqual([]);
  });

  test.each([
    // validation_test.go TestIsQualifiedName badValues, with the errors each gets
    ['nospecialchars%^=@', [NAME_CHARS]],
    ['cantendwithadash-', [NAME_CHARS]],
    ['-cantstartwithadash-', [NAME_CHARS]],
    ['only/one/slash', ["a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character with an optional DNS subdomain prefix and '/'"]],
    ['Example.com/abc', ['prefix part must be a lowercase RFC 1123 subdomain']],
    ['example_com/abc', ['prefix part must be a lowercase RFC 1123 subdomain']],
    ['/simple', ['prefix part must be non-empty']],
    ['a'.repeat(64), ['name part must be no more than 63 characters']],
    [`${'a'.repeat(254)}/abc`, ['prefix part must be a lowercase RFC 1123 subdomain']],
    // too long and badly formed at once: both errors
    [`-${'a'.repeat(63)}`, ['name part must be no more than 63 characters', NAME_CHARS]],
    ['example.com/-a', [NAME_CHARS]],
  ])('refuses %j with %j', (value, errors) => {
    expect(qualifiedNameErrors(value)).toEqual(errors);
  });

  test.each([
    // an empty name part, alone or after a prefix (badValues 'example.com/' and '/simple')
    ['', []],
    ['example.com/', []],
    ['/', ['prefix part must be non-empty']],
  ])('refuses the empty name part of %j as empty, with the prefix errors %j', (value, prefixErrors) => {
    const errs = qualifiedNameErrors(value);
    expect(errs.slice(0, prefixErrors.length)).toEqual(prefixErrors);
    expect(errs).toContain('name part must be non-empty');
    expect(errs).not.toContain('name part must be no more than 63 characters');
  });
});

describe('labelValueErrors: IsValidLabelValue', () => {
  const CHARS = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

  test.each([
    // validation_test.go TestIsValidLabelValue successCases
    'simple',
    'now-with-dashes',
    '1-starts-with-num',
    'end-with-num-1',
    '1234',
    'a'.repeat(63),
    '',
    'A',
    'B',
    'AbC',
    'a-b_c.d',
  ])('accepts %j', (value) => {
    expect(labelValueErrors(value)).toEqual([]);
  });

  test.each([
    // validation_test.go TestIsValidLabelValue errorCases, with the errors each gets
    ['nospecialchars%^=@', [CHARS]],
    ['Tama-nui-te-rā', [CHARS]],
    ['\u00b0', [CHARS]],
    ['cantendwithadash-', [CHARS]],
    ['-cantstartwithadash-', [CHARS]],
    ["'quoted'", [CHARS]],
    ['a'.repeat(64), ['must be no more than 63 characters']],
    ['no/slashes', [CHARS]],
    [`-${'a'.repeat(63)}`, ['must be no more than 63 characters', CHARS]],
  ])('refuses %j with %j', (value, errors) => {
    expect(labelValueErrors(value)).toEqual(errors);
  });
});

describe('isTargetTime: lib/pq ParseTimestamp reads fixed offsets through mustAtoi', () => {
  test('refuses a date whose day runs past the end of the value (mustAtoi: end > len(str))', () => {
    expect(isTargetTime('2023-01-1')).toBe(false);
    expect(isTargetTime('2023-01-')).toBe(false);
    expect(isTargetTime('2023-01-01')).toBe(true);
  });
  test('refuses a value without a "-" (no year separator)', () => {
    expect(isTargetTime('20230101')).toBe(false);
    expect(isTargetTime('')).toBe(false);
  });
});

describe('re2Compiles: a fault of the parser itself', () => {
  test('is thrown, not reported as a pattern Go would refuse', () => {
    const compile = jest.spyOn(RE2JS, 'compile').mockImplementation(() => {
      throw new TypeError('internal parser fault');
    });
    try {
      expect(() => re2Compiles('abc')).toThrow('internal parser fault');
    } finally {
      compile.mockRestore();
    }
    expect(re2Compiles('abc')).toBe(true);
  });
});
