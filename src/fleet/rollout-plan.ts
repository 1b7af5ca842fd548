import { compact, podFieldChanges, RECONCILE_POD_SPEC_ANNOTATION, restartParameterChanges, RESTART_ANNOTATION, UNCOMPARED_FIELDS } from './instance-pod';
import { debianEndOfLife, debianRelease, isoDay, postgresEndOfLife } from './lifecycle';
import { catalogKey, FleetInput, indexSide, Located, locateObjects, parseRolloutDelay, readLocatedDir } from './plan-input';
import { renderMarkdown, renderText } from './plan-render';
import { rolloutTiming } from './plan-timing';
import {
  CatalogComponentChange, CatalogImageChange, ClusterAction, ClusterChange, PlanMessage, PoolerAction, PoolerChange,
  RolloutPlanOptions, RolloutTiming, WavePlan,
} from './plan-types';
import { diffPooler } from './pooler-plan';
import { WAVE_GROUP_LABEL, WAVE_LABEL, WAVE_ORDER_LABEL, WAVE_SNAPSHOT_LABEL, waveOrderProblems, WaveState } from './wave-order';
import { OFFICIAL_CATALOGS } from '../catalog/official-catalogs.generated';
import { deepEqual } from '../common/deep-equal';
import { defined } from '../common/defined';
import { pushAll } from '../common/errors';
import { ImageReference } from '../common/image-reference';
import { isObject } from '../common/json';
import { mismatchedTagMajor } from '../rules/catalog-major';
import { OPERATOR_DEFAULT_IMAGE } from '../rules/defaults';


// What merging a change of synthesised manifests will do to a CNPG fleet: which catalogs change, which
// Clusters and Poolers roll and why, which start an offline major upgrade, which changes would be refused
// (by the operator, or by the plan: deletions, binary downgrades, waves out of order), and how long the
// fleet needs at least to converge under the operator's rollout delays. Invalid input is reported, never
// planned around. One pass over each side: 200,000 Clusters plan in seconds.


interface WaveInfo {
  readonly name: string;
  readonly order: number;
  readonly group: string;
  readonly snapshot?: string;
}

/** A catalog entry, as the plan reads it. */
interface CatalogEntry {
  readonly image?: string;
  readonly extensions: Map<string, { reference?: string; pullPolicy?: string }>;
  /** The major the image tag names, when it differs from the entry's. */
  readonly tagMajor?: number;
}

/** A catalog, as the plan reads it. */
interface CatalogView {
  readonly images: Map<number, CatalogEntry>;
  readonly components: Map<string, string>;
  /** The wave, for a catalog written by CatalogWaves. */
  readonly wave?: WaveInfo;
}

/** An extension of a Cluster, resolved: the image volume the operator mounts. */
interface ResolvedExtension {
  readonly reference?: string;
  readonly pullPolicy?: string;
}

interface Resolved {
  readonly major?: number;
  readonly image?: string;
  readonly catalog?: string;
  readonly extensions: ReadonlyMap<string, ResolvedExtension>;
  readonly error?: string;
  /** The catalog is neither in the manifests nor official: its images are unknown. */
  readonly external?: boolean;
  /** No image in the spec: the operator's default, written into the spec when the Cluster is created. */
  readonly defaultedAtCreation?: boolean;
  /** The catalog entry's image is of another major than the entry. */
  readonly tagMajor?: number;
}

function readCatalog(doc: any): CatalogView {
  const images = new Map<number, CatalogEntry>();
  const entries: any[] = Array.isArray(doc?.spec?.images) ? doc.spec.images : [];
  for (const entry of entries) {
    const extensions = new Map<string, { reference?: string; pullPolicy?: string }>();
    for (const e of Array.isArray(entry?.extensions) ? entry.extensions : []) {
      extensions.set(e?.name, { reference: e?.image?.reference, pullPolicy: e?.image?.pullPolicy });
    }
    images.set(Number(entry?.major), { image: entry?.image, extensions, tagMajor: mismatchedTagMajor(entry) });
  }
  const components = new Map<string, string>();
  for (const c of Array.isArray(doc?.spec?.componentImages) ? doc.spec.componentImages : []) components.set(c?.key, c?.image);
  return { images, components, wave: waveOf(isObject(doc?.metadata?.labels) ? doc.metadata.labels : {}) };
}

const CATALOG_VIEWS = new WeakMap<object, CatalogView>();

function catalogView(located: Located | undefined): CatalogView | undefined {
  if (!located || !isObject(located.value)) return undefined;
  let view = CATALOG_VIEWS.get(located.value);
  if (!view) {
    view = readCatalog(located.value);
    CATALOG_VIEWS.set(located.value, view);
  }
  return view;
}

