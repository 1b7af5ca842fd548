import * as path from 'path';
import { ClusterAction, RolloutPlan } from '../src';
import { API, catalog, cluster, folder, image, operatorConfig } from './plan-fixtures';
import { catalogKey, parseRolloutDelay } from '../src/fleet/plan-input';

// The two sides of a plan as the plan reads them: every document with where it came from, each object once,
// every CloudNativePG object valid, the operator configuration merged as the operator merges it, and the
// rollout delays parsed as the operator parses them.

const PG = catalog([[18, image('18.1-minimal-trixie')]]);
const TODAY = new Date('2026-08-24');
const INSTANCES_ZERO = 'spec.instances: 0 is too small; expected at least 1 (CRD schema: "should be greater than or equal to 1")';

function plan(before: any[], after: any[]): RolloutPlan {
  return RolloutPlan.between(before, after, { today: TODAY });
}

/** The plan's errors of an "after" side (the "before" side holds only the catalog). */
function errorsOf(after: any[]): Array<{ subject: string; message: string }> {
  return plan([PG], [PG, ...after]).errors;
}

describe('documents and where they came from', () => {
  test('each item of a list file is a document of its own, placed as file#index items[i]', () => {
    // GIVEN a v1/List in one file holding the catalog, a valid Cluster and an invalid one
    const list = { apiVersion: 'v1', kind: 'List', items: [PG, cluster('good'), cluster('bad', { instances: 0 })] };
    const dir = folder({ 'fleet.yaml': [list] });
    // WHEN
    const p = RolloutPlan.fromDirectories(folder({ 'fleet.yaml': [PG] }), dir, { today: TODAY });
    // THEN the invalid item is named by its place in the list, and the valid one is planned
    const file = path.join(dir, 'fleet.yaml');
    expect(p.errors.map((e) => e.message)).toEqual([`${file}#0 items[2] Cluster/bad ${INSTANCES_ZERO}`]);
    expect(p.clusters.map((c) => [c.cluster, c.action])).toEqual([['a/bad', ClusterAction.INVALID], ['a/good', ClusterAction.CREATED]]);
  });

  test('refuses manifests given in code that are not a list, naming the side', () => {
    expect(() => RolloutPlan.between('cluster.yaml' as any, [])).toThrow(new Error('before: "cluster.yaml" is not a list of manifests'));
    expect(() => RolloutPlan.between([], { kind: 'List' } as any)).toThrow(/^after: .* is not a list of manifests$/);
  });

  test('documents that are not objects (empty, text, numbers) are neither planned nor errors', () => {
    const p = plan([null, 'text', 42, PG], [undefined, null, 'text', PG]);
    expect(p.errors).toEqual([]);
    expect(p.clusters).toEqual([]);
    expect(p.timing.delaysFrom).toBe('no operator config in the manifests: both delays 0');
  });
});

