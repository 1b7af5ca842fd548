import { Chart, Duration, Size, Testing } from 'cdk8s';
import {
  BackupSchedule,
  Cluster,
  ClusterImage,
  ClusterImageCatalog,
  DebianRelease,
  Extension,
  ImageType,
  ObjectStore,
  ObjectStoreCredentials,
  OfficialExtension,
  PoolerImage,
  PostgresFleet,
  Publication,
  PublicationTarget,
} from '../src';
import { newChart, pinned, synthErrors } from './util';

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

  describe('Poolers, backups and ObjectStores', () => {
    const PGBOUNCER = pinned('ghcr.io/cloudnative-pg/pgbouncer', '1.25.1', 'b');

    function fleetWithCatalog() {
      const chart = newChart();
      const fleet = new PostgresFleet(chart, 'fleet');
      const catalog = new ClusterImageCatalog(fleet, 'platform', {
        metadata: { name: 'platform-pg' },
        images: [{ major: 18, image: pinned('ghcr.io/cloudnative-pg/postgresql', '18.6-202608170814-minimal-trixie') }],
        componentImages: { pgbouncer: PGBOUNCER },
      });
      fleet.addCatalog(catalog);
      return { chart, fleet, catalog };
    }
    const storeProps = (namespace: string) => ({
      metadata: { name: 'backups', namespace },
      destinationPath: `s3://acme/${namespace}`,
      credentials: ObjectStoreCredentials.s3InheritFromIamRole(),
    });
    const kinds = (chart: Chart) => Testing.synth(chart).map((m: any) => `${m.kind}/${m.metadata.namespace ?? '-'}/${m.metadata.name}`).sort();

    test('a default ObjectStore per namespace: tenants archive to their namespace\'s store, with nightly backups and a Pooler', () => {
      // GIVEN
      const { chart, fleet, catalog } = fleetWithCatalog();
      fleet.addDefaultObjectStore(fleet.addObjectStore('store-a', storeProps('team-a')));
      fleet.addDefaultObjectStore(fleet.addObjectStore('store-b', storeProps('team-b')));
      // WHEN
      for (const team of ['team-a', 'team-b']) {
        const cluster = fleet.addCluster(team, { metadata: { name: 'db', namespace: team }, image: ClusterImage.fromCatalog(catalog, 18), storage: size });
        fleet.addScheduledBackup(`${team}-nightly`, { metadata: { name: 'db-nightly' }, cluster, schedule: BackupSchedule.daily(2) });
        fleet.addPooler(`${team}-rw`, { metadata: { name: 'db-rw' }, cluster, image: PoolerImage.fromCatalog(catalog) });
      }
      // THEN
      expect(kinds(chart)).toEqual([
        'Cluster/team-a/db', 'Cluster/team-b/db', 'ClusterImageCatalog/-/platform-pg',
        'ObjectStore/team-a/backups', 'ObjectStore/team-b/backups',
        'Pooler/team-a/db-rw', 'Pooler/team-b/db-rw',
        'ScheduledBackup/team-a/db-nightly', 'ScheduledBackup/team-b/db-nightly',
      ]);
      const clusterB = Testing.synth(chart).find((m: any) => m.kind === 'Cluster' && m.metadata.namespace === 'team-b');
      expect(clusterB.spec.plugins).toEqual([{ name: 'barman-cloud.cloudnative-pg.io', isWALArchiver: true, parameters: { barmanObjectName: 'backups' } }]);
      expect([fleet.poolers.length, fleet.scheduledBackups.length, fleet.objectStores.length]).toEqual([2, 2, 2]);
      expect(fleet.defaultObjectStore('team-a')?.namespace).toBe('team-a');
    });

    test('a Cluster with its own barmanCloud keeps it; one in a namespace without a default has none', () => {
      const { chart, fleet, catalog } = fleetWithCatalog();
      fleet.addDefaultObjectStore(fleet.addObjectStore('store-a', storeProps('team-a')));
      fleet.addCluster('own', { metadata: { name: 'own', namespace: 'team-a' }, image: ClusterImage.fromCatalog(catalog, 18), storage: size, barmanCloud: { objectStoreName: 'elsewhere' } });
      fleet.addCluster('none', { metadata: { name: 'none', namespace: 'team-c' }, image: ClusterImage.fromCatalog(catalog, 18), storage: size });
      const clusters = Testing.synth(chart).filter((m: any) => m.kind === 'Cluster');
      expect(clusters.map((c: any) => c.spec.plugins)).toEqual([[{ name: 'barman-cloud.cloudnative-pg.io', isWALArchiver: true, parameters: { barmanObjectName: 'elsewhere' } }], undefined]);
    });

    test('defaults from the props, and one default per namespace', () => {
      const chart = newChart();
      const external = ObjectStore.fromObjectStoreName(chart, 'external', 'shared-backups', 'team-a');
      const fleet = new PostgresFleet(chart, 'fleet', { defaultObjectStores: [external] });
      expect(fleet.defaultObjectStore('team-a')).toBe(external);
      expect(() => fleet.addDefaultObjectStore(ObjectStore.fromObjectStoreName(chart, 'other', 'other', 'team-a'))).toThrow(
        '[test/fleet] defaultObjectStores: namespace "team-a" already has the default ObjectStore "shared-backups"; one default per namespace (give a Cluster another store with its own barmanCloud)',
      );
      expect(() => fleet.addDefaultObjectStore(ObjectStore.fromObjectStoreName(chart, 'nowhere', 'nowhere'))).toThrow(
        '[test/fleet] defaultObjectStores: ObjectStore "nowhere" has no namespace; a default store is per namespace: give ObjectStore.fromObjectStoreName() its namespace',
      );
    });

    test('refuses a Pooler or ScheduledBackup of a Cluster outside the fleet', () => {
      const { chart, fleet, catalog } = fleetWithCatalog();
      const outsider = new Cluster(chart, 'outsider', {
        metadata: { name: 'outsider' }, image: ClusterImage.fromCatalog(catalog, 18), storage: size, barmanCloud: { objectStoreName: 'backups' },
      });
      fleet.addPooler('rw', { metadata: { name: 'outsider-rw' }, cluster: outsider, image: PoolerImage.fromCatalog(catalog) });
      fleet.addScheduledBackup('nightly', { metadata: { name: 'outsider-nightly' }, cluster: outsider, schedule: BackupSchedule.daily() });
      expect(synthErrors(chart)).toContain('[test/fleet] poolers["outsider-rw"].cluster: Cluster "outsider" [test/outsider] is not one of the fleet\'s Clusters (library)');
      expect(synthErrors(chart)).toContain('[test/fleet] scheduledBackups["outsider-nightly"].cluster: Cluster "outsider" [test/outsider] is not one of the fleet\'s Clusters (library)');
    });

    test('refuses a tenant\'s ObjectStore construct that is not the fleet\'s', () => {
      const { chart, fleet, catalog } = fleetWithCatalog();
      const stray = new ObjectStore(chart, 'stray', storeProps('team-a'));
      fleet.addCluster('a', { metadata: { name: 'db', namespace: 'team-a' }, image: ClusterImage.fromCatalog(catalog, 18), storage: size, barmanCloud: { objectStore: stray } });
      expect(synthErrors(chart)).toContain(
        '[test/fleet] clusters["team-a/db"].barmanCloud: ObjectStore "backups" [test/stray] is not one of the fleet\'s ObjectStores; add it with addObjectStore() so the fleet knows where its backups go (library)',
      );
    });
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
