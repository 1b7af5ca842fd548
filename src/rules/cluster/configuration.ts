import { annotationsOf, ClusterManifest, clusterMajor, instancesOf, isReplica, isSet, list, parametersOf, specOf, str, violation as v } from './common';
import { goParseBool, parsePostgresConfigBoolean, parsePostgresQuantityValue, re2Compiles } from './go';
import { FIXED_PARAMETERS, isManagedExtensionUsed, operatorParameters, SKIP_WAL_ARCHIVING_ANNOTATION } from './parameters';
import { show, Violation } from '../../common/errors';
import { pathJoin } from '../../common/json';
import { parseQuantity } from '../quantity';

// The Cluster webhook's rules on the PostgreSQL configuration, synchronous replication, replication slots,
// LDAP, the primary lease and update strategy (internal/webhook/v1/cluster_webhook.go, CloudNativePG 1.30.0),
// and the library's hardening of parameter names (beyond the webhook).

/** Lowest PostgreSQL major the webhook accepts. */
export const MIN_CLUSTER_MAJOR = 13;

/** Annotation of the alpha failover quorum (a boolean, as Go's strconv.ParseBool reads it). */
export const FAILOVER_QUORUM_ANNOTATION = 'alpha.cnpg.io/failoverQuorum';

/** `postgresParameterNameRegex`: a GUC name, optionally namespaced with one dot. */
export const PARAMETER_NAME = /^[A-Za-z_][A-Za-z0-9_$]*(\.[A-Za-z_][A-Za-z0-9_$]*)?$/;

/** True when WAL archiving is turned off by `cnpg.io/skipWalArchiving: enabled`. */
export function walArchivingDisabled(cluster: ClusterManifest): boolean {
  return annotationsOf(cluster)[SKIP_WAL_ARCHIVING_ANNOTATION] === 'enabled';
}

/**
 * `validateConfiguration`: legacy and new synchronous settings not both, the major, parameter names, fixed
 * parameters, wal_level, max_wal_senders, shared_buffers, booleans, wal_log_hints, WAL sizes, the sync
 * replica election constraint. Then the library's hardening: fixed parameter names in any case.
 */
