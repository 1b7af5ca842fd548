import { cluster } from './cluster-manifest';
import { applyClusterDefaults, applyOperatorDefaults, defaultsKey, OPERATOR_DEFAULT_IMAGE } from '../src/rules/defaults';

// The operator's mutating webhook for Cluster (src/rules/defaults.ts): `Cluster.Default()` / `setDefaults`
// of api/v1/cluster_defaults.go (CloudNativePG 1.30.0) on a wire-format manifest, and the key of what the
// defaults read besides `spec`. Upstream's own specs (api/v1/cluster_defaults_test.go) run in
// test/conformance/cluster-defaults.cases.ts; the cases here are the branches those specs leave out, each
// expectation read from the Go source named beside it.

const IMAGE = 'ghcr.io/cloudnative-pg/postgresql:18.6-minimal-trixie';
const PINGER = 'alpha.cnpg.io/livenessPinger';
const QUORUM = 'alpha.cnpg.io/failoverQuorum';
const SKIP_WAL = 'cnpg.io/skipWalArchiving';

/** The defaulted spec of a Cluster on PostgreSQL 18 (test/cluster-manifest.ts) with `spec` and annotations. */
function defaulted(spec: object = {}, annotations?: { [key: string]: any }): any {
  return applyClusterDefaults(cluster(spec, annotations)).spec;
}

/** The defaulted spec's tablespace owners, for tablespaces named t0, t1, ... */
function tablespaceOwners(spec: object, tablespaces: object[] = [{}]): unknown[] {
  const out = defaulted({ ...spec, tablespaces: tablespaces.map((t, i) => ({ name: `t${i}`, storage: { size: '1Gi' }, ...t })) });
  return out.tablespaces.map((t: any) => (t && typeof t === 'object' ? t.owner : t));
}

describe('setDefaults (api/v1/cluster_defaults.go): every default of a Cluster that sets none', () => {
  test('writes the image, the initdb bootstrap, the anti-affinity, the log level, monitoring, replication slots and the isolation check', () => {
    const { postgresql, ...spec } = applyClusterDefaults(cluster({ imageName: '' })).spec;
    expect(spec).toEqual({
      imageName: OPERATOR_DEFAULT_IMAGE,
      storage: { size: '1Gi' },
      // defaultInitDB
      bootstrap: { initdb: { database: 'app', owner: 'app', encoding: 'UTF8', localeCollate: 'C', localeCType: 'C' } },
      affinity: { podAntiAffinityType: 'preferred' },
      logLevel: 'info',
      // defaultMonitoringQueries: `r.Spec.Monitoring = &MonitoringConfiguration{}` when nil
      monitoring: {},
      replicationSlots: { highAvailability: { enabled: true, slotPrefix: '_cnpg_' }, synchronizeReplicas: { enabled: true } },
      // setProbes: defaultRequestTimeout, defaultConnectionTimeout
      probes: { liveness: { isolationCheck: { enabled: true, requestTimeout: 1000, connectionTimeout: 1000 } } },
    });
    expect(postgresql.parameters).toMatchObject({ wal_level: 'logical', wal_log_hints: 'on', archive_mode: 'on', max_replication_slots: '32' });
  });

  test('defaults a Cluster manifest that has no spec at all, and leaves the input unchanged', () => {
    const input = { apiVersion: 'postgresql.cnpg.io/v1', kind: 'Cluster', metadata: { name: 'pg' } };
    const out = applyClusterDefaults(input);
    expect(out.spec).toMatchObject({
      imageName: OPERATOR_DEFAULT_IMAGE,
      bootstrap: { initdb: { database: 'app', owner: 'app' } },
      logLevel: 'info',
    });
    expect(input).toEqual({ apiVersion: 'postgresql.cnpg.io/v1', kind: 'Cluster', metadata: { name: 'pg' } });
  });

  test('applyOperatorDefaults leaves other kinds and a Cluster without spec as they are', () => {
    const pooler = { apiVersion: 'postgresql.cnpg.io/v1', kind: 'Pooler', metadata: { name: 'p' }, spec: { cluster: { name: 'pg' } } };
    applyOperatorDefaults('Pooler', pooler);
    expect(pooler.spec).toEqual({ cluster: { name: 'pg' } });
    const bare: any = { apiVersion: 'postgresql.cnpg.io/v1', kind: 'Cluster', metadata: { name: 'pg' } };
    applyOperatorDefaults('Cluster', bare);
    expect(bare.spec).toBeUndefined();
  });

  // Go's `r.Spec.LogLevel == ""`: a JSON null decodes to the zero value "" too
  test('sets logLevel "info" when it is empty or null, and keeps a level that is set', () => {
    expect(defaulted({ logLevel: '' }).logLevel).toBe('info');
    expect(defaulted({ logLevel: null }).logLevel).toBe('info');
    expect(defaulted({ logLevel: 'debug' }).logLevel).toBe('debug');
  });
});

