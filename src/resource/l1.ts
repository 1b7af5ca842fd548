import { ApiObject, Chart, JsonPatch } from 'cdk8s';

/** What the library's L1 classes add to a generated one (see {@link l1Class}). */
export interface LibraryApiObject extends ApiObject {
  /**
   * The number of JSON patches added so far (they are only ever added).
   * @internal
   */
  readonly _patchCount: number;
  /**
   * Hands a manifest just synthesised (and validated) by the owning construct to the next `toJson()`,
   * which returns it instead of synthesising again, provided `fingerprint()` still gives `key`.
   * @internal
   */
  _handOff(key: string, json: any, fingerprint: () => string): void;
}

/** True for an object of a class made by {@link l1Class}. */
export function isLibraryApiObject(obj: ApiObject): obj is LibraryApiObject {
  return typeof (obj as Partial<LibraryApiObject>)._handOff === 'function';
}

/**
 * The library's subclass of a generated L1 class. Two things differ from the generated class:
 *
 * - JSON patches apply to the manifest as written (wire names such as `postgresUID` or `bin_path`). A
 *   generated class maps its camelCase props to the wire names *after* cdk8s applies JSON patches, so a
 *   patch that uses a wire name would be silently dropped. A patch whose parent path is absent fails with
 *   an error that names the object and the path, never a TypeError from inside cdk8s.
 * - The owning construct's synth-time validation synthesises the manifest once; the synth that follows
 *   reuses it when nothing changed in between (see `_handOff`), instead of synthesising it twice.
 */
export function l1Class<T extends new (...args: any[]) => ApiObject>(Base: T): T {
  class LibraryL1 extends Base implements LibraryApiObject {
    private readonly wirePatches: JsonPatch[] = [];
    private handedOff?: { readonly key: string; readonly json: any; readonly fingerprint: () => string };

    public get _patchCount(): number {
      return this.wirePatches.length;
    }

    public addJsonPatch(...ops: JsonPatch[]): void {
      this.wirePatches.push(...ops);
    }

    public _handOff(key: string, json: any, fingerprint: () => string): void {
      this.handedOff = { key, json, fingerprint };
    }

    public toJson(): any {
      const ready = this.handedOff;
      this.handedOff = undefined;
      if (ready && ready.fingerprint() === ready.key) return ready.json;
      const json = super.toJson();
      return this.wirePatches.length === 0 ? json : applyPatches(json, this.wirePatches, this.node.path);
    }
  }
  return LibraryL1;
}

/** The pointer of a patch operation's parent: `/spec/affinity` for `/spec/affinity/nodeAffinity`. */
function parentPointer(pointer: string): string {
  return pointer.slice(0, Math.max(0, pointer.lastIndexOf('/')));
}

function exists(doc: any, pointer: string): boolean {
  let node = doc;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (node === null || typeof node !== 'object' || !Object.prototype.hasOwnProperty.call(node, key)) return false;
    node = node[key];
  }
  return true;
}

/**
 * Applies JSON patches one by one; a patch that cannot apply fails with a message naming the object, the
 * operation and why (most often: its parent does not exist, which RFC 6902 does not create).
 */
function applyPatches(json: any, patches: readonly JsonPatch[], where: string): any {
  let doc = json;
  for (const patch of patches) {
    const op: { op: string; path: string; from?: string } = patch._toJson();
    const parent = parentPointer(op.path);
    if (op.op !== 'test' && !exists(doc, parent)) {
      throw new Error(`[${where}] JSON patch ${op.op} ${JSON.stringify(op.path)}: its parent ${JSON.stringify(parent)} does not exist in the manifest; a patch does not create parents (RFC 6902): add the parent first, e.g. JsonPatch.add(${JSON.stringify(parent)}, {})`);
    }
    try {
      doc = JsonPatch.apply(doc, patch);
    } catch (e) {
      throw new Error(`[${where}] JSON patch ${op.op} ${JSON.stringify(op.path)} does not apply to the manifest: ${(e as Error).message}`);
    }
  }
  return doc;
}

/**
 * The member of a generated L1 enum whose value is `value`: the one mapping from the library's enums (and
 * plain strings from JavaScript) to the bindings' enums. A value that is no member is written as given,
 * so that synth-time validation reports it with the CRD's list of accepted values.
 */
export function l1Enum<E>(members: { readonly [name: string]: E }, value: string | undefined): E | undefined {
  if (value === undefined) return undefined;
  for (const member of Object.values(members)) if ((member as unknown) === value) return member;
  return value as unknown as E;
}

/**
 * The library's L1 of a cluster-scoped kind. cdk8s stamps the chart's namespace on every object, which the
 * API server would ignore for (and a GitOps diff would flag on) a cluster-scoped kind: drop it. Any other
 * namespace (an escape-hatch patch) stays, for synth-time validation to report.
 */
export function clusterScopedL1Class<T extends new (...args: any[]) => ApiObject>(Base: T): T {
  class ClusterScopedL1 extends l1Class(Base) {
    public toJson(): any {
      const json = super.toJson();
      if (json.metadata?.namespace !== undefined && json.metadata.namespace === Chart.of(this).namespace) {
        delete json.metadata.namespace;
      }
      return json;
    }
  }
  return ClusterScopedL1;
}

/**
 * A `date-time` field for a generated L1 struct. The bindings call `toISOString()` after cdk8s has resolved
 * the spec, and cdk8s refuses a Date object while resolving: this hands over a plain object that answers
 * `toISOString()` with the date's ISO 8601 text.
 */
export function l1Date(date: Date | undefined): Date | undefined {
  if (date === undefined) return undefined;
  const iso = date.toISOString();
  return { toISOString: () => iso } as unknown as Date;
}
