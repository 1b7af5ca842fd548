import { ApiObject, App, Chart, Duration, Lazy, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import * as cnpg from '../imports/postgresql.cnpg.io';
import {
  Cluster, ClusterImage, Database, DebianRelease, Extension, ImageType, OfficialCatalogOptions, OfficialCatalogs, OfficialExtension, PostgresFleet,
} from '../src';
import { OFFICIAL_CATALOGS } from '../src/catalog/official-catalogs.generated';

// The benchmark fleet, built two ways that must write the same YAML: with the library, and with only the
// generated L1 classes (the baseline a team would hand-write without this library).

export const TYPES = [ImageType.MINIMAL, ImageType.STANDARD, ImageType.SYSTEM];
export const RELEASES = [DebianRelease.BULLSEYE, DebianRelease.BOOKWORM, DebianRelease.TRIXIE];
export const FLAVOURS: OfficialCatalogOptions[] = TYPES.flatMap((type) => RELEASES.map((os) => ({ type, os })));

/** The pgvector image for a catalog's Debian release: official for bookworm and trixie, a mirror's for bullseye. */
function pgvectorFor(os: DebianRelease): string {
  const official = OfficialCatalogs.extensions({ type: ImageType.MINIMAL, os, withExtensions: os !== DebianRelease.BULLSEYE }, 18)
    .find((e) => e.name === 'pgvector');
  return official?.reference ?? `registry.example.com/mirror/pgvector:0.8.6-18-${os}@sha256:${'0'.repeat(64)}`;
}

/**
 * How tenants differ. `plans`: as a platform offers them, each tenant on one of four plans (size,
 * instances, parameters) and one of the nine catalogs, in its own namespace. `unique`: the worst case for
 * the validator, every spec different (sizes, limits, instances, query ConfigMap), so no validation result
 * can be shared between two Clusters.
 */
export type Variation = 'plans' | 'unique';

const PLANS = [
  { instances: 1, storageGi: 10, maxConnections: '100', workMem: '4MB' },
  { instances: 2, storageGi: 50, maxConnections: '200', workMem: '8MB' },
  { instances: 3, storageGi: 200, maxConnections: '400', workMem: '16MB' },
  { instances: 3, storageGi: 1000, maxConnections: '800', workMem: '32MB' },
];

function tenantSpec(i: number, variation: Variation) {
  if (variation === 'unique') {
    return {
      instances: 1 + (i % 3),
      storageGi: 10 + (i % 97),
      parameters: { max_connections: String(100 + (i % 401)), shared_buffers: '256MB', work_mem: `${4 + (i % 13)}MB` },
      queries: `queries-${i}`,
    };
  }
  const plan = PLANS[Math.floor(i / 9) % PLANS.length];
  return {
    instances: plan.instances,
    storageGi: plan.storageGi,
    parameters: { max_connections: plan.maxConnections, shared_buffers: '256MB', work_mem: plan.workMem },
    queries: 'tenant-queries',
  };
}

const tenant = (i: number) => `tenant-${String(i).padStart(5, '0')}`;

/** (a) and (b): the library, one chart for the whole fleet. */
export function libraryFleet(app: App, n: number, variation: Variation): void {
  const chart = new Chart(app, 'fleet', { disableResourceNameHashes: true });
  const fleet = new PostgresFleet(chart, 'fleet', {
    operatorConfig: { clustersRolloutDelay: Duration.minutes(2), instancesRolloutDelay: Duration.seconds(30) },
    officialCatalogs: FLAVOURS,
  });
  const catalogs = fleet.catalogs;
  // A ConfigMap referenced by name resolves in each Cluster's namespace: one reference serves every tenant
  // whose ConfigMap has the same name.
  const sharedQueries = kplus.ConfigMap.fromConfigMapName(chart, 'tenant-queries', 'tenant-queries');
  for (let i = 0; i < n; i++) {
    const namespace = tenant(i);
    const t = tenantSpec(i, variation);
    const queriesRef = t.queries === 'tenant-queries' ? sharedQueries : kplus.ConfigMap.fromConfigMapName(chart, `${namespace}-queries`, t.queries);
    const cluster = fleet.addCluster(namespace, {
      metadata: { name: 'db', namespace },
      instances: t.instances,
      image: ClusterImage.fromCatalog(catalogs[i % catalogs.length], 18),
      storage: { size: Size.gibibytes(t.storageGi) },
      postgresql: { parameters: t.parameters },
      monitoring: { customQueries: [{ configMap: queriesRef, key: 'queries' }] },
      extensions: [Extension.fromImage({ name: 'pgvector', reference: pgvectorFor(FLAVOURS[i % FLAVOURS.length].os) })],
    });
    fleet.addDatabase(`${namespace}-app`, { metadata: { name: 'db-app' }, cluster, name: 'app', owner: 'app' })
      .addOfficialExtension(OfficialExtension.PGVECTOR);
  }
}

/** (c): the same manifests with only the generated L1 classes and no validation. */
export function baselineFleet(app: App, n: number, variation: Variation): void {
  rawFleet(app, n, variation, false);
}

/**
 * (d): the cdk8s L2 pattern and nothing else, as cdk8s-plus builds its constructs: each generated L1 is the
 * `Resource` child of a construct of its own, and its spec is a `Lazy` produced at synth. No props check,
 * no validation, no library code: the floor of any L2 library that follows the pattern.
 */
export function idiomFleet(app: App, n: number, variation: Variation): void {
  rawFleet(app, n, variation, true);
}

function rawFleet(app: App, n: number, variation: Variation, idiom: boolean): void {
  const chart = new Chart(app, 'fleet', { disableResourceNameHashes: true });
  const at = (id: string): [Construct, string] => (idiom ? [new Construct(chart, id), 'Resource'] : [chart, id]);
  const spec = <T>(value: T): T => (idiom ? Lazy.any({ produce: () => value }) as unknown as T : value);
  new ApiObject(...at('operator-config'), {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'cnpg-controller-manager-config', namespace: 'cnpg-system' },
    data: spec({ CLUSTERS_ROLLOUT_DELAY: '120', INSTANCES_ROLLOUT_DELAY: '30' }),
  } as any);
  const names: string[] = [];
  for (const options of FLAVOURS) {
    const record = OFFICIAL_CATALOGS.find((c) => c.type === options.type && c.os === options.os && !c.withExtensions)!;
    names.push(record.name);
    new cnpg.ClusterImageCatalog(...at(record.name), {
      metadata: { name: record.name, labels: Object.fromEntries(record.labels) },
      spec: spec({ images: record.images.map((img) => ({ major: img.major, image: img.image })) }),
    });
  }
  for (let i = 0; i < n; i++) {
    const namespace = tenant(i);
    const t = tenantSpec(i, variation);
    new cnpg.Cluster(...at(namespace), {
      metadata: { name: 'db', namespace },
      spec: spec({
        instances: t.instances,
        imageCatalogRef: { apiGroup: 'postgresql.cnpg.io', kind: 'ClusterImageCatalog', name: names[i % names.length], major: 18 },
        storage: { size: `${t.storageGi}Gi` },
        postgresql: { parameters: t.parameters, extensions: [{ name: 'pgvector', image: { reference: pgvectorFor(FLAVOURS[i % FLAVOURS.length].os) } }] },
        monitoring: { customQueriesConfigMap: [{ name: t.queries, key: 'queries' }] },
      }),
    });
    new cnpg.Database(...at(`${namespace}-app`), {
      metadata: { name: 'db-app', namespace },
      spec: spec({ name: 'app', owner: 'app', cluster: { name: 'db' }, extensions: [{ name: 'vector' }] }),
    });
  }
}

