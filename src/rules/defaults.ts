import { clusterMajor, isReplica, OPERATOR_DEFAULT_IMAGE } from './cluster/common';
import { FAILOVER_QUORUM_ANNOTATION, walArchivingDisabled } from './cluster/configuration';
import { goParseBool } from './cluster/go';
import { operatorParameters, SKIP_WAL_ARCHIVING_ANNOTATION } from './cluster/parameters';
import { LIVENESS_PINGER_ANNOTATION, livenessPingerConfig } from './cluster/pod';
import { cloneJson, isObject } from '../common/json';

// CloudNativePG's mutating webhook for Cluster (`Cluster.Default()`, api/v1/cluster_defaults.go, 1.30.0),
// over a manifest in wire format. The API server applies the schema defaults, then the mutating webhook, then
// validates the result: the admission layer applies these first and the schema's during the validator's walk,
// which gives the same object. Always on a private copy.
//
// Two defaults depend on the operator's configuration, not on the Cluster, and are left out: the default
// monitoring queries (MONITORING_QUERIES_CONFIGMAP/SECRET) and the plugins of INCLUDE_PLUGINS. The default
// image is that of an operator configured as released (OPERATOR_DEFAULT_IMAGE).

export { OPERATOR_DEFAULT_IMAGE };

/** Fields the mutating webhook's Go round trip drops when empty (`omitempty`), where a CEL rule tests them with `has()`. */
const EMPTY_DROPPED: ReadonlyArray<readonly string[]> = [
  ['spec', 'imageName'],
  ['spec', 'bootstrap', 'initdb', 'builtinLocale'],
  ['spec', 'bootstrap', 'initdb', 'icuLocale'],
  ['spec', 'bootstrap', 'initdb', 'icuRules'],
];

/** The application database and owner the operator creates when none is named. */
export const DEFAULT_APPLICATION_DATABASE = 'app';

function empty(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}

/** `defaultRecovery` / `defaultPgBaseBackup`: the application database and its owner. */
function defaultApplicationDatabase(method: any): void {
  if (empty(method.database)) method.database = DEFAULT_APPLICATION_DATABASE;
  if (empty(method.owner)) method.owner = method.database;
}

/** `defaultInitDB`. */
function defaultInitDB(bootstrap: any): void {
  if (!isObject(bootstrap.initdb)) bootstrap.initdb = { database: DEFAULT_APPLICATION_DATABASE, owner: DEFAULT_APPLICATION_DATABASE };
  const initdb = bootstrap.initdb;
  if (empty(initdb.database) && initdb.import?.type !== 'monolith') initdb.database = DEFAULT_APPLICATION_DATABASE;
  if (empty(initdb.owner) && !empty(initdb.database)) initdb.owner = initdb.database;
  if (empty(initdb.encoding)) initdb.encoding = 'UTF8';
  if (empty(initdb.localeCollate)) initdb.localeCollate = 'C';
  if (empty(initdb.localeCType)) initdb.localeCType = 'C';
}

/** `GetApplicationDatabaseOwner`. */
function applicationOwner(bootstrap: any): string {
  for (const method of ['recovery', 'pg_basebackup', 'initdb']) {
    const owner = bootstrap?.[method]?.owner;
    if (isObject(bootstrap?.[method]) && typeof owner === 'string' && owner !== '') return owner;
  }
  return '';
}

/** `setProbes`: the liveness isolation check, from the alpha annotation or the defaults. */
function defaultProbes(spec: any, annotations: any): void {
  if (!isObject(spec.probes)) spec.probes = {};
  if (!isObject(spec.probes.liveness)) spec.probes.liveness = {};
  const liveness = spec.probes.liveness;
  if (isObject(liveness.isolationCheck)) return;
  const annotation = annotations?.[LIVENESS_PINGER_ANNOTATION];
  if (typeof annotation === 'string') {
    const config = livenessPingerConfig(annotation);
    if (typeof config !== 'string') {
      liveness.isolationCheck = config;
      return;
    }
  }
  liveness.isolationCheck = { enabled: true, requestTimeout: 1000, connectionTimeout: 1000 };
}

