import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Chart, Duration, Size, Testing } from 'cdk8s';
import * as YAML from 'yaml';
import {
  ClusterAction,
  ClusterImage,
  ClusterImageCatalog,
  ClusterProps,
  DebianRelease,
  Extension,
  ImageType,
  PostgresFleet,
  RolloutPlan,
} from '../src';
import { describeWithShared, SHARED } from './shared-data';
import { buildApp } from '../examples/platform';
import { main } from '../src/cli/main';

const ROOT = path.resolve(__dirname, '..');

interface Tenant {
  readonly name: string;
  readonly major: number;
  readonly instances: number;
  readonly os?: DebianRelease;
  readonly type?: ImageType;
  readonly extensions?: string[];
  readonly withExtensions?: boolean;
  readonly props?: Partial<ClusterProps>;
}

/** The manifests of a fleet whose Clusters reference official catalogs installed elsewhere. */
function fleetManifests(tenants: Tenant[], delays?: { clusters?: Duration; instances?: Duration }): any[] {
  const chart = new Chart(Testing.app(), 'fleet');
  const fleet = new PostgresFleet(chart, 'fleet', {
    operatorConfig: delays ? { clustersRolloutDelay: delays.clusters, instancesRolloutDelay: delays.instances } : undefined,
  });
  for (const t of tenants) {
    const catalog = ClusterImageCatalog.fromOfficial(fleet, `catalog-${t.name}`, {
      type: t.type ?? ImageType.MINIMAL, os: t.os ?? DebianRelease.TRIXIE, withExtensions: t.withExtensions,
    });
    const cluster = fleet.addCluster(t.name, {
      metadata: { name: t.name, namespace: 'tenants' },
      instances: t.instances,
      image: ClusterImage.fromCatalog(catalog, t.major),
      storage: { size: Size.gibibytes(10) },
      ...t.props,
    });
    for (const ext of t.extensions ?? []) cluster.addExtension(Extension.fromCatalog(ext));
  }
  return Testing.synth(chart);
}

/** A folder with the fleet's manifests and the official catalogs of one artifacts snapshot. */
function folder(manifests: any[], catalogs: string[]): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plan-'));
  fs.writeFileSync(path.join(dir, 'fleet.k8s.yaml'), manifests.map((m) => YAML.stringify(m)).join('---\n'));
  for (const snapshot of catalogs) {
    const from = path.join(SHARED, 'catalogs', snapshot);
    fs.mkdirSync(path.join(dir, snapshot));
    for (const f of fs.readdirSync(from).filter((x) => x.startsWith('catalog-') && x.endsWith('.yaml'))) {
      fs.copyFileSync(path.join(from, f), path.join(dir, snapshot, f));
    }
  }
  return dir;
}

