import {
  catalogImageViolations,
  componentImageViolations,
  extensionViolations,
  imageCountViolations,
  imageReferenceViolations,
  notPinned,
  PINNED_FORM,
} from '../src/rules/rules';

// The shared CRD, webhook and library rules of src/rules/rules.ts: image references, extension image volumes
// (spec.postgresql.extensions[], cluster_webhook.go validateExtensions and the Cluster CRD) and image catalogs
// (postgresql.cnpg.io_imagecatalogs.yaml), called as the constructs and the manifest validator call them.

const TAGGED = 'ghcr.io/cloudnative-pg/pgvector:0.8.1-18-trixie';
const PINNED = `${TAGGED}@sha256:${'a'.repeat(64)}`;
const AT = 'spec.postgresql.extensions';

describe('imageReferenceViolations and notPinned: the library\'s image warnings', () => {
  test('warns on an empty or missing reference', () => {
    expect(imageReferenceViolations('images[0].image', '', false)).toEqual([
      { path: 'images[0].image', message: 'image is ""; expected a non-empty image reference', source: 'library', warning: true },
    ]);
    expect(imageReferenceViolations('images[0].image', undefined, true)).toEqual([
      { path: 'images[0].image', message: 'image is undefined; expected a non-empty image reference', source: 'library', warning: true },
    ]);
  });

  test('warns on a tag-only reference when a digest is required, as notPinned words it', () => {
    const expected = {
      path: 'images[0].image',
      message: `"${TAGGED}" is not digest-pinned; expected ${PINNED_FORM} (a tag can be moved, a digest cannot), or set requireDigest: false`,
      source: 'library',
      warning: true,
    };
    expect(notPinned('images[0].image', TAGGED)).toEqual(expected);
    expect(imageReferenceViolations('images[0].image', TAGGED, true)).toEqual([expected]);
    expect(imageReferenceViolations('images[0].image', PINNED, true)).toEqual([]);
  });
});

describe('extensionViolations: names', () => {
  // Cluster CRD: extensions[].name maxLength 59
  test('admits a name of 59 characters and refuses one of 60', () => {
    expect(extensionViolations([{ name: 'a'.repeat(59), reference: TAGGED }], { at: AT })).toEqual([]);
    expect(extensionViolations([{ name: 'a'.repeat(60), reference: TAGGED }], { at: AT })).toEqual([
      { path: `${AT}[0].name`, message: `"${'a'.repeat(60)}" is 60 characters; at most 59 are accepted`, source: 'CRD schema' },
    ]);
  });

  // cluster_webhook.go, validateExtensions: an empty name is refused and the entry is not checked further
  test('refuses an empty name once, checking nothing else of that entry', () => {
    expect(extensionViolations([{ name: '', reference: '' }], { at: AT })).toEqual([
      { path: `${AT}[0].name`, message: 'extension name is empty; expected a name such as "pgvector"', source: 'webhook', upstream: 'value cannot be empty' },
    ]);
  });

  // Cluster CRD: extensions are a list map keyed by name
  test('refuses a name listed twice with the API server\'s duplicate message', () => {
    expect(extensionViolations([{ name: 'pgvector', reference: TAGGED }, { name: 'pgvector', reference: TAGGED }], { at: AT })).toEqual([
      { path: `${AT}[1].name`, message: 'extension "pgvector" is listed twice; each name may appear once', source: 'CRD schema', upstream: 'Duplicate value: {"name":"pgvector"}' },
    ]);
  });

  // `from`: the ExtensionSet checks only the entry it adds; earlier entries count for duplicates only
  test('checks only the entries from `from` on, the earlier ones counting for duplicates', () => {
    const exts = [{ name: 'pgvector', reference: '' }, { name: 'pgvector', reference: TAGGED }];
    expect(extensionViolations(exts, { at: AT, from: 1 })).toEqual([
      { path: `${AT}[1].name`, message: 'extension "pgvector" is listed twice; each name may appear once', source: 'CRD schema', upstream: 'Duplicate value: {"name":"pgvector"}' },
    ]);
    // an earlier entry without a name (a manifest read as is) is skipped, not counted
    expect(extensionViolations([{ reference: TAGGED } as any, { name: 'pgvector', reference: TAGGED }], { at: AT, from: 1 })).toEqual([]);
  });
});

describe('extensionViolations: image reference and pull policy', () => {
  test('does not require a digest unless asked to', () => {
    expect(extensionViolations([{ name: 'pgvector', reference: TAGGED }], { at: AT })).toEqual([]);
    expect(extensionViolations([{ name: 'pgvector', reference: TAGGED }], { at: AT, requireDigest: true })).toEqual([notPinned(`${AT}[0].image.reference`, TAGGED)]);
  });

  test('warns on a pull policy Kubernetes does not know, at image.pullPolicy', () => {
    expect(extensionViolations([{ name: 'pgvector', reference: TAGGED, pullPolicy: 'always' }], { at: AT })).toEqual([
      { path: `${AT}[0].image.pullPolicy`, message: '"always" is not a pull policy; expected one of Always, Never, IfNotPresent', source: 'library', warning: true },
    ]);
  });
});

