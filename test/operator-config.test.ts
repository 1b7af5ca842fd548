import * as path from 'path';
import { ApiObject, Chart, Duration, Include, JsonPatch, Testing } from 'cdk8s';
import { ConfigMap, IConfigMap, ISecret, Secret } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import * as fc from 'fast-check';
import { OperatorConfig, OperatorConfigKind, OperatorConfigProps } from '../src';
import { newChart, pinned, synthErrors } from './util';
import { TYPED_KEYS } from '../src/operator/keys';

const OPERATOR_MANIFEST = path.join(__dirname, 'fixtures', 'cnpg-operator.yaml');
const PG18 = pinned('ghcr.io/cloudnative-pg/postgresql', '18.6-system-trixie', '1');
const PGBOUNCER = pinned('ghcr.io/cloudnative-pg/pgbouncer', '1.25.1', '2');
const OPERATOR_IMAGE = 'ghcr.io/cloudnative-pg/cloudnative-pg:1.30.0';

/** The data of the operator's ConfigMap in the chart. */
function dataOf(chart: Chart): { [key: string]: string } {
  return Testing.synth(chart).find((m) => m.kind === 'ConfigMap' && m.metadata.name === OperatorConfig.DEFAULT_NAME).data;
}

interface DeploymentOverrides {
  readonly name?: string;
  readonly namespace?: string;
  readonly args?: string[];
  readonly template?: any;
}

/** A Deployment like the operator's, as a plain ApiObject. */
function operatorDeployment(scope: Chart, id: string, overrides: DeploymentOverrides = {}): ApiObject {
  return new ApiObject(scope, id, {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: overrides.name ?? 'cnpg-controller-manager', namespace: overrides.namespace ?? 'cnpg-system' },
    spec: {
      selector: { matchLabels: { app: 'cnpg' } },
      template: overrides.template ?? {
        spec: {
          containers: [{
            name: 'manager',
            image: OPERATOR_IMAGE,
            args: overrides.args ?? ['controller', '--config-map-name=cnpg-controller-manager-config', '--secret-name=cnpg-controller-manager-config'],
          }],
        },
      },
    },
  });
}

const EVERY_KEY: OperatorConfigProps = {
  clustersRolloutDelay: Duration.minutes(10),
  instancesRolloutDelay: Duration.seconds(30),
  certificateDuration: Duration.days(365),
  expiringCheckThreshold: Duration.days(30),
  createAnyService: true,
  drainTaints: [...OperatorConfig.DEFAULT_DRAIN_TAINTS, 'example.com/draining'],
  enableInstanceManagerInplaceUpdates: true,
  enableWebhookNamespaceSuffix: true,
  manageWebhookConfigurations: false,
  includePlugins: ['barman-cloud.cloudnative-pg.io', 'example.com/audit'],
  inheritedAnnotations: ['categories', 'example.com/*'],
  inheritedLabels: ['environment', 'workload', 'app', 'app.kubernetes.io/[nv]*'],
  kubernetesClusterDomain: 'cluster.example',
  operatorImageName: OPERATOR_IMAGE,
  postgresImageName: PG18,
  pgbouncerImageName: PGBOUNCER,
  pullSecretName: 'registry-credentials',
  standbyTcpUserTimeout: Duration.seconds(5),
  pluginSocketDir: '/var/run/cnpg-plugins',
};

