import { IAnyProducer, Lazy } from 'cdk8s';

// Helpers of the resource base that keep no closure per resource (a fleet has thousands of Clusters and
// Databases). Not exported from the package: the constructs import them from here.

/** The revision of a resource whose output changes only with its metadata and JSON patches. @internal */
export const FIXED_REVISION = (): number => 0;

/**
 * The spec of a resource's L1, produced at synth by the resource's `_toKube()`: a `Lazy` whose producer is
 * one small object (no closure and its context per resource).
 * @internal
 */
export function lazySpec<T>(resource: { _toKube(): T }): T {
  return Lazy.any(new SpecProducer(resource)) as unknown as T;
}

class SpecProducer implements IAnyProducer {
  constructor(private readonly resource: { _toKube(): unknown }) {}

  public produce(): unknown {
    return this.resource._toKube();
  }
}