export function validateConfiguration(cluster: ClusterManifest): Violation[] {
  const spec = specOf(cluster);
  const out: Violation[] = [];
  const sync = spec.postgresql?.synchronous;
  if (isSet(sync) && ((spec.minSyncReplicas ?? 0) > 0 || (spec.maxSyncReplicas ?? 0) > 0)) {
    out.push(v('spec.postgresql.synchronous', 'both the legacy minSyncReplicas/maxSyncReplicas and postgresql.synchronous are set; use postgresql.synchronous only',
      "Can't have both legacy synchronous replica configuration and new one"));
  }
  const major = clusterMajor(cluster);
  if (major === undefined) return out; // validateImageName reports the tag
  if (major < MIN_CLUSTER_MAJOR) {
    out.push(v('spec.imageName', `PostgreSQL ${major} is not supported; expected ${MIN_CLUSTER_MAJOR} or later`, 'Unsupported PostgreSQL version. Versions 13 or newer are supported'));
  }
  const params = parametersOf(cluster);
  const instances = instancesOf(cluster);
  const replica = isReplica(cluster);
  const sanitized = operatorParameters({ user: params, replica, walArchivingDisabled: walArchivingDisabled(cluster), preserveFixed: false });
  const at = 'spec.postgresql.parameters';
  for (const [name, value] of Object.entries(params)) {
    const path = pathJoin(at, name);
    if (!PARAMETER_NAME.test(name)) {
      out.push(v(path, `${show(name)} is not a parameter name; expected a GUC name (letters, digits, "_", "$", starting with a letter or "_"), optionally namespaced with one dot: the operator writes the name unescaped into postgresql.conf`,
        'must be a valid PostgreSQL configuration parameter name (a GUC name, optionally namespaced with a single dot)'));
      continue;
    }
    if (FIXED_PARAMETERS.has(name) && (!(name in sanitized) || sanitized[name] !== value)) {
      const hint = name === 'shared_preload_libraries' ? '; use the shared_preload_libraries list of the postgresql configuration instead' : '';
      out.push(v(path, `${name} is managed by the operator and cannot be set (got ${show(value)})${hint}`, "Can't set fixed configuration parameter"));
    } else if (!FIXED_PARAMETERS.has(name) && FIXED_PARAMETERS.has(name.toLowerCase())) {
      // PostgreSQL reads parameter names case-insensitively: the operator's check does not (library's own)
      out.push({
        path,
        message: `${name} is ${name.toLowerCase()} in another case, which PostgreSQL reads as the same parameter and the operator manages; remove it (the library refuses this beyond the operator's webhook, which compares names case-sensitively)`,
        source: 'library',
      });
    }
  }
  const walLevel = sanitized.wal_level;
  const walLevelRequired = instances > 1 || sanitized.archive_mode !== 'off' || replica;
  if (!['logical', 'replica', 'minimal'].includes(walLevel)) {
    out.push(v(`${at}.wal_level`, `${show(walLevel)} is not a wal_level; expected logical, replica or minimal`, 'unrecognized `wal_level` value - allowed values: `logical`, `replica`, `minimal`'));
  } else if (walLevelRequired && walLevel === 'minimal') {
    out.push(v(`${at}.wal_level`, `"minimal" needs a single instance, no WAL archiving (annotation ${SKIP_WAL_ARCHIVING_ANNOTATION}: enabled) and no replica cluster; use "replica" or "logical"`,
      "`wal_level` should be set at `logical` or `replica` when `archive_mode` is `on`, '.instances' field is greater than 1, or this is a replica cluster"));
  }
  if (walLevel === 'minimal' && sanitized.max_wal_senders !== '0') {
    out.push(v(`${at}.max_wal_senders`, 'wal_level "minimal" needs max_wal_senders "0"; set it', '`max_wal_senders` should be set at `0` when `wal_level` is `minimal`'));
  }
  const sharedBuffers = str(params.shared_buffers);
  if (sharedBuffers !== '' && parsePostgresQuantityValue(sharedBuffers) === undefined) {
    out.push(v(`${at}.shared_buffers`, `${show(sharedBuffers)} is not a PostgreSQL size; expected a number and B, kB, MB, GB or TB (e.g. "512MB", "1.5GB")`,
      'Invalid value for configuration parameter shared_buffers. More info on accepted values format: https://www.postgresql.org/docs/current/config-setting.html#CONFIG-SETTING-NAMES-VALUES'));
  }
  for (const name of ['hot_standby_feedback', 'sync_replication_slots']) out.push(...booleanParameter(params, name));
  out.push(...booleanParameter(params, 'wal_log_hints'));
  const walLogHints = typeof params.wal_log_hints === 'string' ? parsePostgresConfigBoolean(params.wal_log_hints) : undefined;
  if (walLogHints === false && instances > 1) {
    out.push(v(`${at}.wal_log_hints`, `${show(params.wal_log_hints)} turns wal_log_hints off, which pg_rewind needs to resync a former primary when instances is ${instances}; remove it or set "on"`,
      '`wal_log_hints` must be set to `on` when `instances` > 1'));
  }
  out.push(...walSizeConfiguration(params, walStorageSize(spec.walStorage)));
  const constraint = spec.postgresql?.syncReplicaElectionConstraint;
  if (constraint?.enabled === true && list(constraint.nodeLabelsAntiAffinity).length === 0) {
    out.push(v('spec.postgresql.syncReplicaElectionConstraint.nodeLabelsAntiAffinity', 'the constraint is enabled with no node labels to compare; list them in nodeLabelsAntiAffinity',
      "Can't enable syncReplicaConstraints without passing labels for comparison inside nodeLabelsAntiAffinity"));
  }
  return out;
}

/** `tryParseBooleanPostgresParameter`: a set value must be a PostgreSQL boolean. */
function booleanParameter(params: { [name: string]: unknown }, name: string): Violation[] {
  if (!(name in params) || parsePostgresConfigBoolean(str(params[name])) !== undefined) return [];
  return [v(`spec.postgresql.parameters.${name}`, `${show(params[name])} is not a PostgreSQL boolean; expected on/off, true/false, yes/no, 1/0 (or an unambiguous prefix)`,
    `invalid \`${name}\` value. Must be a postgres boolean`)];
}

/** `StorageConfiguration.GetSizeOrNil()`: the size, else the pvcTemplate's storage request, in bytes. */
export function storageSize(storage: any): number | undefined {
  if (!isSet(storage)) return undefined;
  if (str(storage.size) !== '') return parseQuantity(storage.size);
  const request = storage.pvcTemplate?.resources?.requests?.storage;
  if (isSet(storage.pvcTemplate)) return request === undefined ? 0 : parseQuantity(String(request)) ?? 0;
  return undefined;
}

