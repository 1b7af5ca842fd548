import { cluster, webhook } from './cluster-manifest';
import { RULES } from './conformance/helpers';
import { majorViolations, webhookUpdateViolations, webhookViolations, webhookWarnings } from '../src/rules/webhook';

// The Cluster webhook's rules on the PostgreSQL configuration, synchronous replication, replication slots,
// LDAP and the primary lease (src/rules/cluster/configuration.ts), each called by its upstream Go name
// (internal/webhook/v1/cluster_webhook.go, CloudNativePG 1.30.0), and the dispatch of the webhooks by kind
// (src/rules/webhook.ts). Every expectation below is the operator's behaviour, read from the Go source.

/** One of the Cluster webhook's validators, by its Go name. */
function rule(name: string): (cluster: any) => any[] {
  const found = RULES.Cluster.get(name);
  if (found === undefined) throw new Error(`no rule ${name}`);
  return (manifest) => found(manifest);
}

const validateConfiguration = rule('validateConfiguration');
const withParameters = (parameters: object, spec: object = {}, annotations?: { [key: string]: string }) =>
  validateConfiguration(cluster({ ...spec, postgresql: { parameters } }, annotations));

describe('validateConfiguration: parameter names (postgresParameterNameRegex)', () => {
  // cluster_webhook.go, postgresParameterNameRegex `^[A-Za-z_][A-Za-z0-9_$]*(\.[A-Za-z_][A-Za-z0-9_$]*)?$`;
  // cluster_webhook_test.go "accepts well-formed parameter names, including namespaced custom GUCs"
  test('admits plain and namespaced GUC names, with digits, "_" and "$"', () => {
    for (const name of ['work_mem', '_x', 'w', 'a$1', 'pg_stat_statements.max', 'auto_explain.log_min_duration', 'my_ext._p$2', 'a.b']) {
      expect({ name, found: withParameters({ [name]: '1' }) }).toEqual({ name, found: [] });
    }
  });

  // cluster_webhook.go, validateConfiguration: a key the regex does not match is refused, then skipped
  test('refuses a name that does not start with a letter or "_", has other characters, or more than one dot', () => {
    expect(withParameters({ '1abc': 'x' })).toEqual([webhook('spec.postgresql.parameters["1abc"]',
      '"1abc" is not a parameter name; expected a GUC name (letters, digits, "_", "$", starting with a letter or "_"), optionally namespaced with one dot: the operator writes the name unescaped into postgresql.conf',
      'must be a valid PostgreSQL configuration parameter name (a GUC name, optionally namespaced with a single dot)')]);
    for (const name of ['work-mem', 'work_mem\nfsync', 'a.b.c', 'a.1b', 'a.', 'a.b-c', '.a', '$a']) {
      const found = withParameters({ [name]: 'x' });
      expect({ name, upstream: found.map((f) => f.upstream) }).toEqual({
        name,
        upstream: ['must be a valid PostgreSQL configuration parameter name (a GUC name, optionally namespaced with a single dot)'],
      });
    }
  });
});

