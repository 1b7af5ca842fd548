import { Chart, JsonPatch, Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import {
  Cluster,
  ClusterImage,
  ClusterImageCatalog,
  CnpgValidation,
  DebianRelease,
  ImageCatalog,
  ImageType,
  Pooler,
  PoolerImage,
  PoolerType,
  PoolMode,
} from '../src';
import { newChart, pinned, synthErrors } from './util';
import { PGBOUNCER_ALLOWED_PARAMETERS } from '../src/rules/pooler';

const PG18 = pinned('ghcr.io/cloudnative-pg/postgresql', '18.6-202608170814-minimal-trixie');
const PGBOUNCER = pinned('ghcr.io/cloudnative-pg/pgbouncer', '1.25.1', 'b');

/** A chart with a catalog that carries PgBouncer and a Cluster `pg` on it. */
function platform(namespace = 'db', componentImages: { [key: string]: string } = { pgbouncer: PGBOUNCER }) {
  const chart = newChart({ namespace });
  const catalog = new ClusterImageCatalog(chart, 'catalog', { metadata: { name: 'pg' }, images: [{ major: 18, image: PG18 }], componentImages });
  const cluster = new Cluster(chart, 'pg', { metadata: { name: 'pg' }, image: ClusterImage.fromCatalog(catalog, 18), storage: { size: Size.gibibytes(1) } });
  return { chart, catalog, cluster };
}

const poolersOf = (chart: Chart) => Testing.synth(chart).filter((m: any) => m.kind === 'Pooler');

describe('Pooler', () => {
  test.each([PoolerType.RW, PoolerType.RO, PoolerType.R])('a %s Pooler on the catalog\'s PgBouncer', (type) => {
    // GIVEN
    const { chart, catalog, cluster } = platform();
    // WHEN
    cluster.addPooler(type, { metadata: { name: `pg-${type}` }, type, image: PoolerImage.fromCatalog(catalog), instances: 2 });
    // THEN
    const [pooler] = poolersOf(chart);
    expect(pooler).toMatchSnapshot();
    expect(pooler).toStrictEqual({
      apiVersion: 'postgresql.cnpg.io/v1',
      kind: 'Pooler',
      metadata: { name: `pg-${type}`, namespace: 'db' },
      spec: {
        cluster: { name: 'pg' },
        type,
        instances: 2,
        pgbouncer: { imageCatalogRef: { apiGroup: 'postgresql.cnpg.io', kind: 'ClusterImageCatalog', name: 'pg', key: 'pgbouncer' } },
      },
    });
    expect(CnpgValidation.validateManifest(pooler)).toEqual([]);
  });

  test('every typed option reaches the manifest, in the CRD\'s wire names', () => {
    const { chart, cluster } = platform();
    const secret = (name: string) => kplus.Secret.fromSecretName(chart, name, name);
    new Pooler(chart, 'pooler', {
      metadata: { name: 'pg-pooler' },
      cluster,
      image: PoolerImage.fromName(PGBOUNCER),
      poolMode: PoolMode.TRANSACTION,
      parameters: { max_client_conn: '1000', default_pool_size: '10' },
      pgHba: ['host all all 10.0.0.0/8 scram-sha-256'],
      authQuery: 'SELECT usename, passwd FROM public.user_search($1)',
      serverTlsSecret: secret('pooler-server-tls'),
      serverCaSecret: secret('pg-ca'),
      clientTlsSecret: secret('pooler-client-tls'),
      clientCaSecret: secret('client-ca'),
      paused: false,
      monitoring: { tls: true },
      serviceType: kplus.ServiceType.LOAD_BALANCER,
      serviceAnnotations: { 'service.beta.kubernetes.io/aws-load-balancer-internal': 'true' },
      serviceLabels: { tier: 'db' },
      resources: {
        cpu: { request: kplus.Cpu.millis(100), limit: kplus.Cpu.units(1) },
        memory: { request: Size.mebibytes(64), limit: Size.mebibytes(256) },
      },
      podLabels: { team: 'payments' },
      podAnnotations: { 'example.com/owner': 'payments' },
    });
    const [pooler] = poolersOf(chart);
    expect(pooler).toMatchSnapshot();
    expect(pooler.spec.pgbouncer).toStrictEqual({
      poolMode: 'transaction',
      image: PGBOUNCER,
      parameters: { max_client_conn: '1000', default_pool_size: '10' },
      pg_hba: ['host all all 10.0.0.0/8 scram-sha-256'],
      authQuery: 'SELECT usename, passwd FROM public.user_search($1)',
      serverTLSSecret: { name: 'pooler-server-tls' },
      serverCASecret: { name: 'pg-ca' },
      clientTLSSecret: { name: 'pooler-client-tls' },
      clientCASecret: { name: 'client-ca' },
      paused: false,
    });
    expect(pooler.spec.serviceTemplate).toStrictEqual({
      metadata: { annotations: { 'service.beta.kubernetes.io/aws-load-balancer-internal': 'true' }, labels: { tier: 'db' } },
      spec: { type: 'LoadBalancer' },
    });
    expect(pooler.spec.template).toStrictEqual({
      metadata: { labels: { team: 'payments' }, annotations: { 'example.com/owner': 'payments' } },
      spec: { containers: [{ name: 'pgbouncer', resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '1', memory: '256Mi' } } }] },
    });
    expect(pooler.spec.monitoring).toStrictEqual({ tls: { enabled: true } });
    expect(CnpgValidation.validateManifest(pooler)).toEqual([]);
  });

  test('pod labels alone give a template with the empty container list the PodSpec schema requires', () => {
    const { chart, cluster } = platform();
    cluster.addPooler('rw', { metadata: { name: 'pg-rw' }, image: PoolerImage.fromName(PGBOUNCER), podLabels: { team: 'a' } });
    const [pooler] = poolersOf(chart);
    expect(pooler.spec.template).toStrictEqual({ metadata: { labels: { team: 'a' } }, spec: { containers: [] } });
    expect(CnpgValidation.validateManifest(pooler)).toEqual([]);
  });

  test('a Pooler of a Cluster managed elsewhere, in its namespace', () => {
    const chart = newChart({ namespace: 'db' });
    const cluster = Cluster.fromClusterName(chart, 'legacy', 'legacy-pg', 'db');
    new Pooler(chart, 'pooler', { metadata: { name: 'legacy-pg-ro' }, cluster, type: PoolerType.RO, image: PoolerImage.fromName(PGBOUNCER) });
    expect(poolersOf(chart)[0].spec).toStrictEqual({ cluster: { name: 'legacy-pg' }, type: 'ro', pgbouncer: { image: PGBOUNCER } });
  });

  test('a catalog managed elsewhere cannot be checked: its key is written as given', () => {
    const chart = newChart({ namespace: 'db' });
    const cluster = Cluster.fromClusterName(chart, 'legacy', 'legacy-pg', 'db');
    const catalog = ImageCatalog.fromName(chart, 'team', 'team-catalog', 'db');
    new Pooler(chart, 'pooler', { metadata: { name: 'legacy-pg-rw' }, cluster, image: PoolerImage.fromCatalog(catalog, 'pgbouncer-next') });
    expect(poolersOf(chart)[0].spec.pgbouncer).toStrictEqual({
      imageCatalogRef: { apiGroup: 'postgresql.cnpg.io', kind: 'ImageCatalog', name: 'team-catalog', key: 'pgbouncer-next' },
    });
  });
});

