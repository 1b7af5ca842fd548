import * as fs from 'fs';
import * as path from 'path';
import { Size, Testing } from 'cdk8s';
import { Cluster, ClusterAction, ClusterImage, ClusterImageCatalog, Pooler, PoolerAction, PoolerImage, RolloutPlan } from '../src';
import { catalog, cluster, folder, image, operatorConfig, pooler, run } from './plan-fixtures';
import { newChart, pinned } from './util';
import { MAX_DELAY_SECONDS } from '../src/fleet/plan-input';
import { bestGaps } from '../src/fleet/plan-timing';
import { catalogMajorMismatchViolations } from '../src/rules/catalog-major';

// Each blind spot of issue 13, with the operator source it is traced to (CloudNativePG v1.30.0).

const PG = catalog([[18, image('18.1-minimal-trixie')]]);
const TODAY = new Date('2026-08-24');

function plan(before: any[], after: any[], options: { allowDelete?: boolean; today?: Date } = {}): RolloutPlan {
  return RolloutPlan.between(before, after, { today: TODAY, ...options });
}

/** The one Cluster change of a plan of `db` before and after. */
function change(before: any, after: any): { action: ClusterAction; rolledBy: string[]; reasons: string[]; warnings: string[] } {
  const p = plan([PG, before], [PG, after]);
  expect(p.errors).toEqual([]);
  const [c] = p.clusters;
  return { action: c.action, rolledBy: c.rolledBy, reasons: c.reasons, warnings: p.warnings.map((w) => w.message) };
}

describe('duplicates', () => {
  test('a Cluster defined twice on one side is an error naming both files, not "unchanged"', () => {
    // GIVEN the same Cluster in two files of the "after" folder, on majors 16 and 17
    const before = folder({ 'db.yaml': [catalog([[16, image('16.9')], [17, image('17.1')]]), cluster('db', { imageCatalogRef: { apiGroup: 'postgresql.cnpg.io', kind: 'ClusterImageCatalog', name: 'pg', major: 16 } })] });
    const after = folder({
      'a.yaml': [catalog([[16, image('16.9')], [17, image('17.1')]]), cluster('db', { imageCatalogRef: { apiGroup: 'postgresql.cnpg.io', kind: 'ClusterImageCatalog', name: 'pg', major: 16 } })],
      'z/b.yaml': [cluster('db', { imageCatalogRef: { apiGroup: 'postgresql.cnpg.io', kind: 'ClusterImageCatalog', name: 'pg', major: 17 } })],
    });
    // WHEN
    const result = run(['plan', '--before', before, '--after', after]);
    // THEN
    expect(result.code).toBe(2);
    expect(result.out).toContain(`Cluster a/db: defined twice in the after manifests: ${path.join(after, 'a.yaml')}#1 and ${path.join(after, 'z', 'b.yaml')}#0; `
      + 'the API server keeps only the last one applied, so the plan would depend on file order. Keep one definition');
    expect(result.err).toContain('cdk8s-cnpg plan: invalid input (1 problem(s)); see above');
  });

  test('objects given in code are placed by their index', () => {
    const p = plan([PG], [PG, cluster('db'), cluster('db'), operatorConfig({}), operatorConfig({})]);
    expect(p.errors.map((e) => e.message)).toEqual([
      expect.stringContaining('defined twice in the after manifests: after[1] and after[2]'),
      expect.stringContaining('defined twice in the after manifests: after[3] and after[4]'),
    ]);
    expect(p.errors.map((e) => e.subject)).toEqual(['Cluster a/db', 'ConfigMap cnpg-system/cnpg-controller-manager-config']);
  });

  test('the same name in two namespaces, or of two kinds, is no duplicate', () => {
    const p = plan([PG], [PG, cluster('db'), cluster('db', {}, { namespace: 'b' }), pooler({ cluster: { name: 'other' } }, 'db')]);
    expect(p.errors).toEqual([]);
  });
});

