import { ICnpgResource } from '../resource/resource';

/** A Cluster: one of this app, or one managed elsewhere (`Cluster.fromClusterName`). */
export interface ICluster extends ICnpgResource {}