describe('Pooler rules at construction', () => {
  const make = (options: object, name = 'pg-rw') => {
    const { chart, catalog, cluster } = platform();
    return () => new Pooler(chart, 'pooler', { metadata: { name }, cluster, image: PoolerImage.fromCatalog(catalog), ...options });
  };

  test('a parameter outside the webhook\'s allow-list is refused with the webhook\'s message', () => {
    expect(make({ parameters: { pool_mode: 'transaction' } })).toThrow(
      '[test/pooler] spec.pgbouncer.parameters.pool_mode: "pool_mode" is reserved by the operator or not a PgBouncer parameter it passes through; accepted: the PgBouncer settings the operator allows, e.g. max_client_conn, default_pool_size, query_timeout (webhook: "Invalid or reserved parameter")',
    );
  });

  test('auth_user is refused as 1.30.0 does, and the message says 1.30.1 admits it', () => {
    expect(make({ parameters: { auth_user: 'pgbouncer' } })).toThrow(
      '"auth_user" is reserved by the operator or not a PgBouncer parameter it passes through (CloudNativePG 1.30.1 admits it; 1.30.0, which this library targets, does not)',
    );
  });

  test('every allow-listed parameter is accepted', () => {
    const parameters = Object.fromEntries([...PGBOUNCER_ALLOWED_PARAMETERS].map((p) => [p, '1']));
    expect(make({ parameters })).not.toThrow();
  });

  test('an auth query secret without an auth query is refused', () => {
    const { chart, catalog, cluster } = platform();
    expect(() => new Pooler(chart, 'pooler', {
      metadata: { name: 'pg-rw' }, cluster, image: PoolerImage.fromCatalog(catalog), authQuerySecret: kplus.Secret.fromSecretName(chart, 's', 'auth'),
    })).toThrow('[test/pooler] spec.pgbouncer.authQuery: an auth query secret or server TLS secret is set but no auth query; set authQuery too (e.g. "SELECT usename, passwd FROM public.user_search($1)"), or neither (webhook: "must specify an auth query when providing an auth query secret")');
  });

  test('a server TLS secret without an auth query is refused too (the webhook counts it as credentials)', () => {
    const { chart, catalog, cluster } = platform();
    expect(() => new Pooler(chart, 'pooler', {
      metadata: { name: 'pg-rw' }, cluster, image: PoolerImage.fromCatalog(catalog), serverTlsSecret: kplus.Secret.fromSecretName(chart, 's', 'tls'),
    })).toThrow('(webhook: "must specify an auth query when providing an auth query secret")');
  });

  test('an auth query without credentials is refused', () => {
    expect(make({ authQuery: 'SELECT 1' })).toThrow(
      '[test/pooler] spec.pgbouncer.authQuerySecret.name: authQuery "SELECT 1" is set but neither authQuerySecret nor serverTLSSecret; set the credentials it runs with too, or neither (webhook: "must specify an existing auth query secret when providing an auth query secret")',
    );
  });

  test('a Pooler named like its Cluster is refused', () => {
    expect(make({}, 'pg')).toThrow(
      '[test/pooler] metadata.name: the Pooler is named "pg" like its Cluster; choose another name (e.g. "pg-rw"): a Pooler can\'t have the name of a Cluster of its namespace (webhook: "the pooler resource cannot have the same name of a cluster")',
    );
  });

  test('TLS metrics with the operator\'s PodMonitor need a client TLS secret', () => {
    expect(make({ monitoring: { enablePodMonitor: true, tls: true } })).toThrow(
      '[test/pooler] spec.pgbouncer.clientTLSSecret: metrics over TLS with the operator\'s PodMonitor need a clientTLSSecret whose certificate is the Pooler\'s',
    );
  });

  test('an image by name must be digest-pinned unless requireDigest is false', () => {
    const tagged = 'ghcr.io/cloudnative-pg/pgbouncer:1.25.1';
    expect(make({ image: PoolerImage.fromName(tagged) })).toThrow(
      `[test/pooler] image: "${tagged}" is not digest-pinned; expected <registry>/<repository>[:<tag>]@sha256:<64 hex digits> (a tag can be moved, a digest cannot), or set requireDigest: false (library)`,
    );
    expect(make({ image: PoolerImage.fromName(tagged), requireDigest: false })).not.toThrow();
  });

  test('a component key that is not a DNS label is refused', () => {
    const { chart, catalog, cluster } = platform();
    expect(() => new Pooler(chart, 'pooler', { metadata: { name: 'pg-rw' }, cluster, image: PoolerImage.fromCatalog(catalog, 'PgBouncer') }))
      .toThrow('[test/pooler] image.key: "PgBouncer" is not a component key; expected a DNS label such as "pgbouncer" (CRD schema)');
  });

  test('plain JavaScript: a wrong image, type, pool mode, instances, parameter value, pg_hba line or secret is refused, each by name', () => {
    expect(make({ image: 'pgbouncer:1.25' })).toThrow('image: "pgbouncer:1.25" is not a PoolerImage; expected PoolerImage.fromCatalog(catalog) or PoolerImage.fromName(imageName) (library)');
    expect(make({ type: 'rwx' })).toThrow('type: "rwx" is not a Pooler type; expected one of rw, ro, r (CRD schema)');
    expect(make({ poolMode: 'statement' })).toThrow('poolMode: "statement" is not a pool mode; expected one of session, transaction (CRD schema)');
    expect(make({ instances: 1.5 })).toThrow('instances: 1.5 is not a number of pods; expected an integer >= 0 (CRD schema)');
    expect(make({ parameters: { max_client_conn: 1000 } })).toThrow('parameters.max_client_conn: 1000 is a number; PgBouncer parameter values must be strings (e.g. "100") (CRD schema)');
    expect(make({ pgHba: ['host all all 0.0.0.0/0 trust\nhost all all ::/0 trust'] })).toThrow('pgHba[0]: "host all all 0.0.0.0/0 trust\\nhost all all ::/0 trust" is not one pg_hba line; expected a string without line breaks (library)');
    expect(make({ clientCaSecret: 'ca' })).toThrow('clientCaSecret: a plain string is not a Secret reference; secrets are never accepted in plain text: pass a cdk8s-plus Secret (e.g. Secret.fromSecretName(this, \'id\', \'my-secret\')) (library)');
  });
});