const SHIPPED = new Map<string, CatalogView | undefined>();

/** An official catalog installed elsewhere: the data the library ships (extension-enabled when needed). */
function shippedCatalog(name: string, wantsExtensions: boolean): CatalogView | undefined {
  const cacheKey = `${name}/${wantsExtensions}`;
  if (SHIPPED.has(cacheKey)) return SHIPPED.get(cacheKey);
  const candidates = OFFICIAL_CATALOGS.filter((c) => c.name === name);
  const record = candidates.find((c) => c.withExtensions === wantsExtensions) ?? candidates[0];
  const view = record ? readCatalog({
    spec: {
      images: record.images.map((i) => ({
        major: i.major,
        image: i.image,
        extensions: i.extensions?.map((e) => ({ name: e.name, image: { reference: e.reference, pullPolicy: e.pullPolicy } })),
      })),
    },
  }) : undefined;
  SHIPPED.set(cacheKey, view);
  return view;
}

/** References parsed during plans, bounded: a fleet repeats a few images in every Cluster. */
const REFERENCES = new Map<string, ImageReference>();

function reference(text: string): ImageReference {
  let parsed = REFERENCES.get(text);
  if (parsed === undefined) {
    if (REFERENCES.size >= 4096) REFERENCES.clear();
    parsed = ImageReference.parse(text);
    REFERENCES.set(text, parsed);
  }
  return parsed;
}

/** The tag (and short digest) of a reference, for summaries. */
function tagOf(ref: string | undefined): string {
  if (!ref) return '(none)';
  const parsed = reference(ref);
  if (!parsed.valid) return ref;
  const digest = parsed.digest ? `@${parsed.digest.slice(0, 19)}` : '';
  return `${parsed.tag ?? ''}${digest}` || ref;
}

/** No extensions (shared: never modified). */
const NO_EXTENSIONS: ReadonlyMap<string, ResolvedExtension> = new Map();

function resolveCluster(cluster: any, side: FleetInput, other: FleetInput): Resolved {
  const spec = cluster?.spec ?? {};
  const own: any[] = Array.isArray(spec.postgresql?.extensions) ? spec.postgresql.extensions : [];
  const ownExtensions = () => (own.length === 0
    ? NO_EXTENSIONS
    : new Map<string, ResolvedExtension>(own.map((e) => [e?.name, { reference: e?.image?.reference, pullPolicy: e?.image?.pullPolicy }])));
  const ref = spec.imageCatalogRef;
  if (isObject(ref)) {
    const key = catalogKey(ref.kind, cluster.metadata?.namespace, ref.name);
    const major = Number(ref.major);
    let catalog = catalogView(side.catalogs.get(key));
    let source = key;
    if (!catalog) {
      if (other.catalogs.has(key)) {
        // it was in the other set of manifests: this one removed it
        return { major, catalog: key, extensions: NO_EXTENSIONS, error: `catalog ${ref.kind}/${ref.name} not found` };
      }
      catalog = ref.kind === 'ClusterImageCatalog' ? shippedCatalog(ref.name, own.length > 0) : undefined;
      if (!catalog) return { major, catalog: key, extensions: ownExtensions(), external: true };
      source = `${key} (installed elsewhere; the library's official data)`;
    }
    const entry = catalog.images.get(major);
    if (!entry) {
      return { major, catalog: source, extensions: NO_EXTENSIONS, error: `selected major version is not available in the catalog (Cannot find major ${major} in ${ref.kind}/${ref.name})` };
    }
    const extensions = own.length === 0 ? NO_EXTENSIONS : new Map<string, ResolvedExtension>();
    for (const e of own) {
      const inCatalog = entry.extensions.get(e?.name);
      const resolved = { reference: e?.image?.reference || inCatalog?.reference, pullPolicy: e?.image?.pullPolicy ?? inCatalog?.pullPolicy };
      (extensions as Map<string, ResolvedExtension>).set(e?.name, resolved);
    }
    return { major, image: entry.image, catalog: source, extensions, tagMajor: entry.tagMajor };
  }
  if (!spec.imageName) {
    // The mutating webhook writes POSTGRES_IMAGE_NAME into spec.imageName when the Cluster is created; a
    // Cluster that exists keeps the image it got then, whatever the config says now.
    const image = side.config.POSTGRES_IMAGE_NAME || OPERATOR_DEFAULT_IMAGE;
    return { major: reference(image).major, image, extensions: ownExtensions(), defaultedAtCreation: true };
  }
  return { major: reference(spec.imageName).major, image: spec.imageName, extensions: ownExtensions() };
}