describe('objects defined twice', () => {
  const configMap = (name: string, extra: any = {}) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, ...extra }, data: {} });

  test('objects without a kind or a name are never duplicates (the API server names or refuses them)', () => {
    const noKind = { apiVersion: 'v1', metadata: { name: 'x', namespace: 'a' } };
    const generated = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { generateName: 'x-', namespace: 'a' } };
    const noMetadata = { apiVersion: 'v1', kind: 'Namespace' };
    expect(errorsOf([noKind, noKind, generated, generated, noMetadata, noMetadata])).toEqual([]);
  });

  test('an object is its group, kind, namespace and name: the version does not matter', () => {
    const gateway = (apiVersion: string) => ({ apiVersion, kind: 'Gateway', metadata: { name: 'web', namespace: 'a' }, spec: {} });
    const twice = (first: string, second: string) => `defined twice in the after manifests: ${first} and ${second}; `
      + 'the API server keeps only the last one applied, so the plan would depend on file order. Keep one definition';
    // two versions of one group, or of the core group: one object
    expect(errorsOf([gateway('gateway.networking.k8s.io/v1'), gateway('gateway.networking.k8s.io/v1beta1')]))
      .toEqual([{ subject: 'Gateway a/web', message: twice('after[1]', 'after[2]') }]);
    expect(errorsOf([configMap('settings', { namespace: 'a' }), { ...configMap('settings', { namespace: 'a' }), apiVersion: 'v2' }]))
      .toEqual([{ subject: 'ConfigMap a/settings', message: twice('after[1]', 'after[2]') }]);
    // two groups (even with the same initial): two objects
    expect(errorsOf([gateway('gateway.networking.k8s.io/v1'), gateway('getambassador.io/v3alpha1')])).toEqual([]);
    // no apiVersion at all: the core group
    const noVersion = { kind: 'Deployment', metadata: { name: 'web', namespace: 'a' } };
    expect(errorsOf([noVersion, noVersion])).toEqual([{ subject: 'Deployment a/web', message: twice('after[1]', 'after[2]') }]);
  });

  test('no namespace is the default namespace, and two namespaces are two objects', () => {
    expect(errorsOf([configMap('settings'), configMap('settings', { namespace: 'default' })]))
      .toEqual([{ subject: 'ConfigMap default/settings', message: expect.stringContaining('defined twice in the after manifests: after[1] and after[2]') }]);
    expect(errorsOf([configMap('settings', { namespace: 'a' }), configMap('settings', { namespace: 'b' })])).toEqual([]);
  });

  test('a ClusterImageCatalog has no namespace: named without one, and one object whatever namespace it is written in', () => {
    // the CloudNativePG catalog, indexed by the plan
    expect(errorsOf([catalog([[18, image('18.1')]], 'pg', { metadata: { namespace: 'b' } })]))
      .toEqual([{ subject: 'ClusterImageCatalog pg', message: expect.stringContaining('defined twice in the after manifests: after[0] and after[1]') }]);
    // a kind of that name in another group: the same rule
    const foreign = (namespace: string) => ({ apiVersion: 'example.com/v1', kind: 'ClusterImageCatalog', metadata: { name: 'pg', namespace } });
    expect(errorsOf([foreign('a'), foreign('b')]))
      .toEqual([{ subject: 'ClusterImageCatalog pg', message: expect.stringContaining('defined twice in the after manifests: after[1] and after[2]') }]);
  });

  test('a Cluster without a namespace defined twice is named in the default namespace', () => {
    const db = cluster('db', {}, { namespace: undefined });
    expect(errorsOf([db, db])).toEqual([{ subject: 'Cluster default/db', message: expect.stringContaining('after[1] and after[2]') }]);
  });
});

