import { Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import * as cnpg from '../../imports/postgresql.cnpg.io';
import { defined } from '../common/defined';
import { checkArgument } from '../resource/props-check';

// What the instance pods run with: environment, probes, security profile, service account, replication
// slots and the delays of the instance manager.

/** Options of a source of environment variables. */
export interface EnvSourceOptions {
  /**
   * Prefix of every variable name.
   * @default - none
   */
  readonly prefix?: string;
}

/** All the keys of a Secret or a ConfigMap, as environment variables of the instances (`spec.envFrom`). */
export class EnvSource {
  /** Every key of a Secret. */
  public static fromSecret(secret: kplus.ISecret, options: EnvSourceOptions = {}): EnvSource {
    checkArgument('EnvSource.fromSecret(secret)', 'cdk8s-plus-28.ISecret', secret);
    checkArgument('EnvSource.fromSecret(options)', 'EnvSourceOptions', options);
    return new EnvSource(defined({ secretRef: { name: secret.name }, prefix: options.prefix }));
  }

  /** Every key of a ConfigMap. */
  public static fromConfigMap(configMap: kplus.IConfigMap, options: EnvSourceOptions = {}): EnvSource {
    checkArgument('EnvSource.fromConfigMap(configMap)', 'cdk8s-plus-28.IConfigMap', configMap);
    checkArgument('EnvSource.fromConfigMap(options)', 'EnvSourceOptions', options);
    return new EnvSource(defined({ configMapRef: { name: configMap.name }, prefix: options.prefix }));
  }

  /** The Secret's or ConfigMap's name. */
  public readonly name: string;

  /** @internal */
  public readonly _kube: cnpg.ClusterSpecEnvFrom;

  private constructor(kube: cnpg.ClusterSpecEnvFrom) {
    this._kube = kube;
    this.name = (kube.secretRef ?? kube.configMapRef)!.name!;
  }
}

/** How PostgreSQL's readiness (and startup) is probed. */
export enum ProbeStrategy {
  /** `pg_isready` (the default). */
  PG_ISREADY = 'pg_isready',
  /** A replica is ready when it streams, within `maximumLag` when set. */
  STREAMING = 'streaming',
  /** A query answers. */
  QUERY = 'query',
}

/** Timing of a probe of the instances. */
export interface ProbeOptions {
  /**
   * Wait before the first probe (whole seconds).
   * @default - Kubernetes' default
   */
  readonly initialDelay?: Duration;
  /**
   * Time between probes (whole seconds).
   * @default - Kubernetes' default (10 s)
   */
  readonly period?: Duration;
  /**
   * Time a probe may take (whole seconds).
   * @default - Kubernetes' default (1 s)
   */
  readonly timeout?: Duration;
  /**
   * Successes in a row to pass after a failure.
   * @default 1
   */
  readonly successThreshold?: number;
  /**
   * Failures in a row to fail.
   * @default 3
   */
  readonly failureThreshold?: number;
  /**
   * Grace period of the pod's termination after a failed probe (whole seconds).
   * @default - the pod's
   */
  readonly terminationGracePeriod?: Duration;
}

/** The startup or readiness probe, with its strategy. */
export interface ReadinessProbeOptions extends ProbeOptions {
  /**
   * The strategy.
   * @default ProbeStrategy.PG_ISREADY
   */
  readonly type?: ProbeStrategy;
  /**
   * With `STREAMING`, the replication lag above which a replica is not ready.
   * @default - any lag
   */
  readonly maximumLag?: Size;
}

/** The primary isolation check of the liveness probe. */
export interface IsolationCheck {
  /**
   * Whether a primary that cannot reach the API server or the other instances is restarted.
   * @default true
   */
  readonly enabled?: boolean;
  /**
   * Timeout of its requests (whole milliseconds).
   * @default Duration.millis(1000)
   */
  readonly requestTimeout?: Duration;
  /**
   * Timeout of its connections (whole milliseconds).
   * @default Duration.millis(1000)
   */
  readonly connectionTimeout?: Duration;
}

/** The liveness probe. */
export interface LivenessProbeOptions extends ProbeOptions {
  /**
   * The primary isolation check.
   * @default - the operator's (enabled)
   */
  readonly isolationCheck?: IsolationCheck;
}

/** The probes of the PostgreSQL container (`spec.probes`). */
export interface ClusterProbes {
  /**
   * Startup probe.
   * @default - the operator's
   */
  readonly startup?: ReadinessProbeOptions;
  /**
   * Liveness probe.
   * @default - the operator's
   */
  readonly liveness?: LivenessProbeOptions;
  /**
   * Readiness probe.
   * @default - the operator's
   */
  readonly readiness?: ReadinessProbeOptions;
}

/** Kind of seccomp profile. */
export enum SeccompProfileType {
  /** The container runtime's default profile (the operator's default). */
  RUNTIME_DEFAULT = 'RuntimeDefault',
  /** No seccomp filtering. */
  UNCONFINED = 'Unconfined',
  /** A profile file on the node (`localhostProfile`). */
  LOCALHOST = 'Localhost',
}

/** The seccomp profile of every pod and container of the Cluster. */
export interface SeccompProfile {
  /** The kind of profile. */
  readonly type: SeccompProfileType;
  /**
   * With `LOCALHOST`, the profile's path relative to the kubelet's seccomp directory.
   * @default - none
   */
  readonly localhostProfile?: string;
}

/** Metadata of the ServiceAccount the operator creates for the Cluster. */
export interface ServiceAccountTemplate {
  /**
   * Labels (e.g. for a workload identity).
   * @default - none
   */
  readonly labels?: { [key: string]: string };
  /**
   * Annotations (e.g. `eks.amazonaws.com/role-arn`, `iam.gke.io/gcp-service-account`).
   * @default - none
   */
  readonly annotations?: { [key: string]: string };
}

/** Replication slots the operator manages (`spec.replicationSlots`). */
export interface ReplicationSlotsOptions {
  /**
   * Slots on the primary for each replica (high availability), and on each replica for the others.
   * @default true
   */
  readonly highAvailability?: boolean;
  /**
   * Prefix of those slots' names (lower case letters, digits and `_`).
   * @default "_cnpg_"
   */
  readonly slotPrefix?: string;
  /**
   * Synchronise logical decoding slots to the replicas (PostgreSQL 17+ `sync_replication_slots`).
   * @default false
   */
  readonly synchronizeLogicalDecoding?: boolean;
  /**
   * Synchronise the user's physical replication slots to the replicas.
   * @default true
   */
  readonly synchronizeReplicas?: boolean;
  /**
   * Regular expressions of slot names not synchronised.
   * @default - none
   */
  readonly excludePatterns?: string[];
  /**
   * How often a replica updates the state of its slots (whole seconds).
   * @default Duration.seconds(30)
   */
  readonly updateInterval?: Duration;
}
