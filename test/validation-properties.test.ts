import { Chart, Testing } from 'cdk8s';
import * as fc from 'fast-check';
import { ClusterImageCatalog, ClusterImageCatalogProps, CnpgValidation, ExtensionImageProps, ImageCatalog, ImagePullPolicy } from '../src';
import { parseKubectlYaml } from '../src/common/yaml';

// Property-based tests of the catalog constructs against the validator:
// - any valid props give a manifest the validator accepts, and every declared prop can be read back from
//   the YAML as kubectl reads it (nothing lost, nothing turned into a boolean or a number);
// - any props with one defect give an error naming the construct, never a manifest.

const hex64 = fc.stringMatching(/^[0-9a-f]{64}$/);
const reference = fc.tuple(
  fc.constantFrom('ghcr.io/cloudnative-pg', 'registry.example.com:5000/team', 'docker.io/library'),
  fc.stringMatching(/^[a-z0-9]{1,10}(-[a-z0-9]{1,5})?$/),
  fc.stringMatching(/^[a-z0-9][a-z0-9.-]{0,15}$/),
  hex64,
).map(([registry, repo, tag, digest]) => `${registry}/${repo}:${tag}@sha256:${digest}`);

const RESERVED_ENV = /^(PG|CNPG_)|^(PATH|LD_LIBRARY_PATH|POD_NAME|NAMESPACE|CLUSTER_NAME)$/i;
const relativePaths = fc.uniqueArray(fc.stringMatching(/^[a-z]{1,8}(\/[a-z]{1,8})?$/), { maxLength: 3 });
const extension: fc.Arbitrary<ExtensionImageProps> = fc.record({
  name: fc.stringMatching(/^[a-z0-9]([-a-z0-9_]{0,20}[a-z0-9])?$/),
  reference,
  pullPolicy: fc.option(fc.constantFrom(ImagePullPolicy.ALWAYS, ImagePullPolicy.IF_NOT_PRESENT, ImagePullPolicy.NEVER), { nil: undefined }),
  extensionControlPath: fc.option(relativePaths, { nil: undefined }),
  dynamicLibraryPath: fc.option(relativePaths, { nil: undefined }),
  ldLibraryPath: fc.option(relativePaths, { nil: undefined }),
  binPath: fc.option(relativePaths, { nil: undefined }),
  env: fc.option(fc.dictionary(
    fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,10}$/).filter((n) => !RESERVED_ENV.test(n)),
    fc.oneof(fc.stringMatching(/^[a-z0-9 =:/.-]{1,20}$/), fc.constantFrom('${image_root}/lib', 'on', 'y', 'no', '0755', '1e3', 'true')),
    { maxKeys: 3 },
  ), { nil: undefined }),
}, { requiredKeys: ['name', 'reference'] });

const catalogProps = fc.record({
  cluster: fc.boolean(),
  name: fc.stringMatching(/^[a-z][a-z0-9-]{0,20}[a-z0-9]$/),
  labels: fc.dictionary(fc.stringMatching(/^[a-z][a-z0-9.-]{0,10}$/).filter((k) => !/[.-]$/.test(k)), fc.constantFrom('on', 'off', 'y', 'N', 'yes', '0755', '1e3', '12', 'gold', ''), { maxKeys: 4 }),
  images: fc.uniqueArray(
    fc.record({
      major: fc.integer({ min: 10, max: 99 }),
      image: reference,
      extensions: fc.option(fc.uniqueArray(extension, { maxLength: 4, selector: (e) => e.name.replace(/_/g, '-') }), { nil: undefined }),
    }).map((entry) => ({ ...entry, image: entry.image.replace(/:([^:@/]+)@/, `:${entry.major}.$1@`) })), // a tag of the entry's major
    { minLength: 1, maxLength: 8, selector: (i) => i.major },
  ),
  componentImages: fc.dictionary(fc.stringMatching(/^[a-z0-9]([-a-z0-9]{0,20}[a-z0-9])?$/), reference, { maxKeys: 5 }),
});

type Generated = typeof catalogProps extends fc.Arbitrary<infer T> ? T : never;

function build(g: Generated): Chart {
  const chart = new Chart(Testing.app(), 'test', { namespace: 'platform' });
  const props: ClusterImageCatalogProps = {
    metadata: { name: g.name, labels: g.labels },
    images: g.images,
    componentImages: g.componentImages,
  };
  if (g.cluster) new ClusterImageCatalog(chart, 'catalog', props);
  else new ImageCatalog(chart, 'catalog', props);
  return chart;
}

