import { databaseWebhookViolations } from './database';
import { parsePostgresBoolean, parsePostgresMemory, parseQuantity } from './quantity';
import { extensionViolations, ExtensionInput, isOperatorEnv, PULL_POLICIES, RESERVED_ENV_MESSAGE } from './rules';
import { isCnpgApiVersion } from '../common/constants';
import { show, Violation } from '../common/errors';
import { ImageReference } from '../common/image-reference';

// CloudNativePG 1.30's validating admission webhook for Cluster (internal/webhook/v1/cluster_webhook.go),
// written as rules over a manifest in wire format (after defaulting). One source of truth: the Cluster
// construct checks its props with these functions at construction, and validateManifest() checks any
// YAML with webhookViolations(). Messages quote the webhook verbatim in `upstream`.

const W = 'webhook' as const;

function v(path: string, message: string, upstream: string): Violation {
  return { path, message, source: W, upstream };
}

// ---------------------------------------------------------------------------------------------
// metadata.name

const DNS_1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
/** Longest Cluster name the webhook accepts. */
export const CLUSTER_NAME_MAX_LENGTH = 50;

/** DNS-1035 label of at most 50 characters. */
export function clusterNameViolations(name: string, path = 'metadata.name'): Violation[] {
  const out: Violation[] = [];
  if (name.length > 63 || !DNS_1035_LABEL.test(name)) {
    out.push(v(path, `${show(name)} is not a DNS-1035 label; expected lowercase letters, digits and "-", starting with a letter`, 'cluster name must be a valid DNS label'));
  }
  if (name.length > CLUSTER_NAME_MAX_LENGTH) {
    out.push(v(path, `${show(name)} is ${name.length} characters; at most ${CLUSTER_NAME_MAX_LENGTH} are accepted`, 'the maximum length of a cluster name is 50 characters'));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Image name and PostgreSQL major

/** The major of an image name, as the operator reads it from the tag; undefined when it cannot. */
export function majorFromImageName(imageName: string | ImageReference): number | undefined {
  return (typeof imageName === 'string' ? ImageReference.parse(imageName) : imageName).major;
}

/**
 * `spec.imageName` rules (validateImageName): no `latest`, not digest-only, a tag that starts with a
 * version, all as the operator splits the name (machinery's reference.New, lenient: an upper-case
 * repository passes; the OCI grammar is the library's own check).
 */
export function imageNameViolations(imageName: string | ImageReference, path = 'spec.imageName'): Violation[] {
  const ref = typeof imageName === 'string' ? ImageReference.parse(imageName) : imageName;
  const tag = ref.operatorTag;
  if (tag === undefined) {
    return [v(path, `${show(ref.text)} has a digest but no tag; the operator reads the PostgreSQL version from the tag (e.g. ":18.6-minimal-trixie@sha256:...")`, "Can't use just the image sha as we can't detect upgrades")];
  }
  if (tag === 'latest') {
    return [v(path, `${show(ref.text)} uses the "latest" tag; expected a version tag such as ":18.6-minimal-trixie"`, "Can't use 'latest' as image tag as we can't detect upgrades")];
  }
  if (ref.version === undefined) {
    return [v(path, `tag ${show(tag)} of ${show(ref.text)} does not start with a PostgreSQL version; expected e.g. "18.6-minimal-trixie"`, 'invalid version tag')];
  }
  return [];
}

/** Lowest PostgreSQL major the webhook accepts. */
export const MIN_CLUSTER_MAJOR = 13;

/** Major below 13 (reported on spec.imageName, as the webhook does, even for a catalog ref). */
export function majorViolations(major: number | undefined, path = 'spec.imageName'): Violation[] {
  if (major !== undefined && major < MIN_CLUSTER_MAJOR) {
    return [v(path, `PostgreSQL ${major} is not supported; expected ${MIN_CLUSTER_MAJOR} or later`, 'Unsupported PostgreSQL version. Versions 13 or newer are supported')];
  }
  return [];
}

/** The Cluster's major: `imageCatalogRef.major` wins, else the imageName tag. */
export function clusterMajor(spec: any, image?: ImageReference): number | undefined {
  if (spec?.imageCatalogRef?.major !== undefined) return Number(spec.imageCatalogRef.major);
  if (image !== undefined) return image.major;
  if (typeof spec?.imageName === 'string' && spec.imageName !== '') return majorFromImageName(spec.imageName);
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// postgresql.parameters

/** Parameters the operator manages; setting them is refused (unless equal to the operator's own value). */
export const FIXED_PARAMETERS: ReadonlySet<string> = new Set([
  'allow_system_table_mods', 'archive_mode', 'bonjour', 'bonjour_name', 'cluster_name', 'config_file', 'data_directory',
  'data_sync_retry', 'event_source', 'external_pid_file', 'hba_file', 'hot_standby', 'ident_file', 'jit_provider',
  'listen_addresses', 'logging_collector', 'port', 'primary_conninfo', 'primary_slot_name', 'recovery_target',
  'recovery_target_action', 'recovery_target_inclusive', 'recovery_target_lsn', 'recovery_target_name',
  'recovery_target_time', 'recovery_target_timeline', 'recovery_target_xid', 'restore_command',
  'shared_preload_libraries', 'temp_tablespaces', 'unix_socket_directories', 'unix_socket_group',
  'unix_socket_permissions', 'archive_cleanup_command', 'archive_command', 'log_destination', 'log_directory',
  'log_file_mode', 'log_filename', 'log_rotation_age', 'log_rotation_size', 'log_truncate_on_rotation',
  'pg_failover_slots.primary_dsn', 'pg_failover_slots.standby_slot_names', 'promote_trigger_file',
  'recovery_end_command', 'recovery_min_apply_delay', 'restart_after_crash', 'ssl', 'ssl_ca_file', 'ssl_cert_file',
  'ssl_crl_file', 'ssl_dh_params_file', 'ssl_ecdh_curve', 'ssl_key_file', 'ssl_passphrase_command',
  'ssl_passphrase_command_supports_reload', 'ssl_prefer_server_ciphers', 'stats_temp_directory',
  'synchronous_standby_names', 'synchronized_standby_slots', 'syslog_facility', 'syslog_ident',
  'syslog_sequence_numbers', 'syslog_split_messages',
]);

/** Values of fixed parameters that equal what the operator writes anyway (the webhook accepts those). */
const OPERATOR_VALUES: { [name: string]: string } = {
  archive_mode: 'on',
  logging_collector: 'on',
  log_destination: 'csvlog',
  log_directory: '/controller/log',
  log_filename: 'postgres',
  log_rotation_age: '0',
  log_rotation_size: '0',
  log_truncate_on_rotation: 'false',
  shared_preload_libraries: '',
};

const WAL_LEVELS = ['logical', 'replica', 'minimal'];

/** Context the parameter rules need besides the parameters. */
export interface ParameterContext {
  readonly instances: number;
  readonly replicaCluster?: boolean;
  /** `walStorage.size`, when a WAL volume is configured. */
  readonly walStorageSize?: string;
}

/** `spec.postgresql.parameters` rules. */
export function parameterViolations(params: { [name: string]: unknown }, ctx: ParameterContext, at = 'spec.postgresql.parameters'): Violation[] {
  const out: Violation[] = [];
  const archiveMode = ctx.replicaCluster ? 'always' : OPERATOR_VALUES.archive_mode;
  for (const [name, value] of Object.entries(params)) {
    const path = `${at}.${name}`;
    if (typeof value !== 'string') {
      out.push({ path, message: `${show(value)} is a ${typeof value}; PostgreSQL parameter values must be strings (quote them: e.g. "on", "100")`, source: 'CRD schema' });
      continue;
    }
    if (FIXED_PARAMETERS.has(name)) {
      const operatorValue = name === 'archive_mode' ? archiveMode : OPERATOR_VALUES[name];
      if (operatorValue === undefined || operatorValue !== value) {
        const hint = name === 'shared_preload_libraries' ? '; use the shared_preload_libraries list of the postgresql configuration instead' : '';
        out.push(v(path, `${name} is managed by the operator and cannot be set (got ${show(value)})${hint}`, "Can't set fixed configuration parameter"));
      }
    }
  }
  const str = (name: string) => (typeof params[name] === 'string' ? (params[name] as string) : undefined);

  const walLevel = str('wal_level') ?? 'logical';
  if (!WAL_LEVELS.includes(walLevel)) {
    out.push(v(`${at}.wal_level`, `${show(walLevel)} is not a wal_level; expected logical, replica or minimal`, 'unrecognized `wal_level` value - allowed values: `logical`, `replica`, `minimal`'));
  } else if (walLevel === 'minimal') {
    // WAL archiving is always on for a Cluster (archive_mode is fixed), so the requirement always holds.
    out.push(v(`${at}.wal_level`, '"minimal" cannot be used: WAL archiving and replicas need "replica" or "logical"',
      "`wal_level` should be set at `logical` or `replica` when `archive_mode` is `on`, '.instances' field is greater than 1, or this is a replica cluster"));
  }

  for (const name of ['hot_standby_feedback', 'sync_replication_slots', 'wal_log_hints']) {
    const value = str(name);
    if (value !== undefined && parsePostgresBoolean(value) === undefined) {
      out.push(v(`${at}.${name}`, `${show(value)} is not a PostgreSQL boolean; expected on/off, true/false, yes/no or 1/0`, `invalid \`${name}\` value. Must be a postgres boolean`));
    }
  }
  const walLogHints = str('wal_log_hints');
  if (walLogHints !== undefined && parsePostgresBoolean(walLogHints) === false && ctx.instances > 1) {
    out.push(v(`${at}.wal_log_hints`, `${show(walLogHints)} turns wal_log_hints off, which pg_rewind needs to resync a former primary when instances is ${ctx.instances}; remove it or set "on"`,
      '`wal_log_hints` must be set to `on` when `instances` > 1'));
  }

  const sharedBuffers = str('shared_buffers');
  if (sharedBuffers !== undefined && sharedBuffers !== '' && parsePostgresMemory(sharedBuffers) === undefined) {
    out.push(v(`${at}.shared_buffers`, `${show(sharedBuffers)} is not a PostgreSQL memory value; expected e.g. "512MB" or "2GB"`,
      'Invalid value for configuration parameter shared_buffers. More info on accepted values format: https://www.postgresql.org/docs/current/config-setting.html#CONFIG-SETTING-NAMES-VALUES'));
  }

  const minWal = str('min_wal_size') || undefined;
  const maxWal = str('max_wal_size') || undefined;
  const minBytes = parsePostgresMemory(minWal ?? '80MB');
  const maxBytes = parsePostgresMemory(maxWal ?? '1GB');
  if (minWal !== undefined && minBytes === undefined) {
    out.push(v(`${at}.min_wal_size`, `${show(minWal)} is not a PostgreSQL size`, 'Invalid value for configuration parameter min_wal_size'));
  }
  if (maxWal !== undefined && maxBytes === undefined) {
    out.push(v(`${at}.max_wal_size`, `${show(maxWal)} is not a PostgreSQL size`, 'Invalid value for configuration parameter max_wal_size'));
  }
  if (minBytes !== undefined && maxBytes !== undefined && minBytes > 0 && maxBytes > 0 && minBytes >= maxBytes) {
    out.push(v(`${at}.min_wal_size`, `min_wal_size ${show(minWal ?? '80MB')} is not smaller than max_wal_size ${show(maxWal ?? '1GB')}`,
      'Invalid vale. Parameter min_wal_size (default 80MB) should be smaller than parameter max_wal_size (default 1GB)'));
  }
  const walVolume = ctx.walStorageSize !== undefined ? parseQuantity(ctx.walStorageSize) : undefined;
  if (walVolume !== undefined) {
    if (minWal !== undefined && minBytes !== undefined && minBytes >= walVolume) {
      out.push(v(`${at}.min_wal_size`, `${show(minWal)} does not fit the WAL volume of ${ctx.walStorageSize}`, 'Invalid value. Parameter min_wal_size (default 80MB) should be smaller than WAL volume size'));
    }
    if (maxWal !== undefined && maxBytes !== undefined && maxBytes >= walVolume) {
      out.push(v(`${at}.max_wal_size`, `${show(maxWal)} does not fit the WAL volume of ${ctx.walStorageSize}`, 'Invalid value. Parameter max_wal_size (default 1GB) should be smaller than WAL volume size'));
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Replication

/** Legacy min/maxSyncReplicas and the synchronous stanza. */
export function syncReplicaViolations(spec: any): Violation[] {
  const out: Violation[] = [];
  const instances = Number(spec?.instances ?? 1);
  const min = Number(spec?.minSyncReplicas ?? 0);
  const max = Number(spec?.maxSyncReplicas ?? 0);
  if (max < 0) out.push(v('spec.maxSyncReplicas', `${max} is negative`, 'maxSyncReplicas must be a non negative integer'));
  if (max >= instances && max > 0) {
    out.push(v('spec.maxSyncReplicas', `maxSyncReplicas ${max} is not lower than instances ${instances}; expected at most ${instances - 1}`, 'maxSyncReplicas must be lower than the number of instances'));
  }
  if (min < 0) out.push(v('spec.minSyncReplicas', `${min} is negative`, 'minSyncReplicas must be a non negative integer'));
  if (min > max) {
    out.push(v('spec.minSyncReplicas', `minSyncReplicas ${min} is greater than maxSyncReplicas ${max}`, 'minSyncReplicas cannot be greater than maxSyncReplicas'));
  }
  const sync = spec?.postgresql?.synchronous;
  if (sync) {
    if (min > 0 || max > 0) {
      out.push(v('spec.postgresql.synchronous', 'both the legacy minSyncReplicas/maxSyncReplicas and postgresql.synchronous are set; use postgresql.synchronous only',
        "Can't have both legacy synchronous replica configuration and new one"));
    }
    const pre = (sync.standbyNamesPre ?? []).length;
    const post = (sync.standbyNamesPost ?? []).length;
    const number = Number(sync.number ?? 0);
    if (number >= instances + pre + post) {
      out.push(v('spec.postgresql.synchronous', `number ${number} is not lower than instances (${instances}) plus standby names (${pre + post}); expected at most ${instances + pre + post - 1}`,
        'Invalid synchronous configuration: the number of synchronous replicas must be less than the total number of instances and the provided standby names.'));
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Storage

/** `storage` / `walStorage`: a size that is set (or a pvcTemplate request) and parses. */
export function storageViolations(path: string, storage: any): Violation[] {
  const size = storage?.size;
  if (size !== undefined && size !== '') {
    if (typeof size !== 'string' || parseQuantity(size) === undefined) {
      return [v(`${path}.size`, `${show(size)} is not a quantity; expected e.g. "10Gi"`, "Size value isn't valid")];
    }
    return [];
  }
  const request = storage?.pvcTemplate?.resources?.requests?.storage;
  if (request === undefined || parseQuantity(String(request)) === 0) {
    return [v(`${path}.size`, 'no size; expected e.g. Size.gibibytes(10)', 'Size not configured. Please add it, or a storage request in the pvcTemplate.')];
  }
  return [];
}

// ---------------------------------------------------------------------------------------------
// Bootstrap and external clusters

const BOOTSTRAP_METHODS = ['initdb', 'recovery', 'pg_basebackup'];

function externalCluster(spec: any, name: string): any {
  return (spec?.externalClusters ?? []).find((c: any) => c?.name === name);
}

/** Bootstrap methods, application database, initdb options, sources and recovery targets. */
export function bootstrapViolations(spec: any): Violation[] {
  const out: Violation[] = [];
  const bootstrap = spec?.bootstrap;
  if (!bootstrap) return out;
  const methods = BOOTSTRAP_METHODS.filter((m) => bootstrap[m] !== undefined && bootstrap[m] !== null);
  if (methods.length > 1) {
    out.push(v('spec.bootstrap', `${methods.join(' and ')} are both set; choose one bootstrap method`, 'Only one bootstrap method can be specified at a time'));
  }
  for (const method of methods) {
    const { database, owner } = bootstrap[method] ?? {};
    if (database && !owner) out.push(v(`spec.bootstrap.${method}.owner`, `database ${show(database)} has no owner`, 'You need to specify the database owner user'));
    if (!database && owner) out.push(v(`spec.bootstrap.${method}.database`, `owner ${show(owner)} has no database`, 'You need to specify the database name'));
  }
  const initdb = bootstrap.initdb;
  if (initdb?.walSegmentSize !== undefined && initdb.walSegmentSize !== 0) {
    const size = Number(initdb.walSegmentSize);
    if (!Number.isInteger(size) || size <= 0 || !Number.isInteger(Math.log2(size))) {
      out.push(v('spec.bootstrap.initdb.walSegmentSize', `${show(initdb.walSegmentSize)} MB is not a power of 2; expected 1, 2, 4, ... 1024`, 'WAL segment size must be a power of 2'));
    }
  }
  const pgBaseBackup = bootstrap.pg_basebackup;
  if (pgBaseBackup && !externalCluster(spec, pgBaseBackup.source)) {
    out.push(v('spec.bootstrap.pg_basebackup.source', `${show(pgBaseBackup.source)} names no entry of externalClusters`, `External cluster ${pgBaseBackup.source} not found`));
  }
  const recovery = bootstrap.recovery;
  if (recovery?.source) {
    const source = externalCluster(spec, recovery.source);
    if (!source) {
      out.push(v('spec.bootstrap.recovery.source', `${show(recovery.source)} names no entry of externalClusters; add one with that name`, `External cluster ${recovery.source} not found`));
    } else if (!source.barmanObjectStore && !source.plugin) {
      out.push(v('spec.bootstrap.recovery.source', `external cluster ${show(recovery.source)} has neither a plugin nor barmanObjectStore to recover from`,
        `External cluster ${recovery.source} cannot be used for recovery: both Barman and CNPG-i plugin configurations are missing`));
    }
  }
  const target = recovery?.recoveryTarget;
  if (target) {
    const set = ['targetImmediate', 'targetLSN', 'targetName', 'targetXID', 'targetTime'].filter((k) => target[k] !== undefined && target[k] !== '');
    if (set.length > 1) {
      out.push(v('spec.bootstrap.recovery.recoveryTarget', `${set.join(', ')} are set together; choose one recovery target`, 'Recovery target options are mutually exclusive'));
    }
    const labelBased = ['targetName', 'targetXID', 'targetImmediate'].some((k) => target[k] !== undefined && target[k] !== '');
    if (labelBased && !recovery.volumeSnapshots && !target.backupID) {
      out.push(v('spec.bootstrap.recovery.recoveryTarget', 'a name, XID or immediate target needs the backupID to restore from', 'BackupID is missing'));
    }
    if (target.targetTLI !== undefined && target.targetTLI !== '' && target.targetTLI !== 'latest' && !/^[1-9]\d*$/.test(String(target.targetTLI))) {
      out.push(v('spec.bootstrap.recovery.recoveryTarget.targetTLI', `${show(target.targetTLI)} is not a timeline`, "recovery target timeline can be set to 'latest' or a positive integer"));
    }
  }
  return out;
}

/** External cluster names unique, each with a way to connect. */
export function externalClusterViolations(spec: any): Violation[] {
  const out: Violation[] = [];
  const list: any[] = spec?.externalClusters ?? [];
  const names = new Set<string>();
  list.forEach((c, i) => {
    if (!c?.connectionParameters && !c?.barmanObjectStore && !c?.plugin) {
      out.push(v(`spec.externalClusters[${i}]`, `external cluster ${show(c?.name)} has no connectionParameters, plugin or barmanObjectStore`, 'one of connectionParameters, plugin and barmanObjectStore is required'));
    }
    names.add(c?.name);
  });
  if (names.size !== list.length) {
    out.push(v('spec.externalClusters', 'two external clusters share a name', 'the list of external clusters contains duplicate values'));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Update strategy, resources, roles, plugins, affinity, services, env

/** primaryUpdateStrategy: a known value, and not supervised with a single instance. */
export function primaryUpdateViolations(strategy: unknown, instances: number): Violation[] {
  if (strategy === undefined || strategy === '') return [];
  if (strategy !== 'supervised' && strategy !== 'unsupervised') {
    return [v('spec.primaryUpdateStrategy', `${show(strategy)} is not accepted; expected supervised or unsupervised`, "primaryUpdateStrategy should be empty, 'supervised' or 'unsupervised'")];
  }
  if (strategy === 'supervised' && instances === 1) {
    return [v('spec.primaryUpdateStrategy', 'supervised needs a replica to switch over to, but instances is 1; use unsupervised or add instances',
      'supervised update strategy is not allowed for clusters with a single instance')];
  }
  return [];
}

/** Requests above limits, HugePages without cpu/memory, shared_buffers above the memory request. */
export function resourceViolations(resources: any, params: { [k: string]: unknown } = {}): Violation[] {
  const out: Violation[] = [];
  const req = resources?.requests ?? {};
  const lim = resources?.limits ?? {};
  const q = (x: unknown) => (x === undefined ? 0 : parseQuantity(String(x)) ?? 0);
  const pairs: Array<[string, string, string]> = [
    ['cpu', 'CPU', 'CPU request is greater than the limit'],
    ['memory', 'memory', 'Memory request is greater than the limit'],
    ['ephemeral-storage', 'ephemeral storage', 'Ephemeral storage request is greater than the limit'],
  ];
  for (const [key, label, upstream] of pairs) {
    const r = q(req[key]);
    const l = q(lim[key]);
    if (r > 0 && l > 0 && r > l) {
      out.push(v(`spec.resources.requests.${key === 'ephemeral-storage' ? 'storage' : key}`, `${label} request ${show(String(req[key]))} is greater than the limit ${show(String(lim[key]))}`, upstream));
    }
  }
  const hugePages = [...Object.keys(lim), ...Object.keys(req)].filter((k) => k.startsWith('hugepages-'));
  if (hugePages.length > 0 && !q(req.cpu) && !q(lim.cpu) && !q(req.memory) && !q(lim.memory)) {
    out.push(v('spec.resources', 'HugePages are requested without cpu or memory', 'HugePages require cpu or memory'));
  }
  const sharedBuffers = typeof params.shared_buffers === 'string' ? parsePostgresMemory(params.shared_buffers) : undefined;
  const memoryRequest = q(req.memory);
  if (sharedBuffers !== undefined && memoryRequest > 0 && sharedBuffers > memoryRequest) {
    const fitsHugePages = hugePages.some((k) => sharedBuffers <= q(lim[k] ?? req[k]));
    if (!fitsHugePages) {
      out.push(v('spec.resources.requests', `memory request ${show(String(req.memory))} is lower than shared_buffers ${show(params.shared_buffers)}`, 'Memory request is lower than PostgreSQL `shared_buffers` value'));
    }
  }
  return out;
}

/** Roles the operator reserves. */
export const RESERVED_ROLES = ['postgres', 'streaming_replica'];

/** managed.roles: unique, not reserved, not both setting and disabling a password. */
export function managedRoleViolations(roles: any[] | undefined): Violation[] {
  const out: Violation[] = [];
  const seen = new Set<string>();
  (roles ?? []).forEach((role, i) => {
    const path = `spec.managed.roles[${i}]`;
    if (seen.has(role?.name)) out.push(v(`${path}.name`, `role ${show(role.name)} is declared twice`, 'Role name is duplicate of another'));
    seen.add(role?.name);
    if (role?.connectionLimit !== undefined && role.connectionLimit !== -1 && role.connectionLimit < 0) {
      out.push(v(`${path}.connectionLimit`, `${role.connectionLimit} is negative; expected -1 (no limit) or a positive number`, 'Connection limit should be positive, unless defaulting to -1'));
    }
    if (RESERVED_ROLES.includes(role?.name)) {
      out.push(v(`${path}.name`, `${show(role.name)} is reserved for the operator`, 'This role is reserved for operator use'));
    }
    if (role?.disablePassword && role?.passwordSecret) {
      out.push(v(path, `role ${show(role.name)} has a passwordSecret and disablePassword`, 'This role both sets and disables a password'));
    }
  });
  return out;
}

/** At most one enabled WAL archiver plugin, and none with in-tree barmanObjectStore. */
export function pluginViolations(spec: any): Violation[] {
  const archivers = (spec?.plugins ?? [])
    .filter((p: any) => p?.enabled !== false && p?.isWALArchiver === true)
    .map((p: any) => p.name);
  const out: Violation[] = [];
  if (archivers.length > 0 && spec?.backup?.barmanObjectStore) {
    out.push(v('spec.plugins', `WAL archiver plugin ${archivers.join(', ')} and backup.barmanObjectStore are both configured`, 'Cannot enable a WAL archiver plugin when barmanObjectStore is configured'));
  }
  if (archivers.length > 1) {
    out.push(v('spec.plugins', `${archivers.join(', ')} are all WAL archivers; enable one`, 'Cannot enable more than one WAL archiver plugin'));
  }
  return out;
}

/** podAntiAffinityType. */
export function affinityViolations(affinity: any): Violation[] {
  const type = affinity?.podAntiAffinityType;
  if (type !== undefined && type !== '' && type !== 'preferred' && type !== 'required') {
    return [v('spec.affinity.podAntiAffinityType', `${show(type)} is not accepted; expected preferred or required`, "pod anti-affinity type must be 'preferred' (default if empty) or 'required'")];
  }
  return [];
}

/** imagePullPolicy. */
export function imagePullPolicyViolations(policy: unknown): Violation[] {
  if (policy === undefined || policy === '' || PULL_POLICIES.includes(policy as string)) return [];
  return [v('spec.imagePullPolicy', `${show(policy)} is not a pull policy`, "invalid imagePullPolicy, if defined must be one of 'Always', 'Never' or 'IfNotPresent'")];
}

/** managed.services: RW cannot be disabled; additional names not reserved or repeated. */
export function managedServiceViolations(clusterName: string, services: any): Violation[] {
  const out: Violation[] = [];
  if (!services) return out;
  if ((services.disabledDefaultServices ?? []).includes('rw')) {
    out.push(v('spec.managed.services.disabledDefaultServices', 'the rw service cannot be disabled', 'service of type RW cannot be disabled.'));
  }
  const reserved = ['rw', 'ro', 'r', 'any'].map((s) => `${clusterName}-${s}`);
  const names: string[] = [];
  (services.additional ?? []).forEach((svc: any, i: number) => {
    const name = svc?.serviceTemplate?.metadata?.name ?? '';
    names.push(name);
    if (reserved.includes(name)) {
      out.push(v(`spec.managed.services.additional[${i}]`, `${show(name)} is a name the operator uses`, `the service name: '${name}' is reserved for operator use`));
    }
    if (name === '') out.push(v(`spec.managed.services.additional[${i}]`, 'the service template has no name', 'name is required'));
  });
  if (new Set(names).size !== names.length) {
    out.push(v('spec.managed.services.additional', 'two additional services share a name', 'contains services with the same .metadata.name'));
  }
  return out;
}

/** spec.env names the operator reserves. */
export function envViolations(env: any[] | undefined): Violation[] {
  const out: Violation[] = [];
  (env ?? []).forEach((e, i) => {
    if (isOperatorEnv(String(e?.name ?? ''))) {
      out.push(v(`spec.env[${i}].name`, `${show(e.name)} is reserved by the operator`, RESERVED_ENV_MESSAGE));
    }
  });
  return out;
}

/** primaryLease ordering (1.30), with the CRD defaults for fields left out. */
export function primaryLeaseViolations(lease: any): Violation[] {
  if (!lease) return [];
  const duration = Number(lease.leaseDurationSeconds ?? 15);
  const renew = Number(lease.renewDeadlineSeconds ?? 10);
  const retry = Number(lease.retryPeriodSeconds ?? 2);
  const out: Violation[] = [];
  if (!(duration > renew)) {
    out.push(v('spec.primaryLease.leaseDurationSeconds', `leaseDurationSeconds ${duration} is not greater than renewDeadlineSeconds ${renew}`, 'leaseDurationSeconds must be greater than renewDeadlineSeconds'));
  }
  if (!(renew > retry * 1.2)) {
    out.push(v('spec.primaryLease.renewDeadlineSeconds', `renewDeadlineSeconds ${renew} is not greater than retryPeriodSeconds ${retry} x 1.2`, 'renewDeadlineSeconds must be greater than retryPeriodSeconds multiplied by 1.2'));
  }
  return out;
}

/** Wire (snake_case) extension entries in the rules' shape. */
export function extensionInputsFromWire(list: any[]): ExtensionInput[] {
  return list.map((e) => ({
    name: e?.name,
    reference: e?.image?.reference,
    pullPolicy: e?.image?.pullPolicy,
    extensionControlPath: e?.extension_control_path,
    dynamicLibraryPath: e?.dynamic_library_path,
    ldLibraryPath: e?.ld_library_path,
    binPath: e?.bin_path,
    env: Array.isArray(e?.env) ? e.env.map((x: any) => [x?.name, x?.value] as const) : undefined,
  }));
}

// ---------------------------------------------------------------------------------------------
// The whole webhook

/** Every webhook rule on a Cluster manifest (wire format). */
export function clusterWebhookViolations(cluster: any): Violation[] {
  const spec = cluster?.spec ?? {};
  const instances = Number(spec.instances ?? 1);
  const params = spec.postgresql?.parameters ?? {};
  const out: Violation[] = [];
  if (typeof cluster?.metadata?.name === 'string') out.push(...clusterNameViolations(cluster.metadata.name));
  // the image name is parsed once for every rule that reads it
  const image = typeof spec.imageName === 'string' && spec.imageName !== '' ? ImageReference.parse(spec.imageName) : undefined;
  if (image) out.push(...imageNameViolations(image));
  out.push(...imagePullPolicyViolations(spec.imagePullPolicy));
  out.push(...majorViolations(clusterMajor(spec, image)));
  out.push(...bootstrapViolations(spec));
  out.push(...externalClusterViolations(spec));
  out.push(...primaryUpdateViolations(spec.primaryUpdateStrategy, instances));
  out.push(...syncReplicaViolations(spec));
  out.push(...storageViolations('spec.storage', spec.storage));
  if (spec.walStorage) out.push(...storageViolations('spec.walStorage', spec.walStorage));
  out.push(...parameterViolations(params, {
    instances,
    replicaCluster: spec.replica?.enabled === true,
    walStorageSize: spec.walStorage?.size,
  }));
  out.push(...resourceViolations(spec.resources, params));
  out.push(...managedRoleViolations(spec.managed?.roles));
  out.push(...managedServiceViolations(String(cluster?.metadata?.name ?? ''), spec.managed?.services));
  out.push(...pluginViolations(spec));
  out.push(...affinityViolations(spec.affinity));
  out.push(...envViolations(spec.env));
  out.push(...primaryLeaseViolations(spec.primaryLease));
  const extensions = spec.postgresql?.extensions;
  if (Array.isArray(extensions) && extensions.length > 0) {
    out.push(...extensionViolations(extensionInputsFromWire(extensions), {
      at: 'spec.postgresql.extensions',
      requireReference: spec.imageCatalogRef === undefined,
    }));
  }
  return out;
}

/** The validating webhooks by kind (Database's in database.ts). */
const WEBHOOKS: { readonly [kind: string]: (manifest: any) => Violation[] } = {
  Cluster: clusterWebhookViolations,
  Database: databaseWebhookViolations,
};

/** Webhook violations of one CNPG object (none for a kind without a validating webhook). */
export function webhookViolations(manifest: any): Violation[] {
  const webhook = typeof manifest?.kind === 'string' && Object.prototype.hasOwnProperty.call(WEBHOOKS, manifest.kind) ? WEBHOOKS[manifest.kind] : undefined;
  if (webhook && isCnpgApiVersion(manifest?.apiVersion)) return webhook(manifest);
  return [];
}
