import { deepEqual } from '../common/deep-equal';
import { pushAll } from '../common/errors';
import { isObject } from '../common/json';
import { parseQuantity } from '../rules/quantity';

// What of a Cluster's spec reaches its instance Pods, and so rolls them when it changes.
//
// CloudNativePG 1.30.0 rebuilds the whole instance Pod from the Cluster (specs.NewInstance →
// buildInstance / createClusterPodSpec in pkg/specs/pods.go, containers.go, volumes.go) and compares it
// with the PodSpec stored on each running Pod (checkPodSpecIsOutdated in internal/controller/
// cluster_upgrade.go → specs.ComparePodSpecs in pkg/specs/podspec_diff.go). ComparePodSpecs compares the
// volumes, the containers (image, environment, the three probes, command, resources (semantically), ports,
// security context, volume mounts), the init containers other than the bootstrap controller, and the Pod's
// security context, affinity, tolerations, node selector, topology spread constraints, service account,
// scheduler, hostname and termination grace period. Anything else the Pod carries (priorityClassName, the
// containers' imagePullPolicy, labels, annotations) is written to new Pods but never compared.
//
// Each part below names the Cluster fields it is built from and builds the value the operator would build,
// defaults applied, so that `stopDelay: 1800` and no stopDelay compare equal, and `1Gi` equals `1024Mi`.
// Empty and absent are the same (the PodSpec annotation is stored with `omitempty`).

/** The annotation that disables the PodSpec comparison (utils.ReconcilePodSpecAnnotationName). */
export const RECONCILE_POD_SPEC_ANNOTATION = 'cnpg.io/reconcilePodSpec';
/** The annotation whose change restarts every instance (utils.ClusterRestartAnnotationName). */
export const RESTART_ANNOTATION = 'kubectl.kubernetes.io/restartedAt';
/** A JSON patch applied to every instance Pod (utils.PodPatchAnnotationName). */
export const POD_PATCH_ANNOTATION = 'cnpg.io/podPatch';
/** Adds the pprof port and flag (utils.EnableInstancePprofAnnotationName). */
export const PPROF_ANNOTATION = 'alpha.cnpg.io/enableInstancePprof';

const DEFAULT_STOP_DELAY = 1800; // Cluster.GetMaxStopDelay
const DEFAULT_START_DELAY = 3600; // DefaultStartupDelay
const DEFAULT_POSTGRES_ID = 26; // DefaultPostgresUID / DefaultPostgresGID
const PROBE_PERIOD = 10; // StartupProbePeriod, ReadinessProbePeriod, LivenessProbePeriod
const PROBE_TIMEOUT = 5;
const PROJECTED_DEFAULT_MODE = 0o644; // corev1.ProjectedVolumeSourceDefaultMode

/** One part of the instance Pod, the Cluster fields it is built from, and how the operator builds it. */
interface PodPart {
  /** The part of the Pod, as ComparePodSpecs names it. */
  readonly pod: string;
  /** The Cluster fields it is built from (dotted paths; annotations as `metadata.annotations["…"]`). */
  readonly fields: readonly string[];
  /** The value the operator builds from the Cluster. */
  readonly build: (cluster: any) => unknown;
  /** Also checked when `cnpg.io/reconcilePodSpec: disabled` (the missing-PVC and projected-volume checks). */
  readonly always?: boolean;
}

/** A value with empty objects, empty lists, null and undefined removed (absent and empty compare equal). */
export function compact(value: unknown): unknown {
  if (Array.isArray(value)) {
    const out = value.map(compact);
    return out.length === 0 ? undefined : out;
  }
  if (isObject(value)) {
    const out: { [k: string]: unknown } = {};
    for (const key of Object.keys(value)) {
      const v = compact(value[key]);
      if (v !== undefined) out[key] = v;
    }
    return Object.keys(out).length === 0 ? undefined : out;
  }
  return value === null ? undefined : value;
}

/** A quantity by its value (`equality.Semantic` compares quantities with Cmp), or the text when it does not parse. */
function quantity(value: unknown): unknown {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return value;
  return parseQuantity(value) ?? value;
}

function quantities(map: unknown): unknown {
  if (!isObject(map)) return map;
  const out: { [k: string]: unknown } = {};
  for (const key of Object.keys(map)) out[key] = quantity(map[key]);
  return out;
}

/** A dotted path (`spec.affinity.tolerations`) of a manifest; `metadata.annotations["x"]` reads an annotation. */
export function fieldValue(obj: any, field: string): unknown {
  const named = /^metadata\.annotations\["(.+)"\]$/.exec(field);
  if (named) return obj?.metadata?.annotations?.[named[1]];
  let value = obj;
  for (const key of field.split('.')) value = isObject(value) ? value[key] : undefined;
  return value;
}

