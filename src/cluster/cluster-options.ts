import { Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { IObjectStore } from './object-store-ref';

// The typed options of a Cluster: what users set, in their words. See cluster.ts.

/** A persistent volume for data or WAL. */
export interface ClusterStorage {
  /** Volume size, e.g. `Size.gibibytes(10)`. */
  readonly size: Size;
  /**
   * Storage class.
   * @default - the cluster's default storage class
   */
  readonly storageClass?: string;
  /**
   * Resize volumes in use when `size` grows.
   * @default true
   */
  readonly resizeInUseVolumes?: boolean;
}

/** How the primary is updated during a rolling update. */
export enum PrimaryUpdateStrategy {
  /** The operator updates the primary itself (default). */
  UNSUPERVISED = 'unsupervised',
  /** The operator waits for `kubectl cnpg promote` or `restart`. Needs more than one instance. */
  SUPERVISED = 'supervised',
}

/** How an unsupervised primary update is done. */
export enum PrimaryUpdateMethod {
  /** Restart in place when possible, otherwise recreate the primary pod (default). */
  RESTART = 'restart',
  /** Switch over to the most aligned replica first. */
  SWITCHOVER = 'switchover',
}

/** Quorum-based (`ANY`) or priority-based (`FIRST`) synchronous replication. */
export enum SynchronousMethod {
  /** ANY n (...): quorum-based. */
  ANY = 'any',
  /** FIRST n (...): priority-based. */
  FIRST = 'first',
}

/** What happens when too few synchronous standbys are available. */
export enum DataDurability {
  /** Writes wait for the required standbys (default). */
  REQUIRED = 'required',
  /** Writes go on when standbys are unavailable; standbyNamesPre/Post must then be empty. */
  PREFERRED = 'preferred',
}

/** `postgresql.synchronous`. */
export interface SynchronousReplication {
  /** ANY or FIRST. */
  readonly method: SynchronousMethod;
  /** Number of synchronous standbys (greater than zero, lower than instances plus standby names). */
  readonly number: number;
  /**
   * Durability when standbys are missing.
   * @default DataDurability.REQUIRED (set by the operator)
   */
  readonly dataDurability?: DataDurability;
  /**
   * Standby names placed before the cluster's own.
   * @default - none
   */
  readonly standbyNamesPre?: string[];
  /**
   * Standby names placed after the cluster's own.
   * @default - none
   */
  readonly standbyNamesPost?: string[];
  /**
   * Maximum number of the cluster's own standbys listed.
   * @default - all
   */
  readonly maxStandbyNamesFromCluster?: number;
  /**
   * Enable quorum-based failover (the FailoverQuorum resource).
   * @default false
   */
  readonly failoverQuorum?: boolean;
}

/** `spec.postgresql`: the PostgreSQL configuration. */
export interface PostgresConfiguration {
  /**
   * PostgreSQL parameters. Values are strings, as PostgreSQL reads them (`'on'`, `'256MB'`, `'100'`); names
   * are GUC names (letters, digits, `_`, `$`, optionally `namespace.name`). Parameters the operator manages
   * (e.g. `shared_preload_libraries`, `listen_addresses`, `port`, `ssl*`, `log_*`) are refused, in any case,
   * unless set to the operator's own value; `archive_mode` is always the operator's (it overwrites yours).
   * @default - the operator's defaults
   */
  readonly parameters?: { [name: string]: string };
  /**
   * Libraries to preload. Extensions added to the Cluster add the ones they need.
   * @default - none
   */
  readonly sharedPreloadLibraries?: string[];
  /**
   * `pg_hba.conf` lines, before the operator's own.
   * @default - none
   */
  readonly pgHba?: string[];
  /**
   * `pg_ident.conf` lines.
   * @default - none
   */
  readonly pgIdent?: string[];
  /**
   * Synchronous replication.
   * @default - asynchronous replication
   */
  readonly synchronous?: SynchronousReplication;
  /**
   * Allow `ALTER SYSTEM`.
   * @default false
   */
  readonly enableAlterSystem?: boolean;
}

/** Locale provider of a new database. */
export enum LocaleProvider {
  /** libc locales. */
  LIBC = 'libc',
  /** ICU locales (`icuLocale`, `icuRules`). */
  ICU = 'icu',
  /** PostgreSQL's builtin provider (`builtinLocale`, PostgreSQL 17+). */
  BUILTIN = 'builtin',
}

/** Bootstrap a new cluster with initdb. */
export interface InitdbBootstrap {
  /**
   * Application database.
   * @default "app"
   */
  readonly database?: string;
  /**
   * Owner of the application database (set together with `database`).
   * @default "app"
   */
  readonly owner?: string;
  /**
   * Basic-auth Secret with the owner's credentials.
   * @default - the operator generates `<cluster>-app`
   */
  readonly secret?: kplus.ISecret;
  /**
   * Encoding.
   * @default "UTF8"
   */
  readonly encoding?: string;
  /**
   * Locale (LC_COLLATE and LC_CTYPE at once).
   * @default - C
   */
  readonly locale?: string;
  /**
   * LC_COLLATE.
   * @default "C"
   */
  readonly localeCollate?: string;
  /**
   * LC_CTYPE.
   * @default "C"
   */
  readonly localeCType?: string;
  /**
   * Locale provider.
   * @default - libc
   */
  readonly localeProvider?: LocaleProvider;
  /**
   * ICU locale (with `LocaleProvider.ICU`).
   * @default - none
   */
  readonly icuLocale?: string;
  /**
   * ICU collation rules (with `LocaleProvider.ICU`).
   * @default - none
   */
  readonly icuRules?: string;
  /**
   * Builtin locale (with `LocaleProvider.BUILTIN`).
   * @default - none
   */
  readonly builtinLocale?: string;
  /**
   * Data page checksums.
   * @default false
   */
  readonly dataChecksums?: boolean;
  /**
   * WAL segment size in MB, a power of 2 from 1 to 1024.
   * @default 16
   */
  readonly walSegmentSize?: number;
  /**
   * SQL run as superuser in the `postgres` database after initdb.
   * @default - none
   */
  readonly postInitSql?: string[];
  /**
   * SQL run as superuser in the application database after initdb.
   * @default - none
   */
  readonly postInitApplicationSql?: string[];
  /**
   * SQL run as superuser in `template1` after initdb.
   * @default - none
   */
  readonly postInitTemplateSql?: string[];
}

/** A point-in-time recovery target (one of time, LSN, XID, name, immediate). */
export interface RecoveryTarget {
  /**
   * Timestamp, RFC 3339.
   * @default - none
   */
  readonly targetTime?: string;
  /**
   * Log sequence number.
   * @default - none
   */
  readonly targetLsn?: string;
  /**
   * Transaction ID.
   * @default - none
   */
  readonly targetXid?: string;
  /**
   * Named restore point.
   * @default - none
   */
  readonly targetName?: string;
  /**
   * Stop as soon as a consistent state is reached.
   * @default - none
   */
  readonly targetImmediate?: boolean;
  /**
   * Timeline, `latest` or a positive integer.
   * @default - latest
   */
  readonly targetTli?: string;
  /**
   * Stop just before the target.
   * @default false
   */
  readonly exclusive?: boolean;
  /**
   * Backup to restore (needed for name, XID and immediate targets).
   * @default - chosen from the target time
   */
  readonly backupId?: string;
}

/** Bootstrap by recovering from a backup or an object store. */
export interface RecoveryBootstrap {
  /**
   * Name of an external cluster (with a plugin, e.g. Barman Cloud) to recover from.
   * @default - none (then `backupName` is required)
   */
  readonly source?: string;
  /**
   * Name of a Backup object to recover from.
   * @default - none
   */
  readonly backupName?: string;
  /**
   * Point-in-time target.
   * @default - the end of the WAL
   */
  readonly recoveryTarget?: RecoveryTarget;
  /**
   * Application database.
   * @default "app"
   */
  readonly database?: string;
  /**
   * Owner of the application database.
   * @default "app"
   */
  readonly owner?: string;
  /**
   * Basic-auth Secret with the owner's credentials.
   * @default - the operator generates one
   */
  readonly secret?: kplus.ISecret;
}

/** `spec.bootstrap`: one method only. */
export interface ClusterBootstrap {
  /**
   * Create a new cluster with initdb.
   * @default - initdb with database and owner `app`
   */
  readonly initdb?: InitdbBootstrap;
  /**
   * Recover from a backup or an external cluster's object store.
   * @default - none
   */
  readonly recovery?: RecoveryBootstrap;
}

/** A key of a Secret. */
export interface SecretKey {
  /** The Secret. */
  readonly secret: kplus.ISecret;
  /** The key. */
  readonly key: string;
}

/** A key of a ConfigMap. */
export interface ConfigMapKey {
  /** The ConfigMap. */
  readonly configMap: kplus.IConfigMap;
  /** The key. */
  readonly key: string;
}

/** A CNPG-i plugin configured on a Cluster or an external cluster. */
export interface PluginOptions {
  /** Plugin name, e.g. `barman-cloud.cloudnative-pg.io`. */
  readonly name: string;
  /**
   * Plugin parameters.
   * @default - none
   */
  readonly parameters?: { [key: string]: string };
  /**
   * Whether the plugin is enabled (Cluster plugins only).
   * @default true
   */
  readonly enabled?: boolean;
  /**
   * Whether the plugin archives WAL (Cluster plugins only; at most one).
   * @default false
   */
  readonly isWalArchiver?: boolean;
}

/** Another PostgreSQL cluster, for recovery or replication. */
export interface ExternalCluster {
  /** Name referenced by `bootstrap.recovery.source`. */
  readonly name: string;
  /**
   * libpq connection parameters.
   * @default - none
   */
  readonly connectionParameters?: { [key: string]: string };
  /**
   * Password, from a Secret.
   * @default - none
   */
  readonly password?: SecretKey;
  /**
   * A plugin giving access to its backups (e.g. Barman Cloud).
   * @default - none
   */
  readonly plugin?: PluginOptions;
}

/**
 * Backups and WAL archiving through the Barman Cloud plugin (the in-tree barmanObjectStore is deprecated):
 * give the ObjectStore (`objectStore`), or the name of one managed elsewhere (`objectStoreName`).
 */
export interface BarmanCloudBackup {
  /**
   * The plugin's ObjectStore, in the Cluster's namespace (checked at synth).
   * @default - none; then `objectStoreName` is required
   */
  readonly objectStore?: IObjectStore;
  /**
   * Name of an ObjectStore managed elsewhere, in the Cluster's namespace.
   * @default - none; then `objectStore` is required
   */
  readonly objectStoreName?: string;
  /**
   * Server name in the object store.
   * @default - the Cluster name
   */
  readonly serverName?: string;
  /**
   * Archive WAL through the plugin.
   * @default true
   */
  readonly walArchiver?: boolean;
}

/** Whether a managed role exists. */
export enum RoleEnsure {
  /** Create or keep the role. */
  PRESENT = 'present',
  /** Drop the role. */
  ABSENT = 'absent',
}

/** The attributes of a PostgreSQL role, as a Cluster's managed role or a DatabaseRole declares them. */
export interface RoleAttributes {
  /**
   * LOGIN: the role can log in (a user).
   * @default false
   */
  readonly login?: boolean;
  /**
   * SUPERUSER.
   * @default false
   */
  readonly superuser?: boolean;
  /**
   * CREATEDB.
   * @default false
   */
  readonly createdb?: boolean;
  /**
   * CREATEROLE.
   * @default false
   */
  readonly createrole?: boolean;
  /**
   * INHERIT: the role has the privileges of the roles it is a member of.
   * @default true
   */
  readonly inherit?: boolean;
  /**
   * REPLICATION.
   * @default false
   */
  readonly replication?: boolean;
  /**
   * BYPASSRLS.
   * @default false
   */
  readonly bypassrls?: boolean;
  /**
   * Concurrent connections of the role, when it can log in (-1: no limit).
   * @default -1
   */
  readonly connectionLimit?: number;
  /**
   * Password expiry.
   * @default - never
   */
  readonly validUntil?: Date;
  /**
   * Roles it is a member of.
   * @default - none
   */
  readonly inRoles?: string[];
  /**
   * `kubernetes.io/basic-auth` Secret with the role's `username` and `password`. Passwords are never
   * given in plain text.
   * @default - the password is not managed
   */
  readonly passwordSecret?: kplus.ISecret;
  /**
   * Set the password to NULL (not together with `passwordSecret`).
   * @default false
   */
  readonly disablePassword?: boolean;
  /**
   * COMMENT ON ROLE.
   * @default - none
   */
  readonly comment?: string;
}

/** A role the operator manages (`spec.managed.roles[]`). */
export interface ManagedRole extends RoleAttributes {
  /** Role name (not `postgres` or `streaming_replica`). */
  readonly name: string;
  /**
   * Present or absent.
   * @default RoleEnsure.PRESENT
   */
  readonly ensure?: RoleEnsure;
}

/** Monitoring of the Cluster's instances. */
export interface MonitoringOptions {
  /**
   * ConfigMaps with custom metrics queries.
   * @default - none
   */
  readonly customQueries?: ConfigMapKey[];
  /**
   * Secrets with custom metrics queries.
   * @default - none
   */
  readonly customQueriesSecrets?: SecretKey[];
  /**
   * Drop the operator's default queries.
   * @default false
   */
  readonly disableDefaultQueries?: boolean;
  /**
   * Serve metrics over TLS (changing it rolls the Cluster).
   * @default false
   */
  readonly tls?: boolean;
  /**
   * How long query results are cached.
   * @default Duration.seconds(30)
   */
  readonly metricsQueriesTtl?: Duration;
}

/** Pod anti-affinity between instances. */
export enum PodAntiAffinityType {
  /** Spread when possible (default). */
  PREFERRED = 'preferred',
  /** Never two instances on one topology domain. */
  REQUIRED = 'required',
}

/** Operator of a toleration. */
export enum TolerationOperator {
  /** Key and value must match. */
  EQUAL = 'Equal',
  /** The key must exist. */
  EXISTS = 'Exists',
}

/** Effect of a taint. */
export enum TaintEffect {
  /** NoSchedule. */
  NO_SCHEDULE = 'NoSchedule',
  /** PreferNoSchedule. */
  PREFER_NO_SCHEDULE = 'PreferNoSchedule',
  /** NoExecute. */
  NO_EXECUTE = 'NoExecute',
}

/** A toleration of the instance pods. */
export interface Toleration {
  /**
   * Taint key (empty with `EXISTS` matches every taint).
   * @default - any key
   */
  readonly key?: string;
  /**
   * Operator.
   * @default TolerationOperator.EQUAL
   */
  readonly operator?: TolerationOperator;
  /**
   * Value (with `EQUAL`).
   * @default - none
   */
  readonly value?: string;
  /**
   * Effect.
   * @default - every effect
   */
  readonly effect?: TaintEffect;
  /**
   * How long a NoExecute taint is tolerated, in seconds.
   * @default - forever
   */
  readonly tolerationSeconds?: number;
}

/** Scheduling of the instance pods (`spec.affinity`). */
export interface ClusterAffinity {
  /**
   * Add the operator's pod anti-affinity between instances.
   * @default true
   */
  readonly enablePodAntiAffinity?: boolean;
  /**
   * Preferred or required anti-affinity.
   * @default PodAntiAffinityType.PREFERRED
   */
  readonly podAntiAffinityType?: PodAntiAffinityType;
  /**
   * Topology key of the anti-affinity.
   * @default "kubernetes.io/hostname"
   */
  readonly topologyKey?: string;
  /**
   * Node selector.
   * @default - none
   */
  readonly nodeSelector?: { [key: string]: string };
  /**
   * Tolerations.
   * @default - none
   */
  readonly tolerations?: Toleration[];
}

/** What the scheduler does when a spread constraint cannot be met. */
export enum WhenUnsatisfiable {
  /** Do not schedule. */
  DO_NOT_SCHEDULE = 'DoNotSchedule',
  /** Schedule anyway, preferring less skew. */
  SCHEDULE_ANYWAY = 'ScheduleAnyway',
}

/** A topology spread constraint of the instance pods. */
export interface TopologySpreadConstraint {
  /** Maximum skew between domains. */
  readonly maxSkew: number;
  /** Node label defining the domains, e.g. `topology.kubernetes.io/zone`. */
  readonly topologyKey: string;
  /**
   * What to do when the constraint cannot be met.
   * @default WhenUnsatisfiable.DO_NOT_SCHEDULE
   */
  readonly whenUnsatisfiable?: WhenUnsatisfiable;
  /**
   * Labels of the pods counted.
   * @default - this Cluster's pods: `{ 'cnpg.io/cluster': <name> }`
   */
  readonly matchLabels?: { [key: string]: string };
  /**
   * Minimum number of eligible domains.
   * @default - none
   */
  readonly minDomains?: number;
}

/** Operator log level of the instances. */
export enum LogLevel {
  /** error */
  ERROR = 'error',
  /** warning */
  WARNING = 'warning',
  /** info (default) */
  INFO = 'info',
  /** debug */
  DEBUG = 'debug',
  /** trace */
  TRACE = 'trace',
}
