import { RE2JS, RE2JSSyntaxException } from 're2js';
import { parseQuantity } from '../quantity';

// The parsers the operator's webhook relies on (Go's strconv, path/filepath and regexp, Kubernetes'
// quantities and label syntax, lib/pq's and machinery's recovery targets; machinery's image and version parsing
// is ImageReference's, in src/common),
// written to accept and refuse exactly what they accept and refuse: the webhook's verdict depends on them.

// ---------------------------------------------------------------------------------------------
// Go's strconv

const INT64_MAX = 2n ** 63n - 1n;
const INT64_MIN = -(2n ** 63n);

/** `strconv.Atoi` (64-bit): an optional sign and decimal digits, within int64; undefined on error. */
export function goAtoi(s: string): number | undefined {
  if (!/^[+-]?\d+$/.test(s)) return undefined;
  const n = BigInt(s);
  if (n > INT64_MAX || n < INT64_MIN) return undefined;
  return Number(n);
}

/** `strconv.ParseUint(s, 10, bits)`: decimal digits (no sign) within the bit size; undefined on error. */
export function goParseUint(s: string, bits: number): bigint | undefined {
  if (!/^\d+$/.test(s)) return undefined;
  const n = BigInt(s);
  return n < 2n ** BigInt(bits) ? n : undefined;
}

/** `strconv.ParseInt(s, base, 64)` for base 16 (no prefix, no underscores); undefined on error. */
export function goParseHex64(s: string): bigint | undefined {
  const m = /^([+-]?)([0-9a-fA-F]+)$/.exec(s);
  if (!m) return undefined;
  const n = BigInt(`0x${m[2]}`) * (m[1] === '-' ? -1n : 1n);
  return n > INT64_MAX || n < INT64_MIN ? undefined : n;
}

/** `strconv.ParseBool`. */
export function goParseBool(s: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(s)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(s)) return false;
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL values as the webhook reads them (pkg/postgres/booleans.go, cluster_webhook.go)

const PG_TRUE = new Set(['1', 'on', 'y', 'ye', 'yes', 't', 'tr', 'tru', 'true']);
const PG_FALSE = new Set(['0', 'of', 'off', 'n', 'no', 'f', 'fa', 'fal', 'fals', 'false']);

/** `ParsePostgresConfigBoolean`: case-insensitive, no surrounding spaces; undefined when not a boolean. */
export function parsePostgresConfigBoolean(value: string): boolean | undefined {
  const v = value.toLowerCase();
  if (PG_TRUE.has(v)) return true;
  if (PG_FALSE.has(v)) return false;
  return undefined;
}

/**
 * `parsePostgresQuantityValue`: a PostgreSQL size (`1.5GB`, `131072kB`, `1 GB`, a bare number of MB)
 * in bytes, or undefined where the webhook errs (`1kb`, `1G`, `1random`).
 */
export function parsePostgresQuantityValue(value: string): number | undefined {
  let v = value;
  if (goAtoi(v) !== undefined) v += 'MB';
  if (!v.endsWith('B')) return undefined;
  v = v.slice(0, -1).replace(/ /g, '');
  if (goAtoi(v) === undefined) v = `${v}i`.replace(/ki/g, 'Ki');
  return parseQuantity(v);
}

// ---------------------------------------------------------------------------------------------
// Go's path/filepath

/** `filepath.Clean` on a Unix path. */
export function goCleanPath(p: string): string {
  // an empty path has no segment, and ends as '.' below, as in Go
  const rooted = p.startsWith('/');
  const out: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!rooted) out.push('..');
      continue;
    }
    out.push(seg);
  }
  const joined = out.join('/');
  return rooted ? `/${joined}` : joined === '' ? '.' : joined;
}

// ---------------------------------------------------------------------------------------------
// Go's regexp (RE2) syntax, for patterns the operator compiles

