import * as fc from 'fast-check';
import { cronParseError } from '../src/rules/cron';
import { goAtoiResult, goFields, goParseDuration, goQuote, timeQuote } from '../src/rules/go';

// The ScheduledBackup webhook parses schedules with robfig/cron v1.2.0's cron.Parse (six fields, seconds
// first, day of week optional, descriptors) and returns its error text verbatim. Expected texts are those of
// robfig/cron v1.2.0 (parser.go) and of Go's strconv and time packages.

describe('cron.Parse (robfig/cron v1.2.0) as the webhook runs it', () => {
  test.each([
    '0 0 0 * * *', '* * * * * *', '0 30 2 * * mon-fri', '0 0 0 1 JAN,jul *', '0 0 0 ? * *', '*/15 * * * * *', '5/15 * * * * *',
    '0 0-30/10 8-18 * * 1-5', '1 2 3 4 5', ', * * * * *', '@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight',
    '@hourly', '@every 1h30m', '@every 90s', '@every 1.5h', '@every 0', '@every -5m', '0\t0\u00a00 * * *',
  ])('admits %j', (spec) => {
    expect(cronParseError(spec)).toBeUndefined();
  });

  test.each([
    ['', 'Empty spec string'],
    ['* * *', 'Expected 5 to 6 fields, found 3: * * *'],
    ['0 0 0 * * * 1996', 'Expected 5 to 6 fields, found 7: 0 0 0 * * * 1996'],
    ['60 * * * * *', 'End of range (60) above maximum (59): 60'],
    ['0 0 24 * * *', 'End of range (24) above maximum (23): 24'],
    ['0 0 0 0 * *', 'Beginning of range (0) below minimum (1): 0'],
    ['0 0 0 * 13 *', 'End of range (13) above maximum (12): 13'],
    ['0 0 0 * * 7', 'End of range (7) above maximum (6): 7'],
    ['0 0 5-3 * * *', 'Beginning of range (5) beyond end of range (3): 5-3'],
    ['*/0 * * * * *', 'Step of range should be a positive number: */0'],
    ['1-2-3 * * * * *', 'Too many hyphens: 1-2-3'],
    ['*/2/3 * * * * *', 'Too many slashes: */2/3'],
    ['a * * * * *', 'Failed to parse int from a: strconv.Atoi: parsing "a": invalid syntax'],
    ['*/ * * * * *', 'Failed to parse int from : strconv.Atoi: parsing "": invalid syntax'],
    ['*/-1 * * * * *', 'Negative number (-1) not allowed: -1'],
    ['0 0 0 * * sunday', 'Failed to parse int from sunday: strconv.Atoi: parsing "sunday": invalid syntax'],
    ['99999999999999999999 * * * * *', 'Failed to parse int from 99999999999999999999: strconv.Atoi: parsing "99999999999999999999": value out of range'],
    ['@weekdays', 'Unrecognized descriptor: @weekdays'],
    ['@every 1d', 'Failed to parse duration @every 1d: time: unknown unit "d" in duration "1d"'],
    ['@every 10', 'Failed to parse duration @every 10: time: missing unit in duration "10"'],
    ['@every ', 'Failed to parse duration @every : time: invalid duration ""'],
    ['@every', 'Unrecognized descriptor: @every'],
  ])('refuses %j with %j', (spec, error) => {
    expect(cronParseError(spec)).toBe(error);
  });

  // getRange: "N/step" means "N-max/step", so a start above the maximum is beyond the end, not itself the end;
  // a "low-high/step" range keeps its own end
  test.each([
    ['60/5 * * * * *', 'Beginning of range (60) beyond end of range (59): 60/5'],
    ['0 0 0 * 13/2 *', 'Beginning of range (13) beyond end of range (12): 13/2'],
    ['1-70/5 * * * * *', 'End of range (70) above maximum (59): 1-70/5'],
    ['10-5/2 * * * * *', 'Beginning of range (10) beyond end of range (5): 10-5/2'],
  ])('getRange with a step: refuses %j with %j', (spec, error) => {
    expect(cronParseError(spec)).toBe(error);
  });

  test.each(['0 0 0 * 12/2 *', '59/5 * * * * *', '0 0 0 * * 6/1', '0 0 0 * 1-12/3 *'])('getRange with a step: admits %j', (spec) => {
    expect(cronParseError(spec)).toBeUndefined();
  });

  test('getField checks every comma-separated range, not only the first', () => {
    expect(cronParseError('1,60 * * * * *')).toBe('End of range (60) above maximum (59): 60');
    expect(cronParseError('0 0 0 * * mon,8-9')).toBe('End of range (9) above maximum (6): 8-9');
  });

  test('the first failing field is reported', () => {
    expect(cronParseError('61 61 * * * *')).toBe('End of range (61) above maximum (59): 61');
  });

  test('any string gets an answer, never an exception, and long input is handled', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (s) => {
      const result = cronParseError(s);
      expect(result === undefined || typeof result === 'string').toBe(true);
    }));
    expect(cronParseError(`${'1,'.repeat(50_000)}1 * * * * *`)).toBeUndefined();
  });

  test('every valid second, minute, hour, day, month and weekday is admitted', () => {
    fc.assert(fc.property(
      fc.integer({ min: 0, max: 59 }), fc.integer({ min: 0, max: 59 }), fc.integer({ min: 0, max: 23 }),
      fc.integer({ min: 1, max: 31 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 6 }),
      (s, m, h, dom, mon, dow) => cronParseError(`${s} ${m} ${h} ${dom} ${mon} ${dow}`) === undefined,
    ));
  });
});

