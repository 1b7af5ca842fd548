import { ApiObject, ApiObjectMetadataDefinition, App, ImplicitTokenResolver, LazyResolver, NumberStringUnionResolver } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { isLibraryApiObject, LibraryApiObject } from './l1';
import { markValidatedByOwner, synthMessages, synthValidationEnabled, validateAppAtSynth } from '../admission/synth';
import { formatViolation, show, throwIfAny, Violation } from '../common/errors';

/** Any object of a CloudNativePG kind: one of this app, or one managed elsewhere. */
export interface ICnpgResource extends IConstruct {
  /** `metadata.name`. */
  readonly name: string;
  /**
   * Namespace.
   * @default - unknown (or the default namespace)
   */
  readonly namespace?: string;
}

/** How a construct sets up its resource (see `CnpgResource._initResource`). @internal */
export interface ResourceInit {
  /**
   * A value that changes whenever the construct's output may change (besides its metadata and JSON
   * patches, which the base follows itself). With it, the manifest that synth-time validation
   * synthesised is reused by the synth; without it, the manifest is synthesised twice. Called with the
   * resource (and `this` undefined): a static method or a module-level function (see `FIXED_REVISION`)
   * keeps no closure per resource, which matters for kinds a fleet has thousands of.
   */
  readonly revision?: (resource: any) => string | number;
  /** Appended to the message when another object of the app has the same kind, namespace and name. */
  readonly duplicateHint?: string;
  /** The object is not a CNPG kind: skip the CRD and webhook validation of its manifest. */
  readonly skipManifestValidation?: boolean;
}

/** One registry per app: kind/namespace/name → the construct (its path is only read for a message). */
const NAMES = new WeakMap<IConstruct, Map<string, IConstruct>>();

/**
 * The base of every construct of the library that writes one Kubernetes object. It owns:
 * - the L1 object, a child with id `Resource` (also `node.defaultChild`), as `apiObject`;
 * - `name`, `namespace` and `metadata`;
 * - the app-wide registry of kind/namespace/name: two objects of an app cannot share them;
 * - the two synth-time validations: the construct's own checks of what is known only at synth, and the
 *   synthesised manifest against the CRD schema, CEL rules and the operator's webhook rules;
 * - the app-wide validation of the CNPG objects no construct of the library owns (raw `ApiObject`s,
 *   `Include`d manifests), registered with the app by the first construct of the library.
 *
 * Errors go two ways: what the props alone decide throws at construction; everything else is a
 * synth-time validation message. Nothing throws from inside serialisation.
 */
export abstract class CnpgResource extends Construct implements ICnpgResource {
  /** The generated L1 object (also `node.defaultChild`): the escape hatch to the raw manifest. */
  public abstract readonly apiObject: ApiObject;

  /**
   * @param scope the parent construct (a Chart, or a construct inside one)
   * @param id the construct id, unique among its siblings
   */
  protected constructor(scope: Construct, id: string) {
    super(scope, id);
  }

  /** `metadata.name`. */
  public get name(): string {
    return this.apiObject.name;
  }

  /** `metadata.namespace` (the chart's, unless the metadata says otherwise). */
  public get namespace(): string | undefined {
    return this.apiObject.metadata.namespace;
  }

  /** Metadata of the object (labels and annotations can be added). */
  public get metadata(): ApiObjectMetadataDefinition {
    return this.apiObject.metadata;
  }

  /**
   * Registers the object once the subclass has created `apiObject`: claims its kind/namespace/name in the
   * app, and adds the synth-time validations.
   * @internal
   */
  protected _initResource(init: ResourceInit = {}): void {
    const root = this.node.root;
    this.claimName(root, init.duplicateHint);
    // The construct validates its own manifest; the app-wide hook validates the CNPG objects it does not own.
    markValidatedByOwner(this.apiObject);
    validateAppAtSynth(root);
    // One validation object per resource (no closures): the construct's own checks, then its manifest's.
    this.node.addValidation(new ResourceValidation(this, root, init));
  }

  /**
   * The construct's own checks of what is known only at synth (references to other constructs, later
   * `addX()` calls). Property paths are relative to the construct; cdk8s adds the construct path.
   * @internal
   */
  protected _validateAtSynth(): Violation[] {
    return [];
  }

  /**
   * Throws the violations found at construction, each prefixed with the construct path.
   * @internal
   */
  protected _throwIfAny(violations: readonly Violation[]): void {
    throwIfAny(this, violations);
  }

  private claimName(root: IConstruct, hint?: string): void {
    let names = NAMES.get(root);
    if (!names) {
      names = new Map();
      NAMES.set(root, names);
    }
    const kind = this.apiObject.kind;
    const key = `${kind}/${this.namespace ?? ''}/${this.name}`;
    const other = names.get(key);
    if (other !== undefined) {
      this._throwIfAny([{
        path: 'metadata.name',
        message: `${kind} ${show(this.name)}${this.namespace ? ` in namespace ${show(this.namespace)}` : ''} is already defined by [${other.node.path}]; one app can hold only one${hint ? ` (${hint})` : ''}`,
        source: 'library',
      }]);
    }
    names.set(key, this);
  }
}