describe('a catalog entry of another major', () => {
  const v17 = catalog([[17, image('17.1-minimal-trixie')]]);
  const downgrade = catalog([[17, image('16.9-minimal-trixie')]]);
  const on17 = cluster('db', { imageCatalogRef: { apiGroup: 'postgresql.cnpg.io', kind: 'ClusterImageCatalog', name: 'pg', major: 17 } });

  test('the library rule names the entry, both majors and the binary downgrade', () => {
    expect(catalogMajorMismatchViolations([{ major: 18, image: image('18.1') }, { major: 17, image: image('16.9') }, { major: 17, image: 'registry.example.com/pg:latest' }])).toEqual([{
      path: 'spec.images[1].image',
      message: '"registry.example.com/postgresql:16.9" is PostgreSQL 16, but the entry is for major 17: the operator trusts the entry\'s major, so a Cluster on major 17 '
        + 'would run PostgreSQL 16 binaries (a binary downgrade); expected an image whose tag starts with 17',
      source: 'library',
      warning: true,
    }]);
    // a major the CRD refuses is the schema's to report
    expect(catalogMajorMismatchViolations([{ major: 9, image: image('18.1') }])).toEqual([]);
  });

  test('the catalog constructs refuse it (the library\'s own rule)', () => {
    expect(() => new ClusterImageCatalog(newChart(), 'catalog', { images: [{ major: 17, image: pinned('registry.example.com/postgresql', '16.9-minimal-trixie') }] })).toThrow(
      '[test/catalog] images[major 17].image: "registry.example.com/postgresql:16.9-minimal-trixie@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" is PostgreSQL 16, '
      + 'but the entry is for major 17: the operator trusts the entry\'s major, so a Cluster on major 17 would run PostgreSQL 16 binaries (a binary downgrade); expected an image whose tag starts with 17 (library)',
    );
  });

  test('validate reports it as the library\'s own warning: the cluster accepts it (exit 0; --strict fails)', () => {
    const dir = folder({ 'catalog.yaml': [downgrade] });
    const result = run(['validate', dir]);
    expect(result.code).toBe(0);
    expect(result.out).toContain(`${path.join(dir, 'catalog.yaml')}#0 ClusterImageCatalog/pg warning: spec.images[0].image: "registry.example.com/postgresql:16.9-minimal-trixie" is PostgreSQL 16, `
      + 'but the entry is for major 17: the operator trusts the entry\'s major, so a Cluster on major 17 would run PostgreSQL 16 binaries (a binary downgrade); '
      + 'expected an image whose tag starts with 17 (the library\'s own rule, stricter than CloudNativePG, which accepts this)');
    expect(run(['validate', '--strict', dir]).code).toBe(1);
  });

  test('rolling a Cluster onto it is refused (exit 1), and so is the catalog change', () => {
    // WHEN the catalog maps major 17 to a PostgreSQL 16 image
    const p = plan([v17, on17], [downgrade, on17]);
    // THEN
    expect(p.clusters).toEqual([expect.objectContaining({ cluster: 'a/db', action: ClusterAction.REFUSED })]);
    expect(p.refusals).toEqual([
      {
        subject: 'ClusterImageCatalog/pg',
        message: 'spec.images major 17 is 16.9-minimal-trixie, an image of PostgreSQL 16: the operator trusts the entry\'s major, so a Cluster on major 17 would run PostgreSQL 16 binaries (a binary downgrade); expected an image whose tag starts with 17',
      },
      {
        subject: 'Cluster a/db',
        message: 'ClusterImageCatalog/pg maps major 17 to 16.9-minimal-trixie (PostgreSQL 16): the operator trusts the catalog, so the Cluster would run PostgreSQL 16 binaries (a binary downgrade)',
      },
    ]);
    expect(p.exitCode).toBe(1);
  });

  test('an entry that was already wrong and does not change is a warning', () => {
    const p = plan([downgrade, on17], [downgrade, on17]);
    expect(p.exitCode).toBe(0);
    expect(p.warnings.map((w) => w.message)).toEqual([expect.stringMatching(/^spec.images major 17 is 16.9-minimal-trixie, .* \(unchanged by this change\)$/)]);
  });
});

