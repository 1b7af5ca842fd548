import { ICluster } from './cluster-ref';
import * as cnpg from '../../imports/postgresql.cnpg.io';
import { BARMAN_CLOUD_PLUGIN } from '../common/constants';
import { defined } from '../common/defined';
import { show, Violation } from '../common/errors';
import { referenceViolations, sameNamespaceViolations } from '../resource/props';

/** Which instance takes a backup. */
export enum BackupTarget {
  /** The primary. */
  PRIMARY = 'primary',
  /** The most up-to-date standby, else the primary. */
  PREFER_STANDBY = 'prefer-standby',
}

/** Options of a volume snapshot backup. */
export interface VolumeSnapshotBackupOptions {
  /**
   * Online (hot) backup; false stops the instance for the snapshot (cold).
   * @default - the Cluster's `backup.volumeSnapshot.online` (true)
   */
  readonly online?: boolean;
  /**
   * Checkpoint immediately at the start of an online backup, instead of spreading its I/O.
   * @default false
   */
  readonly immediateCheckpoint?: boolean;
  /**
   * Wait for the WAL of an online backup to be archived.
   * @default true
   */
  readonly waitForArchive?: boolean;
}

/**
 * How a Backup or ScheduledBackup is taken: by the Barman Cloud plugin (to the Cluster's ObjectStore), by
 * another CNPG-i plugin, or as Kubernetes volume snapshots. (The in-tree `barmanObjectStore` method, the
 * CRD's default, is deprecated: the library always writes the method.)
 */
export class BackupMethod {
  /**
   * Through the Barman Cloud plugin (`method: plugin`, plugin `barman-cloud.cloudnative-pg.io`), to the
   * ObjectStore of the Cluster's `barmanCloud`. The Cluster must enable the plugin (checked at synth for a
   * Cluster of this app).
   */
  public static barmanCloud(): BackupMethod {
    return new BackupMethod('plugin', BARMAN_CLOUD_PLUGIN, undefined, undefined);
  }

  /**
   * Through a CNPG-i plugin the Cluster enables.
   * @param name the plugin's name
   * @param parameters the plugin's parameters for this backup @default - none
   */
  public static plugin(name: string, parameters?: { [key: string]: string }): BackupMethod {
    return new BackupMethod('plugin', name, parameters, undefined);
  }

  /**
   * Kubernetes volume snapshots of the Cluster's volumes. Needs a CSI driver with snapshots and the
   * VolumeSnapshot CRDs (the operator refuses the method without them).
   */
  public static volumeSnapshot(options: VolumeSnapshotBackupOptions = {}): BackupMethod {
    return new BackupMethod('volumeSnapshot', undefined, undefined, options);
  }

  /** `plugin` or `volumeSnapshot`. */
  public readonly method: string;

  /** The plugin's name, for a plugin backup. */
  public readonly pluginName?: string;

  private constructor(
    method: string,
    pluginName: string | undefined,
    private readonly parameters: { [key: string]: string } | undefined,
    private readonly snapshot: VolumeSnapshotBackupOptions | undefined,
  ) {
    this.method = method;
    this.pluginName = pluginName;
  }

  /**
   * The method's fields of a Backup or ScheduledBackup spec.
   * @internal
   */
  public _toKube(): {
    method: string;
    pluginConfiguration?: cnpg.BackupSpecPluginConfiguration;
    online?: boolean;
    onlineConfiguration?: cnpg.BackupSpecOnlineConfiguration;
  } {
    const s = this.snapshot;
    const onlineConfiguration = s && defined({ immediateCheckpoint: s.immediateCheckpoint, waitForArchive: s.waitForArchive });
    return defined({
      method: this.method,
      pluginConfiguration: this.pluginName !== undefined ? defined({ name: this.pluginName, parameters: this.parameters }) : undefined,
      online: s?.online,
      onlineConfiguration: onlineConfiguration && Object.keys(onlineConfiguration).length > 0 ? onlineConfiguration : undefined,
    });
  }
}

/** What a backup's props alone decide: a Cluster, the method is a BackupMethod, the plugin named, the target known. */
export function backupPropsViolations(cluster: unknown, method: unknown, target: unknown): Violation[] {
  const out = referenceViolations('cluster', cluster, 'Cluster', 'Cluster.fromClusterName');
  if (!(method instanceof BackupMethod)) {
    out.push({ path: 'method', message: `${show(method)} is not a BackupMethod; expected BackupMethod.barmanCloud(), BackupMethod.plugin(name) or BackupMethod.volumeSnapshot()`, source: 'library' });
  } else if (method.pluginName !== undefined && (typeof method.pluginName !== 'string' || method.pluginName === '')) {
    out.push({ path: 'method', message: `${show(method.pluginName)} is not a plugin name; expected e.g. "${BARMAN_CLOUD_PLUGIN}"`, source: 'webhook', upstream: 'cannot be empty when the backup method is plugin' });
  }
  if (target !== undefined && !Object.values(BackupTarget).includes(target as BackupTarget)) {
    out.push({ path: 'target', message: `${show(target)} is not a backup target; expected one of ${Object.values(BackupTarget).join(', ')}`, source: 'CRD schema' });
  }
  return out;
}

/** What a backup depends on at synth: its Cluster's namespace and, for a plugin backup, the plugin on the Cluster. */
export function backupSynthViolations(kind: string, namespace: string | undefined, cluster: ICluster, method: BackupMethod): Violation[] {
  const out = sameNamespaceViolations(kind, namespace, cluster);
  const plugins = cluster.pluginNames;
  if (method.pluginName !== undefined && plugins !== undefined && !plugins.includes(method.pluginName)) {
    const hint = method.pluginName === BARMAN_CLOUD_PLUGIN ? 'set barmanCloud: { objectStore } on the Cluster' : 'add the plugin to the Cluster\'s plugins';
    out.push({
      path: 'method',
      message: `Cluster ${show(cluster.name)} does not enable the plugin ${show(method.pluginName)} (it enables ${plugins.map((p) => show(p)).join(', ') || 'none'}); ${hint}, or every backup would fail`,
      source: 'operator',
    });
  }
  return out;
}