/** The Cluster's pods: spec.instances (validated before: an integer ≥ 1), 1 when unset. */
function instancesOf(cluster: any): number {
  const n = cluster?.spec?.instances;
  return typeof n === 'number' && Number.isSafeInteger(n) && n > 0 ? n : 1;
}

interface OperatorChanges {
  /** Reasons that roll every instance Pod. */
  readonly clusters: string[];
  /** The OPERATOR_IMAGE_NAME change, which rolls every PgBouncer pod whatever the in-place setting. */
  readonly operatorImage?: string;
}

/**
 * Operator configuration changes that change every Cluster's pod spec, and so roll them all: the
 * instance manager image (unless the operator updates it in place) and the standby TCP user timeout.
 */
function operatorChanges(before: { [k: string]: string }, after: { [k: string]: string }): OperatorChanges {
  const clusters: string[] = [];
  let operatorImage: string | undefined;
  if ((before.OPERATOR_IMAGE_NAME ?? '') !== (after.OPERATOR_IMAGE_NAME ?? '')) {
    operatorImage = `operator config OPERATOR_IMAGE_NAME changed (${before.OPERATOR_IMAGE_NAME ? tagOf(before.OPERATOR_IMAGE_NAME) : 'default'} → ${after.OPERATOR_IMAGE_NAME ? tagOf(after.OPERATOR_IMAGE_NAME) : 'default'})`;
    if ((after.ENABLE_INSTANCE_MANAGER_INPLACE_UPDATES ?? '').toLowerCase() !== 'true') clusters.push(`${operatorImage}: the instance manager image of every pod`);
  }
  if ((before.STANDBY_TCP_USER_TIMEOUT ?? '') !== (after.STANDBY_TCP_USER_TIMEOUT ?? '')) {
    clusters.push(`operator config STANDBY_TCP_USER_TIMEOUT changed (${before.STANDBY_TCP_USER_TIMEOUT ?? 'unset'} → ${after.STANDBY_TCP_USER_TIMEOUT ?? 'unset'}): an environment variable of every pod`);
  }
  return { clusters, operatorImage };
}

/** The wave catalog a Cluster references (a ClusterImageCatalog labelled by CatalogWaves), if any. */
function waveCatalogOf(cluster: any, side: FleetInput): { key: string; wave: string } | undefined {
  const ref = cluster?.spec?.imageCatalogRef;
  if (!isObject(ref) || ref.kind !== 'ClusterImageCatalog') return undefined;
  const key = `ClusterImageCatalog/${ref.name}`;
  const wave = catalogView(side.catalogs.get(key))?.wave;
  return wave ? { key, wave: wave.name } : undefined;
}

function sortedUnion<T>(a: Map<T, unknown>, b: Map<T, unknown>): T[] {
  const keys = new Set<T>(a.keys());
  for (const k of b.keys()) keys.add(k);
  return [...keys].sort();
}


function waveOf(labels: { readonly [k: string]: unknown }): WaveInfo | undefined {
  const name = labels[WAVE_LABEL];
  if (typeof name !== 'string') return undefined;
  const snapshot = labels[WAVE_SNAPSHOT_LABEL];
  return { name, order: Number(labels[WAVE_ORDER_LABEL] ?? 0), group: String(labels[WAVE_GROUP_LABEL] ?? ''), snapshot: typeof snapshot === 'string' ? snapshot : undefined };
}

/**
 * The rollout plan between two sets of synthesised manifests: any CNPG YAML, from this library or not.
 */
export class RolloutPlan {
  /** With this many Clusters rolling, a CLUSTERS_ROLLOUT_DELAY of 0 is worth a warning (the library's own threshold). */
  public static readonly MANY_ROLLING_CLUSTERS = 10;

  /** Compares two lists of manifests (parsed objects). */
  public static between(before: any[], after: any[], options: RolloutPlanOptions = {}): RolloutPlan {
    return new RolloutPlan(locateObjects('before', before), locateObjects('after', after), [], options);
  }

  /** Compares two folders of manifests (`.yaml` and `.yml` files, read as kubectl does); throws when one is not a folder. */
  public static fromDirectories(beforeDir: string, afterDir: string, options: RolloutPlanOptions = {}): RolloutPlan {
    const problems: PlanMessage[] = [];
    const before = readLocatedDir(beforeDir, problems);
    const after = readLocatedDir(afterDir, problems);
    return new RolloutPlan(before, after, problems, options);
  }