describe('every Cluster field that changes the instance pod spec rolls the Cluster, named', () => {
  // Source: specs.NewInstance → createClusterPodSpec (pkg/specs/pods.go), createPostgresContainers,
  // GetPodSecurityContext, GetSecurityContext (containers.go), createPostgresVolumes (volumes.go), compared by
  // ComparePodSpecs (pkg/specs/podspec_diff.go) from checkPodSpecIsOutdated (internal/controller/cluster_upgrade.go);
  // new PVCs by checkHasMissingPVCs, the projected volume by checkProjectedVolumeIsOutdated.
  const cases: Array<[string, any, any, string[], string]> = [
    ['env', {}, { env: [{ name: 'TZ', value: 'UTC' }] }, ['spec.env'], 'containers[postgres].env'],
    ['envFrom', {}, { envFrom: [{ configMapRef: { name: 'settings' } }] }, ['spec.envFrom'], 'containers[postgres].env'],
    ['resources', { resources: { requests: { memory: '1Gi' } } }, { resources: { requests: { memory: '2Gi' } } }, ['spec.resources'], 'containers[postgres].resources'],
    ['securityContext', {}, { securityContext: { runAsUser: 1000 } }, ['spec.securityContext'], 'containers[postgres].securityContext'],
    ['seccompProfile', {}, { seccompProfile: { type: 'Localhost', localhostProfile: 'pg.json' } }, ['spec.seccompProfile'], 'containers[postgres].securityContext and securityContext'],
    ['podSecurityContext', {}, { podSecurityContext: { fsGroup: 2000 } }, ['spec.podSecurityContext'], 'securityContext'],
    ['postgresUID', {}, { postgresUID: 1000 }, ['spec.postgresUID'], 'securityContext'],
    ['postgresGID', {}, { postgresGID: 1000 }, ['spec.postgresGID'], 'securityContext'],
    ['enablePodAntiAffinity', {}, { affinity: { enablePodAntiAffinity: false } }, ['spec.affinity.enablePodAntiAffinity'], 'affinity'],
    ['podAntiAffinityType', {}, { affinity: { podAntiAffinityType: 'required' } }, ['spec.affinity.podAntiAffinityType'], 'affinity'],
    ['topologyKey', {}, { affinity: { topologyKey: 'topology.kubernetes.io/zone' } }, ['spec.affinity.topologyKey'], 'affinity'],
    ['nodeAffinity', {}, { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'disk', operator: 'In', values: ['ssd'] }] }] } } } }, ['spec.affinity.nodeAffinity'], 'affinity'],
    ['additionalPodAffinity', {}, { affinity: { additionalPodAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, podAffinityTerm: { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { app: 'x' } } } }] } } }, ['spec.affinity.additionalPodAffinity'], 'affinity'],
    ['tolerations', {}, { affinity: { tolerations: [{ key: 'db', operator: 'Exists', effect: 'NoSchedule' }] } }, ['spec.affinity.tolerations'], 'tolerations'],
    ['nodeSelector', {}, { affinity: { nodeSelector: { disk: 'ssd' } } }, ['spec.affinity.nodeSelector'], 'nodeSelector'],
    ['topologySpreadConstraints', {}, { topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule' }] }, ['spec.topologySpreadConstraints'], 'topologySpreadConstraints'],
    ['serviceAccountName', {}, { serviceAccountName: 'db-runner' }, ['spec.serviceAccountName'], 'serviceAccountName'],
    ['schedulerName', {}, { schedulerName: 'my-scheduler' }, ['spec.schedulerName'], 'schedulerName'],
    ['stopDelay', {}, { stopDelay: 3600 }, ['spec.stopDelay'], 'terminationGracePeriodSeconds'],
    ['probes.startup', {}, { probes: { startup: { periodSeconds: 5 } } }, ['spec.probes.startup'], 'containers[postgres] probes'],
    ['probes.readiness', {}, { probes: { readiness: { timeoutSeconds: 10 } } }, ['spec.probes.readiness'], 'containers[postgres] probes'],
    ['probes.liveness', {}, { probes: { liveness: { failureThreshold: 6 } } }, ['spec.probes.liveness'], 'containers[postgres] probes'],
    ['startDelay', {}, { startDelay: 7200 }, ['spec.startDelay'], 'containers[postgres] probes'],
    ['livenessProbeTimeout', {}, { livenessProbeTimeout: 60 }, ['spec.livenessProbeTimeout'], 'containers[postgres] probes'],
    ['logLevel', {}, { logLevel: 'debug' }, ['spec.logLevel'], 'containers[postgres].command'],
    ['monitoring.tls.enabled', {}, { monitoring: { tls: { enabled: true } } }, ['spec.monitoring.tls.enabled'], 'containers[postgres].command'],
    ['walStorage added', {}, { walStorage: { size: '1Gi' } }, ['spec.walStorage'], 'volumes[pg-wal] (a new PVC)'],
    ['tablespaces added', {}, { tablespaces: [{ name: 'archive', storage: { size: '1Gi' } }] }, ['spec.tablespaces'], 'volumes[tbs-*] (new PVCs)'],
    ['projectedVolumeTemplate', {}, { projectedVolumeTemplate: { sources: [{ configMap: { name: 'extra' } }] } }, ['spec.projectedVolumeTemplate'], 'volumes[projected]'],
    ['ephemeralVolumeSource', {}, { ephemeralVolumeSource: { volumeClaimTemplate: { spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } } } }, ['spec.ephemeralVolumeSource'], 'volumes[scratch-data]'],
    ['ephemeralVolumesSizeLimit.temporaryData', {}, { ephemeralVolumesSizeLimit: { temporaryData: '2Gi' } }, ['spec.ephemeralVolumesSizeLimit.temporaryData'], 'volumes[scratch-data]'],
    ['ephemeralVolumesSizeLimit.shm', {}, { ephemeralVolumesSizeLimit: { shm: '256Mi' } }, ['spec.ephemeralVolumesSizeLimit.shm'], 'volumes[shm]'],
    ['plugins', {}, { plugins: [{ name: 'barman-cloud.cloudnative-pg.io', isWALArchiver: true, parameters: { barmanObjectName: 'store' } }] }, ['spec.plugins'], 'sidecars injected by plugins'],
  ];

  test.each(cases)('%s', (_name, before, after, fields, pod) => {
    // WHEN only this field changes
    const c = change(cluster('db', before), cluster('db', after));
    // THEN the Cluster rolls, and the reason names the field and the part of the Pod
    expect(c.action).toBe(ClusterAction.ROLLING_UPDATE);
    expect(c.rolledBy).toEqual(fields);
    expect(c.reasons).toEqual([`pod spec changed: ${fields.map((f) => `${f} (${pod})`).join(', ')}`]);
  });

  test.each([
    ['cnpg.io/podPatch', 'the whole Pod (a JSON patch)', '[{"op":"add","path":"/spec/hostNetwork","value":false}]'],
    ['alpha.cnpg.io/enableInstancePprof', 'containers[postgres].command', 'true'],
  ])('annotation %s', (name, pod, value) => {
    const c = change(cluster('db'), cluster('db', {}, { annotations: { [name]: value } }));
    expect(c.action).toBe(ClusterAction.ROLLING_UPDATE);
    expect(c.reasons).toEqual([`pod spec changed: metadata.annotations["${name}"] (${pod})`]);
  });

  test('kubectl cnpg restart (the restartedAt annotation) restarts every instance', () => {
    const c = change(cluster('db'), cluster('db', {}, { annotations: { 'kubectl.kubernetes.io/restartedAt': '2026-08-24T10:00:00Z' } }));
    expect(c.action).toBe(ClusterAction.ROLLING_UPDATE);
    expect(c.reasons).toEqual(['restart requested (kubectl.kubernetes.io/restartedAt: 2026-08-24T10:00:00Z)']);
  });

  test('several fields at once are all named', () => {
    const c = change(cluster('db'), cluster('db', { stopDelay: 60, schedulerName: 'x', affinity: { tolerations: [{ key: 'a', operator: 'Exists' }] } }));
    expect(c.rolledBy).toEqual(['spec.affinity.tolerations', 'spec.schedulerName', 'spec.stopDelay']);
  });

  test.each([
    ['stopDelay 1800 is the default', {}, { stopDelay: 1800 }],
    ['stopDelay 0 means the default', { stopDelay: 1800 }, { stopDelay: 0 }],
    ['postgresUID and postgresGID 26 are the defaults', {}, { postgresUID: 26, postgresGID: 26 }],
    ['seccompProfile RuntimeDefault is the default', {}, { seccompProfile: { type: 'RuntimeDefault' } }],
    ['logLevel info is the default', {}, { logLevel: 'info' }],
    ['1Gi and 1024Mi are the same quantity', { resources: { limits: { memory: '1Gi' } } }, { resources: { limits: { memory: '1024Mi' } } }],
    ['an empty list of tolerations is none', {}, { affinity: { tolerations: [] } }],
    ['the default anti-affinity spelled out', {}, { affinity: { podAntiAffinityType: 'preferred', topologyKey: 'kubernetes.io/hostname' } }],
    ['the service account named after the Cluster', {}, { serviceAccountName: 'db' }],
    ['startDelay 3601 and 3605 give the same failure threshold (361 x 10 s)', { startDelay: 3601 }, { startDelay: 3605 }],
    ['a probe period of 0 keeps the default', {}, { probes: { startup: { periodSeconds: 0 } } }],
    ['a projected volume without sources is none', {}, { projectedVolumeTemplate: { sources: [] } }],
    ['the keys of resources in another order', { resources: { requests: { cpu: '1', memory: '1Gi' } } }, { resources: { requests: { memory: '1Gi', cpu: '1' } } }],
  ])('no roll: %s', (_name, before, after) => {
    expect(change(cluster('db', before), cluster('db', after)).action).toBe(ClusterAction.UNCHANGED);
  });

  test.each([['imagePullPolicy', { imagePullPolicy: 'Always' }], ['priorityClassName', { priorityClassName: 'critical' }]])(
    '%s is written on new pods but never compared: no roll, a warning', (name, after) => {
      const c = change(cluster('db'), cluster('db', after));
      expect(c.action).toBe(ClusterAction.UNCHANGED);
      expect(c.warnings).toEqual([`spec.${name} changed: the operator writes it on new pods but never compares it, so running pods keep the old value until they are recreated for another reason`]);
    });

  test('cnpg.io/reconcilePodSpec: disabled keeps the pods, except for new PVCs; a warning lists what does not reach them', () => {
    const disabled = { annotations: { 'cnpg.io/reconcilePodSpec': 'disabled' } };
    const c = change(cluster('db', {}, disabled), cluster('db', { stopDelay: 60, walStorage: { size: '1Gi' } }, disabled));
    expect(c.rolledBy).toEqual(['spec.walStorage']);
    expect(c.warnings).toEqual(['cnpg.io/reconcilePodSpec: disabled: the operator does not compare the pod spec, so these changes do not reach the running pods: spec.stopDelay (terminationGracePeriodSeconds)']);
  });

  test('removing WAL storage changes the pod spec too', () => {
    expect(change(cluster('db', { walStorage: { size: '1Gi' } }), cluster('db')).rolledBy).toEqual(['spec.walStorage']);
  });
});

