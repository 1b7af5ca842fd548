import { IConstruct } from 'constructs';

// Shared error formatting. Every message names the construct path (cdk8s adds it for synth-time
// validations), the property, the bad value, what is accepted, and the operator's own message when
// there is one.

/** Where a rule comes from, as shown to the user. */
export type RuleSource = 'CRD rule' | 'CRD schema' | 'webhook' | 'operator' | 'library';

/** One broken rule, before it is tied to a construct or a file. */
export interface Violation {
  /** Property or JSON path, e.g. `images[1].major` or `spec.imageCatalogRef.major`. */
  readonly path: string;
  /** What is wrong and what is accepted, already including the bad value. */
  readonly message: string;
  /** Where the rule comes from. */
  readonly source?: RuleSource;
  /** The operator's or CRD's own message for this rule, quoted verbatim. */
  readonly upstream?: string;
  /**
   * The library's own rule, stricter than CloudNativePG, which accepts what it flags (digest pinning, image
   * reference syntax, pull policy spelling): a warning where manifests are validated (`validate`,
   * validateManifest), an error of the constructs. Absent: an error everywhere (the library's security
   * hardening beyond the webhook included).
   */
  readonly warning?: boolean;
}

/** Appends every item to `out` (unlike `out.push(...items)`, whatever the number of items: hostile input can make millions). */
export function pushAll<T>(out: T[], items: readonly T[]): void {
  for (const item of items) out.push(item);
}

/** Renders a value the way messages quote it. */
export function show(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value); // JSON would say null
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'symbol') return value.toString();
  try {
    const s = JSON.stringify(value);
    return s.length > 120 ? `${s.slice(0, 117)}...` : s;
  } catch {
    return String(value);
  }
}

/** `path: message (source: "upstream")` (without `path: ` for the object as a whole). */
export function formatViolation(v: Violation): string {
  const suffix = v.upstream ? ` (${v.source ?? 'operator'}: "${v.upstream}")` : v.source ? ` (${v.source})` : '';
  return `${v.path ? `${v.path}: ` : ''}${v.message}${suffix}`;
}

/** An error thrown at construction, prefixed with the construct path like cdk8s synth-time errors. */
export function constructError(scope: IConstruct, v: Violation): Error {
  return new Error(`[${scope.node.path}] ${formatViolation(v)}`);
}

/** Throws the first violation, if any. */
export function throwIfAny(scope: IConstruct, violations: readonly Violation[]): void {
  if (violations.length > 0) {
    throw new Error(violations.map((v) => `[${scope.node.path}] ${formatViolation(v)}`).join('\n'));
  }
}