/**
 * The layout the README warns against: one chart per tenant. cdk8s validates the whole app again for every
 * chart it writes, so synthesis grows with charts x constructs.
 */
export function chartPerTenantFleet(app: App, n: number): void {
  const platform = new Chart(app, 'platform', { disableResourceNameHashes: true });
  const fleet = new PostgresFleet(platform, 'fleet', {
    operatorConfig: { clustersRolloutDelay: Duration.minutes(2), instancesRolloutDelay: Duration.seconds(30) },
    officialCatalogs: FLAVOURS,
  });
  const catalogs = fleet.catalogs;
  for (let i = 0; i < n; i++) {
    const namespace = tenant(i);
    const t = tenantSpec(i, 'plans');
    const chart = new Chart(app, namespace, { namespace, disableResourceNameHashes: true });
    const cluster = new Cluster(chart, 'db', {
      metadata: { name: 'db' },
      instances: t.instances,
      image: ClusterImage.fromCatalog(catalogs[i % catalogs.length], 18),
      storage: { size: Size.gibibytes(t.storageGi) },
      postgresql: { parameters: t.parameters },
      extensions: [Extension.fromImage({ name: 'pgvector', reference: pgvectorFor(FLAVOURS[i % FLAVOURS.length].os) })],
    });
    new Database(chart, 'app', { metadata: { name: 'db-app' }, cluster, name: 'app', owner: 'app' }).addOfficialExtension(OfficialExtension.PGVECTOR);
  }
}
