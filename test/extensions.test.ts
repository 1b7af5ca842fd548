import { Chart, Size, Testing } from 'cdk8s';
import {
  Cluster,
  ClusterImage,
  ClusterImageCatalog,
  DebianRelease,
  Extension,
  ImagePullPolicy,
  ImageType,
  OfficialExtension,
} from '../src';
import { extensionsCluster } from './extension-fixtures';
import { newChart, pinned } from './util';

const MY_EXT = pinned('registry.example.com/exts/my-ext', '1.0-18-trixie', 'c');


function spec(chart: Chart): any {
  return Testing.synth(chart).find((m: any) => m.kind === 'Cluster').spec;
}

describe('extension image volumes', () => {
  test('an extension the catalog defines is named, and nothing else is written', () => {
    const { chart, cluster } = extensionsCluster();
    cluster.addExtension(Extension.fromCatalog('pgvector'));
    expect(spec(chart).postgresql).toEqual({ extensions: [{ name: 'pgvector' }] });
    expect(cluster.extensionNames).toEqual(['pgvector']);
  });

  test('extensions given in props are added like addExtension()', () => {
    const { chart } = extensionsCluster({ extensions: [Extension.fromCatalog('pgvector'), Extension.fromCatalog('postgis')] });
    expect(spec(chart).postgresql.extensions).toEqual([{ name: 'pgvector' }, { name: 'postgis' }]);
  });

  test('every field of an image extension reaches the YAML under its snake_case name', () => {
    const { chart, cluster } = extensionsCluster();
    cluster.addExtension(Extension.fromImage({
      name: 'my_ext',
      reference: MY_EXT,
      pullPolicy: ImagePullPolicy.ALWAYS,
      extensionControlPath: ['share/custom'],
      dynamicLibraryPath: ['lib/custom'],
      ldLibraryPath: ['system'],
      binPath: ['bin'],
      env: { MY_HOME: '${image_root}', LITERAL: '$${image_root}' },
    }));
    expect(spec(chart).postgresql.extensions).toEqual([{
      name: 'my_ext',
      image: { reference: MY_EXT, pullPolicy: 'Always' },
      extension_control_path: ['share/custom'],
      dynamic_library_path: ['lib/custom'],
      ld_library_path: ['system'],
      bin_path: ['bin'],
      env: [{ name: 'MY_HOME', value: '${image_root}' }, { name: 'LITERAL', value: '$${image_root}' }],
    }]);
  });

  test('catalog extensions can be overridden per field', () => {
    const { chart, cluster } = extensionsCluster();
    cluster.addExtension(Extension.fromCatalog('postgis', { pullPolicy: ImagePullPolicy.IF_NOT_PRESENT, env: { GDAL_DATA: '/custom/gdal' } }));
    expect(spec(chart).postgresql.extensions).toEqual([{ name: 'postgis', image: { pullPolicy: 'IfNotPresent' }, env: [{ name: 'GDAL_DATA', value: '/custom/gdal' }] }]);
  });

  test('an extension on PostgreSQL 17 is refused', () => {
    const chart = newChart();
    const catalog = ClusterImageCatalog.official(chart, 'catalog', { type: ImageType.MINIMAL, os: DebianRelease.TRIXIE, withExtensions: true });
    const cluster = new Cluster(chart, 'db', { metadata: { name: 'db' }, image: ClusterImage.fromCatalog(catalog, 17), storage: { size: Size.gibibytes(1) } });
    expect(() => cluster.addExtension(Extension.fromImage({ name: 'pgvector', reference: pinned('ghcr.io/cloudnative-pg/pgvector', '0.8.6-17-trixie') }))).toThrow(
      '[test/db] extensions["pgvector"]: extension image volumes need PostgreSQL 18 or later (extension_control_path), but this Cluster runs PostgreSQL 17; the operator does not check this, so the extension would silently never load. Use a major 18 image (library)',
    );
  });

  test('an extension of an image name without a reference gets the webhook\'s message', () => {
    const chart = newChart();
    const cluster = new Cluster(chart, 'db', {
      metadata: { name: 'db' },
      image: ClusterImage.fromName(pinned('ghcr.io/cloudnative-pg/postgresql', '18.6-minimal-trixie')),
      storage: { size: Size.gibibytes(1) },
    });
    expect(() => cluster.addExtension(Extension.fromCatalog('pgvector'))).toThrow(
      '[test/db] spec.postgresql.extensions[0].image.reference: extension "pgvector" has no image reference and no catalog defines it; give its image with Extension.fromImage() (webhook: "Image reference for extension `pgvector` must be set when no image catalog is configured")',
    );
  });

  test('an extension the catalog does not define fails at synth with the operator\'s message', () => {
    const { chart, cluster } = extensionsCluster();
    cluster.addExtension(Extension.fromCatalog('pg_partman'));
    expect(() => Testing.synth(chart)).toThrow(
      '[test/db] extensions["pg_partman"]: ClusterImageCatalog/postgresql-minimal-trixie defines no extension "pg_partman" for major 18 (it defines pg-crash, pg-ivm, pgaudit, pgrouting, pgvector, postgis, timescaledb-oss, wal2json); use Extension.fromImage() with its image (operator: "extension "pg_partman" found in the Cluster Spec but no ImageVolumeSource.Reference is defined")',
    );
  });

  test.each([
    [DebianRelease.TRIXIE, 'the extension-enabled variant of postgresql-minimal-trixie defines it: ClusterImageCatalog.official(scope, id, { type: ImageType.MINIMAL, os: DebianRelease.TRIXIE, withExtensions: true }); or use Extension.fromImage() with its image'],
    [DebianRelease.BULLSEYE, 'the extension-enabled official catalogs of minimal/bookworm, minimal/trixie define it (ClusterImageCatalog.official(scope, id, { type: ImageType.MINIMAL, os: DebianRelease.BOOKWORM, withExtensions: true })); or use Extension.fromImage() with its image'],
  ])('an official extension named on a %s catalog without extensions points to the extension-enabled catalog', (os, hint) => {
    const chart = newChart();
    const catalog = ClusterImageCatalog.official(chart, 'catalog', { type: ImageType.MINIMAL, os });
    const cluster = new Cluster(chart, 'db', { metadata: { name: 'db' }, image: ClusterImage.fromCatalog(catalog, 18), storage: { size: Size.gibibytes(1) } });
    cluster.addExtension(Extension.fromCatalog('pgvector'));
    expect(() => Testing.synth(chart)).toThrow(`[test/db] extensions["pgvector"]: ClusterImageCatalog/postgresql-minimal-${os} defines no extension "pgvector" for major 18 (it defines none); ${hint}`);
  });

  test('an extension of a catalog managed elsewhere is not cross-checked', () => {
    const chart = newChart();
    const catalog = ClusterImageCatalog.fromName(chart, 'catalog', 'team-catalog');
    const cluster = new Cluster(chart, 'db', { metadata: { name: 'db' }, image: ClusterImage.fromCatalog(catalog, 18), storage: { size: Size.gibibytes(1) } });
    cluster.addExtension(Extension.fromCatalog('pg_partman'));
    expect(spec(chart).postgresql.extensions).toEqual([{ name: 'pg_partman' }]);
  });

  const invalid: Array<[string, Extension, string]> = [
    ['a name with an upper-case letter', Extension.fromImage({ name: 'MyExt', reference: MY_EXT }),
      'spec.postgresql.extensions[0].name: "MyExt" does not match ^[a-z0-9]([-a-z0-9_]*[a-z0-9])?$'],
    ['a name of 60 characters', Extension.fromImage({ name: 'x'.repeat(60), reference: MY_EXT }), 'is 60 characters; at most 59 are accepted (CRD schema)'],
    ['an empty name', Extension.fromImage({ name: '', reference: MY_EXT }),
      'spec.postgresql.extensions[0].name: extension name is empty; expected a name such as "pgvector" (webhook: "value cannot be empty")'],
    ['an empty path', Extension.fromImage({ name: 'my-ext', reference: MY_EXT, binPath: [''] }),
      'spec.postgresql.extensions[0].bin_path[0]: path is empty; expected a path relative to the extension image root (webhook: "value cannot be empty")'],
    ['a path escaping the extension directory', Extension.fromImage({ name: 'my-ext', reference: MY_EXT, dynamicLibraryPath: ['lib/../../etc'] }),
      'spec.postgresql.extensions[0].dynamic_library_path[0]: "lib/../../etc" leaves /extensions/my-ext; expected a path inside the extension image (webhook: "path must not escape the extension directory")'],
    ['a reserved PG* variable', Extension.fromImage({ name: 'my-ext', reference: MY_EXT, env: { PGDATA: '/x' } }),
      'spec.postgresql.extensions[0].env[0].name: "PGDATA" is reserved by the operator (webhook: "the usage of this environment variable is reserved for the operator")'],
    ['a reserved CNPG_* variable', Extension.fromImage({ name: 'my-ext', reference: MY_EXT, env: { cnpg_x: '1' } }), 'the usage of this environment variable is reserved for the operator'],
    ['POD_NAME', Extension.fromImage({ name: 'my-ext', reference: MY_EXT, env: { POD_NAME: '1' } }), 'the usage of this environment variable is reserved for the operator'],
    ['NAMESPACE', Extension.fromImage({ name: 'my-ext', reference: MY_EXT, env: { NAMESPACE: '1' } }), 'the usage of this environment variable is reserved for the operator'],
    ['CLUSTER_NAME', Extension.fromImage({ name: 'my-ext', reference: MY_EXT, env: { CLUSTER_NAME: '1' } }), 'the usage of this environment variable is reserved for the operator'],
    ['PATH', Extension.fromImage({ name: 'my-ext', reference: MY_EXT, env: { PATH: '/bin' } }),
      '(webhook: "PATH must be configured via spec.postgresql.extensions[0].bin_path")'],
    ['LD_LIBRARY_PATH', Extension.fromImage({ name: 'my-ext', reference: MY_EXT, env: { LD_LIBRARY_PATH: '/lib' } }),
      '(webhook: "LD_LIBRARY_PATH must be configured via spec.postgresql.extensions[0].ld_library_path")'],
    ['an unsupported placeholder', Extension.fromImage({ name: 'my-ext', reference: MY_EXT, env: { DATA: '${pg_root}/data' } }),
      'spec.postgresql.extensions[0].env[0].value: "${pg_root}/data" uses ${pg_root}; only ${image_root} is replaced (write $${...} for a literal) (webhook: "unsupported placeholder(s): ${pg_root}; supported: ${image_root}")'],
    ['an empty env value', Extension.fromImage({ name: 'my-ext', reference: MY_EXT, env: { DATA: '' } }), 'value of "DATA" is empty; expected a non-empty string (CRD schema)'],
    ['an env name that is not a variable name', Extension.fromImage({ name: 'my-ext', reference: MY_EXT, env: { 'MY-VAR': 'x' } }), '"MY-VAR" is not a valid variable name'],
    ['a tag-only reference', Extension.fromImage({ name: 'my-ext', reference: 'registry.example.com/exts/my-ext:1.0' }), '"registry.example.com/exts/my-ext:1.0" is not digest-pinned'],
  ];

  test.each(invalid)('refuses %s', (_name, extension, message) => {
    const { cluster } = extensionsCluster();
    expect(() => cluster.addExtension(extension)).toThrow(message);
  });

  test('refuses names that collide once "_" becomes "-"', () => {
    const { cluster } = extensionsCluster();
    cluster.addExtension(Extension.fromCatalog('pg-ivm'));
    expect(() => cluster.addExtension(Extension.fromImage({ name: 'pg_ivm', reference: MY_EXT }))).toThrow(
      'spec.postgresql.extensions[1].name: "pg_ivm" and "pg-ivm" both become volume "ext-pg-ivm" (webhook: "extension name results in duplicate volume name "ext-pg-ivm" after sanitization (underscores are converted to hyphens)")',
    );
  });

  test('refuses the same extension twice', () => {
    const { cluster } = extensionsCluster();
    cluster.addExtension(Extension.fromCatalog('pgvector'));
    expect(() => cluster.addExtension(Extension.fromCatalog('pgvector'))).toThrow('[test/db] extensions["pgvector"]: extension "pgvector" is already added; each name may appear once (CRD schema)');
  });
});