describe('validateConfiguration: synchronous replication and WAL settings', () => {
  // cluster_webhook.go, validateConfiguration: haveNewStyleSyncReplicaConfig := MinSyncReplicas > 0 || MaxSyncReplicas > 0
  test('refuses postgresql.synchronous with the legacy minSyncReplicas alone, or maxSyncReplicas alone', () => {
    const both = webhook('spec.postgresql.synchronous',
      'both the legacy minSyncReplicas/maxSyncReplicas and postgresql.synchronous are set; use postgresql.synchronous only',
      "Can't have both legacy synchronous replica configuration and new one");
    const sync = { method: 'any', number: 1 };
    expect(validateConfiguration(cluster({ instances: 3, minSyncReplicas: 1, postgresql: { synchronous: sync } }))).toEqual([both]);
    expect(validateConfiguration(cluster({ instances: 3, maxSyncReplicas: 1, postgresql: { synchronous: sync } }))).toEqual([both]);
    expect(validateConfiguration(cluster({ instances: 3, minSyncReplicas: 0, maxSyncReplicas: 0, postgresql: { synchronous: sync } }))).toEqual([]);
  });

  // cluster_webhook.go, validateConfiguration: hasWalLevelRequirement := Instances > 1 || archive_mode != "off" || IsReplica()
  test('refuses wal_level minimal with more than one instance even when WAL archiving is off', () => {
    const found = withParameters({ wal_level: 'minimal', max_wal_senders: '0' }, { instances: 3 }, { 'cnpg.io/skipWalArchiving': 'enabled' });
    expect(found.map((f) => [f.path, f.upstream])).toEqual([['spec.postgresql.parameters.wal_level',
      "`wal_level` should be set at `logical` or `replica` when `archive_mode` is `on`, '.instances' field is greater than 1, or this is a replica cluster"]]);
    // cluster_webhook_test.go "should allow minimal wal_level with one instance and without archive mode"
    expect(withParameters({ wal_level: 'minimal', max_wal_senders: '0' }, { instances: 1 }, { 'cnpg.io/skipWalArchiving': 'enabled' })).toEqual([]);
  });

  // cluster_webhook.go, validateConfiguration: tryParseBooleanPostgresParameter for hot_standby_feedback and
  // sync_replication_slots; cluster_webhook_test.go "should fail if hot_standby_feedback is set to an invalid value"
  test('refuses hot_standby_feedback and sync_replication_slots that are not PostgreSQL booleans', () => {
    expect(withParameters({ hot_standby_feedback: 'maybe', sync_replication_slots: 'sometimes' })).toEqual([
      webhook('spec.postgresql.parameters.hot_standby_feedback', '"maybe" is not a PostgreSQL boolean; expected on/off, true/false, yes/no, 1/0 (or an unambiguous prefix)',
        'invalid `hot_standby_feedback` value. Must be a postgres boolean'),
      webhook('spec.postgresql.parameters.sync_replication_slots', '"sometimes" is not a PostgreSQL boolean; expected on/off, true/false, yes/no, 1/0 (or an unambiguous prefix)',
        'invalid `sync_replication_slots` value. Must be a postgres boolean'),
    ]);
    expect(withParameters({ hot_standby_feedback: 'on', sync_replication_slots: 'off' })).toEqual([]);
  });

  // cluster_webhook.go, validateSyncReplicaElectionConstraint
  test('refuses an enabled sync replica election constraint without node labels, admits it with some', () => {
    const constraint = (c: object) => validateConfiguration(cluster({ instances: 3, postgresql: { syncReplicaElectionConstraint: c } }));
    expect(constraint({ enabled: true })).toEqual([webhook('spec.postgresql.syncReplicaElectionConstraint.nodeLabelsAntiAffinity',
      'the constraint is enabled with no node labels to compare; list them in nodeLabelsAntiAffinity',
      "Can't enable syncReplicaConstraints without passing labels for comparison inside nodeLabelsAntiAffinity")]);
    expect(constraint({ enabled: true, nodeLabelsAntiAffinity: ['topology.kubernetes.io/zone'] })).toEqual([]);
    expect(constraint({ enabled: false })).toEqual([]);
  });
});