describe('defaultInitDB, defaultRecovery, defaultPgBaseBackup (api/v1/cluster_defaults.go)', () => {
  test('defaultRecovery and defaultPgBaseBackup keep an owner that is set', () => {
    expect(defaulted({ bootstrap: { recovery: { database: 'db', owner: 'keeper', source: 'old' } } }).bootstrap)
      .toEqual({ recovery: { database: 'db', owner: 'keeper', source: 'old' } });
    expect(defaulted({ bootstrap: { pg_basebackup: { database: 'db', owner: 'keeper', source: 'old' } } }).bootstrap)
      .toEqual({ pg_basebackup: { database: 'db', owner: 'keeper', source: 'old' } });
  });

  test('defaultInitDB keeps the encoding and locales that are set', () => {
    expect(defaulted({ bootstrap: { initdb: { encoding: 'LATIN1', localeCollate: 'en_US.UTF-8', localeCType: 'de_DE.UTF-8' } } }).bootstrap.initdb).toEqual({
      database: 'app', owner: 'app', encoding: 'LATIN1', localeCollate: 'en_US.UTF-8', localeCType: 'de_DE.UTF-8',
    });
  });

  // "Set the default only if not executing a monolithic import": no database, so no owner either
  test('defaultInitDB names no application database (and so no owner) for a monolith import', () => {
    const monolith = { type: 'monolith', databases: ['*'], roles: ['*'], source: { externalCluster: 'old' } };
    expect(defaulted({ bootstrap: { initdb: { import: monolith } } }).bootstrap.initdb).toEqual({
      import: monolith, encoding: 'UTF8', localeCollate: 'C', localeCType: 'C',
    });
    // a microservice import still gets the application database
    const microservice = { type: 'microservice', databases: ['shop'], source: { externalCluster: 'old' } };
    expect(defaulted({ bootstrap: { initdb: { import: microservice } } }).bootstrap.initdb).toMatchObject({ database: 'app', owner: 'app' });
  });
});

describe('setDefaults: anti-affinity, backup target, PostgreSQL parameters, monitoring', () => {
  // `(EnablePodAntiAffinity == nil || *EnablePodAntiAffinity) && PodAntiAffinityType == ""`
  test('sets podAntiAffinityType "preferred" only when anti-affinity is on and no type is set', () => {
    expect(defaulted({ affinity: { enablePodAntiAffinity: false } }).affinity).toEqual({ enablePodAntiAffinity: false });
    expect(defaulted({ affinity: { enablePodAntiAffinity: true } }).affinity).toEqual({ enablePodAntiAffinity: true, podAntiAffinityType: 'preferred' });
    expect(defaulted({ affinity: { podAntiAffinityType: 'required' } }).affinity).toEqual({ podAntiAffinityType: 'required' });
  });

  // `r.Spec.Backup != nil && r.Spec.Backup.Target == ""` → DefaultBackupTarget
  test('sets the backup target "prefer-standby" when a backup section names none, and keeps one that is set', () => {
    expect(defaulted({ backup: {} }).backup).toEqual({ target: 'prefer-standby' });
    expect(defaulted({ backup: { target: 'primary' } }).backup).toEqual({ target: 'primary' });
    expect(defaulted().backup).toBeUndefined();
  });

  // `psqlVersion, err := r.GetPostgresqlMajorVersion(); if err == nil { ... }`: no major, no operator parameters
  test('leaves the PostgreSQL parameters as written when the image tag names no major version', () => {
    expect(defaulted({ imageName: 'ghcr.io/cloudnative-pg/postgresql:latest', postgresql: { parameters: { work_mem: '4MB' } } }).postgresql)
      .toEqual({ parameters: { work_mem: '4MB' } });
    expect(defaulted({ imageName: 'ghcr.io/cloudnative-pg/postgresql:latest' }).postgresql).toBeUndefined();
  });

  test('keeps a monitoring section that is set, with or without the default queries', () => {
    expect(defaulted({ monitoring: { enablePodMonitor: true } }).monitoring).toEqual({ enablePodMonitor: true });
    expect(defaulted({ monitoring: { disableDefaultQueries: true } }).monitoring).toEqual({ disableDefaultQueries: true });
  });
});

