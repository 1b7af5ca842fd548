import { CRD_SCHEMAS, CrdSchemaSource } from '../../imports/postgresql.cnpg.io.schemas';

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

/** One node of a structural schema, with what the walker needs precomputed. */
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
  /** Properties with a schema default: `[name, default, node]`. */
  readonly defaults: ReadonlyArray<readonly [string, unknown, SchemaNode]>;
  /** This node or a descendant has defaults or nullable children (the prepare walk must descend). */
  readonly needsPrepare: boolean;
  /** This node or a descendant has CEL rules or list-type uniqueness (the check walk must descend). */
  readonly needsChecks: boolean;
  /** This node or a descendant is typed integer (CEL values need BigInt conversion). */
  readonly hasInteger: boolean;
  /** Number of schema nodes in this subtree (decides whether its ajv validator is compiled whole). */
  readonly size: number;
  /** Mutable caches owned by the validator modules. */
  readonly cache: { [key: string]: any };
}

/** A kind's schema, parsed. */
export interface KindSchema {
  readonly source: CrdSchemaSource;
  readonly root: SchemaNode;
}

const PARSED = new Map<string, KindSchema>();

/** The API group of every CNPG kind. */
export const CNPG_GROUP = 'postgresql.cnpg.io';

/** Every kind with a schema. */
export function schemaKinds(): string[] {
  return Object.keys(CRD_SCHEMAS);
}

/** The schema source of a kind, or undefined. */
export function schemaSource(kind: string): CrdSchemaSource | undefined {
  return Object.prototype.hasOwnProperty.call(CRD_SCHEMAS, kind) ? CRD_SCHEMAS[kind] : undefined;
}

/** The parsed schema tree of a kind (parsed once), or undefined for an unknown kind. */
export function kindSchema(kind: string): KindSchema | undefined {
  const cached = PARSED.get(kind);
  if (cached) return cached;
  const source = schemaSource(kind);
  if (!source) return undefined;
  const parsed: KindSchema = { source, root: buildNode(JSON.parse(source.json), '') };
  PARSED.set(kind, parsed);
  return parsed;
}

/** The schema tree of a raw openAPIV3Schema node (for schemas that are not a CNPG kind's, e.g. in tests). */
export function schemaTree(raw: any, where = ''): SchemaNode {
  return buildNode(raw, where);
}

function join(where: string, key: string): string {
  return where === '' ? key : `${where}.${key}`;
}

function buildNode(raw: any, where: string): SchemaNode {
  let properties: Map<string, SchemaNode> | undefined;
  let size = 1;
  let needsPrepare = false;
  let needsChecks = false;
  let hasInteger = raw.type === 'integer' || raw['x-kubernetes-int-or-string'] === true;
  const defaults: Array<[string, unknown, SchemaNode]> = [];
  const children: SchemaNode[] = [];
  if (raw.properties && typeof raw.properties === 'object') {
    properties = new Map();
    for (const [key, child] of Object.entries<any>(raw.properties)) {
      const node = buildNode(child, join(where, key));
      properties.set(key, node);
      children.push(node);
      if (child.default !== undefined) defaults.push([key, child.default, node]);
      // a non-nullable null is pruned before defaulting: the prepare walk must look at this object
      needsPrepare = true;
    }
  }
  const items = raw.items && typeof raw.items === 'object' ? buildNode(raw.items, `${where}[*]`) : undefined;
  if (items) children.push(items);
  const additional = raw.additionalProperties && typeof raw.additionalProperties === 'object'
    ? buildNode(raw.additionalProperties, `${where}[*]`)
    : undefined;
  if (additional) {
    children.push(additional);
    needsPrepare = true;
  }
  for (const child of children) {
    size += child.size;
    needsPrepare ||= child.needsPrepare;
    needsChecks ||= child.needsChecks;
    hasInteger ||= child.hasInteger;
  }
  const rules: CrdRule[] = Array.isArray(raw['x-kubernetes-validations']) ? raw['x-kubernetes-validations'] : [];
  const listType = typeof raw['x-kubernetes-list-type'] === 'string' ? raw['x-kubernetes-list-type'] : undefined;
  needsChecks ||= rules.length > 0 || listType === 'set' || listType === 'map';
  return {
    raw,
    where,
    type: typeof raw.type === 'string' ? raw.type : undefined,
    properties,
    items,
    additional,
    preserveUnknown: raw['x-kubernetes-preserve-unknown-fields'] === true,
    intOrString: raw['x-kubernetes-int-or-string'] === true,
    embedded: raw['x-kubernetes-embedded-resource'] === true,
    nullable: raw.nullable === true,
    listType,
    listMapKeys: Array.isArray(raw['x-kubernetes-list-map-keys']) ? raw['x-kubernetes-list-map-keys'] : undefined,
    rules,
    defaults,
    needsPrepare,
    needsChecks,
    hasInteger,
    size,
    cache: {},
  };
}

/** The schema node of a property (declared, or the map's value schema), or undefined when unknown. */
export function childOf(node: SchemaNode, key: string): SchemaNode | undefined {
  return node.properties?.get(key) ?? node.additional;
}

/** Visits every node of a schema tree, parents first. */
export function forEachNode(root: SchemaNode, visit: (node: SchemaNode) => void): void {
  visit(root);
  if (root.properties) for (const child of root.properties.values()) forEachNode(child, visit);
  if (root.items) forEachNode(root.items, visit);
  if (root.additional) forEachNode(root.additional, visit);
}

const SEGMENTS = new Map<string, string>();

/** A JSON path segment: `.name`, `["a.b"]` or `[3]`. */
export function pathJoin(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  let segment = SEGMENTS.get(key);
  if (segment === undefined) {
    segment = /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
    if (SEGMENTS.size < 10_000) SEGMENTS.set(key, segment);
  }
  return path === '' && segment[0] === '.' ? key : path + segment;
}

/** The JSON type name of a value, as messages say it. */
export function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** True when a value is a plain JSON object. */
export function isObject(value: unknown): value is { [key: string]: any } {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * A deep copy of JSON data. Unlike structuredClone, the copy is made of this realm's arrays and objects
 * (the CEL library tells lists from maps with `Array.isArray`/prototypes, which differ across realms).
 */
export function cloneJson<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(cloneJson) as unknown as T;
  const out: { [key: string]: unknown } = {};
  for (const key of Object.keys(value)) out[key] = cloneJson((value as { [key: string]: unknown })[key]);
  return out as T;
}
