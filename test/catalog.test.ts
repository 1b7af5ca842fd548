import { ApiObject, Chart, JsonPatch, Testing } from 'cdk8s';
import {
  ClusterImageCatalog,
  DebianRelease,
  ImageCatalog,
  ImageCatalogKind,
  ImagePullPolicy,
  ImageType,
} from '../src';
import { newChart, pinned } from './util';

const PG17 = pinned('ghcr.io/cloudnative-pg/postgresql', '17.11-minimal-trixie', '1');
const PG18 = pinned('ghcr.io/cloudnative-pg/postgresql', '18.6-minimal-trixie', '2');
const PGBOUNCER = pinned('ghcr.io/cloudnative-pg/pgbouncer', '1.25.1', '3');
const PGVECTOR = pinned('ghcr.io/cloudnative-pg/pgvector', '0.8.6-18-trixie', '4');

describe('ImageCatalog', () => {
  test('minimal namespaced catalog synthesises to exactly the CRD shape', () => {
    // GIVEN
    const chart = newChart({ namespace: 'app' });
    // WHEN
    new ImageCatalog(chart, 'catalog', { metadata: { name: 'pg' }, images: [{ major: 17, image: PG17 }] });
    // THEN
    expect(Testing.synth(chart)).toStrictEqual([
      {
        apiVersion: 'postgresql.cnpg.io/v1',
        kind: 'ImageCatalog',
        metadata: { name: 'pg', namespace: 'app' },
        spec: { images: [{ major: 17, image: PG17 }] },
      },
    ]);
  });

  test('images are written by ascending major, whatever the order they were added in', () => {
    const chart = newChart();
    const catalog = new ImageCatalog(chart, 'catalog', { images: [{ major: 18, image: PG18 }] });
    catalog.addImage({ major: 17, image: PG17 });
    const [manifest] = Testing.synth(chart);
    expect(manifest.spec.images.map((i: any) => i.major)).toEqual([17, 18]);
    expect(catalog.majors).toEqual([17, 18]);
  });

  test('componentImages, per-major extensions and labels', () => {
    // GIVEN
    const chart = newChart({ namespace: 'app' });
    // WHEN
    const catalog = new ImageCatalog(chart, 'catalog', {
      metadata: { name: 'pg-with-extras', labels: { team: 'data' } },
      images: [
        { major: 17, image: PG17 },
        {
          major: 18,
          image: PG18,
          extensions: [
            { name: 'pgvector', reference: PGVECTOR },
            {
              name: 'my_ext',
              reference: pinned('registry.example.com/exts/my-ext', '1.0', '5'),
              pullPolicy: ImagePullPolicy.IF_NOT_PRESENT,
              extensionControlPath: ['my/share'],
              dynamicLibraryPath: ['my/lib'],
              ldLibraryPath: ['system'],
              binPath: ['bin'],
              env: { MY_DATA: '${image_root}/share/data', LITERAL: '$${not_a_placeholder}' },
            },
          ],
        },
      ],
      componentImages: { pgbouncer: PGBOUNCER },
    });
    catalog.metadata.addLabel('tier', 'gold');
    // THEN
    const [manifest] = Testing.synth(chart);
    expect(manifest).toMatchSnapshot();
    expect(manifest.metadata.labels).toEqual({ team: 'data', tier: 'gold' });
    expect(manifest.spec.componentImages).toEqual([{ key: 'pgbouncer', image: PGBOUNCER }]);
    // snake_case wire names reach the YAML through the bindings' camelCase fields
    expect(manifest.spec.images[1].extensions[1]).toEqual({
      name: 'my_ext',
      image: { reference: pinned('registry.example.com/exts/my-ext', '1.0', '5'), pullPolicy: 'IfNotPresent' },
      extension_control_path: ['my/share'],
      dynamic_library_path: ['my/lib'],
      ld_library_path: ['system'],
      bin_path: ['bin'],
      env: [
        { name: 'MY_DATA', value: '${image_root}/share/data' },
        { name: 'LITERAL', value: '$${not_a_placeholder}' },
      ],
    });
  });

  test('exposes what a Cluster cross-checks: kind, name, namespace, majors, images, extensions', () => {
    const chart = newChart({ namespace: 'app' });
    const catalog = new ImageCatalog(chart, 'catalog', {
      metadata: { name: 'pg' },
      images: [{ major: 18, image: PG18, extensions: [{ name: 'pgvector', reference: PGVECTOR }] }],
    });
    expect(catalog.kind).toBe(ImageCatalogKind.IMAGE_CATALOG);
    expect(catalog.name).toBe('pg');
    expect(catalog.namespace).toBe('app');
    expect(catalog.majors).toEqual([18]);
    expect(catalog.imageForMajor(18)).toBe(PG18);
    expect(catalog.imageForMajor(17)).toBeUndefined();
    expect(catalog.extensionsForMajor(18)).toEqual([{ name: 'pgvector', reference: PGVECTOR }]);
    expect(catalog.extensionsForMajor(17)).toBeUndefined();
  });

  test('the L1 object is the default child (escape hatch)', () => {
    const chart = newChart();
    const catalog = new ImageCatalog(chart, 'catalog', { images: [{ major: 17, image: PG17 }] });
    expect(catalog.node.defaultChild).toBe(catalog.apiObject);
    expect(ApiObject.of(catalog)).toBe(catalog.apiObject);
  });

  test('requireDigest: false accepts a tag-only image', () => {
    const chart = newChart();
    new ImageCatalog(chart, 'catalog', {
      requireDigest: false,
      images: [{ major: 18, image: 'ghcr.io/cloudnative-pg/postgresql:18.6-minimal-trixie' }],
    });
    expect(Testing.synth(chart)[0].spec.images[0].image).toBe('ghcr.io/cloudnative-pg/postgresql:18.6-minimal-trixie');
  });

  test('fromName references a catalog whose majors are unknown', () => {
    const chart = newChart();
    const ref = ImageCatalog.fromName(chart, 'ref', 'team-catalog', 'team');
    expect(ref.kind).toBe(ImageCatalogKind.IMAGE_CATALOG);
    expect(ref.name).toBe('team-catalog');
    expect(ref.namespace).toBe('team');
    expect(ref.majors).toBeUndefined();
    expect(ref.imageForMajor(18)).toBeUndefined();
    expect(ref.extensionsForMajor(18)).toBeUndefined();
    expect(Testing.synth(chart)).toEqual([]);
  });
});