/**
 * The synth-time validation of one resource: its construct's own checks (`_validateAtSynth`), then its
 * synthesised manifest against the CRD schema, CEL rules and the operator's webhook rules (unless the
 * resource is not of a CNPG kind).
 *
 * cdk8s runs every validation once per `app.synth()` (and once more per chart) before it asks each object
 * for its JSON. With a revision, the manifest's result is reused while the revision, the JSON patches and
 * the metadata are unchanged, and the manifest synthesised here is handed to the object's next `toJson()`
 * (the synth) instead of being synthesised a second time. Not when the app has resolvers of its own: they
 * may rewrite any value of the manifest, from any state.
 */
class ResourceValidation {
  private readonly apiObject: ApiObject;
  private readonly reusable: boolean;
  private readonly manifest: boolean;
  private readonly revision?: (resource: any) => string | number;
  private cache?: { readonly key: string; readonly messages: string[] };

  constructor(private readonly resource: CnpgResource, private readonly root: IConstruct, init: ResourceInit) {
    this.apiObject = resource.apiObject;
    this.revision = init.revision;
    this.manifest = !init.skipManifestValidation;
    this.reusable = init.revision !== undefined && isLibraryApiObject(this.apiObject);
  }

  public validate(): string[] {
    // protected for subclasses: read through the element access TypeScript allows
    // eslint-disable-next-line dot-notation
    const own = this.resource['_validateAtSynth']().map(formatViolation);
    if (!this.manifest) return own;
    const messages = this.manifestMessages();
    return own.length === 0 ? messages : [...own, ...messages];
  }

  /** What tells whether the object's output may have changed, or undefined when nothing may be reused. */
  public fingerprint(): string | undefined {
    if (!builtInResolversOnly(this.root)) return undefined;
    const revision = this.revision!; // called as a plain function: `this` undefined, as for any static method
    return `${revision(this.resource)}|${(this.apiObject as LibraryApiObject)._patchText}|${metadataText(this.apiObject)}`;
  }

  private manifestMessages(): string[] {
    const apiObject = this.apiObject;
    const enabled = synthValidationEnabled(this.root); // a construct's root never changes
    let key: string | undefined;
    if (this.reusable) {
      try {
        const f = this.fingerprint();
        key = f === undefined ? undefined : `${enabled}|${f}`;
      } catch {
        key = undefined; // what cannot be read for the fingerprint (a BigInt) is not reused; toJson() decides
      }
    }
    if (key !== undefined && this.cache?.key === key) return this.cache.messages;
    let json: any;
    try {
      json = apiObject.toJson();
    } catch (e) {
      return [String((e as Error)?.message ?? e).replace(/^\[[^\]]*\] /, '')];
    }
    const messages = synthMessages(json, enabled, key === undefined);
    if (key !== undefined && isLibraryApiObject(apiObject)) {
      this.cache = { key, messages };
      // validated on a copy: still exactly what the object synthesises
      apiObject._handOff(key.slice(key.indexOf('|') + 1), json, this);
    }
    return messages;
  }
}

/**
 * The text of an object's metadata as declared, for telling whether it changed: the metadata definition's
 * own data (name, namespace, labels, annotations, finalizers, owner references, added keys) serialised as
 * it is, without cdk8s's token resolution, which costs ten times more. cdk8s's own resolvers leave plain
 * data as it is; so the resolved `metadata.toJson()` is used instead when a value is not plain finite JSON
 * data (a token such as a `Lazy`, whose output can change while the definition does not).
 */
function metadataText(apiObject: ApiObject): string {
  const { apiObject: _, ...data } = apiObject.metadata as any;
  return isPlainData(data, 0) ? JSON.stringify(data) : JSON.stringify(apiObject.metadata.toJson());
}

/** The app resolves values with cdk8s's three resolvers only (no `resolvers` of its own, not even a subclass of one of them). */
function builtInResolversOnly(root: IConstruct): boolean {
  if (!(root instanceof App)) return false;
  for (const r of root.resolvers) {
    const c = (r as object).constructor;
    if (c !== LazyResolver && c !== ImplicitTokenResolver && c !== NumberStringUnionResolver) return false;
  }
  return true;
}

/**
 * A string, a finite number, a boolean, null or undefined, or a plain object or array of such values, at
 * most 32 levels deep (deeper metadata is read through cdk8s, the slow way).
 */
function isPlainData(value: unknown, depth: number): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
    case 'undefined':
      return true;
    case 'number':
      return Number.isFinite(value);
    case 'object': {
      if (value === null) return true;
      if (depth >= 32) return false;
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) if (!isPlainData(value[i], depth + 1)) return false;
        return true;
      }
      const proto = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) return false;
      for (const key in value) if (!isPlainData((value as any)[key], depth + 1)) return false;
      return true;
    }
    default:
      return false;
  }
}
