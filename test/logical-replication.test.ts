import { Chart, Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import {
  Cluster, ClusterImage, ClusterImageCatalog, CnpgValidation, DebianRelease, ImageType, Publication, PublicationTarget,
  ReclaimPolicy, Subscription,
} from '../src';
import { newChart } from './util';

const ofKind = (chart: Chart, kind: string) => Testing.synth(chart).find((m: any) => m.kind === kind);

/** A publisher `sales` and a subscriber `reporting` that reaches it as the external cluster `sales`. */
function pair(chart: Chart, externalClusters = true) {
  const catalog = ClusterImageCatalog.official(chart, 'catalog', { type: ImageType.MINIMAL, os: DebianRelease.TRIXIE });
  const image = ClusterImage.fromCatalog(catalog, 18);
  const sales = new Cluster(chart, 'sales', { metadata: { name: 'sales' }, image, storage: { size: Size.gibibytes(1) } });
  const reporting = new Cluster(chart, 'reporting', {
    metadata: { name: 'reporting' },
    image,
    storage: { size: Size.gibibytes(1) },
    externalClusters: externalClusters
      ? [{
        name: 'sales',
        connectionParameters: { host: 'sales-rw', user: 'postgres', dbname: 'app' },
        password: { secret: kplus.Secret.fromSecretName(chart, 'pw', 'sales-superuser'), key: 'password' },
      }]
      : undefined,
  });
  return { sales, reporting };
}

describe('Publication', () => {
  test('all tables of a database', () => {
    // GIVEN
    const chart = newChart({ namespace: 'app' });
    const { sales } = pair(chart);
    // WHEN
    new Publication(chart, 'pub', { metadata: { name: 'sales-pub' }, cluster: sales, dbname: 'app', name: 'sales', target: PublicationTarget.allTables() });
    // THEN
    expect(ofKind(chart, 'Publication')).toStrictEqual({
      apiVersion: 'postgresql.cnpg.io/v1',
      kind: 'Publication',
      metadata: { name: 'sales-pub', namespace: 'app' },
      spec: { name: 'sales', dbname: 'app', cluster: { name: 'sales' }, target: { allTables: true } },
    });
  });

  test('tables with column lists, parameters and the reclaim policy', () => {
    const chart = newChart({ namespace: 'app' });
    const { sales } = pair(chart);
    const publication = new Publication(chart, 'pub', {
      metadata: { name: 'sales-orders' },
      cluster: sales,
      dbname: 'app',
      name: 'orders',
      target: PublicationTarget.objects({
        tables: [
          { name: 'orders', schema: 'public', columns: ['id', 'total', 'created_at'] },
          { name: 'customers', only: true },
        ],
      }),
      parameters: { publish: 'insert, update' },
      publicationReclaimPolicy: ReclaimPolicy.DELETE,
    });
    const manifest = ofKind(chart, 'Publication');
    expect(manifest).toMatchSnapshot();
    expect(manifest.spec.target.objects).toStrictEqual([
      { table: { name: 'orders', schema: 'public', columns: ['id', 'total', 'created_at'] } },
      { table: { name: 'customers', only: true } },
    ]);
    expect([publication.postgresName, publication.dbname]).toEqual(['orders', 'app']);
    expect(CnpgValidation.validateManifest(manifest)).toEqual([]);
  });

  test('tables in schemas', () => {
    const chart = newChart({ namespace: 'app' });
    const { sales } = pair(chart);
    new Publication(chart, 'pub', {
      cluster: sales, dbname: 'app', name: 'sales', target: PublicationTarget.objects({ tables: [{ name: 'audit' }], tablesInSchemas: ['sales', 'billing'] }),
    });
    expect(ofKind(chart, 'Publication').spec.target.objects).toStrictEqual([
      { table: { name: 'audit' } }, { tablesInSchema: 'sales' }, { tablesInSchema: 'billing' },
    ]);
  });
});

describe('Publication: rules', () => {
  const legacy = (chart: Chart) => Cluster.fromClusterName(chart, 'c', 'sales');

  test('refuses a column list together with tables in schemas (CRD rule)', () => {
    const chart = newChart();
    expect(() => new Publication(chart, 'pub', {
      cluster: legacy(chart),
      dbname: 'app',
      name: 'p',
      target: PublicationTarget.objects({ tables: [{ name: 'orders', columns: ['id'] }], tablesInSchemas: ['billing'] }),
    })).toThrow('[test/pub] target.objects[0].table.columns: table "orders" has a column list, and the publication also publishes tablesInSchema; PostgreSQL refuses the two together: publish the schema\'s tables one by one, or drop the column list (CRD rule: "specifying a column list when the publication also publishes tablesInSchema is not supported")');
  });

  test('refuses an empty list of objects (library)', () => {
    const chart = newChart();
    expect(() => new Publication(chart, 'pub', { cluster: legacy(chart), dbname: 'app', name: 'p', target: PublicationTarget.objects({}) })).toThrow(
      '[test/pub] target.objects: the list of objects is empty; publish at least one table or schema, or all tables (library)',
    );
  });

  test.each([
    [{ target: 'all' }, 'target: "all" is not a PublicationTarget; expected PublicationTarget.allTables() or PublicationTarget.objects({ tables, tablesInSchemas }) (library)'],
    [{ dbname: '' }, 'dbname: is empty; expected a non-empty string (library)'],
    [{ name: undefined }, 'name: is missing; expected a non-empty string (library)'],
    [{ cluster: 'sales' }, 'cluster: "sales" is a string; expected a Cluster construct or Cluster.fromClusterName(scope, id, "sales") (library)'],
    [{ parameters: { 'publish = \'insert\'); DROP TABLE x; --': 'x' } }, 'parameters["publish = \'insert\'); DROP TABLE x; --"]: "publish = \'insert\'); DROP TABLE x; --" is not a parameter name; expected a plain identifier (letters, digits, "_") (library)'],
    [{ parameters: { publish_via_partition_root: true } }, 'parameters["publish_via_partition_root"]: true is not a string; parameter values are strings (e.g. "true") (CRD schema)'],
    [{ target: PublicationTarget.objects({ tables: [{ name: '' }] }) }, 'target.objects[0].table.name: is empty; expected a non-empty string (library)'],
    [{ target: PublicationTarget.objects({ tables: [{ name: 't', columns: ['id', ''] }] }) }, 'target.objects[0].table.columns[1]: is empty; expected a non-empty string (library)'],
    [{ target: PublicationTarget.objects({ tablesInSchemas: [''] }) }, 'target.objects[0].tablesInSchema: is empty; expected a non-empty string (library)'],
  ])('refuses bad props: %p', (override, message) => {
    const chart = newChart();
    expect(() => new Publication(chart, 'pub', {
      cluster: legacy(chart), dbname: 'app', name: 'p', target: PublicationTarget.allTables(), ...(override as any),
    })).toThrow(`[test/pub] ${message}`);
  });

  test.each([
    [{ allTables: true, objects: [{ tablesInSchema: 's' }] }, 'allTables and objects are mutually exclusive'],
    [{}, 'allTables and objects are mutually exclusive'],
    [{ objects: [{ tablesInSchema: 's', table: { name: 't' } }] }, 'tablesInSchema and table are mutually exclusive'],
    [{ objects: [{ table: { name: 't', columns: ['a'] } }, { tablesInSchema: 's' }] }, 'specifying a column list when the publication also publishes tablesInSchema is not supported'],
  ])('the CRD rule and the library\'s copy agree on target %p', (target, upstream) => {
    const raw = { apiVersion: 'postgresql.cnpg.io/v1', kind: 'Publication', metadata: { name: 'p' }, spec: { cluster: { name: 'c' }, dbname: 'app', name: 'p', target } };
    expect(CnpgValidation.validateManifest(raw).map((i) => i.upstream)).toContain(upstream);
    const { publicationTargetViolations } = jest.requireActual('../src/rules/publication');
    expect(publicationTargetViolations(target).map((v: any) => v.upstream)).toContain(upstream);
  });
});

describe('Subscription', () => {
  test('subscribes to a Publication of the app through an external cluster', () => {
    // GIVEN
    const chart = newChart({ namespace: 'app' });
    const { sales, reporting } = pair(chart);
    const publication = new Publication(chart, 'pub', { metadata: { name: 'sales-pub' }, cluster: sales, dbname: 'app', name: 'sales', target: PublicationTarget.allTables() });
    // WHEN
    const subscription = new Subscription(chart, 'sub', {
      metadata: { name: 'reporting-sales' },
      cluster: reporting,
      dbname: 'app',
      name: 'sales_sub',
      externalClusterName: 'sales',
      publication,
      parameters: { copy_data: 'true' },
      subscriptionReclaimPolicy: ReclaimPolicy.DELETE,
    });
    // THEN
    const manifest = ofKind(chart, 'Subscription');
    expect(manifest).toMatchSnapshot();
    expect(manifest.spec).toStrictEqual({
      name: 'sales_sub',
      dbname: 'app',
      cluster: { name: 'reporting' },
      externalClusterName: 'sales',
      publicationName: 'sales',
      publicationDBName: 'app',
      parameters: { copy_data: 'true' },
      subscriptionReclaimPolicy: 'delete',
    });
    expect(subscription.publication).toBe(publication);
    expect(reporting.externalClusterNames).toEqual(['sales']);
    expect(CnpgValidation.validateManifest(manifest)).toEqual([]);
  });

  test('subscribes to a publication managed elsewhere, by name', () => {
    const chart = newChart();
    new Subscription(chart, 'sub', {
      cluster: Cluster.fromClusterName(chart, 'c', 'reporting'), dbname: 'app', name: 's', externalClusterName: 'legacy', publicationName: 'legacy_pub',
    });
    expect(ofKind(chart, 'Subscription').spec).toStrictEqual({
      name: 's', dbname: 'app', cluster: { name: 'reporting' }, externalClusterName: 'legacy', publicationName: 'legacy_pub',
    });
  });

  test('refuses, at synth, an external cluster the subscribing Cluster does not have', () => {
    const chart = newChart({ namespace: 'app' });
    const { reporting } = pair(chart, false);
    new Subscription(chart, 'sub', { cluster: reporting, dbname: 'app', name: 's', externalClusterName: 'sales', publicationName: 'sales' });
    expect(() => Testing.synth(chart)).toThrow(
      '[test/sub] externalClusterName: "sales" is not an external cluster of Cluster "reporting" [test/reporting] (it has none); add an entry with this name and the publisher\'s connection to its externalClusters, or the operator cannot reconcile the subscription (operator)',
    );
  });

  test('names the external clusters the Cluster has', () => {
    const chart = newChart({ namespace: 'app' });
    const { reporting } = pair(chart);
    new Subscription(chart, 'sub', { cluster: reporting, dbname: 'app', name: 's', externalClusterName: 'saels', publicationName: 'sales' });
    expect(() => Testing.synth(chart)).toThrow('[test/sub] externalClusterName: "saels" is not an external cluster of Cluster "reporting" [test/reporting] (it has "sales");');
  });

  test.each([
    [{ publication: undefined, publicationName: undefined }, 'publicationName: is missing; expected a non-empty string (or give publication, a Publication of this app) (library)'],
    [{ publicationName: 'x', publication: 'y' }, 'publicationName: both publication and publicationName are set; give the Publication of this app, or the name of one managed elsewhere (library)'],
    [{ publicationName: undefined, publication: { name: 'pub' } }, 'publication: {"name":"pub"} is not a Publication construct; give one, or publicationName for a publication managed elsewhere (library)'],
    [{ externalClusterName: '' }, 'externalClusterName: is empty; expected a non-empty string (library)'],
    [{ dbname: 5 }, 'dbname: 5 is an integer; expected a non-empty string (library)'],
    [{ publicationDbName: '' }, 'publicationDbName: is empty; expected a non-empty string (library)'],
    [{ parameters: { 'copy data': 'true' } }, 'parameters["copy data"]: "copy data" is not a parameter name; expected a plain identifier (letters, digits, "_") (library)'],
  ])('refuses bad props: %p', (override, message) => {
    const chart = newChart();
    expect(() => new Subscription(chart, 'sub', {
      cluster: Cluster.fromClusterName(chart, 'c', 'reporting'), dbname: 'app', name: 's', externalClusterName: 'sales', publicationName: 'p', ...(override as any),
    })).toThrow(`[test/sub] ${message}`);
  });

  test('refuses a Subscription outside its Cluster\'s namespace, at synth', () => {
    const app = Testing.app();
    const data = new Chart(app, 'data', { namespace: 'data' });
    const other = new Chart(app, 'other', { namespace: 'other' });
    new Subscription(other, 'sub', {
      cluster: Cluster.fromClusterName(data, 'c', 'reporting', 'data'), dbname: 'app', name: 's', externalClusterName: 'sales', publicationName: 'p',
    });
    expect(() => other.toJson()).toThrow('[other/sub] cluster: the Subscription is in namespace "other" but Cluster "reporting" is in "data"; a Subscription must be in its Cluster\'s namespace (operator)');
  });
});

test('refuses a Publication outside its Cluster\'s namespace, at synth', () => {
  const app = Testing.app();
  const data = new Chart(app, 'data', { namespace: 'data' });
  const other = new Chart(app, 'other', { namespace: 'other' });
  new Publication(other, 'pub', { cluster: Cluster.fromClusterName(data, 'c', 'sales', 'data'), dbname: 'app', name: 'p', target: PublicationTarget.allTables() });
  expect(() => other.toJson()).toThrow('[other/pub] cluster: the Publication is in namespace "other" but Cluster "sales" is in "data"; a Publication must be in its Cluster\'s namespace (operator)');
});