describe('PostgreSQL parameters that need a restart', () => {
  test('max_connections restarts every instance through the rollout slot', () => {
    const c = change(cluster('db'), cluster('db', { postgresql: { parameters: { max_connections: '200' } } }));
    expect(c.action).toBe(ClusterAction.ROLLING_UPDATE);
    expect(c.reasons).toEqual(['spec.postgresql.parameters.max_connections changed (default → 200): PostgreSQL applies it only on restart, so the operator restarts every instance']);
  });

  test('an operator default spelled out changes nothing; a reloadable parameter rolls nothing', () => {
    expect(change(cluster('db'), cluster('db', { postgresql: { parameters: { max_worker_processes: '32', work_mem: '64MB' } } })).action).toBe(ClusterAction.UNCHANGED);
  });

  test('a library added to shared_preload_libraries restarts', () => {
    const c = change(cluster('db'), cluster('db', { postgresql: { shared_preload_libraries: ['pg_stat_statements'] } }));
    expect(c.rolledBy).toEqual(['spec.postgresql.shared_preload_libraries']);
  });
});

describe('Poolers', () => {
  const withCatalog = (pgbouncer: string, kind = 'ClusterImageCatalog') => (kind === 'ClusterImageCatalog'
    ? catalog([[18, image('18.1')]], 'pg', { spec: { componentImages: [{ key: 'pgbouncer', image: pgbouncer }] } })
    : { apiVersion: 'postgresql.cnpg.io/v1', kind: 'ImageCatalog', metadata: { name: 'bouncers', namespace: 'a' }, spec: { images: [{ major: 18, image: image('18.1') }], componentImages: [{ key: 'pgbouncer', image: pgbouncer }] } });
  const onCatalog = (kind = 'ClusterImageCatalog', name = 'pg') => pooler({ pgbouncer: { poolMode: 'session', imageCatalogRef: { apiGroup: 'postgresql.cnpg.io', kind, name, key: 'pgbouncer' } } });
  const bouncer = (tag: string) => image(tag, 'ghcr.io/cloudnative-pg/pgbouncer');

  test('a new componentImages.pgbouncer in a ClusterImageCatalog rolls the Poolers that use it', () => {
    // Source: resolvePoolerImage and mapClusterImageCatalogToPoolers (internal/controller/pooler_image.go)
    const p = plan([withCatalog(bouncer('1.25.0')), onCatalog(), pooler({}, 'other')], [withCatalog(bouncer('1.25.1')), onCatalog(), pooler({}, 'other')]);
    expect(p.componentChanges).toEqual([{ catalog: 'ClusterImageCatalog/pg', key: 'pgbouncer', change: 'updated', before: bouncer('1.25.0'), after: bouncer('1.25.1'), summary: '1.25.0 → 1.25.1' }]);
    expect(p.poolers).toEqual([
      { pooler: 'a/other', cluster: 'db', action: PoolerAction.UNCHANGED, reasons: [], podRollouts: 0 },
      { pooler: 'a/pool', cluster: 'db', action: PoolerAction.ROLLING_UPDATE, reasons: ['PgBouncer image changed (ClusterImageCatalog/pg componentImages["pgbouncer"]): 1.25.0 → 1.25.1'], podRollouts: 2 },
    ]);
    expect(p.toText()).toContain('Poolers (Deployments rolled by Kubernetes, not gated by the rollout delays)\n  ROLL    a/pool (2 pods): PgBouncer image changed');
  });

  test('so does a namespaced ImageCatalog', () => {
    const p = plan([withCatalog(bouncer('1.25.0'), 'ImageCatalog'), onCatalog('ImageCatalog', 'bouncers')], [withCatalog(bouncer('1.25.1'), 'ImageCatalog'), onCatalog('ImageCatalog', 'bouncers')]);
    expect(p.poolers[0].action).toBe(PoolerAction.ROLLING_UPDATE);
  });

  test.each([
    ['spec.pgbouncer.image', { pgbouncer: { poolMode: 'session', image: bouncer('1.25.0') } }, { pgbouncer: { poolMode: 'session', image: bouncer('1.25.1') } }, 'PgBouncer image changed (spec.pgbouncer.image): 1.25.0 → 1.25.1'],
    ['the pod template', {}, { template: { metadata: { labels: { team: 'a' } } } }, 'spec.template changed'],
    ['the pod template\'s pgbouncer image (it wins over the others)', { pgbouncer: { poolMode: 'session', image: bouncer('1.25.0') } }, { pgbouncer: { poolMode: 'session', image: bouncer('1.25.0') }, template: { spec: { containers: [{ name: 'pgbouncer', image: bouncer('1.24.1') }] } } }, 'PgBouncer image changed (spec.template (pgbouncer container)): 1.25.0 → 1.24.1'], // then "spec.template changed"
    ['metrics TLS', {}, { monitoring: { tls: { enabled: true } } }, 'spec.monitoring.tls.enabled changed (METRICS_PORT_TLS)'],
  ])('%s rolls the Pooler', (_name, before, after, reason) => {
    const p = plan([PG, pooler(before)], [PG, pooler(after)]);
    expect(p.poolers).toEqual([expect.objectContaining({ action: PoolerAction.ROLLING_UPDATE, podRollouts: 2 })]);
    expect(p.poolers[0].reasons[0]).toBe(reason);
  });

  test('PgBouncer parameters are reloaded, and instances scale: no pod restarts', () => {
    // Source: docs/src/connection_pooling.md ("every PgBouncer instance reloads the updated configuration")
    const p = plan([PG, pooler()], [PG, pooler({ instances: 3, pgbouncer: { poolMode: 'session', parameters: { max_client_conn: '1000' } } })]);
    expect(p.poolers).toEqual([{
      pooler: 'a/pool',
      cluster: 'db',
      action: PoolerAction.RECONFIGURED,
      reasons: ['spec.pgbouncer settings changed: PgBouncer reloads its configuration without a restart', 'spec.instances 2 → 3: the Deployment is scaled'],
      podRollouts: 0,
    }]);
    expect(p.timing.rollingClusters).toBe(0);
  });

  test('a new operator image rolls every Pooler (its bootstrap init container), in-place updates or not', () => {
    const op = (tag: string) => operatorConfig({ OPERATOR_IMAGE_NAME: `ghcr.io/cloudnative-pg/cloudnative-pg:${tag}`, ENABLE_INSTANCE_MANAGER_INPLACE_UPDATES: 'true' });
    const p = plan([PG, pooler(), op('1.30.0')], [PG, pooler(), op('1.30.1')]);
    expect(p.poolers[0]).toMatchObject({ action: PoolerAction.ROLLING_UPDATE, reasons: ['operator config OPERATOR_IMAGE_NAME changed (1.30.0 → 1.30.1): the bootstrap init container of every PgBouncer pod'] });
  });

  test('a catalog without the key breaks the Pooler: refused (exit 1)', () => {
    const p = plan([withCatalog(bouncer('1.25.0')), onCatalog()], [catalog([[18, image('18.1')]]), onCatalog()]);
    expect(p.poolers[0]).toMatchObject({ action: PoolerAction.BROKEN });
    expect(p.refusals).toEqual([{ subject: 'Pooler a/pool', message: 'ClusterImageCatalog/pg componentImages["pgbouncer"]: key "pgbouncer" not found in ClusterImageCatalog "pg"; the Pooler would be in phase "failed" and stop reconciling its Deployment' }]);
    expect(p.exitCode).toBe(1);
  });

  test('reconcilePodSpec disabled on a Pooler: only scaling reaches it, and a warning says so', () => {
    const off = { annotations: { 'cnpg.io/reconcilePodSpec': 'disabled' } };
    const p = plan([PG, pooler({}, 'pool', off)], [PG, pooler({ template: { metadata: { labels: { x: 'y' } } } }, 'pool', off)]);
    expect(p.poolers[0].action).toBe(PoolerAction.UNCHANGED);
    expect(p.warnings).toEqual([{ subject: 'Pooler a/pool', message: 'cnpg.io/reconcilePodSpec: disabled: the operator only scales its Deployment, so these changes do not reach the PgBouncer pods: spec.template changed' }]);
  });

  test('the library\'s Pooler on a catalog\'s pgbouncer component rolls when the catalog\'s component changes', () => {
    // GIVEN the same app, with the catalog's pgbouncer image 1.25.0 and then 1.25.1
    const manifests = (tag: string) => {
      const chart = newChart({ namespace: 'a' });
      const pg = new ClusterImageCatalog(chart, 'catalog', {
        metadata: { name: 'pg' },
        images: [{ major: 18, image: pinned('registry.example.com/postgresql', '18.6-minimal-trixie') }],
        componentImages: { pgbouncer: pinned('ghcr.io/cloudnative-pg/pgbouncer', tag) },
      });
      const db = new Cluster(chart, 'db', { metadata: { name: 'db' }, image: ClusterImage.fromCatalog(pg, 18), instances: 2, storage: { size: Size.gibibytes(1) } });
      new Pooler(chart, 'pool', { metadata: { name: 'pool' }, cluster: db, image: PoolerImage.fromCatalog(pg), instances: 3 });
      return Testing.synth(chart);
    };
    // WHEN
    const p = plan(manifests('1.25.0'), manifests('1.25.1'));
    // THEN
    expect(p.poolers).toEqual([expect.objectContaining({ pooler: 'a/pool', action: PoolerAction.ROLLING_UPDATE, podRollouts: 3 })]);
    expect(p.poolers[0].reasons).toEqual([expect.stringMatching(/^PgBouncer image changed \(ClusterImageCatalog\/pg componentImages\["pgbouncer"\]\): 1.25.0@sha256:aaaaaaaaaaaa → 1.25.1@sha256:aaaaaaaaaaaa$/)]);
    expect(p.clusters.map((c) => c.action)).toEqual([ClusterAction.UNCHANGED]);
  });

  test('a new Pooler and a removed one', () => {
    const p = plan([PG, pooler({}, 'old')], [PG, pooler({}, 'new')]);
    expect(p.poolers.map((x) => [x.pooler, x.action])).toEqual([['a/new', PoolerAction.CREATED], ['a/old', PoolerAction.DELETED]]);
    expect(p.exitCode).toBe(0);
  });
});

