import { Size, Testing } from 'cdk8s';
import { Cluster, ClusterImage, Extension } from '../src';
import { extensionsCluster } from './extension-fixtures';
import { newChart, pinned } from './util';

// The extensions of a Cluster (ExtensionSet), observed through Cluster.addExtension and the synthesised Cluster.


/** A Cluster on an image given by name. */
function imageCluster(image: string) {
  const chart = newChart();
  const cluster = new Cluster(chart, 'db', { metadata: { name: 'db' }, image: ClusterImage.fromName(image), storage: { size: Size.gibibytes(1) } });
  return { chart, cluster };
}

function postgresql(chart: ReturnType<typeof newChart>): any {
  return Testing.synth(chart).find((m: any) => m.kind === 'Cluster').spec.postgresql;
}

describe('official extension images given on the Cluster', () => {
  test('an official image built for the Cluster\'s major and Debian release is accepted, and gains no settings its catalog entry lacks', () => {
    const { chart, cluster } = extensionsCluster();
    const reference = pinned('ghcr.io/cloudnative-pg/pgvector', '0.8.6-202608201414-18-trixie');
    cluster.addExtension(Extension.fromImage({ name: 'pgvector', reference }));
    // pgvector's catalog entry has no ld_library_path and no env: none is written, not even empty
    expect(postgresql(chart).extensions).toEqual([{ name: 'pgvector', image: { reference } }]);
    expect(postgresql(chart).extensions[0]).not.toHaveProperty('ld_library_path');
    expect(postgresql(chart).extensions[0]).not.toHaveProperty('env');
  });

  test('an official image built for the Cluster\'s major and release is accepted on an image given by name', () => {
    const { chart, cluster } = imageCluster(pinned('ghcr.io/cloudnative-pg/postgresql', '18.6-minimal-trixie'));
    const reference = pinned('ghcr.io/cloudnative-pg/pgaudit', '18.0-202608201414-18-trixie');
    cluster.addExtension(Extension.fromImage({ name: 'pgaudit', reference }));
    expect(postgresql(chart)).toEqual({ extensions: [{ name: 'pgaudit', image: { reference } }], shared_preload_libraries: ['pgaudit'] });
  });

  test('refuses another official extension\'s image, naming the expected repository without the PostGIS hint', () => {
    const { cluster } = extensionsCluster();
    expect(() => cluster.addExtension(Extension.fromImage({ name: 'pgvector', reference: pinned('ghcr.io/cloudnative-pg/pgaudit', '18.0-202608201414-18-trixie') }))).toThrow(
      /^\[test\/db\] extensions\["pgvector"\]\.reference: pgvector's extension image is ghcr\.io\/cloudnative-pg\/pgvector, not ghcr\.io\/cloudnative-pg\/pgaudit \(library\)$/,
    );
  });

  test.each(['postgis', 'my-ext'])('refuses an empty image reference for %s with the webhook\'s message', (name) => {
    const { cluster } = extensionsCluster();
    expect(() => cluster.addExtension(Extension.fromImage({ name, reference: '' }))).toThrow(
      /^\[test\/db\] spec\.postgresql\.extensions\[0\]\.image\.reference: reference is empty \(webhook: "value cannot be empty"\)$/,
    );
    expect(cluster.extensionNames).toEqual([]);
  });
});