describe('official extensions', () => {
  test('know their three names', () => {
    expect(OfficialExtension.all().map((e) => [e.catalogName, e.imageName, e.sqlName])).toEqual([
      ['pg-crash', 'pg-crash', 'pg_crash'],
      ['pg-ivm', 'pg-ivm', 'pg_ivm'],
      ['pgaudit', 'pgaudit', 'pgaudit'],
      ['pgrouting', 'pgrouting', 'pgrouting'],
      ['pgvector', 'pgvector', 'vector'],
      ['postgis', 'postgis-extension', 'postgis'],
      ['timescaledb-oss', 'timescaledb-oss', 'timescaledb'],
      ['wal2json', 'wal2json', 'wal2json'],
    ]);
    expect(OfficialExtension.POSTGIS.imageRepository).toBe('ghcr.io/cloudnative-pg/postgis-extension');
    expect(OfficialExtension.fromCatalogName('pgvector')).toBe(OfficialExtension.PGVECTOR);
    expect(OfficialExtension.fromCatalogName('pg_partman')).toBeUndefined();
  });

  test('the official catalogs define exactly these extensions, with these images', () => {
    const chart = newChart();
    const catalog = ClusterImageCatalog.official(chart, 'catalog', { type: ImageType.MINIMAL, os: DebianRelease.BOOKWORM, withExtensions: true });
    const defined = catalog.extensionsForMajor(18)!;
    expect(defined.map((d) => d.name)).toEqual(OfficialExtension.all().map((e) => e.catalogName));
    for (const d of defined) {
      expect(d.reference.startsWith(`${OfficialExtension.fromCatalogName(d.name)!.imageRepository}:`)).toBe(true);
    }
  });

  test.each([
    ['pgaudit', ['pgaudit']],
    ['pg-ivm', ['pg_ivm']],
    ['timescaledb-oss', ['timescaledb']],
    ['pg-crash', ['pg_crash']],
  ])('adding %s adds its preload library', (name, libraries) => {
    const { chart, cluster } = extensionsCluster({ postgresql: { sharedPreloadLibraries: ['pg_stat_statements'] } });
    cluster.addExtension(Extension.fromCatalog(name));
    expect(spec(chart).postgresql.shared_preload_libraries).toEqual(['pg_stat_statements', ...libraries]);
  });

  test('a preload library already listed is not repeated', () => {
    const { chart, cluster } = extensionsCluster({ postgresql: { sharedPreloadLibraries: ['pgaudit'] } });
    cluster.addExtension(Extension.fromCatalog('pgaudit'));
    expect(spec(chart).postgresql.shared_preload_libraries).toEqual(['pgaudit']);
  });

  test('wal2json sets wal_level logical and output_plugin_libraries', () => {
    const { chart, cluster } = extensionsCluster();
    cluster.addExtension(Extension.fromCatalog('wal2json'));
    expect(spec(chart).postgresql.parameters).toEqual({ wal_level: 'logical', output_plugin_libraries: 'pgoutput, test_decoding, wal2json' });
  });

  test('wal2json accepts a compatible output_plugin_libraries', () => {
    const { chart, cluster } = extensionsCluster({ postgresql: { parameters: { output_plugin_libraries: 'wal2json,pgoutput,test_decoding,decoderbufs' } } });
    cluster.addExtension(Extension.fromCatalog('wal2json'));
    expect(spec(chart).postgresql.parameters.output_plugin_libraries).toBe('wal2json,pgoutput,test_decoding,decoderbufs');
  });

  test('wal2json refuses a conflicting wal_level', () => {
    const { cluster } = extensionsCluster({ postgresql: { parameters: { wal_level: 'replica' } } });
    expect(() => cluster.addExtension(Extension.fromCatalog('wal2json'))).toThrow(
      '[test/db] extensions["wal2json"]: wal2json needs postgresql.parameters.wal_level = "logical", but it is set to "replica"; remove the setting or make it "logical" (library)',
    );
  });

  test('wal2json refuses output_plugin_libraries without it', () => {
    const { cluster } = extensionsCluster({ postgresql: { parameters: { output_plugin_libraries: 'pgoutput' } } });
    expect(() => cluster.addExtension(Extension.fromCatalog('wal2json'))).toThrow('wal2json needs postgresql.parameters.output_plugin_libraries = "pgoutput, test_decoding, wal2json", but it is set to "pgoutput"');
  });

  test('pgrouting from the catalog brings postgis', () => {
    const { chart, cluster } = extensionsCluster();
    cluster.addExtension(Extension.fromCatalog('pgrouting'));
    expect(cluster.extensionNames).toEqual(['pgrouting', 'postgis']);
    expect(spec(chart).postgresql.extensions).toEqual([{ name: 'pgrouting' }, { name: 'postgis' }]);
  });

  test('pgrouting given by image requires postgis to be added too', () => {
    const { chart, cluster } = extensionsCluster();
    cluster.addExtension(Extension.fromImage({ name: 'pgrouting', reference: pinned('ghcr.io/cloudnative-pg/pgrouting', '4.0.1-18-trixie') }));
    expect(() => Testing.synth(chart)).toThrow('[test/db] extensions["pgrouting"]: pgrouting requires the postgis extension; add it to the Cluster too (library)');
  });

  test('postgis given by image gets its library path and environment', () => {
    const chart = newChart();
    const cluster = new Cluster(chart, 'db', {
      metadata: { name: 'db' },
      image: ClusterImage.fromName(pinned('ghcr.io/cloudnative-pg/postgresql', '18.6-minimal-trixie')),
      storage: { size: Size.gibibytes(1) },
    });
    const reference = pinned('ghcr.io/cloudnative-pg/postgis-extension', '3.6.4-18-trixie');
    cluster.addExtension(Extension.fromImage({ name: 'postgis', reference }));
    expect(spec(chart).postgresql.extensions).toEqual([{
      name: 'postgis',
      image: { reference },
      ld_library_path: ['system'],
      env: [{ name: 'GDAL_DATA', value: '${image_root}/share/gdal' }, { name: 'PROJ_DATA', value: '${image_root}/share/proj' }],
    }]);
  });

  test('an official extension image built for another major is refused', () => {
    const { cluster } = extensionsCluster();
    const reference = pinned('ghcr.io/cloudnative-pg/pgvector', '0.8.6-202608201414-17-trixie');
    expect(() => cluster.addExtension(Extension.fromImage({ name: 'pgvector', reference }))).toThrow(
      `[test/db] extensions["pgvector"].reference: "${reference}" is built for PostgreSQL 17, but the Cluster runs 18; an extension image must match the PostgreSQL major (library)`,
    );
  });

  test('an official extension image built for another Debian release is refused', () => {
    const { cluster } = extensionsCluster();
    const reference = pinned('ghcr.io/cloudnative-pg/pgvector', '0.8.6-202608201414-18-bookworm');
    expect(() => cluster.addExtension(Extension.fromImage({ name: 'pgvector', reference }))).toThrow(
      'is built for Debian bookworm, but the Cluster\'s image is trixie; an extension image must match the OS of the PostgreSQL image (library)',
    );
  });

  test('postgis refuses the PostGIS operand image as its extension image', () => {
    const { cluster } = extensionsCluster();
    expect(() => cluster.addExtension(Extension.fromImage({ name: 'postgis', reference: pinned('ghcr.io/cloudnative-pg/postgis', '18-3.6-standard-trixie') }))).toThrow(
      '[test/db] extensions["postgis"].reference: postgis\'s extension image is ghcr.io/cloudnative-pg/postgis-extension, not ghcr.io/cloudnative-pg/postgis (ghcr.io/cloudnative-pg/postgis is the PostGIS operand image, not an extension image) (library)',
    );
  });
});