describe('OperatorConfig: output', () => {
  test('reproduces CloudNativePG\'s announcement example exactly from Duration.minutes(2)', () => {
    // GIVEN
    const chart = newChart();
    // WHEN
    new OperatorConfig(chart, 'cfg', { clustersRolloutDelay: Duration.minutes(2) });
    // THEN
    expect(Testing.synth(chart)).toStrictEqual([
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'cnpg-controller-manager-config', namespace: 'cnpg-system' },
        data: { CLUSTERS_ROLLOUT_DELAY: '120' },
      },
    ]);
  });

  test('every key set: snapshot, and 21 keys written', () => {
    // GIVEN
    const chart = newChart();
    const queries = new ConfigMap(chart, 'queries', { metadata: { name: 'team-queries', namespace: 'cnpg-system' }, data: { queries: 'q: {}' } });
    const queriesSecret = new Secret(chart, 'queries-secret', { metadata: { name: 'secret-queries', namespace: 'cnpg-system' }, stringData: { queries: 'q: {}' } });
    // WHEN
    const config = new OperatorConfig(chart, 'cfg', { ...EVERY_KEY, monitoringQueriesConfigMap: queries, monitoringQueriesSecret: queriesSecret });
    // THEN
    const manifests = Testing.synth(chart);
    expect(manifests).toMatchSnapshot();
    const data = manifests.find((m) => m.metadata.name === 'cnpg-controller-manager-config').data;
    expect(Object.keys(data)).toHaveLength(21);
    expect(Object.keys(data).sort()).toStrictEqual([...TYPED_KEYS.keys()].sort());
    expect(data).toStrictEqual(config.data);
  });

  test.each<[string, OperatorConfigProps, string, string]>([
    ['clustersRolloutDelay, whole seconds', { clustersRolloutDelay: Duration.minutes(10) }, 'CLUSTERS_ROLLOUT_DELAY', '600'],
    ['clustersRolloutDelay, zero allowed', { clustersRolloutDelay: Duration.seconds(0) }, 'CLUSTERS_ROLLOUT_DELAY', '0'],
    ['instancesRolloutDelay, whole seconds', { instancesRolloutDelay: Duration.millis(30_000) }, 'INSTANCES_ROLLOUT_DELAY', '30'],
    ['certificateDuration, whole days', { certificateDuration: Duration.hours(24 * 180) }, 'CERTIFICATE_DURATION', '180'],
    ['expiringCheckThreshold, whole days', { expiringCheckThreshold: Duration.days(14) }, 'EXPIRING_CHECK_THRESHOLD', '14'],
    ['standbyTcpUserTimeout, milliseconds', { standbyTcpUserTimeout: Duration.seconds(1.5) }, 'STANDBY_TCP_USER_TIMEOUT', '1500'],
    ['standbyTcpUserTimeout, zero is the OS default', { standbyTcpUserTimeout: Duration.millis(0) }, 'STANDBY_TCP_USER_TIMEOUT', '0'],
    ['createAnyService true', { createAnyService: true }, 'CREATE_ANY_SERVICE', 'true'],
    ['createAnyService false', { createAnyService: false }, 'CREATE_ANY_SERVICE', 'false'],
    ['enableInstanceManagerInplaceUpdates', { enableInstanceManagerInplaceUpdates: true }, 'ENABLE_INSTANCE_MANAGER_INPLACE_UPDATES', 'true'],
    ['enableWebhookNamespaceSuffix', { enableWebhookNamespaceSuffix: true }, 'ENABLE_WEBHOOK_NAMESPACE_SUFFIX', 'true'],
    ['manageWebhookConfigurations', { manageWebhookConfigurations: false }, 'MANAGE_WEBHOOK_CONFIGURATIONS', 'false'],
    ['drainTaints replaces the default list', { drainTaints: ['example.com/draining'] }, 'DRAIN_TAINTS', 'example.com/draining'],
    ['drainTaints extending the default list', { drainTaints: [...OperatorConfig.DEFAULT_DRAIN_TAINTS, 'x'] }, 'DRAIN_TAINTS',
      'node.kubernetes.io/unschedulable,ToBeDeletedByClusterAutoscaler,karpenter.sh/disrupted,karpenter.sh/disruption,x'],
    ['includePlugins', { includePlugins: ['barman-cloud.cloudnative-pg.io', 'p2'] }, 'INCLUDE_PLUGINS', 'barman-cloud.cloudnative-pg.io,p2'],
    ['inheritedAnnotations', { inheritedAnnotations: ['categories', 'example.com/*'] }, 'INHERITED_ANNOTATIONS', 'categories,example.com/*'],
    ['inheritedLabels', { inheritedLabels: ['environment', 'workload', 'app'] }, 'INHERITED_LABELS', 'environment,workload,app'],
    ['kubernetesClusterDomain', { kubernetesClusterDomain: 'cluster.example' }, 'KUBERNETES_CLUSTER_DOMAIN', 'cluster.example'],
    ['operatorImageName, a tag is accepted', { operatorImageName: OPERATOR_IMAGE }, 'OPERATOR_IMAGE_NAME', OPERATOR_IMAGE],
    ['postgresImageName', { postgresImageName: PG18 }, 'POSTGRES_IMAGE_NAME', PG18],
    ['pgbouncerImageName', { pgbouncerImageName: PGBOUNCER }, 'PGBOUNCER_IMAGE_NAME', PGBOUNCER],
    ['postgresImageName by tag with requireDigest: false', { postgresImageName: 'postgres:18', requireDigest: false }, 'POSTGRES_IMAGE_NAME', 'postgres:18'],
    ['pullSecretName', { pullSecretName: 'registry-credentials' }, 'PULL_SECRET_NAME', 'registry-credentials'],
    ['pluginSocketDir', { pluginSocketDir: '/plugins-2' }, 'PLUGIN_SOCKET_DIR', '/plugins-2'],
    ['additionalKeys for a future key', { additionalKeys: { FUTURE_FEATURE: 'on' } }, 'FUTURE_FEATURE', 'on'],
  ])('%s', (_name, props, key, value) => {
    const chart = newChart();
    new OperatorConfig(chart, 'cfg', props);
    expect(dataOf(chart)).toStrictEqual({ [key]: value });
  });

  test('monitoringQueriesConfigMap and monitoringQueriesSecret are written as names', () => {
    const chart = newChart();
    new OperatorConfig(chart, 'cfg', {
      monitoringQueriesConfigMap: ConfigMap.fromConfigMapName(chart, 'q', 'cnpg-default-monitoring'),
      monitoringQueriesSecret: Secret.fromSecretName(chart, 's', 'monitoring-queries'),
    });
    expect(dataOf(chart)).toStrictEqual({
      MONITORING_QUERIES_CONFIGMAP: 'cnpg-default-monitoring',
      MONITORING_QUERIES_SECRET: 'monitoring-queries',
    });
  });

  test('the default drain taints cannot be changed by accident', () => {
    expect(OperatorConfig.DEFAULT_DRAIN_TAINTS).toStrictEqual([
      'node.kubernetes.io/unschedulable', 'ToBeDeletedByClusterAutoscaler', 'karpenter.sh/disrupted', 'karpenter.sh/disruption',
    ]);
    expect(() => OperatorConfig.DEFAULT_DRAIN_TAINTS.push('x')).toThrow(TypeError);
  });

  test('no key: an empty ConfigMap, which resets the operator to its defaults', () => {
    const chart = newChart();
    new OperatorConfig(chart, 'cfg');
    expect(Testing.synth(chart)).toStrictEqual([
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cnpg-controller-manager-config', namespace: 'cnpg-system' } },
    ]);
  });

  test('name and namespace can be overridden; the chart\'s namespace does not apply', () => {
    const chart = newChart({ namespace: 'apps' });
    const config = new OperatorConfig(chart, 'cfg', { name: 'operator-config', namespace: 'postgres-operator', createAnyService: true });
    expect(Testing.synth(chart)[0].metadata).toStrictEqual({ name: 'operator-config', namespace: 'postgres-operator' });
    expect(config.name).toBe('operator-config');
    expect(config.namespace).toBe('postgres-operator');
  });

  test('the ConfigMap is the default child (escape hatch); keys added later reach the output', () => {
    const chart = newChart();
    const config = new OperatorConfig(chart, 'cfg');
    config.addKey('FUTURE_FEATURE', 'on');
    expect(config.node.defaultChild).toBe(config.apiObject);
    expect(config.configMap).toBe(config.apiObject);
    expect(config.secret).toBeUndefined();
    expect(config.kind).toBe(OperatorConfigKind.CONFIG_MAP);
    expect(dataOf(chart)).toStrictEqual({ FUTURE_FEATURE: 'on' });
  });

  test('data and the checksum list the keys sorted, whichever object holds them', () => {
    const props: OperatorConfigProps = { pullSecretName: 'registry-credentials', clustersRolloutDelay: Duration.minutes(2), additionalKeys: { A_FUTURE_KEY: 'x' } };
    const inConfigMap = new OperatorConfig(newChart(), 'cfg', props);
    const split = new OperatorConfig(newChart(), 'cfg', { ...props, secretKeys: ['CLUSTERS_ROLLOUT_DELAY'] });
    expect(Object.keys(inConfigMap.data)).toStrictEqual(['A_FUTURE_KEY', 'CLUSTERS_ROLLOUT_DELAY', 'PULL_SECRET_NAME']);
    expect(Object.keys(split.data)).toStrictEqual(['A_FUTURE_KEY', 'CLUSTERS_ROLLOUT_DELAY', 'PULL_SECRET_NAME']);
    expect(split.checksum).toBe(inConfigMap.checksum);
  });
});

describe('OperatorConfig: Secret', () => {
  test('kind: SECRET writes an Opaque Secret with stringData instead of a ConfigMap', () => {
    const chart = newChart();
    const config = new OperatorConfig(chart, 'cfg', { kind: OperatorConfigKind.SECRET, clustersRolloutDelay: Duration.minutes(2) });
    expect(Testing.synth(chart)).toStrictEqual([
      {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 'cnpg-controller-manager-config', namespace: 'cnpg-system' },
        type: 'Opaque',
        stringData: { CLUSTERS_ROLLOUT_DELAY: '120' },
      },
    ]);
    expect(config.configMap).toBeUndefined();
    expect(config.node.defaultChild).toBe(config.secret);
  });

  test('secretKeys move keys to a Secret of the same name; each key is in exactly one object', () => {
    // GIVEN
    const chart = newChart();
    // WHEN
    const config = new OperatorConfig(chart, 'cfg', {
      clustersRolloutDelay: Duration.minutes(2),
      pullSecretName: 'registry-credentials',
      secretKeys: ['PULL_SECRET_NAME', 'FUTURE_TOKEN'],
    });
    config.addKey('FUTURE_TOKEN', 's3cr3t');
    // THEN
    expect(Testing.synth(chart)).toStrictEqual([
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'cnpg-controller-manager-config', namespace: 'cnpg-system' },
        data: { CLUSTERS_ROLLOUT_DELAY: '120' },
      },
      {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 'cnpg-controller-manager-config', namespace: 'cnpg-system' },
        type: 'Opaque',
        stringData: { FUTURE_TOKEN: 's3cr3t', PULL_SECRET_NAME: 'registry-credentials' },
      },
    ]);
    expect(config.data).toStrictEqual({ CLUSTERS_ROLLOUT_DELAY: '120', FUTURE_TOKEN: 's3cr3t', PULL_SECRET_NAME: 'registry-credentials' });
    expect(config.apiObject).toBe(config.configMap);
    expect(config.secret).toBeDefined();
  });
});