describe('invalid input', () => {
  const NOT_CHECKED = 'the CRD\'s CEL rules were not evaluated: the API server skips all of them when the object has an error of type, required field, enum, maxLength, maxItems or maxProperties; '
    + 'correct those errors to complete validation (CRD rule: "some validation rules were not checked because the object was invalid; correct the existing errors to complete validation")';
  test.each([
    [-5, ['spec.instances: -5 is too small; expected at least 1 (CRD schema: "should be greater than or equal to 1")']],
    ['three', ['spec.instances: "three" is a string; expected an integer (CRD schema: "must be of type integer")', NOT_CHECKED]],
  ])('instances %j is an error with validate\'s messages (exit 2), never a pod count', (instances, messages) => {
    // GIVEN
    const before = folder({ 'db.yaml': [PG, cluster('db')] });
    const after = folder({ 'db.yaml': [PG, cluster('db', { instances })] });
    // WHEN
    const result = run(['plan', '--before', before, '--after', after, '--json']);
    const validate = run(['validate', after]);
    // THEN the plan reports validate's own line, and no pod rollout
    const json = JSON.parse(result.out);
    expect(result.code).toBe(2);
    expect(json.errors).toEqual(messages.map((message) => ({ subject: 'Cluster a/db', message: `${path.join(after, 'db.yaml')}#1 Cluster/db ${message}` })));
    for (const e of json.errors) expect(validate.out.split('\n')).toContain(e.message);
    expect(json.clusters).toEqual([expect.objectContaining({ action: 'invalid', podRollouts: 0 })]);
    expect(json.timing.podRollouts).toBe(0);
  });

  test('an invalid object on the "before" side is reported too', () => {
    const p = plan([PG, cluster('db', { instances: 0 })], [PG, cluster('db')]);
    expect(p.errors.map((e) => e.message)).toEqual([expect.stringMatching(/^before\[1\] Cluster\/db spec.instances: 0 is too small/)]);
    expect(p.exitCode).toBe(2);
  });

  test('an invalid object unchanged on both sides is reported on both sides (validated once)', () => {
    const bad = cluster('db', { instances: 0 });
    const p = plan([PG, bad], [PG, bad]);
    expect(p.errors.map((e) => e.message)).toEqual([
      expect.stringMatching(/^before\[1\] Cluster\/db spec.instances: 0 is too small/),
      expect.stringMatching(/^after\[1\] Cluster\/db spec.instances: 0 is too small/),
    ]);
  });

  test('unreadable YAML is an error naming the document', () => {
    const after = folder({ 'ok.yaml': [PG] });
    fs.writeFileSync(path.join(after, 'bad.yaml'), 'kind: [unclosed\n');
    const p = RolloutPlan.fromDirectories(folder({ 'ok.yaml': [PG] }), after);
    expect(p.errors).toEqual([{ subject: `${path.join(after, 'bad.yaml')}#0`, message: expect.stringMatching(/^not valid YAML: /) }]);
  });
});

