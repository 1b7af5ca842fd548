import { Duration } from 'cdk8s';
import { Violation } from './errors';

// cdk8s Durations written in the units the CRDs take.

/** A Go duration string (metav1.Duration): whole seconds as `30s`, anything finer in milliseconds. */
export function goDuration(d: Duration): string {
  const ms = d.toMilliseconds({ integral: false });
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}

/** The whole number of `unit`s of a Duration, or undefined when it is not one. */
export function wholeUnits(d: Duration, unit: 'seconds' | 'milliseconds'): number | undefined {
  const ms = d.toMilliseconds({ integral: false });
  const n = unit === 'seconds' ? ms / 1000 : ms;
  return Number.isSafeInteger(n) ? n : undefined;
}

/**
 * A Duration written as an integer number of `unit`s is refused when it is not a whole number of them (the
 * CRD field is an integer: a fraction would be cut or refused).
 */
export function wholeDurationViolations(path: string, d: Duration | undefined, unit: 'seconds' | 'milliseconds'): Violation[] {
  if (d === undefined || wholeUnits(d, unit) !== undefined) return [];
  const example = unit === 'seconds' ? `Duration.seconds(${Math.max(1, Math.round(d.toMilliseconds({ integral: false }) / 1000))})` : `Duration.millis(${Math.round(d.toMilliseconds({ integral: false }))})`;
  return [{
    path,
    message: `${d.toMilliseconds({ integral: false })} ms is not a whole number of ${unit}; the field is an integer number of ${unit}: give e.g. ${example}`,
    source: 'library',
  }];
}