/** `Cluster.Default()` in place on a Cluster manifest. */
function defaultCluster(obj: any): void {
  const spec = obj.spec;
  const annotations = isObject(obj.metadata?.annotations) ? obj.metadata.annotations : {};
  for (const path of EMPTY_DROPPED) {
    let parent: any = obj;
    for (const key of path.slice(0, -1)) parent = isObject(parent) ? parent[key] : undefined;
    const last = path[path.length - 1];
    if (isObject(parent) && parent[last] === '') delete parent[last];
  }
  if (empty(spec.imageName) && !isObject(spec.imageCatalogRef)) spec.imageName = OPERATOR_DEFAULT_IMAGE;
  if (!isObject(spec.bootstrap)) spec.bootstrap = {};
  const bootstrap = spec.bootstrap;
  if (isObject(bootstrap.recovery)) defaultApplicationDatabase(bootstrap.recovery);
  else if (isObject(bootstrap.pg_basebackup)) defaultApplicationDatabase(bootstrap.pg_basebackup);
  else defaultInitDB(bootstrap);

  if (!isObject(spec.affinity)) spec.affinity = {};
  if (spec.affinity.enablePodAntiAffinity !== false && empty(spec.affinity.podAntiAffinityType)) spec.affinity.podAntiAffinityType = 'preferred';
  if (isObject(spec.backup) && empty(spec.backup.target)) spec.backup.target = 'prefer-standby';

  if (clusterMajor(obj) !== undefined) {
    if (!isObject(spec.postgresql)) spec.postgresql = {};
    const user = isObject(spec.postgresql.parameters) ? spec.postgresql.parameters : {};
    const replica = isReplica(obj);
    spec.postgresql.parameters = operatorParameters({ user, replica, walArchivingDisabled: walArchivingDisabled(obj), preserveFixed: true });
  }
  if (empty(spec.logLevel)) spec.logLevel = 'info';
  if (spec.monitoring?.disableDefaultQueries !== true && !isObject(spec.monitoring)) spec.monitoring = {};

  if (!isObject(spec.replicationSlots)) spec.replicationSlots = {};
  const slots = spec.replicationSlots;
  if (!isObject(slots.highAvailability)) slots.highAvailability = { enabled: true, slotPrefix: '_cnpg_' };
  if (!isObject(slots.synchronizeReplicas)) slots.synchronizeReplicas = { enabled: true };

  if (Array.isArray(spec.tablespaces) && spec.tablespaces.length > 0) {
    const owner = applicationOwner(bootstrap) || 'postgres';
    for (const tablespace of spec.tablespaces) {
      if (!isObject(tablespace)) continue;
      if (!isObject(tablespace.owner)) tablespace.owner = {};
      if (empty(tablespace.owner.name)) tablespace.owner.name = owner;
    }
  }
  const sync = isObject(spec.postgresql) ? spec.postgresql.synchronous : undefined;
  if (isObject(sync) && empty(sync.dataDurability)) sync.dataDurability = 'required';
  defaultProbes(spec, annotations);
  const quorum = annotations[FAILOVER_QUORUM_ANNOTATION];
  if (typeof quorum === 'string' && isObject(sync)) {
    const value = goParseBool(quorum);
    if (value !== undefined) sync.failoverQuorum = value;
  }
}

/**
 * CloudNativePG's mutating webhook defaults, in place on a manifest of the given kind (only Cluster has a
 * defaulting webhook among the kinds the library validates).
 */
export function applyOperatorDefaults(kind: string, obj: any): void {
  if (kind !== 'Cluster' || !isObject(obj) || !isObject(obj.spec)) return;
  defaultCluster(obj);
}

/** A defaulted copy of a Cluster manifest (the input is not modified). */
export function applyClusterDefaults(cluster: any): any {
  const copy = cloneJson(cluster);
  if (isObject(copy) && !isObject(copy.spec)) copy.spec = {};
  applyOperatorDefaults('Cluster', copy);
  return copy;
}

/**
 * What, besides `spec`, the defaults of an object depend on (the annotations they read, and the name when
 * `spec.replica` makes the replica role depend on it): results memoised by content must key on it too.
 */
export function defaultsKey(obj: any): string {
  if (obj?.kind !== 'Cluster') return '';
  const a = isObject(obj.metadata?.annotations) ? obj.metadata.annotations : {};
  const name = isObject(obj.spec?.replica) ? obj.metadata?.name : undefined;
  return JSON.stringify([a[SKIP_WAL_ARCHIVING_ANNOTATION], a[LIVENESS_PINGER_ANNOTATION], a[FAILOVER_QUORUM_ANNOTATION], name]);
}
