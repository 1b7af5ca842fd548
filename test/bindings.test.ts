import { App, Chart } from 'cdk8s';
import { barmancloud, cnpg } from '../src';
import { schemaSource } from '../src/validator/crd-schema';
import '../src/admission/schemas';

// The generated L1 bindings are public, one namespace per API group (as cdk8s-plus exports `k8s`), and the
// validator knows every bound kind, with whether its served version has the status subresource.

const CNPG_KINDS = ['Backup', 'Cluster', 'ClusterImageCatalog', 'Database', 'DatabaseRole', 'FailoverQuorum', 'ImageCatalog', 'Pooler', 'Publication', 'ScheduledBackup', 'Subscription'];

describe('L1 bindings', () => {
  test('the cnpg namespace has a class for each of the 11 CloudNativePG kinds, with its GVK', () => {
    for (const kind of CNPG_KINDS) {
      const l1 = (cnpg as any)[kind];
      expect(l1?.GVK).toStrictEqual({ apiVersion: 'postgresql.cnpg.io/v1', kind });
    }
  });

  test('the barmancloud namespace has the plugin\'s ObjectStore', () => {
    expect(barmancloud.ObjectStore.GVK).toStrictEqual({ apiVersion: 'barmancloud.cnpg.io/v1', kind: 'ObjectStore' });
  });

  test('an L1 of the namespace synthesises its manifest', () => {
    const chart = new Chart(new App(), 'c');
    new cnpg.Pooler(chart, 'p', { metadata: { name: 'pg-rw' }, spec: { cluster: { name: 'pg' }, pgbouncer: { poolMode: cnpg.PoolerSpecPgbouncerPoolMode.TRANSACTION } } });
    expect(chart.toJson()).toStrictEqual([{
      apiVersion: 'postgresql.cnpg.io/v1',
      kind: 'Pooler',
      metadata: { name: 'pg-rw' },
      spec: { cluster: { name: 'pg' }, pgbouncer: { poolMode: 'transaction' } },
    }]);
  });

  test('every bound kind has a registered schema that says whether status is a subresource', () => {
    const withoutStatus = CNPG_KINDS.filter((kind) => !schemaSource('postgresql.cnpg.io', kind)!.statusSubresource);
    // the catalogs are the two CloudNativePG kinds without a status subresource (their CRDs declare none)
    expect(withoutStatus).toStrictEqual(['ClusterImageCatalog', 'ImageCatalog']);
    expect(schemaSource('barmancloud.cnpg.io', 'ObjectStore')!.statusSubresource).toBe(true);
  });
});