describe('ClusterImageCatalog', () => {
  test('never carries metadata.namespace, even in a chart with a namespace', () => {
    // GIVEN a chart whose namespace cdk8s stamps on every object
    const chart = newChart({ namespace: 'ns1' });
    // WHEN
    const catalog = new ClusterImageCatalog(chart, 'catalog', { metadata: { name: 'pg' }, images: [{ major: 18, image: PG18 }] });
    // THEN
    expect(Testing.synth(chart)).toStrictEqual([
      {
        apiVersion: 'postgresql.cnpg.io/v1',
        kind: 'ClusterImageCatalog',
        metadata: { name: 'pg' },
        spec: { images: [{ major: 18, image: PG18 }] },
      },
    ]);
    expect(catalog.namespace).toBeUndefined();
    expect(catalog.kind).toBe(ImageCatalogKind.CLUSTER_IMAGE_CATALOG);
  });

  test('snapshot with componentImages and extensions', () => {
    const chart = newChart({ namespace: 'ignored-for-cluster-scope' });
    new ClusterImageCatalog(chart, 'catalog', {
      metadata: { name: 'postgresql-global' },
      images: [
        { major: 17, image: PG17 },
        { major: 18, image: PG18, extensions: [{ name: 'pgvector', reference: PGVECTOR }] },
      ],
      componentImages: { pgbouncer: PGBOUNCER },
    });
    expect(Testing.synth(chart)).toMatchSnapshot();
  });

  test('refuses an explicit namespace', () => {
    const chart = newChart();
    expect(() => new ClusterImageCatalog(chart, 'catalog', { metadata: { name: 'pg', namespace: 'app' }, images: [{ major: 18, image: PG18 }] }))
      .toThrow('[test/catalog] metadata.namespace: ClusterImageCatalog is cluster-scoped and cannot carry a namespace (got "app"); remove it, or use ImageCatalog for a namespaced catalog (CRD schema)');
  });

  test('refuses a namespace injected through the escape hatch at synth', () => {
    const chart = newChart();
    const catalog = new ClusterImageCatalog(chart, 'catalog', { metadata: { name: 'pg' }, images: [{ major: 18, image: PG18 }] });
    catalog.apiObject.addJsonPatch(JsonPatch.add('/metadata/namespace', 'sneaky'));
    expect(() => Testing.synth(chart)).toThrow('[test/catalog] metadata.namespace: ClusterImageCatalog is cluster-scoped, yet metadata.namespace is "sneaky"; remove it (the API server ignores it and a GitOps tool would report a permanent diff) (CRD schema)');
  });

  test('fromName references a cluster-scoped catalog with no cross-check', () => {
    const ref = ClusterImageCatalog.fromName(newChart(), 'ref', 'postgresql-global');
    expect(ref.kind).toBe(ImageCatalogKind.CLUSTER_IMAGE_CATALOG);
    expect(ref.namespace).toBeUndefined();
    expect(ref.majors).toBeUndefined();
  });

  test('fromOfficial references an installed official catalog and knows its majors', () => {
    const chart = newChart();
    const ref = ClusterImageCatalog.fromOfficial(chart, 'ref', { type: ImageType.MINIMAL, os: DebianRelease.TRIXIE, withExtensions: true });
    expect(ref.name).toBe('postgresql-minimal-trixie');
    expect(ref.majors).toEqual([13, 14, 15, 16, 17, 18]);
    expect(ref.extensionsForMajor(18)!.map((e) => e.name)).toContain('pgvector');
    expect(ref.extensionsForMajor(17)).toEqual([]);
    expect(Testing.synth(chart)).toEqual([]);
  });
});

