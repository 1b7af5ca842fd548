import { cluster, webhook } from './cluster-manifest';
import {
  validateBootstrapRecoveryDataSource,
  validateExternalClusters,
  validateImport,
  validateInitDB,
  validatePromotionToken,
  validateRecoveryTarget,
  validateReplicaClusterExternalClusters,
  validateReplicaMode,
} from '../src/rules/cluster/bootstrap';

// The Cluster webhook's rules on bootstrap, recovery, import, external and replica clusters
// (src/rules/cluster/bootstrap.ts), each called by its upstream Go name (internal/webhook/v1/cluster_webhook.go,
// CloudNativePG 1.30.0). Every expectation below is the operator's behaviour, read from the Go source.

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

describe('validateInitDB: WAL segment size and post-init SQL references', () => {
  const walSize = (walSegmentSize: unknown) => validateInitDB(cluster({ bootstrap: { initdb: { walSegmentSize } } }));
  const notPowerOfTwo = (size: number) => webhook('spec.bootstrap.initdb.walSegmentSize',
    `${size} MB is not a power of 2; expected 1, 2, 4, ... 1024`, 'WAL segment size must be a power of 2');

  // cluster_webhook.go, validateInitDB: WalSegmentSize != 0 && !utils.IsPowerOfTwo(WalSegmentSize)
  test('admits 0 (the default: initdb chooses) and powers of two', () => {
    for (const size of [0, 1, 2, 16, 64, 1024]) expect({ size, found: walSize(size) }).toEqual({ size, found: [] });
  });

  // utils.IsPowerOfTwo works on integers: a fraction such as 0.5 (2^-1) is no WAL segment size
  test('refuses sizes that are not positive integral powers of two, 0.5 and negatives included', () => {
    for (const size of [3, 24, 0.5, 0.25, 1.5, -4]) expect({ size, found: walSize(size) }).toEqual({ size, found: [notPowerOfTwo(size)] });
  });

  // cluster_webhook.go, validateInitDB: postInitApplicationSQLRefs entries need a name and a key
  test('refuses a post-init SQL reference that is null, or lacks its name or key, in secretRefs and configMapRefs', () => {
    const found = validateInitDB(cluster({
      bootstrap: { initdb: { postInitApplicationSQLRefs: { secretRefs: [null, { name: 's', key: 'k' }], configMapRefs: [{ name: 'c' }] } } },
    }));
    expect(found).toEqual([
      webhook('spec.bootstrap.initdb.postInitApplicationSQLRefs.secretRefs[0]', 'null lacks a name or a key; both are needed to find the SQL', 'key and name must be specified'),
      webhook('spec.bootstrap.initdb.postInitApplicationSQLRefs.configMapRefs[0]', '{"name":"c"} lacks a name or a key; both are needed to find the SQL', 'key and name must be specified'),
    ]);
  });
});

describe('validateImport: microservice', () => {
  const microservice = (databases: unknown[]) => validateImport(cluster({ bootstrap: { initdb: { import: { type: 'microservice', databases, source: { externalCluster: 'old' } } } } }));

  // cluster_webhook.go, validateImport: len(Databases) != 1 is the only complaint on an empty list
  test('refuses an empty database list with the count only (no wildcard check without a database)', () => {
    expect(microservice([])).toEqual([webhook('spec.bootstrap.initdb.import.databases',
      '0 databases are listed; a microservice import takes exactly one', 'You need to specify a single database for the `microservice` import type')]);
  });

  // cluster_webhook.go, validateImport: the wildcard check applies only when exactly one database is listed
  test('checks the wildcard only on a single database', () => {
    expect(microservice(['a*', 'b'])).toEqual([webhook('spec.bootstrap.initdb.import.databases',
      '2 databases are listed; a microservice import takes exactly one', 'You need to specify a single database for the `microservice` import type')]);
    expect(microservice(['a*'])).toEqual([webhook('spec.bootstrap.initdb.import.databases[0]',
      '"a*" has a wildcard; a microservice import names one database', 'You cannot specify any wildcard for the `microservice` import type')]);
  });
});

