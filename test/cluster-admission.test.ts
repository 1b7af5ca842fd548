import { Chart, Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Cluster, ClusterImage, ClusterImageCatalog, ClusterProps, CnpgValidation, DebianRelease, IssueSeverity, ImageType, TolerationOperator, TaintEffect } from '../src';
import { newChart, pinned } from './util';
import { clusterUpdateViolations } from '../src/rules/webhook';

// What CloudNativePG 1.30.0 admits and refuses that the library used to get wrong (issue 10): each false
// refusal is now admitted, each missing rule refused with the operator's message, through the Cluster
// construct where a prop maps to the rule and through validateManifest for any manifest. The conformance
// suite (test/conformance/) holds upstream's own cases; these are the library's regressions.

/** A Cluster on the official catalog's major 18, with props. */
function withCatalog(props: Partial<ClusterProps> = {}) {
  const chart = newChart();
  const catalog = ClusterImageCatalog.official(chart, 'catalog', { type: ImageType.MINIMAL, os: DebianRelease.TRIXIE });
  const make = () => new Cluster(chart, 'db', { metadata: { name: 'db' }, image: ClusterImage.fromCatalog(catalog, 18), storage: { size: Size.gibibytes(1) }, ...props });
  return { chart, make };
}

function synthCluster(chart: Chart): any {
  return Testing.synth(chart).find((m: any) => m.kind === 'Cluster');
}

/** A Cluster manifest on major 18 with a storage size, then `spec`. */
function manifest(spec: object = {}, metadata: object = {}): any {
  return {
    apiVersion: 'postgresql.cnpg.io/v1',
    kind: 'Cluster',
    metadata: { name: 'pg', ...metadata },
    spec: { imageName: 'ghcr.io/cloudnative-pg/postgresql:18.6-minimal-trixie', storage: { size: '1Gi' }, ...spec },
  };
}

/** The errors (not the library's own warnings, e.g. an image without a digest: the cluster accepts it). */
function issues(m: unknown): string[] {
  return CnpgValidation.validateManifest(m).filter((i) => i.severity === IssueSeverity.ERROR).map((i) => i.text);
}

const ORIGIN = { name: 'origin', connectionParameters: { host: 'origin-rw', dbname: 'app', user: 'streaming_replica' } };

describe('admitted, as CloudNativePG admits them (false refusals fixed)', () => {
  test('a recovery source with connectionParameters (1.27 and later)', () => {
    const { chart, make } = withCatalog({ bootstrap: { recovery: { source: 'origin' } }, externalClusters: [ORIGIN] });
    make();
    expect(synthCluster(chart).spec.bootstrap.recovery.source).toBe('origin');
  });

  test('recovery with a database and no owner, or the reverse: the defaults fill the other in', () => {
    const { chart, make } = withCatalog({ bootstrap: { recovery: { source: 'origin', database: 'payments' } }, externalClusters: [ORIGIN] });
    make();
    expect(synthCluster(chart).spec.bootstrap.recovery).toEqual({ source: 'origin', database: 'payments' });
    expect(issues(manifest({ bootstrap: { recovery: { source: 'origin', owner: 'payments' } }, externalClusters: [ORIGIN] }))).toEqual([]);
  });

  test('pg_basebackup with a database and no owner, or the reverse', () => {
    for (const half of [{ database: 'payments' }, { owner: 'payments' }]) {
      expect(issues(manifest({ bootstrap: { pg_basebackup: { source: 'origin', ...half } }, externalClusters: [ORIGIN] }))).toEqual([]);
    }
  });

  test('a three-part version tag (16.2.0-debian-12-r8 is PostgreSQL 16)', () => {
    const image = pinned('docker.io/bitnami/postgresql', '16.2.0-debian-12-r8');
    const chart = newChart();
    new Cluster(chart, 'db', { metadata: { name: 'db' }, image: ClusterImage.fromName(image), storage: { size: Size.gibibytes(1) } });
    expect(synthCluster(chart).spec.imageName).toBe(image);
    expect(issues(manifest({ imageName: 'docker.io/bitnami/postgresql:16.2.0-debian-12-r8' }))).toEqual([]);
  });

  test('shared_buffers with a fraction (1.5GB) or in upper-case kilobytes (131072KB)', () => {
    for (const value of ['1.5GB', '131072KB', '1 GB', '128']) {
      const { chart, make } = withCatalog({ postgresql: { parameters: { shared_buffers: value } } });
      make();
      expect(synthCluster(chart).spec.postgresql.parameters.shared_buffers).toBe(value);
    }
  });

  test('archive_mode "off": the operator overwrites it with its own value, it does not refuse it', () => {
    const { chart, make } = withCatalog({ postgresql: { parameters: { archive_mode: 'off' } } });
    make();
    expect(synthCluster(chart).spec.postgresql.parameters.archive_mode).toBe('off');
  });

  test('wal_level minimal with one instance and cnpg.io/skipWalArchiving', () => {
    const { chart, make } = withCatalog({
      metadata: { name: 'db', annotations: { 'cnpg.io/skipWalArchiving': 'enabled' } },
      instances: 1,
      postgresql: { parameters: { wal_level: 'minimal', max_wal_senders: '0' } },
    });
    make();
    expect(synthCluster(chart).spec.postgresql.parameters.wal_level).toBe('minimal');
  });

  test('targetTLI "02" (the operator reads it with strconv.Atoi)', () => {
    const { chart, make } = withCatalog({ bootstrap: { recovery: { source: 'origin', recoveryTarget: { targetTli: '02' } } }, externalClusters: [ORIGIN] });
    make();
    expect(synthCluster(chart).spec.bootstrap.recovery.recoveryTarget.targetTLI).toBe('02');
  });

  test('an upper-case image repository (the operator does not check the OCI grammar)', () => {
    expect(issues(manifest({ imageName: 'registry.example.com/Team/PostgreSQL:18.6' }))).toEqual([]);
  });
});