describe('Pooler checks at synth', () => {
  test('a catalog of this app without the component image is reported with the operator\'s error', () => {
    const { chart, catalog, cluster } = platform('db', {});
    cluster.addPooler('rw', { metadata: { name: 'pg-rw' }, image: PoolerImage.fromCatalog(catalog) });
    expect(synthErrors(chart)).toContain(
      '[test/pg/rw] image: ClusterImageCatalog "pg" has no component image "pgbouncer" (it has none); add one with addComponentImage("pgbouncer", image) or use PoolerImage.fromName(); the operator\'s reconcile of the Pooler would fail (operator: "key "pgbouncer" not found in ClusterImageCatalog "pg"")',
    );
  });

  test('a component image added after the Pooler counts', () => {
    const { chart, catalog, cluster } = platform('db', {});
    cluster.addPooler('rw', { metadata: { name: 'pg-rw' }, image: PoolerImage.fromCatalog(catalog) });
    catalog.addComponentImage('pgbouncer', PGBOUNCER);
    expect(synthErrors(chart)).toBe('');
  });

  test('an official catalog has no component images: a Pooler on it is reported', () => {
    const chart = newChart();
    const catalog = ClusterImageCatalog.official(chart, 'catalog', { type: ImageType.MINIMAL, os: DebianRelease.TRIXIE });
    const cluster = new Cluster(chart, 'pg', { metadata: { name: 'pg' }, image: ClusterImage.fromCatalog(catalog, 18), storage: { size: Size.gibibytes(1) } });
    cluster.addPooler('rw', { metadata: { name: 'pg-rw' }, image: PoolerImage.fromCatalog(catalog) });
    expect(synthErrors(chart)).toContain('image: ClusterImageCatalog "postgresql-minimal-trixie" has no component image "pgbouncer" (it has none)');
  });

  test('a Pooler outside its Cluster\'s namespace is reported', () => {
    const { chart, catalog, cluster } = platform('db');
    new Pooler(chart, 'pooler', { metadata: { name: 'pg-rw', namespace: 'apps' }, cluster, image: PoolerImage.fromCatalog(catalog) });
    expect(synthErrors(chart)).toContain(
      '[test/pooler] cluster: the Pooler is in namespace "apps" but Cluster "pg" is in "db"; a Pooler must be in its Cluster\'s namespace (operator)',
    );
  });

  test('a namespaced catalog of another namespace is reported', () => {
    const chart = newChart({ namespace: 'db' });
    const catalog = new ImageCatalog(chart, 'catalog', { metadata: { name: 'team', namespace: 'shared' }, images: [{ major: 18, image: PG18 }], componentImages: { pgbouncer: PGBOUNCER } });
    const cluster = Cluster.fromClusterName(chart, 'pg', 'pg', 'db');
    new Pooler(chart, 'pooler', { metadata: { name: 'pg-rw' }, cluster, image: PoolerImage.fromCatalog(catalog) });
    expect(synthErrors(chart)).toContain(
      '[test/pooler] image: ImageCatalog "team" is in namespace "shared", but the Pooler is in "db"; a namespaced catalog is looked up in the Pooler\'s namespace only (use a ClusterImageCatalog to share one) (operator: "ImageCatalog "team" not found")',
    );
  });

  test('a patch that breaks a webhook rule is reported at synth', () => {
    const { chart, catalog, cluster } = platform();
    const pooler = cluster.addPooler('rw', { metadata: { name: 'pg-rw' }, image: PoolerImage.fromCatalog(catalog) });
    pooler.apiObject.addJsonPatch(JsonPatch.add('/spec/pgbouncer/parameters', { unix_socket_dir: '/tmp' }));
    expect(synthErrors(chart)).toContain('[test/pg/rw] spec.pgbouncer.parameters.unix_socket_dir: "unix_socket_dir" is reserved by the operator');
  });
});

describe('Pooler cluster reference', () => {
  test('a Cluster given by name as a string is refused, naming the factory to use', () => {
    const chart = newChart();
    expect(() => new Pooler(chart, 'pooler', { cluster: 'pg' as any, image: PoolerImage.fromName(PGBOUNCER) })).toThrow(
      '[test/pooler] cluster: "pg" is a string; expected a Cluster construct or Cluster.fromClusterName(scope, id, "pg") (library)',
    );
  });
});