describe('OperatorConfig: keys that do not belong in the configuration', () => {
  test.each([
    ['WATCH_NAMESPACE', 'the namespaces to watch are fixed when the controller manager is built, before this configuration is loaded; set WATCH_NAMESPACE as an environment variable of the operator Deployment\'s manager container'],
    ['METRICS_CERT_DIR', 'the metrics server is set up before this configuration is loaded; set METRICS_CERT_DIR as an environment variable of the operator Deployment\'s manager container, with the volume holding tls.crt and tls.key mounted there'],
    ['WEBHOOK_CERT_DIR', 'the webhook server is set up before this configuration is loaded; set WEBHOOK_CERT_DIR as an environment variable of the operator Deployment\'s manager container, with the webhook certificate volume mounted there'],
    ['OPERATOR_NAMESPACE', 'it names the namespace this configuration is read from, so it cannot come from it; the operator Deployment sets it from the downward API (fieldRef metadata.namespace)'],
  ])('environment-only key %s is refused, saying where it belongs', (key, why) => {
    expect(() => new OperatorConfig(newChart(), 'cfg', { additionalKeys: { [key]: 'x' } }))
      .toThrow(`[test/cfg] additionalKeys["${key}"]: "${key}" has no effect in the operator configuration: ${why} (operator)`);
    const config = new OperatorConfig(newChart(), 'cfg');
    expect(() => config.addKey(key, 'x')).toThrow(`[test/cfg] addKey("${key}"): "${key}" has no effect in the operator configuration: ${why} (operator)`);
  });

  test('the removed key ENABLE_AZURE_PVC_UPDATES is refused', () => {
    expect(() => new OperatorConfig(newChart(), 'cfg', { additionalKeys: { ENABLE_AZURE_PVC_UPDATES: 'true' } }))
      .toThrow('[test/cfg] additionalKeys["ENABLE_AZURE_PVC_UPDATES"]: "ENABLE_AZURE_PVC_UPDATES" is not a key of CloudNativePG 1.30: it was removed in CloudNativePG 1.26.0 (#7297) and is ignored by 1.27 to 1.30; delete it (operator)');
  });

  test('a typed key through the escape hatch is refused, naming the prop', () => {
    const config = new OperatorConfig(newChart(), 'cfg');
    expect(() => config.addKey('CLUSTERS_ROLLOUT_DELAY', '120'))
      .toThrow('[test/cfg] addKey("CLUSTERS_ROLLOUT_DELAY"): "CLUSTERS_ROLLOUT_DELAY" is a typed key; set it with the prop clustersRolloutDelay, which validates it (library)');
  });

  test.each(['future_key', 'Future', '1KEY', 'WITH-DASH', 'WITH.DOT', '', '_LEADING'])('future key name %j is refused', (name) => {
    const config = new OperatorConfig(newChart(), 'cfg');
    expect(() => config.addKey(name, 'x'))
      .toThrow(`[test/cfg] addKey(${JSON.stringify(name)}): ${JSON.stringify(name)} is not a configuration key name; expected upper snake case (^[A-Z][A-Z0-9_]*$), like every key the operator reads (library)`);
  });

  test('a key set twice is refused', () => {
    const config = new OperatorConfig(newChart(), 'cfg', { additionalKeys: { FUTURE_KEY: 'a' } });
    expect(() => config.addKey('FUTURE_KEY', 'b')).toThrow('[test/cfg] addKey("FUTURE_KEY"): "FUTURE_KEY" is set twice; each key may be set once (library)');
  });

  test('a value that is not a string is refused', () => {
    const config = new OperatorConfig(newChart(), 'cfg');
    expect(() => config.addKey('FUTURE_KEY', 5 as any)).toThrow('[test/cfg] addKey("FUTURE_KEY"): value 5 is not a string; every value of the configuration is a string (library)');
  });

  test('a key name that is not a string is refused, even one that prints as a key name', () => {
    const config = new OperatorConfig(newChart(), 'cfg');
    expect(() => config.addKey(['FUTURE_KEY'] as any, 'x'))
      .toThrow('[test/cfg] addKey(["FUTURE_KEY"]): ["FUTURE_KEY"] is not a configuration key name; expected upper snake case (^[A-Z][A-Z0-9_]*$), like every key the operator reads (library)');
    expect(config.data).toStrictEqual({});
  });
});