  /** Catalog images that changed, by catalog and major. */
  public readonly catalogChanges: CatalogImageChange[];
  /** Catalog component images (`spec.componentImages`) that changed. */
  public readonly componentChanges: CatalogComponentChange[];
  /** Every Cluster of either side, and what happens to it. */
  public readonly clusters: ClusterChange[];
  /** Every Pooler of either side, and what happens to it. */
  public readonly poolers: PoolerChange[];
  /** What each catalog wave (see `CatalogWaves`) rolls, in wave order. */
  public readonly waves: WavePlan[];
  /** The minimum time to converge. */
  public readonly timing: RolloutTiming;
  /** Invalid input: unreadable YAML, objects defined twice, objects the API server would refuse, rollout delays the operator cannot read. */
  public readonly errors: PlanMessage[];
  /** Changes the plan refuses: what the operator would refuse, what would break, deletions (unless allowed), binary downgrades, waves out of order. */
  public readonly refusals: PlanMessage[];
  /** Accepted changes worth a look: Debian release changes, end-of-life majors and releases, supervised primaries, no rollout delay. */
  public readonly warnings: PlanMessage[];
  /** The day of the plan (`YYYY-MM-DD`), for the end-of-life warnings. */
  public readonly today: string;

  /** Each Cluster's wave catalog, by Cluster. */
  private readonly clusterWaves = new Map<string, string>();

  private constructor(beforeDocs: Located[], afterDocs: Located[], problems: PlanMessage[], options: RolloutPlanOptions) {
    const today = options.today ?? new Date();
    if (!(today instanceof Date) || Number.isNaN(today.getTime())) throw new Error(`RolloutPlan: today is ${String(today)}; expected a valid Date`);
    this.today = isoDay(today);
    this.errors = problems;
    this.refusals = [];
    this.warnings = [];
    // The "after" side first: the "before" side reuses its validation of the objects that did not change
    const afterProblems: PlanMessage[] = [];
    const after = indexSide('after', afterDocs, afterProblems);
    const before = indexSide('before', beforeDocs, this.errors, after);
    pushAll(this.errors, afterProblems);
    const delays = ['CLUSTERS_ROLLOUT_DELAY', 'INSTANCES_ROLLOUT_DELAY'].map((key) => {
      const parsed = parseRolloutDelay(key, after.config[key], after.configSource || 'operator config');
      if (parsed.error) this.errors.push({ subject: 'operator config', message: parsed.error });
      if (parsed.warning) this.warnings.push({ subject: 'operator config', message: parsed.warning });
      return parsed.seconds;
    });
    this.catalogChanges = [];
    this.componentChanges = [];
    this.diffCatalogs(before, after);
    const operator = operatorChanges(before.config, after.config);
    const allowDelete = options.allowDelete === true;
    this.clusters = sortedUnion(before.clusters, after.clusters).map((key) => this.diffCluster(key, before, after, operator.clusters, allowDelete));
    this.poolers = sortedUnion(before.poolers, after.poolers).map((key) =>
      diffPooler(key, before.poolers.get(key)?.value, after.poolers.get(key)?.value, before, after, operator.operatorImage, tagOf, this.warnings));
    for (const p of this.poolers) {
      if (p.action === PoolerAction.BROKEN) this.refusals.push({ subject: `Pooler ${p.pooler}`, message: p.reasons.join('; ') });
    }
    this.waves = this.planWaves(before, after);
    const pods: number[] = [];
    for (const c of this.clusters) if (c.action === ClusterAction.ROLLING_UPDATE) pods.push(c.podRollouts);
    this.timing = rolloutTiming(pods, delays[0], delays[1], after.configSource || 'no operator config in the manifests: both delays 0');
    if (delays[0] === 0 && pods.length >= RolloutPlan.MANY_ROLLING_CLUSTERS) {
      this.warnings.push({
        subject: 'operator config',
        message: `CLUSTERS_ROLLOUT_DELAY is 0 and ${pods.length} Clusters roll: the operator rolls them all at once (${this.timing.podRollouts} pods restarting together across the fleet); set clustersRolloutDelay to spread them`,
      });
    }
  }

  /** Clusters whose change would be refused, would break them, or deletes them without leave. */
  public get refused(): ClusterChange[] {
    return this.clusters.filter((c) => c.action === ClusterAction.REFUSED || c.action === ClusterAction.BROKEN
      || (c.action === ClusterAction.DELETED && this.refusals.some((r) => r.subject === `Cluster ${c.cluster}`)));
  }

  /** Whether any change is refused (the CLI then exits 1). */
  public get hasRefusedChanges(): boolean {
    return this.refusals.length > 0;
  }