describe('defaultTablespaces and GetApplicationDatabaseOwner (api/v1/cluster_defaults.go, cluster_funcs.go)', () => {
  test('gives a tablespace without owner the application database owner of initdb', () => {
    expect(tablespaceOwners({})).toEqual([{ name: 'app' }]);
    expect(tablespaceOwners({ bootstrap: { initdb: { database: 'shop', owner: 'shopper' } } }, [{}, { owner: {} }]))
      .toEqual([{ name: 'shopper' }, { name: 'shopper' }]);
  });

  test('keeps the owner a tablespace names', () => {
    expect(tablespaceOwners({}, [{ owner: { name: 'bob' } }, {}])).toEqual([{ name: 'bob' }, { name: 'app' }]);
  });

  test('takes the owner of recovery, then pg_basebackup, then initdb', () => {
    expect(tablespaceOwners({ bootstrap: { recovery: { database: 'db', owner: 'restorer', source: 'old' } } })).toEqual([{ name: 'restorer' }]);
    expect(tablespaceOwners({ bootstrap: { pg_basebackup: { database: 'db', owner: 'cloner', source: 'old' } } })).toEqual([{ name: 'cloner' }]);
    // recovery's owner is not a string (the schema refuses it): it is skipped, as is pg_basebackup's empty one
    expect(tablespaceOwners({ bootstrap: { recovery: { owner: 5 }, pg_basebackup: { owner: '' }, initdb: { owner: 'builder' } } }))
      .toEqual([{ name: 'builder' }]);
  });

  // `if len(defaultOwner) == 0 { defaultOwner = "postgres" }`
  test('falls back to "postgres" when the bootstrap names no owner (a monolith import)', () => {
    const monolith = { type: 'monolith', databases: ['*'], source: { externalCluster: 'old' } };
    expect(tablespaceOwners({ bootstrap: { initdb: { import: monolith } } })).toEqual([{ name: 'postgres' }]);
    expect(tablespaceOwners({ bootstrap: { recovery: { owner: 5 } } })).toEqual([{ name: 'postgres' }]);
  });

  test('passes over tablespace entries that are not objects (the schema refuses them)', () => {
    const out = defaulted({ tablespaces: [null, 'x', { name: 't', storage: { size: '1Gi' } }] });
    expect(out.tablespaces).toEqual([null, 'x', { name: 't', storage: { size: '1Gi' }, owner: { name: 'app' } }]);
  });
});

describe('setProbes and tryConvertAlphaFailoverQuorum: the alpha annotations', () => {
  // Annotations are strings (map[string]string): a value of another type never reaches tryConvertAlphaLivenessPinger
  test('ignores a liveness pinger annotation that is not a string', () => {
    expect(defaulted({}, { [PINGER]: ['{"enabled": false}'] }).probes)
      .toEqual({ liveness: { isolationCheck: { enabled: true, requestTimeout: 1000, connectionTimeout: 1000 } } });
  });

  // "should not convert the annotation if the synchronous replication stanza has not been set"
  test('leaves synchronous unset when the failover quorum annotation is set without it', () => {
    const spec = defaulted({}, { [QUORUM]: 'true' });
    expect(spec.postgresql.synchronous).toBeUndefined();
    expect(defaulted({ postgresql: { synchronous: { method: 'any', number: 1 } } }, { [QUORUM]: 'true' }).postgresql.synchronous)
      .toEqual({ method: 'any', number: 1, dataDurability: 'required', failoverQuorum: true });
  });
});

describe('defaultsKey: what the defaults of an object read besides spec', () => {
  const withMeta = (metadata: object, spec: object = {}) => ({ apiVersion: 'postgresql.cnpg.io/v1', kind: 'Cluster', metadata, spec });

  test('is empty for kinds without defaults, and for what is not an object', () => {
    expect(defaultsKey({ kind: 'Pooler', metadata: { name: 'p', annotations: { [PINGER]: '{"enabled": true}' } }, spec: {} })).toBe('');
    expect(defaultsKey(undefined)).toBe('');
    expect(defaultsKey(null)).toBe('');
  });

  test('changes with each annotation the defaults read, and not with others', () => {
    const keys = [
      defaultsKey(withMeta({ name: 'pg' })),
      defaultsKey(withMeta({ name: 'pg', annotations: { [SKIP_WAL]: 'enabled' } })),
      defaultsKey(withMeta({ name: 'pg', annotations: { [PINGER]: '{"enabled": false}' } })),
      defaultsKey(withMeta({ name: 'pg', annotations: { [QUORUM]: 'true' } })),
    ];
    expect(new Set(keys).size).toBe(4);
    expect(defaultsKey(withMeta({ name: 'pg', annotations: { 'example.com/other': 'x' } }))).toBe(keys[0]);
  });

  // IsReplica: with spec.replica, the role depends on the Cluster's name (replica.primary / replica.self)
  test('holds the name only when spec.replica makes the role depend on it', () => {
    expect(defaultsKey(withMeta({ name: 'a' }))).toBe(defaultsKey(withMeta({ name: 'b' })));
    const replica = { replica: { primary: 'a', source: 'a' } };
    expect(defaultsKey(withMeta({ name: 'a' }, replica))).not.toBe(defaultsKey(withMeta({ name: 'b' }, replica)));
    expect(defaultsKey({ kind: 'Cluster', spec: replica })).toBe(defaultsKey(withMeta({}, replica)));
  });
});

// The image the tests' Cluster names (test/cluster-manifest.ts), kept when set
test('keeps an image name that is set', () => {
  expect(defaulted().imageName).toBe(IMAGE);
});
