import { ConformanceCase } from './format';
import { OPERATOR_DEFAULT_IMAGE } from '../../src/rules/defaults';

// Upstream's defaulting specs (api/v1/cluster_defaults_test.go, CloudNativePG v1.30.0): the defaulting
// webhook (`Cluster.Default()`, `SetDefaults()`) on a manifest, checked on the defaulted object. Format: README.md.

const U = 'api/v1/cluster_defaults_test.go';

/** A Cluster as upstream's Go test builds it: the spec (and metadata) it sets. */
const go = (spec: object = {}, metadata: object = {}): object => ({ apiVersion: 'postgresql.cnpg.io/v1', kind: 'Cluster', metadata, spec });

function section(describe: string) {
  const base = { upstream: U, kind: 'Cluster' };
  const test = (it: string) => `${describe} > ${it}`;
  return {
    defaulted: (it: string, object: object, defaulted: object, absent?: string[]): ConformanceCase =>
      ({ ...base, test: test(it), object, expect: { defaulted, ...(absent ? { absent } : {}) } }),
    call: (it: string, fn: string, args: unknown[], returns: unknown): ConformanceCase =>
      ({ ...base, test: test(it), call: { fn, args }, expect: { returns } }),
    na: (it: string, notApplicable: string): ConformanceCase => ({ ...base, test: test(it), expect: { notApplicable } }),
  };
}

const defaults = section('cluster default configuration');
const monitoring = section('Default monitoring queries');
const plugins = section('setDefaultPlugins');
const durability = section('default dataDurability');
const pinger = section('NewLivenessPingerConfigFromAnnotations');
const probes = section('probe defaults');
const quorum = section('failover quorum defaults');

const spec = (s: object) => ({ spec: s });
const OPERATOR_CONFIG = 'depends on the operator\'s configuration (%s), which no Cluster manifest carries; no validating rule reads what it adds';
const PINGER = 'alpha.cnpg.io/livenessPinger';
const QUORUM = 'alpha.cnpg.io/failoverQuorum';
const isolation = (enabled: boolean, requestTimeout: number, connectionTimeout: number) =>
  spec({ probes: { liveness: { isolationCheck: { enabled, requestTimeout, connectionTimeout } } } });
const quorumCluster = (value: string, failoverQuorum?: boolean) =>
  go({ postgresql: { synchronous: failoverQuorum === undefined ? {} : { failoverQuorum } } }, { annotations: { [QUORUM]: value } });

