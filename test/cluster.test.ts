import { Chart, Duration, JsonPatch, Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import {
  Cluster,
  ClusterImage,
  ClusterImageCatalog,
  ClusterProps,
  CnpgValidation,
  DataDurability,
  DebianRelease,
  ImageCatalog,
  ImagePullPolicy,
  ImageType,
  LocaleProvider,
  LogLevel,
  PodAntiAffinityType,
  PrimaryUpdateMethod,
  PrimaryUpdateStrategy,
  RoleEnsure,
  SynchronousMethod,
  TaintEffect,
  TolerationOperator,
  WhenUnsatisfiable,
} from '../src';
import { newChart, pinned } from './util';

const PG18 = pinned('ghcr.io/cloudnative-pg/postgresql', '18.6-minimal-trixie', '2');
const PG17 = pinned('ghcr.io/cloudnative-pg/postgresql', '17.11-minimal-trixie', '1');

function officialCatalog(chart: Chart, withExtensions = false) {
  return ClusterImageCatalog.official(chart, 'catalog', { type: ImageType.MINIMAL, os: DebianRelease.TRIXIE, withExtensions });
}

/** A chart with the official minimal-trixie catalog and a function to add a Cluster on major 18. */
function withCatalog(props: Partial<ClusterProps> = {}, chartProps = {}) {
  const chart = newChart(chartProps);
  const catalog = officialCatalog(chart);
  const make = () => new Cluster(chart, 'db', {
    metadata: { name: 'db' },
    image: ClusterImage.fromCatalog(catalog, 18),
    storage: { size: Size.gibibytes(1) },
    ...props,
  });
  return { chart, catalog, make };
}

function clusterManifest(chart: Chart): any {
  return Testing.synth(chart).find((m: any) => m.kind === 'Cluster');
}

describe('Cluster', () => {
  test('reproduces CNPG\'s announcement example exactly', () => {
    // GIVEN
    const chart = newChart();
    const catalog = ClusterImageCatalog.official(chart, 'catalog', { type: ImageType.MINIMAL, os: DebianRelease.TRIXIE });
    // WHEN
    new Cluster(chart, 'angus', {
      metadata: { name: 'angus' },
      instances: 3,
      image: ClusterImage.fromCatalog(catalog, 18),
      storage: { size: Size.gibibytes(1) },
    });
    // THEN
    expect(clusterManifest(chart)).toStrictEqual({
      apiVersion: 'postgresql.cnpg.io/v1',
      kind: 'Cluster',
      metadata: { name: 'angus' },
      spec: {
        instances: 3,
        imageCatalogRef: {
          apiGroup: 'postgresql.cnpg.io',
          kind: 'ClusterImageCatalog',
          name: 'postgresql-minimal-trixie',
          major: 18,
        },
        storage: { size: '1Gi' },
      },
    });
  });

  test('a namespaced ImageCatalog in the same namespace is referenced by kind ImageCatalog', () => {
    const chart = newChart({ namespace: 'team' });
    const catalog = new ImageCatalog(chart, 'catalog', { metadata: { name: 'team-pg' }, images: [{ major: 18, image: PG18 }] });
    new Cluster(chart, 'db', { metadata: { name: 'db' }, image: ClusterImage.fromCatalog(catalog, 18), storage: { size: Size.gibibytes(5) } });
    expect(clusterManifest(chart).spec.imageCatalogRef).toEqual({ apiGroup: 'postgresql.cnpg.io', kind: 'ImageCatalog', name: 'team-pg', major: 18 });
    expect(clusterManifest(chart).metadata.namespace).toBe('team');
  });

  test('a catalog managed elsewhere is referenced without a major cross-check', () => {
    const chart = newChart();
    const catalog = ClusterImageCatalog.fromName(chart, 'catalog', 'postgresql-global');
    new Cluster(chart, 'db', { metadata: { name: 'db' }, image: ClusterImage.fromCatalog(catalog, 19), storage: { size: Size.gibibytes(5) } });
    expect(clusterManifest(chart).spec.imageCatalogRef).toEqual({ apiGroup: 'postgresql.cnpg.io', kind: 'ClusterImageCatalog', name: 'postgresql-global', major: 19 });
  });

  test('fromName writes spec.imageName and no catalog reference', () => {
    const chart = newChart();
    const cluster = new Cluster(chart, 'db', { metadata: { name: 'db' }, image: ClusterImage.fromName(PG17), storage: { size: Size.gibibytes(5) } });
    const spec = clusterManifest(chart).spec;
    expect(spec.imageName).toBe(PG17);
    expect(spec.imageCatalogRef).toBeUndefined();
    expect(cluster.major).toBe(17);
  });

  test('every typed prop reaches the manifest', () => {
    // GIVEN
    const chart = newChart({ namespace: 'payments' });
    const catalog = officialCatalog(chart);
    const appSecret = kplus.Secret.fromSecretName(chart, 'app-secret', 'payments-app');
    const queries = kplus.ConfigMap.fromConfigMapName(chart, 'queries', 'payments-queries');
    // WHEN
    new Cluster(chart, 'db', {
      metadata: { name: 'payments', labels: { team: 'payments' } },
      image: ClusterImage.fromCatalog(catalog, 18),
      instances: 3,
      description: 'payments database',
      storage: { size: Size.gibibytes(20), storageClass: 'fast', resizeInUseVolumes: false },
      walStorage: { size: Size.gibibytes(5), storageClass: 'fast' },
      resources: {
        cpu: { request: kplus.Cpu.millis(500), limit: kplus.Cpu.units(2) },
        memory: { request: Size.gibibytes(1), limit: Size.gibibytes(2) },
      },
      postgresql: {
        parameters: { max_connections: '200', shared_buffers: '256MB', work_mem: '8MB' },
        sharedPreloadLibraries: ['pg_stat_statements'],
        pgHba: ['host all all 10.0.0.0/8 scram-sha-256'],
        pgIdent: ['map1 user1 app'],
        synchronous: { method: SynchronousMethod.ANY, number: 1, dataDurability: DataDurability.REQUIRED },
        enableAlterSystem: false,
      },
      bootstrap: {
        initdb: {
          database: 'payments',
          owner: 'payments',
          secret: appSecret,
          localeProvider: LocaleProvider.ICU,
          icuLocale: 'en-US',
          dataChecksums: true,
          walSegmentSize: 32,
          postInitApplicationSql: ['CREATE SCHEMA ledger'],
        },
      },
      managedRoles: [{
        name: 'reporting',
        ensure: RoleEnsure.PRESENT,
        login: true,
        connectionLimit: 10,
        inRoles: ['pg_read_all_data'],
        passwordSecret: kplus.Secret.fromSecretName(chart, 'reporting', 'payments-reporting'),
        validUntil: new Date('2027-01-01T00:00:00Z'),
      }],
      monitoring: { customQueries: [{ configMap: queries, key: 'queries.yaml' }], tls: true, metricsQueriesTtl: Duration.minutes(1) },
      barmanCloud: { objectStoreName: 'payments-store' },
      affinity: {
        podAntiAffinityType: PodAntiAffinityType.REQUIRED,
        topologyKey: 'topology.kubernetes.io/zone',
        nodeSelector: { workload: 'postgres' },
        tolerations: [{ key: 'dedicated', operator: TolerationOperator.EQUAL, value: 'postgres', effect: TaintEffect.NO_SCHEDULE }],
      },
      topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: WhenUnsatisfiable.SCHEDULE_ANYWAY }],
      primaryUpdateStrategy: PrimaryUpdateStrategy.SUPERVISED,
      primaryUpdateMethod: PrimaryUpdateMethod.SWITCHOVER,
      enableSuperuserAccess: true,
      superuserSecret: kplus.Secret.fromSecretName(chart, 'su', 'payments-superuser'),
      imagePullSecrets: [kplus.Secret.fromSecretName(chart, 'pull', 'registry-creds')],
      imagePullPolicy: ImagePullPolicy.IF_NOT_PRESENT,
      enablePdb: true,
      logLevel: LogLevel.DEBUG,
    });
    // THEN
    const manifest = clusterManifest(chart);
    expect(manifest).toMatchSnapshot();
    const spec = manifest.spec;
    expect(spec.resources).toEqual({ requests: { cpu: '500m', memory: '1Gi' }, limits: { cpu: '2', memory: '2Gi' } });
    expect(spec.bootstrap.initdb.secret).toEqual({ name: 'payments-app' });
    expect(spec.managed.roles[0].passwordSecret).toEqual({ name: 'payments-reporting' });
    expect(spec.managed.roles[0].validUntil).toBe('2027-01-01T00:00:00.000Z');
    expect(spec.monitoring).toEqual({ customQueriesConfigMap: [{ name: 'payments-queries', key: 'queries.yaml' }], tls: { enabled: true }, metricsQueriesTTL: '60s' });
    expect(spec.plugins).toEqual([{ name: 'barman-cloud.cloudnative-pg.io', isWALArchiver: true, parameters: { barmanObjectName: 'payments-store' } }]);
    expect(spec.topologySpreadConstraints[0].labelSelector).toEqual({ matchLabels: { 'cnpg.io/cluster': 'payments' } });
    expect(spec.postgresql.shared_preload_libraries).toEqual(['pg_stat_statements']);
    expect(spec.postgresql.pg_hba).toEqual(['host all all 10.0.0.0/8 scram-sha-256']);
    expect(spec.imagePullSecrets).toEqual([{ name: 'registry-creds' }]);
    expect(spec.walStorage).toEqual({ size: '5Gi', storageClass: 'fast' });
  });

  test('recovery from an external cluster through the Barman Cloud plugin', () => {
    const { chart, make } = withCatalog({
      bootstrap: { recovery: { source: 'origin', recoveryTarget: { targetTime: '2026-11-01T00:00:00Z' } } },
      externalClusters: [{ name: 'origin', plugin: { name: 'barman-cloud.cloudnative-pg.io', parameters: { barmanObjectName: 'origin-store' } } }],
    });
    make();
    const spec = clusterManifest(chart).spec;
    expect(spec.bootstrap).toEqual({ recovery: { source: 'origin', recoveryTarget: { targetTime: '2026-11-01T00:00:00Z' } } });
    expect(spec.externalClusters).toEqual([{ name: 'origin', plugin: { name: 'barman-cloud.cloudnative-pg.io', parameters: { barmanObjectName: 'origin-store' } } }]);
  });

  test('the escape hatch sets a field the construct does not model', () => {
    const { chart, make } = withCatalog();
    const cluster = make();
    cluster.apiObject.addJsonPatch(JsonPatch.add('/spec/postgresUID', 1001));
    expect(cluster.node.defaultChild).toBe(cluster.apiObject);
    expect(clusterManifest(chart).spec.postgresUID).toBe(1001);
  });
});