/**
 * True when Go's `regexp.Compile` would accept the pattern. re2js ports RE2/J, itself a port of Go's
 * `regexp/syntax` parser, so it refuses and accepts what Go does: look-around and back-references are
 * refused, `(?P<name>`, `(?i)`, `\A`, `\z`, `\pL` and octal `\12` accepted, nesting deeper than 1,000
 * and nested repeats over 1,000 refused without building them. A lone UTF-16 surrogate is refused: no
 * manifest can carry it to Go (JSON replaces it, YAML refuses it).
 */
export function re2Compiles(pattern: string): boolean {
  if (LONE_SURROGATE.test(pattern)) return false;
  try {
    RE2JS.compile(pattern);
    return true;
  } catch (e) {
    if (e instanceof RE2JSSyntaxException) return false;
    throw e; // a fault of the parser itself, not a verdict on the pattern
  }
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

// ---------------------------------------------------------------------------------------------
// Kubernetes label syntax (apimachinery/pkg/util/validation)

const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

/** `IsDNS1035Label`. */
export function isDns1035Label(value: string): boolean {
  return value.length <= 63 && DNS1035_LABEL.test(value);
}

/** `IsQualifiedName` (label keys): the errors, empty when valid. */
export function qualifiedNameErrors(value: string): string[] {
  const parts = value.split('/');
  let name = value;
  const errs: string[] = [];
  if (parts.length === 2) {
    const [prefix, n] = parts;
    name = n;
    if (prefix.length === 0) errs.push('prefix part must be non-empty');
    else if (prefix.length > 253 || !DNS1123_SUBDOMAIN.test(prefix)) errs.push('prefix part must be a lowercase RFC 1123 subdomain');
  } else if (parts.length > 2) {
    return ["a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character with an optional DNS subdomain prefix and '/'"];
  }
  if (name.length === 0) errs.push('name part must be non-empty');
  else if (name.length > 63) errs.push('name part must be no more than 63 characters');
  if (name.length > 0 && !QUALIFIED_NAME.test(name)) {
    errs.push("name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character");
  }
  return errs;
}

/** `IsValidLabelValue`: the errors, empty when valid. */
export function labelValueErrors(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 63) errs.push('must be no more than 63 characters');
  if (value.length > 0 && !QUALIFIED_NAME.test(value)) {
    errs.push("a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character");
  }
  return errs;
}

// ---------------------------------------------------------------------------------------------
// Recovery targets: machinery pkg/types (ParseTargetTime over lib/pq's ParseTimestamp, LSN)

function pqParseTimestamp(str: string): boolean {
  // lib/pq's ParseTimestamp: fixed offsets after the year, optional time, fraction, zone and " BC"
  const atoi = (from: number, to: number): number | undefined => (from < 0 || to > str.length || from > to ? undefined : goAtoi(str.slice(from, to)));
  const monSep = str.indexOf('-');
  if (monSep < 0) return false;
  const daySep = monSep + 3;
  const timeSep = daySep + 3;
  if (atoi(0, monSep) === undefined || atoi(monSep + 1, daySep) === undefined || str[daySep] !== '-' || atoi(daySep + 1, timeSep) === undefined) return false;
  let minLen = monSep + '01-01'.length + 1;
  const isBC = str.endsWith(' BC');
  if (isBC) minLen += 3;
  if (str.length > minLen) {
    if (str[timeSep] !== ' ') return false;
    const minSep = timeSep + 3;
    if (str[minSep] !== ':' || atoi(timeSep + 1, minSep) === undefined) return false;
    const secSep = minSep + 3;
    if (str[secSep] !== ':' || atoi(minSep + 1, secSep) === undefined) return false;
    if (atoi(secSep + 1, secSep + 3) === undefined) return false;
  }
  let rest = monSep + '01-01 00:00:00'.length + 1;
  if (rest < str.length && str[rest] === '.') {
    const fracStart = rest + 1;
    let fracOff = str.slice(fracStart).search(/[-+Z ]/);
    if (fracOff < 0) fracOff = str.length - fracStart;
    if (atoi(fracStart, fracStart + fracOff) === undefined) return false;
    rest += fracOff + 1;
  }
  if (rest < str.length && (str[rest] === '-' || str[rest] === '+')) {
    if (atoi(rest + 1, rest + 3) === undefined) return false;
    rest += 3;
    for (let i = 0; i < 2; i++) {
      if (rest < str.length && str[rest] === ':') {
        if (atoi(rest + 1, rest + 3) === undefined) return false;
        rest += 3;
      }
    }
  } else if (rest < str.length && str[rest] === 'Z') {
    rest += 1;
  }
  if (isBC) rest += 3;
  return rest >= str.length;
}