describe('the Go behaviours the rules replay', () => {
  test('strconv.Atoi: an optional sign and decimal digits, within 64 bits', () => {
    expect(goAtoiResult('123')).toEqual({ value: 123 });
    expect(goAtoiResult('+7')).toEqual({ value: 7 });
    expect(goAtoiResult('-0')).toEqual({ value: 0 });
    expect(goAtoiResult('9223372036854775807')).toEqual({ value: 9223372036854775807 });
    expect(goAtoiResult('9223372036854775808')).toEqual({ error: 'strconv.Atoi: parsing "9223372036854775808": value out of range' });
    expect(goAtoiResult('1_000')).toEqual({ error: 'strconv.Atoi: parsing "1_000": invalid syntax' });
    expect(goAtoiResult(' 1')).toEqual({ error: 'strconv.Atoi: parsing " 1": invalid syntax' });
    expect(goAtoiResult('0x10')).toEqual({ error: 'strconv.Atoi: parsing "0x10": invalid syntax' });
  });

  test('time.ParseDuration: units, fractions, signs and its three errors', () => {
    expect(goParseDuration('1h30m')).toEqual({ nanoseconds: 5_400_000_000_000n });
    expect(goParseDuration('1.5s')).toEqual({ nanoseconds: 1_500_000_000n });
    expect(goParseDuration('.5ms')).toEqual({ nanoseconds: 500_000n });
    expect(goParseDuration('-2m')).toEqual({ nanoseconds: -120_000_000_000n });
    expect(goParseDuration('300µs')).toEqual({ nanoseconds: 300_000n });
    expect(goParseDuration('0')).toEqual({ nanoseconds: 0n });
    expect(goParseDuration('.')).toEqual({ error: 'time: invalid duration "."' });
    expect(goParseDuration('1')).toEqual({ error: 'time: missing unit in duration "1"' });
    expect(goParseDuration('1y')).toEqual({ error: 'time: unknown unit "y" in duration "1y"' });
    expect(goParseDuration('3000000h')).toEqual({ error: 'time: invalid duration "3000000h"' });
    expect(goParseDuration('1é')).toEqual({ error: 'time: unknown unit "\\xc3\\xa9" in duration "1\\xc3\\xa9"' });
  });

  test('strings.Fields splits on Go\'s white space, not on a zero-width no-break space', () => {
    expect(goFields('  a\tb\u00a0c\u3000d ')).toEqual(['a', 'b', 'c', 'd']);
    expect(goFields('a\ufeffb')).toEqual(['a\ufeffb']);
  });

  test('%q and the time package\'s quoting', () => {
    expect(goQuote('a"b\\c\n\x01é')).toBe('"a\\"b\\\\c\\n\\x01é"');
    expect(timeQuote('é"')).toBe('"\\xc3\\xa9\\""');
  });
});
