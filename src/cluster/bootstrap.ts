import * as kplus from 'cdk8s-plus-28';
import { InitdbBootstrap, SecretKey } from './cluster-options';
import { ExternalCluster } from './external-cluster';
import { IObjectStore } from './object-store-ref';
import * as cnpg from '../../imports/postgresql.cnpg.io';
import { defined } from '../common/defined';
import { l1Enum } from '../resource/l1';
import { checkArgument } from '../resource/props-check';

// How a Cluster is created (`spec.bootstrap`): one method, chosen by type. Each method carries the external
// cluster it reads from, so that the source's name and its definition cannot disagree.

/** Options shared by the methods that create the application database. */
export interface ApplicationDatabaseOptions {
  /**
   * Application database (set together with `owner`).
   * @default "app"
   */
  readonly database?: string;
  /**
   * Owner of the application database (set together with `database`).
   * @default "app"
   */
  readonly owner?: string;
  /**
   * `kubernetes.io/basic-auth` Secret with the owner's credentials.
   * @default - the operator generates `<cluster>-app`
   */
  readonly secret?: kplus.ISecret;
}

/** How a Cluster is recovered: from where, and up to which point. */
export interface RecoveryOptions extends ApplicationDatabaseOptions {
  /** Where the data comes from: an object store, volume snapshots or a Backup. */
  readonly from: RecoverySource;
  /**
   * Point-in-time target.
   * @default - the end of the WAL archive
   */
  readonly target?: RecoveryTarget;
}

/** A physical copy of a running PostgreSQL cluster, streamed with `pg_basebackup`. */
export interface PgBasebackupOptions extends ApplicationDatabaseOptions {
  /** The cluster to copy (needs `connectionParameters`, and a user with the REPLICATION attribute). */
  readonly source: ExternalCluster;
}

/** Import type: one database, or several with their roles. */
export enum ImportType {
  /** One database, owned by the application user (`microservice`). */
  MICROSERVICE = 'microservice',
  /** Several databases and roles (`monolith`). */
  MONOLITH = 'monolith',
}

/** A logical import (`pg_dump`/`pg_restore`) of databases of another PostgreSQL cluster into a new one. */
export interface ImportOptions extends InitdbBootstrap {
  /** One database (`MICROSERVICE`) or several with their roles (`MONOLITH`). */
  readonly type: ImportType;
  /** The cluster to import from (needs `connectionParameters`). */
  readonly source: ExternalCluster;
  /** Databases to import (exactly one for `MICROSERVICE`). */
  readonly databases: string[];
  /**
   * Roles to import (`MONOLITH` only).
   * @default - none
   */
  readonly roles?: string[];
  /**
   * Import the schema only, without data.
   * @default false
   */
  readonly schemaOnly?: boolean;
  /**
   * SQL run as superuser in the application database after the import (`MICROSERVICE` only).
   * @default - none
   */
  readonly postImportApplicationSql?: string[];
  /**
   * Extra `pg_dump` options.
   * @default - none
   */
  readonly pgDumpExtraOptions?: string[];
  /**
   * Extra `pg_restore` options.
   * @default - none
   */
  readonly pgRestoreExtraOptions?: string[];
}

/** The Barman Cloud ObjectStore that holds the backups to recover, in the Cluster's namespace. */
export interface ObjectStoreRecoveryOptions {
  /**
   * The ObjectStore.
   * @default - none; then `objectStoreName` is required
   */
  readonly objectStore?: IObjectStore;
  /**
   * Name of an ObjectStore managed elsewhere.
   * @default - none; then `objectStore` is required
   */
  readonly objectStoreName?: string;
  /** The server name the backed-up cluster archived under (its name, unless it set `barmanCloud.serverName`). */
  readonly serverName: string;
  /**
   * The name of the external cluster entry written for it.
   * @default - `serverName`
   */
  readonly name?: string;
}

/** Volume snapshots (or PVCs) of a Cluster's volumes. */
export interface VolumeSnapshotsRecoveryOptions {
  /** The VolumeSnapshot of the data volume. */
  readonly storage: string;
  /**
   * The VolumeSnapshot of the WAL volume (the new Cluster then needs `walStorage`).
   * @default - none
   */
  readonly walStorage?: string;
  /**
   * VolumeSnapshots of the tablespaces, by tablespace name.
   * @default - none
   */
  readonly tablespaceStorage?: { [tablespace: string]: string };
  /**
   * The snapshots are PersistentVolumeClaims rather than VolumeSnapshots.
   * @default false
   */
  readonly persistentVolumeClaims?: boolean;
  /**
   * An external cluster whose WAL archive completes the snapshots (for a point-in-time target).
   * @default - none: the snapshots as they are
   */
  readonly walArchive?: ExternalCluster;
}

/** Options of a recovery from a Backup object. */
export interface BackupRecoveryOptions {
  /**
   * The CA bundle of the object store's endpoint.
   * @default - none
   */
  readonly endpointCa?: SecretKey;
}