function walStorageSize(walStorage: any): number | undefined {
  return storageSize(walStorage);
}

/** `validateWalSizeConfiguration`: min_wal_size < max_wal_size < WAL volume. */
function walSizeConfiguration(params: { [name: string]: unknown }, walVolume: number | undefined): Violation[] {
  const at = 'spec.postgresql.parameters';
  const out: Violation[] = [];
  const read = (name: string, fallback: string) => {
    const value = str(params[name]);
    const given = value !== '';
    const text = given ? value : fallback;
    const bytes = parsePostgresQuantityValue(text);
    if (bytes === undefined) out.push(v(`${at}.${name}`, `${show(text)} is not a PostgreSQL size; expected e.g. "80MB" or "1GB"`, `Invalid value for configuration parameter ${name}`));
    return { given, text, bytes: bytes ?? 0 };
  };
  const min = read('min_wal_size', '80MB');
  const max = read('max_wal_size', '1GB');
  if (min.bytes !== 0 && max.bytes !== 0 && min.bytes >= max.bytes) {
    out.push(v(`${at}.min_wal_size`, `min_wal_size ${show(min.text)} is not smaller than max_wal_size ${show(max.text)}`,
      'Invalid vale. Parameter min_wal_size (default 80MB) should be smaller than parameter max_wal_size (default 1GB)'));
  }
  if (walVolume === undefined) return out;
  if (min.given && min.bytes !== 0 && min.bytes >= walVolume) {
    out.push(v(`${at}.min_wal_size`, `${show(min.text)} does not fit the WAL volume`, 'Invalid value. Parameter min_wal_size (default 80MB) should be smaller than WAL volume size'));
  }
  if (max.given && max.bytes !== 0 && max.bytes >= walVolume) {
    out.push(v(`${at}.max_wal_size`, `${show(max.text)} does not fit the WAL volume`, 'Invalid value. Parameter max_wal_size (default 1GB) should be smaller than WAL volume size'));
  }
  return out;
}

/** `validateSynchronousReplicaConfiguration`: number below instances plus standby names. */
export function validateSynchronousReplicaConfiguration(cluster: ClusterManifest): Violation[] {
  const sync = specOf(cluster).postgresql?.synchronous;
  if (!isSet(sync)) return [];
  const total = instancesOf(cluster) + list(sync.standbyNamesPost).length + list(sync.standbyNamesPre).length;
  const number = typeof sync.number === 'number' ? sync.number : 0;
  if (number < total) return [];
  return [v('spec.postgresql.synchronous', `number ${number} is not lower than instances plus standby names (${total}); expected at most ${total - 1}`,
    'Invalid synchronous configuration: the number of synchronous replicas must be less than the total number of instances and the provided standby names.')];
}

const QUORUM_REQUIRES_SYNC = 'Invalid failoverQuorum configuration: synchronous replication configuration is required.';

/** `validateFailoverQuorumAlphaAnnotation`: a boolean, and synchronous replication when true. */
export function validateFailoverQuorumAlphaAnnotation(cluster: ClusterManifest): Violation[] {
  const annotations = annotationsOf(cluster);
  if (!(FAILOVER_QUORUM_ANNOTATION in annotations)) return [];
  const value = str(annotations[FAILOVER_QUORUM_ANNOTATION]);
  const active = goParseBool(value);
  const path = pathJoin('metadata.annotations', FAILOVER_QUORUM_ANNOTATION);
  if (active === undefined) {
    return [v(path, `${show(value)} is not a boolean; expected true or false (also 1/0, t/f)`, 'Invalid failoverQuorum annotation value, expected boolean.')];
  }
  if (active && !isSet(specOf(cluster).postgresql?.synchronous)) {
    return [v('spec.postgresql.synchronous', 'the failover quorum needs synchronous replication; configure postgresql.synchronous', QUORUM_REQUIRES_SYNC)];
  }
  return [];
}

/** `validateFailoverQuorum`: with the quorum on, more synchronous replicas than external standby names. */
export function validateFailoverQuorum(cluster: ClusterManifest): Violation[] {
  const sync = specOf(cluster).postgresql?.synchronous;
  if (!isSet(sync) || sync.failoverQuorum !== true) return [];
  const external = list(sync.standbyNamesPost).length + list(sync.standbyNamesPre).length;
  const number = typeof sync.number === 'number' ? sync.number : 0;
  if (number > external) return [];
  return [v('spec.postgresql.synchronous', `number ${number} is not greater than the ${external} standby names outside the cluster; automatic failover could never reach a quorum`,
    'Invalid failoverQuorum configuration: spec.postgresql.synchronous.number must be greater than the total number of instances in spec.postgresql.synchronous.standbyNamesPre and spec.postgresql.synchronous.standbyNamesPost to allow automatic failover.')];
}

