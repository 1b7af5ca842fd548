import { goAtoi } from './cluster/go';

// The few Go standard-library behaviours the operator's messages and parsers depend on, written for the
// rules that replay them: strconv.Quote (%q), strconv.Atoi's errors, strings.Fields and time.ParseDuration (the other
// strconv parsers are in cluster/go.ts).

/**
 * Go's `unicode.IsPrint` above ASCII: letters, marks, numbers, punctuation and symbols (categories L, M, N, P,
 * S); every other character (spaces other than U+0020, format and control characters, unassigned) is escaped.
 */
const GO_PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;

/** Go's `strconv.Quote` (`%q`): double quotes, Go escapes for the characters `unicode.IsPrint` refuses, the rest kept. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    switch (ch) {
      case '"': out += '\\"'; continue;
      case '\\': out += '\\\\'; continue;
      case '\x07': out += '\\a'; continue;
      case '\b': out += '\\b'; continue;
      case '\f': out += '\\f'; continue;
      case '\n': out += '\\n'; continue;
      case '\r': out += '\\r'; continue;
      case '\t': out += '\\t'; continue;
      case '\v': out += '\\v'; continue;
    }
    if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else if (c < 0x80 || GO_PRINTABLE.test(ch)) out += ch;
    else out += c > 0xffff ? `\\U${c.toString(16).padStart(8, '0')}` : `\\u${c.toString(16).padStart(4, '0')}`;
  }
  return `${out}"`;
}

/** The `time` package's own quoting: `\"` and `\\` escaped, every byte of a non-ASCII or control character as `\xNN`. */
export function timeQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c >= 0x80 || c < 0x20) {
      for (const byte of Buffer.from(ch, 'utf8')) out += `\\x${byte.toString(16).padStart(2, '0')}`;
    } else {
      out += ch === '"' || ch === '\\' ? `\\${ch}` : ch;
    }
  }
  return `${out}"`;
}

/** Go's `unicode.IsSpace`, as `strings.Fields` splits on it. */
const GO_SPACE = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/;

/** Go's `strings.Fields`: the non-empty runs between white space. */
export function goFields(s: string): string[] {
  return s.split(GO_SPACE).filter((f) => f !== '');
}

const TWO_63 = 2n ** 63n;

/** Go's `strconv.Atoi` (64-bit int), with the error text Go returns. */
export function goAtoiResult(s: string): { value: number } | { error: string } {
  const value = goAtoi(s);
  if (value !== undefined) return { value };
  return { error: `strconv.Atoi: parsing ${goQuote(s)}: ${/^[+-]?[0-9]+$/.test(s) ? 'value out of range' : 'invalid syntax'}` };
}

const UNITS: { readonly [unit: string]: bigint } = {
  ns: 1n,
  us: 1000n,
  µs: 1000n, // U+00B5 micro sign
  μs: 1000n, // U+03BC Greek mu
  ms: 1000_000n,
  s: 1000_000_000n,
  m: 60n * 1000_000_000n,
  h: 3600n * 1000_000_000n,
};

/** Go's `time.ParseDuration`: the duration in nanoseconds, or the error text Go returns. */
export function goParseDuration(orig: string): { nanoseconds: bigint } | { error: string } {
  const invalid = { error: `time: invalid duration ${timeQuote(orig)}` };
  let s = orig;
  let neg = false;
  if (s !== '' && (s[0] === '-' || s[0] === '+')) {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return { nanoseconds: 0n };
  if (s === '') return invalid;
  let total = 0n;
  const limit = TWO_63;
  while (s !== '') {
    if (!(s[0] === '.' || (s[0] >= '0' && s[0] <= '9'))) return invalid;
    const whole = /^[0-9]*/.exec(s)![0];
    s = s.slice(whole.length);
    let v = whole === '' ? 0n : BigInt(whole);
    if (v > limit) return invalid; // leadingInt overflows
    let fraction = '';
    if (s[0] === '.') {
      s = s.slice(1);
      fraction = /^[0-9]*/.exec(s)![0];
      s = s.slice(fraction.length);
      if (whole === '' && fraction === '') return invalid;
    }
    const unitText = /^[^0-9.]*/.exec(s)![0];
    if (unitText === '') return { error: `time: missing unit in duration ${timeQuote(orig)}` };
    s = s.slice(unitText.length);
    const unit = UNITS[unitText];
    if (unit === undefined) return { error: `time: unknown unit ${timeQuote(unitText)} in duration ${timeQuote(orig)}` };
    if (v > limit / unit) return invalid;
    v *= unit;
    if (fraction !== '') {
      // Go keeps the digits that fit, and scales them by the unit in float64 (`float64(f) * (float64(unit) /
      // scale)`), truncating: `0.3333333333333333333h` is exactly 20m there, not 1ns less
      let f = 0n;
      let scale = 1;
      for (const d of fraction) {
        if (f > (TWO_63 - 1n) / 10n) break;
        f = f * 10n + BigInt(d);
        scale *= 10;
      }
      v += BigInt(Math.trunc(Number(f) * (Number(unit) / scale)));
      if (v > limit) return invalid;
    }
    total += v;
    if (total > limit) return invalid;
  }
  if (neg) return { nanoseconds: -total };
  if (total > limit - 1n) return invalid;
  return { nanoseconds: total };
}