/** Every spec of cluster_defaults_test.go. */
export const CLUSTER_DEFAULTS_CASES: readonly ConformanceCase[] = [
  defaults.defaulted('defaults to creating an application database', go(), spec({ bootstrap: { initdb: { database: 'app', owner: 'app' } } })),
  defaults.defaulted('defaults the owner user with the database name', go({ bootstrap: { initdb: { database: 'appdb' } } }), spec({ bootstrap: { initdb: { owner: 'appdb' } } })),
  defaults.defaulted('defaults to create an application database if recovery is used', go({ bootstrap: { recovery: {} } }),
    spec({ bootstrap: { recovery: { database: 'app', owner: 'app' } } }), ['spec.bootstrap.recovery.secret', 'spec.bootstrap.initdb']),
  defaults.defaulted('defaults the owner user with the database name for recovery', go({ bootstrap: { recovery: { database: 'appdb' } } }),
    spec({ bootstrap: { recovery: { owner: 'appdb' } } })),
  defaults.defaulted('defaults to create an application database if pg_basebackup is used', go({ bootstrap: { pg_basebackup: {} } }),
    spec({ bootstrap: { pg_basebackup: { database: 'app', owner: 'app' } } }), ['spec.bootstrap.pg_basebackup.secret', 'spec.bootstrap.initdb']),
  defaults.defaulted('defaults the owner user with the database name for pg_basebackup', go({ bootstrap: { pg_basebackup: { database: 'appdb' } } }),
    spec({ bootstrap: { pg_basebackup: { owner: 'appdb' } } })),
  defaults.defaulted('defaults the PostgreSQL configuration with parameters from the operator', go(),
    spec({ postgresql: { parameters: { wal_level: 'logical', wal_log_hints: 'on', archive_mode: 'on', max_replication_slots: '32' } } })),
  defaults.defaulted('defaults the anti-affinity', go({ affinity: {} }), spec({ affinity: { podAntiAffinityType: 'preferred' } }), ['spec.affinity.enablePodAntiAffinity']),
  defaults.defaulted('should fill the image name if isn\'t already set', go(), spec({ imageName: OPERATOR_DEFAULT_IMAGE })),
  defaults.defaulted('shouldn\'t set the image name if already present', go({ imageName: 'test:13' }), spec({ imageName: 'test:13' })),
  defaults.defaulted('should setup the application database name', go(), spec({ bootstrap: { initdb: { database: 'app', owner: 'app' } } })),
  defaults.defaulted('should set the owner name as the database name', go({ bootstrap: { initdb: { database: 'test' } } }), spec({ bootstrap: { initdb: { database: 'test', owner: 'test' } } })),
  defaults.defaulted('should not overwrite application database and owner settings', go({ bootstrap: { initdb: { database: 'testdb', owner: 'testuser' } } }),
    spec({ bootstrap: { initdb: { database: 'testdb', owner: 'testuser' } } })),

  monitoring.na('correctly set the default monitoring queries configmap and secret when none is already specified', OPERATOR_CONFIG.replace('%s', 'MONITORING_QUERIES_CONFIGMAP and MONITORING_QUERIES_SECRET')),
  monitoring.na('correctly set the default monitoring queries configmap when other metrics are already specified', OPERATOR_CONFIG.replace('%s', 'MONITORING_QUERIES_CONFIGMAP')),
  monitoring.na('correctly set the default monitoring queries secret when other metrics are already specified', OPERATOR_CONFIG.replace('%s', 'MONITORING_QUERIES_SECRET')),
  plugins.na('adds pre-defined plugins if not already present', OPERATOR_CONFIG.replace('%s', 'INCLUDE_PLUGINS')),
  plugins.na('does not add pre-defined plugins if already present', OPERATOR_CONFIG.replace('%s', 'INCLUDE_PLUGINS')),
  plugins.na('handles empty plugin list gracefully', OPERATOR_CONFIG.replace('%s', 'INCLUDE_PLUGINS')),

  durability.defaulted('should default dataDurability to \'required\' when synchronous is present', go({ postgresql: { synchronous: {} } }),
    spec({ postgresql: { synchronous: { dataDurability: 'required' } } })),
  durability.defaulted('should not touch synchronous if nil', go(), spec({}), ['spec.postgresql.synchronous']),
  durability.defaulted('should not change the dataDurability when set', go({ postgresql: { synchronous: { dataDurability: 'preferred' } } }),
    spec({ postgresql: { synchronous: { dataDurability: 'preferred' } } })),

  pinger.call('returns a nil configuration when annotation is not present', 'NewLivenessPingerConfigFromAnnotations', [{}], null),
  pinger.call('returns an error when annotation contains invalid JSON', 'NewLivenessPingerConfigFromAnnotations', [{ [PINGER]: '{invalid_json' }], 'error'),
  pinger.call('applies default values when timeouts are not specified', 'NewLivenessPingerConfigFromAnnotations', [{ [PINGER]: '{"enabled": true}' }],
    { enabled: true, requestTimeout: 1000, connectionTimeout: 1000 }),
  pinger.call('preserves values when all fields are specified', 'NewLivenessPingerConfigFromAnnotations',
    [{ [PINGER]: '{"enabled": true, "requestTimeout": 300, "connectionTimeout": 600}' }], { enabled: true, requestTimeout: 300, connectionTimeout: 600 }),
  pinger.call('correctly sets enabled to false when specified', 'NewLivenessPingerConfigFromAnnotations',
    [{ [PINGER]: '{"enabled": false, "requestTimeout": 300, "connectionTimeout": 600}' }], { enabled: false, requestTimeout: 300, connectionTimeout: 600 }),
  pinger.call('correctly handles zero values for timeouts', 'NewLivenessPingerConfigFromAnnotations',
    [{ [PINGER]: '{"enabled": true, "requestTimeout": 0, "connectionTimeout": 0}' }], { enabled: true, requestTimeout: 1000, connectionTimeout: 1000 }),

  probes.defaulted('should set isolationCheck probe to true by default when no probes are specified', go(), isolation(true, 1000, 1000)),
  probes.defaulted('should not override isolationCheck probe if already set', go({ probes: { liveness: { isolationCheck: { enabled: false, requestTimeout: 300, connectionTimeout: 600 } } } }),
    isolation(false, 300, 600)),
  probes.defaulted('should set isolationCheck probe when it is not set but liveness probe is present', go({ probes: { liveness: {} } }), isolation(true, 1000, 1000)),
  probes.defaulted('should convert the existing annotations if set to true', go({}, { annotations: { [PINGER]: '{"enabled": true, "requestTimeout": 300, "connectionTimeout": 600}' } }),
    isolation(true, 300, 600)),
  probes.defaulted('should convert the existing annotations if set to false', go({}, { annotations: { [PINGER]: '{"enabled": false, "requestTimeout": 300, "connectionTimeout": 600}' } }),
    isolation(false, 300, 600)),

  quorum.defaulted('should convert the annotation if present and set to true', quorumCluster('t'), spec({ postgresql: { synchronous: { failoverQuorum: true } } })),
  quorum.defaulted('should convert the annotation if present and set to false', quorumCluster('f', true), spec({ postgresql: { synchronous: { failoverQuorum: false } } })),
  quorum.defaulted('should not convert the annotation if the value is wrong', quorumCluster('toast', true), spec({ postgresql: { synchronous: { failoverQuorum: true } } })),
  quorum.defaulted('should not convert the annotation if the synchronous replication stanza has not been set', go({}, { annotations: { [QUORUM]: 't' } }), spec({}),
    ['spec.postgresql.synchronous']),
  quorum.defaulted('should not override the existing setting if the annotation has not been set', go({ postgresql: { synchronous: { failoverQuorum: true } } }),
    spec({ postgresql: { synchronous: { failoverQuorum: true } } })),
];
