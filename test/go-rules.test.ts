import { goParseDuration, goQuote, timeQuote } from '../src/rules/go';

// src/rules/go.ts ports Go standard-library behaviour the rules replay. Expected values are Go's own: the
// cases are taken from Go's tests where they fit (strconv/quote_test.go `quotetests`, time/time_test.go
// `parseDurationTests` and `parseDurationErrorTests`), with the inputs a JavaScript string can hold.

describe('goQuote: strconv.Quote (%q)', () => {
  test.each([
    // strconv quotetests
    ['\x07\b\f\r\n\t\v', '"\\a\\b\\f\\r\\n\\t\\v"'],
    ['\\', '"\\\\"'],
    ['\u263a', '"\u263a"'],
    ['\x04', '"\\x04"'],
    ['\x7f', '"\\x7f"'],
    ['\u{10ffff}', '"\\U0010ffff"'],
    ['\uffff', '"\\uffff"'],
    ['!\u00a0!\u2000!\u3000!', '"!\\u00a0!\\u2000!\\u3000!"'],
    // a format character (soft hyphen) is not printable either; a symbol outside the BMP is
    ['\u00ad', '"\\u00ad"'],
    ['\u{1f600}', '"\u{1f600}"'],
    // C1 control characters are written \u00XX, the printable Latin-1 letters after them are kept
    ['\u0080', '"\\u0080"'],
    ['\u0085', '"\\u0085"'],
    ['\u009f', '"\\u009f"'],
    ['\u00e9', '"\u00e9"'],
    ['a"b', '"a\\"b"'],
    [' ~', '" ~"'],
  ])('quotes %j as %s', (input, quoted) => {
    expect(goQuote(input)).toBe(quoted);
  });
});

describe('timeQuote: the time package\'s own quote (the text of ParseDuration errors)', () => {
  test.each([
    // the bytes of a control or non-ASCII character are each written \xNN, two hex digits
    ['\x01', '"\\x01"'],
    ['\x1f', '"\\x1f"'],
    ['\u0080', '"\\xc2\\x80"'],
    ['\uFFFD hello \uFFFD world', '"\\xef\\xbf\\xbd hello \\xef\\xbf\\xbd world"'],
    // ASCII from the space up is kept (DEL included), with only the quote and the backslash escaped
    [' ', '" "'],
    ['\x7f', '"\x7f"'],
    ['a\\b', '"a\\\\b"'],
    ['"', '"\\""'],
  ])('quotes %j as %s', (input, quoted) => {
    expect(timeQuote(input)).toBe(quoted);
  });
});

