import { OFFICIAL_CATALOGS } from '../catalog/official-catalogs.generated';
import { CNPG_GROUP, OPERATOR_CONFIG_NAME } from '../common/constants';
import { deepEqual } from '../common/deep-equal';
import { readManifestDir } from '../common/yaml';
import { OPERATOR_DEFAULT_IMAGE } from '../rules/defaults';
import { parseImageReference } from '../rules/rules';
import { majorFromImageName } from '../rules/webhook';

// What merging a change of synthesised manifests will do to a CNPG fleet: which catalogs change, which
// Clusters roll and why, which start an offline major upgrade, which changes the operator would refuse,
// and how long the fleet needs at least to converge under the operator's rollout delays.

const GROUP = `${CNPG_GROUP}/`;
const CONFIG_NAME = OPERATOR_CONFIG_NAME;
/** The operator requeues a delayed Cluster after this many seconds. */
const REQUEUE_SECONDS = 15;

/** What happens to one Cluster. */
export enum ClusterAction {
  /** Its pods are recreated one by one (gated by the rollout delays). */
  ROLLING_UPDATE = 'rolling-update',
  /** An offline, in-place major upgrade (`pg_upgrade`): all pods stop; not gated by the delays. */
  MAJOR_UPGRADE = 'major-upgrade',
  /** The admission webhook would refuse the change. */
  REFUSED = 'refused',
  /** The change is accepted but the Cluster would fail (e.g. its catalog lacks the major). */
  BROKEN = 'broken',
  /** A new Cluster. */
  CREATED = 'created',
  /** A Cluster removed from the manifests. */
  DELETED = 'deleted',
  /** Nothing that rolls the pods changed. */
  UNCHANGED = 'unchanged',
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

interface Resolved {
  readonly major?: number;
  readonly image?: string;
  readonly catalog?: string;
  /** Extension name → resolved image reference. */
  readonly extensions: Map<string, string | undefined>;
  readonly error?: string;
  /** The catalog is neither in the manifests nor official: its images are unknown. */
  readonly external?: boolean;
  /** No image in the spec: the operator's default, written into the spec when the Cluster is created. */
  readonly defaultedAtCreation?: boolean;
}

interface Fleet {
  readonly catalogs: Map<string, any>;
  readonly clusters: Map<string, any>;
  readonly config: { [key: string]: string };
  readonly configSource: string;
}

function isCnpg(doc: any, kind: string): boolean {
  return doc?.kind === kind && typeof doc?.apiVersion === 'string' && doc.apiVersion.startsWith(GROUP);
}

function catalogKey(kind: string, namespace: string | undefined, name: string): string {
  return kind === 'ClusterImageCatalog' ? `ClusterImageCatalog/${name}` : `ImageCatalog/${namespace ?? 'default'}/${name}`;
}

/** Keys by which an operator configuration under another name is recognised. */
const CONFIG_KEYS = ['CLUSTERS_ROLLOUT_DELAY', 'INSTANCES_ROLLOUT_DELAY', 'OPERATOR_IMAGE_NAME', 'POSTGRES_IMAGE_NAME', 'INHERITED_LABELS'];

function isOperatorConfig(doc: any): boolean {
  if (doc?.apiVersion !== 'v1' || (doc.kind !== 'ConfigMap' && doc.kind !== 'Secret')) return false;
  if (doc.metadata?.name === CONFIG_NAME) return true;
  const keys = Object.keys({ ...doc.data, ...doc.stringData });
  return keys.some((k) => CONFIG_KEYS.includes(k));
}

function configData(doc: any, where: string): { [k: string]: string } {
  const out: { [k: string]: string } = {};
  const entries: Array<[string, unknown, boolean]> = [
    ...Object.entries(doc.data ?? {}).map(([k, v]) => [k, v, doc.kind === 'Secret'] as [string, unknown, boolean]),
    ...Object.entries(doc.stringData ?? {}).map(([k, v]) => [k, v, false] as [string, unknown, boolean]),
  ];
  for (const [key, value, base64] of entries) {
    if (typeof value !== 'string') {
      throw new Error(`${where}: ${key} is ${JSON.stringify(value)} (a ${typeof value}); ConfigMap and Secret values are strings: quote it ('${String(value)}')`);
    }
    out[key] = base64 ? Buffer.from(value, 'base64').toString('utf8') : value;
  }
  return out;
}

function indexFleet(docs: any[]): Fleet {
  const catalogs = new Map<string, any>();
  const clusters = new Map<string, any>();
  const configMap: { [k: string]: string } = {};
  const secret: { [k: string]: string } = {};
  const sources: string[] = [];
  for (const doc of docs) {
    if (isCnpg(doc, 'ClusterImageCatalog') || isCnpg(doc, 'ImageCatalog')) {
      catalogs.set(catalogKey(doc.kind, doc.metadata?.namespace, doc.metadata?.name), doc);
    } else if (isCnpg(doc, 'Cluster')) {
      clusters.set(`${doc.metadata?.namespace ?? 'default'}/${doc.metadata?.name}`, doc);
    } else if (isOperatorConfig(doc)) {
      const where = `${doc.kind} ${doc.metadata?.namespace ?? 'default'}/${doc.metadata?.name}`;
      Object.assign(doc.kind === 'ConfigMap' ? configMap : secret, configData(doc, where));
      sources.push(where);
    }
  }
  // The operator reads the ConfigMap, then the Secret: the Secret wins.
  return { catalogs, clusters, config: { ...configMap, ...secret }, configSource: sources.join(' + ') };
}

function catalogImages(catalog: any): Map<number, any> {
  return new Map((catalog?.spec?.images ?? []).map((i: any) => [Number(i.major), i]));
}

/** An official catalog installed elsewhere: the data the library ships (extension-enabled when needed). */
function shippedCatalog(name: string, wantsExtensions: boolean): any | undefined {
  const candidates = OFFICIAL_CATALOGS.filter((c) => c.name === name);
  const record = candidates.find((c) => c.withExtensions === wantsExtensions) ?? candidates[0];
  if (!record) return undefined;
  return {
    spec: {
      images: record.images.map((i) => ({
        major: i.major,
        image: i.image,
        extensions: i.extensions?.map((e) => ({ name: e.name, image: { reference: e.reference } })),
      })),
    },
  };
}

function resolveCluster(cluster: any, fleet: Fleet, other: Fleet): Resolved {
  const spec = cluster?.spec ?? {};
  const own: any[] = spec.postgresql?.extensions ?? [];
  const ref = spec.imageCatalogRef;
  if (ref) {
    const key = catalogKey(ref.kind, cluster.metadata?.namespace, ref.name);
    const major = Number(ref.major);
    let catalog = fleet.catalogs.get(key);
    let source = key;
    if (!catalog) {
      if (other.catalogs.has(key)) {
        // it was in the other set of manifests: this one removed it
        return { major, catalog: key, extensions: new Map(), error: `catalog ${ref.kind}/${ref.name} not found` };
      }
      catalog = ref.kind === 'ClusterImageCatalog' ? shippedCatalog(ref.name, own.length > 0) : undefined;
      if (!catalog) return { major, catalog: key, extensions: new Map(own.map((e) => [e.name, e.image?.reference])), external: true };
      source = `${key} (installed elsewhere; the library's official data)`;
    }
    const entry = catalogImages(catalog).get(major);
    if (!entry) {
      return { major, catalog: source, extensions: new Map(), error: `selected major version is not available in the catalog (Cannot find major ${major} in ${ref.kind}/${ref.name})` };
    }
    const defined = new Map<string, any>((entry.extensions ?? []).map((e: any) => [e.name, e]));
    const extensions = new Map<string, string | undefined>();
    for (const e of own) extensions.set(e.name, e.image?.reference || defined.get(e.name)?.image?.reference);
    return { major, image: entry.image, catalog: source, extensions };
  }
  const extensions = new Map<string, string | undefined>(own.map((e) => [e.name, e.image?.reference]));
  if (!spec.imageName) {
    // The mutating webhook writes POSTGRES_IMAGE_NAME into spec.imageName when the Cluster is created; a
    // Cluster that exists keeps the image it got then, whatever the config says now.
    const image = fleet.config.POSTGRES_IMAGE_NAME || OPERATOR_DEFAULT_IMAGE;
    return { major: majorFromImageName(image), image, extensions, defaultedAtCreation: true };
  }
  return { major: majorFromImageName(spec.imageName), image: spec.imageName, extensions };
}

/** The tag (and short digest) of a reference, for summaries. */
function tagOf(ref: string | undefined): string {
  if (!ref) return '(none)';
  const parsed = parseImageReference(ref);
  if (!parsed) return ref;
  const digest = parsed.digest ? `@${parsed.digest.slice(0, 19)}` : '';
  return `${parsed.tag ?? ''}${digest}` || ref;
}

/** Pod-template fields of a Cluster whose change rolls its pods. */
const POD_FIELDS = [
  'resources', 'affinity', 'topologySpreadConstraints', 'env', 'envFrom', 'projectedVolumeTemplate', 'ephemeralVolumeSource',
  'ephemeralVolumesSizeLimit', 'podSecurityContext', 'securityContext', 'schedulerName', 'priorityClassName', 'imagePullPolicy',
];

function seconds(config: { [k: string]: string }, key: string): number {
  const raw = config[key];
  if (raw === undefined || raw === '') return 0;
  const n = Number.parseInt(raw, 10);
  return Number.isFinite(n) && String(n) === raw.trim() && n >= 0 ? n : 0;
}

function human(total: number): string {
  if (total === 0) return '0s';
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return [h ? `${h}h` : '', m ? `${m}m` : '', s ? `${s}s` : ''].filter(Boolean).join(' ');
}

/**
 * The least total delay for rolling `pods[i]` pods of each cluster through the operator's single global
 * slot: consecutive rollouts of the same cluster wait `instanceDelay`, of different clusters `clusterDelay`.
 */
function bestGaps(pods: number[], clusterDelay: number, instanceDelay: number): { clusterGaps: number; instanceGaps: number } {
  const total = pods.reduce((a, b) => a + b, 0);
  if (total <= 1) return { clusterGaps: 0, instanceGaps: 0 };
  if (clusterDelay > instanceDelay) {
    // Finish each cluster before the next: only k-1 crossings.
    return { clusterGaps: pods.length - 1, instanceGaps: total - pods.length };
  }
  // Interleave clusters as much as possible; the largest one may still force same-cluster neighbours.
  const largest = Math.max(...pods);
  const forced = Math.max(0, largest - (total - largest) - 1);
  return { clusterGaps: total - 1 - forced, instanceGaps: forced };
}

/**
 * Operator configuration changes that change every Cluster's pod spec, and so roll them all: the
 * instance manager image (unless the operator updates it in place) and the standby TCP user timeout.
 */
function operatorRollReasons(before: { [k: string]: string }, after: { [k: string]: string }): string[] {
  const out: string[] = [];
  const inPlace = (after.ENABLE_INSTANCE_MANAGER_INPLACE_UPDATES ?? '').toLowerCase() === 'true';
  if ((before.OPERATOR_IMAGE_NAME ?? '') !== (after.OPERATOR_IMAGE_NAME ?? '') && !inPlace) {
    out.push(`operator config OPERATOR_IMAGE_NAME changed (${before.OPERATOR_IMAGE_NAME ? tagOf(before.OPERATOR_IMAGE_NAME) : 'default'} → ${after.OPERATOR_IMAGE_NAME ? tagOf(after.OPERATOR_IMAGE_NAME) : 'default'}): the instance manager image of every pod`);
  }
  if ((before.STANDBY_TCP_USER_TIMEOUT ?? '') !== (after.STANDBY_TCP_USER_TIMEOUT ?? '')) {
    out.push(`operator config STANDBY_TCP_USER_TIMEOUT changed (${before.STANDBY_TCP_USER_TIMEOUT ?? 'unset'} → ${after.STANDBY_TCP_USER_TIMEOUT ?? 'unset'}): an environment variable of every pod`);
  }
  return out;
}

function diffCatalogs(before: Fleet, after: Fleet): CatalogImageChange[] {
  const out: CatalogImageChange[] = [];
  const keys = [...new Set([...before.catalogs.keys(), ...after.catalogs.keys()])].sort();
  for (const key of keys) {
    const b = catalogImages(before.catalogs.get(key));
    const a = catalogImages(after.catalogs.get(key));
    const majors = [...new Set([...b.keys(), ...a.keys()])].sort((x, y) => x - y);
    for (const major of majors) {
      const was = b.get(major)?.image;
      const is = a.get(major)?.image;
      if (was === is) continue;
      const change = was === undefined ? 'added' : is === undefined ? 'removed' : 'updated';
      const summary = change === 'updated' ? `${tagOf(was)} → ${tagOf(is)}` : change === 'added' ? `added ${tagOf(is)}` : `removed (was ${tagOf(was)})`;
      out.push({ catalog: key, major, change, before: was, after: is, summary });
    }
  }
  return out;
}

function diffClusters(before: Fleet, after: Fleet): ClusterChange[] {
  const keys = [...new Set([...before.clusters.keys(), ...after.clusters.keys()])].sort();
  return keys.map((key) => diffCluster(key, before.clusters.get(key), after.clusters.get(key), before, after));
}

function diffCluster(key: string, was: any, is: any, before: Fleet, after: Fleet): ClusterChange {
  const supervised = is?.spec?.primaryUpdateStrategy === 'supervised';
  const base = { cluster: key, supervised, podRollouts: 0 };
  if (!is) return { ...base, action: ClusterAction.DELETED, reasons: ['removed from the manifests'], majorBefore: resolveCluster(was, before, after).major };
  const r1 = resolveCluster(is, after, before);
  if (r1.error) {
    return { ...base, action: ClusterAction.BROKEN, reasons: [`${r1.catalog ?? 'image'}: ${r1.error}; the Cluster would be in phase "Cluster has incomplete or invalid image catalog"`], majorAfter: r1.major };
  }
  const missingRefs = r1.external ? [] : [...r1.extensions].filter(([, ref]) => !ref).map(([name]) => name);
  if (missingRefs.length > 0) {
    return { ...base, action: ClusterAction.BROKEN, reasons: missingRefs.map((n) => `extension "${n}" found in the Cluster Spec but no ImageVolumeSource.Reference is defined`), majorAfter: r1.major };
  }
  if (!was) return { ...base, action: ClusterAction.CREATED, reasons: [`new Cluster on ${r1.catalog ?? tagOf(r1.image)} (major ${r1.major})`], majorAfter: r1.major };
  const r0 = resolveCluster(was, before, after);
  const majors = { majorBefore: r0.major, majorAfter: r1.major };
  // Without an image in either spec, the image (and major) was fixed when the Cluster was created; a catalog
  // ref always says its major, even when the catalog's images are unknown.
  const majorsKnown = !(r0.defaultedAtCreation && r1.defaultedAtCreation);
  const imagesKnown = majorsKnown && !r0.external && !r1.external;
  if (majorsKnown && r0.major !== undefined && r1.major !== undefined && r1.major !== r0.major) {
    if (r1.major < r0.major) {
      return { ...base, ...majors, action: ClusterAction.REFUSED, reasons: [`can't downgrade from major ${r0.major} to ${r1.major}`] };
    }
    if (r1.major < 16) {
      return { ...base, ...majors, action: ClusterAction.REFUSED, reasons: [`major ${r0.major} → ${r1.major}: major upgrades are only supported to version 16 or higher`] };
    }
    return {
      ...base,
      ...majors,
      action: ClusterAction.MAJOR_UPGRADE,
      reasons: [`offline major upgrade ${r0.major} → ${r1.major} (pg_upgrade: all pods stop, replicas are cloned again; not gated by the rollout delays)`],
    };
  }
  const reasons: string[] = [];
  if (imagesKnown && r0.image !== r1.image) {
    const where = r1.catalog && r0.catalog === r1.catalog ? ` in ${r1.catalog}` : r1.catalog ? ` (now ${r1.catalog})` : '';
    reasons.push(`image for major ${r1.major} changed${where}: ${tagOf(r0.image)} → ${tagOf(r1.image)}`);
  }
  const names = [...new Set([...r0.extensions.keys(), ...r1.extensions.keys()])].sort();
  for (const name of names) {
    if (!imagesKnown && r0.extensions.get(name) === undefined && r1.extensions.get(name) === undefined) continue;
    const a = r0.extensions.get(name);
    const b = r1.extensions.get(name);
    if (!r0.extensions.has(name)) reasons.push(`extension ${name} added (${tagOf(b)})`);
    else if (!r1.extensions.has(name)) reasons.push(`extension ${name} removed`);
    else if (a !== b) reasons.push(`extension ${name} image changed: ${tagOf(a)} → ${tagOf(b)}`);
  }
  const podFields = POD_FIELDS.filter((f) => !deepEqual(was.spec?.[f], is.spec?.[f]));
  if (!deepEqual(was.spec?.monitoring?.tls, is.spec?.monitoring?.tls)) podFields.push('monitoring.tls');
  if (podFields.length > 0) reasons.push(`pod template changed: ${podFields.join(', ')}`);
  reasons.push(...operatorRollReasons(before.config, after.config));
  if (reasons.length === 0) {
    const note = r1.external ? [`catalog ${r1.catalog} is not in the manifests: its images could not be compared`] : [];
    return { ...base, ...majors, action: ClusterAction.UNCHANGED, reasons: note };
  }
  // A supervised primary waits for a person (kubectl cnpg promote/restart) and does not take the slot.
  const instances = Number(is.spec?.instances ?? 1);
  return { ...base, ...majors, action: ClusterAction.ROLLING_UPDATE, reasons, podRollouts: supervised ? Math.max(0, instances - 1) : instances };
}

function time(after: Fleet, clusters: ClusterChange[]): RolloutTiming {
  const clusterDelay = seconds(after.config, 'CLUSTERS_ROLLOUT_DELAY');
  const instanceDelay = seconds(after.config, 'INSTANCES_ROLLOUT_DELAY');
  const rolling = clusters.filter((c) => c.action === ClusterAction.ROLLING_UPDATE);
  const pods = rolling.map((c) => c.podRollouts);
  const gaps = bestGaps(pods, clusterDelay, instanceDelay);
  return {
    clustersRolloutDelaySeconds: clusterDelay,
    instancesRolloutDelaySeconds: instanceDelay,
    delaysFrom: after.configSource || 'no operator config in the manifests: both delays 0',
    rollingClusters: rolling.length,
    podRollouts: pods.reduce((a, b) => a + b, 0),
    clusterGaps: gaps.clusterGaps,
    instanceGaps: gaps.instanceGaps,
    minimumSeconds: gaps.clusterGaps * clusterDelay + gaps.instanceGaps * instanceDelay,
    model: 'the operator keeps one global rollout slot for all Clusters and gates every pod rollout: a pod may roll only once '
      + 'CLUSTERS_ROLLOUT_DELAY has passed since the last pod rollout of another Cluster, or INSTANCES_ROLLOUT_DELAY since one of the '
      + 'same Cluster; each rolling Cluster recreates all spec.instances pods; the minimum takes the best order of pods and ignores '
      + `the time pods take to restart, the operator's ${REQUEUE_SECONDS} s requeue, and supervised primaries (they wait for a person); `
      + 'major upgrades are offline and not gated',
  };
}

/**
 * The rollout plan between two sets of synthesised manifests: any CNPG YAML, from this library or not.
 */
export class RolloutPlan {
  /** Compares two lists of manifests (parsed objects). */
  public static between(before: any[], after: any[]): RolloutPlan {
    return new RolloutPlan(indexFleet(before), indexFleet(after));
  }