describe('CRD rules, enforced at construction or synth', () => {
  const cases: Array<[string, () => void, string]> = [
    [
      'duplicate majors in props',
      () => new ImageCatalog(newChart(), 'catalog', { images: [{ major: 18, image: PG18 }, { major: 18, image: PG17 }] }),
      '[test/catalog] images[major 18]: major 18 appears twice; each major may appear once (CRD rule: "Images must have unique major versions")',
    ],
    [
      'a ninth image',
      () => new ClusterImageCatalog(newChart(), 'catalog', {
        images: [10, 11, 12, 13, 14, 15, 16, 17, 18].map((major) => ({ major, image: pinned('ghcr.io/x/pg', `${major}`) })),
      }),
      '[test/catalog] images: adding major 18 would make 9 images; at most 8 are accepted (majors present: 10, 11, 12, 13, 14, 15, 16, 17) (CRD schema: "must have at most 8 items")',
    ],
    [
      'major 9',
      () => new ImageCatalog(newChart(), 'catalog', { images: [{ major: 9, image: pinned('ghcr.io/x/pg', '9.6') }] }),
      '[test/catalog] images[major 9].major: major 9 is not accepted; expected an integer >= 10 (CRD schema: "should be greater than or equal to 10")',
    ],
    [
      'a fractional major',
      () => new ImageCatalog(newChart(), 'catalog', { images: [{ major: 17.5, image: PG17 }] }),
      '[test/catalog] images[major 17.5].major: major 17.5 is not accepted; expected an integer >= 10',
    ],
    [
      'an empty image',
      () => new ImageCatalog(newChart(), 'catalog', { images: [{ major: 18, image: '' }] }),
      '[test/catalog] images[major 18].image: image is ""; expected a non-empty image reference (library)',
    ],
    [
      'a tag-only image',
      () => new ClusterImageCatalog(newChart(), 'catalog', { images: [{ major: 18, image: 'ghcr.io/cloudnative-pg/postgresql:18.6-minimal-trixie' }] }),
      '[test/catalog] images[major 18].image: "ghcr.io/cloudnative-pg/postgresql:18.6-minimal-trixie" is not digest-pinned; expected <registry>/<repository>[:<tag>]@sha256:<64 hex digits> (a tag can be moved, a digest cannot), or set requireDigest: false (library)',
    ],
    [
      'an unparsable image reference',
      () => new ImageCatalog(newChart(), 'catalog', { requireDigest: false, images: [{ major: 18, image: 'Not A Reference' }] }),
      '[test/catalog] images[major 18].image: "Not A Reference" is not a valid image reference',
    ],
    [
      'a truncated digest',
      () => new ImageCatalog(newChart(), 'catalog', { images: [{ major: 18, image: 'ghcr.io/x/pg:18@sha256:abc' }] }),
      '[test/catalog] images[major 18].image: "ghcr.io/x/pg:18@sha256:abc" is not a valid image reference',
    ],
    [
      'a 33rd component image',
      () => new ImageCatalog(newChart(), 'catalog', {
        images: [{ major: 18, image: PG18 }],
        componentImages: Object.fromEntries(Array.from({ length: 33 }, (_, i) => [`c${i}`, PGBOUNCER])),
      }),
      '[test/catalog] componentImages: 33 component images; at most 32 are accepted (CRD schema: "must have at most 32 items")',
    ],
    [
      'a component key that is not a DNS label',
      () => new ImageCatalog(newChart(), 'catalog', { images: [{ major: 18, image: PG18 }], componentImages: { PgBouncer: PGBOUNCER } }),
      '[test/catalog] componentImages["PgBouncer"]: key "PgBouncer" is not a DNS label; expected ^[a-z0-9]([-a-z0-9]*[a-z0-9])?$, at most 63 characters (e.g. "pgbouncer") (CRD schema)',
    ],
    [
      'a component key of 64 characters',
      () => new ImageCatalog(newChart(), 'catalog', { images: [{ major: 18, image: PG18 }], componentImages: { ['k'.repeat(64)]: PGBOUNCER } }),
      'is not a DNS label',
    ],
    [
      'a tag-only component image',
      () => new ImageCatalog(newChart(), 'catalog', { images: [{ major: 18, image: PG18 }], componentImages: { pgbouncer: 'ghcr.io/cloudnative-pg/pgbouncer:1.25.1' } }),
      '[test/catalog] componentImages["pgbouncer"]: "ghcr.io/cloudnative-pg/pgbouncer:1.25.1" is not digest-pinned',
    ],
    [
      'an extension name with an upper-case letter',
      () => new ImageCatalog(newChart(), 'catalog', { images: [{ major: 18, image: PG18, extensions: [{ name: 'PgVector', reference: PGVECTOR }] }] }),
      '[test/catalog] images[major 18].extensions[0].name: "PgVector" does not match ^[a-z0-9]([-a-z0-9_]*[a-z0-9])?$ (lowercase letters, digits, "-" and "_", starting and ending with a letter or digit) (CRD schema)',
    ],
    [
      'an extension name of 60 characters',
      () => new ImageCatalog(newChart(), 'catalog', { images: [{ major: 18, image: PG18, extensions: [{ name: 'e'.repeat(60), reference: PGVECTOR }] }] }),
      `[test/catalog] images[major 18].extensions[0].name: "${'e'.repeat(60)}" is 60 characters; at most 59 are accepted (CRD schema)`,
    ],
    [
      'extension names that collide after "_" becomes "-"',
      () => new ImageCatalog(newChart(), 'catalog', {
        images: [{ major: 18, image: PG18, extensions: [{ name: 'pg-ivm', reference: PGVECTOR }, { name: 'pg_ivm', reference: PGVECTOR }] }],
      }),
      '[test/catalog] images[major 18].extensions[1].name: "pg_ivm" and "pg-ivm" both become volume "ext-pg-ivm" (webhook: "extension name results in duplicate volume name "ext-pg-ivm" after sanitization (underscores are converted to hyphens)")',
    ],
    [
      'a duplicate extension name',
      () => new ImageCatalog(newChart(), 'catalog', {
        images: [{ major: 18, image: PG18, extensions: [{ name: 'pgvector', reference: PGVECTOR }, { name: 'pgvector', reference: PGVECTOR }] }],
      }),
      '[test/catalog] images[major 18].extensions[1].name: extension "pgvector" is listed twice; each name may appear once',
    ],
    [
      'a tag-only extension image',
      () => new ImageCatalog(newChart(), 'catalog', { images: [{ major: 18, image: PG18, extensions: [{ name: 'pgvector', reference: 'ghcr.io/cloudnative-pg/pgvector:0.8.6-18-trixie' }] }] }),
      '[test/catalog] images[major 18].extensions[0].image.reference: "ghcr.io/cloudnative-pg/pgvector:0.8.6-18-trixie" is not digest-pinned',
    ],
    [
      'an invalid object name',
      () => new ImageCatalog(newChart(), 'catalog', { metadata: { name: 'My_Catalog' }, images: [{ major: 18, image: PG18 }] }),
      '[test/catalog] metadata.name: "My_Catalog" is not a valid object name; expected a lowercase DNS-1123 subdomain of at most 253 characters (CRD schema)',
    ],
    [
      'an invalid name given to fromName',
      () => ClusterImageCatalog.fromName(newChart(), 'ref', 'Bad Name'),
      '[test/ref] name: "Bad Name" is not a valid object name',
    ],
  ];

  test.each(cases)('refuses %s', (_name, build, message) => {
    expect(build).toThrow(message);
  });

  test('addImage refuses a major already present', () => {
    const catalog = new ImageCatalog(newChart(), 'catalog', { images: [{ major: 18, image: PG18 }] });
    expect(() => catalog.addImage({ major: 18, image: PG18 })).toThrow(
      '[test/catalog] images[major 18]: major 18 appears twice; each major may appear once (CRD rule: "Images must have unique major versions")',
    );
  });

  test('addComponentImage refuses a key already present', () => {
    const catalog = new ImageCatalog(newChart(), 'catalog', { images: [{ major: 18, image: PG18 }], componentImages: { pgbouncer: PGBOUNCER } });
    expect(() => catalog.addComponentImage('pgbouncer', PGBOUNCER)).toThrow(
      '[test/catalog] componentImages["pgbouncer"]: key "pgbouncer" appears twice; each key may appear once (CRD rule: "Component image keys must be unique")',
    );
  });

  test('a catalog with no image fails at synth', () => {
    const chart = newChart();
    new ClusterImageCatalog(chart, 'catalog');
    expect(() => Testing.synth(chart)).toThrow(
      '[test/catalog] images: the catalog has no image; expected 1 to 8 images (add one with addImage()) (CRD schema: "should have at least 1 items")',
    );
  });

  test('images added after construction satisfy the synth-time count check', () => {
    const chart = newChart();
    const catalog = new ClusterImageCatalog(chart, 'catalog');
    catalog.addImage({ major: 18, image: PG18 });
    expect(Testing.synth(chart)[0].spec.images).toEqual([{ major: 18, image: PG18 }]);
  });

  test('two catalogs of the same kind and name in one app are refused', () => {
    const app = Testing.app();
    const a = new Chart(app, 'a');
    const b = new Chart(app, 'b');
    new ClusterImageCatalog(a, 'catalog', { metadata: { name: 'pg' }, images: [{ major: 18, image: PG18 }] });
    expect(() => new ClusterImageCatalog(b, 'catalog', { metadata: { name: 'pg' }, images: [{ major: 18, image: PG18 }] })).toThrow(
      '[b/catalog] metadata.name: ClusterImageCatalog "pg" is already defined by [a/catalog]; one app can hold only one',
    );
  });

  test('namespaced catalogs of the same name in different namespaces are fine', () => {
    const app = Testing.app();
    new ImageCatalog(new Chart(app, 'a', { namespace: 'a' }), 'catalog', { metadata: { name: 'pg' }, images: [{ major: 18, image: PG18 }] });
    new ImageCatalog(new Chart(app, 'b', { namespace: 'b' }), 'catalog', { metadata: { name: 'pg' }, images: [{ major: 18, image: PG18 }] });
    expect(app.charts.flatMap((c) => c.toJson()).map((m: any) => m.metadata.namespace)).toEqual(['a', 'b']);
  });
});