describe('refused, with the operator\'s message (missing rules added)', () => {
  const refused: Array<[string, () => unknown, string]> = [
    ['a replica cluster bootstrapped with initdb', () => manifest({ replica: { enabled: true, source: 'origin' }, bootstrap: { initdb: {} }, externalClusters: [ORIGIN] }),
      'spec.replica: a new replica cluster must bootstrap from its source with pg_basebackup or recovery, not initdb (webhook: "replica mode bootstrap is compatible only with pg_basebackup or recovery")'],
    ['a replica source that is no external cluster', () => manifest({ replica: { enabled: true, source: 'nowhere' }, bootstrap: { pg_basebackup: { source: 'origin' } }, externalClusters: [ORIGIN] }),
      'spec.replica.source: "nowhere" names no entry of externalClusters; add an external cluster with that name (webhook: "External cluster nowhere not found")'],
    ['a replica primary that is no external cluster', () => manifest({ replica: { primary: 'elsewhere', source: 'origin' }, bootstrap: { pg_basebackup: { source: 'origin' } }, externalClusters: [ORIGIN] }),
      'spec.replica.primary: "elsewhere" names no entry of externalClusters; every cluster of the topology must be listed (webhook: "External cluster elsewhere not found")'],
    ['a recovery target time in no accepted format', () => manifest({ bootstrap: { recovery: { source: 'origin', recoveryTarget: { targetTime: 'yesterday' } } }, externalClusters: [ORIGIN] }),
      '(webhook: "The format of TargetTime is invalid")'],
    ['a recovery target LSN that is no LSN', () => manifest({ bootstrap: { recovery: { source: 'origin', recoveryTarget: { targetLSN: '0/XYZ' } } }, externalClusters: [ORIGIN] }),
      'spec.bootstrap.recovery.recoveryTarget: targetLSN "0/XYZ" is not an LSN; expected two hexadecimal numbers such as "0/3000060" (webhook: "Invalid TargetLSN")'],
    ['a server TLS secret without its CA', () => manifest({ certificates: { serverTLSSecret: 'tls' } }),
      'spec.certificates.serverCASecret: serverTLSSecret is set without serverCASecret; give the CA that signed the server certificate (webhook: "Server CA secret can\'t be empty when server TLS secret is provided")'],
    ['a replication TLS secret without the client CA', () => manifest({ certificates: { replicationTLSSecret: 'repl' } }),
      '(webhook: "Client CA secret can\'t be empty when client replication secret is provided")'],
    ['a tablespace named pg_*', () => manifest({ tablespaces: [{ name: 'pg_data', storage: { size: '1Gi' } }] }),
      'spec.tablespaces[0]: "pg_data" is not a tablespace name: tablespace names beginning \'pg_\' are reserved for Postgres (webhook: "tablespace names beginning \'pg_\' are reserved for Postgres")'],
    ['two tablespaces that differ only in case', () => manifest({ tablespaces: [{ name: 'data', storage: { size: '1Gi' } }, { name: 'DATA', storage: { size: '1Gi' } }] }),
      '(webhook: "duplicate tablespace name")'],
    ['a tablespace without a size', () => manifest({ tablespaces: [{ name: 'data', storage: {} }] }),
      'spec.tablespaces[0].storage.size: no size; set size (e.g. "10Gi") or a storage request in pvcTemplate (webhook: "Size not configured. Please add it, or a storage request in the pvcTemplate.")'],
    ['a snapshot class for an undeclared tablespace', () => manifest({ backup: { volumeSnapshot: { tablespaceClassName: { ghost: 'csi' } } } }),
      '(webhook: "specified the VolumeSnapshot backup configuration for the tablespace: ghost, but it can\'t be found in the \'.spec.tablespaces\' stanza")'],
    ['a hibernation annotation that is neither on nor off', () => manifest({}, { annotations: { 'cnpg.io/hibernation': 'yes' } }),
      'metadata.annotations["cnpg.io/hibernation"]: "yes" is not accepted; expected "on" or "off" (webhook: "Annotation value for hibernation should be "on" or "off"")'],
    ['a pod patch that is not JSON', () => manifest({}, { annotations: { 'cnpg.io/podPatch': 'not json' } }), '(webhook: "error decoding JSON patch: '],
    ['a liveness pinger annotation without enabled', () => manifest({}, { annotations: { 'alpha.cnpg.io/livenessPinger': '{}' } }),
      '(webhook: "error decoding liveness pinger config: pinger config is missing the enabled field")'],
    ['a failover quorum annotation without synchronous replication', () => manifest({ instances: 3 }, { annotations: { 'alpha.cnpg.io/failoverQuorum': 'true' } }),
      'spec.postgresql.synchronous: the failover quorum needs synchronous replication; configure postgresql.synchronous (webhook: "Invalid failoverQuorum configuration: synchronous replication configuration is required.")'],
    ['serviceAccountName with serviceAccountTemplate', () => manifest({ serviceAccountName: 'shared', serviceAccountTemplate: { metadata: { labels: { a: 'b' } } } }),
      '(webhook: "serviceAccountName and serviceAccountTemplate are mutually exclusive")'],
    ['a microservice import of two databases', () => manifest({
      bootstrap: { initdb: { import: { type: 'microservice', databases: ['a', 'b'], source: { externalCluster: 'origin' } } } }, externalClusters: [ORIGIN],
    }), '(webhook: "You need to specify a single database for the `microservice` import type")'],
    ['a monolith import with "*" and names', () => manifest({
      bootstrap: { initdb: { import: { type: 'monolith', databases: ['*', 'a'], source: { externalCluster: 'origin' } } } }, externalClusters: [ORIGIN],
    }), '(webhook: "Wildcard import cannot be used along other database names")'],
    ['LDAP without a server', () => manifest({ postgresql: { ldap: { port: 389 } } }), '(webhook: "ldap server cannot be empty if any other ldap parameters are specified")'],
    ['synchronizeLogicalDecoding on PostgreSQL 16 without pg_failover_slots', () => manifest({
      imageName: 'ghcr.io/cloudnative-pg/postgresql:16.10-minimal-trixie', replicationSlots: { highAvailability: { synchronizeLogicalDecoding: true } },
    }), '(webhook: "pg_failover_slots extension must be enabled to use synchronizeLogicalDecoding with Postgres versions < 17")'],
    ['the sync replica election constraint without node labels', () => manifest({ postgresql: { syncReplicaElectionConstraint: { enabled: true } } }),
      '(webhook: "Can\'t enable syncReplicaConstraints without passing labels for comparison inside nodeLabelsAntiAffinity")'],
    ['a failover quorum with as many standby names as synchronous replicas', () => manifest({
      instances: 3, postgresql: { synchronous: { method: 'any', number: 1, standbyNamesPre: ['remote'], failoverQuorum: true } },
    }), 'spec.postgresql.synchronous: number 1 is not greater than the 1 standby names outside the cluster; automatic failover could never reach a quorum'],
    ['HugePages requests that differ from their limits', () => manifest({ resources: { requests: { 'memory': '1Gi', 'hugepages-2Mi': '512Mi' }, limits: { 'hugepages-2Mi': '1Gi' } } }),
      '(webhook: "HugePages requests must equal the limits")'],
    ['an ephemeral volume source with a temporary data size limit', () => manifest({
      ephemeralVolumeSource: { volumeClaimTemplate: { spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } } },
      ephemeralVolumesSizeLimit: { temporaryData: '1Gi' },
    }), '(webhook: "Conflicting settings: provide either ephemeralVolumeSource or ephemeralVolumesSizeLimit.TemporaryData, not both.")'],
    ['an additional service with a selector', () => manifest({ managed: { services: { additional: [{ selectorType: 'rw', serviceTemplate: { metadata: { name: 'pg-ext' }, spec: { selector: { a: 'b' } } } }] } } }),
      '(webhook: "selector field is managed by the operator")'],
    ['an excludePatterns entry that Go cannot compile', () => manifest({ replicationSlots: { synchronizeReplicas: { enabled: true, excludePatterns: ['(?=lookahead)'] } } }),
      '(webhook: "Cannot configure synchronizeReplicas. Invalid regexes were found")'],
    ['barmanObjectStore with two clouds\' credentials', () => manifest({
      backup: { barmanObjectStore: { destinationPath: 's3://b/', s3Credentials: { inheritFromIAMRole: true }, googleCredentials: { gkeEnvironment: true } } },
    }), '(webhook: "too many credentials. One and only one of azureCredentials, s3Credentials and googleCredentials are required")'],
    ['S3 credentials with an access key and no secret', () => manifest({
      backup: { barmanObjectStore: { destinationPath: 's3://b/', s3Credentials: { accessKeyId: { name: 'aws', key: 'id' } } } },
    }), '(webhook: "when using AWS credentials both accessKeyId and secretAccessKey must be provided")'],
    ['walStorage through a pvcTemplate without a storage request', () => manifest({ walStorage: { pvcTemplate: { accessModes: ['ReadWriteOnce'] } } }),
      'spec.walStorage.size: no size; set size (e.g. "10Gi") or a storage request in pvcTemplate (webhook: "Size not configured. Please add it, or a storage request in the pvcTemplate.")'],
  ];

  test.each(refused)('%s', (_name, build, message) => {
    const found = issues(build());
    if (!found.some((t) => t.includes(message))) throw new Error(`expected ${JSON.stringify(message)} in:\n${found.join('\n')}`);
  });

  test('a reserved role prefix (pg_, cnpg_) on the construct', () => {
    for (const name of ['pg_reader', 'cnpg_app']) {
      const { chart, make } = withCatalog({ managedRoles: [{ name }] });
      make();
      expect(() => Testing.synth(chart)).toThrow(`[test/db] spec.managed.roles[0].name: "${name}" is reserved (postgres, streaming_replica and the cnpg_ and pg_ prefixes belong to the operator and PostgreSQL) (webhook: "This role is reserved for operator use")`);
    }
  });

  test('the annotations on the construct', () => {
    const { chart, make } = withCatalog({ metadata: { name: 'db', annotations: { 'alpha.cnpg.io/failoverQuorum': 'maybe' } } });
    make();
    expect(() => Testing.synth(chart)).toThrow('[test/db] metadata.annotations["alpha.cnpg.io/failoverQuorum"]: "maybe" is not a boolean; expected true or false (also 1/0, t/f) (webhook: "Invalid failoverQuorum annotation value, expected boolean.")');
  });

  test('a toleration with an empty key and operator Equal on the construct', () => {
    const { chart, make } = withCatalog({ affinity: { tolerations: [{ operator: TolerationOperator.EQUAL, effect: TaintEffect.NO_SCHEDULE }] } });
    make();
    expect(() => Testing.synth(chart)).toThrow('[test/db] spec.affinity.tolerations[0].operator: an empty key matches every taint only with operator Exists (got "Equal") (webhook: "operator must be Exists when `key` is empty, which means "match all values and all keys"")');
  });

  test('a pg_hba line naming an undefined pod selector on the construct', () => {
    const { chart, make } = withCatalog({ postgresql: { pgHba: ['host all all ${podselector:apps} scram-sha-256'] } });
    make();
    expect(() => Testing.synth(chart)).toThrow('[test/db] spec.postgresql.pg_hba[0]: "host all all ${podselector:apps} scram-sha-256": pod selector not found: apps; define the selector in podSelectorRefs and reference it as ${podselector:NAME} (webhook: "pod selector not found: apps")');
  });

  test('recovery targets on the construct: an XID beyond 32 bits, a restore point name with a newline', () => {
    const bad = withCatalog({ bootstrap: { recovery: { source: 'origin', recoveryTarget: { targetXid: '4294967296', backupId: 'b1' } } }, externalClusters: [ORIGIN] });
    bad.make();
    expect(() => Testing.synth(bad.chart)).toThrow('[test/db] spec.bootstrap.recovery.recoveryTarget.targetXID: "4294967296" is not a transaction ID; expected an integer from 0 to 4294967295 (webhook: "recovery target xid must be a non-negative 32-bit integer")');
    const name = withCatalog({ bootstrap: { recovery: { source: 'origin', recoveryTarget: { targetName: 'a\nb', backupId: 'b1' } } }, externalClusters: [ORIGIN] });
    name.make();
    expect(() => Testing.synth(name.chart)).toThrow('(webhook: "recovery target name must not contain ASCII control characters")');
  });

  test('pg_failover_slots without hot_standby_feedback on the construct', () => {
    const { chart, make } = withCatalog({ postgresql: { parameters: { 'pg_failover_slots.synchronize_slot_names': 'name_like:%' } } });
    make();
    expect(() => Testing.synth(chart)).toThrow('[test/db] spec.postgresql.parameters.hot_standby_feedback: pg_failover_slots needs hot_standby_feedback "on" (webhook: "`hot_standby_feedback` must be enabled to use  extension")');
  });
});

