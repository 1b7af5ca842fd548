import { ICnpgResource } from '../resource/resource';

/** A Cluster: one of this app, or one managed elsewhere (`Cluster.fromClusterName`). */
export interface ICluster extends ICnpgResource {
  /**
   * The CNPG-i plugins the Cluster enables (e.g. `barman-cloud.cloudnative-pg.io`), for the checks of the
   * backups that use one.
   * @default - unknown (a Cluster managed elsewhere)
   */
  readonly pluginNames?: string[];
}
