import * as YAML from 'yaml';
import { ClusterAction, RolloutPlan } from '../src';
import { deepEqual } from '../src/common/deep-equal';

describe('deepEqual', () => {
  test.each([
    ['the same keys in another order', { cpu: '1', memory: '1Gi' }, { memory: '1Gi', cpu: '1' }, true],
    ['nested objects in another order', { a: { x: 1, y: [1, { p: 1, q: 2 }] } }, { a: { y: [1, { q: 2, p: 1 }], x: 1 } }, true],
    ['arrays in another order', ['a', 'b'], ['b', 'a'], false],
    ['a missing key', { cpu: '1' }, { cpu: '1', memory: '1Gi' }, false],
    ['a number and its string', { cpu: 1 }, { cpu: '1' }, false],
    ['null and an absent value', null, undefined, false],
    ['two absent values', undefined, undefined, true],
  ])('%s', (_name, a, b, expected) => {
    expect(deepEqual(a, b)).toBe(expected);
    expect(deepEqual(b, a)).toBe(expected);
  });
});

describe('RolloutPlan compares manifests structurally', () => {
  const catalog = `
apiVersion: postgresql.cnpg.io/v1
kind: ClusterImageCatalog
metadata: { name: pg }
spec: { images: [{ major: 18, image: 'registry.example.com/pg:18.1' }] }
`;
  const cluster = (resources: string) => `
apiVersion: postgresql.cnpg.io/v1
kind: Cluster
metadata: { name: db, namespace: app }
spec:
  instances: 3
  imageCatalogRef: { apiGroup: postgresql.cnpg.io, kind: ClusterImageCatalog, name: pg, major: 18 }
  storage: { size: 1Gi }
  resources:
${resources}
`;
  const parse = (...docs: string[]) => docs.map((d) => YAML.parse(d));

  test('reordering cpu and memory in one YAML alone rolls nothing', () => {
    // GIVEN the same resources, keys in another order
    const before = parse(catalog, cluster('    requests: { cpu: "1", memory: 4Gi }\n    limits: { cpu: "2", memory: 4Gi }'));
    const after = parse(catalog, cluster('    limits: { memory: 4Gi, cpu: "2" }\n    requests: { memory: 4Gi, cpu: "1" }'));
    // WHEN
    const plan = RolloutPlan.between(before, after);
    // THEN
    expect(plan.clusters.map((c) => [c.cluster, c.action, c.reasons])).toEqual([['app/db', ClusterAction.UNCHANGED, []]]);
  });

  test('a changed value in reordered keys still rolls the Cluster', () => {
    const before = parse(catalog, cluster('    requests: { cpu: "1", memory: 4Gi }'));
    const after = parse(catalog, cluster('    requests: { memory: 8Gi, cpu: "1" }'));
    const plan = RolloutPlan.between(before, after);
    expect(plan.clusters.map((c) => [c.cluster, c.action, c.reasons])).toEqual([['app/db', ClusterAction.ROLLING_UPDATE, ['pod spec changed: spec.resources (containers[postgres].resources)']]]);
  });
});