describe('extensionViolations: paths (cluster_webhook.go validateExtensions)', () => {
  test('refuses an empty path', () => {
    expect(extensionViolations([{ name: 'pgvector', reference: TAGGED, binPath: [''] }], { at: AT })).toEqual([
      { path: `${AT}[0].bin_path[0]`, message: 'path is empty; expected a path relative to the extension image root', source: 'webhook', upstream: 'value cannot be empty' },
    ]);
  });

  test('refuses a path listed twice in one field', () => {
    expect(extensionViolations([{ name: 'pgvector', reference: TAGGED, ldLibraryPath: ['lib', 'lib'] }], { at: AT })).toEqual([
      { path: `${AT}[0].ld_library_path[1]`, message: '"lib" is listed twice', source: 'webhook', upstream: 'Duplicate value: "lib"' },
    ]);
  });
});

describe('extensionViolations: env (Cluster CRD and cluster_webhook.go validateExtensions)', () => {
  const env = (pairs: ReadonlyArray<readonly [string, string]>) => extensionViolations([{ name: 'pgvector', reference: TAGGED, env: pairs }], { at: AT });

  test('refuses a variable name the CRD pattern does not match', () => {
    expect(env([['1X', 'v']])).toEqual([
      { path: `${AT}[0].env[0].name`, message: '"1X" is not a valid variable name; expected ^[a-zA-Z_][a-zA-Z0-9_]*$', source: 'CRD schema' },
    ]);
  });

  test('refuses a variable set twice with the API server\'s duplicate message', () => {
    expect(env([['MY_VAR', 'a'], ['MY_VAR', 'b']])).toEqual([
      { path: `${AT}[0].env[1].name`, message: '"MY_VAR" is set twice', source: 'CRD schema', upstream: 'Duplicate value: {"name":"MY_VAR"}' },
    ]);
  });

  test('refuses an empty value', () => {
    expect(env([['MY_VAR', '']])).toEqual([
      { path: `${AT}[0].env[0].value`, message: 'value of "MY_VAR" is empty; expected a non-empty string', source: 'CRD schema' },
    ]);
  });

  // FindUnknownPlaceholders: every unsupported placeholder is named
  test('names every unsupported placeholder of a value', () => {
    expect(env([['MY_VAR', '${a}:${image_root}:${b}']])).toEqual([{
      path: `${AT}[0].env[0].value`,
      message: '"${a}:${image_root}:${b}" uses ${a}, ${b}; only ${image_root} is replaced (write $${...} for a literal)',
      source: 'webhook',
      upstream: 'unsupported placeholder(s): ${a}, ${b}; supported: ${image_root}',
    }]);
  });
});

describe('image catalogs: the CRD\'s list limits and entries', () => {
  // ImageCatalog CRD: images minItems 1, maxItems 8
  test('admits 1 to 8 images and refuses 9', () => {
    expect(imageCountViolations('images', 1)).toEqual([]);
    expect(imageCountViolations('images', 8)).toEqual([]);
    expect(imageCountViolations('images', 9)).toEqual([
      { path: 'images', message: 'the catalog has 9 images; at most 8 are accepted', source: 'CRD schema', upstream: 'must have at most 8 items' },
    ]);
  });

  // cluster_webhook.go, validateExtensions: a catalog entry's extension must carry its image reference
  test('requires a reference on the extensions of a catalog image', () => {
    expect(catalogImageViolations('images[0]', { major: 18, image: PINNED, extensions: [{ name: 'pgvector' }] }, true)).toEqual([{
      path: 'images[0].extensions[0].image.reference',
      message: 'extension "pgvector" has no image reference and no catalog defines it; give its image with Extension.fromImage()',
      source: 'webhook',
      upstream: 'Image reference for extension `pgvector` must be set when no image catalog is configured',
    }]);
  });

  // ImageCatalog CRD: componentImages keys are DNS labels of at most 63 characters
  test('admits a component key of 63 characters and refuses one of 64', () => {
    const key63 = 'a'.repeat(63);
    const key64 = 'a'.repeat(64);
    expect(componentImageViolations('componentImages', [[key63, PINNED]], true)).toEqual([]);
    expect(componentImageViolations('componentImages', [[key64, PINNED]], true)).toEqual([{
      path: `componentImages["${key64}"]`,
      message: `key "${key64}" is not a DNS label; expected ^[a-z0-9]([-a-z0-9]*[a-z0-9])?$, at most 63 characters (e.g. "pgbouncer")`,
      source: 'CRD schema',
    }]);
  });
});

describe('extensionViolations: values that are not strings, from plain JavaScript (reported, never a TypeError)', () => {
  test('a missing name, path or env value is reported as empty', () => {
    expect(extensionViolations([{ reference: TAGGED } as any], { at: AT })).toEqual([
      { path: `${AT}[0].name`, message: 'extension name is empty; expected a name such as "pgvector"', source: 'webhook', upstream: 'value cannot be empty' },
    ]);
    expect(extensionViolations([{ name: 'pgvector', reference: TAGGED, binPath: [undefined as any] }], { at: AT })).toEqual([
      { path: `${AT}[0].bin_path[0]`, message: 'path is empty; expected a path relative to the extension image root', source: 'webhook', upstream: 'value cannot be empty' },
    ]);
    expect(extensionViolations([{ name: 'pgvector', reference: TAGGED, env: [['MY_VAR', undefined as any]] }], { at: AT })).toEqual([
      { path: `${AT}[0].env[0].value`, message: 'value of "MY_VAR" is empty; expected a non-empty string', source: 'CRD schema' },
    ]);
  });
});
