import { ClusterManifest, externalCluster, isReplica, isSet, list, specOf, str, violation as v } from './common';
import { goAtoi, goBase64Decode, goJsonStruct, goParseUint, isLsn, isTargetTime } from './go';
import { show, Violation } from '../../common/errors';

// The Cluster webhook's rules on bootstrap, recovery, external and replica clusters
// (internal/webhook/v1/cluster_webhook.go, CloudNativePG 1.30.0). Each is a pure function over the manifest.

function bootstrapOf(cluster: ClusterManifest): any {
  const b = specOf(cluster).bootstrap;
  return b !== null && typeof b === 'object' ? b : undefined;
}

/** `validateApplicationDatabase`: a database needs its owner, and an owner its database. */
function applicationDatabase(database: string, owner: string, method: string): Violation[] {
  const out: Violation[] = [];
  if (database !== '' && owner === '') {
    out.push(v(`spec.bootstrap.${method}.owner`, `database ${show(database)} has no owner; set owner (or leave both out: the operator creates "app" owned by "app")`,
      'You need to specify the database owner user'));
  }
  if (database === '' && owner !== '') {
    out.push(v(`spec.bootstrap.${method}.database`, `owner ${show(owner)} has no database; set database`, 'You need to specify the database name'));
  }
  return out;
}

function isPowerOfTwo(n: number): boolean {
  return Number.isInteger(n) && n > 0 && Number.isInteger(Math.log2(n));
}

/** `validateInitDB`: application database, WAL segment size, post-init SQL references. */
export function validateInitDB(cluster: ClusterManifest): Violation[] {
  const initdb = bootstrapOf(cluster)?.initdb;
  if (!isSet(initdb)) return [];
  const out = applicationDatabase(str(initdb.database), str(initdb.owner), 'initdb');
  const size = initdb.walSegmentSize;
  if (typeof size === 'number' && size !== 0 && !isPowerOfTwo(size)) {
    out.push(v('spec.bootstrap.initdb.walSegmentSize', `${size} MB is not a power of 2; expected 1, 2, 4, ... 1024`, 'WAL segment size must be a power of 2'));
  }
  const refs = initdb.postInitApplicationSQLRefs;
  for (const kind of ['secretRefs', 'configMapRefs']) {
    list(refs?.[kind]).forEach((item, i) => {
      if (str(item?.name) === '' || str(item?.key) === '') {
        out.push(v(`spec.bootstrap.initdb.postInitApplicationSQLRefs.${kind}[${i}]`, `${show(item)} lacks a name or a key; both are needed to find the SQL`,
          'key and name must be specified'));
      }
    });
  }
  return out;
}

/** `validateImport`: the microservice and monolith import rules. */
export function validateImport(cluster: ClusterManifest): Violation[] {
  const spec = bootstrapOf(cluster)?.initdb?.import;
  if (!isSet(spec)) return [];
  const at = 'spec.bootstrap.initdb.import';
  const databases = list(spec.databases).map(str);
  const roles = list(spec.roles).map(str);
  const out: Violation[] = [];
  if (spec.type === 'microservice') {
    if (databases.length !== 1) {
      out.push(v(`${at}.databases`, `${databases.length} databases are listed; a microservice import takes exactly one`, 'You need to specify a single database for the `microservice` import type'));
    }
    if (roles.length !== 0) {
      out.push(v(`${at}.roles`, 'roles are listed; a microservice import imports no roles (use the monolith type)', 'You cannot specify roles to import for the `microservice` import type'));
    }
    if (databases.length === 1 && databases[0].includes('*')) {
      out.push(v(`${at}.databases[0]`, `${show(databases[0])} has a wildcard; a microservice import names one database`, 'You cannot specify any wildcard for the `microservice` import type'));
    }
    return out;
  }
  if (spec.type === 'monolith') {
    if (databases.length < 1) {
      out.push(v(`${at}.databases`, 'no database is listed; a monolith import needs at least one (or "*")', 'You need to specify at least a database for the `monolith` import type'));
    }
    if (databases.length > 1 && databases.includes('*')) {
      out.push(v(`${at}.databases`, `"*" is listed with other names (${show(databases)}); use "*" alone or the names alone`, 'Wildcard import cannot be used along other database names'));
    }
    if (roles.length > 1 && roles.includes('*')) {
      out.push(v(`${at}.roles`, `"*" is listed with other names (${show(roles)}); use "*" alone or the names alone`, 'Wildcard import cannot be used along other role names'));
    }
    if (list(spec.postImportApplicationSQL).length > 0) {
      out.push(v(`${at}.postImportApplicationSQL`, 'postImportApplicationSQL is set; a monolith import runs none (use the microservice type)', 'postImportApplicationSQL is not allowed for the `monolith` import type'));
    }
    return out;
  }
  return [v(`${at}.type`, `${show(spec.type)} is not an import type; expected microservice or monolith`, 'Unrecognized import type')];
}