describe('Cluster rules', () => {
  // Each case builds a Cluster; what the props alone decide throws at construction, the admission rules
  // are reported at synth (with every other error of the app).
  const cases: Array<[string, () => unknown, string]> = [
    // image
    ['the "latest" tag', () => withCatalog({ image: ClusterImage.fromName('ghcr.io/cloudnative-pg/postgresql:latest'), requireDigest: false }).make(),
      '[test/db] image.imageName: "ghcr.io/cloudnative-pg/postgresql:latest" uses the "latest" tag; expected a version tag such as ":18.6-minimal-trixie" (webhook: "Can\'t use \'latest\' as image tag as we can\'t detect upgrades")'],
    ['an image without a tag (latest)', () => withCatalog({ image: ClusterImage.fromName('ghcr.io/cloudnative-pg/postgresql'), requireDigest: false }).make(),
      'Can\'t use \'latest\' as image tag as we can\'t detect upgrades'],
    ['a digest-only image', () => withCatalog({ image: ClusterImage.fromName(`ghcr.io/cloudnative-pg/postgresql@sha256:${'a'.repeat(64)}`) }).make(),
      'has a digest but no tag; the operator reads the PostgreSQL version from the tag (e.g. ":18.6-minimal-trixie@sha256:...") (webhook: "Can\'t use just the image sha as we can\'t detect upgrades")'],
    ['a tag that is not a version', () => withCatalog({ image: ClusterImage.fromName('ghcr.io/cloudnative-pg/postgresql:minimal-trixie'), requireDigest: false }).make(),
      'image.imageName: tag "minimal-trixie" of "ghcr.io/cloudnative-pg/postgresql:minimal-trixie" does not start with a PostgreSQL version; expected e.g. "18.6-minimal-trixie" (webhook: "invalid version tag")'],
    ['an image name that is not digest-pinned', () => withCatalog({ image: ClusterImage.fromName('ghcr.io/cloudnative-pg/postgresql:18.6-minimal-trixie') }).make(),
      '[test/db] image.imageName: "ghcr.io/cloudnative-pg/postgresql:18.6-minimal-trixie" is not digest-pinned; expected <registry>/<repository>[:<tag>]@sha256:<64 hex digits> (a tag can be moved, a digest cannot), or set requireDigest: false (library)'],
    ['a catalog major below 13', () => {
      const chart = newChart();
      const catalog = new ClusterImageCatalog(chart, 'catalog', { images: [{ major: 12, image: pinned('ghcr.io/x/pg', '12.20') }] });
      return new Cluster(chart, 'db', { metadata: { name: 'db' }, image: ClusterImage.fromCatalog(catalog, 12), storage: { size: Size.gibibytes(1) } });
    }, '[test/db] image.major: PostgreSQL 12 is not supported; expected 13 or later (webhook: "Unsupported PostgreSQL version. Versions 13 or newer are supported")'],
    ['an image name of major 12', () => withCatalog({ image: ClusterImage.fromName(pinned('ghcr.io/cloudnative-pg/postgresql', '12.20-bookworm')) }).make(),
      '[test/db] spec.imageName: PostgreSQL 12 is not supported; expected 13 or later (webhook: "Unsupported PostgreSQL version. Versions 13 or newer are supported")'],
    // name
    ['a name that is not a DNS-1035 label', () => withCatalog({ metadata: { name: '1st-db' } }).make(),
      '[test/db] metadata.name: "1st-db" is not a DNS-1035 label; expected lowercase letters, digits and "-", starting with a letter (webhook: "cluster name must be a valid DNS label")'],
    ['a name with a dot', () => withCatalog({ metadata: { name: 'db.prod' } }).make(), 'cluster name must be a valid DNS label'],
    ['a name of 51 characters', () => withCatalog({ metadata: { name: `d${'b'.repeat(50)}` } }).make(),
      `[test/db] metadata.name: "d${'b'.repeat(50)}" is 51 characters; at most 50 are accepted (webhook: "the maximum length of a cluster name is 50 characters")`],
    // instances and storage
    ['zero instances', () => withCatalog({ instances: 0 }).make(), '[test/db] instances: 0 is not accepted; expected an integer >= 1 (CRD schema)'],
    ['a zero storage size', () => withCatalog({ storage: { size: Size.gibibytes(0) } }).make(),
      '[test/db] storage.size: "0Gi" is not a usable volume size; expected a positive Size such as Size.gibibytes(10) (library)'],
    ['a missing storage size', () => withCatalog({ storage: {} as any }).make(),
      '[test/db] storage.size: no size; expected e.g. { size: Size.gibibytes(10) } (webhook: "Size not configured. Please add it, or a storage request in the pvcTemplate.")'],
    // parameters
    ['a fixed parameter', () => withCatalog({ postgresql: { parameters: { listen_addresses: '*' } } }).make(),
      '[test/db] spec.postgresql.parameters.listen_addresses: listen_addresses is managed by the operator and cannot be set (got "*") (webhook: "Can\'t set fixed configuration parameter")'],
    ['shared_preload_libraries as a parameter', () => withCatalog({ postgresql: { parameters: { shared_preload_libraries: 'pg_stat_statements' } } }).make(),
      'shared_preload_libraries is managed by the operator and cannot be set (got "pg_stat_statements"); use the shared_preload_libraries list of the postgresql configuration instead (webhook: "Can\'t set fixed configuration parameter")'],
    ['wal_log_hints off with 3 instances', () => withCatalog({ instances: 3, postgresql: { parameters: { wal_log_hints: 'off' } } }).make(),
      '[test/db] spec.postgresql.parameters.wal_log_hints: "off" turns wal_log_hints off, which pg_rewind needs to resync a former primary when instances is 3; remove it or set "on" (webhook: "`wal_log_hints` must be set to `on` when `instances` > 1")'],
    ['wal_log_hints that is not a boolean', () => withCatalog({ postgresql: { parameters: { wal_log_hints: 'maybe' } } }).make(),
      '(webhook: "invalid `wal_log_hints` value. Must be a postgres boolean")'],
    ['wal_level minimal', () => withCatalog({ postgresql: { parameters: { wal_level: 'minimal' } } }).make(),
      "(webhook: \"`wal_level` should be set at `logical` or `replica` when `archive_mode` is `on`, '.instances' field is greater than 1, or this is a replica cluster\")"],
    ['an unknown wal_level', () => withCatalog({ postgresql: { parameters: { wal_level: 'archive' } } }).make(),
      '(webhook: "unrecognized `wal_level` value - allowed values: `logical`, `replica`, `minimal`")'],
    ['a parameter value that is not a string', () => withCatalog({ postgresql: { parameters: { max_connections: 100 as any } } }).make(),
      '[test/db] spec.postgresql.parameters.max_connections: 100 is an integer; expected a string (quote it in YAML to make it a string) (CRD schema: "must be of type string")'],
    ['an invalid shared_buffers', () => withCatalog({ postgresql: { parameters: { shared_buffers: 'lots' } } }).make(),
      'Invalid value for configuration parameter shared_buffers. More info on accepted values format: https://www.postgresql.org/docs/current/config-setting.html#CONFIG-SETTING-NAMES-VALUES'],
    ['min_wal_size not below max_wal_size', () => withCatalog({ postgresql: { parameters: { min_wal_size: '2GB', max_wal_size: '1GB' } } }).make(),
      'Invalid vale. Parameter min_wal_size (default 80MB) should be smaller than parameter max_wal_size (default 1GB)'],
    ['max_wal_size larger than the WAL volume', () => withCatalog({ walStorage: { size: Size.gibibytes(1) }, postgresql: { parameters: { max_wal_size: '2GB' } } }).make(),
      'Invalid value. Parameter max_wal_size (default 1GB) should be smaller than WAL volume size'],
    // replication
    ['maxSyncReplicas equal to instances', () => withCatalog({ instances: 2, maxSyncReplicas: 2 }).make(),
      '[test/db] spec.maxSyncReplicas: maxSyncReplicas 2 is not lower than instances 2; expected at most 1 (webhook: "maxSyncReplicas must be lower than the number of instances")'],
    ['minSyncReplicas above maxSyncReplicas', () => withCatalog({ instances: 3, minSyncReplicas: 2, maxSyncReplicas: 1 }).make(),
      'minSyncReplicas cannot be greater than maxSyncReplicas'],
    ['legacy and new synchronous settings together', () => withCatalog({ instances: 3, maxSyncReplicas: 1, postgresql: { synchronous: { method: SynchronousMethod.ANY, number: 1 } } }).make(),
      "Can't have both legacy synchronous replica configuration and new one"],
    ['more synchronous standbys than instances', () => withCatalog({ instances: 2, postgresql: { synchronous: { method: SynchronousMethod.FIRST, number: 2 } } }).make(),
      'Invalid synchronous configuration: the number of synchronous replicas must be less than the total number of instances and the provided standby names.'],
    ['supervised with a single instance', () => withCatalog({ instances: 1, primaryUpdateStrategy: PrimaryUpdateStrategy.SUPERVISED }).make(),
      '[test/db] spec.primaryUpdateStrategy: supervised needs a replica to switch over to, but instances is 1; use unsupervised or add instances (webhook: "supervised update strategy is not allowed for clusters with a single instance")'],
    // bootstrap
    ['two bootstrap methods', () => withCatalog({
      bootstrap: { initdb: {}, recovery: { source: 'origin' } },
      externalClusters: [{ name: 'origin', plugin: { name: 'barman-cloud.cloudnative-pg.io' } }],
    }).make(), '[test/db] spec.bootstrap: initdb and recovery are set together; choose one bootstrap method (webhook: "Only one bootstrap method can be specified at a time")'],
    ['a recovery source that is no external cluster', () => withCatalog({ bootstrap: { recovery: { source: 'origin' } } }).make(),
      '[test/db] spec.bootstrap.recovery.source: "origin" names no entry of externalClusters; add an external cluster with that name (webhook: "External cluster origin not found")'],
    ['a recovery source that cannot be recovered from', () => withCatalog({ bootstrap: { recovery: { source: 'origin' } } }).make(),
      '[test/db] spec.bootstrap.recovery.source: external cluster "origin" has no connectionParameters, barmanObjectStore or plugin to recover from (webhook: "External cluster origin cannot be used for recovery: missing connection parameters, Barman, or CNPG-i configuration")'],
    ['two recovery targets', () => withCatalog({
      bootstrap: { recovery: { source: 'origin', recoveryTarget: { targetTime: '2026-01-01T00:00:00Z', targetLsn: '0/3000000' } } },
      externalClusters: [{ name: 'origin', plugin: { name: 'barman-cloud.cloudnative-pg.io' } }],
    }).make(), 'Recovery target options are mutually exclusive'],
    ['a WAL segment size that is not a power of 2', () => withCatalog({ bootstrap: { initdb: { walSegmentSize: 24 } } }).make(),
      '[test/db] spec.bootstrap.initdb.walSegmentSize: 24 MB is not a power of 2; expected 1, 2, 4, ... 1024 (webhook: "WAL segment size must be a power of 2")'],
    ['an external cluster with no way to connect', () => withCatalog({ externalClusters: [{ name: 'origin' }] }).make(),
      'one of connectionParameters, plugin and barmanObjectStore is required'],
    // resources
    ['a CPU request above the limit', () => withCatalog({ resources: { cpu: { request: kplus.Cpu.units(2), limit: kplus.Cpu.millis(500) } } }).make(),
      '[test/db] spec.resources.requests.cpu: CPU request "2" is greater than the limit "500m" (webhook: "CPU request is greater than the limit")'],
    ['a memory request above the limit', () => withCatalog({ resources: { memory: { request: Size.gibibytes(4), limit: Size.gibibytes(2) } } }).make(),
      '[test/db] spec.resources.requests.memory: memory request "4Gi" is greater than the limit "2Gi" (webhook: "Memory request is greater than the limit")'],
    ['shared_buffers above the memory request', () => withCatalog({
      resources: { memory: { request: Size.mebibytes(512) } },
      postgresql: { parameters: { shared_buffers: '1GB' } },
    }).make(), 'Memory request is lower than PostgreSQL `shared_buffers` value'],
    // roles, plugins, secrets
    ['a reserved role', () => withCatalog({ managedRoles: [{ name: 'postgres' }] }).make(),
      '[test/db] spec.managed.roles[0].name: "postgres" is reserved (postgres, streaming_replica and the cnpg_ and pg_ prefixes belong to the operator and PostgreSQL) (webhook: "This role is reserved for operator use")'],
    ['a duplicate role', () => withCatalog({ managedRoles: [{ name: 'app2' }, { name: 'app2' }] }).make(), 'Role name is duplicate of another'],
    ['a role that sets and disables a password', () => {
      const chart = newChart();
      const catalog = officialCatalog(chart);
      return new Cluster(chart, 'db', {
        metadata: { name: 'db' },
        image: ClusterImage.fromCatalog(catalog, 18),
        storage: { size: Size.gibibytes(1) },
        managedRoles: [{ name: 'r', passwordSecret: kplus.Secret.fromSecretName(chart, 's', 'r-pass'), disablePassword: true }],
      });
    }, 'This role both sets and disables a password'],
    ['two WAL archiver plugins', () => withCatalog({ barmanCloud: { objectStoreName: 'store' }, plugins: [{ name: 'other-archiver', isWalArchiver: true }] }).make(),
      '[test/db] spec.plugins: barman-cloud.cloudnative-pg.io, other-archiver are all WAL archivers; enable one (webhook: "Cannot enable more than one WAL archiver plugin")'],
    ['a password given in plain text', () => withCatalog({ managedRoles: [{ name: 'app2', passwordSecret: 'hunter2' as any }] }).make(),
      '[test/db] managedRoles[0].passwordSecret: a plain string is not a Secret reference; secrets are never accepted in plain text: pass a cdk8s-plus Secret (e.g. Secret.fromSecretName(this, \'id\', \'my-secret\')) (library)'],
    ['an image that is not a ClusterImage', () => withCatalog({ image: 'postgres:18' as any }).make(),
      '[test/db] image: expected ClusterImage.fromCatalog(catalog, major) or ClusterImage.fromName(imageName) (library)'],
  ];

  test.each(cases)('refuses %s', (_name, build, message) => {
    expect(() => {
      const built = build();
      if (built instanceof Cluster) Testing.synth(Chart.of(built));
    }).toThrow(message);
  });

  test('a catalog without the major fails at synth with what the operator would do', () => {
    // GIVEN a catalog of this app that carries 17 and 18 only
    const chart = newChart();
    const catalog = new ClusterImageCatalog(chart, 'catalog', { metadata: { name: 'pg' }, images: [{ major: 17, image: PG17 }, { major: 18, image: PG18 }] });
    new Cluster(chart, 'db', { metadata: { name: 'db' }, image: ClusterImage.fromCatalog(catalog, 16), storage: { size: Size.gibibytes(1) } });
    // THEN
    expect(() => Testing.synth(chart)).toThrow(
      '[test/db] image: ClusterImageCatalog/pg has no major 16 (it carries 17, 18); the operator would put the Cluster in phase "Cluster has incomplete or invalid image catalog" with reason "selected major version is not available in the catalog" (operator: "Cannot find major 16 in ClusterImageCatalog/pg")',
    );
  });

  test('an image added to the catalog after the Cluster satisfies the check', () => {
    const chart = newChart();
    const catalog = new ClusterImageCatalog(chart, 'catalog', { metadata: { name: 'pg' }, images: [{ major: 17, image: PG17 }] });
    new Cluster(chart, 'db', { metadata: { name: 'db' }, image: ClusterImage.fromCatalog(catalog, 18), storage: { size: Size.gibibytes(1) } });
    catalog.addImage({ major: 18, image: PG18 });
    expect(clusterManifest(chart).spec.imageCatalogRef.major).toBe(18);
  });

  test('an official catalog referenced with fromOfficial is cross-checked too', () => {
    const chart = newChart();
    const catalog = ClusterImageCatalog.fromOfficial(chart, 'catalog', { type: ImageType.STANDARD, os: DebianRelease.BOOKWORM });
    new Cluster(chart, 'db', { metadata: { name: 'db' }, image: ClusterImage.fromCatalog(catalog, 19), storage: { size: Size.gibibytes(1) } });
    expect(() => Testing.synth(chart)).toThrow('ClusterImageCatalog/postgresql-standard-bookworm has no major 19 (it carries 13, 14, 15, 16, 17, 18)');
  });

  test('a namespaced ImageCatalog of another namespace fails at synth', () => {
    const app = Testing.app();
    const shared = new Chart(app, 'shared', { namespace: 'shared' });
    const team = new Chart(app, 'team', { namespace: 'team' });
    const catalog = new ImageCatalog(shared, 'catalog', { metadata: { name: 'pg' }, images: [{ major: 18, image: PG18 }] });
    new Cluster(team, 'db', { metadata: { name: 'db' }, image: ClusterImage.fromCatalog(catalog, 18), storage: { size: Size.gibibytes(1) } });
    expect(() => team.toJson()).toThrow(
      '[team/db] image: ImageCatalog "pg" is in namespace "shared", but the Cluster is in "team"; a namespaced catalog is looked up in the Cluster\'s namespace only (use a ClusterImageCatalog to share one) (operator: "catalog ImageCatalog/pg not found")',
    );
  });

  test('an initdb database without an owner is accepted: the operator makes the owner the database name', () => {
    const { chart, make } = withCatalog({ bootstrap: { initdb: { database: 'orders' } } });
    make();
    expect(clusterManifest(chart).spec.bootstrap).toEqual({ initdb: { database: 'orders' } });
  });

  test('requireDigest: false accepts a tagged image name', () => {
    const { chart, make } = withCatalog({ image: ClusterImage.fromName('ghcr.io/cloudnative-pg/postgresql:18.6-minimal-trixie'), requireDigest: false });
    make();
    expect(clusterManifest(chart).spec.imageName).toBe('ghcr.io/cloudnative-pg/postgresql:18.6-minimal-trixie');
  });

  test('wal_log_hints off is fine with a single instance, and fixed parameters equal to the operator\'s value are accepted', () => {
    const { chart, make } = withCatalog({ instances: 1, postgresql: { parameters: { wal_log_hints: 'off', archive_mode: 'on' } } });
    make();
    expect(clusterManifest(chart).spec.postgresql.parameters).toEqual({ wal_log_hints: 'off', archive_mode: 'on' });
  });

  test('a name too long for the webhook, generated by cdk8s, is reported with the fix', () => {
    const chart = new Chart(Testing.app(), 'a-chart-with-a-rather-long-name-for-a-tenant');
    const catalog = officialCatalog(chart);
    expect(() => new Cluster(chart, 'primary-database', { image: ClusterImage.fromCatalog(catalog, 18), storage: { size: Size.gibibytes(1) } }))
      .toThrow('at most 50 are accepted (webhook: "the maximum length of a cluster name is 50 characters")');
  });

  test('a catalog major that is not an integer is refused', () => {
    const { catalog, chart } = withCatalog();
    expect(() => new Cluster(chart, 'db', { metadata: { name: 'db' }, image: ClusterImage.fromCatalog(catalog, 17.5), storage: { size: Size.gibibytes(1) } }))
      .toThrow('[test/db] image.major: 17.5 is not a PostgreSQL major; expected an integer such as 18 (library)');
  });

  test('a superuser secret given as a string is refused at construction', () => {
    expect(() => withCatalog({ superuserSecret: 'hunter2' as any }).make()).toThrow(
      '[test/db] superuserSecret: a plain string is not a Secret reference; secrets are never accepted in plain text',
    );
  });

  test('an ImageCatalog of a chart without namespace is in "default", not in the Cluster\'s namespace', () => {
    const app = Testing.app();
    const catalog = new ImageCatalog(new Chart(app, 'shared'), 'catalog', { metadata: { name: 'pg' }, images: [{ major: 18, image: PG18 }] });
    const team = new Chart(app, 'team', { namespace: 'team' });
    new Cluster(team, 'db', { metadata: { name: 'db' }, image: ClusterImage.fromCatalog(catalog, 18), storage: { size: Size.gibibytes(1) } });
    expect(() => team.toJson()).toThrow('[team/db] image: ImageCatalog "pg" is in namespace "default", but the Cluster is in "team"');
  });

  test('changing the props object after construction changes nothing: props are read once', () => {
    // GIVEN
    const roles = [{ name: 'app2' }];
    const parameters: { [k: string]: string } = { max_connections: '100' };
    const { chart, make } = withCatalog({ managedRoles: roles, postgresql: { parameters } });
    make();
    const first = clusterManifest(chart);
    // WHEN the caller's objects change after the Cluster was built (even into something invalid)
    roles.push({ name: 'postgres' });
    parameters.port = '5433';
    // THEN the next synth writes the same, valid manifest
    expect(clusterManifest(chart)).toEqual(first);
    expect(first.spec.managed.roles).toEqual([{ name: 'app2' }]);
  });

  test('the plugin of an external cluster keeps every field', () => {
    const { chart, make } = withCatalog({
      externalClusters: [{ name: 'origin', plugin: { name: 'barman-cloud.cloudnative-pg.io', enabled: true, isWalArchiver: false, parameters: { barmanObjectName: 'o' } } }],
    });
    make();
    expect(clusterManifest(chart).spec.externalClusters).toEqual([
      { name: 'origin', plugin: { name: 'barman-cloud.cloudnative-pg.io', enabled: true, isWALArchiver: false, parameters: { barmanObjectName: 'o' } } },
    ]);
  });

  test('fromClusterName refuses an invalid name', () => {
    expect(() => Cluster.fromClusterName(newChart(), 'ref', 'Bad_Name')).toThrow('[test/ref] name: "Bad_Name" is not a DNS-1035 label');
  });
});

