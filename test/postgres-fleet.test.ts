import { Chart, Duration, Size, Testing } from 'cdk8s';
import {
  Cluster,
  ClusterImage,
  ClusterImageCatalog,
  DebianRelease,
  Extension,
  ImageType,
  OfficialExtension,
  PostgresFleet,
} from '../src';
import { newChart } from './util';

const size = { size: Size.gibibytes(10) };

describe('PostgresFleet', () => {
  test('composes the operator config, catalogs, tenant Clusters and Databases in one chart', () => {
    // GIVEN
    const chart = newChart();
    const fleet = new PostgresFleet(chart, 'fleet', {
      operatorConfig: { clustersRolloutDelay: Duration.minutes(2) },
      officialCatalogs: [{ type: ImageType.MINIMAL, os: DebianRelease.TRIXIE, withExtensions: true }],
    });
    const catalog = fleet.officialCatalog({ type: ImageType.MINIMAL, os: DebianRelease.TRIXIE })!;
    // WHEN
    const a = fleet.addCluster('team-a', { metadata: { name: 'db', namespace: 'team-a' }, image: ClusterImage.fromCatalog(catalog, 18), storage: size });
    fleet.addCluster('team-b', { metadata: { name: 'db', namespace: 'team-b' }, image: ClusterImage.fromCatalog(catalog, 17), storage: size });
    a.addExtension(Extension.fromCatalog('pgaudit'));
    fleet.addDatabase('team-a-app', { metadata: { name: 'db-app' }, cluster: a, name: 'app', owner: 'app' }).addOfficialExtension(OfficialExtension.PGAUDIT);
    // THEN
    const manifests = Testing.synth(chart);
    expect(manifests.map((m: any) => `${m.kind}/${m.metadata.namespace ?? '-'}/${m.metadata.name}`).sort()).toEqual([
      'Cluster/team-a/db',
      'Cluster/team-b/db',
      'ClusterImageCatalog/-/postgresql-minimal-trixie',
      'ConfigMap/cnpg-system/cnpg-controller-manager-config',
      'Database/team-a/db-app',
    ]);
    expect(fleet.clustersUsing(catalog).map((c) => c.namespace)).toEqual(['team-a', 'team-b']);
    expect(fleet.clustersUsing(catalog, 18)).toEqual([a]);
    expect(fleet.catalogs).toEqual([catalog]);
    expect(fleet.databases).toHaveLength(1);
    expect(fleet.operatorConfig?.data).toEqual({ CLUSTERS_ROLLOUT_DELAY: '120' });
  });

  test('refuses two Clusters with one name in one namespace', () => {
    const chart = newChart();
    const fleet = new PostgresFleet(chart, 'fleet', { officialCatalogs: [{ type: ImageType.MINIMAL, os: DebianRelease.TRIXIE }] });
    const catalog = fleet.catalogs[0];
    fleet.addCluster('one', { metadata: { name: 'db', namespace: 'shared' }, image: ClusterImage.fromCatalog(catalog, 18), storage: size });
    expect(() => fleet.addCluster('two', { metadata: { name: 'db', namespace: 'shared' }, image: ClusterImage.fromCatalog(catalog, 17), storage: size })).toThrow(
      '[test/fleet/two] metadata.name: Cluster "db" in namespace "shared" is already defined by [test/fleet/one]; one app can hold only one (library)',
    );
  });

  test('refuses a Cluster on a catalog construct that is not the fleet\'s', () => {
    const chart = newChart();
    const fleet = new PostgresFleet(chart, 'fleet');
    const stray = ClusterImageCatalog.official(chart, 'stray', { type: ImageType.SYSTEM, os: DebianRelease.BOOKWORM });
    fleet.addCluster('db', { metadata: { name: 'db', namespace: 'x' }, image: ClusterImage.fromCatalog(stray, 18), storage: size });
    expect(() => Testing.synth(chart)).toThrow(
      '[test/fleet] clusters["x/db"].image: ClusterImageCatalog "postgresql-system-bookworm" [test/stray] is not one of the fleet\'s catalogs; add it with addCatalog() so the fleet can plan its updates (library)',
    );
    fleet.addCatalog(stray);
    expect(Testing.synth(chart).some((m: any) => m.kind === 'Cluster')).toBe(true);
  });

  test('refuses a Database of a Cluster outside the fleet', () => {
    const chart = newChart();
    const fleet = new PostgresFleet(chart, 'fleet');
    const catalog = ClusterImageCatalog.fromOfficial(chart, 'catalog', { type: ImageType.MINIMAL, os: DebianRelease.TRIXIE });
    const outsider = new Cluster(chart, 'outsider', { metadata: { name: 'outsider' }, image: ClusterImage.fromCatalog(catalog, 18), storage: size });
    fleet.addDatabase('db', { metadata: { name: 'db' }, cluster: outsider, name: 'app', owner: 'app' });
    expect(() => Testing.synth(chart)).toThrow('[test/fleet] databases["db"].cluster: Cluster "outsider" [test/outsider] is not one of the fleet\'s Clusters (library)');
  });

  test('references to catalogs managed elsewhere are allowed', () => {
    const chart = new Chart(Testing.app(), 'fleet');
    const fleet = new PostgresFleet(chart, 'fleet');
    const catalog = ClusterImageCatalog.fromName(chart, 'global', 'postgresql-global');
    fleet.addCluster('db', { metadata: { name: 'db', namespace: 'x' }, image: ClusterImage.fromCatalog(catalog, 18), storage: size });
    expect(Testing.synth(chart).map((m: any) => m.kind)).toEqual(['Cluster']);
  });
});