/** `validateRecoveryApplicationDatabase`. */
export function validateRecoveryApplicationDatabase(cluster: ClusterManifest): Violation[] {
  const recovery = bootstrapOf(cluster)?.recovery;
  return isSet(recovery) ? applicationDatabase(str(recovery.database), str(recovery.owner), 'recovery') : [];
}

/** `validatePgBaseBackupApplicationDatabase`. */
export function validatePgBaseBackupApplicationDatabase(cluster: ClusterManifest): Violation[] {
  const pg = bootstrapOf(cluster)?.pg_basebackup;
  return isSet(pg) ? applicationDatabase(str(pg.database), str(pg.owner), 'pg_basebackup') : [];
}

/** `validateBootstrapMethod`: one of initdb, recovery and pg_basebackup. */
export function validateBootstrapMethod(cluster: ClusterManifest): Violation[] {
  const bootstrap = bootstrapOf(cluster);
  if (!bootstrap) return [];
  const methods = ['initdb', 'recovery', 'pg_basebackup'].filter((m) => isSet(bootstrap[m]));
  if (methods.length <= 1) return [];
  return [v('spec.bootstrap', `${methods.join(' and ')} are set together; choose one bootstrap method`, 'Only one bootstrap method can be specified at a time')];
}

/** `validateBootstrapPgBaseBackupSource`: the source is an external cluster. */
export function validateBootstrapPgBaseBackupSource(cluster: ClusterManifest): Violation[] {
  const pg = bootstrapOf(cluster)?.pg_basebackup;
  if (!isSet(pg)) return [];
  const source = str(pg.source);
  if (externalCluster(cluster, source)) return [];
  return [v('spec.bootstrap.pg_basebackup.source', `${show(source)} names no entry of externalClusters; add an external cluster with that name`, `External cluster ${source} not found`)];
}

/** `validateBootstrapRecoverySource`: the source is an external cluster that can be recovered from. */
export function validateBootstrapRecoverySource(cluster: ClusterManifest): Violation[] {
  const recovery = bootstrapOf(cluster)?.recovery;
  const source = str(recovery?.source);
  if (!isSet(recovery) || source === '') return [];
  const found = externalCluster(cluster, source);
  const out: Violation[] = [];
  if (!found) {
    out.push(v('spec.bootstrap.recovery.source', `${show(source)} names no entry of externalClusters; add an external cluster with that name`, `External cluster ${source} not found`));
  }
  if (!isSet(found?.connectionParameters) && !isSet(found?.barmanObjectStore) && !isSet(found?.plugin)) {
    out.push(v('spec.bootstrap.recovery.source', `external cluster ${show(source)} has no connectionParameters, barmanObjectStore or plugin to recover from`,
      `External cluster ${source} cannot be used for recovery: missing connection parameters, Barman, or CNPG-i configuration`));
  }
  return out;
}