function run(args: string[]): { code: number; out: string; err: string } {
  const out: string[] = [];
  const err: string[] = [];
  const code = main(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const TENANTS: Tenant[] = [
  ...[13, 14, 15, 16, 17, 18].map((major) => ({ name: `tenant-${major}`, major, instances: 3 })),
  { name: 'billing', major: 17, instances: 2, type: ImageType.STANDARD, os: DebianRelease.BOOKWORM },
  { name: 'ledger', major: 17, instances: 2, type: ImageType.STANDARD, os: DebianRelease.BOOKWORM },
];
const DELAYS = { clusters: Duration.minutes(2), instances: Duration.seconds(30) };

describeWithShared('a catalog update: the fleet on artifacts-2026-07-17, then on 2026-08-17', ['catalogs/artifacts-2026-07-17', 'catalogs/artifacts-2026-08-17'], () => {
  const manifests = fleetManifests(TENANTS, DELAYS);
  const before = () => folder(manifests, ['artifacts-2026-07-17']);
  const after = () => folder(manifests, ['artifacts-2026-08-17']);

  test('every catalog image of majors 14 to 18 moves one minor; 13 is frozen', () => {
    const plan = RolloutPlan.fromDirectories(before(), after());
    expect(plan.catalogChanges).toHaveLength(9 * 5);
    expect(plan.catalogChanges.every((c) => c.change === 'updated' && c.major >= 14)).toBe(true);
    const trixie18 = plan.catalogChanges.find((c) => c.catalog === 'ClusterImageCatalog/postgresql-minimal-trixie' && c.major === 18)!;
    expect(trixie18.summary).toBe('18.4-202607170948-minimal-trixie@sha256:4c993b05333e → 18.6-202608170814-minimal-trixie@sha256:eb7979e4bd7f');
  });

  test('lists every rolled Cluster with its reason, and the minimum duration; exits 0', () => {
    // WHEN
    const result = run(['plan', '--before', before(), '--after', after()]);
    // THEN
    expect(result.code).toBe(0);
    expect(result.out).toContain('ROLL    tenants/tenant-18 (3 pods): image for major 18 changed in ClusterImageCatalog/postgresql-minimal-trixie: '
      + '18.4-202607170948-minimal-trixie@sha256:4c993b05333e → 18.6-202608170814-minimal-trixie@sha256:eb7979e4bd7f');
    for (const name of ['tenant-14', 'tenant-15', 'tenant-16', 'tenant-17', 'tenant-18', 'billing', 'ledger']) {
      expect(result.out).toMatch(new RegExp(`ROLL {4}tenants/${name} \\(\\d pods\\): image for major \\d+ changed`));
    }
    expect(result.out).not.toContain('tenants/tenant-13');
    expect(result.out).toContain('1 other Cluster(s) unchanged');
    // 7 Clusters roll: 5 x 3 pods + 2 x 2 pods = 19 pod rollouts. With CLUSTERS_ROLLOUT_DELAY (120 s) longer than
    // INSTANCES_ROLLOUT_DELAY (30 s), the best order finishes one Cluster before the next: 6 crossings and
    // 19 - 7 = 12 same-Cluster gaps, so 6 x 120 + 12 x 30 = 1080 s = 18 minutes.
    expect(result.out).toContain('7 Cluster(s) roll, 19 pod rollout(s); CLUSTERS_ROLLOUT_DELAY=120s, INSTANCES_ROLLOUT_DELAY=30s (ConfigMap cnpg-system/cnpg-controller-manager-config)');
    expect(result.out).toContain('minimum time until converged: 18m (1080 s = 6 x 120s + 12 x 30s)');
    expect(result.out).toContain('model: the operator keeps one global rollout slot for all Clusters and gates every pod rollout');
  });

  test('--json gives the same plan as data', () => {
    const result = run(['plan', '--before', before(), '--after', after(), '--json']);
    expect(result.code).toBe(0);
    const plan = JSON.parse(result.out);
    expect(plan.clusters.map((c: any) => [c.cluster, c.action, c.podRollouts])).toEqual([
      ['tenants/billing', 'rolling-update', 2],
      ['tenants/ledger', 'rolling-update', 2],
      ['tenants/tenant-14', 'rolling-update', 3],
      ['tenants/tenant-15', 'rolling-update', 3],
      ['tenants/tenant-16', 'rolling-update', 3],
      ['tenants/tenant-17', 'rolling-update', 3],
      ['tenants/tenant-18', 'rolling-update', 3],
    ]);
    expect(plan.unchangedClusters).toBe(1);
    expect(plan.refusals).toEqual([]);
    expect(plan).toMatchObject({ verdict: 'safe', exitCode: 0, errors: [] });
    expect(plan.timing).toMatchObject({ rollingClusters: 7, podRollouts: 19, clusterGaps: 6, instanceGaps: 12, minimumSeconds: 1080 });
  });

  test('the fleet computes the same plan as a library function', () => {
    const chart = new Chart(Testing.app(), 'fleet');
    const fleet = new PostgresFleet(chart, 'fleet', { operatorConfig: { clustersRolloutDelay: DELAYS.clusters, instancesRolloutDelay: DELAYS.instances } });
    const catalog = fleet.addOfficialCatalog({ type: ImageType.MINIMAL, os: DebianRelease.TRIXIE });
    for (const major of [16, 17, 18]) {
      fleet.addCluster(`tenant-${major}`, { metadata: { name: `tenant-${major}`, namespace: 'tenants' }, instances: 3, image: ClusterImage.fromCatalog(catalog, major), storage: { size: Size.gibibytes(10) } });
    }
    const deployed = fleet.toManifests().map((m) => (m.kind === 'ClusterImageCatalog'
      ? YAML.parse(fs.readFileSync(path.join(SHARED, 'catalogs', 'artifacts-2026-07-17', 'catalog-minimal-trixie.yaml'), 'utf8'))
      : m));
    const plan = fleet.planRollout(deployed);
    expect(plan.clusters.map((c) => c.action)).toEqual([ClusterAction.ROLLING_UPDATE, ClusterAction.ROLLING_UPDATE, ClusterAction.ROLLING_UPDATE]);
    // 3 Clusters x 3 pods: 2 crossings x 120 s + 6 same-Cluster gaps x 30 s = 420 s
    expect(plan.timing.minimumSeconds).toBe(420);
    expect(plan.hasRefusedChanges).toBe(false);
  });
});

describeWithShared('majors', ['catalogs/artifacts-2025-09-23', 'catalogs/artifacts-2026-08-17', 'catalogs/artifacts-extensions-2026-07-17', 'catalogs/artifacts-extensions-2026-08-22'], () => {
  test('adding major 18 (2025-09-23 → 2026-08-17) lets a Cluster start an offline major upgrade', () => {
    const before = folder(fleetManifests([{ name: 'app', major: 17, instances: 3 }]), ['artifacts-2025-09-23']);
    const after = folder(fleetManifests([{ name: 'app', major: 18, instances: 3 }]), ['artifacts-2026-08-17']);
    const plan = RolloutPlan.fromDirectories(before, after);
    expect(plan.catalogChanges.filter((c) => c.change === 'added').map((c) => `${c.catalog} ${c.major}`)).toHaveLength(9);
    expect(plan.catalogChanges.find((c) => c.catalog === 'ClusterImageCatalog/postgresql-minimal-trixie' && c.major === 18)!.summary)
      .toBe('added 18.6-202608170814-minimal-trixie@sha256:eb7979e4bd7f');
    expect(plan.clusters).toEqual([expect.objectContaining({
      cluster: 'tenants/app',
      action: ClusterAction.MAJOR_UPGRADE,
      majorBefore: 17,
      majorAfter: 18,
      reasons: ['offline major upgrade 17 → 18 (pg_upgrade: all pods stop, replicas are cloned again; not gated by the rollout delays)'],
    })]);
    expect(plan.timing.podRollouts).toBe(0);
    expect(run(['plan', '--before', before, '--after', after]).code).toBe(0);
  });

  test('a downgrade is refused: non-zero exit naming the Cluster', () => {
    const before = folder(fleetManifests([{ name: 'orders', major: 18, instances: 3 }]), ['artifacts-2026-08-17']);
    const after = folder(fleetManifests([{ name: 'orders', major: 17, instances: 3 }]), ['artifacts-2026-08-17']);
    const result = run(['plan', '--before', before, '--after', after]);
    expect(result.code).toBe(1);
    expect(result.out).toContain("REFUSED tenants/orders: can't downgrade from major 18 to 17");
    expect(result.out).toContain("Refused: 1 change(s) (exit 1)\n  Cluster tenants/orders: can't downgrade from major 18 to 17");
  });

  test('a major upgrade to 15 is refused', () => {
    const before = folder(fleetManifests([{ name: 'old', major: 14, instances: 1 }]), ['artifacts-2026-08-17']);
    const after = folder(fleetManifests([{ name: 'old', major: 15, instances: 1 }]), ['artifacts-2026-08-17']);
    const plan = RolloutPlan.fromDirectories(before, after);
    expect(plan.refused.map((c) => c.reasons)).toEqual([['major 14 → 15: major upgrades are only supported to version 16 or higher']]);
  });

  test('a Cluster whose catalog lacks its major is reported broken', () => {
    const manifests = fleetManifests([{ name: 'new18', major: 18, instances: 1 }]);
    const before = folder(manifests, ['artifacts-2026-08-17']);
    const after = folder(manifests, ['artifacts-2025-09-23']);
    const result = run(['plan', '--before', before, '--after', after]);
    expect(result.code).toBe(1);
    expect(result.out).toContain('BROKEN  tenants/new18: ClusterImageCatalog/postgresql-minimal-trixie: selected major version is not available in the catalog '
      + '(Cannot find major 18 in ClusterImageCatalog/postgresql-minimal-trixie); the Cluster would be in phase "Cluster has incomplete or invalid image catalog"');
  });

  test('extension images of the catalog roll the Clusters that use them', () => {
    const manifests = fleetManifests([{ name: 'vectors', major: 18, instances: 2, extensions: ['pgvector'], withExtensions: true }]);
    const before = folder(manifests, ['artifacts-extensions-2026-07-17']);
    const after = folder(manifests, ['artifacts-extensions-2026-08-22']);
    const [change] = RolloutPlan.fromDirectories(before, after).clusters;
    expect(change.action).toBe(ClusterAction.ROLLING_UPDATE);
    expect(change.reasons).toContain('extension pgvector image changed: 0.8.5-202607151351-18-trixie@sha256:787b9f886095 → 0.8.6-202608201414-18-trixie@sha256:029db2a11682');
  });
});

describe('the timing model', () => {
  const catalog = {
    apiVersion: 'postgresql.cnpg.io/v1',
    kind: 'ClusterImageCatalog',
    metadata: { name: 'pg' },
    spec: { images: [{ major: 18, image: 'registry.example.com/pg:18.1' }] },
  };
  const updated = { ...catalog, spec: { images: [{ major: 18, image: 'registry.example.com/pg:18.2' }] } };
  const cluster = (name: string, instances: number, extra: any = {}) => ({
    apiVersion: 'postgresql.cnpg.io/v1',
    kind: 'Cluster',
    metadata: { name, namespace: 'a' },
    spec: { instances, imageCatalogRef: { apiGroup: 'postgresql.cnpg.io', kind: 'ClusterImageCatalog', name: 'pg', major: 18 }, storage: { size: '1Gi' }, ...extra },
  });
  const config = (kind: string, data: any) => ({ apiVersion: 'v1', kind, metadata: { name: 'cnpg-controller-manager-config', namespace: 'cnpg-system' }, ...data });

  test('with a short cluster delay, pods of different Clusters interleave', () => {
    // 3 + 1 pods, CLUSTERS 10 s < INSTANCES 60 s: the best order A B A A still has one A-A neighbour:
    // 2 crossings x 10 s + 1 x 60 s = 80 s.
    const clusters = [cluster('a', 3), cluster('b', 1)];
    const cfg = config('ConfigMap', { data: { CLUSTERS_ROLLOUT_DELAY: '10', INSTANCES_ROLLOUT_DELAY: '60' } });
    const plan = RolloutPlan.between([catalog, ...clusters], [updated, ...clusters, cfg]);
    expect(plan.timing).toMatchObject({ podRollouts: 4, clusterGaps: 2, instanceGaps: 1, minimumSeconds: 80 });
  });

  test('no operator config means both delays are 0', () => {
    const plan = RolloutPlan.between([catalog, cluster('a', 3)], [updated, cluster('a', 3)]);
    expect(plan.timing).toMatchObject({ minimumSeconds: 0, delaysFrom: 'no operator config in the manifests: both delays 0' });
  });

  test('the Secret of the same name wins over the ConfigMap', () => {
    const cfg = config('ConfigMap', { data: { CLUSTERS_ROLLOUT_DELAY: '10' } });
    const secret = config('Secret', { stringData: { CLUSTERS_ROLLOUT_DELAY: '600' } });
    const plan = RolloutPlan.between([catalog, cluster('a', 1), cluster('b', 1)], [updated, cluster('a', 1), cluster('b', 1), cfg, secret]);
    expect(plan.timing).toMatchObject({ clustersRolloutDelaySeconds: 600, minimumSeconds: 600, delaysFrom: 'ConfigMap cnpg-system/cnpg-controller-manager-config + Secret cnpg-system/cnpg-controller-manager-config' });
  });

  test('a change of the pod template rolls the Cluster, a new Cluster is created, a removed one deleted', () => {
    const plan = RolloutPlan.between(
      [catalog, cluster('a', 2), cluster('gone', 1)],
      [catalog, cluster('a', 2, { resources: { requests: { memory: '2Gi' } } }), cluster('new', 1)],
    );
    expect(plan.clusters.map((c) => [c.cluster, c.action, c.reasons])).toEqual([
      ['a/a', ClusterAction.ROLLING_UPDATE, ['pod spec changed: spec.resources (containers[postgres].resources)']],
      ['a/gone', ClusterAction.DELETED, ['removed from the manifests']],
      ['a/new', ClusterAction.CREATED, ['new Cluster on ClusterImageCatalog/pg (major 18)']],
    ]);
  });

  test('a supervised primary waits for a person: only its replicas are counted', () => {
    const supervised = (name: string) => cluster(name, 3, { primaryUpdateStrategy: 'supervised' });
    const cfg = config('ConfigMap', { data: { CLUSTERS_ROLLOUT_DELAY: '60', INSTANCES_ROLLOUT_DELAY: '10' } });
    const plan = RolloutPlan.between([catalog, supervised('a'), cluster('b', 3)], [updated, supervised('a'), cluster('b', 3), cfg]);
    expect(plan.toText()).toContain('ROLL    a/a (2 pods, supervised primary): image for major 18 changed in ClusterImageCatalog/pg: 18.1 → 18.2');
    // 2 + 3 pods: one crossing (60 s) and 3 same-Cluster gaps (10 s)
    expect(plan.timing).toMatchObject({ podRollouts: 5, clusterGaps: 1, instanceGaps: 3, minimumSeconds: 90 });
  });

  test('a configuration under another name is found by its keys', () => {
    const renamed = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'operator-config', namespace: 'operators' }, data: { CLUSTERS_ROLLOUT_DELAY: '30' } };
    const plan = RolloutPlan.between([catalog, cluster('a', 1), cluster('b', 1)], [updated, cluster('a', 1), cluster('b', 1), renamed]);
    expect(plan.timing).toMatchObject({ clustersRolloutDelaySeconds: 30, minimumSeconds: 30, delaysFrom: 'ConfigMap operators/operator-config' });
  });

  test('a configuration value that is not a string is invalid input', () => {
    const bad = config('ConfigMap', { data: { CLUSTERS_ROLLOUT_DELAY: 120 } });
    const plan = RolloutPlan.between([], [bad]);
    expect(plan.errors).toEqual([{
      subject: 'ConfigMap cnpg-system/cnpg-controller-manager-config (after[0])',
      message: "CLUSTERS_ROLLOUT_DELAY is 120 (a number); ConfigMap and Secret values are strings: quote it ('120')",
    }]);
    expect(plan.exitCode).toBe(2);
  });

  test('a new operator image rolls every Cluster, unless the instance manager is updated in place', () => {
    const image = (tag: string, extra: any = {}) => config('ConfigMap', { data: { OPERATOR_IMAGE_NAME: `ghcr.io/cloudnative-pg/cloudnative-pg:${tag}`, ...extra } });
    const plan = RolloutPlan.between([catalog, cluster('a', 2), image('1.30.0')], [catalog, cluster('a', 2), image('1.30.1')]);
    expect(plan.clusters[0].action).toBe(ClusterAction.ROLLING_UPDATE);
    expect(plan.clusters[0].reasons).toEqual(['operator config OPERATOR_IMAGE_NAME changed (1.30.0 → 1.30.1): the instance manager image of every pod']);
    const inPlace = RolloutPlan.between(
      [catalog, cluster('a', 2), image('1.30.0')],
      [catalog, cluster('a', 2), image('1.30.1', { ENABLE_INSTANCE_MANAGER_INPLACE_UPDATES: 'true' })],
    );
    expect(inPlace.clusters[0].action).toBe(ClusterAction.UNCHANGED);
  });

  test('a new default image does not touch Clusters that name no image: they got theirs when created', () => {
    const noImage = { apiVersion: 'postgresql.cnpg.io/v1', kind: 'Cluster', metadata: { name: 'legacy', namespace: 'a' }, spec: { instances: 1, storage: { size: '1Gi' } } };
    const defaults = (image: string) => config('ConfigMap', { data: { POSTGRES_IMAGE_NAME: image } });
    const plan = RolloutPlan.between(
      [noImage, defaults('ghcr.io/cloudnative-pg/postgresql:18.4-system-trixie')],
      [noImage, defaults('ghcr.io/cloudnative-pg/postgresql:17.6-system-trixie')],
    );
    expect(plan.clusters).toEqual([expect.objectContaining({ cluster: 'a/legacy', action: ClusterAction.UNCHANGED })]);
    expect(plan.hasRefusedChanges).toBe(false);
  });

  test('a catalog installed elsewhere: official ones are read from the library\'s data, others are not compared', () => {
    const onCatalog = (name: string, major: number, extra: any = {}) => ({
      apiVersion: 'postgresql.cnpg.io/v1',
      kind: 'Cluster',
      metadata: { name, namespace: 'a' },
      spec: { instances: 2, imageCatalogRef: { apiGroup: 'postgresql.cnpg.io', kind: 'ClusterImageCatalog', name: name === 'official' ? 'postgresql-minimal-trixie' : 'team-catalog', major }, storage: { size: '1Gi' }, ...extra },
    });
    const plan = RolloutPlan.between([onCatalog('official', 18), onCatalog('other', 18)], [onCatalog('official', 18), onCatalog('other', 18)]);
    expect(plan.clusters.map((c) => [c.cluster, c.action, c.reasons])).toEqual([
      ['a/official', ClusterAction.UNCHANGED, []],
      ['a/other', ClusterAction.UNCHANGED, ['catalog ClusterImageCatalog/team-catalog is not in the manifests: its images could not be compared']],
    ]);
    expect(plan.hasRefusedChanges).toBe(false);
    // ... and a downgrade is still refused, whatever the catalog: the ref says the major
    for (const name of ['official', 'other']) {
      const down = RolloutPlan.between([onCatalog(name, 18)], [onCatalog(name, 17)]);
      expect(down.refused.map((c) => c.reasons)).toEqual([["can't downgrade from major 18 to 17"]]);
    }
  });

  test('a catalog removed from the manifests breaks the Clusters on it', () => {
    const plan = RolloutPlan.between([catalog, cluster('a', 1)], [cluster('a', 1)]);
    expect(plan.clusters[0]).toMatchObject({ action: ClusterAction.BROKEN });
    expect(plan.clusters[0].reasons[0]).toContain('catalog ClusterImageCatalog/pg not found');
  });
});