  /** Whether the input is invalid (the CLI then exits 2). */
  public get hasErrors(): boolean {
    return this.errors.length > 0;
  }

  /** `cdk8s-cnpg plan`'s exit status: 0 safe, 1 a change is refused or breaking, 2 invalid input. */
  public get exitCode(): number {
    return this.hasErrors ? 2 : this.hasRefusedChanges ? 1 : 0;
  }

  /** The plan as plain data, for `--json` (schemas/plan.schema.json). */
  public toJson(): any {
    const changedClusters: ClusterChange[] = [];
    let unchangedClusters = 0;
    for (const c of this.clusters) {
      if (c.action === ClusterAction.UNCHANGED) unchangedClusters++;
      else changedClusters.push(defined(c));
    }
    return {
      verdict: ['safe', 'refused', 'invalid'][this.exitCode],
      exitCode: this.exitCode,
      today: this.today,
      errors: this.errors,
      refusals: this.refusals,
      warnings: this.warnings,
      catalogChanges: this.catalogChanges,
      componentChanges: this.componentChanges,
      clusters: changedClusters,
      unchangedClusters,
      poolers: this.poolers.filter((p) => p.action !== PoolerAction.UNCHANGED).map(defined),
      unchangedPoolers: this.poolers.filter((p) => p.action === PoolerAction.UNCHANGED).length,
      waves: this.waves.map(defined),
      timing: this.timing,
    };
  }

  /** The plan for people. */
  public toText(): string {
    return renderText(this);
  }

  /** The plan as Markdown, for a pull-request comment: what rolls, upgrades, is refused, and the minimum time. */
  public toMarkdown(): string {
    return renderMarkdown(this);
  }

  private diffCatalogs(before: FleetInput, after: FleetInput): void {
    for (const key of sortedUnion(before.catalogs, after.catalogs)) {
      const b = catalogView(before.catalogs.get(key));
      const a = catalogView(after.catalogs.get(key));
      const majors = [...new Set([...(b?.images.keys() ?? []), ...(a?.images.keys() ?? [])])].sort((x, y) => x - y);
      for (const major of majors) {
        const was = b?.images.get(major)?.image;
        const is = a?.images.get(major)?.image;
        const tagMajor = a?.images.get(major)?.tagMajor;
        if (tagMajor !== undefined) {
          const message = `spec.images major ${major} is ${tagOf(is)}, an image of PostgreSQL ${tagMajor}: the operator trusts the entry's major, so a Cluster on major ${major} would run PostgreSQL ${tagMajor} binaries${tagMajor < major ? ' (a binary downgrade)' : ''}; expected an image whose tag starts with ${major}`;
          (was === is ? this.warnings : this.refusals).push({ subject: key, message: was === is ? `${message} (unchanged by this change)` : message });
        }
        if (was === is) continue;
        const change = was === undefined ? 'added' : is === undefined ? 'removed' : 'updated';
        const summary = change === 'updated' ? `${tagOf(was)} → ${tagOf(is)}` : change === 'added' ? `added ${tagOf(is)}` : `removed (was ${tagOf(was)})`;
        this.catalogChanges.push({ catalog: key, major, change, before: was, after: is, summary });
      }
      const keys = [...new Set([...(b?.components.keys() ?? []), ...(a?.components.keys() ?? [])])].sort();
      for (const component of keys) {
        const was = b?.components.get(component);
        const is = a?.components.get(component);
        if (was === is) continue;
        const change = was === undefined ? 'added' : is === undefined ? 'removed' : 'updated';
        const summary = change === 'updated' ? `${tagOf(was)} → ${tagOf(is)}` : change === 'added' ? `added ${tagOf(is)}` : `removed (was ${tagOf(was)})`;
        this.componentChanges.push({ catalog: key, key: component, change, before: was, after: is, summary });
      }
    }
  }

