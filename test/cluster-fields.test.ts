import { Chart, Duration, JsonPatch, Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import {
  Bootstrap,
  Cluster,
  ClusterImage,
  ClusterImageCatalog,
  ClusterProps,
  DebianRelease,
  EnvSource,
  ExternalCluster,
  ImageType,
  ImportType,
  ProbeStrategy,
  RecoverySource,
  RecoveryTarget,
  ReplicaBootstrap,
  ReplicaClusterPair,
  ReplicaSource,
  SeccompProfileType,
  ServiceSelectorType,
  ServiceType,
  ServiceUpdateStrategy,
  VolumeAccessMode,
  VolumeMode,
} from '../src';
import { newChart } from './util';

// The Cluster fields that production users write (replica clusters, every bootstrap kind, tablespaces,
// certificates, Services, pod settings): each reaches the manifest, and each webhook rule on them reaches
// the props, reported with the construct path and the operator's own message.

const ORIGIN: ExternalCluster = {
  name: 'origin',
  connectionParameters: { host: 'origin-rw.prod', user: 'streaming_replica', dbname: 'postgres', sslmode: 'verify-full' },
};

function image(chart: Chart) {
  return ClusterImage.fromCatalog(ClusterImageCatalog.fromOfficial(chart, 'catalog', { type: ImageType.MINIMAL, os: DebianRelease.TRIXIE }), 18);
}

/** A Cluster named db on major 18 in a fresh chart, with props. */
function cluster(props: Partial<ClusterProps> = {}, chart = newChart()) {
  const built = new Cluster(chart, 'db', { metadata: { name: 'db' }, image: image(chart), storage: { size: Size.gibibytes(1) }, ...props });
  return { chart, cluster: built };
}

function manifests(chart: Chart): any[] {
  return Testing.synth(chart).filter((m: any) => m.kind === 'Cluster');
}

function spec(props: Partial<ClusterProps>): any {
  return manifests(cluster(props).chart)[0].spec;
}

describe('bootstrap: one method, by type', () => {
  test('initdb', () => {
    const s = spec({ bootstrap: Bootstrap.initdb({ database: 'shop', owner: 'shop', dataChecksums: true }) });
    expect(s.bootstrap).toStrictEqual({ initdb: { database: 'shop', owner: 'shop', dataChecksums: true } });
  });

  test('recovery from a Barman Cloud object store, to a point in time: the external cluster is written with the source', () => {
    const { chart } = cluster({
      bootstrap: Bootstrap.recovery({
        from: RecoverySource.objectStore({ objectStoreName: 'shop-backups', serverName: 'shop-old' }),
        target: RecoveryTarget.time('2026-11-01 08:00:00.000000+00', { exclusive: true }),
        database: 'shop',
        owner: 'shop',
      }),
    });
    const [m] = manifests(chart);
    expect(m).toMatchSnapshot();
    expect(m.spec.bootstrap).toStrictEqual({
      recovery: { source: 'shop-old', database: 'shop', owner: 'shop', recoveryTarget: { targetTime: '2026-11-01 08:00:00.000000+00', exclusive: true } },
    });
    expect(m.spec.externalClusters).toStrictEqual([{
      name: 'shop-old',
      plugin: { name: 'barman-cloud.cloudnative-pg.io', parameters: { barmanObjectName: 'shop-backups', serverName: 'shop-old' } },
    }]);
  });

  test('recovery from volume snapshots, with the WAL archive of an object store', () => {
    const { chart } = cluster({
      walStorage: { size: Size.gibibytes(1) },
      tablespaces: [{ name: 'idx', storage: { size: Size.gibibytes(1) } }],
      bootstrap: Bootstrap.recovery({
        from: RecoverySource.volumeSnapshots({
          storage: 'db-1-snap',
          walStorage: 'db-1-wal-snap',
          tablespaceStorage: { idx: 'db-1-idx-snap' },
          walArchive: { name: 'db-old', barmanCloud: { objectStoreName: 'db-backups' } },
        }),
        target: RecoveryTarget.lsn('0/3000060'),
      }),
    });
    const [m] = manifests(chart);
    expect(m.spec.bootstrap).toMatchSnapshot();
    expect(m.spec.bootstrap.recovery.source).toBe('db-old');
    expect(m.spec.bootstrap.recovery.volumeSnapshots.storage).toStrictEqual({ name: 'db-1-snap', kind: 'VolumeSnapshot', apiGroup: 'snapshot.storage.k8s.io' });
    expect(m.spec.externalClusters.map((c: any) => c.name)).toStrictEqual(['db-old']);
  });

  test('recovery from a Backup, to a restore point of it', () => {
    const s = spec({ bootstrap: Bootstrap.recovery({ from: RecoverySource.backup('db-20261101'), target: RecoveryTarget.restorePoint('before-migration', { backupId: '20261101T000000' }) }) });
    expect(s.bootstrap).toStrictEqual({
      recovery: { backup: { name: 'db-20261101' }, recoveryTarget: { targetName: 'before-migration', backupID: '20261101T000000' } },
    });
    expect(s.externalClusters).toBeUndefined();
  });

  test('pg_basebackup from a running cluster, with its TLS client keys', () => {
    const chart = newChart();
    const tls = kplus.Secret.fromSecretName(chart, 'tls', 'origin-replication');
    const { chart: c } = cluster({
      bootstrap: Bootstrap.pgBasebackup({
        source: { ...ORIGIN, sslCert: { secret: tls, key: 'tls.crt' }, sslKey: { secret: tls, key: 'tls.key' }, sslRootCert: { secret: tls, key: 'ca.crt' } },
      }),
    }, chart);
    const [m] = manifests(c);
    expect(m.spec.bootstrap).toStrictEqual({ pg_basebackup: { source: 'origin' } });
    expect(m.spec.externalClusters).toMatchSnapshot();
  });

  test('import of databases from another cluster', () => {
    const s = spec({
      bootstrap: Bootstrap.import({ type: ImportType.MICROSERVICE, source: ORIGIN, databases: ['shop'], database: 'shop', owner: 'shop', schemaOnly: true }),
    });
    expect(s.bootstrap).toStrictEqual({
      initdb: { database: 'shop', owner: 'shop', import: { type: 'microservice', source: { externalCluster: 'origin' }, databases: ['shop'], schemaOnly: true } },
    });
    expect(s.externalClusters).toStrictEqual([ORIGIN]);
  });

  test('every kind, side by side (snapshot)', () => {
    const kinds: { [kind: string]: Bootstrap } = {
      initdb: Bootstrap.initdb({ database: 'shop', owner: 'shop', encoding: 'UTF8' }),
      recoveryFromObjectStore: Bootstrap.recovery({ from: RecoverySource.objectStore({ objectStoreName: 'store', serverName: 'old' }), target: RecoveryTarget.immediate({ backupId: 'b1' }) }),
      recoveryFromVolumeSnapshots: Bootstrap.recovery({ from: RecoverySource.volumeSnapshots({ storage: 'snap', persistentVolumeClaims: true }) }),
      recoveryFromBackup: Bootstrap.recovery({ from: RecoverySource.backup('nightly'), target: RecoveryTarget.date(new Date('2026-11-01T08:00:00Z')) }),
      pgBasebackup: Bootstrap.pgBasebackup({ source: ORIGIN, database: 'shop', owner: 'shop' }),
      import: Bootstrap.import({ type: ImportType.MONOLITH, source: ORIGIN, databases: ['*'], roles: ['*'] }),
    };
    const written = Object.fromEntries(Object.entries(kinds).map(([kind, bootstrap]) => {
      const s = spec({ bootstrap });
      return [kind, s.externalClusters ? { bootstrap: s.bootstrap, externalClusters: s.externalClusters } : { bootstrap: s.bootstrap }];
    }));
    expect(written).toMatchSnapshot();
    expect(Object.values(kinds).map((b) => b.method)).toStrictEqual(['initdb', 'recovery', 'recovery', 'recovery', 'pg_basebackup', 'initdb']);
  });

  test('one external cluster given twice, identically, is written once; two different ones of one name are refused', () => {
    const s = spec({ externalClusters: [ORIGIN], bootstrap: Bootstrap.pgBasebackup({ source: ORIGIN }) });
    expect(s.externalClusters).toStrictEqual([ORIGIN]);
    expect(() => cluster({ externalClusters: [{ ...ORIGIN, connectionParameters: { host: 'elsewhere' } }], bootstrap: Bootstrap.pgBasebackup({ source: ORIGIN }) }))
      .toThrow('[test/db] bootstrap (pg_basebackup): external cluster "origin" is defined differently by externalClusters[0]; one name, one definition (the operator would refuse the duplicate: "the list of external clusters contains duplicate values") (library)');
  });

  test('an external cluster with both barmanCloud and plugin is refused', () => {
    expect(() => cluster({ externalClusters: [{ name: 'x', barmanCloud: { objectStoreName: 's' }, plugin: { name: 'p' } }] }))
      .toThrow('[test/db] externalClusters[0]: external cluster "x" has both barmanCloud and plugin; barmanCloud is the Barman Cloud plugin, give one (library)');
  });
});

describe('replica clusters', () => {
  function members(app = Testing.app()) {
    const eu = new Chart(app, 'eu', { namespace: 'shop' });
    const us = new Chart(app, 'us', { namespace: 'shop' });
    const props = (chart: Chart, name: string): ClusterProps => ({
      metadata: { name }, image: image(chart), instances: 3, storage: { size: Size.gibibytes(10) }, barmanCloud: { objectStoreName: `${name}-store` },
    });
    return {
      app,
      primary: { scope: eu, id: 'db', props: props(eu, 'shop-eu'), connection: { barmanCloud: { objectStoreName: 'shop-eu-store' } } },
      replica: { scope: us, id: 'db', props: props(us, 'shop-us'), connection: { barmanCloud: { objectStoreName: 'shop-us-store' } } },
    };
  }

  test('a pair in a distributed topology: both sides list both clusters, name the same primary, and follow each other', () => {
    const { app, primary, replica } = members();
    const pair = new ReplicaClusterPair({ primary, replica });
    const [p, r] = [Testing.synth(Chart.of(pair.primary))[0], Testing.synth(Chart.of(pair.replica))[0]];
    expect([p, r]).toMatchSnapshot();
    expect(p.spec.replica).toStrictEqual({ primary: 'shop-eu', source: 'shop-us', self: 'shop-eu' });
    expect(r.spec.replica).toStrictEqual({ primary: 'shop-eu', source: 'shop-eu', self: 'shop-us' });
    expect(r.spec.bootstrap).toStrictEqual({ recovery: { source: 'shop-eu' } });
    expect(p.spec.externalClusters).toStrictEqual(r.spec.externalClusters);
    expect(app.synthYaml()).toContain('name: shop-us');
  });

  test('a one-way replica cluster, created with pg_basebackup, with a delay', () => {
    const { primary, replica } = members();
    const pair = new ReplicaClusterPair({
      primary: { ...primary, connection: { connectionParameters: ORIGIN.connectionParameters } },
      replica,
      distributed: false,
      replicaBootstrap: ReplicaBootstrap.PG_BASEBACKUP,
      minApplyDelay: Duration.hours(1),
    });
    const r = Testing.synth(Chart.of(pair.replica))[0];
    expect(r.spec.replica).toStrictEqual({ enabled: true, source: 'shop-eu', minApplyDelay: '3600s' });
    expect(r.spec.bootstrap).toStrictEqual({ pg_basebackup: { source: 'shop-eu' } });
    expect(r.spec.externalClusters).toStrictEqual([{ ...ORIGIN, name: 'shop-eu' }]);
    expect(Testing.synth(Chart.of(pair.primary))[0].spec.replica).toBeUndefined();
  });

  test.each([
    ['a member without a name', (m: ReturnType<typeof members>) => ({ primary: { ...m.primary, props: { ...m.primary.props, metadata: {} } }, replica: m.replica }),
      '[eu/db] primary.props.metadata.name: is missing; each member needs a name, which the other member\'s external cluster entry carries (library)'],
    ['two members of one name', (m: ReturnType<typeof members>) => ({ primary: m.primary, replica: { ...m.replica, props: { ...m.replica.props, metadata: { name: 'shop-eu' } } } }),
      '[us/db] replica.props.metadata.name: both members are named "shop-eu"; the names tell the members apart on both sides'],
    ['a replica with its own bootstrap', (m: ReturnType<typeof members>) => ({ primary: m.primary, replica: { ...m.replica, props: { ...m.replica.props, bootstrap: Bootstrap.initdb() } } }),
      '[us/db] replica.props.bootstrap: is set by the pair (see replicaBootstrap); leave it out (library)'],
    ['a member with its own replica section', (m: ReturnType<typeof members>) => ({ primary: { ...m.primary, props: { ...m.primary.props, replica: ReplicaSource.fromExternalCluster(ORIGIN) } }, replica: m.replica }),
      '[eu/db] primary.props.replica: is set by the pair; leave it out (library)'],
    ['recovery without the primary\'s object store', (m: ReturnType<typeof members>) => ({ primary: { ...m.primary, connection: { connectionParameters: ORIGIN.connectionParameters } }, replica: m.replica, replicaBootstrap: ReplicaBootstrap.RECOVERY }),
      '[us/db] replicaBootstrap: RECOVERY reads the primary\'s backups: give primary.connection.barmanCloud (or a plugin) (library)'],
    ['pg_basebackup without a connection', (m: ReturnType<typeof members>) => ({ primary: m.primary, replica: m.replica, replicaBootstrap: ReplicaBootstrap.PG_BASEBACKUP }),
      '[us/db] replicaBootstrap: PG_BASEBACKUP streams from the primary: give primary.connection.connectionParameters (library)'],
  ])('refuses %s when the pair is declared', (_name, props, message) => {
    expect(() => new ReplicaClusterPair(props(members()))).toThrow(message);
  });

  test('a member the other cannot reach is refused at synth by the webhook, on the member that lists it', () => {
    const { primary, replica } = members();
    const pair = new ReplicaClusterPair({ primary, replica: { ...replica, connection: {} } });
    expect(() => Testing.synth(Chart.of(pair.primary))).toThrow(
      '[eu/db] spec.externalClusters[1]: external cluster "shop-us" has no connectionParameters, plugin or barmanObjectStore (webhook: "one of connectionParameters, plugin and barmanObjectStore is required")',
    );
  });

  test('ReplicaSource.fromExternalCluster: enabled, with its source', () => {
    const s = spec({ replica: ReplicaSource.fromExternalCluster(ORIGIN), bootstrap: Bootstrap.pgBasebackup({ source: ORIGIN }) });
    expect(s.replica).toStrictEqual({ enabled: true, source: 'origin' });
    expect(s.externalClusters).toStrictEqual([ORIGIN]);
  });
});

describe('volumes, certificates, Services and pods', () => {
  test('tablespaces, a pvcTemplate and ephemeral volumes', () => {
    const s = spec({
      storage: { pvcTemplate: { storageRequest: Size.gibibytes(20), accessModes: [VolumeAccessMode.READ_WRITE_ONCE], volumeMode: VolumeMode.FILESYSTEM, storageClassName: 'fast' } },
      tablespaces: [
        { name: 'idx', owner: 'shop', storage: { size: Size.gibibytes(5), storageClass: 'fast' } },
        { name: 'scratch', temporary: true, storage: { size: Size.gibibytes(2) } },
      ],
      ephemeralVolumeSource: { size: Size.gibibytes(4), storageClassName: 'local' },
      ephemeralVolumesSizeLimit: { shm: Size.mebibytes(256) },
    });
    const { storage, tablespaces, ephemeralVolumeSource, ephemeralVolumesSizeLimit } = s;
    expect({ storage, tablespaces, ephemeralVolumeSource, ephemeralVolumesSizeLimit }).toMatchSnapshot();
    expect(s.storage).toStrictEqual({
      pvcTemplate: { accessModes: ['ReadWriteOnce'], volumeMode: 'Filesystem', storageClassName: 'fast', resources: { requests: { storage: '20Gi' } } },
    });
    expect(s.tablespaces[0]).toStrictEqual({ name: 'idx', owner: { name: 'shop' }, storage: { size: '5Gi', storageClass: 'fast' } });
  });

  test('certificates and managed services', () => {
    const chart = newChart();
    const secret = (name: string) => kplus.Secret.fromSecretName(chart, name, name);
    const { chart: c } = cluster({
      certificates: { serverCaSecret: secret('shop-ca'), serverTlsSecret: secret('shop-tls'), clientCaSecret: secret('shop-client-ca'), replicationTlsSecret: secret('shop-repl') },
      managedServices: {
        disabledDefaultServices: [ServiceSelectorType.R, ServiceSelectorType.RO],
        additional: [{
          name: 'shop-lb',
          selectorType: ServiceSelectorType.RW,
          serviceType: ServiceType.LOAD_BALANCER,
          updateStrategy: ServiceUpdateStrategy.REPLACE,
          annotations: { 'service.beta.kubernetes.io/aws-load-balancer-internal': 'true' },
          loadBalancerSourceRanges: ['10.0.0.0/8'],
        }],
      },
    }, chart);
    const s = manifests(c)[0].spec;
    expect({ certificates: s.certificates, managed: s.managed }).toMatchSnapshot();
    expect(s.certificates).toStrictEqual({ serverCASecret: 'shop-ca', serverTLSSecret: 'shop-tls', clientCASecret: 'shop-client-ca', replicationTLSSecret: 'shop-repl' });
    expect(s.managed.services.additional[0].serviceTemplate.metadata.name).toBe('shop-lb');
  });

  test('every pod setting reaches the manifest in the CRD\'s units', () => {
    const chart = newChart();
    const envSecret = kplus.Secret.fromSecretName(chart, 'env', 'shop-env');
    const s = spec({
      env: { TZ: kplus.EnvValue.fromValue('UTC'), API_KEY: kplus.EnvValue.fromSecretValue({ secret: envSecret, key: 'api-key' }) },
      envFrom: [EnvSource.fromConfigMap(kplus.ConfigMap.fromConfigMapName(chart, 'cm', 'shop-config'), { prefix: 'SHOP_' }), EnvSource.fromSecret(envSecret)],
      serviceAccountTemplate: { annotations: { 'iam.gke.io/gcp-service-account': 'shop@project.iam.gserviceaccount.com' } },
      probes: {
        startup: { type: ProbeStrategy.STREAMING, maximumLag: Size.mebibytes(64) },
        liveness: { period: Duration.seconds(10), isolationCheck: { enabled: true, requestTimeout: Duration.millis(500) } },
        readiness: { timeout: Duration.seconds(5), failureThreshold: 6 },
      },
      affinity: {
        nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'workload', operator: 'In', values: ['postgres'] }] }] } },
        additionalPodAntiAffinity: {
          preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 50, podAffinityTerm: { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { app: 'kafka' } } } }],
        },
      },
      replicationSlots: { highAvailability: true, slotPrefix: '_shop_', synchronizeReplicas: true, excludePatterns: ['^tmp_'], updateInterval: Duration.seconds(15) },
      postgresUid: 1001,
      postgresGid: 1001,
      priorityClassName: 'databases',
      schedulerName: 'stork',
      seccompProfile: { type: SeccompProfileType.LOCALHOST, localhostProfile: 'profiles/postgres.json' },
      startDelay: Duration.minutes(30),
      stopDelay: Duration.minutes(10),
      switchoverDelay: Duration.minutes(5),
      smartShutdownTimeout: Duration.seconds(60),
      failoverDelay: Duration.seconds(15),
    });
    expect(s).toMatchSnapshot();
    expect([s.startDelay, s.stopDelay, s.switchoverDelay, s.smartShutdownTimeout, s.failoverDelay]).toStrictEqual([1800, 600, 300, 60, 15]);
    expect(s.env).toStrictEqual([{ name: 'TZ', value: 'UTC' }, { name: 'API_KEY', valueFrom: { secretKeyRef: { name: 'shop-env', key: 'api-key' } } }]);
    expect(s.probes.liveness.isolationCheck).toStrictEqual({ enabled: true, requestTimeout: 500 });
    expect(s.replicationSlots).toStrictEqual({
      highAvailability: { enabled: true, slotPrefix: '_shop_' }, synchronizeReplicas: { enabled: true, excludePatterns: ['^tmp_'] }, updateInterval: 15,
    });
  });

  test.each([
    ['startDelay', { startDelay: Duration.millis(1500) }, '[test/db] startDelay: 1500 ms is not a whole number of seconds; the field is an integer number of seconds: give e.g. Duration.seconds(2) (library)'],
    ['failoverDelay', { failoverDelay: Duration.millis(200) }, '[test/db] failoverDelay: 200 ms is not a whole number of seconds'],
    ['a probe period', { probes: { readiness: { period: Duration.millis(2500) } } }, '[test/db] probes.readiness.period: 2500 ms is not a whole number of seconds'],
    ['an isolation check timeout', { probes: { liveness: { isolationCheck: { requestTimeout: Duration.seconds(0.0005) } } } }, '[test/db] probes.liveness.isolationCheck.requestTimeout: 0.5 ms is not a whole number of milliseconds'],
    ['the slots\' update interval', { replicationSlots: { updateInterval: Duration.millis(100) } }, '[test/db] replicationSlots.updateInterval: 100 ms is not a whole number of seconds'],
  ] as Array<[string, Partial<ClusterProps>, string]>)('refuses, at construction, %s that is not whole', (_name, props, message) => {
    expect(() => cluster(props)).toThrow(message);
  });

  test('a volume needs a size or a pvcTemplate storage request, refused at construction with the webhook\'s message', () => {
    expect(() => cluster({ tablespaces: [{ name: 'idx', storage: { storageClass: 'fast' } }] })).toThrow(
      '[test/db] tablespaces[0].storage.size: no size; set size (e.g. "10Gi") or a storage request in pvcTemplate (webhook: "Size not configured. Please add it, or a storage request in the pvcTemplate.")',
    );
  });
});