describe('valid catalog props', () => {
  test('synthesise to a manifest the validator accepts, from which every prop reads back', () => {
    fc.assert(fc.property(catalogProps, (g) => {
      // WHEN
      const chart = build(g);
      const json = Testing.synth(chart);
      const app = chart.node.root as any;
      const [doc] = parseKubectlYaml(app.synthYaml());
      const manifest: any = doc.value;
      // THEN the validator accepts it
      expect(CnpgValidation.validateManifest(manifest)).toEqual([]);
      expect(manifest).toEqual(json[0]);
      // and every prop is in the YAML, as written
      expect(manifest.kind).toBe(g.cluster ? 'ClusterImageCatalog' : 'ImageCatalog');
      expect(manifest.metadata.name).toBe(g.name);
      expect(manifest.metadata.namespace).toBe(g.cluster ? undefined : 'platform');
      expect(manifest.metadata.labels ?? {}).toEqual(g.labels);
      expect(manifest.spec.images.map((i: any) => i.major)).toEqual(g.images.map((i) => i.major).sort((a, b) => a - b));
      for (const image of g.images) {
        const entry = manifest.spec.images.find((i: any) => i.major === image.major);
        expect(entry.image).toBe(image.image);
        expect((entry.extensions ?? []).length).toBe(image.extensions?.length ?? 0);
        for (const [j, ext] of (image.extensions ?? []).entries()) {
          const out = entry.extensions[j];
          expect(out.name).toBe(ext.name);
          expect(out.image.reference).toBe(ext.reference);
          expect(out.image.pullPolicy).toBe(ext.pullPolicy);
          expect(out.extension_control_path).toEqual(ext.extensionControlPath);
          expect(out.dynamic_library_path).toEqual(ext.dynamicLibraryPath);
          expect(out.ld_library_path).toEqual(ext.ldLibraryPath);
          expect(out.bin_path).toEqual(ext.binPath);
          expect(Object.fromEntries((out.env ?? []).map((e: any) => [e.name, e.value]))).toEqual(ext.env ?? {});
        }
      }
      expect(Object.fromEntries((manifest.spec.componentImages ?? []).map((c: any) => [c.key, c.image]))).toEqual(g.componentImages);
    }), { numRuns: 150 });
  });
});

/** One defect, applied to otherwise valid props. */
const DEFECTS: { [name: string]: (g: Generated) => Generated } = {
  'duplicate major': (g) => ({ ...g, images: [...g.images, { ...g.images[0] }] }),
  'major below 10': (g) => ({ ...g, images: [{ ...g.images[0], major: g.images[0].major % 10 }, ...g.images.slice(1)] }),
  'fractional major': (g) => ({ ...g, images: [{ ...g.images[0], major: g.images[0].major + 0.5 }, ...g.images.slice(1)] }),
  'nine images': (g) => ({ ...g, images: Array.from({ length: 9 }, (_, i) => ({ major: 10 + i, image: g.images[0].image, extensions: undefined })) }),
  'no image': (g) => ({ ...g, images: [] }),
  'empty image': (g) => ({ ...g, images: [{ ...g.images[0], image: '' }, ...g.images.slice(1)] }),
  'tag-only image': (g) => ({ ...g, images: [{ ...g.images[0], image: g.images[0].image.replace(/@sha256:.*$/, '') }, ...g.images.slice(1)] }),
  'upper-case repository': (g) => ({ ...g, images: [{ ...g.images[0], image: 'ghcr.io/CloudNativePG/postgresql:18@sha256:' + 'a'.repeat(64) }, ...g.images.slice(1)] }),
  'extension name with an upper-case letter': (g) => withExtension(g, { name: 'PgVector' }),
  'extension name of 60 characters': (g) => withExtension(g, { name: 'x'.repeat(60) }),
  'extension names colliding after _ becomes -': (g) => withExtensions(g, [{ name: 'pg_ivm' }, { name: 'pg-ivm' }]),
  'reserved extension env': (g) => withExtension(g, { env: { PGDATA: '/x' } }),
  'extension env name starting with a digit': (g) => withExtension(g, { env: { '1X': 'y' } }),
  'extension path escaping the image': (g) => withExtension(g, { binPath: ['../../bin'] }),
  'unsupported placeholder': (g) => withExtension(g, { env: { X: '${pgdata}/x' } }),
  'component key with an upper-case letter': (g) => ({ ...g, componentImages: { ...g.componentImages, PgBouncer: g.images[0].image } }),
  'component key of 64 characters': (g) => ({ ...g, componentImages: { ...g.componentImages, ['k'.repeat(64)]: g.images[0].image } }),
  '33 component images': (g) => ({ ...g, componentImages: Object.fromEntries(Array.from({ length: 33 }, (_, i) => [`c${i}`, g.images[0].image])) }),
  'invalid object name': (g) => ({ ...g, name: `${g.name}_X` }),
  'invalid label value': (g) => ({ ...g, labels: { ...g.labels, team: 'a b' as any } }),
};

function withExtensions(g: Generated, exts: Array<Partial<ExtensionImageProps>>): Generated {
  const image = g.images[0].image;
  const extensions = exts.map((e, i) => ({ name: `ext${i}`, reference: image, ...e }));
  return { ...g, images: [{ ...g.images[0], extensions }, ...g.images.slice(1)] };
}

function withExtension(g: Generated, ext: Partial<ExtensionImageProps>): Generated {
  return withExtensions(g, [ext]);
}

describe('invalid catalog props', () => {
  test('give an error naming the construct, never a manifest', () => {
    fc.assert(fc.property(catalogProps, fc.constantFrom(...Object.keys(DEFECTS)), (g, defect) => {
      let manifest: unknown;
      let error: Error | undefined;
      try {
        manifest = Testing.synth(build(DEFECTS[defect](g)));
      } catch (e) {
        error = e as Error;
      }
      expect({ defect, manifest }).toEqual({ defect, manifest: undefined });
      expect(error?.message).toMatch(/\[test\/catalog\] /);
    }), { numRuns: 300 });
  });

  test('every defect is exercised', () => {
    // a fixed sample, so that a defect that stops failing cannot hide behind the random choice
    const sample = fc.sample(catalogProps, { numRuns: 1, seed: 42 })[0];
    for (const [name, defect] of Object.entries(DEFECTS)) {
      expect({
        name,
        fails: (() => {
          try {
            Testing.synth(build(defect(sample)));
            return false;
          } catch {
            return true;
          }
        })(),
      }).toEqual({ name, fails: true });
    }
  });
});
