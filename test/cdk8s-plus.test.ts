import { Chart, Size, Testing } from 'cdk8s';
import * as plus28 from 'cdk8s-plus-28';
import * as plus34 from 'cdk8s-plus-34';
import { Cluster, ClusterImage, ImageCatalog, OperatorConfig } from '../src';
import { newChart, pinned } from './util';

// New cdk8s apps run the newest cdk8s-plus, not cdk8s-plus-28: the library takes only cdk8s-plus-28's
// types, and recognises Secrets and ConfigMaps by their manifest, so objects of any cdk8s-plus release
// are accepted and checked like cdk8s-plus-28's.

const PG18 = pinned('ghcr.io/cloudnative-pg/postgresql', '18.6-system-trixie', '1');

describe('an app on cdk8s-plus-34', () => {
  test('passes its Secrets, ConfigMaps and resources to a Cluster', () => {
    // GIVEN
    const chart = newChart({ namespace: 'payments' });
    const catalog = new ImageCatalog(chart, 'catalog', { metadata: { name: 'pg' }, images: [{ major: 18, image: PG18 }] });
    const queries = new plus34.ConfigMap(chart, 'queries', { metadata: { name: 'payments-queries' }, data: { 'queries.yaml': 'q: {}' } });
    // WHEN
    new Cluster(chart, 'db', {
      metadata: { name: 'payments' },
      image: ClusterImage.fromCatalog(catalog, 18),
      storage: { size: Size.gibibytes(1) },
      resources: { cpu: { request: plus34.Cpu.millis(500), limit: plus34.Cpu.units(1) }, memory: { request: Size.gibibytes(1) } },
      bootstrap: { initdb: { database: 'app', owner: 'app', secret: plus34.Secret.fromSecretName(chart, 'app', 'payments-app') } },
      managedRoles: [{ name: 'reporting', passwordSecret: new plus34.Secret(chart, 'reporting', { metadata: { name: 'reporting-password' } }) }],
      monitoring: { customQueries: [{ configMap: queries, key: 'queries.yaml' }] },
    });
    // THEN
    const spec = Testing.synth(chart).find((m) => m.kind === 'Cluster').spec;
    expect(spec.resources).toStrictEqual({ requests: { cpu: '500m', memory: '1Gi' }, limits: { cpu: '1' } });
    expect(spec.bootstrap.initdb.secret).toStrictEqual({ name: 'payments-app' });
    expect(spec.managed.roles[0].passwordSecret).toStrictEqual({ name: 'reporting-password' });
    expect(spec.monitoring.customQueriesConfigMap).toStrictEqual([{ name: 'payments-queries', key: 'queries.yaml' }]);
  });

  test('OperatorConfig accepts queries objects in the operator\'s namespace with the key "queries"', () => {
    // GIVEN
    const chart = newChart({ namespace: 'cnpg-system' });
    const configMap = new plus34.ConfigMap(chart, 'queries', { metadata: { name: 'team-queries' }, data: { queries: 'q: {}' } });
    const secret = new plus34.Secret(chart, 'secret', { metadata: { name: 'secret-queries' }, stringData: { queries: 'q: {}' } });
    // WHEN
    new OperatorConfig(chart, 'cfg', { monitoringQueriesConfigMap: configMap, monitoringQueriesSecret: secret });
    // THEN
    const data = Testing.synth(chart).find((m) => m.metadata.name === OperatorConfig.DEFAULT_NAME).data;
    expect(data).toStrictEqual({ MONITORING_QUERIES_CONFIGMAP: 'team-queries', MONITORING_QUERIES_SECRET: 'secret-queries' });
  });

  test('OperatorConfig accepts "queries" in a ConfigMap\'s binaryData', () => {
    const chart = newChart({ namespace: 'cnpg-system' });
    const configMap = new plus34.ConfigMap(chart, 'queries', { metadata: { name: 'team-queries' }, binaryData: { queries: 'cToge30=' } });
    new OperatorConfig(chart, 'cfg', { monitoringQueriesConfigMap: configMap });
    expect(() => Testing.synth(chart)).not.toThrow();
  });

  test('a key added after the OperatorConfig is built still counts', () => {
    const chart = newChart({ namespace: 'cnpg-system' });
    const configMap = new plus34.ConfigMap(chart, 'queries', { metadata: { name: 'team-queries' } });
    new OperatorConfig(chart, 'cfg', { monitoringQueriesConfigMap: configMap });
    configMap.addData('queries', 'q: {}');
    expect(() => Testing.synth(chart)).not.toThrow();
  });

  test('references to objects managed elsewhere are written by name and not checked', () => {
    const chart = newChart({ namespace: 'monitoring' });
    new OperatorConfig(chart, 'cfg', {
      monitoringQueriesConfigMap: plus34.ConfigMap.fromConfigMapName(chart, 'queries', 'elsewhere'),
      monitoringQueriesSecret: plus34.Secret.fromSecretName(chart, 'secret', 'elsewhere-secret'),
    });
    const data = Testing.synth(chart).find((m) => m.metadata.name === OperatorConfig.DEFAULT_NAME).data;
    expect(data).toStrictEqual({ MONITORING_QUERIES_CONFIGMAP: 'elsewhere', MONITORING_QUERIES_SECRET: 'elsewhere-secret' });
  });
});

/** A ConfigMap in the chart's namespace without the key "queries", and a Secret in cnpg-system without it either. */
type BadQueries = (chart: Chart) => { configMap: plus28.IConfigMap; secret: plus28.ISecret };

const BAD_QUERIES: Array<[string, BadQueries]> = [
  ['cdk8s-plus-28', (chart) => {
    const secret = new plus28.Secret(chart, 'secret', { metadata: { name: 'secret-queries', namespace: 'cnpg-system' } });
    secret.addStringData('other', 'x');
    return { configMap: new plus28.ConfigMap(chart, 'queries', { metadata: { name: 'team-queries' }, data: { other: 'x' } }), secret };
  }],
  ['cdk8s-plus-34', (chart) => {
    const secret = new plus34.Secret(chart, 'secret', { metadata: { name: 'secret-queries', namespace: 'cnpg-system' } });
    secret.addStringData('other', 'x');
    return { configMap: new plus34.ConfigMap(chart, 'queries', { metadata: { name: 'team-queries' }, data: { other: 'x' } }), secret };
  }],
];

test.each(BAD_QUERIES)('OperatorConfig refuses %s queries objects in another namespace or without the key "queries"', (_release, make) => {
  // GIVEN
  const chart = newChart({ namespace: 'monitoring' });
  const { configMap, secret } = make(chart);
  // WHEN
  new OperatorConfig(chart, 'cfg', { monitoringQueriesConfigMap: configMap, monitoringQueriesSecret: secret });
  // THEN
  expect(() => Testing.synth(chart)).toThrow(
    '[test/cfg] monitoringQueriesConfigMap: ConfigMap "team-queries" is in namespace "monitoring", but the operator reads it from its own namespace, "cnpg-system"; create it there (operator)\n'
    + '  [test/cfg] monitoringQueriesConfigMap: ConfigMap "team-queries" has no key "queries"; the operator reads the default monitoring queries from that key only (operator)\n'
    + '  [test/cfg] monitoringQueriesSecret: Secret "secret-queries" has no key "queries"; the operator reads the default monitoring queries from that key only (operator)');
});