describe('validateBootstrapRecoveryDataSource: validateVolumeSnapshotSource', () => {
  const snapshots = (storage: unknown) =>
    validateBootstrapRecoveryDataSource(cluster({ bootstrap: { recovery: { volumeSnapshots: storage === undefined ? {} : { storage } } } }));
  const refused = (value: unknown) => webhook('spec.bootstrap.recovery.volumeSnapshots.storage',
    `${value === undefined ? 'undefined' : JSON.stringify(value)} is neither a VolumeSnapshot (apiGroup snapshot.storage.k8s.io) nor a PersistentVolumeClaim (apiGroup "")`,
    'Only VolumeSnapshots and PersistentVolumeClaims are supported');

  // cluster_webhook.go, validateVolumeSnapshotSource: (snapshot.storage.k8s.io, VolumeSnapshot) or ("", PersistentVolumeClaim)
  test('admits a VolumeSnapshot of snapshot.storage.k8s.io and a PersistentVolumeClaim of the core group', () => {
    expect(snapshots({ apiGroup: 'snapshot.storage.k8s.io', kind: 'VolumeSnapshot', name: 'snap' })).toEqual([]);
    expect(snapshots({ kind: 'PersistentVolumeClaim', name: 'pvc' })).toEqual([]);
    expect(snapshots({ apiGroup: '', kind: 'PersistentVolumeClaim', name: 'pvc' })).toEqual([]);
  });

  // the group and the kind must match as a pair
  test('refuses a kind in the other group, a VolumeSnapshot without its group, and a PersistentVolumeClaim in a named group', () => {
    for (const value of [
      { apiGroup: 'snapshot.storage.k8s.io', kind: 'PersistentVolumeClaim', name: 'x' },
      { apiGroup: '', kind: 'VolumeSnapshot', name: 'x' },
      { kind: 'VolumeSnapshot', name: 'x' },
      { apiGroup: 'core', kind: 'PersistentVolumeClaim', name: 'x' },
      { apiGroup: 'snapshot.storage.k8s.io', kind: 'Secret', name: 'x' },
    ]) {
      expect(snapshots(value)).toEqual([refused(value)]);
    }
  });

  // Go's Storage is a value (TypedLocalObjectReference): missing, its kind is "" and it is refused
  test('refuses volumeSnapshots without a storage source', () => {
    expect(snapshots(undefined)).toEqual([refused(undefined)]);
  });
});

describe('validateRecoveryTarget: validateTargetExclusiveness and targetTLI', () => {
  const target = (recoveryTarget: object) => validateRecoveryTarget(cluster({ bootstrap: { recovery: { source: 'origin', recoveryTarget } } }));
  const exclusive = (names: string) => webhook('spec.bootstrap.recovery.recoveryTarget',
    `${names} are set together; choose one recovery target`, 'Recovery target options are mutually exclusive');

  // cluster_webhook.go, validateTargetExclusiveness: targetImmediate counts when set (a pointer), the others when non-empty
  test('refuses two targets and names them, in the order immediate, LSN, name, XID, time', () => {
    expect(target({ targetImmediate: true, targetLSN: '0/3000060', backupID: 'b1' })).toEqual([exclusive('targetImmediate, targetLSN')]);
    expect(target({ targetImmediate: false, targetName: 'before', backupID: 'b1' })).toEqual([exclusive('targetImmediate, targetName')]);
    expect(target({ targetName: 'before', targetXID: '42', backupID: 'b1' })).toEqual([exclusive('targetName, targetXID')]);
    expect(target({ targetXID: '42', targetTime: '2026-01-01 00:00:00', backupID: 'b1' })).toEqual([exclusive('targetXID, targetTime')]);
    expect(target({ targetLSN: '0/3000060', targetName: 'before', targetXID: '42', backupID: 'b1' })).toEqual([exclusive('targetLSN, targetName, targetXID')]);
  });

  // an empty string is no target (Go compares with ""); only targetImmediate counts by presence
  test('does not count empty string targets beside targetImmediate', () => {
    expect(target({ targetImmediate: true, targetLSN: '', targetName: '', targetXID: '', targetTime: '', backupID: 'b1' })).toEqual([]);
  });

  // cluster_webhook.go, validateRecoveryTarget: strconv.Atoi(TargetTLI) must give tli >= 1
  test('admits timeline 1 and "latest", refuses 0', () => {
    expect(target({ targetTLI: '1' })).toEqual([]);
    expect(target({ targetTLI: 'latest' })).toEqual([]);
    expect(target({ targetTLI: '0' })).toEqual([webhook('spec.bootstrap.recovery.recoveryTarget.targetTLI',
      '"0" is not a timeline; expected "latest" or a positive integer', "recovery target timeline can be set to 'latest' or a positive integer")]);
  });
});

