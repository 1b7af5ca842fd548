// Plain JavaScript, no TypeScript: callers that no type checker stops get the errors TypeScript users get.
// Each wrong type or misspelt prop is an error that names the construct path and the prop, never a
// TypeError from inside the library or cdk8s, never silently ignored.
const { Chart, Duration, Size, Testing } = require('cdk8s');
const kplus = require('cdk8s-plus-28');
const cnpg = require('../src');

function setup() {
  const chart = new Chart(Testing.app(), 'app', { namespace: 'shop' });
  const catalog = cnpg.ClusterImageCatalog.fromOfficial(chart, 'catalog', { type: 'minimal', os: 'trixie' });
  const image = cnpg.ClusterImage.fromCatalog(catalog, 18);
  const valid = { metadata: { name: 'db' }, image, storage: { size: Size.gibibytes(10) } };
  return { chart, catalog, image, valid };
}

/** The error a call throws (or undefined). */
function errorOf(fn) {
  try {
    fn();
  } catch (e) {
    return e;
  }
  return undefined;
}

// [what, build(setup) -> construct, the message it must contain]
const CASES = [
  // Cluster: wrong types
  ['a string for a Size', (s) => new cnpg.Cluster(s.chart, 'db', { ...s.valid, storage: { size: '1Gi' } }),
    '[app/db] props.storage.size: expected a cdk8s Size (e.g. Size.gibibytes(10)), got the string "1Gi"'],
  ['a number for a Duration', (s) => new cnpg.Cluster(s.chart, 'db', { ...s.valid, failoverDelay: 30 }),
    '[app/db] props.failoverDelay: expected a cdk8s Duration (e.g. Duration.seconds(30)), got the number 30'],
  ['a number for a nested Duration', (s) => new cnpg.Cluster(s.chart, 'db', { ...s.valid, monitoring: { metricsQueriesTtl: 30 } }),
    '[app/db] props.monitoring.metricsQueriesTtl: expected a cdk8s Duration (e.g. Duration.seconds(30)), got the number 30'],
  ['an array where a map is expected', (s) => new cnpg.Cluster(s.chart, 'db', { ...s.valid, postgresql: { parameters: ['max_connections=100'] } }),
    '[app/db] props.postgresql.parameters: expected a map of strings (an object { key: value }), got an array of 1 item'],
  ['a number as a parameter value', (s) => new cnpg.Cluster(s.chart, 'db', { ...s.valid, postgresql: { parameters: { max_connections: 100 } } }),
    '[app/db] props.postgresql.parameters.max_connections: expected a string, got the number 100'],
  ['null in a list', (s) => new cnpg.Cluster(s.chart, 'db', { ...s.valid, imagePullSecrets: [null] }),
    '[app/db] props.imagePullSecrets[0]: null in a list; expected a Secret reference'],
  ['a string for an image', (s) => new cnpg.Cluster(s.chart, 'db', { ...s.valid, image: 'postgres:18' }),
    '[app/db] props.image: expected a ClusterImage (ClusterImage.fromCatalog(catalog, major) or ClusterImage.fromName(imageName)), got the string "postgres:18"'],
  ['a string for instances', (s) => new cnpg.Cluster(s.chart, 'db', { ...s.valid, instances: '3' }),
    '[app/db] props.instances: expected a finite number, got the string "3"'],
  ['NaN for instances', (s) => new cnpg.Cluster(s.chart, 'db', { ...s.valid, instances: NaN }),
    '[app/db] props.instances: expected a finite number, got NaN'],
  ['an enum member name instead of its value', (s) => new cnpg.Cluster(s.chart, 'db', { ...s.valid, primaryUpdateStrategy: 'SUPERVISED' }),
    '[app/db] props.primaryUpdateStrategy: the string "SUPERVISED" is not a PrimaryUpdateStrategy; did you mean PrimaryUpdateStrategy.SUPERVISED ("supervised")?'],
  ['a password in plain text', (s) => new cnpg.Cluster(s.chart, 'db', { ...s.valid, superuserSecret: 'hunter2' }),
    '[app/db] props.superuserSecret: expected a Secret reference, never a secret in plain text'],
  ['the old bootstrap shape', (s) => new cnpg.Cluster(s.chart, 'db', { ...s.valid, bootstrap: { initdb: { database: 'shop' } } }),
    '[app/db] props.bootstrap: expected a Bootstrap (Bootstrap.import(options) or Bootstrap.initdb(options) or Bootstrap.pgBasebackup(options) or Bootstrap.recovery(options)), got an object {"initdb":{"database":"shop"}}'],
  ['a boolean for a list', (s) => new cnpg.Cluster(s.chart, 'db', { ...s.valid, extensions: true }),
    '[app/db] props.extensions: expected a list of Extensions'],
  ['null for an optional prop', (s) => new cnpg.Cluster(s.chart, 'db', { ...s.valid, description: null }),
    '[app/db] props.description: null is not accepted; leave the property out for the default, or give a string'],
  ['no props at all', (s) => new cnpg.Cluster(s.chart, 'db'),
    '[app/db] props.image: is missing; expected a ClusterImage'],
  // Cluster: misspelt props
  ['instance for instances', (s) => new cnpg.Cluster(s.chart, 'db', { ...s.valid, instance: 3 }),
    '[app/db] props.instance: unknown property of ClusterProps; did you mean "instances"?'],
  ['parameter for parameters', (s) => new cnpg.Cluster(s.chart, 'db', { ...s.valid, postgresql: { parameter: { max_connections: '100' } } }),
    '[app/db] props.postgresql.parameter: unknown property of PostgresConfiguration; did you mean "parameters"?'],
  ['parameters beside postgresql', (s) => new cnpg.Cluster(s.chart, 'db', { ...s.valid, parameters: { max_connections: '100' } }),
    '[app/db] props.parameters: unknown property of ClusterProps; did you mean postgresql: { parameters: ... }? ("parameters" is a property of postgresql)'],
  ['a wire name', (s) => new cnpg.Cluster(s.chart, 'db', { ...s.valid, postgresUID: 26 }),
    '[app/db] props.postgresUID: unknown property of ClusterProps; did you mean "postgresUid"?'],
  ['a misspelt storage field', (s) => new cnpg.Cluster(s.chart, 'db', { ...s.valid, storage: { size: Size.gibibytes(1), storageClas: 'fast' } }),
    '[app/db] props.storage.storageClas: unknown property of ClusterStorage; did you mean "storageClass"?'],
  // other constructs
  ['a string for cluster', (s) => new cnpg.Database(s.chart, 'app', { cluster: 'db', name: 'app', owner: 'app' }),
    '[app/app] props.cluster: expected a Cluster (new Cluster(...) or Cluster.fromClusterName(scope, id, name, namespace)), got the string "db"'],
  ['a misspelt Database prop', (s) => new cnpg.Database(s.chart, 'app', { cluster: cnpg.Cluster.fromClusterName(s.chart, 'c', 'db'), name: 'app', owner: 'app', encodng: 'UTF8' }),
    '[app/app] props.encodng: unknown property of DatabaseProps; did you mean "encoding"?'],
  ['a number for an image of a catalog', (s) => new cnpg.ImageCatalog(s.chart, 'cat', { images: [{ major: 18, image: 18 }] }),
    '[app/cat] props.images[0].image: expected a string, got the number 18'],
  ['a string for a major', (s) => new cnpg.ClusterImageCatalog(s.chart, 'cat', { images: [{ major: '18', image: 'x' }] }),
    '[app/cat] props.images[0].major: expected a finite number, got the string "18"'],
  ['a number for an operator config Duration', (s) => new cnpg.OperatorConfig(s.chart, 'op', { clustersRolloutDelay: 60 }),
    '[app/op] props.clustersRolloutDelay: expected a cdk8s Duration (e.g. Duration.seconds(30)), got the number 60'],
  ['a misspelt fleet prop', (s) => new cnpg.PostgresFleet(s.chart, 'fleet', { officialCatalog: [] }),
    '[app/fleet] props.officialCatalog: unknown property of PostgresFleetProps; did you mean "officialCatalogs"?'],
  // factories and methods
  ['a string for a recovery source', () => cnpg.Bootstrap.recovery({ from: 's3://bucket' }),
    'Bootstrap.recovery(options).from: expected a RecoverySource'],
  ['a plain object for a recovery target', () => cnpg.Bootstrap.recovery({ from: cnpg.RecoverySource.backup('b'), target: { targetTime: '2026-01-01T00:00:00Z' } }),
    'Bootstrap.recovery(options).target: expected a RecoveryTarget'],
  ['a catalog name for an official extension', (s) => {
    const db = new cnpg.Database(s.chart, 'app', { cluster: cnpg.Cluster.fromClusterName(s.chart, 'c', 'db'), name: 'app', owner: 'app' });
    db.addOfficialExtension('pgvector');
  }, '[app/app] extensions: "pgvector" is not an OfficialExtension; expected e.g. OfficialExtension.PGVECTOR, or addExtension({ name }) for another extension'],
];

describe('plain JavaScript callers', () => {
  test('there are at least 20 cases', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(20);
  });

  test.each(CASES)('%s: an error naming the construct and the prop, not a TypeError', (_what, build, message) => {
    const error = errorOf(() => build(setup()));
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(TypeError);
    expect(error.message).toContain(message);
  });

  test('a valid Cluster from JavaScript, with enum values given as strings, synthesises', () => {
    const s = setup();
    new cnpg.Cluster(s.chart, 'db', {
      ...s.valid,
      primaryUpdateStrategy: 'unsupervised',
      env: { TZ: kplus.EnvValue.fromValue('UTC') },
      failoverDelay: Duration.seconds(10),
    });
    const [cluster] = Testing.synth(s.chart);
    expect(cluster.spec.primaryUpdateStrategy).toBe('unsupervised');
    expect(cluster.spec.failoverDelay).toBe(10);
  });
});
