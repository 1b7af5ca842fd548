import * as fs from 'fs';
import * as path from 'path';
import { Chart, Duration, JsonPatch, Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import {
  Bootstrap, Cluster, ClusterImage, ClusterImageCatalog, Database, DatabaseRole, DebianRelease, Extension, ImageCatalog, ImageType,
  ImportType, LocaleProvider, OfficialExtension, PrimaryUpdateStrategy, Publication, PublicationTarget, RecoverySource, RecoveryTarget,
  ReplicaSource, ServiceSelectorType, Subscription, SynchronousMethod,
} from '../src';
import { pinned } from './util';

// The README's "What is checked, and when" tables say when each rule runs. Each row has cases here that
// break the rule; each case must fail when the table says (construction: the constructor or the method
// call throws; synth: the app's synth fails), with the rule's message.

const README = fs.readFileSync(path.resolve(__dirname, '..', 'README.md'), 'utf8');

interface Row {
  readonly section: string;
  readonly rule: string;
  readonly when: string;
}

/** Every row of every table with a "When" column, with the section it is in. */
function tableRows(): Row[] {
  const rows: Row[] = [];
  let section = '';
  const lines = README.split('\n');
  lines.forEach((line, i) => {
    if (/^#{2,3} /.test(line)) section = line.replace(/^#+ /, '');
    if (!/^\| Rule \|.*\| When \|$/.test(line)) return;
    for (let j = i + 2; j < lines.length && lines[j].startsWith('|'); j++) {
      const cells = lines[j].slice(1, -1).split('|').map((c) => c.trim());
      rows.push({ section, rule: cells[0], when: cells[cells.length - 1] });
    }
  });
  return rows;
}

type Timing = 'construction' | 'synth';

interface Case {
  /** What is broken. */
  readonly what: string;
  /**
   * The part of the When cell that applies (`catalog major: construction`); the whole cell when it names
   * one timing.
   */
  readonly part?: string;
  /** Builds the app; returns the chart to synthesise. */
  readonly build: () => Chart;
  /** A part of the error's message. */
  readonly message: string;
}

const PG18 = pinned('ghcr.io/cloudnative-pg/postgresql', '18.6-202608170814-minimal-trixie');
const PG17 = pinned('ghcr.io/cloudnative-pg/postgresql', '17.11-202608170816-minimal-trixie', 'b');
const ORIGIN = { name: 'origin', connectionParameters: { host: 'origin-rw' } };

function chart(namespace?: string): Chart {
  return new Chart(Testing.app(), 'test', { namespace });
}

/** A Cluster "db" on the official minimal-trixie catalog (of this app, `withExtensions` optional). */
function cluster(props: object = {}, c = chart(), options: { major?: number; withExtensions?: boolean } = {}): Chart {
  const official = ClusterImageCatalog.official(c, 'catalog', { type: ImageType.MINIMAL, os: DebianRelease.TRIXIE, withExtensions: options.withExtensions });
  new Cluster(c, 'db', { metadata: { name: 'db' }, image: ClusterImage.fromCatalog(official, options.major ?? 18), storage: { size: Size.gibibytes(1) }, ...props });
  return c;
}

function db(props: object = {}, c = chart(), major = 18): { chart: Chart; database: Database } {
  cluster({}, c, { major });
  const pg = c.node.findChild('db') as Cluster;
  const database = new Database(c, 'app', { cluster: pg, name: 'app', owner: 'app', ...props });
  return { chart: c, database };
}

function role(props: object): Chart {
  const c = chart();
  new DatabaseRole(c, 'role', { cluster: Cluster.fromClusterName(c, 'pg', 'pg'), name: 'reader', ...props });
  return c;
}

function catalog(props: object, c = chart(), id = 'catalog'): Chart {
  new ImageCatalog(c, id, { metadata: { name: 'pg' }, images: [{ major: 18, image: PG18 }], ...props });
  return c;
}

/** Cases by table section and the start of the row's Rule cell. */
const CASES: { [section: string]: { [rule: string]: Case[] } } = {
  'Your own catalogs': {
    '1 to 8 images': [
      { what: 'no image', part: 'at least one: synth', build: () => catalog({ images: [] }), message: 'spec.images' },
      {
        what: 'a ninth image',
        part: 'more than eight: `addImage()`',
        build: () => {
          const c = catalog({ images: [10, 11, 12, 13, 14, 15, 16, 17].map((major) => ({ major, image: pinned('ghcr.io/x/pg', `${major}.1`) })) });
          (c.node.findChild('catalog') as ImageCatalog).addImage({ major: 18, image: PG18 });
          return c;
        },
        message: 'images',
      },
    ],
    'unique majors, major ≥ 10': [
      { what: 'a major twice', build: () => catalog({ images: [{ major: 18, image: PG18 }, { major: 18, image: PG18 }] }), message: 'Images must have unique major versions' },
      { what: 'major 9', build: () => catalog({ images: [{ major: 9, image: PG18 }] }), message: 'major' },
    ],
    'non-empty, parsable image references': [{ what: 'an empty image', build: () => catalog({ images: [{ major: 18, image: '' }] }), message: 'expected a non-empty image reference' }],
    'an image\'s tag of the entry\'s major': [{ what: 'major 17 with a 16 image', build: () => catalog({ images: [{ major: 17, image: pinned('ghcr.io/cloudnative-pg/postgresql', '16.9-minimal-trixie') }] }), message: 'is PostgreSQL 16, but the entry is for major 17' }],
    'digest-pinned images': [{ what: 'a tag', build: () => catalog({ images: [{ major: 18, image: 'ghcr.io/cloudnative-pg/postgresql:18.6' }] }), message: 'is not digest-pinned' }],
    'component images: at most 32, unique DNS-label keys': [{ what: 'a key that is no DNS label', build: () => catalog({ componentImages: { PgBouncer: PG18 } }), message: 'PgBouncer' }],
    'extension names': [{ what: 'an upper-case name', build: () => catalog({ images: [{ major: 18, image: PG18, extensions: [{ name: 'PGVector', reference: PG18 }] }] }), message: 'PGVector' }],
    'no namespace on a `ClusterImageCatalog`': [
      { what: 'a namespace prop', part: 'construction', build: () => { const c = chart(); new ClusterImageCatalog(c, 'cat', { metadata: { namespace: 'x' } }); return c; }, message: 'cluster-scoped' },
      {
        what: 'a namespace patch',
        part: 'synth for escape-hatch patches',
        build: () => {
          const c = chart();
          new ClusterImageCatalog(c, 'cat', { images: [{ major: 18, image: PG18 }] }).apiObject.addJsonPatch(JsonPatch.add('/metadata/namespace', 'x'));
          return c;
        },
        message: 'namespace',
      },
    ],
    'one catalog per kind/name (and namespace) in an app': [{ what: 'two', build: () => catalog({}, catalog({}), 'again'), message: 'is already defined by' }],
    'the whole synthesised object against the CRD schema and CEL rules': [
      { what: 'an unknown field through a patch', build: () => { const c = catalog({}); (c.node.findChild('catalog') as ImageCatalog).apiObject.addJsonPatch(JsonPatch.add('/spec/colour', 'x')); return c; }, message: 'colour' },
    ],
  },
  'Clusters': {
    'props of the declared types, no unknown prop': [
      { what: 'a string for a Size', build: () => cluster({ storage: { size: '1Gi' } }), message: 'props.storage.size: expected a cdk8s Size' },
      { what: 'instance', build: () => cluster({ instance: 3 }), message: 'did you mean "instances"?' },
    ],
    'name: DNS-1035 label': [{ what: '1st-db', build: () => cluster({ metadata: { name: '1st-db' } }), message: 'cluster name must be a valid DNS label' }],
    'image name: a version tag': [
      { what: 'latest', build: () => cluster({ image: ClusterImage.fromName('ghcr.io/cloudnative-pg/postgresql:latest'), requireDigest: false }), message: 'latest' },
      { what: 'a tag only', build: () => cluster({ image: ClusterImage.fromName('ghcr.io/cloudnative-pg/postgresql:18.6') }), message: 'is not digest-pinned' },
    ],
    'major ≥ 13': [
      {
        what: 'catalog major 12',
        part: 'catalog major: construction',
        build: () => { const c = chart(); const cat = new ClusterImageCatalog(c, 'cat', { images: [{ major: 12, image: pinned('ghcr.io/x/pg', '12.20') }] }); new Cluster(c, 'db', { metadata: { name: 'db' }, image: ClusterImage.fromCatalog(cat, 12), storage: { size: Size.gibibytes(1) } }); return c; },
        message: 'Unsupported PostgreSQL version',
      },
      { what: 'image tag 12', part: 'image tag: synth', build: () => cluster({ image: ClusterImage.fromName(pinned('ghcr.io/cloudnative-pg/postgresql', '12.20-bookworm')) }), message: 'Unsupported PostgreSQL version' },
    ],
    'the catalog carries the major': [{ what: 'major 19', build: () => cluster({}, chart(), { major: 19 }), message: 'has no major 19' }],
    'a namespaced `ImageCatalog` is in the Cluster\'s namespace': [
      {
        what: 'another namespace',
        build: () => { const c = chart('team'); const cat = new ImageCatalog(c, 'cat', { metadata: { name: 'pg', namespace: 'shared' }, images: [{ major: 18, image: PG18 }] }); new Cluster(c, 'db', { metadata: { name: 'db' }, image: ClusterImage.fromCatalog(cat, 18), storage: { size: Size.gibibytes(1) } }); return c; },
        message: 'is in namespace "shared"',
      },
    ],
    'extensions need PostgreSQL 18': [{ what: 'on 17', build: () => cluster({ image: ClusterImage.fromName(PG17), extensions: [Extension.fromImage({ name: 'pgvector', reference: pinned('ghcr.io/cloudnative-pg/pgvector', '0.8.1-17-trixie') })] }), message: 'need PostgreSQL 18' }],
    'fixed parameters': [{ what: 'listen_addresses', build: () => cluster({ postgresql: { parameters: { listen_addresses: '*' } } }), message: 'Can\'t set fixed configuration parameter' }],
    '`wal_log_hints` on when instances > 1': [{ what: 'off with 3', build: () => cluster({ instances: 3, postgresql: { parameters: { wal_log_hints: 'off' } } }), message: 'wal_log_hints' }],
    '`maxSyncReplicas` < instances': [{ what: 'equal', build: () => cluster({ instances: 2, maxSyncReplicas: 2 }), message: 'maxSyncReplicas must be lower than the number of instances' }],
    'supervised updates need more than one instance': [{ what: 'one', build: () => cluster({ primaryUpdateStrategy: PrimaryUpdateStrategy.SUPERVISED }), message: 'supervised update strategy is not allowed' }],
    'storage, WAL and tablespace volumes have a valid, positive size': [
      { what: 'zero', build: () => cluster({ storage: { size: Size.gibibytes(0) } }), message: 'is not a usable volume size' },
      { what: 'none', build: () => cluster({ tablespaces: [{ name: 'idx', storage: {} }] }), message: 'Size not configured' },
    ],
    'delays, probe timings and the slots\' update interval are whole seconds': [{ what: '1.5 s', build: () => cluster({ failoverDelay: Duration.millis(1500) }), message: 'is not a whole number of seconds' }],
    'one external cluster definition per name': [
      { what: 'two definitions', build: () => cluster({ externalClusters: [{ ...ORIGIN, connectionParameters: { host: 'x' } }], bootstrap: Bootstrap.pgBasebackup({ source: ORIGIN }) }), message: 'one name, one definition' },
    ],
    'one bootstrap method, one recovery target': [
      { what: 'a second method by patch', build: () => { const c = cluster({ bootstrap: Bootstrap.initdb() }); (c.node.findChild('db') as Cluster).apiObject.addJsonPatch(JsonPatch.add('/spec/bootstrap/recovery', { source: 'x' })); return c; }, message: 'Only one bootstrap method can be specified at a time' },
    ],
    'WAL segment size a power of 2': [
      { what: '24', build: () => cluster({ bootstrap: Bootstrap.initdb({ walSegmentSize: 24 }) }), message: 'WAL segment size must be a power of 2' },
      { what: 'two databases', build: () => cluster({ bootstrap: Bootstrap.import({ type: ImportType.MICROSERVICE, source: ORIGIN, databases: ['a', 'b'] }) }), message: 'single database' },
    ],
    'recovery targets': [{ what: 'a bad LSN', build: () => cluster({ bootstrap: Bootstrap.recovery({ from: RecoverySource.backup('b'), target: RecoveryTarget.lsn('x') }) }), message: 'Invalid TargetLSN' }],
    'recovery and replica sources can be reached': [{ what: 'no way', build: () => cluster({ bootstrap: Bootstrap.recovery({ from: RecoverySource.externalCluster({ name: 'origin' }) }) }), message: 'cannot be used for recovery' }],
    'external clusters: a way to connect': [{ what: 'none', build: () => cluster({ externalClusters: [{ name: 'origin' }] }), message: 'one of connectionParameters, plugin and barmanObjectStore is required' }],
    'replica clusters bootstrap from their source': [{ what: 'initdb', build: () => cluster({ replica: ReplicaSource.fromExternalCluster(ORIGIN) }), message: 'replica mode bootstrap is compatible only with pg_basebackup or recovery' }],
    'tablespace names': [{ what: 'pg_x', build: () => cluster({ tablespaces: [{ name: 'pg_x', storage: { size: Size.gibibytes(1) } }] }), message: 'reserved for Postgres' }],
    'certificates': [{ what: 'no CA', build: () => { const c = chart(); return cluster({ certificates: { serverTlsSecret: kplus.Secret.fromSecretName(c, 's', 's') } }, c); }, message: 'Server CA secret can\'t be empty' }],
    'managed services': [{ what: 'rw disabled', build: () => cluster({ managedServices: { disabledDefaultServices: [ServiceSelectorType.RW] } }), message: 'service of type RW cannot be disabled.' }],
    'environment variables the operator sets': [{ what: 'PGDATA', build: () => cluster({ env: { PGDATA: kplus.EnvValue.fromValue('x') } }), message: 'PGDATA' }],
    'resource requests not above limits': [{ what: 'CPU', build: () => cluster({ resources: { cpu: { request: kplus.Cpu.units(2), limit: kplus.Cpu.units(1) } } }), message: 'CPU request is greater than the limit' }],
    'managed roles': [{ what: 'postgres', build: () => cluster({ managedRoles: [{ name: 'postgres' }] }), message: 'This role is reserved for operator use' }],
    'at most one WAL archiver plugin': [{ what: 'two', build: () => cluster({ barmanCloud: { objectStoreName: 's' }, plugins: [{ name: 'x', isWalArchiver: true }] }), message: 'Cannot enable more than one WAL archiver plugin' }],
    'secrets are references, never strings': [{ what: 'a string', build: () => cluster({ superuserSecret: 'hunter2' }), message: 'never a secret in plain text' }],
  },
  'Databases': {
    '`cluster` is a Cluster': [{ what: 'a string', build: () => { const c = chart(); new Database(c, 'app', { cluster: 'pg' as any, name: 'app', owner: 'app' }); return c; }, message: 'props.cluster' }],
    'not `postgres`': [{ what: 'template1', build: () => db({ name: 'template1' }).chart, message: 'the name template1 is reserved' }],
    '`builtinLocale` only with': [{ what: 'icu with libc', build: () => db({ icuLocale: 'en-US', localeProvider: LocaleProvider.LIBC }).chart, message: 'icuLocale is only available' }],
    '`connectionLimit` an integer': [{ what: '-2', build: () => db({ connectionLimit: -2 }).chart, message: 'connectionLimit' }],
    'extension, schema, foreign data wrapper and server names unique': [
      { what: 'twice in props', build: () => db({ schemas: [{ name: 's' }, { name: 's' }] }).chart, message: 'schemas' },
      { what: 'twice by addX()', build: () => { const d = db(); d.database.addSchema({ name: 's' }); d.database.addSchema({ name: 's' }); return d.chart; }, message: 'schemas' },
    ],
    'a foreign server names a wrapper of the same Database': [{ what: 'postgres_fdw', build: () => { const d = db(); d.database.addForeignServer({ name: 'remote', fdw: 'postgres_fdw' }); return d.chart; }, message: 'referenced fdw not defined in spec.fdws' }],
    'an extension by its SQL name': [{ what: 'pgvector', build: () => { const d = db(); d.database.addExtension({ name: 'pgvector' }); return d.chart; }, message: 'needs its SQL name "vector"' }],
    'the Cluster mounts or bundles each official extension': [{ what: 'not mounted', build: () => { const d = db(); d.database.addOfficialExtension(OfficialExtension.POSTGIS); return d.chart; }, message: 'does not mount postgis' }],
    '`icuLocale` needs PostgreSQL 15': [{ what: 'on 14', build: () => db({ localeProvider: LocaleProvider.ICU, icuLocale: 'en-US' }, chart(), 14).chart, message: 'icuLocale needs PostgreSQL 15' }],
    'the Database in its Cluster\'s namespace': [{ what: 'another', build: () => { const c = chart('other'); new Database(c, 'app', { cluster: Cluster.fromClusterName(c, 'pg', 'pg', 'data'), name: 'app', owner: 'app' }); return c; }, message: 'must be in its Cluster\'s namespace' }],
  },
  'DatabaseRole': {
    'not `postgres` or `streaming_replica`': [{ what: 'pg_x', build: () => role({ name: 'pg_x' }), message: 'reserved' }],
    '`passwordSecret` and `disablePassword` not together': [{ what: 'both', build: () => { const c = chart(); new DatabaseRole(c, 'role', { cluster: Cluster.fromClusterName(c, 'pg', 'pg'), name: 'r', passwordSecret: kplus.Secret.fromSecretName(c, 's', 's'), disablePassword: true }); return c; }, message: 'passwordSecret and disablePassword are mutually exclusive' }],
    '`clientCertificate` needs `login: true`': [{ what: 'no login', build: () => role({ clientCertificate: true }), message: 'clientCertificate requires the role to have login enabled' }],
    'the password is a Secret reference': [{ what: 'a string', build: () => role({ passwordSecret: 'x' }), message: 'never a secret in plain text' }],
    'the role in its Cluster\'s namespace': [{ what: 'another', build: () => { const c = chart('other'); new DatabaseRole(c, 'role', { cluster: Cluster.fromClusterName(c, 'pg', 'pg', 'data'), name: 'r' }); return c; }, message: 'must be in its Cluster\'s namespace' }],
  },
  'Logical replication': {
    'all tables or a list of objects': [{ what: 'a string', build: () => { const c = chart(); new Publication(c, 'pub', { cluster: Cluster.fromClusterName(c, 'pg', 'pg'), dbname: 'app', name: 'p', target: 'all' as any }); return c; }, message: 'props.target' }],
    'no column list together with `tablesInSchemas`': [{ what: 'both', build: () => { const c = chart(); new Publication(c, 'pub', { cluster: Cluster.fromClusterName(c, 'pg', 'pg'), dbname: 'app', name: 'p', target: PublicationTarget.objects({ tables: [{ name: 'orders', columns: ['id'] }], tablesInSchemas: ['billing'] }) }); return c; }, message: 'specifying a column list when the publication also publishes tablesInSchema is not supported' }],
    'a non-empty list of objects': [{ what: 'empty', build: () => { const c = chart(); new Publication(c, 'pub', { cluster: Cluster.fromClusterName(c, 'pg', 'pg'), dbname: 'app', name: 'p', target: PublicationTarget.objects({}) }); return c; }, message: 'target' }],
    '`publication` or `publicationName`, not both': [{ what: 'both', build: () => { const c = chart(); const pg = Cluster.fromClusterName(c, 'pg', 'pg'); const publication = new Publication(c, 'pub', { cluster: pg, dbname: 'app', name: 'p', target: PublicationTarget.allTables() }); new Subscription(c, 'sub', { cluster: pg, dbname: 'app', name: 's', externalClusterName: 'x', publication, publicationName: 'p' }); return c; }, message: 'both publication and publicationName are set' }],
    'the external cluster is one of the subscribing Cluster\'s `externalClusters`': [{ what: 'missing', build: () => { const c = cluster(); new Subscription(c, 'sub', { cluster: c.node.findChild('db') as Cluster, dbname: 'app', name: 's', externalClusterName: 'sales', publicationName: 'p' }); return c; }, message: 'is not an external cluster of Cluster "db"' }],
    'each object in its Cluster\'s namespace': [{ what: 'another', build: () => { const c = chart('other'); new Publication(c, 'pub', { cluster: Cluster.fromClusterName(c, 'pg', 'pg', 'data'), dbname: 'app', name: 'p', target: PublicationTarget.allTables() }); return c; }, message: 'must be in its Cluster\'s namespace' }],
  },
};

/** Where a case fails: building it, or synthesising it (undefined: it does not fail). */
function observe(c: Case): { timing?: Timing; message?: string } {
  let built: Chart;
  try {
    built = c.build();
  } catch (e) {
    return { timing: 'construction', message: (e as Error).message };
  }
  try {
    Testing.synth(built);
  } catch (e) {
    return { timing: 'synth', message: (e as Error).message };
  }
  return {};
}

/** The timing the README gives for a case: the cell's part the case names, or the whole cell. */
function documented(row: Row, c: Case): Timing {
  const text = c.part ?? row.when;
  if (c.part !== undefined && !row.when.includes(c.part)) throw new Error(`"${row.rule}": its When cell "${row.when}" has no part "${c.part}"`);
  if (c.part === undefined && /;|, and /.test(row.when)) throw new Error(`"${row.rule}": its When cell "${row.when}" has several parts; name the part each case shows`);
  // a method call (`addImage()`) throws when called, like a constructor
  return /synth/.test(text) ? 'synth' : 'construction';
}

const ROWS = tableRows();

describe('the README\'s When columns', () => {
  test('there are tables with a When column', () => {
    expect(ROWS.length).toBeGreaterThan(40);
  });

  test('every row has cases, and every case a row', () => {
    const casesOf = (row: Row) => Object.keys(CASES[row.section] ?? {}).filter((rule) => row.rule.startsWith(rule));
    expect(ROWS.filter((row) => casesOf(row).length !== 1).map((row) => `${row.section}: ${row.rule}`)).toEqual([]);
    const rules = ROWS.map((row) => `${row.section}|${row.rule}`);
    const orphans = Object.entries(CASES).flatMap(([section, rows]) => Object.keys(rows).filter((rule) => !rules.some((r) => r.startsWith(`${section}|${rule}`))).map((rule) => `${section}: ${rule}`));
    expect(orphans).toEqual([]);
  });

  const cases = ROWS.flatMap((row) => Object.entries(CASES[row.section] ?? {})
    .filter(([rule]) => row.rule.startsWith(rule))
    .flatMap(([, list]) => list.map((c) => [`${row.section}: ${row.rule.slice(0, 60)} (${c.what})`, row, c] as const)));

  test.each(cases)('%s', (_name, row, c) => {
    const seen = observe(c);
    const matches = seen.message?.includes(c.message) ? true : seen.message;
    expect({ timing: seen.timing, matches }).toStrictEqual({ timing: documented(row, c), matches: true });
  });
});

describe('the README\'s Clusters examples write what it shows', () => {
  test('the recovery from an ObjectStore writes the source and its external cluster', () => {
    const c = chart('payments');
    new Cluster(c, 'db', {
      metadata: { name: 'payments-restored' },
      image: ClusterImage.fromCatalog(ClusterImageCatalog.fromOfficial(c, 'catalog', { type: ImageType.MINIMAL, os: DebianRelease.TRIXIE }), 18),
      storage: { size: Size.gibibytes(50) },
      bootstrap: Bootstrap.recovery({ from: RecoverySource.objectStore({ objectStoreName: 'payments-backups', serverName: 'payments' }), target: RecoveryTarget.time('2026-11-01T08:00:00Z') }),
    });
    const spec = Testing.synth(c)[0].spec;
    const shown = README.slice(README.indexOf('writes `bootstrap.recovery.source: payments`'));
    const yaml = shown.slice(shown.indexOf('```yaml\n') + 8, shown.indexOf('```', shown.indexOf('```yaml\n') + 8));
    expect(yaml).toContain('source: payments\n');
    expect(spec.bootstrap).toStrictEqual({ recovery: { source: 'payments', recoveryTarget: { targetTime: '2026-11-01T08:00:00Z' } } });
    expect(spec.externalClusters).toStrictEqual([{ name: 'payments', plugin: { name: 'barman-cloud.cloudnative-pg.io', parameters: { barmanObjectName: 'payments-backups', serverName: 'payments' } } }]);
    expect(yaml).toContain('barmanObjectName: payments-backups');
  });

  test('synchronous replication is a webhook rule at synth (the table\'s row on it)', () => {
    expect(observe({ what: '', build: () => cluster({ instances: 2, postgresql: { synchronous: { method: SynchronousMethod.FIRST, number: 2 } } }), message: '' }).timing).toBe('synth');
  });
});