/** Where a recovery reads the data from. */
export class RecoverySource {
  /**
   * The backups and WAL archive of a cluster in an object store, through the Barman Cloud plugin: writes an
   * external cluster with the plugin and `bootstrap.recovery.source`.
   */
  public static objectStore(options: ObjectStoreRecoveryOptions): RecoverySource {
    checkArgument('RecoverySource.objectStore(options)', 'ObjectStoreRecoveryOptions', options);
    const name = options.name ?? options.serverName;
    const { objectStore, objectStoreName, serverName } = options;
    return RecoverySource.externalCluster({ name, barmanCloud: defined({ objectStore, objectStoreName, serverName }) });
  }

  /** An external cluster with a plugin (or in-tree barmanObjectStore) that provides its backups. */
  public static externalCluster(cluster: ExternalCluster): RecoverySource {
    checkArgument('RecoverySource.externalCluster(cluster)', 'ExternalCluster', cluster);
    return new RecoverySource({ source: cluster.name }, [cluster]);
  }

  /** VolumeSnapshots (or PVCs) of another Cluster's volumes. */
  public static volumeSnapshots(options: VolumeSnapshotsRecoveryOptions): RecoverySource {
    checkArgument('RecoverySource.volumeSnapshots(options)', 'VolumeSnapshotsRecoveryOptions', options);
    const ref = (name: string) => (options.persistentVolumeClaims
      ? { name, kind: 'PersistentVolumeClaim', apiGroup: '' }
      : { name, kind: 'VolumeSnapshot', apiGroup: 'snapshot.storage.k8s.io' });
    const tablespaces = options.tablespaceStorage ? Object.entries(options.tablespaceStorage) : [];
    return new RecoverySource(defined({
      volumeSnapshots: defined({
        storage: ref(options.storage),
        walStorage: options.walStorage !== undefined ? ref(options.walStorage) : undefined,
        tablespaceStorage: tablespaces.length > 0 ? Object.fromEntries(tablespaces.map(([t, s]) => [t, ref(s)])) : undefined,
      }),
      source: options.walArchive?.name,
    }), options.walArchive ? [options.walArchive] : []);
  }

  /** A Backup object of the Cluster's namespace. */
  public static backup(backupName: string, options: BackupRecoveryOptions = {}): RecoverySource {
    checkArgument('RecoverySource.backup(backupName)', 'string', backupName);
    checkArgument('RecoverySource.backup(options)', 'BackupRecoveryOptions', options);
    const ca = options.endpointCa;
    return new RecoverySource({ backup: defined({ name: backupName, endpointCa: ca ? { name: ca.secret.name, key: ca.key } : undefined }) }, []);
  }

  /** @internal */
  public readonly _recovery: Partial<cnpg.ClusterSpecBootstrapRecovery>;
  /** @internal */
  public readonly _externalClusters: ExternalCluster[];

  private constructor(recovery: Partial<cnpg.ClusterSpecBootstrapRecovery>, externalClusters: ExternalCluster[]) {
    this._recovery = recovery;
    this._externalClusters = externalClusters;
  }
}

/** Options of every recovery target. */
export interface RecoveryTargetOptions {
  /**
   * Stop just before the target rather than just after it.
   * @default false
   */
  readonly exclusive?: boolean;
  /**
   * The timeline to follow.
   * @default - the latest timeline
   */
  readonly timeline?: number;
  /**
   * The backup to restore from (required for a restore point, an XID or an immediate target, unless the
   * source is volume snapshots).
   * @default - chosen by the operator from the target time
   */
  readonly backupId?: string;
}

/**
 * A point-in-time recovery target: one of a time, an LSN, a transaction ID, a restore point, or the first
 * consistent state. Formats are the webhook's (checked at synth).
 */
export class RecoveryTarget {
  /**
   * A timestamp: RFC 3339 (`2026-11-01T08:00:00Z`) or PostgreSQL's format (`2026-11-01 08:00:00.000000+00`).
   */
  public static time(timestamp: string, options: RecoveryTargetOptions = {}): RecoveryTarget {
    return new RecoveryTarget({ targetTime: timestamp }, options);
  }

  /** A point in time, written in RFC 3339. */
  public static date(date: Date, options: RecoveryTargetOptions = {}): RecoveryTarget {
    checkArgument('RecoveryTarget.date(date)', 'date', date);
    return RecoveryTarget.time(date.toISOString(), options);
  }

  /** A log sequence number, e.g. `0/3000060`. */
  public static lsn(lsn: string, options: RecoveryTargetOptions = {}): RecoveryTarget {
    return new RecoveryTarget({ targetLsn: lsn }, options);
  }

  /** A transaction ID, a non-negative 32-bit integer. */
  public static xid(xid: string, options: RecoveryTargetOptions = {}): RecoveryTarget {
    return new RecoveryTarget({ targetXid: xid }, options);
  }

