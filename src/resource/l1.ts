import { ApiObject, Chart, JsonPatch } from 'cdk8s';

/** What tells whether an object's output may have changed since a manifest was handed off (see `_handOff`). */
export interface Fingerprinted {
  /** The fingerprint now, or undefined when nothing may be reused; may throw (then: changed). */
  fingerprint(): string | undefined;
}

/** What the library's L1 classes add to a generated one (see {@link l1Class}). */
export interface LibraryApiObject extends ApiObject {
  /**
   * The JSON patches added so far, as text (their values as they are now: cdk8s applies a patch's value at
   * synth, so a change to it after `addJsonPatch` counts).
   * @internal
   */
  readonly _patchText: string;
  /**
   * Hands a manifest just synthesised (and validated) by the owning construct to the next `toJson()`,
   * which returns it instead of synthesising again, provided `source.fingerprint()` still gives `key` (not
   * when it gives undefined, or throws).
   * @internal
   */
  _handOff(key: string, json: any, source: Fingerprinted): void;
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
    private wirePatches?: JsonPatch[]; // created with the first patch
    private handedOff?: { readonly key: string; readonly json: any; readonly source: Fingerprinted };

    public get _patchText(): string {
      return this.wirePatches === undefined ? '' : JSON.stringify(this.wirePatches.map((p) => p._toJson()));
    }

    public addJsonPatch(...ops: JsonPatch[]): void {
      (this.wirePatches ??= []).push(...ops);
    }

    public _handOff(key: string, json: any, source: Fingerprinted): void {
      this.handedOff = { key, json, source };
    }

    public toJson(): any {
      const ready = this.handedOff;
      this.handedOff = undefined;
      if (ready && unchanged(ready.source, ready.key)) return ready.json;
      const json = super.toJson();
      return this.wirePatches === undefined ? json : applyPatches(json, this.wirePatches, this.node.path);
    }
  }
  return LibraryL1;
}

/** Whether `source.fingerprint()` still gives `key`; a fingerprint that cannot be taken means: changed. */
function unchanged(source: Fingerprinted, key: string): boolean {
  try {
    return source.fingerprint() === key;
  } catch {
    return false;
  }
}

/** The pointer of a patch operation's parent: `/spec/affinity` for `/spec/affinity/nodeAffinity`. */
function parentPointer(pointer: string): string {
  return pointer.slice(0, Math.max(0, pointer.lastIndexOf('/')));
}

/** The value at a JSON pointer, or NOT_FOUND. */
function at(doc: any, pointer: string): unknown {
  let node = doc;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (node === null || typeof node !== 'object' || !Object.prototype.hasOwnProperty.call(node, key)) return NOT_FOUND;
    node = node[key];
  }
  return node;
}

const NOT_FOUND = Symbol('not found');

/**
 * Why a patch cannot apply (RFC 6902 section 4), or undefined: `add` needs its parent, an object or an
 * array; `remove` and `replace` need their target; `move` and `copy` need their source.
 */
function patchError(doc: any, op: { op: string; path: string; from?: string }): string | undefined {
  if (op.op === 'test') return undefined;
  const parent = parentPointer(op.path);
  const container = at(doc, parent);
  if (container === NOT_FOUND || container === null || typeof container !== 'object') {
    const what = container === NOT_FOUND ? 'does not exist in the manifest' : `is ${JSON.stringify(container)}, not an object or a list`;
    return `its parent ${JSON.stringify(parent)} ${what}; a patch does not create parents (RFC 6902): add the parent first, e.g. JsonPatch.add(${JSON.stringify(parent)}, {})`;
  }
  if ((op.op === 'remove' || op.op === 'replace') && at(doc, op.path) === NOT_FOUND) {
    return `${JSON.stringify(op.path)} does not exist in the manifest; ${op.op} needs an existing value (RFC 6902)${op.op === 'replace' ? ': use JsonPatch.add to set a new one' : ''}`;
  }
  if ((op.op === 'move' || op.op === 'copy') && op.from !== undefined && at(doc, op.from) === NOT_FOUND) {
    return `its source ${JSON.stringify(op.from)} does not exist in the manifest (RFC 6902)`;
  }
  return undefined;
}

/**
 * Applies JSON patches one by one; a patch that cannot apply fails with a message naming the object, the
 * operation and why (most often: its parent does not exist, which RFC 6902 does not create). What the patch
 * library would silently skip (a remove or replace of nothing, a move from nothing, a key under a scalar)
 * fails too: nothing declared is silently dropped.
 */
function applyPatches(json: any, patches: readonly JsonPatch[], where: string): any {
  let doc = json;
  for (const patch of patches) {
    const op: { op: string; path: string; from?: string } = patch._toJson();
    const error = patchError(doc, op);
    if (error !== undefined) throw new Error(`[${where}] JSON patch ${op.op} ${JSON.stringify(op.path)}: ${error}`);
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