describe('OperatorConfig: bad values', () => {
  const refused = (props: OperatorConfigProps) => () => new OperatorConfig(newChart(), 'cfg', props);

  test('fractional seconds are refused with the prop, the value and the operator\'s behaviour', () => {
    expect(refused({ clustersRolloutDelay: Duration.millis(1500) }))
      .toThrow('[test/cfg] clustersRolloutDelay: 1.5 seconds is not a whole number of seconds; CLUSTERS_ROLLOUT_DELAY takes whole seconds, e.g. Duration.seconds(90), and the operator would ignore "1.5" and keep its previous value (operator: "Skipping invalid integer value parsing configuration")');
    expect(refused({ instancesRolloutDelay: Duration.seconds(0.25) }))
      .toThrow('[test/cfg] instancesRolloutDelay: 0.25 seconds is not a whole number of seconds; INSTANCES_ROLLOUT_DELAY takes whole seconds');
  });

  test('negative seconds are refused (cdk8s refuses them first; a forged Duration is refused by OperatorConfig)', () => {
    expect(() => Duration.seconds(-1)).toThrow('Duration amounts cannot be negative. Received: -1');
    const forged = Object.assign(Object.create(Duration.prototype), { amount: -5, unit: (Duration.seconds(1) as any).unit }) as Duration;
    expect(refused({ clustersRolloutDelay: forged }))
      .toThrow('[test/cfg] clustersRolloutDelay: -5 seconds is negative; CLUSTERS_ROLLOUT_DELAY takes a whole number of seconds, 0 or more (library)');
  });

  test('a duration that is not a finite number is refused', () => {
    expect(refused({ instancesRolloutDelay: Duration.seconds(NaN) }))
      .toThrow('[test/cfg] instancesRolloutDelay: NaN seconds is not a finite duration; INSTANCES_ROLLOUT_DELAY takes a whole number of seconds (library)');
  });

  test('fractional milliseconds are refused', () => {
    expect(refused({ standbyTcpUserTimeout: Duration.millis(1.5) }))
      .toThrow('[test/cfg] standbyTcpUserTimeout: 1.5 milliseconds is not a whole number of milliseconds; STANDBY_TCP_USER_TIMEOUT takes whole milliseconds, e.g. Duration.millis(5000), and the operator would ignore "1.5" and keep its previous value (operator: "Skipping invalid integer value parsing configuration")');
  });

  test('certificate durations take whole days, at least one', () => {
    expect(refused({ certificateDuration: Duration.hours(36) }))
      .toThrow('[test/cfg] certificateDuration: 1.5 days is not a whole number of days; CERTIFICATE_DURATION takes whole days, e.g. Duration.days(30)');
    expect(refused({ certificateDuration: Duration.days(0) }))
      .toThrow('[test/cfg] certificateDuration: 0 days is refused: generated certificates would expire as soon as they are issued; CERTIFICATE_DURATION takes at least 1 day (library)');
    expect(refused({ expiringCheckThreshold: Duration.seconds(0) }))
      .toThrow('[test/cfg] expiringCheckThreshold: 0 days is refused: certificates would be renewed only once they have expired; EXPIRING_CHECK_THRESHOLD takes at least 1 day (library)');
  });

  test('the expiring threshold must be shorter than the certificate lifetime, defaults included', () => {
    expect(refused({ certificateDuration: Duration.days(30), expiringCheckThreshold: Duration.days(30) }))
      .toThrow('[test/cfg] expiringCheckThreshold: expiringCheckThreshold (30 days) is not shorter than certificateDuration (30 days): every certificate would count as expiring as soon as it is issued and be renewed again and again; expected expiringCheckThreshold < certificateDuration (library)');
    expect(refused({ certificateDuration: Duration.days(5) }))
      .toThrow('[test/cfg] certificateDuration: the operator\'s default expiringCheckThreshold (7 days) is not shorter than certificateDuration (5 days)');
    expect(refused({ expiringCheckThreshold: Duration.days(90) }))
      .toThrow('[test/cfg] expiringCheckThreshold: expiringCheckThreshold (90 days) is not shorter than the operator\'s default certificateDuration (90 days)');
  });

  test.each([
    ['drainTaints', 'the operator would keep its default taints; omit drainTaints for that'],
    ['includePlugins', 'omit includePlugins to include no plugin'],
    ['inheritedAnnotations', 'omit inheritedAnnotations to inherit no annotation'],
    ['inheritedLabels', 'omit inheritedLabels to inherit no label'],
  ])('an empty %s is refused', (prop, hint) => {
    expect(refused({ [prop]: [] }))
      .toThrow(`[test/cfg] ${prop}: the list is empty; the operator treats an empty value as unset, so ${hint} (operator)`);
  });

  test('list entries: empty, with a comma, with whitespace, repeated', () => {
    expect(refused({ inheritedLabels: ['app', ' '] })).toThrow('[test/cfg] inheritedLabels[1]: " " is empty; expected a label name or pattern (library)');
    expect(refused({ inheritedLabels: ['environment, workload'] }))
      .toThrow('[test/cfg] inheritedLabels[0]: "environment, workload" contains ","; the operator splits the value on ",", so give each label name or pattern as its own entry (operator)');
    expect(refused({ includePlugins: ['my plugin'] })).toThrow('[test/cfg] includePlugins[0]: "my plugin" contains whitespace; a plugin name cannot (the operator trims only the ends) (library)');
    expect(refused({ drainTaints: ['a', 'a'] })).toThrow('[test/cfg] drainTaints[1]: "a" is listed twice (library)');
  });

  test('every problem is reported at once', () => {
    expect(refused({ inheritedLabels: [], clustersRolloutDelay: Duration.millis(1), pullSecretName: 'Bad' }))
      .toThrow(/clustersRolloutDelay: 0.001 seconds[^\n]*\n[^\n]*inheritedLabels: the list is empty[^\n]*\n[^\n]*pullSecretName: "Bad" is not a valid object name/);
  });

  test.each([
    ['app.kubernetes.io/[name', 'a character class "[" is never closed by "]"'],
    ['example.com/trailing\\', 'it ends with a "\\" that escapes nothing'],
    ['team/[]', 'the character class at position 6 is empty; escape "]" as "\\]" to match it'],
  ])('an invalid glob %j is refused', (pattern, why) => {
    const message = `${JSON.stringify(pattern)} is not a valid Go path.Match pattern: ${why}; the operator would skip it (operator: "Skipping invalid glob pattern during labels/annotations inheritance")`;
    expect(refused({ inheritedLabels: ['app', pattern] })).toThrow(`[test/cfg] inheritedLabels[1]: ${message}`);
    expect(refused({ inheritedAnnotations: [pattern] })).toThrow(`[test/cfg] inheritedAnnotations[0]: ${message}`);
  });

  test('a glob that can match nothing is refused', () => {
    expect(refused({ inheritedLabels: ['[z-a]'] }))
      .toThrow('[test/cfg] inheritedLabels[0]: "[z-a]" would match nothing: the range "z-a" in the class at position 1 is empty (its first character sorts after its last) (library)');
  });

  test('a taint key that Kubernetes would not accept is refused', () => {
    expect(refused({ drainTaints: ['example.com/draining!'] }))
      .toThrow('[test/cfg] drainTaints[0]: "example.com/draining!" is not a taint key; expected [prefix/]name, with a DNS subdomain as prefix and a name of at most 63 letters, digits, "-", "_" or "." (e.g. "karpenter.sh/disrupted") (library)');
    expect(refused({ drainTaints: ['Example.COM/x'] })).toThrow('drainTaints[0]: "Example.COM/x" is not a taint key');
  });

  test('strings: domain, socket directory, pull secret, images', () => {
    expect(refused({ kubernetesClusterDomain: 'cluster.local.' }))
      .toThrow('[test/cfg] kubernetesClusterDomain: "cluster.local." is not a DNS domain; expected lowercase labels separated by dots, without a trailing dot (e.g. "cluster.local") (library)');
    expect(refused({ pluginSocketDir: 'plugins' })).toThrow('[test/cfg] pluginSocketDir: "plugins" is not an absolute path; expected a directory such as "/plugins" (library)');
    expect(refused({ pullSecretName: 'Registry_Creds' }))
      .toThrow('[test/cfg] pullSecretName: "Registry_Creds" is not a valid object name; expected a lowercase DNS-1123 subdomain of at most 253 characters (CRD schema)');
    expect(refused({ operatorImageName: 'not an image' }))
      .toThrow('[test/cfg] operatorImageName: "not an image" is not a valid image reference');
    expect(refused({ postgresImageName: 'ghcr.io/cloudnative-pg/postgresql:18.6' }))
      .toThrow('[test/cfg] postgresImageName: "ghcr.io/cloudnative-pg/postgresql:18.6" is not digest-pinned; expected <registry>/<repository>[:<tag>]@sha256:<64 hex digits> (a tag can be moved, a digest cannot), or set requireDigest: false (library)');
    expect(refused({ pgbouncerImageName: 'pgbouncer:1.25.1' })).toThrow('[test/cfg] pgbouncerImageName: "pgbouncer:1.25.1" is not digest-pinned');
  });

  test('name and namespace must be valid', () => {
    expect(refused({ name: 'Operator_Config' })).toThrow('[test/cfg] name: "Operator_Config" is not a valid object name');
    expect(refused({ namespace: 'cnpg.system' }))
      .toThrow('[test/cfg] namespace: "cnpg.system" is not a valid namespace; expected a lowercase DNS label of at most 63 characters (library)');
  });

  test('secretKeys: refused with kind SECRET, empty, with a bad or repeated key; each must be set', () => {
    expect(refused({ kind: OperatorConfigKind.SECRET, secretKeys: ['PULL_SECRET_NAME'], pullSecretName: 'x' }))
      .toThrow('[test/cfg] secretKeys: with kind: SECRET every key is already in the Secret; remove secretKeys (library)');
    expect(refused({ secretKeys: [] })).toThrow('[test/cfg] secretKeys: the list is empty; omit it to write every key to the ConfigMap (library)');
    expect(refused({ secretKeys: ['WATCH_NAMESPACE'] })).toThrow('[test/cfg] secretKeys[0]: "WATCH_NAMESPACE" has no effect in the operator configuration');
    expect(refused({ secretKeys: ['PULL_SECRET_NAME', 'PULL_SECRET_NAME'], pullSecretName: 'x' }))
      .toThrow('[test/cfg] secretKeys[1]: "PULL_SECRET_NAME" is listed twice (library)');
    const chart = newChart();
    new OperatorConfig(chart, 'cfg', { secretKeys: ['PULL_SECRET_NAME', 'FUTURE_TOKEN'] });
    expect(() => Testing.synth(chart)).toThrow(
      '[test/cfg] secretKeys: "PULL_SECRET_NAME" is listed but not set (set it with pullSecretName) (library)\n'
      + '  [test/cfg] secretKeys: "FUTURE_TOKEN" is listed but not set (set it with additionalKeys or addKey()) (library)');
  });

  test('one configuration per name and namespace in an app', () => {
    const chart = newChart();
    new OperatorConfig(chart, 'a');
    expect(() => new OperatorConfig(chart, 'b'))
      .toThrow('[test/b] metadata.name: ConfigMap "cnpg-controller-manager-config" in namespace "cnpg-system" is already defined by [test/a]; one app can hold only one (library)');
    new OperatorConfig(chart, 'c', { namespace: 'other-operator' });
  });

  test.each([
    ['drainTaints', 'a taint key'],
    ['includePlugins', 'a plugin name'],
    ['inheritedAnnotations', 'an annotation name or pattern'],
    ['inheritedLabels', 'a label name or pattern'],
  ])('an empty entry of %s is refused, naming what it should be', (prop, what) => {
    expect(refused({ [prop]: [''] })).toThrow(`[test/cfg] ${prop}[0]: "" is empty; expected ${what} (library)`);
  });

  test('an entry with whitespace is refused with the article its noun takes', () => {
    expect(refused({ inheritedAnnotations: ['a b'] }))
      .toThrow('[test/cfg] inheritedAnnotations[0]: "a b" contains whitespace; an annotation name or pattern cannot (the operator trims only the ends) (library)');
  });

  test('a negative number of days is refused as needing at least 1 (a forged Duration)', () => {
    const forged = Object.assign(Object.create(Duration.prototype), { amount: -5, unit: (Duration.days(1) as any).unit }) as Duration;
    expect(refused({ certificateDuration: forged }))
      .toThrow('[test/cfg] certificateDuration: -5 days is negative; CERTIFICATE_DURATION takes a whole number of days, at least 1 (library)');
  });

  test('a cluster domain may have 253 characters, not 254', () => {
    const label = (c: string, n: number) => c.repeat(n);
    const domain253 = [label('a', 63), label('b', 63), label('c', 63), label('d', 61)].join('.');
    expect(domain253).toHaveLength(253);
    const chart = newChart();
    new OperatorConfig(chart, 'cfg', { kubernetesClusterDomain: domain253 });
    expect(dataOf(chart)).toStrictEqual({ KUBERNETES_CLUSTER_DOMAIN: domain253 });
    const domain254 = `${domain253}d`;
    expect(refused({ kubernetesClusterDomain: domain254 }))
      .toThrow(`[test/cfg] kubernetesClusterDomain: "${domain254}" is not a DNS domain; expected lowercase labels separated by dots, without a trailing dot (e.g. "cluster.local") (library)`);
  });

  test('a namespace may have 63 characters, not 64', () => {
    const chart = newChart();
    new OperatorConfig(chart, 'cfg', { namespace: 'n'.repeat(63) });
    expect(Testing.synth(chart)[0].metadata.namespace).toBe('n'.repeat(63));
    expect(refused({ namespace: 'n'.repeat(64) }))
      .toThrow(`[test/cfg] namespace: "${'n'.repeat(64)}" is not a valid namespace; expected a lowercase DNS label of at most 63 characters (library)`);
  });
});