describe('deletions', () => {
  test('an empty "after" folder deletes every Cluster: refused (exit 1)', () => {
    const before = folder({ 'fleet.yaml': [PG, cluster('a'), cluster('b')] });
    const after = folder({});
    const result = run(['plan', '--before', before, '--after', after]);
    expect(result.code).toBe(1);
    expect(result.out).toContain('DELETE  a/a: removed from the manifests');
    expect(result.out).toContain('Refused: 2 change(s) (exit 1)\n  Cluster a/a: deleted: removing a Cluster from the manifests deletes it and its pods');
    expect(result.out).toContain('give --allow-delete (allowDelete: true) if this is intended');
  });

  test('--allow-delete reports them and exits 0', () => {
    const before = folder({ 'fleet.yaml': [PG, cluster('a')] });
    const result = run(['plan', '--before', before, '--after', folder({}), '--allow-delete']);
    expect(result.code).toBe(0);
    expect(result.out).toContain('DELETE  a/a: removed from the manifests');
    expect(RolloutPlan.between([PG, cluster('a')], [], { allowDelete: true }).refused).toEqual([]);
  });
});

describe('rollout delays the operator cannot read', () => {
  // Source: pkg/configparser (strconv.ParseInt(value, 10, 0); an error is logged and skipped) and
  // internal/configuration (time.Duration(n) * time.Second).
  const rolling = (data: { [k: string]: string }) => plan([PG, cluster('a'), cluster('b')], [catalog([[18, image('18.2')]]), cluster('a'), cluster('b'), operatorConfig(data)]);

  test.each([
    ['99999999999999999999', 'beyond a 64-bit integer; the operator parses it with strconv.ParseInt and would skip it ("Skipping invalid integer value parsing configuration"), leaving CLUSTERS_ROLLOUT_DELAY at 0 (no delay); expected at most 9223372036 seconds'],
    ['9223372037', 'the operator turns it into time.Duration(9223372037) * time.Second, which overflows int64 nanoseconds and wraps around; expected at most 9223372036 seconds (about 292 years)'],
    ['2m', 'not a whole number of seconds; the operator parses it with strconv.ParseInt'],
    [' 120', 'not a whole number of seconds'],
    ['1e3', 'not a whole number of seconds'],
    ['', 'not a whole number of seconds'],
  ])('CLUSTERS_ROLLOUT_DELAY %j is an error (exit 2), never a silent 0', (value, message) => {
    const p = rolling({ CLUSTERS_ROLLOUT_DELAY: value });
    expect(p.errors).toEqual([{ subject: 'operator config', message: expect.stringContaining(message) }]);
    expect(p.errors[0].message.startsWith(`CLUSTERS_ROLLOUT_DELAY is ${JSON.stringify(value)} (ConfigMap cnpg-system/cnpg-controller-manager-config): `)).toBe(true);
    expect(p.exitCode).toBe(2);
  });

  test('the largest delay the operator holds, and a signed one, are read as it reads them', () => {
    expect(rolling({ CLUSTERS_ROLLOUT_DELAY: String(MAX_DELAY_SECONDS) }).timing.clustersRolloutDelaySeconds).toBe(9223372036);
    expect(rolling({ INSTANCES_ROLLOUT_DELAY: '+30' }).timing.instancesRolloutDelaySeconds).toBe(30);
  });

  test('a negative delay is no delay: a warning', () => {
    const p = rolling({ CLUSTERS_ROLLOUT_DELAY: '-5' });
    expect(p.timing.clustersRolloutDelaySeconds).toBe(0);
    expect(p.warnings).toEqual([{ subject: 'operator config', message: 'CLUSTERS_ROLLOUT_DELAY is "-5" (ConfigMap cnpg-system/cnpg-controller-manager-config): a negative delay, which the operator treats as no delay at all' }]);
    expect(p.exitCode).toBe(0);
  });
});