describe('CloudNativePG objects are validated, and only they are planned', () => {
  test('a Cluster without metadata is an error of an <unnamed> Cluster, not a crash', () => {
    const p = plan([PG], [PG, { apiVersion: API, kind: 'Cluster', spec: { instances: 3 } }]);
    expect(p.errors.map((e) => e.message)).toEqual([
      'after[1] Cluster/<unnamed> metadata: Cluster has no metadata; expected at least metadata.name (CRD schema: "Required value")',
      'after[1] Cluster/<unnamed> metadata: required field "metadata" is missing (CRD schema: "Required value")',
      expect.stringContaining('after[1] Cluster/<unnamed> the CRD\'s CEL rules were not evaluated'),
    ]);
    expect(p.clusters).toEqual([]);
  });

  test('a Cluster named by generateName is no Cluster the plan compares, nor a duplicate', () => {
    const generated = cluster('db', {}, { name: undefined, generateName: 'db-' });
    const p = plan([PG], [PG, generated, generated]);
    expect(p.errors).toEqual([]);
    expect(p.clusters).toEqual([]);
  });

  test('the other CloudNativePG kinds are validated too', () => {
    const backup = { apiVersion: API, kind: 'Backup', metadata: { name: 'b', namespace: 'a' }, spec: {} };
    expect(errorsOf([backup])).toEqual([
      { subject: 'Backup a/b', message: 'after[1] Backup/b spec.cluster: required field "cluster" is missing (CRD schema: "Required value")' },
      { subject: 'Backup a/b', message: expect.stringContaining('after[1] Backup/b the CRD\'s CEL rules were not evaluated') },
    ]);
  });

  test('a Cluster of another API group (Cluster API) is not a CloudNativePG Cluster', () => {
    const capi = (replicas: number) => ({ apiVersion: 'cluster.x-k8s.io/v1beta1', kind: 'Cluster', metadata: { name: 'db', namespace: 'a' }, spec: { replicas } });
    const p = plan([PG, capi(1)], [PG, capi(2)]);
    expect(p.errors).toEqual([]);
    expect(p.clusters).toEqual([]);
  });

  test('a Cluster without a namespace is the Cluster of the default namespace', () => {
    const p = plan([PG, cluster('db', {}, { namespace: undefined })], [PG, cluster('db', {}, { namespace: 'default' })]);
    expect(p.clusters.map((c) => [c.cluster, c.action])).toEqual([['default/db', ClusterAction.UNCHANGED]]);
  });

  test('an ImageCatalog without a namespace is the catalog of the default namespace', () => {
    expect(catalogKey('ImageCatalog', undefined, 'pg')).toBe('ImageCatalog/default/pg');
    expect(catalogKey('ClusterImageCatalog', 'a', 'pg')).toBe('ClusterImageCatalog/pg');
    // GIVEN a namespaced catalog written in the default namespace, and a Cluster written without one
    const imageCatalog = (tag: string) => ({ ...catalog([[18, image(tag)]]), kind: 'ImageCatalog', metadata: { name: 'pg', namespace: 'default' } });
    const db = cluster('db', { imageCatalogRef: { apiGroup: 'postgresql.cnpg.io', kind: 'ImageCatalog', name: 'pg', major: 18 } }, { namespace: undefined });
    // WHEN the catalog's image changes
    const p = plan([imageCatalog('18.1'), db], [imageCatalog('18.2'), db]);
    // THEN the Cluster finds it and rolls
    expect(p.errors).toEqual([]);
    expect(p.clusters.map((c) => [c.cluster, c.action])).toEqual([['default/db', ClusterAction.ROLLING_UPDATE]]);
  });
});

describe('the operator configuration', () => {
  const secret = (data: { [k: string]: string }) => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'cnpg-controller-manager-config', namespace: 'cnpg-system' }, data });
  const base64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

  test('is recognised under another name by its keys, in data or stringData', () => {
    const p = plan([PG], [PG, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'rollout', namespace: 'cnpg-system' }, stringData: { CLUSTERS_ROLLOUT_DELAY: '60' } }]);
    expect(p.errors).toEqual([]);
    expect(p.timing.clustersRolloutDelaySeconds).toBe(60);
    expect(p.timing.delaysFrom).toBe('ConfigMap cnpg-system/rollout');
  });

  test('other ConfigMaps and Secrets, and objects of other kinds or groups, are not the configuration', () => {
    const p = plan([PG], [
      PG,
      operatorConfig({ CLUSTERS_ROLLOUT_DELAY: '30' }),
      // a ConfigMap of the application: the plan does not read it
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app', namespace: 'a' }, data: { PORT: 5432 } },
      { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'app', namespace: 'a' }, stringData: { PASSWORD: 'x' } },
      // the configuration's name or keys on another kind, or on a ConfigMap of another group
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 'cnpg-controller-manager-config', namespace: 'cnpg-system' }, data: { CLUSTERS_ROLLOUT_DELAY: 'soon' } },
      { apiVersion: 'example.com/v1', kind: 'ConfigMap', metadata: { name: 'cnpg-controller-manager-config', namespace: 'cnpg-system' }, data: { CLUSTERS_ROLLOUT_DELAY: 'soon' } },
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'a' }, spec: {} },
    ]);
    expect(p.errors).toEqual([]);
    expect(p.timing.clustersRolloutDelaySeconds).toBe(30);
    expect(p.timing.delaysFrom).toBe('ConfigMap cnpg-system/cnpg-controller-manager-config');
  });

  test('the Secret (base64) wins over the ConfigMap, whatever their order', () => {
    const p = plan([PG], [PG, secret({ CLUSTERS_ROLLOUT_DELAY: base64('120') }), operatorConfig({ CLUSTERS_ROLLOUT_DELAY: '60', INSTANCES_ROLLOUT_DELAY: '10' })]);
    expect(p.errors).toEqual([]);
    expect(p.timing.clustersRolloutDelaySeconds).toBe(120);
    expect(p.timing.instancesRolloutDelaySeconds).toBe(10);
    expect(p.timing.delaysFrom).toBe('Secret cnpg-system/cnpg-controller-manager-config + ConfigMap cnpg-system/cnpg-controller-manager-config');
  });

  test('a configuration without a namespace is named in the default namespace', () => {
    const config = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cnpg-controller-manager-config' }, data: { CLUSTERS_ROLLOUT_DELAY: 'soon' } };
    expect(errorsOf([config])).toEqual([{
      subject: 'operator config',
      message: 'CLUSTERS_ROLLOUT_DELAY is "soon" (ConfigMap default/cnpg-controller-manager-config): not a whole number of seconds; '
        + 'the operator parses it with strconv.ParseInt and would skip it ("Skipping invalid integer value parsing configuration"), '
        + 'leaving CLUSTERS_ROLLOUT_DELAY at 0 (no delay); expected digits only, such as "120"',
    }]);
  });

  test('a configuration without metadata is still read by its keys', () => {
    const p = plan([PG], [PG, { apiVersion: 'v1', kind: 'ConfigMap', data: { INSTANCES_ROLLOUT_DELAY: '45' } }]);
    expect(p.errors).toEqual([]);
    expect(p.timing.instancesRolloutDelaySeconds).toBe(45);
  });
});

