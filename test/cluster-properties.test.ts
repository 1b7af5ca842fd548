import { Chart, Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import * as fc from 'fast-check';
import {
  Bootstrap,
  Cluster,
  ClusterImage,
  ClusterImageCatalog,
  ClusterProps,
  CnpgValidation,
  DebianRelease,
  ImageType,
  LogLevel,
  PrimaryUpdateMethod,
  PrimaryUpdateStrategy,
  RecoverySource,
  RoleEnsure,
} from '../src';
import { parseKubectlYaml } from '../src/common/yaml';

// Property-based tests of the Cluster construct:
// - any valid props give a manifest the validator accepts, from which every declared prop reads back (as
//   kubectl reads the YAML: nothing lost, nothing turned into a boolean or a number);
// - any props with one defect give an error, never a manifest.

const TYPES = [ImageType.MINIMAL, ImageType.STANDARD, ImageType.SYSTEM];
const RELEASES = [DebianRelease.BULLSEYE, DebianRelease.BOOKWORM, DebianRelease.TRIXIE];

const roleName = fc.stringMatching(/^[a-z][a-z0-9_]{0,15}$/)
  // the operator's reserved roles (validateManagedRoles): postgres, streaming_replica, and the pg_ and cnpg_ prefixes
  .filter((n) => n !== 'postgres' && n !== 'streaming_replica' && !n.startsWith('pg_') && !n.startsWith('cnpg_'));

const clusterProps = fc.record({
  name: fc.stringMatching(/^[a-z]([-a-z0-9]{0,30}[a-z0-9])?$/),
  type: fc.constantFrom(...TYPES),
  os: fc.constantFrom(...RELEASES),
  major: fc.integer({ min: 13, max: 18 }),
  instances: fc.integer({ min: 1, max: 5 }),
  storageGi: fc.integer({ min: 1, max: 2000 }),
  walGi: fc.option(fc.integer({ min: 2, max: 200 }), { nil: undefined }),
  storageClass: fc.option(fc.stringMatching(/^[a-z][a-z0-9-]{0,15}$/), { nil: undefined }),
  parameters: fc.record({
    max_connections: fc.integer({ min: 10, max: 5000 }).map(String),
    work_mem: fc.integer({ min: 1, max: 512 }).map((n) => `${n}MB`),
    // values that YAML 1.1 would turn into booleans or numbers if they were not quoted
    application_name: fc.constantFrom('on', 'off', 'yes', 'n', '0755', '1e3', 'app'),
  }, { requiredKeys: [] }),
  preload: fc.subarray(['pg_stat_statements', 'auto_explain']),
  method: fc.option(fc.constantFrom(PrimaryUpdateMethod.RESTART, PrimaryUpdateMethod.SWITCHOVER), { nil: undefined }),
  supervised: fc.boolean(),
  roles: fc.uniqueArray(
    fc.record({ name: roleName, login: fc.boolean(), ensure: fc.constantFrom(RoleEnsure.PRESENT, RoleEnsure.ABSENT) }),
    { maxLength: 3, selector: (r) => r.name },
  ),
  superuser: fc.boolean(),
  logLevel: fc.option(fc.constantFrom(LogLevel.INFO, LogLevel.DEBUG, LogLevel.WARNING), { nil: undefined }),
});

type Generated = typeof clusterProps extends fc.Arbitrary<infer T> ? T : never;

function props(g: Generated, chart: Chart): ClusterProps {
  const catalog = ClusterImageCatalog.fromOfficial(chart, 'catalog', { type: g.type, os: g.os });
  return {
    metadata: { name: g.name },
    image: ClusterImage.fromCatalog(catalog, g.major),
    instances: g.instances,
    storage: { size: Size.gibibytes(g.storageGi), storageClass: g.storageClass },
    walStorage: g.walGi !== undefined ? { size: Size.gibibytes(g.walGi) } : undefined,
    postgresql: { parameters: g.parameters, sharedPreloadLibraries: g.preload.length > 0 ? g.preload : undefined },
    primaryUpdateMethod: g.method,
    primaryUpdateStrategy: g.supervised && g.instances > 1 ? PrimaryUpdateStrategy.SUPERVISED : undefined,
    managedRoles: g.roles.map((r) => ({ ...r, passwordSecret: r.login ? kplus.Secret.fromSecretName(chart, `pw-${r.name}`, `${g.name}-${r.name.replace(/_/g, '-')}`) : undefined })),
    enableSuperuserAccess: g.superuser,
    logLevel: g.logLevel,
  };
}

describe('valid Cluster props', () => {
  test('synthesise to a manifest the validator accepts, from which every prop reads back', () => {
    fc.assert(fc.property(clusterProps, (g) => {
      // WHEN
      const chart = new Chart(Testing.app(), 'test', { namespace: 'tenants' });
      new Cluster(chart, 'db', props(g, chart));
      const json = Testing.synth(chart);
      const [doc] = parseKubectlYaml((chart.node.root as any).synthYaml());
      const manifest: any = doc.value;
      // THEN the validator accepts it, and the YAML says what the JSON says
      expect(CnpgValidation.validateManifest(manifest)).toEqual([]);
      expect(manifest).toEqual(json[0]);
      // and every declared prop is in it
      const spec = manifest.spec;
      expect(manifest.metadata).toEqual({ name: g.name, namespace: 'tenants' });
      expect(spec.imageCatalogRef).toEqual({ apiGroup: 'postgresql.cnpg.io', kind: 'ClusterImageCatalog', name: `postgresql-${g.type}-${g.os}`, major: g.major });
      expect(spec.instances).toBe(g.instances);
      expect(spec.storage.size).toBe(`${g.storageGi}Gi`);
      expect(spec.storage.storageClass).toBe(g.storageClass);
      expect(spec.walStorage?.size).toBe(g.walGi !== undefined ? `${g.walGi}Gi` : undefined);
      expect(spec.postgresql?.parameters ?? {}).toEqual(g.parameters);
      expect(spec.postgresql?.shared_preload_libraries ?? []).toEqual(g.preload);
      expect(spec.primaryUpdateMethod).toBe(g.method);
      expect(spec.primaryUpdateStrategy).toBe(g.supervised && g.instances > 1 ? 'supervised' : undefined);
      expect((spec.managed?.roles ?? []).map((r: any) => [r.name, r.login, r.ensure, r.passwordSecret?.name])).toEqual(
        g.roles.map((r) => [r.name, r.login, r.ensure, r.login ? `${g.name}-${r.name.replace(/_/g, '-')}` : undefined]),
      );
      expect(spec.enableSuperuserAccess).toBe(g.superuser);
      expect(spec.logLevel).toBe(g.logLevel);
    }), { numRuns: 120 });
  });
});

/** One defect each: the construct or the validator must refuse it. */
const DEFECTS: { [name: string]: (p: ClusterProps, chart: Chart) => ClusterProps } = {
  'zero instances': (p) => ({ ...p, instances: 0 }),
  'a fixed parameter': (p) => ({ ...p, postgresql: { ...p.postgresql, parameters: { ...p.postgresql?.parameters, port: '5433' } } }),
  'wal_log_hints off with replicas': (p) => ({ ...p, instances: 3, postgresql: { ...p.postgresql, parameters: { wal_log_hints: 'off' } } }),
  'maxSyncReplicas not below instances': (p) => ({ ...p, maxSyncReplicas: p.instances ?? 1 }),
  'supervised with one instance': (p) => ({ ...p, instances: 1, primaryUpdateStrategy: PrimaryUpdateStrategy.SUPERVISED }),
  'a reserved role': (p) => ({ ...p, managedRoles: [{ name: 'streaming_replica' }] }),
  'a CPU request above its limit': (p) => ({ ...p, resources: { cpu: { request: kplus.Cpu.units(4), limit: kplus.Cpu.units(1) } } }),
  'a zero storage size': (p) => ({ ...p, storage: { size: Size.gibibytes(0) } }),
  'a name that is not a DNS-1035 label': (p) => ({ ...p, metadata: { name: '9lives' } }),
  'a major the catalog lacks': (p, chart) => ({ ...p, image: ClusterImage.fromCatalog(ClusterImageCatalog.fromOfficial(chart, 'other', { type: ImageType.MINIMAL, os: DebianRelease.TRIXIE }), 19) }),
  'a recovery source with no way to reach it': (p) => ({ ...p, bootstrap: Bootstrap.recovery({ from: RecoverySource.externalCluster({ name: 'nowhere' }) }) }),
  'a plain-text password': (p) => ({ ...p, managedRoles: [{ name: 'app2', passwordSecret: 'secret' as any }] }),
};

describe('Cluster props with one defect', () => {
  test('give an error naming the construct, never a manifest', () => {
    fc.assert(fc.property(clusterProps, fc.constantFrom(...Object.keys(DEFECTS)), (g, defect) => {
      const chart = new Chart(Testing.app(), 'test', { namespace: 'tenants' });
      let manifests: any[] | undefined;
      expect(() => {
        new Cluster(chart, 'db', DEFECTS[defect](props(g, chart), chart));
        manifests = Testing.synth(chart);
      }).toThrow(/\[test\/db\]/);
      expect(manifests).toBeUndefined();
    }), { numRuns: 150 });
  });
});