describe('with synth-time validation turned off', () => {
  test('the operator\'s webhook rules still refuse a Cluster', () => {
    // GIVEN an app whose CRD schema and CEL checks are off
    const app = Testing.app();
    CnpgValidation.disable(app);
    const chart = new Chart(app, 'test');
    const catalog = ClusterImageCatalog.official(chart, 'catalog', { type: ImageType.MINIMAL, os: DebianRelease.TRIXIE });
    // WHEN a Cluster breaks a webhook rule
    new Cluster(chart, 'db', {
      metadata: { name: 'db' },
      instances: 1,
      primaryUpdateStrategy: PrimaryUpdateStrategy.SUPERVISED,
      image: ClusterImage.fromCatalog(catalog, 18),
      storage: { size: Size.gibibytes(1) },
    });
    // THEN synth still fails with the webhook's message
    expect(() => Testing.synth(chart)).toThrow('[test/db] spec.primaryUpdateStrategy: supervised needs a replica to switch over to, but instances is 1; use unsupervised or add instances (webhook: "supervised update strategy is not allowed for clusters with a single instance")');
  });

  test('Clusters with the same spec share the webhook\'s result, and each reports it', () => {
    const app = Testing.app();
    CnpgValidation.disable(app);
    const chart = new Chart(app, 'test');
    const catalog = ClusterImageCatalog.official(chart, 'catalog', { type: ImageType.MINIMAL, os: DebianRelease.TRIXIE });
    for (const namespace of ['team-a', 'team-b']) {
      new Cluster(chart, namespace, {
        metadata: { name: 'db', namespace },
        instances: 1,
        primaryUpdateStrategy: PrimaryUpdateStrategy.SUPERVISED,
        image: ClusterImage.fromCatalog(catalog, 18),
        storage: { size: Size.gibibytes(1) },
      });
    }
    let message = '';
    try {
      Testing.synth(chart);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain('[test/team-a] spec.primaryUpdateStrategy: supervised needs a replica');
    expect(message).toContain('[test/team-b] spec.primaryUpdateStrategy: supervised needs a replica');
  });

  test('a CRD schema error introduced through the escape hatch is not checked', () => {
    const app = Testing.app();
    CnpgValidation.disable(app);
    const chart = new Chart(app, 'test');
    const catalog = ClusterImageCatalog.official(chart, 'catalog', { type: ImageType.MINIMAL, os: DebianRelease.TRIXIE });
    const cluster = new Cluster(chart, 'db', { metadata: { name: 'db' }, image: ClusterImage.fromCatalog(catalog, 18), storage: { size: Size.gibibytes(1) } });
    cluster.apiObject.addJsonPatch(JsonPatch.add('/spec/unknownField', true));
    expect(Testing.synth(chart).find((m: any) => m.kind === 'Cluster').spec.unknownField).toBe(true);
  });
});