describe('OperatorConfig: checksum', () => {
  test('is the SHA-256 of the sorted data, stable across apps and prop order', () => {
    const a = new OperatorConfig(newChart(), 'cfg', { clustersRolloutDelay: Duration.minutes(2), createAnyService: true });
    const b = new OperatorConfig(newChart(), 'other', { createAnyService: true, clustersRolloutDelay: Duration.seconds(120) });
    expect(a.checksum).toBe(b.checksum);
    // sha256('[["CLUSTERS_ROLLOUT_DELAY","120"]]'), as `printf '%s' '[["CLUSTERS_ROLLOUT_DELAY","120"]]' | sha256sum` prints
    expect(new OperatorConfig(newChart(), 'cfg', { clustersRolloutDelay: Duration.minutes(2) }).checksum)
      .toBe('79fe8b2332c64adf9f8ac361c77863042f4e9db2f679f07586a120ff7042a0f2');
  });

  test('changes with any value, in the ConfigMap or in the Secret', () => {
    const base = new OperatorConfig(newChart(), 'cfg', { clustersRolloutDelay: Duration.minutes(2), pullSecretName: 'a', secretKeys: ['PULL_SECRET_NAME'] });
    const cm = new OperatorConfig(newChart(), 'cfg', { clustersRolloutDelay: Duration.minutes(3), pullSecretName: 'a', secretKeys: ['PULL_SECRET_NAME'] });
    const secret = new OperatorConfig(newChart(), 'cfg', { clustersRolloutDelay: Duration.minutes(2), pullSecretName: 'b', secretKeys: ['PULL_SECRET_NAME'] });
    expect(new Set([base.checksum, cm.checksum, secret.checksum]).size).toBe(3);
    const added = new OperatorConfig(newChart(), 'cfg', { clustersRolloutDelay: Duration.minutes(2), pullSecretName: 'a', secretKeys: ['PULL_SECRET_NAME'] });
    added.addKey('FUTURE_KEY', '');
    expect(added.checksum).not.toBe(base.checksum);
  });

  test('does not change when a key only moves between the ConfigMap and the Secret', () => {
    const inConfigMap = new OperatorConfig(newChart(), 'cfg', { pullSecretName: 'a' });
    const inSecret = new OperatorConfig(newChart(), 'cfg', { pullSecretName: 'a', secretKeys: ['PULL_SECRET_NAME'] });
    expect(inSecret.checksum).toBe(inConfigMap.checksum);
  });

  test('checksumAnnotation is what to put on an operator managed elsewhere', () => {
    const config = new OperatorConfig(newChart(), 'cfg', { clustersRolloutDelay: Duration.minutes(2) });
    expect(config.checksumAnnotation).toStrictEqual({ 'checksum/config': config.checksum });
    expect(OperatorConfig.CHECKSUM_ANNOTATION).toBe('checksum/config');
  });
});