  private diffCluster(key: string, before: FleetInput, after: FleetInput, operatorReasons: string[], allowDelete: boolean): ClusterChange {
    const was = before.clusters.get(key)?.value;
    const is = after.clusters.get(key)?.value;
    const supervised = is?.spec?.primaryUpdateStrategy === 'supervised';
    const waveCatalog = waveCatalogOf(is, after) ?? waveCatalogOf(was, before);
    if (waveCatalog) this.clusterWaves.set(key, waveCatalog.key);
    const wave = waveCatalog?.wave;
    // Every change has the same shape (one object layout for 200,000 of them).
    const make = (action: ClusterAction, reasons: string[], majorBefore?: number, majorAfter?: number, podRollouts = 0, rolledBy: string[] = []) =>
      ({ cluster: key, action, reasons, podRollouts, majorBefore, majorAfter, supervised, rolledBy, wave } as ClusterChange);
    const subject = `Cluster ${key}`;
    if (before.invalid.size + after.invalid.size > 0) {
      const invalid = [...(before.invalid.get(`Cluster:${key}`) ?? []), ...(after.invalid.get(`Cluster:${key}`) ?? [])];
      if (invalid.length > 0) return make(ClusterAction.INVALID, invalid);
    }
    if (!is) {
      const major = resolveCluster(was, before, after).major;
      if (!allowDelete) {
        this.refusals.push({ subject, message: 'deleted: removing a Cluster from the manifests deletes it and its pods (its PVCs follow the storage class\'s reclaim policy); give --allow-delete (allowDelete: true) if this is intended' });
      }
      return make(ClusterAction.DELETED, ['removed from the manifests'], major);
    }
    const r1 = resolveCluster(is, after, before);
    const refuse = (action: ClusterAction, reasons: string[], majorBefore?: number, majorAfter?: number): ClusterChange => {
      this.refusals.push({ subject, message: reasons.join('; ') });
      return make(action, reasons, majorBefore, majorAfter);
    };
    if (r1.error) {
      return refuse(ClusterAction.BROKEN, [`${r1.catalog ?? 'image'}: ${r1.error}; the Cluster would be in phase "Cluster has incomplete or invalid image catalog"`], undefined, r1.major);
    }
    const missingRefs = r1.external ? [] : [...r1.extensions].filter(([, ext]) => !ext.reference).map(([name]) => name);
    if (missingRefs.length > 0) {
      return refuse(ClusterAction.BROKEN, missingRefs.map((n) => `extension "${n}" found in the Cluster Spec but no ImageVolumeSource.Reference is defined`), undefined, r1.major);
    }
    const r0 = was ? resolveCluster(was, before, after) : undefined;
    const mismatch = r1.tagMajor !== undefined && (r0 === undefined || r0.image !== r1.image)
      ? `${r1.catalog} maps major ${r1.major} to ${tagOf(r1.image)} (PostgreSQL ${r1.tagMajor}): the operator trusts the catalog, so the Cluster would run PostgreSQL ${r1.tagMajor} binaries${r1.tagMajor < (r1.major ?? 0) ? ' (a binary downgrade)' : ''}`
      : undefined;
    if (mismatch) return refuse(ClusterAction.REFUSED, [mismatch], r0?.major, r1.major);
    if (!r0) {
      this.lifecycleWarnings(subject, undefined, r1);
      return make(ClusterAction.CREATED, [`new Cluster on ${r1.catalog ?? tagOf(r1.image)} (major ${r1.major})`], undefined, r1.major);
    }
    // Without an image in either spec, the image (and major) was fixed when the Cluster was created; a catalog
    // ref always says its major, even when the catalog's images are unknown.
    const majorsKnown = !(r0.defaultedAtCreation && r1.defaultedAtCreation);
    const imagesKnown = majorsKnown && !r0.external && !r1.external;
    if (majorsKnown && r0.major !== undefined && r1.major !== undefined && r1.major !== r0.major) {
      if (r1.major < r0.major) return refuse(ClusterAction.REFUSED, [`can't downgrade from major ${r0.major} to ${r1.major}`], r0.major, r1.major);
      if (r1.major < 16) return refuse(ClusterAction.REFUSED, [`major ${r0.major} → ${r1.major}: major upgrades are only supported to version 16 or higher`], r0.major, r1.major);
      this.lifecycleWarnings(subject, r0, r1);
      const upgrade = `offline major upgrade ${r0.major} → ${r1.major} (pg_upgrade: all pods stop, replicas are cloned again; not gated by the rollout delays)`;
      return make(ClusterAction.MAJOR_UPGRADE, [upgrade], r0.major, r1.major);
    }
    const reasons: string[] = [];
    const rolledBy: string[] = [];
    if (imagesKnown && r0.image !== r1.image) {
      const where = r1.catalog && r0.catalog === r1.catalog ? ` in ${r1.catalog}` : r1.catalog ? ` (now ${r1.catalog})` : '';
      reasons.push(`image for major ${r1.major} changed${where}: ${tagOf(r0.image)} → ${tagOf(r1.image)}`);
      rolledBy.push(is.spec?.imageCatalogRef ? 'spec.imageCatalogRef' : 'spec.imageName');
    }
    const podSpecReconciled = is.metadata?.annotations?.[RECONCILE_POD_SPEC_ANNOTATION] !== 'disabled';
    const suppressed: string[] = [];
    const extensionNames = r0.extensions.size + r1.extensions.size === 0
      ? []
      : [...new Set([...r0.extensions.keys(), ...r1.extensions.keys()])].sort();
    for (const name of extensionNames) {
      const a = r0.extensions.get(name);
      const b = r1.extensions.get(name);
      if (!imagesKnown && a?.reference === undefined && b?.reference === undefined) continue;
      let reason: string | undefined;
      if (!a) reason = `extension ${name} added (${tagOf(b?.reference)})`;
      else if (!b) reason = `extension ${name} removed`;
      else if (a.reference !== b.reference) reason = `extension ${name} image changed: ${tagOf(a.reference)} → ${tagOf(b.reference)}`;
      else if ((a.pullPolicy ?? '') !== (b.pullPolicy ?? '')) reason = `extension ${name} pull policy changed: ${a.pullPolicy ?? 'default'} → ${b.pullPolicy ?? 'default'}`;
      if (reason === undefined) continue;
      if (podSpecReconciled) reasons.push(reason);
      else suppressed.push(reason);
      if (podSpecReconciled && !rolledBy.includes('spec.postgresql.extensions')) rolledBy.push('spec.postgresql.extensions');
    }
    // Most Clusters of a catalog update keep their spec: compare the pod fields only when something changed.
    const sameSpec = deepEqual(was.spec, is.spec) && deepEqual(was.metadata?.annotations, is.metadata?.annotations);
    const fields = sameSpec ? [] : podFieldChanges(was, is);
    if (fields.length > 0) {
      const parts = new Map<string, string[]>();
      for (const f of fields) parts.set(f.field, [...(parts.get(f.field) ?? []), f.pod]);
      reasons.push(`pod spec changed: ${[...parts].map(([field, pods]) => `${field} (${pods.join(' and ')})`).join(', ')}`);
      for (const field of parts.keys()) rolledBy.push(field);
    }
    if (!podSpecReconciled) {
      // The pod fields the annotation keeps from the pods (a catalog's extension change, in `suppressed`
      // already, needs no spec change of the Cluster to be warned about)
      if (!sameSpec) {
        const unannotated = (c: any) => ({ ...c, metadata: { ...c.metadata, annotations: {} } });
        const all = podFieldChanges(unannotated(was), unannotated(is));
        for (const f of all) if (!fields.some((g) => g.field === f.field)) suppressed.push(`${f.field} (${f.pod})`);
      }
      if (suppressed.length > 0) {
        this.warnings.push({ subject, message: `${RECONCILE_POD_SPEC_ANNOTATION}: disabled: the operator does not compare the pod spec, so these changes do not reach the running pods: ${suppressed.join(', ')}` });
      }
    }
    for (const p of sameSpec ? [] : restartParameterChanges(was, is)) {
      const field = p.name === 'shared_preload_libraries' ? 'spec.postgresql.shared_preload_libraries' : `spec.postgresql.parameters.${p.name}`;
      reasons.push(`${field} changed (${p.before} → ${p.after}): PostgreSQL applies it only on restart, so the operator restarts every instance`);
      rolledBy.push(field);
    }
    const restartedAt = is.metadata?.annotations?.[RESTART_ANNOTATION];
    if (restartedAt !== undefined && restartedAt !== was.metadata?.annotations?.[RESTART_ANNOTATION]) {
      reasons.push(`restart requested (${RESTART_ANNOTATION}: ${restartedAt})`);
      rolledBy.push(`metadata.annotations["${RESTART_ANNOTATION}"]`);
    }
    pushAll(reasons, operatorReasons);
    const uncompared = sameSpec ? [] : UNCOMPARED_FIELDS.filter((f) => !deepEqual(compact(was.spec?.[f.slice(5)]), compact(is.spec?.[f.slice(5)])));
    if (uncompared.length > 0) {
      this.warnings.push({ subject, message: `${uncompared.join(', ')} changed: the operator writes it on new pods but never compares it, so running pods keep the old value until they are recreated for another reason` });
    }
    if (reasons.length === 0) {
      const note = r1.external ? [`catalog ${r1.catalog} is not in the manifests: its images could not be compared`] : [];
      return make(ClusterAction.UNCHANGED, note, r0.major, r1.major);
    }
    this.lifecycleWarnings(subject, r0, r1);
    if (supervised) {
      this.warnings.push({ subject, message: 'primaryUpdateStrategy: supervised: the replicas roll, then the primary waits for a person (kubectl cnpg promote or kubectl cnpg restart); the plan does not count it' });
    }
    // A supervised primary waits for a person (kubectl cnpg promote/restart) and does not take the slot.
    const instances = instancesOf(is);
    const podRollouts = supervised ? Math.max(0, instances - 1) : instances;
    return make(ClusterAction.ROLLING_UPDATE, reasons, r0.major, r1.major, podRollouts, rolledBy);
  }