function annotation(name: string): string {
  return `metadata.annotations["${name}"]`;
}

function positive(value: unknown, fallback: number): number {
  return typeof value === 'number' && value > 0 ? value : fallback;
}

function seccomp(spec: any): unknown {
  return spec.seccompProfile ?? { type: 'RuntimeDefault' };
}

/** specs.GetSecurityContext: the user's container security context with the operator's defaults filled in. */
function containerSecurityContext(spec: any): unknown {
  const defaults = {
    seccompProfile: seccomp(spec),
    capabilities: { drop: ['ALL'] },
    privileged: false,
    runAsNonRoot: true,
    readOnlyRootFilesystem: true,
    allowPrivilegeEscalation: false,
  };
  if (!isObject(spec.securityContext)) return defaults;
  const out: { [k: string]: unknown } = { ...spec.securityContext };
  for (const [key, value] of Object.entries(defaults)) if (out[key] === undefined || out[key] === null) out[key] = value;
  return out;
}

/** specs.GetPodSecurityContext: defaults unless the user gives one, then only the IDs and seccomp filled in. */
function podSecurityContext(spec: any): unknown {
  const uid = positive(spec.postgresUID, DEFAULT_POSTGRES_ID);
  const gid = positive(spec.postgresGID, DEFAULT_POSTGRES_ID);
  if (!isObject(spec.podSecurityContext)) {
    return { seccompProfile: seccomp(spec), runAsUser: uid, runAsGroup: gid, runAsNonRoot: true, fsGroup: gid };
  }
  const out: { [k: string]: unknown } = { ...spec.podSecurityContext };
  out.runAsUser ??= uid;
  out.runAsGroup ??= gid;
  out.seccompProfile ??= seccomp(spec);
  return out;
}

/** specs.CreateAffinitySection: the generated anti-affinity term (mutating-webhook default `preferred`) and the user's additions. */
function affinity(cluster: any): unknown {
  const a = isObject(cluster.spec?.affinity) ? cluster.spec.affinity : {};
  const required: unknown[] = [];
  const preferred: unknown[] = [];
  if (a.enablePodAntiAffinity !== false) {
    const type = a.podAntiAffinityType || 'preferred';
    const term = { clusterName: cluster.metadata?.name, topologyKey: a.topologyKey || 'kubernetes.io/hostname' };
    if (type === 'required') required.push(term);
    else if (type === 'preferred') preferred.push({ weight: 100, term });
  }
  const extraRequired = a.additionalPodAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  const extraPreferred = a.additionalPodAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution;
  if (Array.isArray(extraRequired)) pushAll(required, extraRequired);
  if (Array.isArray(extraPreferred)) pushAll(preferred, extraPreferred);
  return { required, preferred, podAffinity: a.additionalPodAffinity, nodeAffinity: a.nodeAffinity };
}

/** getFailureThreshold: ceil(delay / period), at least 1. */
function failureThreshold(delay: number, period: number): number {
  return delay <= period ? 1 : Math.ceil(delay / period);
}

/** The default probe with the user's non-zero settings applied (Probe.ApplyInto). */
function probe(user: any, period = PROBE_PERIOD): { [k: string]: unknown } {
  const out: { [k: string]: unknown } = {
    initialDelaySeconds: 0, timeoutSeconds: PROBE_TIMEOUT, periodSeconds: period, successThreshold: 0, failureThreshold: 0,
  };
  if (!isObject(user)) return out;
  for (const key of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold']) {
    if (typeof user[key] === 'number' && user[key] !== 0) out[key] = user[key];
  }
  if (user.terminationGracePeriodSeconds !== undefined && user.terminationGracePeriodSeconds !== null) {
    out.terminationGracePeriodSeconds = user.terminationGracePeriodSeconds;
  }
  return out;
}

/** createPostgresContainers: the three probes, with the start delay and liveness timeout turned into thresholds. */
function probes(spec: any): unknown {
  const startup = probe(spec.probes?.startup);
  if (startup.failureThreshold === 0) {
    startup.failureThreshold = failureThreshold(positive(spec.startDelay, DEFAULT_START_DELAY), startup.periodSeconds as number);
  }
  const liveness = probe(spec.probes?.liveness);
  if (typeof spec.livenessProbeTimeout === 'number' && liveness.failureThreshold === 0) {
    liveness.failureThreshold = failureThreshold(spec.livenessProbeTimeout, liveness.periodSeconds as number);
  }
  return { startup, readiness: probe(spec.probes?.readiness), liveness };
}