describe('OperatorConfig: restart the operator on change', () => {
  test('annotates the Deployment of an Include of the release manifest', () => {
    // GIVEN
    const chart = newChart();
    const config = new OperatorConfig(chart, 'cfg', { clustersRolloutDelay: Duration.minutes(2) });
    const operator = new Include(chart, 'operator', { url: OPERATOR_MANIFEST });
    // WHEN
    const deployment = config.restartOperatorOnChange(operator);
    // THEN
    expect(deployment.name).toBe('cnpg-controller-manager');
    const manifest = Testing.synth(chart).find((m) => m.kind === 'Deployment');
    expect(manifest.spec.template.metadata).toStrictEqual({
      labels: { 'app.kubernetes.io/name': 'cloudnative-pg' },
      annotations: { 'checksum/config': config.checksum },
    });
  });

  test('follows keys added after the wiring', () => {
    const chart = newChart();
    const config = new OperatorConfig(chart, 'cfg', { clustersRolloutDelay: Duration.minutes(2) });
    const before = config.checksum;
    config.restartOperatorOnChange(new Include(chart, 'operator', { url: OPERATOR_MANIFEST }));
    config.addKey('FUTURE_KEY', 'x');
    const annotation = Testing.synth(chart).find((m) => m.kind === 'Deployment').spec.template.metadata.annotations['checksum/config'];
    expect(annotation).toBe(config.checksum);
    expect(annotation).not.toBe(before);
  });

  test('annotates a plain ApiObject Deployment, creating the template metadata, and keeps other annotations', () => {
    const chart = newChart();
    const config = new OperatorConfig(chart, 'cfg', { createAnyService: true });
    const bare = operatorDeployment(chart, 'bare');
    expect(config.restartOperatorOnChange(bare)).toBe(bare);
    expect(Testing.synth(chart)[1].spec.template.metadata).toStrictEqual({ annotations: { 'checksum/config': config.checksum } });

    const chart2 = newChart();
    const config2 = new OperatorConfig(chart2, 'cfg', { createAnyService: true });
    const annotated = operatorDeployment(chart2, 'annotated', {
      template: {
        metadata: { annotations: { 'kubectl.kubernetes.io/default-container': 'manager', 'checksum/config': 'stale' } },
        spec: { containers: [{ name: 'manager', args: ['--config-map-name=cnpg-controller-manager-config', '--secret-name=cnpg-controller-manager-config'] }] },
      },
    });
    config2.restartOperatorOnChange(annotated);
    expect(Testing.synth(chart2)[1].spec.template.metadata.annotations).toStrictEqual({
      'kubectl.kubernetes.io/default-container': 'manager',
      'checksum/config': config2.checksum,
    });
  });

  test('finds a Deployment with another name by the flags that name this configuration (Helm chart)', () => {
    const chart = newChart();
    const config = new OperatorConfig(chart, 'cfg', { kind: OperatorConfigKind.SECRET, createAnyService: true });
    const release = new Chart(chart, 'release');
    operatorDeployment(release, 'webhook-thing', { name: 'unrelated', args: ['serve'] });
    operatorDeployment(release, 'operator', { name: 'cnpg-cloudnative-pg', args: ['controller', '--secret-name', 'cnpg-controller-manager-config'] });
    expect(config.restartOperatorOnChange(release).name).toBe('cnpg-cloudnative-pg');
    expect(() => Testing.synth(chart)).not.toThrow();
  });

  test('deploymentName chooses among several', () => {
    const chart = newChart();
    const config = new OperatorConfig(chart, 'cfg');
    operatorDeployment(chart, 'a', { name: 'operator-a' });
    operatorDeployment(chart, 'b', { name: 'operator-b' });
    expect(() => config.restartOperatorOnChange(chart))
      .toThrow('[test/cfg] restartOperatorOnChange: 2 Deployments under [test] could be the operator ("operator-a", "operator-b"); choose one with options.deploymentName (library)');
    expect(config.restartOperatorOnChange(chart, { deploymentName: 'operator-b' }).name).toBe('operator-b');
  });

  test('calling it twice annotates once; another configuration cannot claim the same operator', () => {
    const chart = newChart();
    const config = new OperatorConfig(chart, 'cfg');
    const deployment = operatorDeployment(chart, 'operator');
    config.restartOperatorOnChange(deployment);
    config.restartOperatorOnChange(deployment);
    expect(Testing.synth(chart)[1].spec.template.metadata.annotations).toStrictEqual({ 'checksum/config': config.checksum });
    const other = new OperatorConfig(chart, 'other', { namespace: 'elsewhere' });
    expect(() => other.restartOperatorOnChange(deployment))
      .toThrow('[test/other] restartOperatorOnChange: Deployment "cnpg-controller-manager" at [test/operator] already restarts on the configuration [test/cfg]; an operator reads one configuration (library)');
  });

  test('refuses a target without an operator Deployment', () => {
    const chart = newChart();
    const config = new OperatorConfig(chart, 'cfg');
    const notOperator = new Chart(chart, 'apps');
    operatorDeployment(notOperator, 'web', { name: 'web', args: ['serve'] });
    expect(() => config.restartOperatorOnChange(notOperator))
      .toThrow('[test/cfg] restartOperatorOnChange: no operator Deployment under [test/apps]: expected a Deployment named "cnpg-controller-manager", or one passing --config-map-name=cnpg-controller-manager-config or --secret-name=cnpg-controller-manager-config (Deployments found: "web"); pass the Include, Helm or ApiObject of the operator, or options.deploymentName (library)');
    expect(() => config.restartOperatorOnChange(new Chart(chart, 'empty'), { deploymentName: 'cnpg' }))
      .toThrow('[test/cfg] restartOperatorOnChange: no operator Deployment under [test/empty]: expected a Deployment named "cnpg" (Deployments found: none)');
  });

  test('refuses a Deployment without a Pod template', () => {
    const chart = newChart();
    const config = new OperatorConfig(chart, 'cfg');
    const broken = new ApiObject(chart, 'broken', { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'cnpg-controller-manager' } });
    expect(() => config.restartOperatorOnChange(broken))
      .toThrow('[test/cfg] restartOperatorOnChange: Deployment "cnpg-controller-manager" at [test/broken] has no spec.template to annotate (library)');
  });

  test('at synth: the operator must run in the configuration\'s namespace and read its name', () => {
    // GIVEN an operator in another namespace that reads another ConfigMap and no Secret
    const chart = newChart();
    const config = new OperatorConfig(chart, 'cfg', { secretKeys: ['PULL_SECRET_NAME'], pullSecretName: 'x' });
    operatorDeployment(chart, 'operator', { namespace: 'operators', args: ['controller', '--config-map-name=operator-config'] });
    // WHEN
    config.restartOperatorOnChange(chart);
    // THEN
    expect(() => Testing.synth(chart)).toThrow(
      '[test/cfg] restartOperatorOnChange(test/operator): the operator runs in namespace "operators" and reads its configuration there, but this configuration is in "cnpg-system"; set namespace: "operators" (operator)\n'
      + '  [test/cfg] restartOperatorOnChange(test/operator): Deployment "cnpg-controller-manager" passes --config-map-name=operator-config, so the operator would not read the ConfigMap "cnpg-controller-manager-config"; set name: "operator-config" or change the flag (operator)\n'
      + '  [test/cfg] restartOperatorOnChange(test/operator): Deployment "cnpg-controller-manager" does not pass --secret-name, so the operator reads no Secret; add --secret-name=cnpg-controller-manager-config to its arguments (operator)');
  });

  test('at synth: the operator\'s own manifest must not define a configuration of the same name', () => {
    // GIVEN the Helm chart's defaults: config.create: true renders an empty ConfigMap of the same name
    const chart = newChart();
    const config = new OperatorConfig(chart, 'cfg');
    const release = new Chart(chart, 'release', { namespace: 'cnpg-system' });
    new ApiObject(release, 'config', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cnpg-controller-manager-config' } });
    new ApiObject(release, 'secret', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'cnpg-controller-manager-config', namespace: 'cnpg-system' } });
    new ApiObject(release, 'other', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cnpg-default-monitoring' } });
    operatorDeployment(release, 'operator');
    // WHEN
    config.restartOperatorOnChange(release);
    // THEN
    expect(() => Testing.synth(chart)).toThrow(
      '[test/cfg] restartOperatorOnChange(test/release/operator): [test/release/config] also defines ConfigMap "cnpg-controller-manager-config", which would fight with this configuration; remove it (Helm chart: config.create: false) (library)\n'
      + '  [test/cfg] restartOperatorOnChange(test/release/operator): [test/release/secret] also defines Secret "cnpg-controller-manager-config", which would fight with this configuration and override its keys; remove it (Helm chart: config.create: false) (library)');
  });

  test('passing the whole chart that also holds the configuration works', () => {
    const chart = newChart();
    const config = new OperatorConfig(chart, 'cfg', { clustersRolloutDelay: Duration.minutes(2) });
    new Include(chart, 'operator', { url: OPERATOR_MANIFEST });
    config.restartOperatorOnChange(chart);
    expect(() => Testing.synth(chart)).not.toThrow();
  });

  test('one configuration restarts several operators: each Deployment is annotated', () => {
    const chart = newChart();
    const config = new OperatorConfig(chart, 'cfg', { createAnyService: true });
    const first = operatorDeployment(chart, 'first', { args: ['--config-map-name=cnpg-controller-manager-config'] });
    const second = operatorDeployment(chart, 'second', { args: ['--config-map-name=cnpg-controller-manager-config'] });
    config.restartOperatorOnChange(first);
    expect(config.restartOperatorOnChange(second)).toBe(second);
    const annotations = Testing.synth(chart).filter((m) => m.kind === 'Deployment').map((m) => m.spec.template.metadata.annotations);
    expect(annotations).toStrictEqual([{ 'checksum/config': config.checksum }, { 'checksum/config': config.checksum }]);
  });

  test('finds a Deployment by --config-map-name alone, and a ConfigMap-only configuration asks for no --secret-name', () => {
    const chart = newChart();
    const config = new OperatorConfig(chart, 'cfg', { createAnyService: true });
    operatorDeployment(chart, 'operator', { name: 'cnpg-cloudnative-pg', args: ['controller', '--config-map-name', 'cnpg-controller-manager-config'] });
    expect(config.restartOperatorOnChange(chart).name).toBe('cnpg-cloudnative-pg');
    expect(synthErrors(chart)).toBe('');
  });

  test('with deploymentName, a Deployment of another name is not chosen by its flags', () => {
    const chart = newChart();
    const config = new OperatorConfig(chart, 'cfg');
    operatorDeployment(chart, 'operator', { name: 'cnpg-cloudnative-pg' });
    operatorDeployment(chart, 'web', { name: 'web', args: ['serve'] });
    expect(() => config.restartOperatorOnChange(chart, { deploymentName: 'cnpg-operator' }))
      .toThrow('[test/cfg] restartOperatorOnChange: no operator Deployment under [test]: expected a Deployment named "cnpg-operator" (Deployments found: "cnpg-cloudnative-pg", "web"); pass the Include, Helm or ApiObject of the operator, or options.deploymentName (library)');
  });

  test('only apps/v1 Deployments are candidates, whatever their name', () => {
    const chart = newChart();
    const config = new OperatorConfig(chart, 'cfg');
    new ApiObject(chart, 'service', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'cnpg-controller-manager', namespace: 'cnpg-system' } });
    new ApiObject(chart, 'stateful', { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'cnpg-controller-manager', namespace: 'cnpg-system' } });
    new ApiObject(chart, 'legacy', { apiVersion: 'extensions/v1beta1', kind: 'Deployment', metadata: { name: 'cnpg-controller-manager', namespace: 'cnpg-system' } });
    const operator = operatorDeployment(chart, 'operator');
    expect(config.restartOperatorOnChange(chart)).toBe(operator);
  });

  test('looking for the flags skips Deployments without a Pod template or containers, and words that are not strings', () => {
    const chart = newChart();
    const config = new OperatorConfig(chart, 'cfg', { createAnyService: true });
    new ApiObject(chart, 'no-spec', { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' } });
    new ApiObject(chart, 'no-template', { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'worker' }, spec: {} });
    new ApiObject(chart, 'no-pod-spec', { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'batch' }, spec: { template: { metadata: {} } } });
    const operator = operatorDeployment(chart, 'operator', {
      name: 'cnpg-cloudnative-pg',
      template: { spec: { containers: [{ name: 'manager', command: ['/manager', 8080], args: [{ port: 9443 }, '--config-map-name=cnpg-controller-manager-config'] }] } },
    });
    expect(config.restartOperatorOnChange(chart)).toBe(operator);
    expect(synthErrors(chart)).toBe('');
  });

  test('at synth: a flag left without a value at the end of the manager\'s words is not passed, even with a sidecar after it', () => {
    const chart = newChart();
    const config = new OperatorConfig(chart, 'cfg', { createAnyService: true });
    const operator = operatorDeployment(chart, 'operator', {
      template: {
        spec: {
          containers: [
            { name: 'manager', command: ['/manager'], args: ['controller', '--config-map-name'] },
            { name: 'sidecar', image: 'example.com/proxy:1.0' },
          ],
        },
      },
    });
    config.restartOperatorOnChange(operator);
    expect(synthErrors(chart)).toBe('Validation failed with the following errors:\n'
      + '  [test/cfg] restartOperatorOnChange(test/operator): Deployment "cnpg-controller-manager" does not pass --config-map-name, so the operator reads no ConfigMap; add --config-map-name=cnpg-controller-manager-config to its arguments (operator)');
  });

  test('at synth: an operator Deployment without a namespace is accepted (it is applied where the configuration is)', () => {
    const chart = newChart();
    const config = new OperatorConfig(chart, 'cfg', { createAnyService: true });
    const operator = new ApiObject(chart, 'operator', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'cnpg-controller-manager' },
      spec: { template: { spec: { containers: [{ name: 'manager', args: ['--config-map-name=cnpg-controller-manager-config'] }] } } },
    });
    config.restartOperatorOnChange(operator);
    expect(Testing.synth(chart)[1].metadata).toStrictEqual({ name: 'cnpg-controller-manager' });
    // a JSON patch that removes the whole metadata leaves no namespace either
    operator.addJsonPatch(JsonPatch.remove('/metadata'));
    expect(synthErrors(chart)).toBe('');
  });

  test('at synth: a same-named object conflicts only if it is a v1 ConfigMap or Secret in the configuration\'s namespace or in none', () => {
    // GIVEN a release chart without a namespace, as Helm renders it
    const chart = newChart();
    const config = new OperatorConfig(chart, 'cfg');
    const release = new Chart(chart, 'release');
    new ApiObject(release, 'config', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cnpg-controller-manager-config' } });
    new ApiObject(release, 'elsewhere', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cnpg-controller-manager-config', namespace: 'other-operator' } });
    new ApiObject(release, 'service-account', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'cnpg-controller-manager-config', namespace: 'cnpg-system' } });
    new ApiObject(release, 'custom', { apiVersion: 'example.com/v1', kind: 'ConfigMap', metadata: { name: 'cnpg-controller-manager-config', namespace: 'cnpg-system' } });
    new ApiObject(release, 'no-metadata', { apiVersion: 'v1', kind: 'Secret' }).addJsonPatch(JsonPatch.remove('/metadata'));
    operatorDeployment(release, 'operator');
    // WHEN
    config.restartOperatorOnChange(release);
    // THEN only the ConfigMap without a namespace is reported
    expect(synthErrors(chart)).toBe('Validation failed with the following errors:\n'
      + '  [test/cfg] restartOperatorOnChange(test/release/operator): [test/release/config] also defines ConfigMap "cnpg-controller-manager-config", which would fight with this configuration; remove it (Helm chart: config.create: false) (library)');
  });
});