  /** Compares two folders of manifests (`.yaml` and `.yml` files, read as kubectl does). */
  public static fromDirectories(beforeDir: string, afterDir: string): RolloutPlan {
    return RolloutPlan.between(readManifestDir(beforeDir), readManifestDir(afterDir));
  }

  /** Catalog images that changed, by catalog and major. */
  public readonly catalogChanges: CatalogImageChange[];
  /** Every Cluster of either side, and what happens to it. */
  public readonly clusters: ClusterChange[];
  /** The minimum time to converge. */
  public readonly timing: RolloutTiming;

  private constructor(before: Fleet, after: Fleet) {
    this.catalogChanges = diffCatalogs(before, after);
    this.clusters = diffClusters(before, after);
    this.timing = time(after, this.clusters);
  }

  /** Clusters whose change the operator would refuse, or that would break. */
  public get refused(): ClusterChange[] {
    return this.clusters.filter((c) => c.action === ClusterAction.REFUSED || c.action === ClusterAction.BROKEN);
  }

  /** Whether any change would be refused or break a Cluster (the CLI then exits non-zero). */
  public get hasRefusedChanges(): boolean {
    return this.refused.length > 0;
  }

  /** The plan as plain data, for `--json`. */
  public toJson(): any {
    return {
      catalogChanges: this.catalogChanges,
      clusters: this.clusters.filter((c) => c.action !== ClusterAction.UNCHANGED),
      unchangedClusters: this.clusters.filter((c) => c.action === ClusterAction.UNCHANGED).length,
      refused: this.refused.map((c) => c.cluster),
      timing: this.timing,
    };
  }

