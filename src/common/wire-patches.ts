import { ApiObject, JsonPatch } from 'cdk8s';

/**
 * Makes JSON patches of a generated L1 class apply to the manifest as written (wire names such as
 * `postgresUID` or `bin_path`).
 *
 * A generated class maps its camelCase props to the wire names *after* cdk8s applies JSON patches, so a
 * patch that uses a wire name would be silently dropped, and one that uses the camelCase name would only
 * work for fields the bindings know. The constructs' escape hatch (`apiObject.addJsonPatch`) instead
 * applies patches to the final manifest, exactly as it is synthesised.
 */
export function withWirePatches<T extends new (...args: any[]) => ApiObject>(Base: T): T {
  class WirePatched extends Base {
    private readonly wirePatches: JsonPatch[] = [];

    public addJsonPatch(...ops: JsonPatch[]): void {
      this.wirePatches.push(...ops);
    }

    public toJson(): any {
      const json = super.toJson();
      return this.wirePatches.length > 0 ? JsonPatch.apply(json, ...this.wirePatches) : json;
    }
  }
  return WirePatched;
}
