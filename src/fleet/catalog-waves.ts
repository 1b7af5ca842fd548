import { Construct } from 'constructs';
import { WAVE_GROUP_LABEL, WAVE_LABEL, WAVE_ORDER_LABEL, WAVE_SNAPSHOT_LABEL, waveOrderProblems } from './wave-order';
import { CatalogImage, ClusterImageCatalog } from '../catalog/image-catalog';
import { findOfficialCatalog, officialCatalogContent, officialCatalogName } from '../catalog/official-lookup';
import { OfficialCatalogOptions } from '../catalog/official-options';
import { OfficialSnapshot } from '../catalog/official-snapshot';
import { Cluster } from '../cluster/cluster';
import { ClusterImage } from '../cluster/cluster-image';
import { constructError, show, Violation } from '../common/errors';
import { DNS_LABEL } from '../common/names';
import { checkProps } from '../resource/props-check';

/** One wave of a staged catalog rollout: the images it runs, and the Clusters that belong to it. */
export interface CatalogWave {
  /** The wave's name (`canary`, `production`): a DNS label; its catalog is `<flavour's catalog>-<name>`. */
  readonly name: string;

  /**
   * The signed official snapshot the wave runs (`OfficialSnapshot.of('2026-07-17')`). Promoting a wave is
   * giving it the snapshot of the wave before it. Give this or `images`.
   * @default - `images` is used
   */
  readonly snapshot?: OfficialSnapshot;

  /**
   * Images of your own instead of an official snapshot, as in `ClusterImageCatalogProps.images`. Give this
   * or `snapshot`.
   * @default - `snapshot` is used
   */
  readonly images?: CatalogImage[];

  /**
   * Namespaces whose Clusters belong to the wave. A namespace belongs to one wave at most.
   * @default - none
   */
  readonly namespaces?: string[];

  /**
   * Labels that put a Cluster in the wave: all must match. Waves are tried in order, namespaces first.
   * @default - none
   */
  readonly matchLabels?: { [key: string]: string };
}

/** Properties of CatalogWaves. */
export interface CatalogWavesProps {
  /** The official flavour the waves stage (type, Debian release, and whether extension-enabled). */
  readonly flavour: OfficialCatalogOptions;

  /**
   * The waves, first to last (e.g. canary, then production). A wave may never run newer images than the
   * wave before it.
   */
  readonly waves: CatalogWave[];

  /**
   * The wave of a Cluster that no wave selects by namespace or label.
   * @default - the last wave (the most conservative)
   */
  readonly defaultWave?: string;
}

/** What decides a Cluster's wave: its wave by name, or its namespace and labels. */
export interface WaveAssignment {
  /**
   * The wave, by name: wins over the namespace and labels.
   * @default - chosen by namespace, then labels, then the default wave
   */
  readonly wave?: string;

  /**
   * The Cluster's namespace.
   * @default - none
   */
  readonly namespace?: string;

  /**
   * The Cluster's labels.
   * @default - none
   */
  readonly labels?: { [key: string]: string };
}

interface WaveEntry {
  readonly spec: CatalogWave;
  readonly catalog: ClusterImageCatalog;
}

/** Images handed out by `image()` with an explicit wave (the synth-time check leaves them alone). */
const EXPLICIT = new WeakSet<ClusterImage>();

/**
 * Staged catalog rollouts as code: ordered waves (e.g. canary, then production), each running its own
 * ClusterImageCatalog `<flavour's catalog>-<wave>` (e.g. `postgresql-minimal-trixie-canary`) pinned to a
 * dated official snapshot or to images of your own. Clusters belong to a wave explicitly, by namespace or
 * by label, and take their image from their wave's catalog (`image()`).
 *
 * A catalog update is staged by moving the first wave to the new snapshot; once it has soaked, promotion is
 * a one-line change: the next wave takes the snapshot of the wave before it. A wave ahead of the wave
 * before it is refused here, and by `cdk8s-cnpg plan`, which also shows what each wave rolls.
 *
 * Each wave writes one cluster-scoped catalog, not a namespaced ImageCatalog per namespace: a wave is one
 * object to promote whatever the number of namespaces, label-selected Clusters in any namespace share it,
 * and the plan reads a wave from one object.
 */