/** `validateVolumeSnapshotSource`: a VolumeSnapshot or a PersistentVolumeClaim. */
function volumeSnapshotSource(value: any, path: string): Violation[] {
  const apiGroup = str(value?.apiGroup);
  const kind = str(value?.kind);
  if ((apiGroup === 'snapshot.storage.k8s.io' && kind === 'VolumeSnapshot') || (apiGroup === '' && kind === 'PersistentVolumeClaim')) return [];
  return [v(path, `${show(value)} is neither a VolumeSnapshot (apiGroup snapshot.storage.k8s.io) nor a PersistentVolumeClaim (apiGroup "")`,
    'Only VolumeSnapshots and PersistentVolumeClaims are supported')];
}

/** `validateBootstrapRecoveryDataSource`: recovery from volume snapshots. */
export function validateBootstrapRecoveryDataSource(cluster: ClusterManifest): Violation[] {
  const recovery = bootstrapOf(cluster)?.recovery;
  const snapshots = recovery?.volumeSnapshots;
  if (!isSet(recovery) || !isSet(snapshots)) return [];
  const at = 'spec.bootstrap.recovery';
  if (isSet(recovery.backup)) {
    return [v(`${at}.backup`, 'backup is set with volumeSnapshots; recover from one source', 'Recovery from dataSource is not compatible with other types of recovery')];
  }
  if (str(recovery.recoveryTarget?.backupID) !== '') {
    return [v(`${at}.recoveryTarget.backupID`, `${show(recovery.recoveryTarget.backupID)} is set with volumeSnapshots; the snapshots are the backup: remove backupID`,
      'Cannot specify a backupID when recovering using a DataSource')];
  }
  const out = volumeSnapshotSource(snapshots.storage, `${at}.volumeSnapshots.storage`);
  const walAt = `${at}.volumeSnapshots.walStorage`;
  if (isSet(snapshots.walStorage) && !isSet(specOf(cluster).walStorage)) {
    out.push(v(walAt, 'WALs are restored from a snapshot, but the Cluster has no walStorage to restore them to; add walStorage',
      'A WAL storage configuration is required when recovering using a DataSource for WALs'));
    out.push(...volumeSnapshotSource(snapshots.walStorage, walAt));
  }
  if (isSet(snapshots.walStorage)) out.push(...volumeSnapshotSource(snapshots.walStorage, walAt));
  return out;
}

/** `validateRecoveryTarget`: one target, well-formed time, LSN, XID, name and timeline. */
export function validateRecoveryTarget(cluster: ClusterManifest): Violation[] {
  const recovery = bootstrapOf(cluster)?.recovery;
  const target = recovery?.recoveryTarget;
  if (!isSet(recovery) || !isSet(target)) return [];
  const at = 'spec.bootstrap.recovery.recoveryTarget';
  const out: Violation[] = [];
  const set = ['targetImmediate', 'targetLSN', 'targetName', 'targetXID', 'targetTime']
    .filter((k) => (k === 'targetImmediate' ? isSet(target[k]) : str(target[k]) !== ''));
  if (set.length > 1) out.push(v(at, `${set.join(', ')} are set together; choose one recovery target`, 'Recovery target options are mutually exclusive'));
  const time = str(target.targetTime);
  if (time !== '' && !isTargetTime(time)) {
    out.push(v(at, `targetTime ${show(time)} is not a timestamp; expected "YYYY-MM-DD HH24:MI:SS[.FF6][+TZH[:TZM]]" or RFC 3339`, 'The format of TargetTime is invalid'));
  }
  const lsn = str(target.targetLSN);
  if (lsn !== '' && !isLsn(lsn)) out.push(v(at, `targetLSN ${show(lsn)} is not an LSN; expected two hexadecimal numbers such as "0/3000060"`, 'Invalid TargetLSN'));
  const xid = str(target.targetXID);
  if (xid !== '' && goParseUint(xid, 32) === undefined) {
    out.push(v(`${at}.targetXID`, `${show(xid)} is not a transaction ID; expected an integer from 0 to 4294967295`, 'recovery target xid must be a non-negative 32-bit integer'));
  }
  const name = str(target.targetName);
  if (Buffer.byteLength(name, 'utf8') >= 64) {
    out.push(v(`${at}.targetName`, `${show(name)} is ${Buffer.byteLength(name, 'utf8')} bytes; PostgreSQL restore point names are shorter than 64`, 'recovery target name must be shorter than 64 bytes'));
  }
  if (/[\u0000-\u001f\u007f]/.test(name)) {
    out.push(v(`${at}.targetName`, `${show(name)} contains a control character; a restore point name is printable text`, 'recovery target name must not contain ASCII control characters'));
  }
  const labelBased = name !== '' || xid !== '' || isSet(target.targetImmediate);
  if (labelBased && !isSet(recovery.volumeSnapshots) && str(target.backupID) === '') {
    out.push(v(at, 'a name, XID or immediate target needs backupID, the backup to restore from', 'BackupID is missing'));
  }
  const tli = str(target.targetTLI);
  if (tli !== '' && tli !== 'latest' && !((goAtoi(tli) ?? 0) >= 1)) {
    out.push(v(`${at}.targetTLI`, `${show(tli)} is not a timeline; expected "latest" or a positive integer`, "recovery target timeline can be set to 'latest' or a positive integer"));
  }
  return out;
}

