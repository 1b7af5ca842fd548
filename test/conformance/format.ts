// The conformance-suite format: upstream's own webhook test cases, as data. See README.md beside this file.

/** An upstream spec the library admits: no error (and, when given, the operator's warnings). */
export interface Admitted {
  readonly allowed: true;
  /**
   * The warnings the operator's webhook returns with its verdict, one substring per warning (as many
   * warnings as entries; `[]`: none).
   */
  readonly warnings?: readonly string[];
}

/** An upstream spec the operator refuses. */
export interface Refused {
  readonly allowed: false;
  /** The JSON path of the error, as the webhook's field path spells it (`spec.bootstrap.initdb.owner`). */
  readonly field?: string;
  /** The webhook's own message (its `field.Invalid` detail), or a distinctive part of it. */
  readonly message?: string;
  /** How many errors the webhook returns, when upstream's test checks the number. */
  readonly count?: number;
}

/** An upstream spec of the defaulting webhook: what the defaulted object holds. */
export interface Defaulted {
  /** A partial object the defaulted object must match (`toMatchObject`). */
  readonly defaulted: object;
  /** Dotted paths that must be absent after defaulting. */
  readonly absent?: readonly string[];
}

/** An upstream spec of a helper, called directly: what it returns. */
export interface Returns {
  readonly returns: unknown;
}

/** An upstream spec that has no counterpart in a manifest-level check, with the reason. */
export interface NotApplicable {
  readonly notApplicable: string;
}

/** The expected outcome of a case. */
export type Expectation = Admitted | Refused | Defaulted | Returns | NotApplicable;

/** One upstream spec (or one of several checks of a spec), as data. */
export interface ConformanceCase {
  /** The upstream test file, relative to cnpg-1.30.0 (e.g. `internal/webhook/v1/cluster_webhook_test.go`). */
  readonly upstream: string;
  /** The spec's full Ginkgo name: `Describe > Context > It` (see upstream.ts for repeated names). */
  readonly test: string;
  /** The kind under test. */
  readonly kind: string;
  /** The manifest (a create), or the new side of an update when `old` is given. */
  readonly object?: object;
  /** The stored object, for an update rule (the runner then uses the kind's update rules). */
  readonly old?: object;
  /**
   * The one validator upstream's spec calls (its Go name: `validateInitDB`, `validateImageChange`, ...;
   * `validate` for all create validators, `validateClusterChanges` for all update validators,
   * a warning getter such as `getStorageWarnings`, or `getAdmissionWarnings` for all of them): the case then checks that validator alone, on the object as
   * given (no defaults), as upstream does. Without it, the case goes through the whole admission path.
   */
  readonly rule?: string;
  /** A helper to call instead of validating a manifest (its name in the runner's HELPERS table). */
  readonly call?: { readonly fn: string; readonly args: readonly unknown[] };
  /** The expected outcome. */
  readonly expect: Expectation;
  /** A note on how the case was ported (e.g. what the manifest adds to upstream's partial object). */
  readonly note?: string;
}

/** One webhook's conformance data: a row of the README table. */
export interface ConformanceSuite {
  /** The row's name in the README table, e.g. `Cluster (validating)`. */
  readonly webhook: string;
  /** The upstream test file, relative to cnpg-1.30.0. */
  readonly upstream: string;
  readonly cases: readonly ConformanceCase[];
}

/** True for a case that is listed, with a reason, rather than ported. */
export function isNotApplicable(e: Expectation): e is NotApplicable {
  return (e as NotApplicable).notApplicable !== undefined;
}
