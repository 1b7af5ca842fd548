import { cloneJson, isObject, SchemaNode } from './crd-schema';

// What the API server does to an object before it validates it:
// - non-nullable nulls are pruned and schema defaults applied (structural defaulting);
// - CloudNativePG's mutating webhook fills in its own defaults (api/v1/cluster_defaults.go), after which
//   the API server applies the schema defaults again: the validator applies the operator's first, then
//   the schema's during its walk, which gives the same object.
// Both run on the validator's private copy of the object, never on the user's.

/**
 * What the API server does to one object of a custom resource when it decodes it: a `null` of a
 * non-nullable field is dropped (and then defaulted, if the schema has a default), and absent fields
 * with a schema default get it. The caller walks the object and calls this on every object it meets,
 * parents first, so defaulted values are defaulted in turn. In place; returns the fields it defaulted.
 */
export function applyNodeDefaults(obj: { [key: string]: unknown }, node: SchemaNode): Set<string> | undefined {
  for (const key in obj) {
    if (obj[key] !== null) continue;
    const child = node.child(key);
    if (child && !child.nullable) delete obj[key]; // an unknown field stays, to be reported
  }
  let defaulted: Set<string> | undefined;
  for (const [key, def] of node.defaults) {
    if (obj[key] !== undefined) continue;
    obj[key] = cloneJson(def);
    (defaulted ??= new Set()).add(key);
  }
  return defaulted;
}

/**
 * The default image of a Cluster that names neither `imageName` nor `imageCatalogRef`: the operator's
 * `POSTGRES_IMAGE_NAME` of CloudNativePG 1.30.0 (an operator configured otherwise uses its own).
 */
export const OPERATOR_DEFAULT_IMAGE = 'ghcr.io/cloudnative-pg/postgresql:18.4-system-trixie';

/** Fields the mutating webhook's Go round trip drops when empty (`omitempty`), where a CEL rule tests them with `has()`. */
const EMPTY_DROPPED: ReadonlyArray<readonly string[]> = [
  ['spec', 'imageName'],
  ['spec', 'bootstrap', 'initdb', 'builtinLocale'],
  ['spec', 'bootstrap', 'initdb', 'icuLocale'],
  ['spec', 'bootstrap', 'initdb', 'icuRules'],
];

/**
 * CloudNativePG's mutating webhook defaults (`Cluster.SetDefaults`), those that change what the CEL
 * rules and the validating webhook see. In place, before the walk that applies the schema defaults.
 */
export function applyOperatorDefaults(kind: string, obj: any): void {
  if (kind !== 'Cluster' || !isObject(obj.spec)) return;
  const spec = obj.spec;
  for (const path of EMPTY_DROPPED) {
    let parent: any = obj;
    for (const key of path.slice(0, -1)) parent = isObject(parent) ? parent[key] : undefined;
    const last = path[path.length - 1];
    if (isObject(parent) && parent[last] === '') delete parent[last];
  }
  // The CEL rule on `synchronous` reads `self.dataDurability`: the webhook sets it first.
  const sync = isObject(spec.postgresql) ? spec.postgresql.synchronous : undefined;
  if (isObject(sync) && (sync.dataDurability === undefined || sync.dataDurability === '')) {
    sync.dataDurability = 'required';
  }
  if (spec.imageName === undefined && spec.imageCatalogRef === undefined) {
    spec.imageName = OPERATOR_DEFAULT_IMAGE;
  }
  if (spec.bootstrap === undefined) spec.bootstrap = {};
  const bootstrap = spec.bootstrap;
  if (isObject(bootstrap) && bootstrap.recovery === undefined && bootstrap.pg_basebackup === undefined) {
    if (bootstrap.initdb === undefined) bootstrap.initdb = {};
    const initdb = bootstrap.initdb;
    if (isObject(initdb)) {
      if (initdb.database === undefined || initdb.database === '') initdb.database = 'app';
      if (initdb.owner === undefined || initdb.owner === '') initdb.owner = initdb.database;
    }
  }
  const affinity = spec.affinity;
  if (isObject(affinity) && affinity.enablePodAntiAffinity !== false && (affinity.podAntiAffinityType === undefined || affinity.podAntiAffinityType === '')) {
    affinity.podAntiAffinityType = 'preferred';
  }
}