describe('validateConfiguration: WAL sizes against each other and the WAL volume (validateWalSizeConfiguration)', () => {
  const tooBig = (name: string, text: string) => webhook(`spec.postgresql.parameters.${name}`, `"${text}" does not fit the WAL volume`,
    `Invalid value. Parameter ${name} (default ${name === 'min_wal_size' ? '80MB' : '1GB'}) should be smaller than WAL volume size`);

  // cluster_funcs.go, StorageConfiguration.GetSizeOrNil: without size, the pvcTemplate's storage request
  test('measures a WAL volume given by its pvcTemplate storage request', () => {
    const walStorage = { pvcTemplate: { resources: { requests: { storage: '1Gi' } } } };
    expect(withParameters({ min_wal_size: '100MB', max_wal_size: '500MB' }, { walStorage })).toEqual([]);
    expect(withParameters({ min_wal_size: '100MB', max_wal_size: '2GB' }, { walStorage })).toEqual([tooBig('max_wal_size', '2GB')]);
  });

  // cluster_funcs.go, GetSizeOrNil: a pvcTemplate without a storage request is a zero-sized volume (Requests.Storage()
  // is a zero Quantity, not nil), so any min_wal_size or max_wal_size set (and not zero) does not fit
  test('a pvcTemplate without a storage request is a zero-sized WAL volume', () => {
    for (const pvcTemplate of [{}, { resources: {} }, { resources: { limits: { storage: '1Gi' } } }]) {
      expect(withParameters({ min_wal_size: '100MB' }, { walStorage: { pvcTemplate } })).toEqual([tooBig('min_wal_size', '100MB')]);
    }
  });

  // cluster_funcs.go, GetSizeOrNil returns nil with neither size nor pvcTemplate: validateWalSizeConfiguration
  // then skips the volume comparison
  test('a WAL storage with neither size nor pvcTemplate is not compared with the WAL sizes', () => {
    expect(withParameters({ min_wal_size: '100MB', max_wal_size: '200MB' }, { walStorage: { storageClass: 'fast' } })).toEqual([]);
  });

  // cluster_webhook.go, validateWalSizeConfiguration: minWalSizeValue.Cmp(maxWalSizeValue) >= 0 is refused;
  // cluster_webhook_test.go "produces one complaint when min_wal_size is bigger than max_wal_size" (1500 MB, 1GB)
  test('refuses a min_wal_size that is not smaller than max_wal_size, an equal one included', () => {
    const notSmaller = (min: string, max: string) => webhook('spec.postgresql.parameters.min_wal_size', `min_wal_size "${min}" is not smaller than max_wal_size "${max}"`,
      'Invalid vale. Parameter min_wal_size (default 80MB) should be smaller than parameter max_wal_size (default 1GB)');
    expect(withParameters({ min_wal_size: '1500', max_wal_size: '1GB' }, { storage: { size: '2Gi' } })).toEqual([notSmaller('1500', '1GB')]);
    expect(withParameters({ min_wal_size: '1GB', max_wal_size: '1GB' })).toEqual([notSmaller('1GB', '1GB')]);
    // against the default max_wal_size, 1GB
    expect(withParameters({ min_wal_size: '1024MB' })).toEqual([notSmaller('1024MB', '1GB')]);
    expect(withParameters({ min_wal_size: '1023MB', max_wal_size: '1GB' })).toEqual([]);
  });

  // cluster_webhook.go, validateWalSizeConfiguration: !minWalSizeValue.IsZero() && ... (a zero size is not compared)
  test('a zero min_wal_size or max_wal_size is compared with nothing', () => {
    expect(withParameters({ min_wal_size: '0' })).toEqual([]);
    // not even with a max_wal_size below zero (which Go's quantity parser reads)
    expect(withParameters({ min_wal_size: '0', max_wal_size: '-1' })).toEqual([]);
    expect(withParameters({ min_wal_size: '0', max_wal_size: '0' }, { walStorage: { pvcTemplate: {} } })).toEqual([]);
  });

  // cluster_webhook_test.go "doesn't compare default values for min_wal_size and max_wal_size with WalStorage"
  test('the default min_wal_size (80MB) is not compared with a smaller WAL volume', () => {
    expect(withParameters({}, { walStorage: { size: '50Mi' } })).toEqual([]);
    expect(withParameters({ min_wal_size: '40MB' }, { walStorage: { size: '50Mi' } })).toEqual([]);
  });

  // cluster_webhook.go, validateWalSizeConfiguration: minWalSizeValue.Cmp(*walVolumeSize) >= 0 (equal does not fit)
  test('refuses a min_wal_size or max_wal_size exactly the size of the WAL volume', () => {
    expect(withParameters({ min_wal_size: '1GB', max_wal_size: '1536MB' }, { walStorage: { size: '1Gi' } })).toEqual([
      tooBig('min_wal_size', '1GB'), tooBig('max_wal_size', '1536MB'),
    ]);
    expect(withParameters({ min_wal_size: '1GB', max_wal_size: '4GB' }, { walStorage: { size: '4Gi' } })).toEqual([tooBig('max_wal_size', '4GB')]);
  });
});