describe('OperatorConfig: monitoring queries objects', () => {
  test('queries objects without a namespace are accepted; "queries" may be in a ConfigMap\'s binaryData or a Secret\'s data', () => {
    const chart = newChart();
    const queries = new ConfigMap(chart, 'queries', { metadata: { name: 'team-queries' } });
    queries.addBinaryData('queries', 'cToge30=');
    const secret = new ApiObject(chart, 'secret', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'secret-queries' }, data: { queries: 'cToge30=' } });
    new OperatorConfig(chart, 'cfg', { monitoringQueriesConfigMap: queries, monitoringQueriesSecret: secret as unknown as ISecret });
    expect(synthErrors(chart)).toBe('');
  });

  test('the queries object is recognised by apiVersion v1, kind and name among the objects the reference holds', () => {
    // GIVEN a construct of the user's that holds the queries ConfigMap after objects that only look like it
    const chart = newChart();
    const bundle = Object.assign(new Construct(chart, 'bundle'), { name: 'team-queries' });
    const meta = (name: string) => ({ name, namespace: 'cnpg-system' });
    new ApiObject(bundle, 'secret', { apiVersion: 'v1', kind: 'Secret', metadata: meta('team-queries'), data: { queries: 'cToge30=' } });
    new ApiObject(bundle, 'custom', { apiVersion: 'example.com/v1', kind: 'ConfigMap', metadata: meta('team-queries'), data: { queries: 'q: {}' } });
    new ApiObject(bundle, 'other', { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta('other-queries'), data: { queries: 'q: {}' } });
    new ApiObject(bundle, 'queries', { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta('team-queries'), data: { 'queries.yaml': 'q: {}' } });
    // WHEN
    new OperatorConfig(chart, 'cfg', { monitoringQueriesConfigMap: bundle as unknown as IConfigMap });
    // THEN the v1 ConfigMap "team-queries" is the one checked
    expect(synthErrors(chart)).toBe('Validation failed with the following errors:\n'
      + '  [test/cfg] monitoringQueriesConfigMap: ConfigMap "team-queries" has no key "queries"; the operator reads the default monitoring queries from that key only (operator)');
  });

  test('a queries object whose metadata a JSON patch removed is checked for its key only', () => {
    const chart = newChart();
    const queries = new Secret(chart, 'queries', { metadata: { name: 'secret-queries' }, stringData: { queries: 'q: {}' } });
    ApiObject.of(queries).addJsonPatch(JsonPatch.remove('/metadata'));
    new OperatorConfig(chart, 'cfg', { monitoringQueriesSecret: queries });
    expect(synthErrors(chart)).toBe('');
  });
});

