import { Duration } from 'cdk8s';
import { ExternalCluster } from './external-cluster';
import * as cnpg from '../../imports/postgresql.cnpg.io';
import { defined } from '../common/defined';
import { goDuration } from '../common/duration';
import { checkArgument } from '../resource/props-check';

// Replica clusters (`spec.replica`): a Cluster that follows another one, in another namespace, Kubernetes
// cluster or region, through its WAL archive and/or streaming replication.

/** Options of a replica cluster that follows a source. */
export interface ReplicaOptions {
  /**
   * Apply changes only this long after they were committed on the source (a delayed replica).
   * @default - no delay
   */
  readonly minApplyDelay?: Duration;
  /**
   * Whether the Cluster is a replica (false promotes it: it stops following the source).
   * @default true
   */
  readonly enabled?: boolean;
}

/** A distributed topology: clusters that know each other, one of them the primary. */
export interface DistributedTopologyOptions {
  /** The cluster that is the primary of the topology (an external cluster; this one when it is the primary). */
  readonly primary: ExternalCluster;
  /** The cluster this one replicates from when it is not the primary. */
  readonly source: ExternalCluster;
  /**
   * This cluster, as the others know it.
   * @default - an entry named as the Cluster
   */
  readonly self?: ExternalCluster;
  /**
   * The demotion token of the former primary (`status.demotionToken`), to promote this cluster after a
   * controlled switchover.
   * @default - none
   */
  readonly promotionToken?: string;
  /**
   * Apply changes only this long after they were committed on the primary.
   * @default - no delay
   */
  readonly minApplyDelay?: Duration;
}

/**
 * What a replica cluster replicates from (`spec.replica`): one source, or a distributed topology. Each
 * carries the external clusters it names.
 */
export class ReplicaSource {
  /**
   * A replica cluster that follows `source` (`replica.enabled: true`). The Cluster must be bootstrapped from
   * the same source, by recovery or pg_basebackup.
   */
  public static fromExternalCluster(source: ExternalCluster, options: ReplicaOptions = {}): ReplicaSource {
    checkArgument('ReplicaSource.fromExternalCluster(source)', 'ExternalCluster', source);
    checkArgument('ReplicaSource.fromExternalCluster(options)', 'ReplicaOptions', options);
    return new ReplicaSource(defined({
      enabled: options.enabled ?? true,
      source: source.name,
      minApplyDelay: options.minApplyDelay ? goDuration(options.minApplyDelay) : undefined,
    }), [source], options.minApplyDelay);
  }

  /**
   * A member of a distributed topology (`replica.primary`, `replica.source`, `replica.self`): the Cluster is
   * the primary when `primary` names it, a replica of `source` otherwise. Switching the primary is a change
   * of `primary` on every member, with a demotion and a promotion token.
   */
  public static distributed(options: DistributedTopologyOptions): ReplicaSource {
    checkArgument('ReplicaSource.distributed(options)', 'DistributedTopologyOptions', options);
    return new ReplicaSource(defined({
      primary: options.primary.name,
      source: options.source.name,
      self: options.self?.name,
      promotionToken: options.promotionToken,
      minApplyDelay: options.minApplyDelay ? goDuration(options.minApplyDelay) : undefined,
    }), [options.primary, options.source, ...(options.self ? [options.self] : [])], options.minApplyDelay);
  }

  /** The name of the external cluster replicated from. */
  public readonly sourceName: string;

  /** @internal */
  public readonly _replica: cnpg.ClusterSpecReplica;
  /** @internal */
  public readonly _externalClusters: ExternalCluster[];
  /** @internal */
  public readonly _minApplyDelay?: Duration;

  private constructor(replica: cnpg.ClusterSpecReplica, externalClusters: ExternalCluster[], minApplyDelay?: Duration) {
    this._replica = replica;
    this.sourceName = replica.source;
    this._externalClusters = externalClusters;
    this._minApplyDelay = minApplyDelay;
  }
}