describe('large fleets', () => {
  test('the best order of 200,000 rolling Clusters is found without spreading the list into a call', () => {
    // 150,000 was enough for "Maximum call stack size exceeded" in Math.max(...pods)
    const pods = new Array<number>(200_000).fill(3);
    expect(bestGaps(pods, 10, 60)).toEqual({ clusterGaps: 599_999, instanceGaps: 0 });
    expect(bestGaps(pods, 60, 10)).toEqual({ clusterGaps: 199_999, instanceGaps: 400_000 });
    expect(bestGaps([...pods, 1_000_000], 10, 60)).toEqual({ clusterGaps: 1_200_000, instanceGaps: 399_999 });
  });
});

describe('warnings', () => {
  const onImage = (tag: string, spec: any = {}) => cluster('db', { imageCatalogRef: undefined, imageName: `ghcr.io/cloudnative-pg/postgresql:${tag}`, ...spec });
  const messages = (p: RolloutPlan) => p.warnings.map((w) => `${w.subject}: ${w.message}`);

  test('a Debian release change of a Cluster\'s image (bookworm → trixie) asks for a reindex', () => {
    const p = plan([onImage('18.6-system-bookworm')], [onImage('18.6-system-trixie')]);
    expect(p.clusters[0].action).toBe(ClusterAction.ROLLING_UPDATE);
    expect(messages(p)).toEqual(['Cluster a/db: Debian release changes bookworm → trixie: a new glibc and its collations; text indexes may be ordered differently, so reindex them (REINDEX) after the rollout, or keep bookworm']);
  });

  test('PostgreSQL 13 is end of life (2025-11-13); 14 only from 2026-11-12', () => {
    const eol13 = plan([onImage('13.21-system-trixie')], [onImage('13.22-system-trixie')]);
    expect(messages(eol13)).toEqual(['Cluster a/db: PostgreSQL 13 reached end of life on 2025-11-13 (PostgreSQL versioning policy): no more fixes, security ones included; plan a major upgrade']);
    const before = [onImage('14.23-system-trixie')];
    const after = [onImage('14.24-system-trixie')];
    expect(plan(before, after, { today: new Date('2026-11-11') }).warnings).toEqual([]);
    expect(messages(plan(before, after, { today: new Date('2026-11-12') }))).toEqual([expect.stringContaining('PostgreSQL 14 reached end of life on 2026-11-12')]);
  });

  test('a Cluster created on an end-of-life major is warned about too', () => {
    expect(messages(plan([], [onImage('13.22-system-trixie')]))).toEqual([expect.stringContaining('PostgreSQL 13 reached end of life on 2025-11-13')]);
  });

  test('Debian bullseye is end of life after 2026-08-31 (its catalogs stopped on 2026-09-04)', () => {
    const before = [onImage('17.10-system-bullseye')];
    const after = [onImage('17.11-system-bullseye')];
    expect(plan(before, after, { today: new Date('2026-08-30') }).warnings).toEqual([]);
    expect(messages(plan(before, after, { today: new Date('2026-09-05') }))).toEqual([
      'Cluster a/db: Debian bullseye is end of life: Debian 11 LTS ended on 2026-08-31 and CloudNativePG stopped rebuilding its bullseye images on 2026-09-04; move to a catalog of a supported release (and reindex)',
    ]);
  });

  test('a supervised primary waits for a person', () => {
    const p = plan([onImage('18.5-system-trixie', { primaryUpdateStrategy: 'supervised' })], [onImage('18.6-system-trixie', { primaryUpdateStrategy: 'supervised' })]);
    expect(messages(p)).toEqual(['Cluster a/db: primaryUpdateStrategy: supervised: the replicas roll, then the primary waits for a person (kubectl cnpg promote or kubectl cnpg restart); the plan does not count it']);
    expect(p.clusters[0]).toMatchObject({ podRollouts: 2, supervised: true });
  });

  test('CLUSTERS_ROLLOUT_DELAY 0 with 10 or more Clusters rolling', () => {
    const fleet = (n: number, minor: number) => [catalog([[18, image(`18.${minor}`)]]), ...Array.from({ length: n }, (_, i) => cluster(`db-${i}`))];
    expect(plan(fleet(9, 1), fleet(9, 2)).warnings).toEqual([]);
    expect(messages(plan(fleet(10, 1), fleet(10, 2)))).toEqual([
      'operator config: CLUSTERS_ROLLOUT_DELAY is 0 and 10 Clusters roll: the operator rolls them all at once (30 pods restarting together across the fleet); set clustersRolloutDelay to spread them',
    ]);
    expect(plan(fleet(10, 1), [...fleet(10, 2), operatorConfig({ CLUSTERS_ROLLOUT_DELAY: '60' })]).warnings).toEqual([]);
  });
});
