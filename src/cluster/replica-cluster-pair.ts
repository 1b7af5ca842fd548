import { Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { Bootstrap, RecoverySource } from './bootstrap';
import { Cluster, ClusterProps } from './cluster';
import { ClusterConnection, ExternalCluster } from './external-cluster';
import { ReplicaSource } from './replica';
import { formatViolation, show, Violation } from '../common/errors';
import { checkArgument } from '../resource/props-check';

// Two Clusters that follow each other: a primary and a replica cluster in another namespace, app or region,
// each declared with the external cluster entries of both, named after the Clusters themselves.

/** How the replica cluster is first created from the primary. */
export enum ReplicaBootstrap {
  /** Recovery from the primary's base backup and WAL archive (its `connection.barmanCloud` or `plugin`). */
  RECOVERY = 'recovery',
  /** A `pg_basebackup` streamed from the primary (its `connection.connectionParameters`). */
  PG_BASEBACKUP = 'pg_basebackup',
}

/** One member of a replica cluster pair. */
export interface ReplicaClusterMember {
  /** Where the Cluster is declared (a Chart of the member's namespace, app or region). */
  readonly scope: Construct;
  /** The Cluster's construct id. */
  readonly id: string;
  /**
   * The Cluster's props, with `metadata.name` (the other member's external cluster entry is named after
   * it). Without `replica`, and, for the replica, without `bootstrap`: the pair sets them.
   */
  readonly props: ClusterProps;
  /**
   * How the other member reaches this one: its object store (`barmanCloud`, an ObjectStore of that name
   * must exist in the other member's namespace too) and/or a streaming connection.
   */
  readonly connection: ClusterConnection;
}

/** A primary cluster and a replica cluster that follows it. */
export interface ReplicaClusterPairProps {
  /** The primary. */
  readonly primary: ReplicaClusterMember;
  /** The replica cluster. */
  readonly replica: ReplicaClusterMember;
  /**
   * A distributed topology (`replica.primary`/`source`/`self` on both members, so that the roles can be
   * switched with demotion and promotion tokens) rather than a one-way replica cluster (`replica.enabled`).
   * @default true
   */
  readonly distributed?: boolean;
  /**
   * How the replica cluster is first created.
   * @default - RECOVERY when the primary's connection has an object store, PG_BASEBACKUP otherwise
   */
  readonly replicaBootstrap?: ReplicaBootstrap;
  /**
   * Delay the replica cluster applies changes with.
   * @default - no delay
   */
  readonly minApplyDelay?: Duration;
}

/**
 * Declares a primary Cluster and a replica cluster of it (CloudNativePG "replica clusters"), in two scopes
 * (namespaces, apps or regions), with the external cluster entries on both sides named after the two
 * Clusters. What would not match between the two sides is refused when the pair is declared.
 */
export class ReplicaClusterPair {
  /** The primary Cluster. */
  public readonly primary: Cluster;
  /** The replica cluster. */
  public readonly replica: Cluster;

  /**
   * @param props the two members and how the replica follows the primary
   */
  constructor(props: ReplicaClusterPairProps) {
    checkArgument('new ReplicaClusterPair(props)', 'ReplicaClusterPairProps', props);
    const distributed = props.distributed ?? true;
    const where = (m: ReplicaClusterMember) => `[${m.scope.node.path === '' ? m.id : `${m.scope.node.path}/${m.id}`}]`;
    const fail = (m: ReplicaClusterMember, violations: Violation[]) => {
      if (violations.length > 0) throw new Error(violations.map((v) => `${where(m)} ${formatViolation(v)}`).join('\n'));
    };
    for (const [member, role] of [[props.primary, 'primary'], [props.replica, 'replica']] as const) {
      const out: Violation[] = [];
      const name = member.props.metadata?.name;
      if (name === undefined || name === '') {
        out.push({ path: `${role}.props.metadata.name`, message: 'is missing; each member needs a name, which the other member\'s external cluster entry carries', source: 'library' });
      }
      if (member.props.replica !== undefined) out.push({ path: `${role}.props.replica`, message: 'is set by the pair; leave it out', source: 'library' });
      if (role === 'replica' && member.props.bootstrap !== undefined) {
        out.push({ path: 'replica.props.bootstrap', message: 'is set by the pair (see replicaBootstrap); leave it out', source: 'library' });
      }
      fail(member, out);
    }
    const primaryName = props.primary.props.metadata!.name!;
    const replicaName = props.replica.props.metadata!.name!;
    if (primaryName === replicaName) {
      fail(props.replica, [{
        path: 'replica.props.metadata.name',
        message: `both members are named ${show(primaryName)}; the names tell the members apart on both sides (a member whose name is the topology's primary considers itself the primary): give them different names`,
        source: 'library',
      }]);
    }
    const primaryEntry: ExternalCluster = { ...props.primary.connection, name: primaryName };
    const replicaEntry: ExternalCluster = { ...props.replica.connection, name: replicaName };
    const fromArchive = primaryEntry.barmanCloud !== undefined || primaryEntry.plugin !== undefined;
    const method = props.replicaBootstrap ?? (fromArchive ? ReplicaBootstrap.RECOVERY : ReplicaBootstrap.PG_BASEBACKUP);
    if (method === ReplicaBootstrap.RECOVERY && !fromArchive) {
      fail(props.replica, [{ path: 'replicaBootstrap', message: 'RECOVERY reads the primary\'s backups: give primary.connection.barmanCloud (or a plugin)', source: 'library' }]);
    }
    if (method === ReplicaBootstrap.PG_BASEBACKUP && primaryEntry.connectionParameters === undefined) {
      fail(props.replica, [{ path: 'replicaBootstrap', message: 'PG_BASEBACKUP streams from the primary: give primary.connection.connectionParameters', source: 'library' }]);
    }

    this.primary = new Cluster(props.primary.scope, props.primary.id, {
      ...props.primary.props,
      replica: distributed ? ReplicaSource.distributed({ primary: primaryEntry, source: replicaEntry, self: primaryEntry }) : undefined,
    });
    this.replica = new Cluster(props.replica.scope, props.replica.id, {
      ...props.replica.props,
      bootstrap: method === ReplicaBootstrap.RECOVERY
        ? Bootstrap.recovery({ from: RecoverySource.externalCluster(primaryEntry) })
        : Bootstrap.pgBasebackup({ source: primaryEntry }),
      replica: distributed
        ? ReplicaSource.distributed({ primary: primaryEntry, source: primaryEntry, self: replicaEntry, minApplyDelay: props.minApplyDelay })
        : ReplicaSource.fromExternalCluster(primaryEntry, { minApplyDelay: props.minApplyDelay }),
    });
  }
}