/** `validateMaxSyncReplicas`. */
export function validateMaxSyncReplicas(cluster: ClusterManifest): Violation[] {
  const max = specOf(cluster).maxSyncReplicas ?? 0;
  const instances = instancesOf(cluster);
  const out: Violation[] = [];
  if (max < 0) out.push(v('spec.maxSyncReplicas', `${max} is negative`, 'maxSyncReplicas must be a non negative integer'));
  if (max >= instances) {
    out.push(v('spec.maxSyncReplicas', `maxSyncReplicas ${max} is not lower than instances ${instances}; expected at most ${instances - 1}`, 'maxSyncReplicas must be lower than the number of instances'));
  }
  return out;
}

/** `validateMinSyncReplicas`. */
export function validateMinSyncReplicas(cluster: ClusterManifest): Violation[] {
  const spec = specOf(cluster);
  const min = spec.minSyncReplicas ?? 0;
  const max = spec.maxSyncReplicas ?? 0;
  const out: Violation[] = [];
  if (min < 0) out.push(v('spec.minSyncReplicas', `${min} is negative`, 'minSyncReplicas must be a non negative integer'));
  if (min > max) out.push(v('spec.minSyncReplicas', `minSyncReplicas ${min} is greater than maxSyncReplicas ${max}`, 'minSyncReplicas cannot be greater than maxSyncReplicas'));
  return out;
}

/** `ReplicationSlotsHAConfiguration.GetEnabled()` / `SynchronizeReplicasConfiguration.GetEnabled()`: true unless false. */
function enabled(section: any): boolean {
  return !(isSet(section) && section.enabled === false);
}

/** `validateReplicationSlots`: the excludePatterns compile (Go regular expressions). */
export function validateReplicationSlots(cluster: ClusterManifest): Violation[] {
  const slots = specOf(cluster).replicationSlots;
  if (!isSet(slots)) return []; // the operator's default enables both, with no pattern
  if (!enabled(slots.synchronizeReplicas) && !enabled(slots.highAvailability)) return [];
  const bad = list(slots.synchronizeReplicas?.excludePatterns).filter((p) => typeof p !== 'string' || !re2Compiles(p));
  if (bad.length === 0) return [];
  return [v('spec.replicationSlots.synchronizeReplicas.excludePatterns', `${bad.map((p) => show(p)).join(', ')} ${bad.length === 1 ? 'is not a' : 'are not'} Go regular expression${bad.length === 1 ? '' : 's'} (RE2 syntax)`,
    'Cannot configure synchronizeReplicas. Invalid regexes were found')];
}

/** `validateSynchronizeLogicalDecoding`: pg_failover_slots before PostgreSQL 17, else the two parameters. */
export function validateSynchronizeLogicalDecoding(cluster: ClusterManifest): Violation[] {
  const ha = specOf(cluster).replicationSlots?.highAvailability;
  if (!isSet(ha) || ha.synchronizeLogicalDecoding !== true) return [];
  const params = parametersOf(cluster);
  if (isManagedExtensionUsed('pg_failover_slots', params)) return [];
  const major = clusterMajor(cluster);
  if (major === undefined) return [];
  if (major < 17) {
    return [v('spec.replicationSlots.highAvailability.synchronizeLogicalDecoding', `PostgreSQL ${major} cannot synchronize logical decoding slots by itself; configure the pg_failover_slots extension (a pg_failover_slots.* parameter) or use PostgreSQL 17 or later`,
      'pg_failover_slots extension must be enabled to use synchronizeLogicalDecoding with Postgres versions < 17')];
  }
  const out: Violation[] = [];
  if (parsePostgresConfigBoolean(str(params.hot_standby_feedback)) !== true) {
    out.push(v('spec.postgresql.parameters.hot_standby_feedback', 'synchronizeLogicalDecoding needs hot_standby_feedback "on"',
      '`hot_standby_feedback` must be enabled to enable `spec.replicationSlots.highAvailability.synchronizeLogicalDecoding`'));
  }
  if (parsePostgresConfigBoolean(str(params.sync_replication_slots)) !== true) {
    out.push(v('spec.postgresql.parameters.sync_replication_slots', 'synchronizeLogicalDecoding needs sync_replication_slots "on" (or the pg_failover_slots extension)',
      'either `sync_replication_slots` setting or pg_failover_slots extension must be enabled to enable `spec.replicationSlots.highAvailability.synchronizeLogicalDecoding`'));
  }
  return out;
}

