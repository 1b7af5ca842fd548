import { isObject } from '../common/json';

// CloudNativePG's mutating webhook fills in its own defaults (api/v1/cluster_defaults.go), after which the
// API server applies the schema defaults again: the admission layer applies the operator's first, then the
// schema's during the validator's walk, which gives the same object. Always on a private copy.

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