  /** Debian release changes and end-of-life targets of a Cluster that changes. */
  private lifecycleWarnings(subject: string, r0: Resolved | undefined, r1: Resolved): void {
    const os0 = r0?.image === undefined ? undefined : debianRelease(reference(r0.image).tag);
    const os1 = r1.image === undefined ? undefined : debianRelease(reference(r1.image).tag);
    if (os0 !== undefined && os1 !== undefined && os0 !== os1) {
      this.warnings.push({
        subject,
        message: `Debian release changes ${os0} → ${os1}: a new glibc and its collations; text indexes may be ordered differently, so reindex them (REINDEX) after the rollout, or keep ${os0}`,
      });
    }
    const pgEol = r1.major === undefined ? undefined : postgresEndOfLife(r1.major, this.today);
    if (pgEol !== undefined) {
      this.warnings.push({ subject, message: `PostgreSQL ${r1.major} reached end of life on ${pgEol} (PostgreSQL versioning policy): no more fixes, security ones included; plan a major upgrade` });
    }
    const osEol = os1 === undefined ? undefined : debianEndOfLife(os1, this.today);
    if (osEol !== undefined) {
      this.warnings.push({ subject, message: `Debian ${os1} is end of life: ${osEol}; move to a catalog of a supported release (and reindex)` });
    }
  }