  /** A restore point made with `pg_create_restore_point` (shorter than 64 bytes). */
  public static restorePoint(name: string, options: RecoveryTargetOptions = {}): RecoveryTarget {
    return new RecoveryTarget({ targetName: name }, options);
  }

  /** The first consistent state after the backup. */
  public static immediate(options: RecoveryTargetOptions = {}): RecoveryTarget {
    return new RecoveryTarget({ targetImmediate: true }, options);
  }

  /** @internal */
  public readonly _target: cnpg.ClusterSpecBootstrapRecoveryRecoveryTarget;

  private constructor(target: cnpg.ClusterSpecBootstrapRecoveryRecoveryTarget, options: RecoveryTargetOptions) {
    const [field, value] = Object.entries(target)[0];
    checkArgument(`RecoveryTarget(${field})`, field === 'targetImmediate' ? 'boolean' : 'string', value);
    checkArgument('RecoveryTarget(options)', 'RecoveryTargetOptions', options);
    this._target = defined({
      ...target,
      exclusive: options.exclusive,
      targetTli: options.timeline !== undefined ? String(options.timeline) : undefined,
      backupId: options.backupId,
    });
  }
}

/**
 * How a Cluster is created (`spec.bootstrap`): exactly one method, chosen by type.
 */
export class Bootstrap {
  /** A new, empty cluster, created with initdb. */
  public static initdb(options: InitdbBootstrap = {}): Bootstrap {
    checkArgument('Bootstrap.initdb(options)', 'InitdbBootstrap', options);
    return new Bootstrap({ initdb: initdbToKube(options) }, []);
  }

  /** A new cluster recovered from an object store, volume snapshots or a Backup, up to a target. */
  public static recovery(options: RecoveryOptions): Bootstrap {
    checkArgument('Bootstrap.recovery(options)', 'RecoveryOptions', options);
    const recovery: cnpg.ClusterSpecBootstrapRecovery = defined({
      ...options.from._recovery,
      recoveryTarget: options.target?._target,
      ...applicationDatabase(options),
    });
    return new Bootstrap({ recovery }, options.from._externalClusters);
  }

  /** A physical copy of a running cluster, streamed with `pg_basebackup`. */
  public static pgBasebackup(options: PgBasebackupOptions): Bootstrap {
    checkArgument('Bootstrap.pgBasebackup(options)', 'PgBasebackupOptions', options);
    return new Bootstrap({ pgBasebackup: defined({ source: options.source.name, ...applicationDatabase(options) }) }, [options.source]);
  }

  /** A new cluster (initdb) into which databases of another cluster are imported (`pg_dump`/`pg_restore`). */
  public static import(options: ImportOptions): Bootstrap {
    checkArgument('Bootstrap.import(options)', 'ImportOptions', options);
    const initdb: cnpg.ClusterSpecBootstrapInitdb = {
      ...initdbToKube(options),
      import: defined({
        type: l1Enum(cnpg.ClusterSpecBootstrapInitdbImportType, options.type)!,
        source: { externalCluster: options.source.name },
        databases: options.databases,
        roles: options.roles,
        schemaOnly: options.schemaOnly,
        postImportApplicationSql: options.postImportApplicationSql,
        pgDumpExtraOptions: options.pgDumpExtraOptions,
        pgRestoreExtraOptions: options.pgRestoreExtraOptions,
      }),
    };
    return new Bootstrap({ initdb }, [options.source]);
  }

  /** @internal */
  public readonly _bootstrap: cnpg.ClusterSpecBootstrap;
  /** @internal */
  public readonly _externalClusters: ExternalCluster[];

  private constructor(bootstrap: cnpg.ClusterSpecBootstrap, externalClusters: ExternalCluster[]) {
    this._bootstrap = bootstrap;
    this._externalClusters = externalClusters;
  }

  /** The method's name in the manifest (`initdb`, `recovery`, `pg_basebackup`). */
  public get method(): string {
    return this._bootstrap.pgBasebackup ? 'pg_basebackup' : this._bootstrap.recovery ? 'recovery' : 'initdb';
  }
}

function applicationDatabase(o: ApplicationDatabaseOptions): { database?: string; owner?: string; secret?: { name: string } } {
  return defined({ database: o.database, owner: o.owner, secret: o.secret ? { name: o.secret.name } : undefined });
}

function initdbToKube(i: InitdbBootstrap): cnpg.ClusterSpecBootstrapInitdb {
  return defined({
    ...applicationDatabase(i),
    encoding: i.encoding,
    locale: i.locale,
    localeCollate: i.localeCollate,
    localeCType: i.localeCType,
    localeProvider: i.localeProvider,
    icuLocale: i.icuLocale,
    icuRules: i.icuRules,
    builtinLocale: i.builtinLocale,
    dataChecksums: i.dataChecksums,
    walSegmentSize: i.walSegmentSize,
    postInitSql: i.postInitSql,
    postInitApplicationSql: i.postInitApplicationSql,
    postInitTemplateSql: i.postInitTemplateSql,
  });
}