describe('security hardening beyond the webhook (errors all the same)', () => {
  test('a parameter name that is not a GUC name is refused: the operator writes it unescaped into postgresql.conf', () => {
    const { chart, make } = withCatalog({ postgresql: { parameters: { 'work_mem = 1MB\narchive_command': '/bin/evil' } } });
    make();
    expect(() => Testing.synth(chart)).toThrow('[test/db] spec.postgresql.parameters["work_mem = 1MB\\narchive_command"]: "work_mem = 1MB\\narchive_command" is not a parameter name;');
    for (const name of ['work mem', 'a=b', 'x\n', '']) {
      expect(issues(manifest({ postgresql: { parameters: { [name]: '1' } } })).join('\n'))
        .toContain('(webhook: "must be a valid PostgreSQL configuration parameter name (a GUC name, optionally namespaced with a single dot)")');
    }
  });

  test('a fixed parameter in another case (ARCHIVE_CLEANUP_COMMAND) is refused: PostgreSQL reads names case-insensitively', () => {
    const { chart, make } = withCatalog({ postgresql: { parameters: { ARCHIVE_CLEANUP_COMMAND: 'rm -rf /' } } });
    make();
    expect(() => Testing.synth(chart)).toThrow('[test/db] spec.postgresql.parameters.ARCHIVE_CLEANUP_COMMAND: ARCHIVE_CLEANUP_COMMAND is archive_cleanup_command in another case, which PostgreSQL reads as the same parameter and the operator manages; remove it (the library refuses this beyond the operator\'s webhook, which compares names case-sensitively) (library)');
    expect(issues(manifest({ postgresql: { parameters: { Listen_Addresses: '*' } } })).join('\n')).toContain('Listen_Addresses is listen_addresses in another case');
  });

  test('a password in an external cluster\'s connectionParameters is refused, with a pointer to the Secret-based fields', () => {
    for (const key of ['password', 'sslpassword', 'PASSWORD']) {
      const { chart, make } = withCatalog({ externalClusters: [{ name: 'origin', connectionParameters: { host: 'origin-rw', [key]: 'hunter2' } }] });
      make();
      expect(() => Testing.synth(chart)).toThrow(`[test/db] spec.externalClusters[0].connectionParameters.${key}: a ${key} in connectionParameters is plain text in the manifest; reference a Secret instead`);
    }
    expect(issues(manifest({ externalClusters: [{ name: 'o', connectionParameters: { host: 'h', password: 'x' } }] })).join('\n'))
      .toContain('externalClusters[].password for the password');
  });

  test('the Secret-based password field stays accepted', () => {
    const chart = newChart();
    const catalog = ClusterImageCatalog.official(chart, 'catalog', { type: ImageType.MINIMAL, os: DebianRelease.TRIXIE });
    new Cluster(chart, 'db', {
      metadata: { name: 'db' },
      image: ClusterImage.fromCatalog(catalog, 18),
      storage: { size: Size.gibibytes(1) },
      externalClusters: [{ name: 'origin', connectionParameters: { host: 'origin-rw' }, password: { secret: kplus.Secret.fromSecretName(chart, 's', 'origin-pass'), key: 'password' } }],
    });
    expect(synthCluster(chart).spec.externalClusters[0].password).toEqual({ name: 'origin-pass', key: 'password' });
  });
});

describe('update rules, for plan (the constructs and validate see no stored object)', () => {
  test('a major downgrade and a storage shrink are refused; the same Cluster is not', () => {
    const old = manifest({ storage: { size: '10Gi' } });
    const next = manifest({ imageName: 'ghcr.io/cloudnative-pg/postgresql:17.6-minimal-trixie', storage: { size: '5Gi' } });
    expect(clusterUpdateViolations(old, old)).toEqual([]);
    expect(clusterUpdateViolations(old, next).map((v) => v.upstream)).toEqual(["can't downgrade from major 18 to 17", "can't shrink existing storage from 10Gi to 5Gi"]);
  });
});