describe('the rollout delays, read as the operator reads them', () => {
  const FROM = 'ConfigMap cnpg-system/cnpg-controller-manager-config';
  const beyond = (raw: string) => `CLUSTERS_ROLLOUT_DELAY is "${raw}" (${FROM}): beyond a 64-bit integer; the operator parses it with strconv.ParseInt `
    + 'and would skip it ("Skipping invalid integer value parsing configuration"), leaving CLUSTERS_ROLLOUT_DELAY at 0 (no delay); expected at most 9223372036 seconds';
  const overflows = (raw: string) => `CLUSTERS_ROLLOUT_DELAY is "${raw}" (${FROM}): the operator turns it into time.Duration(${raw}) * time.Second, `
    + 'which overflows int64 nanoseconds and wraps around; expected at most 9223372036 seconds (about 292 years)';
  const parse = (raw: string) => parseRolloutDelay('CLUSTERS_ROLLOUT_DELAY', raw, FROM);

  test('the int64 limits themselves parse, and overflow the Duration', () => {
    expect(parse('9223372036854775807')).toEqual({ seconds: 0, error: overflows('9223372036854775807') });
    expect(parse('-9223372036854775808')).toEqual({ seconds: 0, error: overflows('-9223372036854775808') });
  });

  test('one past the int64 limits is beyond a 64-bit integer', () => {
    expect(parse('9223372036854775808')).toEqual({ seconds: 0, error: beyond('9223372036854775808') });
    expect(parse('-9223372036854775809')).toEqual({ seconds: 0, error: beyond('-9223372036854775809') });
  });

  test('a negative delay overflows past the Duration range, and is no delay within it', () => {
    expect(parse('-9223372037')).toEqual({ seconds: 0, error: overflows('-9223372037') });
    expect(parse('-9223372036')).toEqual({
      seconds: 0,
      warning: `CLUSTERS_ROLLOUT_DELAY is "-9223372036" (${FROM}): a negative delay, which the operator treats as no delay at all`,
    });
  });

  test('0 is no delay, without a warning', () => {
    expect(parse('0')).toEqual({ seconds: 0 });
    const p = plan([PG], [PG, operatorConfig({ CLUSTERS_ROLLOUT_DELAY: '0', INSTANCES_ROLLOUT_DELAY: '-0' })]);
    expect(p.errors).toEqual([]);
    expect(p.warnings).toEqual([]);
  });
});