export class CatalogWaves extends Construct {
  /** The waves' names, first to last. */
  public readonly waveNames: string[];

  private readonly entries: WaveEntry[];
  private readonly defaultWave: string;

  /**
   * @param scope the parent construct (a Chart, or a construct inside one)
   * @param id the construct id, unique among its siblings
   * @param props the properties of the waves
   */
  constructor(scope: Construct, id: string, props: CatalogWavesProps) {
    checkProps(scope, id, 'CatalogWavesProps', props);
    super(scope, id);
    const waves = props.waves;
    this.fail(this.propsViolations(props));
    this.entries = waves.map((spec, order) => ({ spec, catalog: this.waveCatalog(props.flavour, spec, order) }));
    this.waveNames = waves.map((w) => w.name);
    this.defaultWave = props.defaultWave ?? waves[waves.length - 1].name;
    const problems = waveOrderProblems(this.entries.map(({ spec, catalog }) => ({
      name: spec.name,
      snapshot: spec.snapshot?.date,
      images: new Map(catalog.majors!.map((m) => [m, catalog.imageForMajor(m)!])),
    })));
    this.fail(problems.map((message) => ({ path: 'waves', message, source: 'library' })));
    this.node.addValidation({ validate: () => this.assignmentMessages() });
  }

  /** The catalog of a wave. Throws when there is no wave of that name. */
  public catalog(wave: string): ClusterImageCatalog {
    return this.entry(wave).catalog;
  }

  /**
   * The wave a Cluster belongs to: the wave named, else the first wave listing its namespace, else the first
   * wave whose labels it all carries, else the default wave.
   */
  public waveOf(assignment: WaveAssignment = {}): string {
    if (assignment.wave !== undefined) return this.entry(assignment.wave).spec.name;
    const namespace = assignment.namespace;
    const byNamespace = namespace === undefined ? undefined : this.entries.find((e) => e.spec.namespaces?.includes(namespace));
    if (byNamespace) return byNamespace.spec.name;
    const labels = assignment.labels ?? {};
    const byLabels = this.entries.find((e) => e.spec.matchLabels && Object.entries(e.spec.matchLabels).every(([k, v]) => labels[k] === v));
    return byLabels ? byLabels.spec.name : this.defaultWave;
  }

  /**
   * The image of `major` from the catalog of the Cluster's wave (see `waveOf`): pass the Cluster's metadata
   * (its namespace and labels), or `{ wave: 'canary' }`. At synth, a Cluster whose namespace or labels select
   * another wave than its image's is an error, unless the wave was named.
   */
  public image(major: number, assignment: WaveAssignment = {}): ClusterImage {
    const image = ClusterImage.fromCatalog(this.catalog(this.waveOf(assignment)), major);
    if (assignment.wave !== undefined) EXPLICIT.add(image);
    return image;
  }

  private entry(wave: string): WaveEntry {
    const found = this.entries.find((e) => e.spec.name === wave);
    if (!found) {
      throw constructError(this, { path: 'wave', message: `${show(wave)} is not a wave; the waves are ${this.entries.map((e) => e.spec.name).join(', ')}`, source: 'library' });
    }
    return found;
  }

  private fail(violations: Violation[]): void {
    if (violations.length > 0) throw new Error(violations.map((v) => constructError(this, v).message).join('\n'));
  }

