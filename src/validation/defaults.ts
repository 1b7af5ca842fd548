import { childOf, cloneJson, isObject, SchemaNode } from './crd-schema';

// What the API server does to an object before it validates it, in its order:
// 1. non-nullable nulls are pruned and schema defaults applied (structural defaulting);
// 2. CloudNativePG's mutating webhook fills in its own defaults (api/v1/cluster_defaults.go).
// Both run on the validator's private copy of the object, never on the user's.

/**
 * Prunes nulls of non-nullable fields and applies schema defaults, in place, as the API server does
 * when it decodes a custom resource: a `null` is dropped (then defaulted, if the schema has a default);
 * defaults are applied to every object present, recursively into defaulted values.
 */
export function applySchemaDefaults(value: unknown, node: SchemaNode): void {
  if (!node.needsPrepare || value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    const items = node.items;
    if (items?.needsPrepare) for (const item of value) applySchemaDefaults(item, items);
    return;
  }
  const obj = value as { [key: string]: unknown };
  for (const key in obj) {
    const child = childOf(node, key);
    if (!child) continue; // unknown: reported by the schema validator, not pruned silently
    const v = obj[key];
    if (v === null && !child.nullable) delete obj[key];
    else if (child.needsPrepare) applySchemaDefaults(v, child);
  }
  for (const [key, def, child] of node.defaults) {
    if (obj[key] !== undefined) continue;
    if (def === null || typeof def !== 'object') {
      obj[key] = def;
    } else {
      obj[key] = cloneJson(def);
      applySchemaDefaults(obj[key], child);
    }
  }
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
 * rules and the validating webhook see. Applied in place after the schema defaults.
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