/** Every part of the instance Pod a Cluster field can change, in the order reasons list them. */
const PARTS: readonly PodPart[] = [
  { pod: 'containers[postgres].env', fields: ['spec.env', 'spec.envFrom'], build: (c) => [c.spec?.env, c.spec?.envFrom] },
  { pod: 'containers[postgres].resources', fields: ['spec.resources'], build: (c) => ({ limits: quantities(c.spec?.resources?.limits), requests: quantities(c.spec?.resources?.requests), claims: c.spec?.resources?.claims }) },
  { pod: 'containers[postgres].securityContext', fields: ['spec.securityContext', 'spec.seccompProfile'], build: (c) => containerSecurityContext(c.spec ?? {}) },
  { pod: 'securityContext', fields: ['spec.podSecurityContext', 'spec.postgresUID', 'spec.postgresGID', 'spec.seccompProfile'], build: (c) => podSecurityContext(c.spec ?? {}) },
  {
    pod: 'affinity',
    fields: ['spec.affinity.enablePodAntiAffinity', 'spec.affinity.podAntiAffinityType', 'spec.affinity.topologyKey', 'spec.affinity.additionalPodAffinity', 'spec.affinity.additionalPodAntiAffinity', 'spec.affinity.nodeAffinity'],
    build: affinity,
  },
  { pod: 'tolerations', fields: ['spec.affinity.tolerations'], build: (c) => c.spec?.affinity?.tolerations },
  { pod: 'nodeSelector', fields: ['spec.affinity.nodeSelector'], build: (c) => c.spec?.affinity?.nodeSelector },
  { pod: 'topologySpreadConstraints', fields: ['spec.topologySpreadConstraints'], build: (c) => c.spec?.topologySpreadConstraints },
  { pod: 'serviceAccountName', fields: ['spec.serviceAccountName'], build: (c) => c.spec?.serviceAccountName || c.metadata?.name },
  { pod: 'schedulerName', fields: ['spec.schedulerName'], build: (c) => c.spec?.schedulerName },
  { pod: 'terminationGracePeriodSeconds', fields: ['spec.stopDelay'], build: (c) => positive(c.spec?.stopDelay, DEFAULT_STOP_DELAY) },
  {
    pod: 'containers[postgres] probes',
    fields: ['spec.probes.startup', 'spec.probes.readiness', 'spec.probes.liveness', 'spec.startDelay', 'spec.livenessProbeTimeout'],
    build: (c) => probes(c.spec ?? {}),
  },
  {
    pod: 'containers[postgres].command',
    fields: ['spec.logLevel', 'spec.monitoring.tls.enabled', annotation(PPROF_ANNOTATION)],
    build: (c) => [c.spec?.logLevel || 'info', c.spec?.monitoring?.tls?.enabled === true, c.metadata?.annotations?.[PPROF_ANNOTATION] === 'true'],
  },
  { pod: 'volumes[pg-wal] (a new PVC)', fields: ['spec.walStorage'], build: (c) => c.spec?.walStorage !== undefined && c.spec?.walStorage !== null, always: true },
  {
    pod: 'volumes[tbs-*] (new PVCs)',
    fields: ['spec.tablespaces'],
    build: (c) => (Array.isArray(c.spec?.tablespaces) ? c.spec.tablespaces.map((t: any) => t?.name).sort() : []),
    always: true,
  },
  {
    pod: 'volumes[projected]',
    fields: ['spec.projectedVolumeTemplate'],
    build: (c) => {
      const t = c.spec?.projectedVolumeTemplate;
      if (!isObject(t) || !Array.isArray(t.sources) || t.sources.length === 0) return undefined;
      return { ...t, defaultMode: t.defaultMode ?? PROJECTED_DEFAULT_MODE };
    },
    always: true,
  },
  {
    pod: 'volumes[scratch-data]',
    fields: ['spec.ephemeralVolumeSource', 'spec.ephemeralVolumesSizeLimit.temporaryData'],
    build: (c) => (c.spec?.ephemeralVolumeSource
      ? { ephemeral: c.spec.ephemeralVolumeSource }
      : { sizeLimit: quantity(c.spec?.ephemeralVolumesSizeLimit?.temporaryData) }),
  },
  { pod: 'volumes[shm]', fields: ['spec.ephemeralVolumesSizeLimit.shm'], build: (c) => quantity(c.spec?.ephemeralVolumesSizeLimit?.shm) },
  { pod: 'the whole Pod (a JSON patch)', fields: [annotation(POD_PATCH_ANNOTATION)], build: (c) => c.metadata?.annotations?.[POD_PATCH_ANNOTATION] },
  // Plugins take part through their lifecycle hook (OperationVerbEvaluate in specs.NewInstance): the
  // Barman Cloud plugin, for one, injects its sidecar into every instance Pod.
  { pod: 'sidecars injected by plugins', fields: ['spec.plugins'], build: (c) => c.spec?.plugins },
];

