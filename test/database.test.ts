import { Chart, Size, Testing } from 'cdk8s';
import {
  Cluster,
  ClusterImage,
  ClusterImageCatalog,
  CnpgValidation,
  Database,
  DatabaseEnsure,
  DatabaseReclaimPolicy,
  DebianRelease,
  Extension,
  ForeignUsageType,
  ImageType,
  LocaleProvider,
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
    expect(() => db.addExtension({ name: '' })).toThrow('[test/app] extensions[0].name: is empty; expected a non-empty string (library)');
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
    expect(() => db.addExtension({ name: 'hstore' })).toThrow(
      '[test/app] extensions[1].name: extension "hstore" is listed twice (also at extensions[0]); each name may appear once (webhook: "Duplicate value: "hstore"")',
    );
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

describe('Database: every field', () => {
  test('a full Database: locale, options, schemas, foreign data wrappers and servers', () => {
    // GIVEN
    const chart = newChart({ namespace: 'app' });
    const cluster = clusterOn(chart, ImageType.STANDARD, false);
    // WHEN
    const db = new Database(chart, 'reports', {
      metadata: { name: 'db-reports' },
      cluster,
      name: 'reports',
      owner: 'reporter',
      databaseReclaimPolicy: DatabaseReclaimPolicy.DELETE,
      encoding: 'UTF8',
      template: 'template0',
      localeProvider: LocaleProvider.ICU,
      locale: 'en_US.UTF-8',
      localeCollate: 'en_US.UTF-8',
      localeCType: 'en_US.UTF-8',
      icuLocale: 'en-US',
      icuRules: '&V << w <<< W',
      collationVersion: '153.120',
      connectionLimit: 50,
      tablespace: 'reports_space',
      allowConnections: true,
      isTemplate: false,
      extensions: [{ name: 'postgres_fdw' }],
      schemas: [{ name: 'staging', owner: 'reporter' }, { name: 'legacy', ensure: DatabaseEnsure.ABSENT }],
      foreignDataWrappers: [{
        name: 'postgres_fdw',
        handler: 'postgres_fdw_handler',
        validator: 'postgres_fdw_validator',
        owner: 'postgres',
        options: [{ name: 'debug', value: 'true', ensure: DatabaseEnsure.ABSENT }],
        usages: [{ name: 'reporter' }, { name: 'intern', type: ForeignUsageType.REVOKE }],
      }],
    });
    db.addSchema({ name: 'archive' });
    db.addForeignServer({
      name: 'sales',
      fdw: 'postgres_fdw',
      options: [{ name: 'host', value: 'sales-rw.sales.svc' }, { name: 'dbname', value: 'sales' }],
      usages: [{ name: 'reporter', type: ForeignUsageType.GRANT }],
    });
    db.addOfficialExtension(OfficialExtension.PGVECTOR);
    // THEN
    const manifest = databaseOf(chart);
    expect(manifest).toMatchSnapshot();
    expect(manifest.spec.servers).toStrictEqual([{
      name: 'sales',
      fdw: 'postgres_fdw',
      options: [{ name: 'host', value: 'sales-rw.sales.svc' }, { name: 'dbname', value: 'sales' }],
      usage: [{ name: 'reporter', type: 'grant' }],
    }]);
    expect(manifest.spec.fdws[0].usage).toStrictEqual([{ name: 'reporter' }, { name: 'intern', type: 'revoke' }]);
    expect(manifest.spec.schemas.map((s: any) => s.name)).toEqual(['staging', 'legacy', 'archive']);
    expect(CnpgValidation.validateManifest(manifest)).toEqual([]);
  });

  test('a foreign server may come before its wrapper', () => {
    const chart = newChart();
    const db = new Database(chart, 'app', { cluster: Cluster.fromClusterName(chart, 'c', 'db'), name: 'app', owner: 'app' });
    db.addForeignServer({ name: 'remote', fdw: 'postgres_fdw' });
    db.addForeignDataWrapper({ name: 'postgres_fdw' });
    expect(databaseOf(chart).spec.servers).toEqual([{ name: 'remote', fdw: 'postgres_fdw' }]);
  });
});

describe('Database: required props, also from plain JavaScript', () => {
  const cluster = (chart: Chart) => Cluster.fromClusterName(chart, 'c', 'db');

  test.each([
    ['missing', undefined, 'cluster: is missing; expected a Cluster construct or Cluster.fromClusterName(scope, id, name) (library)'],
    ['a string', 'pg', 'cluster: "pg" is a string; expected a Cluster construct or Cluster.fromClusterName(scope, id, "pg") (library)'],
    ['a plain object', { name: 'pg' }, 'cluster: {"name":"pg"} is not a reference to a Cluster (it has no construct node or no name); expected a Cluster construct or Cluster.fromClusterName(scope, id, name) (library)'],
  ])('refuses a cluster that is %s', (_what, value, message) => {
    const chart = newChart();
    expect(() => new Database(chart, 'app', { cluster: value as any, name: 'app', owner: 'app' })).toThrow(`[test/app] ${message}`);
  });

  test('refuses another kind of object as the cluster', () => {
    const chart = newChart();
    const other = new Database(chart, 'other', { metadata: { name: 'other' }, cluster: cluster(chart), name: 'other', owner: 'app' });
    expect(() => new Database(chart, 'app', { cluster: other as any, name: 'app', owner: 'app' })).toThrow(
      '[test/app] cluster: Database "other" [test/other] is not a Cluster; expected a Cluster construct or Cluster.fromClusterName(scope, id, name) (library)',
    );
  });

  test.each([
    ['name', { name: '' }, 'name: is empty; expected a non-empty string (library)'],
    ['owner', { owner: '' }, 'owner: is empty; expected a non-empty string (library)'],
    ['owner', { owner: undefined }, 'owner: is missing; expected a non-empty string (library)'],
    ['name', { name: 42 }, 'name: 42 is an integer; expected a non-empty string (library)'],
    ['tablespace', { tablespace: '' }, 'tablespace: is empty; expected a non-empty string (library)'],
  ])('refuses a bad %s', (_prop, override, message) => {
    const chart = newChart();
    expect(() => new Database(chart, 'app', { cluster: cluster(chart), name: 'app', owner: 'app', ...(override as any) })).toThrow(`[test/app] ${message}`);
  });

  test('refuses missing props altogether, naming each', () => {
    const chart = newChart();
    expect(() => new Database(chart, 'app', undefined as any)).toThrow(
      '[test/app] cluster: is missing; expected a Cluster construct or Cluster.fromClusterName(scope, id, name) (library)\n'
      + '[test/app] name: is missing; expected a non-empty string (library)\n'
      + '[test/app] owner: is missing; expected a non-empty string (library)',
    );
  });

  test.each([
    [-2, '-2 is not an integer from -1 to 2147483647'],
    [1.5, '1.5 is not an integer from -1 to 2147483647'],
    [Number.NaN, 'NaN is not an integer from -1 to 2147483647'],
    [Number.POSITIVE_INFINITY, 'Infinity is not an integer from -1 to 2147483647'],
    [2 ** 31, '2147483648 is not an integer from -1 to 2147483647'],
    ['10', '"10" is a string, not an integer from -1 to 2147483647'],
  ])('refuses the connection limit %p', (value, message) => {
    const chart = newChart();
    expect(() => new Database(chart, 'app', { cluster: cluster(chart), name: 'app', owner: 'app', connectionLimit: value as any })).toThrow(
      `[test/app] connectionLimit: ${message}; PostgreSQL refuses it in CREATE DATABASE (-1 means no limit) (library)`,
    );
  });

  test('accepts -1, no limit', () => {
    const chart = newChart();
    new Database(chart, 'app', { cluster: cluster(chart), name: 'app', owner: 'app', connectionLimit: -1 });
    expect(databaseOf(chart).spec.connectionLimit).toBe(-1);
  });
});

describe('Database: CRD rules', () => {
  const cluster = (chart: Chart) => Cluster.fromClusterName(chart, 'c', 'db');

  test.each([
    [{ builtinLocale: 'C.UTF-8' }, 'builtinLocale: builtinLocale "C.UTF-8" needs localeProvider "builtin", but localeProvider is undefined (CRD rule: "builtinLocale is only available when localeProvider is set to `builtin`")'],
    [{ builtinLocale: 'C.UTF-8', localeProvider: LocaleProvider.ICU }, 'builtinLocale: builtinLocale "C.UTF-8" needs localeProvider "builtin", but localeProvider is "icu" (CRD rule: "builtinLocale is only available when localeProvider is set to `builtin`")'],
    [{ icuLocale: 'en-US', localeProvider: LocaleProvider.LIBC }, 'icuLocale: icuLocale "en-US" needs localeProvider "icu", but localeProvider is "libc" (CRD rule: "icuLocale is only available when localeProvider is set to `icu`")'],
    [{ icuRules: '&a < b', localeProvider: LocaleProvider.BUILTIN }, 'icuRules: icuRules "&a < b" needs localeProvider "icu", but localeProvider is "builtin" (CRD rule: "icuRules is only available when localeProvider is set to `icu`")'],
  ])('refuses a locale field without its provider: %p', (locale, message) => {
    const chart = newChart();
    expect(() => new Database(chart, 'app', { cluster: cluster(chart), name: 'app', owner: 'app', ...locale })).toThrow(`[test/app] ${message}`);
  });

  test('refuses a foreign server without a wrapper name, and a usage without a role', () => {
    const chart = newChart();
    const db = new Database(chart, 'app', { cluster: cluster(chart), name: 'app', owner: 'app' });
    expect(() => db.addForeignServer({ name: 'remote', fdw: '' })).toThrow('[test/app] foreignServers[0].fdw: is empty; expected a non-empty string (CRD rule: "fdw is required")');
    expect(() => db.addForeignDataWrapper({ name: 'postgres_fdw', usages: [{ name: '' }] })).toThrow(
      '[test/app] foreignDataWrappers[0].usages[0].name: is empty; expected a non-empty string (CRD rule: "name is required")',
    );
  });
});

describe('Database: webhook rules at construction', () => {
  const db = () => {
    const chart = newChart();
    return new Database(chart, 'app', { cluster: Cluster.fromClusterName(chart, 'c', 'db'), name: 'app', owner: 'app' });
  };

  test('refuses a schema listed twice', () => {
    const d = db();
    d.addSchema({ name: 'staging' });
    expect(() => d.addSchema({ name: 'staging' })).toThrow(
      '[test/app] schemas[1].name: schema "staging" is listed twice (also at schemas[0]); each name may appear once (webhook: "Duplicate value: "staging"")',
    );
  });

  test('refuses a foreign data wrapper listed twice', () => {
    const d = db();
    d.addForeignDataWrapper({ name: 'postgres_fdw' });
    expect(() => d.addForeignDataWrapper({ name: 'postgres_fdw' })).toThrow(
      '[test/app] foreignDataWrappers[1].name: foreign data wrapper "postgres_fdw" is listed twice (also at foreignDataWrappers[0]); each name may appear once (webhook: "Duplicate value: "postgres_fdw"")',
    );
  });

  test('refuses an option or a usage listed twice in a foreign data wrapper', () => {
    expect(() => db().addForeignDataWrapper({ name: 'w', options: [{ name: 'a', value: '1' }, { name: 'a', value: '2' }] })).toThrow(
      '[test/app] foreignDataWrappers[0].options[1].name: option "a" is listed twice (also at foreignDataWrappers[0].options[0]); each name may appear once (webhook: "Duplicate value: "a"")',
    );
    expect(() => db().addForeignDataWrapper({ name: 'w', usages: [{ name: 'r' }, { name: 'r', type: ForeignUsageType.REVOKE }] })).toThrow(
      '[test/app] foreignDataWrappers[0].usages[1].name: usage "r" is listed twice (also at foreignDataWrappers[0].usages[0]); each name may appear once (webhook: "Duplicate value: "r"")',
    );
  });

  test('refuses a foreign server listed twice, and an option or usage listed twice in one', () => {
    const d = db();
    d.addForeignServer({ name: 's', fdw: 'w' });
    expect(() => d.addForeignServer({ name: 's', fdw: 'w' })).toThrow(
      '[test/app] foreignServers[1].name: foreign server "s" is listed twice (also at foreignServers[0]); each name may appear once (webhook: "Duplicate value: "s"")',
    );
    expect(() => db().addForeignServer({ name: 's', fdw: 'w', options: [{ name: 'host', value: 'a' }, { name: 'host', value: 'b' }] })).toThrow(
      '[test/app] foreignServers[0].options[1].name: option "host" is listed twice (also at foreignServers[0].options[0]); each name may appear once (webhook: "Duplicate value: "host"")',
    );
    expect(() => db().addForeignServer({ name: 's', fdw: 'w', usages: [{ name: 'r' }, { name: 'r' }] })).toThrow(
      '[test/app] foreignServers[0].usages[1].name: usage "r" is listed twice (also at foreignServers[0].usages[0]); each name may appear once (webhook: "Duplicate value: "r"")',
    );
  });

  test('refuses, at synth, a foreign server whose wrapper the Database does not define', () => {
    const chart = newChart();
    const d = new Database(chart, 'app', { cluster: Cluster.fromClusterName(chart, 'c', 'db'), name: 'app', owner: 'app' });
    d.addForeignDataWrapper({ name: 'mysql_fdw' });
    d.addForeignServer({ name: 'remote', fdw: 'postgres_fdw' });
    expect(() => Testing.synth(chart)).toThrow(
      '[test/app] spec.servers[0].fdw: foreign server "remote" uses foreign data wrapper "postgres_fdw", which the Database does not define (it defines "mysql_fdw"); declare the wrapper in the same Database (webhook: "Invalid value: "postgres_fdw": referenced fdw not defined in spec.fdws")',
    );
  });

  test('admits a server being dropped whose wrapper is gone, as the webhook does', () => {
    const chart = newChart();
    const d = new Database(chart, 'app', { cluster: Cluster.fromClusterName(chart, 'c', 'db'), name: 'app', owner: 'app' });
    d.addForeignServer({ name: 'remote', fdw: 'postgres_fdw', ensure: DatabaseEnsure.ABSENT });
    expect(databaseOf(chart).spec.servers).toEqual([{ name: 'remote', fdw: 'postgres_fdw', ensure: 'absent' }]);
  });
});

describe('Database: extensions the Cluster must provide', () => {
  test.each([
    ['pgvector', 'vector', 'PGVECTOR'],
    ['pg-ivm', 'pg_ivm', 'PG_IVM'],
    ['timescaledb-oss', 'timescaledb', 'TIMESCALEDB_OSS'],
  ])('refuses the catalog name %s where the SQL name %s is expected', (catalogName, sqlName, constant) => {
    const chart = newChart();
    const db = new Database(chart, 'app', { cluster: Cluster.fromClusterName(chart, 'c', 'db'), name: 'app', owner: 'app' });
    expect(() => db.addExtension({ name: catalogName })).toThrow(
      `[test/app] extensions["${catalogName}"].name: "${catalogName}" is the catalog name of an official extension; CREATE EXTENSION needs its SQL name "${sqlName}" (or use addOfficialExtension(OfficialExtension.${constant})) (library)`,
    );
  });

  test('refuses a library-only official extension by name', () => {
    const chart = newChart();
    const db = new Database(chart, 'app', { cluster: Cluster.fromClusterName(chart, 'c', 'db'), name: 'app', owner: 'app' });
    expect(() => db.addExtension({ name: 'wal2json' })).toThrow(
      '[test/app] extensions["wal2json"]: wal2json is loaded as a library and has no CREATE EXTENSION; mount it on the Cluster only (library)',
    );
  });

  test('refuses, at synth, an official extension given by SQL name that the Cluster cannot provide', () => {
    const chart = newChart();
    const cluster = clusterOn(chart, ImageType.MINIMAL, true);
    new Database(chart, 'app', { cluster, name: 'app', owner: 'app', extensions: [{ name: 'vector' }] });
    expect(() => Testing.synth(chart)).toThrow(
      '[test/app] extensions["vector"]: CREATE EXTENSION vector would fail: Cluster "db" does not mount pgvector and its image does not bundle it; add Extension.fromCatalog("pgvector") to the Cluster (library)',
    );
  });

  test('admits it once the Cluster mounts it, and admits an extension being dropped or an unknown one', () => {
    const chart = newChart();
    const cluster = clusterOn(chart, ImageType.MINIMAL, true);
    cluster.addExtension(Extension.fromCatalog('pgvector'));
    new Database(chart, 'app', {
      cluster,
      name: 'app',
      owner: 'app',
      extensions: [{ name: 'vector' }, { name: 'postgis', ensure: DatabaseEnsure.ABSENT }, { name: 'hstore' }],
    });
    expect(databaseOf(chart).spec.extensions).toEqual([{ name: 'vector' }, { name: 'postgis', ensure: 'absent' }, { name: 'hstore' }]);
  });

  test('does not check the extensions of a database being dropped', () => {
    const chart = newChart();
    const cluster = clusterOn(chart, ImageType.MINIMAL, false);
    new Database(chart, 'app', { cluster, name: 'app', owner: 'app', ensure: DatabaseEnsure.ABSENT, extensions: [{ name: 'vector' }] });
    expect(databaseOf(chart).spec.ensure).toBe('absent');
  });

  test('refuses something that is not an OfficialExtension, from JavaScript', () => {
    const chart = newChart();
    const db = new Database(chart, 'app', { cluster: Cluster.fromClusterName(chart, 'c', 'db'), name: 'app', owner: 'app' });
    expect(() => db.addOfficialExtension('pgvector' as any)).toThrow(
      '[test/app] extensions: "pgvector" is not an OfficialExtension; expected e.g. OfficialExtension.PGVECTOR, or addExtension({ name }) for another extension (library)',
    );
  });

  test('refuses, at synth, a locale field the Cluster\'s PostgreSQL major does not have', () => {
    const chart = newChart();
    const catalog = ClusterImageCatalog.official(chart, 'catalog', { type: ImageType.MINIMAL, os: DebianRelease.TRIXIE });
    const cluster = new Cluster(chart, 'db', { metadata: { name: 'db' }, image: ClusterImage.fromCatalog(catalog, 16), storage: { size: Size.gibibytes(1) } });
    new Database(chart, 'app', { cluster, name: 'app', owner: 'app', localeProvider: LocaleProvider.BUILTIN, builtinLocale: 'C.UTF-8' });
    expect(() => Testing.synth(chart)).toThrow(
      '[test/app] builtinLocale: CREATE DATABASE would fail: builtinLocale needs PostgreSQL 17 or later, but Cluster "db" runs PostgreSQL 16 (library)',
    );
  });
});
