import { PluginOptions, SecretKey } from './cluster-options';
import { IObjectStore } from './object-store-ref';

// External clusters: other PostgreSQL clusters a Cluster recovers from, replicates from or imports from.
// Whatever refers to one (a recovery source, a replica source, a pg_basebackup or import source) carries its
// whole definition; the Cluster writes each entry once, and refuses two different entries of one name.

/**
 * The Barman Cloud plugin's ObjectStore that holds another cluster's base backups and WAL archive, in the
 * namespace of the Cluster that reads it: the ObjectStore (`objectStore`), or the name of one managed
 * elsewhere (`objectStoreName`).
 */
export interface ExternalObjectStore {
  /**
   * The ObjectStore (checked at synth to be in the reading Cluster's namespace).
   * @default - none; then `objectStoreName` is required
   */
  readonly objectStore?: IObjectStore;
  /**
   * Name of an ObjectStore managed elsewhere.
   * @default - none; then `objectStore` is required
   */
  readonly objectStoreName?: string;
  /**
   * The server name the other cluster archives under (its name, unless its `barmanCloud.serverName` says
   * otherwise). Always written: left out, the plugin would read the archive of the reading Cluster's own
   * name (plugin-barman-cloud, internal/cnpgi/operator/config/config.go, NewFromCluster).
   * @default - the external cluster's name
   */
  readonly serverName?: string;
}

/** How to reach another PostgreSQL cluster: by streaming replication (libpq) and/or through its backups. */
export interface ClusterConnection {
  /**
   * libpq connection parameters (`host`, `user`, `dbname`, `sslmode`, ...).
   * @default - none
   */
  readonly connectionParameters?: { [key: string]: string };
  /**
   * Password, from a Secret.
   * @default - none
   */
  readonly password?: SecretKey;
  /**
   * TLS client certificate, from a Secret.
   * @default - none
   */
  readonly sslCert?: SecretKey;
  /**
   * TLS client key, from a Secret.
   * @default - none
   */
  readonly sslKey?: SecretKey;
  /**
   * CA certificate that signed the server's, from a Secret.
   * @default - none
   */
  readonly sslRootCert?: SecretKey;
  /**
   * Its backups and WAL archive in an object store, through the Barman Cloud plugin (written as `plugin`).
   * @default - none
   */
  readonly barmanCloud?: ExternalObjectStore;
  /**
   * Another CNPG-i plugin giving access to its backups (not together with `barmanCloud`).
   * @default - none
   */
  readonly plugin?: PluginOptions;
}

/** Another PostgreSQL cluster, for recovery, replication or import (`spec.externalClusters[]`). */
export interface ExternalCluster extends ClusterConnection {
  /** The name recovery, replica and import sources refer to. */
  readonly name: string;
}
