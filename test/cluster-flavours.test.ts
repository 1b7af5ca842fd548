import { Size, Testing } from 'cdk8s';
import {
  Cluster,
  ClusterImage,
  ClusterImageCatalog,
  Database,
  DebianRelease,
  Extension,
  ImageType,
  OfficialCatalogs,
  OfficialExtension,
} from '../src';
import { newChart } from './util';

// A Cluster on every official catalog and every major it carries, and one per official extension on each
// extension-enabled catalog, with the Database that creates it.

const CORE = OfficialCatalogs.list().filter((c) => !c.withExtensions);
const WITH_EXTENSIONS = OfficialCatalogs.list().filter((c) => c.withExtensions);

describe('a Cluster on every official catalog and major', () => {
  const cases = CORE.flatMap((c) => c.majors.map((major) => [`${c.name} major ${major}`, c.type, c.os, major] as const));

  test('covers 9 catalogs with 6 majors each', () => {
    expect(cases).toHaveLength(54);
  });

  test.each(cases)('%s', (_name, type, os, major) => {
    const chart = newChart({ namespace: 'tenants' });
    const catalog = ClusterImageCatalog.official(chart, 'catalog', { type, os });
    new Cluster(chart, 'cluster', {
      metadata: { name: `pg${major}-${type}-${os}` },
      instances: 3,
      image: ClusterImage.fromCatalog(catalog, major),
      storage: { size: Size.gibibytes(10) },
    });
    const cluster = Testing.synth(chart).find((m: any) => m.kind === 'Cluster');
    expect(cluster).toMatchSnapshot();
    expect(cluster.spec.imageCatalogRef).toEqual({ apiGroup: 'postgresql.cnpg.io', kind: 'ClusterImageCatalog', name: `postgresql-${type}-${os}`, major });
  });
});

describe('a Cluster with each official extension on each extension-enabled catalog', () => {
  const cases = WITH_EXTENSIONS.flatMap((c) => OfficialExtension.all().map((ext) => [`${c.name} + ${ext.catalogName}`, c.os, ext] as const));

  test('covers 2 catalogs with 8 extensions each', () => {
    expect(cases).toHaveLength(16);
  });

  test.each(cases)('%s', (_name, os, ext) => {
    const chart = newChart({ namespace: 'tenants' });
    const catalog = ClusterImageCatalog.official(chart, 'catalog', { type: ImageType.MINIMAL, os: os as DebianRelease, withExtensions: true });
    const cluster = new Cluster(chart, 'cluster', {
      metadata: { name: `with-${ext.catalogName}` },
      instances: 2,
      image: ClusterImage.fromCatalog(catalog, 18),
      storage: { size: Size.gibibytes(10) },
    });
    cluster.addExtension(Extension.fromCatalog(ext.catalogName));
    if (ext.createExtension) {
      new Database(chart, 'db', { metadata: { name: `with-${ext.catalogName}-app` }, cluster, name: 'app', owner: 'app' }).addOfficialExtension(ext);
    }
    const manifests = Testing.synth(chart).filter((m: any) => m.kind !== 'ClusterImageCatalog');
    expect(manifests).toMatchSnapshot();
    const spec = manifests.find((m: any) => m.kind === 'Cluster').spec;
    expect(spec.postgresql.extensions.map((e: any) => e.name)).toEqual([ext.catalogName, ...ext.requires]);
    for (const lib of ext.sharedPreloadLibraries) expect(spec.postgresql.shared_preload_libraries).toContain(lib);
    for (const [k, v] of Object.entries(ext.parameters)) expect(spec.postgresql.parameters[k]).toBe(v);
    const database = manifests.find((m: any) => m.kind === 'Database');
    if (ext.createExtension) {
      const requiredSql = ext.requires.map((r) => OfficialExtension.fromCatalogName(r)!.sqlName);
      expect(database.spec.extensions.map((e: any) => e.name)).toEqual([...requiredSql, ext.sqlName]);
    } else {
      expect(database).toBeUndefined();
    }
  });
});
