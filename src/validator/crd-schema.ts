import { isObject } from '../common/json';

// The CRD schemas as a tree the validator walks together with an object. Built once per kind, on first
// use (the Cluster schema is large: parsing it costs nothing if no Cluster is ever validated).

/** An `x-kubernetes-validations` entry of a CRD. */
export interface CrdRule {
  readonly rule: string;
  readonly message?: string;
  readonly messageExpression?: string;
  readonly fieldPath?: string;
  readonly reason?: string;
  readonly optionalOldSelf?: boolean;
}

/** One node of a structural schema, with what the walker needs; children are built on first access. */
export interface SchemaNode {
  /** The raw openAPIV3Schema node (descriptions stripped). */
  readonly raw: any;
  /** Where the node sits, as a JSON path pattern (`spec.images[*].major`), for rule listings. */
  readonly where: string;
  readonly type?: string;
  readonly properties?: ReadonlyMap<string, SchemaNode>;
  readonly items?: SchemaNode;
  /** `additionalProperties` when it is a schema (a map's values). */
  readonly additional?: SchemaNode;
  readonly preserveUnknown: boolean;
  readonly intOrString: boolean;
  readonly embedded: boolean;
  readonly nullable: boolean;
  readonly listType?: string;
  readonly listMapKeys?: readonly string[];
  readonly rules: readonly CrdRule[];
  /** Properties with a schema default: `[name, default]`. */
  readonly defaults: ReadonlyArray<readonly [string, unknown]>;
  /** An object node whose instances may need nulls pruned or defaults applied. */
  readonly needsPrepare: boolean;
  /** The node declares properties, items or map values. */
  readonly hasChildren: boolean;
  /** This node or a descendant is typed integer (CEL values need BigInt conversion). */
  readonly hasInteger: boolean;
  /** Mutable caches owned by the validator modules. */
  readonly cache: { [key: string]: any };
  /** The API group of the kind whose schema this node belongs to (undefined for a schema given directly). */
  readonly group?: string;
  /** The schema of a property (declared, or the map's values), or undefined when the field is unknown. */
  child(key: string): SchemaNode | undefined;
}

const NO_RULES: readonly CrdRule[] = [];
const NO_DEFAULTS: ReadonlyArray<readonly [string, unknown]> = [];

/** A schema node whose subtrees are built when first visited: most of the Cluster schema never is. */
class LazyNode implements SchemaNode {
  public readonly type?: string;
  public readonly preserveUnknown: boolean;
  public readonly intOrString: boolean;
  public readonly embedded: boolean;
  public readonly nullable: boolean;
  public readonly listType?: string;
  public readonly listMapKeys?: readonly string[];
  public readonly rules: readonly CrdRule[];
  public readonly defaults: ReadonlyArray<readonly [string, unknown]>;
  public readonly needsPrepare: boolean;
  public readonly hasChildren: boolean;
  public readonly cache: { [key: string]: any } = {};
  private _properties?: Map<string, SchemaNode> | null;
  private _items?: SchemaNode | null;
  private _additional?: SchemaNode | null;
  private _hasInteger?: boolean;

  constructor(public readonly raw: any, public readonly where: string, public readonly group?: string) {
    this.type = typeof raw.type === 'string' ? raw.type : undefined;
    this.preserveUnknown = raw['x-kubernetes-preserve-unknown-fields'] === true;
    this.intOrString = raw['x-kubernetes-int-or-string'] === true;
    this.embedded = raw['x-kubernetes-embedded-resource'] === true;
    this.nullable = raw.nullable === true;
    this.listType = typeof raw['x-kubernetes-list-type'] === 'string' ? raw['x-kubernetes-list-type'] : undefined;
    this.listMapKeys = Array.isArray(raw['x-kubernetes-list-map-keys']) ? raw['x-kubernetes-list-map-keys'] : undefined;
    this.rules = Array.isArray(raw['x-kubernetes-validations']) ? raw['x-kubernetes-validations'] : NO_RULES;
    const props = isObject(raw.properties) ? raw.properties : undefined;
    const defaults = props
      ? Object.entries<any>(props).filter(([, child]) => child?.default !== undefined).map(([k, child]) => [k, child.default] as const)
      : [];
    this.defaults = defaults.length > 0 ? defaults : NO_DEFAULTS;
    this.needsPrepare = props !== undefined || isObject(raw.additionalProperties);
    this.hasChildren = this.needsPrepare || isObject(raw.items);
  }