describe('validateExternalClusters: isUnsafePathComponent', () => {
  const unsafe = "cannot contain a path separator or a '..' component";
  const external = (entry: object) => validateExternalClusters(cluster({ externalClusters: [{ connectionParameters: { host: 'h' }, ...entry }] }));
  const fileName = (path: string, value: string) =>
    webhook(path, `${JSON.stringify(value)} would be used as a file name; it must not contain "/", "\\" or be "." or ".."`, unsafe);

  // cluster_webhook.go, isUnsafePathComponent: value == "." || value == ".." || strings.ContainsAny(value, `/\`)
  test('refuses "." and ".." as a name, and admits names that only contain dots', () => {
    expect(external({ name: '.' })).toEqual([fileName('spec.externalClusters[0].name', '.')]);
    expect(external({ name: '..' })).toEqual([fileName('spec.externalClusters[0].name', '..')]);
    expect(external({ name: '...' })).toEqual([]);
    expect(external({ name: 'a..b' })).toEqual([]);
  });

  // cluster_webhook.go, validateExternalCluster: the sslCert, sslKey and sslRootCert selectors' name and key
  test('refuses an unsafe sslRootCert secret name or key', () => {
    expect(external({ name: 'origin', sslRootCert: { name: '../ca', key: 'ca.crt' } })).toEqual([fileName('spec.externalClusters[0].sslRootCert.name', '../ca')]);
    expect(external({ name: 'origin', sslRootCert: { name: 'ca', key: '..' } })).toEqual([fileName('spec.externalClusters[0].sslRootCert.key', '..')]);
  });
});

describe('validatePromotionToken: the token format', () => {
  const promote = (promotionToken: string) => validatePromotionToken(cluster({
    replica: { enabled: false, source: 'origin', promotionToken },
    externalClusters: [{ name: 'origin', connectionParameters: { host: 'h' } }],
  }));
  const invalid = (reason: string) => webhook('spec.replica.promotionToken',
    'the token is not base64-encoded JSON as the operator writes it (kubectl cnpg promote)', `Invalid promotionToken format: ${reason}`);

  // cluster_webhook_test.go "complains if the replica token is not formatted in base64"
  test('refuses a token that is not base64, saying so', () => {
    expect(promote('this-is-a-wrong-token')).toEqual([invalid('invalid promotion token (Base64 decoding failed)')]);
  });

  // utils.ParsePgControldataToken: base64 that decodes to something other than a JSON object
  test('refuses base64 that is not a JSON object, naming the JSON decoding failure', () => {
    expect(promote(b64('[]'))).toEqual([invalid('invalid promotion token (JSON decoding failed): cannot unmarshal array into a struct')]);
    expect(promote(b64('{"redoWalFile":1}'))).toEqual([invalid('invalid promotion token (JSON decoding failed): cannot unmarshal 1 into field redoWalFile of type string')]);
  });
});

describe('validateReplicaMode and validateReplicaClusterExternalClusters', () => {
  // cluster_webhook.go, validateReplicaMode: a new replica (no resourceVersion) must not bootstrap with initdb;
  // a manifest without metadata is a new object
  test('refuses initdb on a new replica cluster whose manifest has no metadata', () => {
    const manifest = cluster({ replica: { enabled: true, source: 'origin' }, bootstrap: { initdb: {} }, externalClusters: [{ name: 'origin', connectionParameters: { host: 'h' } }] });
    delete manifest.metadata;
    expect(validateReplicaMode(manifest)).toEqual([webhook('spec.replica',
      'a new replica cluster must bootstrap from its source with pg_basebackup or recovery, not initdb',
      'replica mode bootstrap is compatible only with pg_basebackup or recovery')]);
  });

  // cluster_webhook.go, validateReplicaClusterExternalClusters: replicaClusterConf == nil returns no error
  test('has nothing to check on a cluster without a replica section', () => {
    expect(validateReplicaClusterExternalClusters(cluster())).toEqual([]);
    expect(validateReplicaClusterExternalClusters(cluster({ replica: null }))).toEqual([]);
  });
});