function validDate(y: number, mo: number, d: number, h: number, mi: number, s: number): boolean {
  if (mo < 1 || mo > 12 || h > 23 || mi > 59 || s > 59) return false;
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return d >= 1 && d <= days;
}

/** Go's `time.Parse` with an RFC 3339-like layout (a fraction after `.` or `,` always accepted after the seconds). */
function goParseRfc3339(str: string, requireZone: boolean): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})([.,]\d+)?(Z|[+-]\d{2}:\d{2})?$/.exec(str);
  if (!m || (requireZone && !m[8]) || (!requireZone && m[8])) return false;
  if (m[8] && m[8] !== 'Z' && (Number(m[8].slice(1, 3)) > 23 || Number(m[8].slice(4)) > 59)) return false;
  return validDate(Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
}

/**
 * True when `ParseTargetTime` accepts the value: PostgreSQL's `YYYY-MM-DD HH24:MI:SS[.FF6][TZH[:TZM]]`
 * (lib/pq), RFC 3339 (with or without microseconds) or `YYYY-MM-DDTHH24:MI:SS`.
 */
export function isTargetTime(value: string): boolean {
  return pqParseTimestamp(value) || goParseRfc3339(value, true) || goParseRfc3339(value, false);
}

/** True when machinery's `LSN.Parse` accepts the value (two base-16 int64 parts separated by `/`). */
export function isLsn(value: string): boolean {
  const parts = value.split('/');
  return parts.length === 2 && goParseHex64(parts[0]) !== undefined && goParseHex64(parts[1]) !== undefined;
}

// ---------------------------------------------------------------------------------------------
// Go's encoding/json and encoding/base64, for annotation and token payloads

/** `base64.StdEncoding.DecodeString` (padding required; CR and LF ignored); undefined on error. */
export function goBase64Decode(s: string): string | undefined {
  const clean = s.replace(/[\r\n]/g, '');
  if (clean.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(clean)) return undefined;
  return Buffer.from(clean, 'base64').toString('utf8');
}

/**
 * Unmarshals JSON into a Go struct of the given fields (matched case-insensitively, as Go does; others
 * ignored): the values by field name, or a string error.
 */
export function goJsonStruct(text: string, fields: { readonly [name: string]: 'string' | 'int' | 'bool' }): { [name: string]: unknown } | string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    return (e as Error).message;
  }
  if (parsed === null) return {};
  if (typeof parsed !== 'object' || Array.isArray(parsed)) return `cannot unmarshal ${Array.isArray(parsed) ? 'array' : typeof parsed} into a struct`;
  const out: { [name: string]: unknown } = {};
  for (const [key, value] of Object.entries(parsed as object)) {
    const field = Object.keys(fields).find((f) => f.toLowerCase() === key.toLowerCase());
    if (field === undefined || value === null) continue;
    const type = fields[field];
    const ok = type === 'string' ? typeof value === 'string' : type === 'bool' ? typeof value === 'boolean' : Number.isSafeInteger(value);
    if (!ok) return `cannot unmarshal ${JSON.stringify(value)} into field ${field} of type ${type}`;
    out[field] = value;
  }
  return out;
}
