import { Chart, Size, Testing } from 'cdk8s';
import {
  Cluster,
  ClusterImage,
  ClusterImageCatalog,
  Database,
  DatabaseEnsure,
  DatabaseReclaimPolicy,
  DebianRelease,
  Extension,
  ImageType,
  OfficialExtension,
} from '../src';
import { newChart } from './util';

function clusterOn(chart: Chart, type: ImageType, withExtensions: boolean) {
  const catalog = ClusterImageCatalog.official(chart, 'catalog', { type, os: DebianRelease.TRIXIE, withExtensions });
  return new Cluster(chart, 'db', { metadata: { name: 'db' }, image: ClusterImage.fromCatalog(catalog, 18), storage: { size: Size.gibibytes(1) } });
}

const databaseOf = (chart: Chart) => Testing.synth(chart).find((m: any) => m.kind === 'Database');

describe('Database', () => {
  test('creates extensions by their SQL name for a Cluster', () => {
    // GIVEN
    const chart = newChart({ namespace: 'app' });
    const cluster = clusterOn(chart, ImageType.MINIMAL, true);
    cluster.addExtension(Extension.fromCatalog('pgvector'));
    // WHEN
    const db = new Database(chart, 'appdb', { metadata: { name: 'db-app' }, cluster, name: 'app', owner: 'app' });
    db.addOfficialExtension(OfficialExtension.PGVECTOR, { version: '0.8.6' });
    // THEN
    expect(databaseOf(chart)).toStrictEqual({
      apiVersion: 'postgresql.cnpg.io/v1',
      kind: 'Database',
      metadata: { name: 'db-app', namespace: 'app' },
      spec: { name: 'app', owner: 'app', cluster: { name: 'db' }, extensions: [{ name: 'vector', version: '0.8.6' }] },
    });
  });

  test('typed options and plain extensions', () => {
    const chart = newChart();
    const cluster = Cluster.fromClusterName(chart, 'cluster', 'legacy-db');
    new Database(chart, 'appdb', {
      metadata: { name: 'legacy-app' },
      cluster,
      name: 'shop',
      owner: 'shop',
      ensure: DatabaseEnsure.PRESENT,
      databaseReclaimPolicy: DatabaseReclaimPolicy.DELETE,
      encoding: 'UTF8',
      template: 'template0',
      extensions: [{ name: 'pg_stat_statements', schema: 'public' }, { name: 'hstore', ensure: DatabaseEnsure.ABSENT }],
    });
    expect(databaseOf(chart).spec).toEqual({
      name: 'shop',
      owner: 'shop',
      cluster: { name: 'legacy-db' },
      ensure: 'present',
      databaseReclaimPolicy: 'delete',
      encoding: 'UTF8',
      template: 'template0',
      extensions: [{ name: 'pg_stat_statements', schema: 'public' }, { name: 'hstore', ensure: 'absent' }],
    });
  });

  test('pgrouting is created after postgis', () => {
    const chart = newChart();
    const cluster = clusterOn(chart, ImageType.MINIMAL, true);
    cluster.addExtension(Extension.fromCatalog('pgrouting'));
    const db = new Database(chart, 'gis', { cluster, name: 'gis', owner: 'gis' });
    db.addOfficialExtension(OfficialExtension.PGROUTING);
    expect(db.extensionNames).toEqual(['postgis', 'pgrouting']);
  });

  test('a standard image bundles pgvector and pgaudit, so no image volume is needed', () => {
    const chart = newChart();
    const catalog = ClusterImageCatalog.official(chart, 'catalog', { type: ImageType.STANDARD, os: DebianRelease.TRIXIE });
    const cluster = new Cluster(chart, 'db', {
      metadata: { name: 'db' },
      image: ClusterImage.fromCatalog(catalog, 18),
      storage: { size: Size.gibibytes(1) },
      postgresql: { sharedPreloadLibraries: ['pgaudit'] },
    });
    const db = new Database(chart, 'app', { cluster, name: 'app', owner: 'app' });
    db.addOfficialExtension(OfficialExtension.PGVECTOR);
    db.addOfficialExtension(OfficialExtension.PGAUDIT);
    expect(databaseOf(chart).spec.extensions).toEqual([{ name: 'vector' }, { name: 'pgaudit' }]);
  });

  test('refuses a bundled extension whose library the Cluster does not preload, at synth', () => {
    const chart = newChart();
    const cluster = clusterOn(chart, ImageType.STANDARD, false);
    new Database(chart, 'app', { cluster, name: 'app', owner: 'app' }).addOfficialExtension(OfficialExtension.PGAUDIT);
    expect(() => Testing.synth(chart)).toThrow(
      '[test/app] extensions["pgaudit"]: CREATE EXTENSION pgaudit would fail: Cluster "db" does not preload pgaudit; add it to postgresql.sharedPreloadLibraries (library)',
    );
  });

  test.each(['postgres', 'template0', 'template1'])('refuses the reserved database name %s', (name) => {
    const chart = newChart();
    expect(() => new Database(chart, 'app', { cluster: Cluster.fromClusterName(chart, 'c', 'db'), name, owner: 'app' })).toThrow(
      `[test/app] name: "${name}" is a database PostgreSQL itself needs; choose another name (CRD rule: "the name ${name} is reserved")`,
    );
  });

  test('refuses an empty extension name', () => {
    const chart = newChart();
    const db = new Database(chart, 'app', { cluster: Cluster.fromClusterName(chart, 'c', 'db'), name: 'app', owner: 'app' });
    expect(() => db.addExtension({ name: '' })).toThrow('[test/app] extensions: "" is not an extension name (CRD schema)');
  });

  test('refuses an official extension the Cluster cannot provide, at synth', () => {
    const chart = newChart();
    const cluster = clusterOn(chart, ImageType.MINIMAL, true);
    const db = new Database(chart, 'app', { cluster, name: 'app', owner: 'app' });
    db.addOfficialExtension(OfficialExtension.POSTGIS);
    expect(() => Testing.synth(chart)).toThrow(
      '[test/app] extensions["postgis"]: CREATE EXTENSION postgis would fail: Cluster "db" does not mount postgis and its image does not bundle it; add Extension.fromCatalog("postgis") to the Cluster (library)',
    );
  });

  test.each([OfficialExtension.WAL2JSON, OfficialExtension.PG_CRASH])('refuses CREATE EXTENSION for $catalogName, which is a library only', (ext) => {
    const chart = newChart();
    const db = new Database(chart, 'app', { cluster: Cluster.fromClusterName(chart, 'c', 'db'), name: 'app', owner: 'app' });
    expect(() => db.addOfficialExtension(ext)).toThrow(`[test/app] extensions["${ext.sqlName}"]: ${ext.catalogName} is loaded as a library and has no CREATE EXTENSION; mount it on the Cluster only (library)`);
  });

  test('refuses the same extension twice', () => {
    const chart = newChart();
    const db = new Database(chart, 'app', { cluster: Cluster.fromClusterName(chart, 'c', 'db'), name: 'app', owner: 'app', extensions: [{ name: 'hstore' }] });
    expect(() => db.addExtension({ name: 'hstore' })).toThrow('[test/app] extensions["hstore"]: extension "hstore" is listed twice; each name may appear once (CRD schema)');
  });

  test('refuses a Database outside its Cluster\'s namespace, at synth', () => {
    const app = Testing.app();
    const data = new Chart(app, 'data', { namespace: 'data' });
    const other = new Chart(app, 'other', { namespace: 'other' });
    const cluster = clusterOn(data, ImageType.MINIMAL, false);
    new Database(other, 'app', { cluster, name: 'app', owner: 'app' });
    expect(() => other.toJson()).toThrow('[other/app] cluster: the Database is in namespace "other" but Cluster "db" is in "data"; a Database must be in its Cluster\'s namespace (operator)');
  });
});
