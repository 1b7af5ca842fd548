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
  Publication,
  PublicationTarget,
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

describe('PostgresFleet: roles and logical replication', () => {
  /** The message of the synth's validation error. */
  function synthError(chart: Chart): string {
    try {
      Testing.synth(chart);
    } catch (e) {
      return (e as Error).message;
    }
    throw new Error('the synth passed');
  }

  /** A fleet with a catalog and two tenant Clusters: `sales` publishes, `reporting` reaches it as the external cluster `sales`. */
  function fleetOfTwo() {
    const chart = newChart();
    const fleet = new PostgresFleet(chart, 'fleet', { officialCatalogs: [{ type: ImageType.MINIMAL, os: DebianRelease.TRIXIE }] });
    const image = ClusterImage.fromCatalog(fleet.catalogs[0], 18);
    const sales = fleet.addCluster('sales', { metadata: { name: 'sales', namespace: 'sales' }, image, storage: size });
    const reporting = fleet.addCluster('reporting', {
      metadata: { name: 'reporting', namespace: 'sales' },
      image,
      storage: size,
      externalClusters: [{ name: 'sales', connectionParameters: { host: 'sales-rw', user: 'postgres', dbname: 'app' } }],
    });
    return { chart, fleet, sales, reporting };
  }

  test('adds roles, publications and subscriptions in their Cluster\'s namespace', () => {
    // GIVEN
    const { chart, fleet, sales, reporting } = fleetOfTwo();
    // WHEN
    fleet.addDatabaseRole('analyst', { metadata: { name: 'analyst' }, cluster: reporting, name: 'analyst', login: true });
    const publication = fleet.addPublication('pub', { metadata: { name: 'sales-pub' }, cluster: sales, dbname: 'app', name: 'sales', target: PublicationTarget.allTables() });
    fleet.addSubscription('sub', { metadata: { name: 'sales-sub' }, cluster: reporting, dbname: 'app', name: 'sales', externalClusterName: 'sales', publication });
    // THEN
    const manifests = Testing.synth(chart).filter((m: any) => ['DatabaseRole', 'Publication', 'Subscription'].includes(m.kind));
    expect(manifests.map((m: any) => `${m.kind}/${m.metadata.namespace}/${m.metadata.name}`)).toEqual([
      'DatabaseRole/sales/analyst',
      'Publication/sales/sales-pub',
      'Subscription/sales/sales-sub',
    ]);
  });

  test('refuses a subscription to a Publication that is not the fleet\'s', () => {
    const { chart, fleet, sales, reporting } = fleetOfTwo();
    const stray = new Publication(chart, 'stray', { metadata: { name: 'stray', namespace: 'sales' }, cluster: sales, dbname: 'app', name: 'stray', target: PublicationTarget.allTables() });
    fleet.addSubscription('sub', { metadata: { name: 'sales-sub' }, cluster: reporting, dbname: 'app', name: 'sales', externalClusterName: 'sales', publication: stray });
    expect(() => Testing.synth(chart)).toThrow(
      '[test/fleet] subscriptions["sales-sub"].publication: Publication "stray" [test/stray] is not one of the fleet\'s Publications; add it with addPublication() (library)',
    );
  });

  test('refuses a role, publication or subscription of a Cluster outside the fleet', () => {
    const { chart, fleet } = fleetOfTwo();
    const catalog = ClusterImageCatalog.fromOfficial(chart, 'catalog', { type: ImageType.MINIMAL, os: DebianRelease.TRIXIE });
    const outsider = new Cluster(chart, 'outsider', { metadata: { name: 'outsider', namespace: 'sales' }, image: ClusterImage.fromCatalog(catalog, 18), storage: size });
    fleet.addDatabaseRole('role', { metadata: { name: 'role' }, cluster: outsider, name: 'reader' });
    fleet.addPublication('pub', { metadata: { name: 'pub' }, cluster: outsider, dbname: 'app', name: 'p', target: PublicationTarget.allTables() });
    const error = synthError(chart);
    expect(error).toContain('[test/fleet] databaseRoles["role"].cluster: Cluster "outsider" [test/outsider] is not one of the fleet\'s Clusters (library)');
    expect(error).toContain('[test/fleet] publications["pub"].cluster: Cluster "outsider" [test/outsider] is not one of the fleet\'s Clusters (library)');
  });

  test('refuses two objects that manage one PostgreSQL object of a Cluster', () => {
    const { chart, fleet, sales } = fleetOfTwo();
    fleet.addDatabaseRole('a', { metadata: { name: 'reader-a' }, cluster: sales, name: 'reader' });
    fleet.addDatabaseRole('b', { metadata: { name: 'reader-b' }, cluster: sales, name: 'reader' });
    fleet.addDatabase('app-a', { metadata: { name: 'app-a' }, cluster: sales, name: 'shop', owner: 'shop' });
    fleet.addDatabase('app-b', { metadata: { name: 'app-b' }, cluster: sales, name: 'shop', owner: 'shop' });
    const error = synthError(chart);
    expect(error).toContain('[test/fleet] databases["app-b"].name: Database [test/fleet/app-a] already manages "shop" of Cluster "sales"; the operator lets one object manage it (the one it reconciles first) and fails the other (operator)');
    expect(error).toContain('[test/fleet] databaseRoles["reader-b"].name: DatabaseRole [test/fleet/a] already manages "reader" of Cluster "sales"; the operator lets one object manage it (the one it reconciles first) and fails the other (operator)');
  });

  test('a refused cluster prop is an error naming it, not a TypeError', () => {
    const { fleet } = fleetOfTwo();
    expect(() => fleet.addDatabaseRole('role', { cluster: 'sales' as any, name: 'reader' })).toThrow(
      '[test/fleet/role] cluster: "sales" is a string; expected a Cluster construct or Cluster.fromClusterName(scope, id, "sales") (library)',
    );
  });
});