describe('cdk8s-cnpg plan arguments', () => {
  test.each([
    [[], 'cdk8s-cnpg plan: both --before and --after are required'],
    [['--before'], 'cdk8s-cnpg plan: --before needs a folder'],
    [['--before', 'a', '--after', 'b', '--verbose'], 'cdk8s-cnpg plan: unknown option --verbose'],
    [['--before', 'a', '--before', 'b', '--after', 'c'], 'cdk8s-cnpg plan: --before is given twice ("a" and "b"); give it once'],
    [['--before', '--after', 'b'], 'cdk8s-cnpg plan: --before needs a folder'],
    [['--before', 'a', '--after', 'b', 'c'], 'cdk8s-cnpg plan: unexpected argument "c"; the folders are given with --before and --after'],
    [['--before', '/nonexistent/a', '--after', '/nonexistent/b'], 'cdk8s-cnpg plan: not a folder: /nonexistent/a'],
  ])('%j is a usage error (exit 2)', (args, message) => {
    const result = run(['plan', ...args]);
    expect(result.code).toBe(2);
    expect(result.err).toContain(message);
  });

  test('the installed command runs end to end', () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'plan-empty-'));
    const out = execFileSync('npx', ['ts-node', '--transpile-only', '-P', 'tsconfig.dev.json', 'src/cli/main.ts', 'plan', '--before', empty, '--after', empty], {
      cwd: ROOT, encoding: 'utf8',
    });
    expect(out).toContain('Catalog changes\n  (none)');
  }, 60_000);
});