describe('synchronous replication and the failover quorum', () => {
  const validateSynchronousReplicaConfiguration = rule('validateSynchronousReplicaConfiguration');
  const validateFailoverQuorumAlphaAnnotation = rule('validateFailoverQuorumAlphaAnnotation');
  const validateFailoverQuorum = rule('validateFailoverQuorum');

  // cluster_webhook.go, validateSynchronousReplicaConfiguration; cluster_webhook_test.go
  // "returns an error when number of synchronous replicas is equal to total instances and standbys"
  test('refuses a number not lower than instances plus standby names, naming the highest it admits', () => {
    expect(validateSynchronousReplicaConfiguration(cluster({ instances: 3, postgresql: { synchronous: { method: 'any', number: 4, standbyNamesPre: ['a'] } } })))
      .toEqual([webhook('spec.postgresql.synchronous', 'number 4 is not lower than instances plus standby names (4); expected at most 3',
        'Invalid synchronous configuration: the number of synchronous replicas must be less than the total number of instances and the provided standby names.')]);
  });

  // cluster_webhook.go, validateSynchronousReplicaConfiguration: a missing number is Go's zero value
  test('a synchronous section without a number counts it as 0', () => {
    expect(validateSynchronousReplicaConfiguration(cluster({ instances: 1, postgresql: { synchronous: { method: 'any' } } }))).toEqual([]);
  });

  // cluster_webhook.go, validateFailoverQuorumAlphaAnnotation; cluster_webhook_test.go "failoverQuorum annotation validation"
  test('refuses the failover quorum annotation "true" without synchronous replication, and a value that is not a boolean', () => {
    expect(validateFailoverQuorumAlphaAnnotation(cluster({}, { 'alpha.cnpg.io/failoverQuorum': 'true' }))).toEqual([
      webhook('spec.postgresql.synchronous', 'the failover quorum needs synchronous replication; configure postgresql.synchronous',
        'Invalid failoverQuorum configuration: synchronous replication configuration is required.'),
    ]);
    expect(validateFailoverQuorumAlphaAnnotation(cluster({}, { 'alpha.cnpg.io/failoverQuorum': 'sure' }))).toEqual([
      webhook('metadata.annotations["alpha.cnpg.io/failoverQuorum"]', '"sure" is not a boolean; expected true or false (also 1/0, t/f)',
        'Invalid failoverQuorum annotation value, expected boolean.'),
    ]);
    expect(validateFailoverQuorumAlphaAnnotation(cluster({}, { 'alpha.cnpg.io/failoverQuorum': 'false' }))).toEqual([]);
    expect(validateFailoverQuorumAlphaAnnotation(cluster({ postgresql: { synchronous: { method: 'any', number: 1 } } }, { 'alpha.cnpg.io/failoverQuorum': 'true' }))).toEqual([]);
  });

  // cluster_webhook.go, validateFailoverQuorum: a missing number is Go's zero value
  test('refuses failoverQuorum with no number, as number 0', () => {
    expect(validateFailoverQuorum(cluster({ instances: 3, postgresql: { synchronous: { method: 'any', failoverQuorum: true } } }))).toEqual([
      webhook('spec.postgresql.synchronous', 'number 0 is not greater than the 0 standby names outside the cluster; automatic failover could never reach a quorum',
        'Invalid failoverQuorum configuration: spec.postgresql.synchronous.number must be greater than the total number of instances in spec.postgresql.synchronous.standbyNamesPre and spec.postgresql.synchronous.standbyNamesPost to allow automatic failover.'),
    ]);
  });
});