/** `validatePgFailoverSlots` (`validateManagedExtensions`): hot_standby_feedback and HA slots. */
export function validatePgFailoverSlots(cluster: ClusterManifest): Violation[] {
  const params = parametersOf(cluster);
  if (!isManagedExtensionUsed('pg_failover_slots', params)) return [];
  const out: Violation[] = [];
  if (parsePostgresConfigBoolean(str(params.hot_standby_feedback)) !== true) {
    // The operator's message names the extension through an empty struct: its name is blank
    out.push(v('spec.postgresql.parameters.hot_standby_feedback', 'pg_failover_slots needs hot_standby_feedback "on"', '`hot_standby_feedback` must be enabled to use  extension'));
  }
  const slots = specOf(cluster).replicationSlots;
  if (!isSet(slots)) {
    out.push(v('spec.replicationSlots', 'pg_failover_slots needs replication slots; configure replicationSlots.highAvailability', 'replicationSlots must be enabled'));
  } else if (!isSet(slots.highAvailability) || !enabled(slots.highAvailability)) {
    out.push(v('spec.replicationSlots.highAvailability', 'pg_failover_slots needs high-availability replication slots; enable replicationSlots.highAvailability',
      'High Availability replication slots must be enabled'));
  }
  return out;
}

/** `validateLDAP`: a server, and bind or bind+search, not both. */
export function validateLDAP(cluster: ClusterManifest): Violation[] {
  const ldap = specOf(cluster).postgresql?.ldap;
  if (!isSet(ldap)) return [];
  const out: Violation[] = [];
  if (str(ldap.server) === '') {
    out.push(v('spec.postgresql.ldap', 'no server is set; LDAP authentication needs one', 'ldap server cannot be empty if any other ldap parameters are specified'));
  }
  if (isSet(ldap.bindSearchAuth) && isSet(ldap.bindAsAuth)) {
    out.push(v('spec.postgresql.ldap', 'bindAsAuth and bindSearchAuth are both set; choose one method', 'only bind+search or bind method can be specified'));
  }
  return out;
}

/** `validatePrimaryLease`: lease > renew deadline > 1.2 x retry period (with the operator's defaults). */
export function validatePrimaryLease(cluster: ClusterManifest): Violation[] {
  const lease = specOf(cluster).primaryLease;
  if (!isSet(lease)) return [];
  const duration = typeof lease.leaseDurationSeconds === 'number' ? lease.leaseDurationSeconds : 15;
  const renew = typeof lease.renewDeadlineSeconds === 'number' ? lease.renewDeadlineSeconds : 10;
  const retry = typeof lease.retryPeriodSeconds === 'number' ? lease.retryPeriodSeconds : 2;
  const out: Violation[] = [];
  if (duration <= renew) {
    out.push(v('spec.primaryLease.leaseDurationSeconds', `leaseDurationSeconds ${duration} is not greater than renewDeadlineSeconds ${renew}`, 'leaseDurationSeconds must be greater than renewDeadlineSeconds'));
  }
  if (5 * renew <= 6 * retry) {
    out.push(v('spec.primaryLease.renewDeadlineSeconds', `renewDeadlineSeconds ${renew} is not greater than retryPeriodSeconds ${retry} x 1.2`, 'renewDeadlineSeconds must be greater than retryPeriodSeconds multiplied by 1.2'));
  }
  return out;
}

/** `validatePrimaryUpdateStrategy`: a known value, and not supervised with a single instance. */
export function validatePrimaryUpdateStrategy(cluster: ClusterManifest): Violation[] {
  const strategy = str(specOf(cluster).primaryUpdateStrategy);
  if (strategy === '') return [];
  if (strategy !== 'supervised' && strategy !== 'unsupervised') {
    return [v('spec.primaryUpdateStrategy', `${show(strategy)} is not accepted; expected supervised or unsupervised`, "primaryUpdateStrategy should be empty, 'supervised' or 'unsupervised'")];
  }
  if (strategy === 'supervised' && instancesOf(cluster) === 1) {
    return [v('spec.primaryUpdateStrategy', 'supervised needs a replica to switch over to, but instances is 1; use unsupervised or add instances',
      'supervised update strategy is not allowed for clusters with a single instance')];
  }
  return [];
}