  /** The plan for people. */
  public toText(): string {
    const lines: string[] = [];
    lines.push('Catalog changes');
    if (this.catalogChanges.length === 0) lines.push('  (none)');
    let current = '';
    for (const c of this.catalogChanges) {
      if (c.catalog !== current) {
        lines.push(`  ${c.catalog}`);
        current = c.catalog;
      }
      lines.push(`    major ${c.major}: ${c.summary}`);
    }
    lines.push('', 'Clusters');
    const labels: { [a: string]: string } = {
      [ClusterAction.ROLLING_UPDATE]: 'ROLL    ',
      [ClusterAction.MAJOR_UPGRADE]: 'UPGRADE ',
      [ClusterAction.REFUSED]: 'REFUSED ',
      [ClusterAction.BROKEN]: 'BROKEN  ',
      [ClusterAction.CREATED]: 'CREATE  ',
      [ClusterAction.DELETED]: 'DELETE  ',
    };
    const shown = this.clusters.filter((c) => c.action !== ClusterAction.UNCHANGED);
    if (shown.length === 0) lines.push('  (no Cluster changes)');
    for (const c of shown) {
      const pods = c.action === ClusterAction.ROLLING_UPDATE ? ` (${c.podRollouts} pod${c.podRollouts === 1 ? '' : 's'}${c.supervised ? ', supervised primary' : ''})` : '';
      lines.push(`  ${labels[c.action]}${c.cluster}${pods}: ${c.reasons.join('; ')}`);
    }
    const unchanged = this.clusters.length - shown.length;
    if (unchanged > 0) lines.push(`  ${unchanged} other Cluster(s) unchanged`);
    const t = this.timing;
    lines.push('', 'Convergence');
    lines.push(`  ${t.rollingClusters} Cluster(s) roll, ${t.podRollouts} pod rollout(s); CLUSTERS_ROLLOUT_DELAY=${t.clustersRolloutDelaySeconds}s, INSTANCES_ROLLOUT_DELAY=${t.instancesRolloutDelaySeconds}s (${t.delaysFrom})`);
    lines.push(`  minimum time until converged: ${human(t.minimumSeconds)} (${t.minimumSeconds} s = ${t.clusterGaps} x ${t.clustersRolloutDelaySeconds}s + ${t.instanceGaps} x ${t.instancesRolloutDelaySeconds}s)`);
    lines.push(`  model: ${t.model}`);
    if (this.hasRefusedChanges) {
      lines.push('', `${this.refused.length} change(s) would be refused or break a Cluster: ${this.refused.map((c) => c.cluster).join(', ')}`);
    }
    return lines.join('\n');
  }
}
