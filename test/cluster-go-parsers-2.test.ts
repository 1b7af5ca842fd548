import { isTargetTime } from '../src/rules/cluster/go';

// isTargetTime replays machinery's `types.ParseTargetTime`, which the Cluster webhook calls in
// validateRecoveryTarget ("The format of TargetTime is invalid"): lib/pq's `ParseTimestamp` (encode.go) first,
// then Go's `time.Parse` with RFC 3339 (micro), RFC 3339 and "2006-01-02T15:04:05". Expected values are the Go
// originals': the lib/pq cases are from its encode_test.go (`timeTests`, `timeErrorTests`) where they fit.
// A value with a space between date and time reaches only lib/pq's parser (Go's layouts need a "T"), and a
// value with a "T" there is refused by lib/pq, so each describe below exercises one parser.

describe('isTargetTime: lib/pq ParseTimestamp (encode.go)', () => {
  test.each([
    // encode_test.go timeTests
    '22001-02-03',
    '2001-02-03',
    '0001-12-31 BC',
    '2001-02-03 BC',
    '2001-02-03 04:05:06',
    '10000-02-03 04:05:06 BC',
    '0010-02-03 04:05:06 BC',
    '0010-02-03 04:05:06.123 BC',
    '2001-02-03 04:05:06.000001',
    '2001-02-03 04:05:06.1',
    '2001-02-03 04:05:06.123456',
    '2001-02-03 04:05:06.123-07',
    '2001-02-03 04:05:06-07',
    '2001-02-03 04:05:06-07:42',
    '2001-02-03 04:05:06-07:30:09',
    '2001-02-03 04:05:06+07:30:09',
    '2001-02-03 04:05:06+07',
    '0011-02-03 04:05:06.123-07 BC',
    '123456-02-03 04:05:06.1',
    // the "Z" zone designator (UTC)
    '2001-02-03 04:05:06Z',
    '2001-02-03 04:05:06.5Z',
    // the time part is not range-checked: time.Date normalises out-of-range fields
    '2001-13-40 25:61:61',
  ])('accepts %j', (value) => {
    expect(isTargetTime(value)).toBe(true);
  });

  test.each([
    // encode_test.go timeErrorTests
    'BC',
    ' BC',
    '2001',
    '2001-2-03',
    '2001-02-3',
    '2001-02-03 ',
    '2001-02-03 B',
    '2001-02-03 04',
    '2001-02-03 04:',
    '2001-02-03 04:05',
    '2001-02-03 04:05 B',
    '2001-02-03 04:05 BC',
    '2001-02-03 04:05:',
    '2001-02-03 04:05:6',
    '2001-02-03 04:05:06 B',
    '2001-02-03 04:05:06BC',
    '2001-02-03 04:05:06.123 B',
    // the webhook test's "YYYY-MM-DD HH24:MI:SS.FF6 TZH:TZM" (a space before the zone)
    '2021-09-01 10:22:47.000000 +06:00',
  ])('refuses %j (a timeErrorTests case)', (value) => {
    expect(isTargetTime(value)).toBe(false);
  });

  test.each([
    // each field of the date must be a number, and "-" must separate month and day
    ['the year', 'x001-02-03'],
    ['the month', '2001-0x-03'],
    ['the month-day separator', '2001-02x03'],
    ['the day', '2001-02-0x'],
    // the date and time are separated by a space ("T" belongs to the RFC 3339 layouts)
    ['the date-time separator', '2001-02-03x04:05:06'],
    ['the hour-minute separator', '2001-02-03 04x05:06'],
    ['the hour', '2001-02-03 0x:05:06'],
    ['the minute-second separator', '2001-02-03 04:05x06'],
    ['the minute', '2001-02-03 04:0x:06'],
    ['the second', '2001-02-03 04:05:0x'],
    // the fraction runs to the next "-", "+", "Z" or space and must be a number
    ['the fraction', '2001-02-03 04:05:06.12x'],
    ['an empty fraction before a zone', '2001-02-03 04:05:06.-07'],
    // the zone: hours, then at most two ":"-separated numbers (minutes, seconds)
    ['the zone hours', '2001-02-03 04:05:06+0x'],
    ['the zone minutes', '2001-02-03 04:05:06-07:3x'],
    ['a third zone field', '2001-02-03 04:05:06-07:30:09:10'],
    // anything left after the time, fraction, zone and " BC" is refused ("expected end of input")
    ['trailing text', '2001-02-03 04:05:06x'],
    ['trailing text after a zone', '2001-02-03 04:05:06+07x'],
    ['trailing text after the fraction', '2001-02-03 04:05:06.5Zx'],
  ])('refuses a value with a bad field: %s (%j)', (_what, value) => {
    expect(isTargetTime(value)).toBe(false);
  });
});

describe('isTargetTime: Go time.Parse with the RFC 3339 layouts (validDate)', () => {
  test.each([
    '2001-01-01T00:00:00Z',
    '2001-12-31T23:59:59Z',
    '2000-02-29T12:00:00+05:30',
    '2001-02-28T12:00:00.123456Z',
    '2001-04-30T12:00:00',
    '2001-03-31T12:00:00.5',
  ])('accepts %j (the first and last of each field)', (value) => {
    expect(isTargetTime(value)).toBe(true);
  });

  test.each([
    ['month 0', '2001-00-03T04:05:06Z'],
    ['month 13', '2001-13-03T04:05:06Z'],
    ['hour 24', '2001-02-03T24:05:06Z'],
    ['minute 60', '2001-02-03T04:60:06Z'],
    ['second 60', '2001-02-03T04:05:60Z'],
    ['day 0', '2001-01-00T04:05:06Z'],
    ['day 32 in January', '2001-01-32T04:05:06'],
    ['29 February in a common year', '2001-02-29T04:05:06Z'],
    ['31 April', '2001-04-31T04:05:06Z'],
  ])('refuses %s (%j: "out of range")', (_what, value) => {
    expect(isTargetTime(value)).toBe(false);
  });

  test.each([
    ['text before the date', 'x2001-02-03T04:05:06Z'],
    ['text after the zone', '2001-02-03T04:05:06Zjunk'],
    ['text after the seconds', '2001-02-03T04:05:06 '],
  ])('refuses %s (%j: "extra text" / "cannot parse")', (_what, value) => {
    expect(isTargetTime(value)).toBe(false);
  });
  // time/format.go, stdSecond: a fraction the layout does not name is read after a comma or a period
  // (commaOrPeriod), and the RFC 3339 fast path falls back to that general parser
  test.each([
    '2001-02-03T04:05:06,5Z',
    '2001-02-03T04:05:06,123456+01:00',
    '2001-02-03T04:05:06,5',
  ])('accepts %j: a fraction after a comma, as Go does', (value) => {
    expect(isTargetTime(value)).toBe(true);
  });

  test.each(['2001-02-03T04:05:06,Z', '2001-02-03T04:05:06;5Z'])('refuses %j: no digit after the comma, or another separator', (value) => {
    expect(isTargetTime(value)).toBe(false);
  });
});