describe('goParseDuration: time.ParseDuration', () => {
  const second = 1_000_000_000n;
  const minute = 60n * second;
  const hour = 60n * minute;
  const ms = 1_000_000n;
  const us = 1000n;

  // time_test.go parseDurationTests (Go scales a fraction in float64: "0.3333333333333333333h" is exactly 20m)
  test.each<[string, bigint]>([
    ['0', 0n],
    ['5s', 5n * second],
    ['30s', 30n * second],
    ['1478s', 1478n * second],
    ['-5s', -5n * second],
    ['+5s', 5n * second],
    ['-0', 0n],
    ['+0', 0n],
    ['5.0s', 5n * second],
    ['5.6s', 5n * second + 600n * ms],
    ['5.s', 5n * second],
    ['.5s', 500n * ms],
    ['1.0s', second],
    ['1.00s', second],
    ['1.004s', second + 4n * ms],
    ['1.0040s', second + 4n * ms],
    ['100.00100s', 100n * second + ms],
    ['10ns', 10n],
    ['11us', 11n * us],
    ['12\u00b5s', 12n * us],
    ['12\u03bcs', 12n * us],
    ['13ms', 13n * ms],
    ['14s', 14n * second],
    ['15m', 15n * minute],
    ['16h', 16n * hour],
    ['3h30m', 3n * hour + 30n * minute],
    ['10.5s4m', 4n * minute + 10n * second + 500n * ms],
    ['-2m3.4s', -(2n * minute + 3n * second + 400n * ms)],
    ['1h2m3s4ms5us6ns', hour + 2n * minute + 3n * second + 4n * ms + 5n * us + 6n],
    ['39h9m14.425s', 39n * hour + 9n * minute + 14n * second + 425n * ms],
    ['52763797000ns', 52763797000n],
    ['9007199254740993ns', 2n ** 53n + 1n],
    ['9223372036854775807ns', 2n ** 63n - 1n],
    ['9223372036854775.807us', 2n ** 63n - 1n],
    ['9223372036s854ms775us807ns', 2n ** 63n - 1n],
    ['-9223372036854775808ns', -(2n ** 63n)],
    ['-9223372036854775.808us', -(2n ** 63n)],
    ['-9223372036s854ms775us808ns', -(2n ** 63n)],
    ['-2562047h47m16.854775808s', -(2n ** 63n)],
    ['0.100000000000000000000h', 6n * minute],
    ['0.830103483285477580700h', 49n * minute + 48n * second + 372539827n],
    ['0.3333333333333333333h', 20n * minute],
    // leadingFraction stops taking digits once the value passes (1<<63-1)/10, and float64 rounds what it took:
    // of twenty 1s it keeps 19, 1111111111111111111 / 1e19 of an hour, exactly 400s in float64 (all twenty would
    // give 1ns less); of twenty 9s it keeps 18, which float64 rounds up to exactly 1s (all twenty: 999999999ns)
    ['0.11111111111111111111h', 6n * minute + 40n * second],
    ['0.99999999999999999999s', second],
  ])('parses %j as %p nanoseconds', (input, nanoseconds) => {
    expect(goParseDuration(input)).toEqual({ nanoseconds });
  });

  // time_test.go parseDurationErrorTests (the inputs a JavaScript string can hold), with Go's whole message
  test.each([
    ['', 'time: invalid duration ""'],
    ['3', 'time: missing unit in duration "3"'],
    ['-', 'time: invalid duration "-"'],
    ['s', 'time: invalid duration "s"'],
    ['.', 'time: invalid duration "."'],
    ['-.', 'time: invalid duration "-."'],
    ['.s', 'time: invalid duration ".s"'],
    ['+.s', 'time: invalid duration "+.s"'],
    ['1d', 'time: unknown unit "d" in duration "1d"'],
    ['\uFFFD', 'time: invalid duration "\\xef\\xbf\\xbd"'],
    ['\uFFFD hello \uFFFD world', 'time: invalid duration "\\xef\\xbf\\xbd hello \\xef\\xbf\\xbd world"'],
    ['9223372036854775810ns', 'time: invalid duration "9223372036854775810ns"'],
    ['9223372036854775808ns', 'time: invalid duration "9223372036854775808ns"'],
    ['-9223372036854775809ns', 'time: invalid duration "-9223372036854775809ns"'],
    ['9223372036854776us', 'time: invalid duration "9223372036854776us"'],
    ['3000000h', 'time: invalid duration "3000000h"'],
    ['9223372036854775.808us', 'time: invalid duration "9223372036854775.808us"'],
    ['9223372036854ms775us808ns', 'time: invalid duration "9223372036854ms775us808ns"'],
    // the sum of the parts is checked against 1<<63 before the sign is applied
    ['-9223372036854775808ns1ns', 'time: invalid duration "-9223372036854775808ns1ns"'],
    // leadingInt's overflow is refused before the unit is looked at
    ['9223372036854775809', 'time: invalid duration "9223372036854775809"'],
    ['99999999999999999999d', 'time: invalid duration "99999999999999999999d"'],
    // up to leadingInt's limit (1<<63) the number is read and the unit is what is wrong
    ['9223372036854775808', 'time: missing unit in duration "9223372036854775808"'],
    ['1s2', 'time: missing unit in duration "1s2"'],
    // after the one sign, a part starts with a digit or '.' (a unit takes every other character up to the next part)
    ['--1s', 'time: invalid duration "--1s"'],
    ['+ 1s', 'time: invalid duration "+ 1s"'],
    ['1s+2s', 'time: unknown unit "s+" in duration "1s+2s"'],
    ['1\u00e9', 'time: unknown unit "\\xc3\\xa9" in duration "1\\xc3\\xa9"'],
  ])('refuses %j with %j', (input, error) => {
    expect(goParseDuration(input)).toEqual({ error });
  });
});