/** `isUnsafePathComponent`: the value would escape the directory it is joined into. */
function isUnsafePathComponent(value: string): boolean {
  return value === '.' || value === '..' || /[/\\]/.test(value);
}

/** `validateExternalClusters`: unique names, a way to connect, names and secret keys safe as file names. */
export function validateExternalClusters(cluster: ClusterManifest): Violation[] {
  const out: Violation[] = [];
  const items = list(specOf(cluster).externalClusters);
  const names = new Set<string>();
  items.forEach((c, i) => {
    const at = `spec.externalClusters[${i}]`;
    names.add(str(c?.name));
    if (!isSet(c?.connectionParameters) && !isSet(c?.barmanObjectStore) && !isSet(c?.plugin)) {
      out.push(v(at, `external cluster ${show(c?.name)} has no connectionParameters, plugin or barmanObjectStore`, 'one of connectionParameters, plugin and barmanObjectStore is required'));
    }
    const unsafe = "cannot contain a path separator or a '..' component";
    if (isUnsafePathComponent(str(c?.name))) out.push(v(`${at}.name`, `${show(c.name)} would be used as a file name; it must not contain "/", "\\" or be "." or ".."`, unsafe));
    for (const selector of ['sslCert', 'sslKey', 'sslRootCert']) {
      const s = c?.[selector];
      if (!isSet(s)) continue;
      for (const part of ['name', 'key']) {
        if (isUnsafePathComponent(str(s[part]))) {
          out.push(v(`${at}.${selector}.${part}`, `${show(s[part])} would be used as a file name; it must not contain "/", "\\" or be "." or ".."`, unsafe));
        }
      }
    }
  });
  if (names.size !== items.length) out.push(v('spec.externalClusters', 'two external clusters share a name; each name may appear once', 'the list of external clusters contains duplicate values'));
  return out;
}