describe('ImageCatalogBase and ClusterImageCatalog, read back and re-synthesised', () => {
  test('componentKeys lists the component image keys in the order added', () => {
    const catalog = new ImageCatalog(newChart(), 'catalog', { images: [{ major: 18, image: PG18 }], componentImages: { pgbouncer: PGBOUNCER } });
    catalog.addComponentImage('barman', pinned('ghcr.io/cloudnative-pg/plugin-barman-cloud', '0.7.0', '6'));
    expect(catalog.componentKeys).toEqual(['pgbouncer', 'barman']);
    expect(new ClusterImageCatalog(newChart(), 'empty', { images: [{ major: 18, image: PG18 }] }).componentKeys).toEqual([]);
  });

  test('a catalog that failed synth for having no image synthesises once an image is added', () => {
    const chart = newChart();
    const catalog = new ClusterImageCatalog(chart, 'catalog', { metadata: { name: 'pg' } });
    expect(() => Testing.synth(chart)).toThrow('[test/catalog] spec.images: 0 items; at least 1 are required (CRD schema: "should have at least 1 items")');
    catalog.addImage({ major: 18, image: PG18 });
    expect(Testing.synth(chart)).toEqual([
      { apiVersion: 'postgresql.cnpg.io/v1', kind: 'ClusterImageCatalog', metadata: { name: 'pg' }, spec: { images: [{ major: 18, image: PG18 }] } },
    ]);
  });

  test('fromVerifiedFile refuses missing options from plain JavaScript with the path error, not a TypeError', () => {
    const chart = newChart();
    expect(() => ClusterImageCatalog.fromVerifiedFile(chart, 'catalog', undefined as any)).toThrow(
      /^\[test\/catalog\] file: undefined is not a path; expected the catalog file$/,
    );
    expect(() => ClusterImageCatalog.fromVerifiedFile(chart, 'catalog', { file: 'catalog-minimal-trixie.yaml' } as any)).toThrow(
      /^\[test\/catalog\] lock: undefined is not a path; expected the lock file written by `cdk8s-cnpg catalogs lock`$/,
    );
  });
});
