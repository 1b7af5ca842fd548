import { goAtoiResult, goFields, goParseDuration } from './go';

// The schedule parser of ScheduledBackup: robfig/cron v1.2.0's `cron.Parse` (the v1 line's last release,
// which the webhook imports as github.com/robfig/cron). Six fields, SECONDS FIRST, the day of week optional:
//
//   second minute hour day-of-month month [day-of-week]
//
// or a descriptor (@yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly, @every <duration>).
// Errors are robfig/cron's own texts, which the webhook returns verbatim.

interface Bounds {
  readonly min: number;
  readonly max: number;
  readonly names?: { readonly [name: string]: number };
}

/** The fields, in order, with their bounds. */
export const CRON_FIELDS: ReadonlyArray<{ readonly name: string; readonly bounds: Bounds }> = [
  { name: 'second', bounds: { min: 0, max: 59 } },
  { name: 'minute', bounds: { min: 0, max: 59 } },
  { name: 'hour', bounds: { min: 0, max: 23 } },
  { name: 'day of month', bounds: { min: 1, max: 31 } },
  {
    name: 'month',
    bounds: { min: 1, max: 12, names: { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 } },
  },
  { name: 'day of week', bounds: { min: 0, max: 6, names: { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 } } },
];

const DESCRIPTORS = new Set(['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly']);

/** A non-negative integer, or robfig's error (`mustParseInt`). */
function mustParseInt(expr: string): number | string {
  const parsed = goAtoiResult(expr);
  if ('error' in parsed) return `Failed to parse int from ${expr}: ${parsed.error}`;
  if (parsed.value < 0) return `Negative number (${parsed.value}) not allowed: ${expr}`;
  return parsed.value;
}

function parseIntOrName(expr: string, bounds: Bounds): number | string {
  const named = bounds.names?.[expr.toLowerCase()];
  return named !== undefined ? named : mustParseInt(expr);
}

/** One `number | number "-" number [ "/" number ]` range; undefined when valid, else robfig's error. */
function rangeError(expr: string, bounds: Bounds): string | undefined {
  const rangeAndStep = expr.split('/');
  const lowAndHigh = rangeAndStep[0].split('-');
  const singleDigit = lowAndHigh.length === 1;
  let start: number;
  let end: number;
  if (lowAndHigh[0] === '*' || lowAndHigh[0] === '?') {
    start = bounds.min;
    end = bounds.max;
  } else {
    const low = parseIntOrName(lowAndHigh[0], bounds);
    if (typeof low === 'string') return low;
    start = low;
    if (lowAndHigh.length === 1) {
      end = start;
    } else if (lowAndHigh.length === 2) {
      const high = parseIntOrName(lowAndHigh[1], bounds);
      if (typeof high === 'string') return high;
      end = high;
    } else {
      return `Too many hyphens: ${expr}`;
    }
  }
  let step = 1;
  if (rangeAndStep.length === 2) {
    const parsed = mustParseInt(rangeAndStep[1]);
    if (typeof parsed === 'string') return parsed;
    step = parsed;
    if (singleDigit) end = bounds.max; // "N/step" means "N-max/step"
  } else if (rangeAndStep.length > 2) {
    return `Too many slashes: ${expr}`;
  }
  if (start < bounds.min) return `Beginning of range (${start}) below minimum (${bounds.min}): ${expr}`;
  if (end > bounds.max) return `End of range (${end}) above maximum (${bounds.max}): ${expr}`;
  if (start > end) return `Beginning of range (${start}) beyond end of range (${end}): ${expr}`;
  if (step === 0) return `Step of range should be a positive number: ${expr}`;
  return undefined;
}

/** A comma-separated list of ranges (empty items are skipped, as `strings.FieldsFunc` does). */
function fieldError(field: string, bounds: Bounds): string | undefined {
  for (const expr of field.split(',').filter((r) => r !== '')) {
    const error = rangeError(expr, bounds);
    if (error !== undefined) return error;
  }
  return undefined;
}

/**
 * What `cron.Parse` (robfig/cron v1.2.0) says of a schedule: undefined when it parses, else its error
 * message, which the webhook reports on `spec.schedule`.
 */
export function cronParseError(spec: string): string | undefined {
  if (spec.length === 0) return 'Empty spec string';
  if (spec[0] === '@') {
    if (DESCRIPTORS.has(spec)) return undefined;
    if (spec.startsWith('@every ')) {
      const parsed = goParseDuration(spec.slice('@every '.length));
      return 'error' in parsed ? `Failed to parse duration ${spec}: ${parsed.error}` : undefined;
    }
    return `Unrecognized descriptor: ${spec}`;
  }
  const fields = goFields(spec);
  if (fields.length < 5 || fields.length > 6) return `Expected 5 to 6 fields, found ${fields.length}: ${spec}`;
  for (let i = 0; i < fields.length; i++) {
    const error = fieldError(fields[i], CRON_FIELDS[i].bounds);
    if (error !== undefined) return error;
  }
  return undefined;
}