  private propsViolations(props: CatalogWavesProps): Violation[] {
    const out: Violation[] = [];
    const lib = (path: string, message: string) => out.push({ path, message, source: 'library' });
    if (props.flavour?.snapshot !== undefined) {
      lib('flavour.snapshot', `${show(props.flavour.snapshot.date)}: each wave pins its own snapshot; give it in waves[].snapshot`);
    }
    if (!Array.isArray(props.waves) || props.waves.length === 0) {
      lib('waves', `${show(props.waves)}: expected at least one wave, first to last (e.g. canary, then production)`);
      return out;
    }
    const names = new Set<string>();
    const namespaces = new Map<string, string>();
    props.waves.forEach((w, i) => {
      const at = `waves[${i}]`;
      if (typeof w?.name !== 'string' || !DNS_LABEL.test(w.name) || w.name.length > 63) {
        lib(`${at}.name`, `${show(w?.name)} is not a DNS label; a wave's name ends its catalog's name: lowercase letters, digits and '-', at most 63`);
      } else if (names.has(w.name)) {
        lib(`${at}.name`, `${show(w.name)} appears twice; each wave has its own name`);
      }
      names.add(w?.name);
      if ((w?.snapshot === undefined) === (w?.images === undefined)) {
        lib(at, `wave ${show(w?.name)} gives ${w?.snapshot === undefined ? 'neither' : 'both'} snapshot and images; give exactly one: an official snapshot (OfficialSnapshot.of('YYYY-MM-DD')) or images of your own`);
      } else if (w.snapshot !== undefined && !(w.snapshot instanceof OfficialSnapshot)) {
        lib(`${at}.snapshot`, `${show(w.snapshot)} is not an OfficialSnapshot; expected OfficialSnapshot.of('YYYY-MM-DD') (${OfficialSnapshot.all().map((s) => s.date).join(', ')})`);
      }
      for (const ns of w?.namespaces ?? []) {
        const other = namespaces.get(ns);
        if (other !== undefined) lib(`${at}.namespaces`, `namespace ${show(ns)} is already in wave ${show(other)}; a namespace belongs to one wave`);
        else namespaces.set(ns, w.name);
      }
    });
    if (props.defaultWave !== undefined && !names.has(props.defaultWave)) {
      lib('defaultWave', `${show(props.defaultWave)} is not a wave; the waves are ${[...names].join(', ')}`);
    }
    return out;
  }

  private waveCatalog(flavour: OfficialCatalogOptions, wave: CatalogWave, order: number): ClusterImageCatalog {
    const labels: { [key: string]: string } = {
      [WAVE_GROUP_LABEL]: officialCatalogName(flavour),
      [WAVE_LABEL]: wave.name,
      [WAVE_ORDER_LABEL]: String(order),
    };
    let images = wave.images;
    if (wave.snapshot !== undefined) {
      const content = officialCatalogContent(findOfficialCatalog(this, { ...flavour, snapshot: wave.snapshot }));
      Object.assign(labels, content.labels, { [WAVE_SNAPSHOT_LABEL]: wave.snapshot.date });
      images = content.images;
    }
    return new ClusterImageCatalog(this, wave.name, { metadata: { name: `${officialCatalogName(flavour)}-${wave.name}`, labels }, images });
  }

  /** Clusters of the app on a wave's catalog whose namespace or labels select another wave. */
  private assignmentMessages(): string[] {
    const out: string[] = [];
    const catalogs = new Map(this.entries.map((e) => [e.catalog, e.spec.name]));
    for (const node of this.node.root.node.findAll()) {
      if (!(node instanceof Cluster) || EXPLICIT.has(node.image)) continue;
      const wave = node.image.catalog instanceof ClusterImageCatalog ? catalogs.get(node.image.catalog) : undefined;
      if (wave === undefined) continue;
      const expected = this.waveOf({ namespace: node.namespace, labels: node.metadata.toJson().labels });
      if (expected !== wave) {
        out.push(`[${node.node.path}] image: the Cluster's namespace ${show(node.namespace ?? 'default')} and labels put it in wave ${expected} of [${this.node.path}], `
          + `but its image comes from wave ${wave} (${this.catalog(wave).name}); take it from waves.image(major, metadata), or name the wave: waves.image(major, { wave: '${wave}' }) (library)`);
      }
    }
    return out;
  }
}