describe('parameters an official extension needs', () => {
  test('wal2json accepts a wal_level already set to logical', () => {
    const { chart, cluster } = extensionsCluster({ postgresql: { parameters: { wal_level: 'logical' } } });
    cluster.addExtension(Extension.fromCatalog('wal2json'));
    expect(postgresql(chart).parameters).toEqual({ wal_level: 'logical', output_plugin_libraries: 'pgoutput, test_decoding, wal2json' });
  });

  test('wal2json refuses a wal_level that lists logical among other values (only output_plugin_libraries is a list)', () => {
    const { cluster } = extensionsCluster({ postgresql: { parameters: { wal_level: 'logical,replica' } } });
    expect(() => cluster.addExtension(Extension.fromCatalog('wal2json'))).toThrow(
      '[test/db] extensions["wal2json"]: wal2json needs postgresql.parameters.wal_level = "logical", but it is set to "logical,replica"; remove the setting or make it "logical" (library)',
    );
  });

  test('wal2json accepts an output_plugin_libraries written with spaces after the commas', () => {
    const declared = 'decoderbufs, wal2json, pgoutput, test_decoding';
    const { chart, cluster } = extensionsCluster({ postgresql: { parameters: { output_plugin_libraries: declared } } });
    cluster.addExtension(Extension.fromCatalog('wal2json'));
    expect(postgresql(chart).parameters).toEqual({ output_plugin_libraries: declared, wal_level: 'logical' });
  });
});

describe('extensions built from plain JavaScript', () => {
  // Extension.fromImage without a reference used to be written as `{ name }` with no error on a catalog-backed
  // Cluster, although the catalog does not define the extension (the operator refuses it: "extension found in
  // the Cluster Spec but no ImageVolumeSource.Reference is defined")
  test('Extension.fromImage refuses props without a reference, or of the wrong type, naming the argument', () => {
    expect(() => Extension.fromImage({ name: 'my-ext' } as any)).toThrow(new Error('Extension.fromImage(props).reference: is missing; expected a string'));
    expect(() => Extension.fromImage({ name: 'my-ext', reference: 5 } as any)).toThrow(new Error('Extension.fromImage(props).reference: expected a string, got the number 5'));
    // an unknown pull policy is refused when the extension is built (it was refused when added to a Cluster)
    expect(() => Extension.fromImage({ name: 'my-ext', reference: 'registry.example.com/my-ext@sha256:' + 'a'.repeat(64), pullPolicy: 'Sometimes' as any }))
      .toThrow(new Error('Extension.fromImage(props).pullPolicy: the string "Sometimes" is not an ImagePullPolicy; expected one of ImagePullPolicy.ALWAYS ("Always"), '
        + 'ImagePullPolicy.IF_NOT_PRESENT ("IfNotPresent"), ImagePullPolicy.NEVER ("Never")'));
    expect(() => Extension.fromImage(undefined as any)).toThrow(/^Extension\.fromImage\(props\): expected an ExtensionImageProps object literal \{ name, reference, .*\}, got undefined$/);
  });

  test('Extension.fromCatalog refuses a name that is not a string, and a misspelt override', () => {
    expect(() => Extension.fromCatalog(5 as any)).toThrow(new Error('Extension.fromCatalog(name): expected a string, got the number 5'));
    expect(() => Extension.fromCatalog('pgvector', { refrence: 'x' } as any))
      .toThrow(new Error('Extension.fromCatalog(overrides).refrence: unknown property of ExtensionOverrides; did you mean "reference"?'));
    expect(Extension.fromCatalog('pgvector', { pullPolicy: 'Always' } as any).isFromCatalog).toBe(true);
  });
});

describe('official extension images on a Cluster whose image says less', () => {
  const vector = pinned('ghcr.io/cloudnative-pg/pgvector', '0.8.6-202608201414-18-trixie');
  const onImage = (image: string) => {
    const { chart, cluster } = imageCluster(image);
    cluster.addExtension(Extension.fromImage({ name: 'pgvector', reference: vector }));
    return postgresql(chart).extensions;
  };

  test('an image of another repository has no known Debian release: the extension\'s release is not compared', () => {
    expect(onImage(pinned('registry.example.com/postgres', '18.1'))).toEqual([{ name: 'pgvector', image: { reference: vector } }]);
  });

  test('an official image of another major or release is refused, naming both', () => {
    expect(() => onImage(pinned('ghcr.io/cloudnative-pg/postgresql', '18.6-minimal-bookworm'))).toThrow(
      `[test/db] extensions["pgvector"].reference: "${vector}" is built for Debian trixie, but the Cluster's image is bookworm; an extension image must match the OS of the PostgreSQL image (library)`,
    );
  });
});