describeWithShared('the README', ['catalogs/artifacts-extensions-2026-07-17', 'catalogs/artifacts-extensions-2026-08-22'], () => {
  test('shows the plan the example platform really gets for the 2026-07-17 → 2026-08-22 extension catalogs', () => {
    // GIVEN the example platform's manifests, with its catalog as published on each date
    const app = buildApp(fs.mkdtempSync(path.join(os.tmpdir(), 'readme-plan-')));
    const manifests = app.charts.flatMap((c) => c.toJson()).filter((m: any) => m.kind !== 'ClusterImageCatalog');
    const release = (snapshot: string) => {
      const dir = folder(manifests, []);
      fs.copyFileSync(path.join(SHARED, 'catalogs', snapshot, 'catalog-minimal-trixie.yaml'), path.join(dir, 'catalog-minimal-trixie.yaml'));
      return dir;
    };
    const before = release('artifacts-extensions-2026-07-17');
    const after = release('artifacts-extensions-2026-08-22');
    // WHEN
    const text = RolloutPlan.fromDirectories(before, after, { today: new Date('2026-08-24') }).toText();
    // THEN the README prints exactly that
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    expect(readme).toContain(`$ cdk8s-cnpg plan --before release-2026-07 --after release-2026-08\n${text}\n\`\`\``);
  });
});