/** The Cluster fields whose change rolls the instance Pods, with the part of the Pod each changes. */
export interface PodFieldChange {
  /** The Cluster field, e.g. `spec.stopDelay`. */
  readonly field: string;
  /** The part of the instance Pod, e.g. `terminationGracePeriodSeconds`. */
  readonly pod: string;
}

/**
 * The Cluster fields whose change makes the operator roll the instance Pods, between two versions of one
 * Cluster (the order of PARTS). With `cnpg.io/reconcilePodSpec: disabled` on the new Cluster, only the
 * checks that run before the PodSpec comparison count (new PVCs, the projected volume).
 */
export function podFieldChanges(before: any, after: any): PodFieldChange[] {
  const disabled = after?.metadata?.annotations?.[RECONCILE_POD_SPEC_ANNOTATION] === 'disabled';
  const out: PodFieldChange[] = [];
  for (const part of PARTS) {
    if (disabled && !part.always) continue;
    const a = compact(part.build(before));
    const b = compact(part.build(after));
    if (deepEqual(a, b)) continue;
    // A PVC is attached when the volume appears; removing it changes the PodSpec only.
    const changed = part.fields.filter((f) => !deepEqual(compact(fieldValue(before, f)), compact(fieldValue(after, f))));
    for (const field of changed.length > 0 ? changed : part.fields) out.push({ field, pod: part.pod });
  }
  return out;
}

/** Fields written to new Pods that the operator never compares: a change waits for the next rollout. */
export const UNCOMPARED_FIELDS: readonly string[] = ['spec.imagePullPolicy', 'spec.priorityClassName'];

/**
 * PostgreSQL parameters that take effect only when PostgreSQL restarts (`pg_settings.context =
 * 'postmaster'` in PostgreSQL 13 to 18) and that a Cluster may set: a change leaves the instances in
 * `pending_restart`, and the operator restarts them one by one through the rollout slot
 * (isInstanceNeedingRollout, "Postgres needs a restart to apply some configuration changes").
 */
export const RESTART_PARAMETERS: ReadonlySet<string> = new Set([
  'dynamic_shared_memory_type', 'huge_pages', 'huge_page_size', 'max_connections', 'max_files_per_process',
  'max_locks_per_transaction', 'max_logical_replication_workers', 'max_pred_locks_per_transaction',
  'max_prepared_transactions', 'max_replication_slots', 'max_wal_senders', 'max_worker_processes',
  'shared_buffers', 'shared_memory_type', 'superuser_reserved_connections', 'track_activity_query_size',
  'track_commit_timestamp', 'wal_buffers', 'wal_level', 'wal_log_hints', 'shared_preload_libraries',
]);

/** The operator's own defaults of restart parameters (CnpgConfigurationSettings.GlobalDefaultSettings). */
const OPERATOR_PARAMETER_DEFAULTS: { readonly [name: string]: string } = {
  dynamic_shared_memory_type: 'posix',
  max_replication_slots: '32',
  max_worker_processes: '32',
  shared_memory_type: 'mmap',
  wal_level: 'logical',
  wal_log_hints: 'on',
};

/** A restart parameter that changed, with its values (`default` when unset). */
export interface ParameterChange {
  readonly name: string;
  readonly before: string;
  readonly after: string;
}

function parameterValue(cluster: any, name: string): string | undefined {
  if (name === 'shared_preload_libraries') {
    const list = cluster?.spec?.postgresql?.shared_preload_libraries;
    return Array.isArray(list) && list.length > 0 ? [...list].sort().join(',') : undefined;
  }
  const value = cluster?.spec?.postgresql?.parameters?.[name];
  return value === undefined || value === null ? OPERATOR_PARAMETER_DEFAULTS[name] : String(value);
}

/** Restart parameters (and `shared_preload_libraries`) whose value changed between two versions of a Cluster. */
export function restartParameterChanges(before: any, after: any): ParameterChange[] {
  const names = new Set<string>(['shared_preload_libraries']);
  for (const c of [before, after]) {
    const params = c?.spec?.postgresql?.parameters;
    if (isObject(params)) for (const name of Object.keys(params)) if (RESTART_PARAMETERS.has(name)) names.add(name);
  }
  const out: ParameterChange[] = [];
  for (const name of [...names].sort()) {
    const a = parameterValue(before, name);
    const b = parameterValue(after, name);
    if (a !== b) out.push({ name, before: a ?? 'default', after: b ?? 'default' });
  }
  return out;
}