describe('OperatorConfig: property-based', () => {
  const labelKey = fc.stringMatching(/^[a-z]([a-z0-9.-]{0,10}[a-z0-9])?(\/[a-z*?]{1,8})?$/);
  const props = fc.record({
    clustersRolloutDelay: fc.option(fc.integer({ min: 0, max: 86_400 }), { nil: undefined }),
    instancesRolloutDelay: fc.option(fc.integer({ min: 0, max: 86_400 }), { nil: undefined }),
    standbyTcpUserTimeout: fc.option(fc.integer({ min: 0, max: 600_000 }), { nil: undefined }),
    certificateDays: fc.option(fc.integer({ min: 8, max: 3650 }), { nil: undefined }),
    createAnyService: fc.option(fc.boolean(), { nil: undefined }),
    enableInstanceManagerInplaceUpdates: fc.option(fc.boolean(), { nil: undefined }),
    inheritedLabels: fc.option(fc.uniqueArray(labelKey, { minLength: 1, maxLength: 5 }), { nil: undefined }),
  });

  test('every declared prop can be read back from the synthesised ConfigMap, and equal props give equal checksums', () => {
    fc.assert(fc.property(props, (p) => {
      const build = () => {
        const chart = newChart();
        const config = new OperatorConfig(chart, 'cfg', {
          clustersRolloutDelay: p.clustersRolloutDelay === undefined ? undefined : Duration.seconds(p.clustersRolloutDelay),
          instancesRolloutDelay: p.instancesRolloutDelay === undefined ? undefined : Duration.seconds(p.instancesRolloutDelay),
          standbyTcpUserTimeout: p.standbyTcpUserTimeout === undefined ? undefined : Duration.millis(p.standbyTcpUserTimeout),
          certificateDuration: p.certificateDays === undefined ? undefined : Duration.days(p.certificateDays),
          createAnyService: p.createAnyService,
          enableInstanceManagerInplaceUpdates: p.enableInstanceManagerInplaceUpdates,
          inheritedLabels: p.inheritedLabels,
        });
        return { chart, config };
      };
      const { chart, config } = build();
      const data = Testing.synth(chart)[0].data ?? {};
      const num = (key: string) => (data[key] === undefined ? undefined : Number(data[key]));
      const bool = (key: string) => (data[key] === undefined ? undefined : data[key] === 'true');
      expect(num('CLUSTERS_ROLLOUT_DELAY')).toBe(p.clustersRolloutDelay);
      expect(num('INSTANCES_ROLLOUT_DELAY')).toBe(p.instancesRolloutDelay);
      expect(num('STANDBY_TCP_USER_TIMEOUT')).toBe(p.standbyTcpUserTimeout);
      expect(num('CERTIFICATE_DURATION')).toBe(p.certificateDays);
      expect(bool('CREATE_ANY_SERVICE')).toBe(p.createAnyService);
      expect(bool('ENABLE_INSTANCE_MANAGER_INPLACE_UPDATES')).toBe(p.enableInstanceManagerInplaceUpdates);
      // the operator's own parsing: split on ",", trim
      expect(data.INHERITED_LABELS?.split(',').map((s: string) => s.trim())).toStrictEqual(p.inheritedLabels);
      expect(build().config.checksum).toBe(config.checksum);
    }), { numRuns: 60 });
  });
});

describe('postgresImageName follows the webhook\'s imageName rules', () => {
  test.each([
    ['ghcr.io/cloudnative-pg/postgresql:latest', 'Can\'t use \'latest\' as image tag as we can\'t detect upgrades'],
    [`ghcr.io/cloudnative-pg/postgresql@sha256:${'a'.repeat(64)}`, 'Can\'t use just the image sha as we can\'t detect upgrades'],
    [`ghcr.io/cloudnative-pg/postgresql:system-trixie@sha256:${'a'.repeat(64)}`, 'invalid version tag'],
  ])('%s is refused', (image, upstream) => {
    const chart = new Chart(Testing.app(), 'test');
    expect(() => new OperatorConfig(chart, 'cfg', { postgresImageName: image })).toThrow(
      `; the operator would write it as spec.imageName of every new Cluster that names no image, and the webhook would refuse them (webhook: "${upstream}")`,
    );
  });

  test('the refusal names the prop and the image', () => {
    const image = 'ghcr.io/cloudnative-pg/postgresql:latest';
    expect(() => new OperatorConfig(newChart(), 'cfg', { postgresImageName: image, requireDigest: false })).toThrow(
      `[test/cfg] postgresImageName: "${image}" uses the "latest" tag; expected a version tag such as ":18.6-minimal-trixie"; the operator would write it as spec.imageName of every new Cluster that names no image, and the webhook would refuse them (webhook: "Can't use 'latest' as image tag as we can't detect upgrades")`,
    );
  });
});