  public child(key: string): SchemaNode | undefined {
    const props = this._properties === undefined ? this.properties : this._properties;
    return props?.get(key) ?? (this._additional === undefined ? this.additional : this._additional ?? undefined);
  }

  public get properties(): ReadonlyMap<string, SchemaNode> | undefined {
    if (this._properties === undefined) {
      const props = isObject(this.raw.properties) ? this.raw.properties : undefined;
      this._properties = props
        ? new Map(Object.entries<any>(props).map(([k, child]) => [k, new LazyNode(child, join(this.where, k), this.group)]))
        : null;
    }
    return this._properties ?? undefined;
  }

  public get items(): SchemaNode | undefined {
    if (this._items === undefined) this._items = isObject(this.raw.items) ? new LazyNode(this.raw.items, `${this.where}[*]`, this.group) : null;
    return this._items ?? undefined;
  }

  public get additional(): SchemaNode | undefined {
    if (this._additional === undefined) {
      this._additional = isObject(this.raw.additionalProperties) ? new LazyNode(this.raw.additionalProperties, `${this.where}[*]`, this.group) : null;
    }
    return this._additional ?? undefined;
  }

  public get hasInteger(): boolean {
    if (this._hasInteger === undefined) {
      this._hasInteger = this.type === 'integer' || this.intOrString
        || [...(this.properties?.values() ?? []), this.items, this.additional].some((c) => c?.hasInteger === true);
    }
    return this._hasInteger;
  }
}

/** A CRD's schema as the import task generates it: kept as a JSON string, parsed on first use. */
export interface CrdSchemaSource {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  readonly plural: string;
  readonly scope: 'Namespaced' | 'Cluster';
  /** The served version has the status subresource (the API server ignores `status` in a create or update). */
  readonly statusSubresource: boolean;
  readonly json: string;
}

/** A kind's schema, parsed. */
export interface KindSchema {
  readonly source: CrdSchemaSource;
  readonly root: SchemaNode;
}

// The validator knows no kind of its own: the layers above register the CRDs they validate.
const SOURCES = new Map<string, CrdSchemaSource>();
const PARSED = new Map<string, KindSchema>();

function kindKey(group: string, kind: string): string {
  return `${group}/${kind}`;
}

/** Registers CRD schemas (generated by `npx projen import`). A kind registered again is replaced. */
export function registerCrdSchemas(sources: { readonly [kind: string]: CrdSchemaSource }): void {
  for (const source of Object.values(sources)) {
    const key = kindKey(source.group, source.kind);
    SOURCES.set(key, source);
    PARSED.delete(key);
  }
}

/** Every registered API group, in registration order. */
export function schemaGroups(): string[] {
  return [...new Set([...SOURCES.values()].map((s) => s.group))];
}

/** Every registered kind of an API group. */
export function schemaKinds(group: string): string[] {
  return [...SOURCES.values()].filter((s) => s.group === group).map((s) => s.kind);
}

/** The schema source of a kind of an API group, or undefined. */
export function schemaSource(group: string, kind: string): CrdSchemaSource | undefined {
  return SOURCES.get(kindKey(group, kind));
}

/** The parsed schema tree of a kind (parsed once), or undefined for an unknown kind. */
export function kindSchema(group: string, kind: string): KindSchema | undefined {
  const key = kindKey(group, kind);
  const cached = PARSED.get(key);
  if (cached) return cached;
  const source = SOURCES.get(key);
  if (!source) return undefined;
  const parsed: KindSchema = { source, root: new LazyNode(JSON.parse(source.json), '', source.group) };
  PARSED.set(key, parsed);
  return parsed;
}

/** The schema tree of a raw openAPIV3Schema node (for schemas that are not a CNPG kind's, e.g. in tests). */
export function schemaTree(raw: any, where = ''): SchemaNode {
  return new LazyNode(raw, where);
}

function join(where: string, key: string): string {
  return where === '' ? key : `${where}.${key}`;
}

/** Visits every node of a schema tree, parents first. */
export function forEachNode(root: SchemaNode, visit: (node: SchemaNode) => void): void {
  visit(root);
  if (root.properties) for (const child of root.properties.values()) forEachNode(child, visit);
  if (root.items) forEachNode(root.items, visit);
  if (root.additional) forEachNode(root.additional, visit);
}