describe('validateMinSyncReplicas', () => {
  const validateMinSyncReplicas = rule('validateMinSyncReplicas');

  // cluster_webhook.go, validateMinSyncReplicas
  test('refuses a negative minSyncReplicas', () => {
    expect(validateMinSyncReplicas(cluster({ instances: 3, minSyncReplicas: -1 }))).toEqual([
      webhook('spec.minSyncReplicas', '-1 is negative', 'minSyncReplicas must be a non negative integer'),
    ]);
  });

  // cluster_webhook.go, validateMinSyncReplicas: MinSyncReplicas > MaxSyncReplicas
  test('refuses minSyncReplicas greater than maxSyncReplicas, admits it lower or equal', () => {
    expect(validateMinSyncReplicas(cluster({ instances: 3, minSyncReplicas: 2, maxSyncReplicas: 1 }))).toEqual([
      webhook('spec.minSyncReplicas', 'minSyncReplicas 2 is greater than maxSyncReplicas 1', 'minSyncReplicas cannot be greater than maxSyncReplicas'),
    ]);
    expect(validateMinSyncReplicas(cluster({ instances: 3, minSyncReplicas: 1, maxSyncReplicas: 2 }))).toEqual([]);
    expect(validateMinSyncReplicas(cluster({ instances: 3, minSyncReplicas: 2, maxSyncReplicas: 2 }))).toEqual([]);
  });
});

describe('replication slots', () => {
  const validateReplicationSlots = rule('validateReplicationSlots');
  const validatePgFailoverSlots = rule('validatePgFailoverSlots');
  const slots = (replicationSlots: object) => validateReplicationSlots(cluster({ instances: 3, replicationSlots }));
  const invalid = (message: string) => [webhook('spec.replicationSlots.synchronizeReplicas.excludePatterns', message,
    'Cannot configure synchronizeReplicas. Invalid regexes were found')];

  // cluster_webhook.go, validateReplicationSlots (SynchronizeReplicas.ValidateRegex); cluster_webhook_test.go
  // "should return an error when SynchronizeReplicasConfiguration is not nil and has invalid regex"
  test('refuses excludePatterns that are not Go regular expressions, naming them', () => {
    expect(slots({ synchronizeReplicas: { excludePatterns: ['^keep', '('] } })).toEqual(invalid('"(" is not a Go regular expression (RE2 syntax)'));
    expect(slots({ synchronizeReplicas: { excludePatterns: ['(', '[a', 'ok'] } })).toEqual(invalid('"(", "[a" are not Go regular expressions (RE2 syntax)'));
    expect(slots({ synchronizeReplicas: { excludePatterns: [5] } })).toEqual(invalid('5 is not a Go regular expression (RE2 syntax)'));
  });

  // cluster_webhook.go, validateReplicationSlots: skipped only when ReplicationSlotsConfiguration.GetEnabled()
  // is false, i.e. both synchronizeReplicas and highAvailability are disabled (cluster_funcs.go)
  test('checks the patterns while either feature is enabled, skips them when both are disabled', () => {
    const bad = { excludePatterns: ['('] };
    const refused = invalid('"(" is not a Go regular expression (RE2 syntax)');
    expect(slots({ synchronizeReplicas: { enabled: true, ...bad }, highAvailability: { enabled: false } })).toEqual(refused);
    expect(slots({ synchronizeReplicas: { enabled: false, ...bad }, highAvailability: { enabled: true } })).toEqual(refused);
    expect(slots({ synchronizeReplicas: { enabled: false, ...bad } })).toEqual(refused);
    expect(slots({ synchronizeReplicas: { enabled: false, ...bad }, highAvailability: { enabled: false } })).toEqual([]);
  });

  // cluster_webhook.go, validatePgFailoverSlots: HighAvailability == nil || !HighAvailability.GetEnabled();
  // cluster_webhook_test.go "should produce an error if pg_failover_slots is enabled and HA slots are disabled"
  test('refuses pg_failover_slots with the high-availability slots section missing or disabled', () => {
    const haMissing = [webhook('spec.replicationSlots.highAvailability',
      'pg_failover_slots needs high-availability replication slots; enable replicationSlots.highAvailability',
      'High Availability replication slots must be enabled')];
    const params = { postgresql: { parameters: { 'hot_standby_feedback': 'on', 'pg_failover_slots.synchronize_slot_names': 'my_slot' } } };
    expect(validatePgFailoverSlots(cluster({ ...params, replicationSlots: { synchronizeReplicas: { enabled: true } } }))).toEqual(haMissing);
    expect(validatePgFailoverSlots(cluster({ ...params, replicationSlots: { highAvailability: { enabled: false } } }))).toEqual(haMissing);
    expect(validatePgFailoverSlots(cluster({ ...params, replicationSlots: { highAvailability: {} } }))).toEqual([]);
  });
});