describe('the webhook\'s rules on these fields reach the props, at synth, with the construct path', () => {
  const chart = () => newChart();
  const secret = (c: Chart, name: string) => kplus.Secret.fromSecretName(c, name, name);
  const cases: Array<[string, (c: Chart) => Partial<ClusterProps>, string]> = [
    // bootstrap and recovery
    ['a restore point without a backup ID', () => ({ bootstrap: Bootstrap.recovery({ from: RecoverySource.objectStore({ objectStoreName: 's', serverName: 'old' }), target: RecoveryTarget.restorePoint('p') }) }),
      '[test/db] spec.bootstrap.recovery.recoveryTarget: a name, XID or immediate target needs backupID, the backup to restore from (webhook: "BackupID is missing")'],
    ['an immediate target without a backup ID', () => ({ bootstrap: Bootstrap.recovery({ from: RecoverySource.objectStore({ objectStoreName: 's', serverName: 'old' }), target: RecoveryTarget.immediate() }) }),
      '(webhook: "BackupID is missing")'],
    ['a target time of another format', () => ({ bootstrap: Bootstrap.recovery({ from: RecoverySource.backup('b'), target: RecoveryTarget.time('yesterday') }) }),
      '[test/db] spec.bootstrap.recovery.recoveryTarget: targetTime "yesterday" is not a timestamp; expected "YYYY-MM-DD HH24:MI:SS[.FF6][+TZH[:TZM]]" or RFC 3339 (webhook: "The format of TargetTime is invalid")'],
    ['an LSN that is not one', () => ({ bootstrap: Bootstrap.recovery({ from: RecoverySource.backup('b'), target: RecoveryTarget.lsn('3000060') }) }),
      '(webhook: "Invalid TargetLSN")'],
    ['a restore point name of 64 bytes', () => ({ bootstrap: Bootstrap.recovery({ from: RecoverySource.backup('b'), target: RecoveryTarget.restorePoint('p'.repeat(64), { backupId: 'x' }) }) }),
      '[test/db] spec.bootstrap.recovery.recoveryTarget.targetName: ' + `"${'p'.repeat(64)}" is 64 bytes; PostgreSQL restore point names are shorter than 64 (webhook: "recovery target name must be shorter than 64 bytes")`],
    ['timeline 0', () => ({ bootstrap: Bootstrap.recovery({ from: RecoverySource.backup('b'), target: RecoveryTarget.lsn('0/3000060', { timeline: 0 }) }) }),
      '(webhook: "recovery target timeline can be set to \'latest\' or a positive integer")'],
    ['a backup ID with volume snapshots', () => ({ bootstrap: Bootstrap.recovery({ from: RecoverySource.volumeSnapshots({ storage: 'snap' }), target: RecoveryTarget.immediate({ backupId: 'x' }) }) }),
      '[test/db] spec.bootstrap.recovery.recoveryTarget.backupID: "x" is set with volumeSnapshots; the snapshots are the backup: remove backupID (webhook: "Cannot specify a backupID when recovering using a DataSource")'],
    ['a WAL snapshot without walStorage', () => ({ bootstrap: Bootstrap.recovery({ from: RecoverySource.volumeSnapshots({ storage: 'snap', walStorage: 'wal-snap' }) }) }),
      '(webhook: "A WAL storage configuration is required when recovering using a DataSource for WALs")'],
    ['a microservice import of two databases', () => ({ bootstrap: Bootstrap.import({ type: ImportType.MICROSERVICE, source: ORIGIN, databases: ['a', 'b'] }) }),
      '[test/db] spec.bootstrap.initdb.import.databases: 2 databases are listed; a microservice import takes exactly one (webhook: "You need to specify a single database for the `microservice` import type")'],
    ['a microservice import of roles', () => ({ bootstrap: Bootstrap.import({ type: ImportType.MICROSERVICE, source: ORIGIN, databases: ['a'], roles: ['r'] }) }),
      '(webhook: "You cannot specify roles to import for the `microservice` import type")'],
    ['a monolith import with post-import SQL', () => ({ bootstrap: Bootstrap.import({ type: ImportType.MONOLITH, source: ORIGIN, databases: ['*'], postImportApplicationSql: ['SELECT 1'] }) }),
      '(webhook: "postImportApplicationSQL is not allowed for the `monolith` import type")'],
    ['a monolith import mixing "*" with names', () => ({ bootstrap: Bootstrap.import({ type: ImportType.MONOLITH, source: ORIGIN, databases: ['*', 'a'] }) }),
      '(webhook: "Wildcard import cannot be used along other database names")'],
    // external and replica clusters
    ['an external cluster with no way to connect', () => ({ externalClusters: [{ name: 'origin' }] }),
      '[test/db] spec.externalClusters[0]: external cluster "origin" has no connectionParameters, plugin or barmanObjectStore (webhook: "one of connectionParameters, plugin and barmanObjectStore is required")'],
    ['an external cluster name that is a path', () => ({ externalClusters: [{ ...ORIGIN, name: 'a/b' }] }),
      '[test/db] spec.externalClusters[0].name: "a/b" would be used as a file name; it must not contain "/", "\\" or be "." or ".." (webhook: "cannot contain a path separator or a \'..\' component")'],
    ['a TLS key name that is a path', (c) => ({ externalClusters: [{ ...ORIGIN, sslKey: { secret: secret(c, 'k'), key: '../tls.key' } }] }),
      '[test/db] spec.externalClusters[0].sslKey.key: "../tls.key" would be used as a file name'],
    ['a replica cluster without a bootstrap', () => ({ replica: ReplicaSource.fromExternalCluster(ORIGIN) }),
      '[test/db] spec.replica: a new replica cluster must bootstrap from its source with pg_basebackup or recovery, not initdb (webhook: "replica mode bootstrap is compatible only with pg_basebackup or recovery")'],
    ['a promotion token with a delay', () => ({ replica: ReplicaSource.distributed({ primary: { ...ORIGIN, name: 'db' }, source: ORIGIN, promotionToken: 'e30=', minApplyDelay: Duration.hours(1) }) }),
      '[test/db] spec.replica.minApplyDelay: minApplyDelay is set with a promotionToken; remove one of them (webhook: "minApplyDelay cannot be applied with a promotion token")'],
    ['a promotion token on a replica', () => ({
      bootstrap: Bootstrap.pgBasebackup({ source: ORIGIN }),
      replica: ReplicaSource.distributed({ primary: ORIGIN, source: ORIGIN, promotionToken: 'e30=' }),
    }), '(webhook: "promotionToken is only allowed for primary clusters")'],
    ['a promotion token that is not one', () => ({ replica: ReplicaSource.distributed({ primary: { ...ORIGIN, name: 'db' }, source: ORIGIN, promotionToken: 'not-base64!' }) }),
      '(webhook: "Invalid promotionToken format: invalid promotion token (Base64 decoding failed)")'],
    // volumes
    ['a tablespace named pg_*', () => ({ tablespaces: [{ name: 'pg_idx', storage: { size: Size.gibibytes(1) } }] }),
      '[test/db] spec.tablespaces[0]: "pg_idx" is not a tablespace name: tablespace names beginning \'pg_\' are reserved for Postgres (webhook: "tablespace names beginning \'pg_\' are reserved for Postgres")'],
    ['two tablespaces of one name', () => ({ tablespaces: [{ name: 'idx', storage: { size: Size.gibibytes(1) } }, { name: 'IDX', storage: { size: Size.gibibytes(1) } }] }),
      '(webhook: "duplicate tablespace name")'],
    ['an ephemeral volume with a temporary data limit', () => ({ ephemeralVolumeSource: { size: Size.gibibytes(1) }, ephemeralVolumesSizeLimit: { temporaryData: Size.gibibytes(1) } }),
      '[test/db] spec.ephemeralVolumeSource: ephemeralVolumeSource and ephemeralVolumesSizeLimit.temporaryData are both set; the volume source defines the size, remove one (webhook: "Conflicting settings: provide either ephemeralVolumeSource or ephemeralVolumesSizeLimit.TemporaryData, not both.")'],
    // certificates, services, pods
    ['a server certificate without its CA', (c) => ({ certificates: { serverTlsSecret: secret(c, 'tls') } }),
      '[test/db] spec.certificates.serverCASecret: serverTLSSecret is set without serverCASecret; give the CA that signed the server certificate (webhook: "Server CA secret can\'t be empty when server TLS secret is provided")'],
    ['server alt names with a server certificate', (c) => ({ certificates: { serverTlsSecret: secret(c, 'tls'), serverCaSecret: secret(c, 'ca'), serverAltDnsNames: ['db.example.com'] } }),
      '(webhook: "Server alternative DNS names can\'t be defined when server TLS secret is provided")'],
    ['a replication certificate without the client CA', (c) => ({ certificates: { replicationTlsSecret: secret(c, 'repl') } }),
      '(webhook: "Client CA secret can\'t be empty when client replication secret is provided")'],
    ['the rw service disabled', () => ({ managedServices: { disabledDefaultServices: [ServiceSelectorType.RW] } }),
      '[test/db] spec.managed.services.disabledDefaultServices: the rw service cannot be disabled: applications reach the primary through it (webhook: "service of type RW cannot be disabled.")'],
    ['an additional service named as the operator\'s', () => ({ managedServices: { additional: [{ name: 'db-rw', selectorType: ServiceSelectorType.RW }] } }),
      '(webhook: "the service name: \'db-rw\' is reserved for operator use")'],
    ['two additional services of one name', () => ({ managedServices: { additional: [{ name: 'lb', selectorType: ServiceSelectorType.RW }, { name: 'lb', selectorType: ServiceSelectorType.RO }] } }),
      '(webhook: "contains services with the same .metadata.name")'],
    ['an environment variable the operator sets', () => ({ env: { PGDATA: kplus.EnvValue.fromValue('/data') } }),
      '[test/db] spec.env[0].name: "PGDATA" is reserved by the operator'],
    ['a slot exclusion pattern that is no regular expression', () => ({ replicationSlots: { excludePatterns: ['(unclosed'] } }),
      '(webhook: "Cannot configure synchronizeReplicas. Invalid regexes were found")'],
    ['logical decoding slots without hot_standby_feedback', () => ({ replicationSlots: { synchronizeLogicalDecoding: true } }),
      '(webhook: "`hot_standby_feedback` must be enabled to enable `spec.replicationSlots.highAvailability.synchronizeLogicalDecoding`")'],
  ];

  test.each(cases)('%s', (_name, props, message) => {
    const c = chart();
    cluster(props(c), c);
    expect(() => Testing.synth(c)).toThrow(message);
  });

  test('a JSON patch cannot bring back what the types rule out: two bootstrap methods', () => {
    const { chart: c, cluster: db } = cluster({ bootstrap: Bootstrap.initdb() });
    db.apiObject.addJsonPatch(JsonPatch.add('/spec/bootstrap/recovery', { source: 'origin' }));
    expect(() => Testing.synth(c)).toThrow('[test/db] spec.bootstrap: initdb and recovery are set together; choose one bootstrap method (webhook: "Only one bootstrap method can be specified at a time")');
  });
});