  private planWaves(before: FleetInput, after: FleetInput): WavePlan[] {
    // The waves: ClusterImageCatalogs labelled by CatalogWaves, on either side.
    const waves = new Map<string, { info: WaveInfo; before?: WaveInfo; after?: WaveInfo; view?: CatalogView }>();
    for (const [key, located] of before.catalogs) {
      const info = catalogView(located)?.wave;
      if (info && key.startsWith('ClusterImageCatalog/')) waves.set(key, { info, before: info });
    }
    for (const [key, located] of after.catalogs) {
      const view = catalogView(located);
      const info = view?.wave;
      if (info && key.startsWith('ClusterImageCatalog/')) waves.set(key, { ...waves.get(key), info, after: info, view });
    }
    if (waves.size === 0) return [];
    const counts = new Map<string, { clusters: number; rolling: number; pods: number; upgrades: number; refused: number }>();
    for (const c of this.clusters) {
      const wave = this.clusterWaves.get(c.cluster);
      if (wave === undefined) continue;
      const n = counts.get(wave) ?? { clusters: 0, rolling: 0, pods: 0, upgrades: 0, refused: 0 };
      if (c.action !== ClusterAction.DELETED) n.clusters++;
      if (c.action === ClusterAction.ROLLING_UPDATE) {
        n.rolling++;
        n.pods += c.podRollouts;
      }
      if (c.action === ClusterAction.MAJOR_UPGRADE) n.upgrades++;
      if (c.action === ClusterAction.REFUSED || c.action === ClusterAction.BROKEN) n.refused++;
      counts.set(wave, n);
    }
    const ordered = [...waves].sort(([, a], [, b]) => a.info.group.localeCompare(b.info.group) || a.info.order - b.info.order);
    // A wave may not run ahead of the wave before it (within one group), whatever wrote the YAML.
    const groups = new Map<string, WaveState[]>();
    for (const [, w] of ordered) {
      if (!w.view) continue;
      const images = new Map<number, string>();
      for (const [major, entry] of w.view.images) if (entry.image) images.set(major, entry.image);
      const list = groups.get(w.info.group) ?? [];
      list.push({ name: w.info.name, snapshot: w.info.snapshot, images });
      groups.set(w.info.group, list);
    }
    for (const [group, list] of groups) {
      for (const message of waveOrderProblems(list)) this.refusals.push({ subject: `waves of ${group}`, message });
    }
    return ordered.map(([catalog, w]) => {
      const n = counts.get(catalog) ?? { clusters: 0, rolling: 0, pods: 0, upgrades: 0, refused: 0 };
      return {
        wave: w.info.name,
        order: w.info.order,
        group: w.info.group,
        catalog,
        snapshotBefore: w.before?.snapshot,
        snapshotAfter: w.after?.snapshot,
        clusters: n.clusters,
        rollingClusters: n.rolling,
        podRollouts: n.pods,
        majorUpgrades: n.upgrades,
        refused: n.refused,
      };
    });
  }
}