describe('validateLDAP', () => {
  const validateLDAP = rule('validateLDAP');
  const ldap = (config: object) => validateLDAP(cluster({ postgresql: { ldap: config } }));
  const both = webhook('spec.postgresql.ldap', 'bindAsAuth and bindSearchAuth are both set; choose one method', 'only bind+search or bind method can be specified');

  // cluster_webhook.go, validateLDAP: an empty server
  test('refuses an LDAP section without a server', () => {
    expect(ldap({ port: 389 })).toEqual([
      webhook('spec.postgresql.ldap', 'no server is set; LDAP authentication needs one', 'ldap server cannot be empty if any other ldap parameters are specified'),
    ]);
  });

  // cluster_webhook.go, validateLDAP: BindSearchAuth != nil && BindAsAuth != nil
  test('refuses bind and bind+search together, admits either alone', () => {
    expect(ldap({ server: 'ldap.example.com', bindAsAuth: { prefix: 'uid=' }, bindSearchAuth: { baseDN: 'dc=example,dc=com' } })).toEqual([both]);
    expect(ldap({ server: 'ldap.example.com', bindAsAuth: { prefix: 'uid=' } })).toEqual([]);
    expect(ldap({ server: 'ldap.example.com', bindSearchAuth: { baseDN: 'dc=example,dc=com' } })).toEqual([]);
  });
});

describe('validatePrimaryLease', () => {
  const validatePrimaryLease = rule('validatePrimaryLease');
  const lease = (primaryLease: object) => validatePrimaryLease(cluster({ primaryLease }));

  // cluster_webhook.go, validatePrimaryLease: a missing renewDeadlineSeconds is DefaultPrimaryLeaseRenewDeadlineSeconds (10)
  test('compares the lease duration with the default renew deadline (10s)', () => {
    expect(lease({ leaseDurationSeconds: 10 })).toEqual([webhook('spec.primaryLease.leaseDurationSeconds',
      'leaseDurationSeconds 10 is not greater than renewDeadlineSeconds 10', 'leaseDurationSeconds must be greater than renewDeadlineSeconds')]);
    expect(lease({ leaseDurationSeconds: 11 })).toEqual([]);
  });

  // cluster_webhook.go, validatePrimaryLease: a missing retryPeriodSeconds is DefaultPrimaryLeaseRetryPeriodSeconds (2),
  // and 5*renewDeadline <= 6*retryPeriod is refused (equality included)
  test('refuses a renew deadline not greater than 1.2 times the retry period (the default 2s, or equal)', () => {
    const renew = (r: number, retry: number) => webhook('spec.primaryLease.renewDeadlineSeconds',
      `renewDeadlineSeconds ${r} is not greater than retryPeriodSeconds ${retry} x 1.2`, 'renewDeadlineSeconds must be greater than retryPeriodSeconds multiplied by 1.2');
    expect(lease({ renewDeadlineSeconds: 2 })).toEqual([renew(2, 2)]);
    expect(lease({ renewDeadlineSeconds: 3 })).toEqual([]);
    expect(lease({ renewDeadlineSeconds: 6, retryPeriodSeconds: 5 })).toEqual([renew(6, 5)]);
    expect(lease({ renewDeadlineSeconds: 7, retryPeriodSeconds: 5 })).toEqual([]);
  });
});

