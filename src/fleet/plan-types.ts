// The data of a rollout plan: what `RolloutPlan` exposes and `cdk8s-cnpg plan --json` prints
// (schemas/plan.schema.json describes the JSON).

/** What happens to one Cluster. */
export enum ClusterAction {
  /** Its pods are recreated or restarted one by one (gated by the rollout delays). */
  ROLLING_UPDATE = 'rolling-update',
  /** An offline, in-place major upgrade (`pg_upgrade`): all pods stop; not gated by the delays. */
  MAJOR_UPGRADE = 'major-upgrade',
  /** The change would be refused: by the admission webhook, or by the plan itself (a binary downgrade through a catalog). */
  REFUSED = 'refused',
  /** The change is accepted but the Cluster would fail (e.g. its catalog lacks the major). */
  BROKEN = 'broken',
  /** A new Cluster. */
  CREATED = 'created',
  /** A Cluster removed from the manifests: refused unless deletions are allowed. */
  DELETED = 'deleted',
  /** Nothing that rolls the pods changed. */
  UNCHANGED = 'unchanged',
  /** The manifest is invalid (the API server would refuse it): the plan cannot say what happens. */
  INVALID = 'invalid',
}

/** What happens to one Pooler (a Deployment of PgBouncer pods, rolled by Kubernetes, not gated by the operator's delays). */
export enum PoolerAction {
  /** The Deployment's pod template changes: Kubernetes replaces the PgBouncer pods. */
  ROLLING_UPDATE = 'rolling-update',
  /** Only the configuration or the replica count changes: PgBouncer reloads, no pod restarts. */
  RECONFIGURED = 'reconfigured',
  /** The Pooler would fail to resolve its image (its catalog or key is missing). */
  BROKEN = 'broken',
  /** A new Pooler. */
  CREATED = 'created',
  /** A Pooler removed from the manifests. */
  DELETED = 'deleted',
  /** Nothing changed. */
  UNCHANGED = 'unchanged',
  /** The manifest is invalid. */
  INVALID = 'invalid',
}

/** An image of a catalog that changed for a major. */
export interface CatalogImageChange {
  /** `Kind/name` or `Kind/namespace/name`. */
  readonly catalog: string;
  /** PostgreSQL major. */
  readonly major: number;
  /** `updated`, `added` or `removed`. */
  readonly change: string;
  /**
   * Image before.
   * @default - none (added)
   */
  readonly before?: string;
  /**
   * Image after.
   * @default - none (removed)
   */
  readonly after?: string;
  /** `old tag → new tag`, for people. */
  readonly summary: string;
}

/** A component image of a catalog (`spec.componentImages`, e.g. `pgbouncer`) that changed. */
export interface CatalogComponentChange {
  /** `Kind/name` or `Kind/namespace/name`. */
  readonly catalog: string;
  /** The component key. */
  readonly key: string;
  /** `updated`, `added` or `removed`. */
  readonly change: string;
  /**
   * Image before.
   * @default - none (added)
   */
  readonly before?: string;
  /**
   * Image after.
   * @default - none (removed)
   */
  readonly after?: string;
  /** `old tag → new tag`, for people. */
  readonly summary: string;
}

/** What happens to one Cluster, and why. */
export interface ClusterChange {
  /** `namespace/name`. */
  readonly cluster: string;
  /** What happens. */
  readonly action: ClusterAction;
  /** Why, for people. */
  readonly reasons: string[];
  /** Pods rolled (spec.instances) for a rolling update, else 0. */
  readonly podRollouts: number;
  /**
   * Major before.
   * @default - unknown or new
   */
  readonly majorBefore?: number;
  /**
   * Major after.
   * @default - unknown or deleted
   */
  readonly majorAfter?: number;
  /** The primary waits for `kubectl cnpg promote`/`restart` (supervised): not counted in the timing. */
  readonly supervised: boolean;
  /** The Cluster fields whose change rolls the pods (`spec.stopDelay`, `spec.resources`, …); empty when none. */
  readonly rolledBy: string[];
  /**
   * The catalog wave the Cluster belongs to (see `CatalogWaves`).
   * @default - not in a wave
   */
  readonly wave?: string;
}

/** What happens to one Pooler, and why. */
export interface PoolerChange {
  /** `namespace/name`. */
  readonly pooler: string;
  /**
   * The Cluster it pools (`spec.cluster.name`).
   * @default - unknown
   */
  readonly cluster?: string;
  /** What happens. */
  readonly action: PoolerAction;
  /** Why, for people. */
  readonly reasons: string[];
  /** PgBouncer pods replaced (spec.instances) for a rolling update, else 0. */
  readonly podRollouts: number;
}

/** A problem found by the plan: an invalid input, a refusal, or a warning. */
export interface PlanMessage {
  /** What it is about: `Cluster tenants/a`, `ClusterImageCatalog/x`, a file. */
  readonly subject: string;
  /** What is wrong, for people. */
  readonly message: string;
}

/** What one catalog wave (see `CatalogWaves`) rolls. */
export interface WavePlan {
  /** The wave's name. */
  readonly wave: string;
  /** The wave's position, from 0 (the first wave). */
  readonly order: number;
  /** The catalog of the waves' flavour they belong to (`postgresql-minimal-trixie`). */
  readonly group: string;
  /** The wave's catalog, `ClusterImageCatalog/<name>`. */
  readonly catalog: string;
  /**
   * The official snapshot the wave pins before.
   * @default - not an official snapshot, or a new wave
   */
  readonly snapshotBefore?: string;
  /**
   * The official snapshot the wave pins after.
   * @default - not an official snapshot, or a removed wave
   */
  readonly snapshotAfter?: string;
  /** Clusters of the wave (after). */
  readonly clusters: number;
  /** Clusters of the wave with a rolling update. */
  readonly rollingClusters: number;
  /** Pod rollouts of the wave. */
  readonly podRollouts: number;
  /** Offline major upgrades of the wave. */
  readonly majorUpgrades: number;
  /** Clusters of the wave whose change is refused or breaks them. */
  readonly refused: number;
}

/** The minimum time until the fleet has converged, and the model used. */
export interface RolloutTiming {
  /** CLUSTERS_ROLLOUT_DELAY, in seconds. */
  readonly clustersRolloutDelaySeconds: number;
  /** INSTANCES_ROLLOUT_DELAY, in seconds. */
  readonly instancesRolloutDelaySeconds: number;
  /** Where the delays come from. */
  readonly delaysFrom: string;
  /** Clusters with a rolling update. */
  readonly rollingClusters: number;
  /** Pod rollouts in all. */
  readonly podRollouts: number;
  /** Delays between pod rollouts that cross clusters in the best order. */
  readonly clusterGaps: number;
  /** Delays between pod rollouts of the same cluster in the best order. */
  readonly instanceGaps: number;
  /** Minimum seconds until the last pod rollout may start. */
  readonly minimumSeconds: number;
  /** The model, in words. */
  readonly model: string;
}

/** Options of a rollout plan. */
export interface RolloutPlanOptions {
  /**
   * Deleting Clusters is intended: report deletions without refusing them.
   * @default false
   */
  readonly allowDelete?: boolean;

  /**
   * The day the plan is made, for the end-of-life warnings (PostgreSQL majors, Debian releases).
   * @default - the current date
   */
  readonly today?: Date;
}