/** `validatePromotionToken`: a well-formed token, only on a primary cluster, not with minApplyDelay. */
export function validatePromotionToken(cluster: ClusterManifest): Violation[] {
  const replica = specOf(cluster).replica;
  const token = str(replica?.promotionToken);
  if (!isSet(replica) || token === '') return [];
  if (isSet(replica.minApplyDelay)) {
    return [v('spec.replica.minApplyDelay', 'minApplyDelay is set with a promotionToken; remove one of them', 'minApplyDelay cannot be applied with a promotion token')];
  }
  if (isReplica(cluster)) {
    return [v('spec.replica.promotionToken', 'a promotion token is set on a replica cluster; it promotes a former replica, so set it on the cluster being promoted to primary',
      'promotionToken is only allowed for primary clusters')];
  }
  const decoded = goBase64Decode(token);
  const content = decoded === undefined ? 'invalid promotion token (Base64 decoding failed)' : goJsonStruct(decoded, TOKEN_FIELDS);
  if (typeof content === 'string') {
    const reason = decoded === undefined ? content : `invalid promotion token (JSON decoding failed): ${content}`;
    return [v('spec.replica.promotionToken', 'the token is not base64-encoded JSON as the operator writes it (kubectl cnpg promote)', `Invalid promotionToken format: ${reason}`)];
  }
  const missing = Object.entries(TOKEN_REASONS).find(([field]) => str(content[field]) === '');
  if (missing) {
    return [v('spec.replica.promotionToken', `the token has no ${missing[0]}`, `Invalid promotionToken content: invalid promotion token (${missing[1]} is empty)`)];
  }
  return [];
}

const TOKEN_FIELDS = {
  latestCheckpointTimelineID: 'string',
  redoWalFile: 'string',
  databaseSystemIdentifier: 'string',
  latestCheckpointREDOLocation: 'string',
  timeOfLatestCheckpoint: 'string',
  operatorVersion: 'string',
} as const;

const TOKEN_REASONS: { [field: string]: string } = {
  latestCheckpointTimelineID: 'LatestCheckpointTimelineID',
  redoWalFile: 'REDOWALFile',
  databaseSystemIdentifier: 'DatabaseSystemIdentifier',
  latestCheckpointREDOLocation: 'LatestCheckpointREDOLocation',
  timeOfLatestCheckpoint: 'TimeOfLatestCheckpoint',
  operatorVersion: 'OperatorVersion',
};

/** `validateReplicaMode`: enabled xor primary; a replica bootstraps from pg_basebackup or recovery. */
export function validateReplicaMode(cluster: ClusterManifest): Violation[] {
  const replica = specOf(cluster).replica;
  if (!isSet(replica)) return [];
  const out: Violation[] = [];
  if (isSet(replica.enabled) && str(replica.primary) !== '') {
    out.push(v('spec.replica.enabled', 'enabled and primary are both set; use primary (distributed topology) or enabled, not both', 'replica mode enabled is not compatible with the primary field'));
  }
  if (isReplica(cluster)) {
    const bootstrap = bootstrapOf(cluster);
    if (!bootstrap) {
      out.push(v('spec.bootstrap', 'a replica cluster needs a bootstrap section (pg_basebackup or recovery)', 'bootstrap configuration is required for replica mode'));
    } else if (!isSet(bootstrap.pg_basebackup) && !isSet(bootstrap.recovery) && str(cluster?.metadata?.resourceVersion) === '') {
      out.push(v('spec.replica', 'a new replica cluster must bootstrap from its source with pg_basebackup or recovery, not initdb', 'replica mode bootstrap is compatible only with pg_basebackup or recovery'));
    }
  }
  out.push(...validateReplicaClusterExternalClusters(cluster));
  return out;
}

/** `validateReplicaClusterExternalClusters`: source, self and primary name external clusters. */
export function validateReplicaClusterExternalClusters(cluster: ClusterManifest): Violation[] {
  const replica = specOf(cluster).replica;
  if (!isSet(replica)) return [];
  const out: Violation[] = [];
  const source = str(replica.source);
  if (!externalCluster(cluster, source)) {
    out.push(v('spec.replica.source', `${show(source)} names no entry of externalClusters; add an external cluster with that name`, `External cluster ${source} not found`));
  }
  for (const field of ['self', 'primary']) {
    const name = str(replica[field]);
    if (name !== '' && !externalCluster(cluster, name)) {
      out.push(v(`spec.replica.${field}`, `${show(name)} names no entry of externalClusters; every cluster of the topology must be listed`, `External cluster ${name} not found`));
    }
  }
  return out;
}