describe('the webhooks by kind (src/rules/webhook.ts)', () => {
  const bad = (kind: string, apiVersion = 'postgresql.cnpg.io/v1') => ({ ...cluster({ instances: 1, primaryUpdateStrategy: 'supervised' }), kind, apiVersion });

  // cluster_webhook.go, validatePrimaryUpdateStrategy: supervised with one instance
  test('runs the Cluster webhook on a CloudNativePG Cluster only', () => {
    expect(webhookViolations(bad('Cluster')).map((v) => v.upstream)).toEqual(['supervised update strategy is not allowed for clusters with a single instance']);
    expect(webhookViolations(bad('Cluster', 'example.com/v1'))).toEqual([]);
    expect(webhookViolations({ ...bad('Cluster'), apiVersion: undefined })).toEqual([]);
  });

  test('runs no webhook for a kind it does not have, a kind named after an object property, or a kind that is not a string', () => {
    expect(webhookViolations(bad('Subscription'))).toEqual([]);
    expect(webhookViolations(bad('toString'))).toEqual([]);
    expect(webhookViolations(bad('constructor'))).toEqual([]);
    const listed = { ...bad('Cluster'), kind: ['Cluster'] };
    expect(webhookViolations(listed)).toEqual([]);
    expect(webhookViolations(undefined)).toEqual([]);
    expect(webhookViolations(null)).toEqual([]);
  });

  // cluster_webhook.go, getStorageWarnings: size and pvcTemplate's storage request both set
  test('returns the warnings of the Cluster webhook on a CloudNativePG Cluster only', () => {
    const warned = (kind: unknown, apiVersion = 'postgresql.cnpg.io/v1') => ({
      ...cluster({ storage: { size: '1Gi', pvcTemplate: { resources: { requests: { storage: '2Gi' } } } } }), kind, apiVersion,
    });
    expect(webhookWarnings(warned('Cluster'))).toEqual(['spec.storage.size and spec.storage.pvcTemplate.resources.requests.storage are both specified, spec.storage.size value will be used.']);
    expect(webhookWarnings(warned('Cluster', 'example.com/v1'))).toEqual([]);
    expect(webhookWarnings(warned('Database'))).toEqual([]);
    expect(webhookWarnings(warned('toString'))).toEqual([]);
    expect(webhookWarnings(warned(['Cluster']))).toEqual([]);
    expect(webhookWarnings(undefined)).toEqual([]);
    expect(webhookWarnings(null)).toEqual([]);
  });

  // cluster_webhook.go, validateImageChange: can't downgrade, when both sides are CloudNativePG Clusters
  test('runs the Cluster update rules only when both sides are CloudNativePG Clusters', () => {
    const old = cluster({ imageName: 'ghcr.io/cloudnative-pg/postgresql:18.1' });
    const next = cluster({ imageName: 'ghcr.io/cloudnative-pg/postgresql:17.6' });
    expect(webhookUpdateViolations(old, next).map((v) => v.upstream)).toEqual(["can't downgrade from major 18 to 17"]);
    expect(webhookUpdateViolations(old, { ...next, apiVersion: 'example.com/v1' })).toEqual([]);
    expect(webhookUpdateViolations({ ...old, apiVersion: 'example.com/v1' }, next)).toEqual([]);
    expect(webhookUpdateViolations(old, { ...next, kind: 'Pooler' })).toEqual([]);
    expect(webhookUpdateViolations({ ...old, kind: 'Pooler' }, next)).toEqual([]);
    // a side that is no object at all (nothing stored yet): no update rule, and no crash
    for (const none of [undefined, null]) {
      expect(webhookUpdateViolations(none, next)).toEqual([]);
      expect(webhookUpdateViolations(old, none)).toEqual([]);
    }
  });

  // cluster_webhook.go, validateConfiguration: pgMajor < 13 is refused on spec.imageName
  test('majorViolations refuses a major below 13 on spec.imageName unless told another path', () => {
    const upstream = 'Unsupported PostgreSQL version. Versions 13 or newer are supported';
    expect(majorViolations(12)).toEqual([webhook('spec.imageName', 'PostgreSQL 12 is not supported; expected 13 or later', upstream)]);
    expect(majorViolations(12, 'image.major')).toEqual([webhook('image.major', 'PostgreSQL 12 is not supported; expected 13 or later', upstream)]);
    expect(majorViolations(13)).toEqual([]);
    expect(majorViolations(undefined)).toEqual([]);
  });
});
