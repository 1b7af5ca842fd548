import { Chart, JsonPatch, Size, Testing } from 'cdk8s';
import {
  Cluster, ClusterImage, ClusterImageCatalog, DebianRelease, Extension, ImageCatalog, ImageSignaturePolicy, ImageType,
  PolicyEnforcement, PolicyEngine, PostgresFleet,
} from '../src';
import { newChart, pinned } from './util';
import { imageValidatingCovers, kyvernoCovers, kyvernoWildcardMatches, policyControllerCovers, policyControllerGlob } from '../src/policy/matching';

const OPERATOR = `ghcr.io/cloudnative-pg/cloudnative-pg:1.30.0@sha256:${'c'.repeat(64)}`;
const PGVECTOR = 'ghcr.io/cloudnative-pg/pgvector:0.8.6-202608201414-18-trixie@sha256:029db2a11682d662bce4b5ec8202e2d113bf74d41968a601cc04fd9984e953a0';
const PG18 = 'ghcr.io/cloudnative-pg/postgresql:18.6-202608170814-minimal-trixie@sha256:eb7979e4bd7fccaec0369b550b9649eec1f014de04621fac6e653244e75cca46';
const POLICY_KINDS = ['ClusterImagePolicy', 'ClusterPolicy', 'ImageValidatingPolicy'];

/** A platform: the extension-enabled minimal-trixie catalog and a Cluster on it with pgvector. */
function platform(engine: PolicyEngine, props: { requireDigest?: boolean; enforcement?: PolicyEnforcement } = {}) {
  const chart = newChart({ namespace: 'platform' });
  const catalog = ClusterImageCatalog.official(chart, 'catalog', { type: ImageType.MINIMAL, os: DebianRelease.TRIXIE, withExtensions: true });
  const cluster = new Cluster(chart, 'db', { metadata: { name: 'db' }, image: ClusterImage.fromCatalog(catalog, 18), storage: { size: Size.gibibytes(1) } });
  cluster.addExtension(Extension.fromCatalog('pgvector'));
  const policy = new ImageSignaturePolicy(chart, 'signatures', { engine, catalogs: [catalog], clusters: [cluster], operatorImage: OPERATOR, ...props });
  return { chart, catalog, cluster, policy };
}

/** The policy objects of a synthesised chart (synth runs every validation, the CRD schemas included). */
function policies(chart: Chart): any[] {
  return Testing.synth(chart).filter((m) => POLICY_KINDS.includes(m.kind));
}

describe.each(Object.values(PolicyEngine))('ImageSignaturePolicy for %s', (engine) => {
  test('snapshot of the policies, validated against the engine\'s CRD at synth', () => {
    const manifests = policies(platform(engine).chart);
    expect(manifests).toMatchSnapshot();
    expect(manifests.every((m) => m.metadata.namespace === undefined)).toBe(true); // cluster-scoped
  });

  test('a field the CRD does not know is refused at synth, as the API server would prune it', () => {
    const { chart, policy } = platform(engine);
    const object = (policy.policies[0].node.defaultChild as any);
    object.addJsonPatch(JsonPatch.add('/spec/imagez', []));
    expect(() => Testing.synth(chart)).toThrow(/spec\.imagez: unknown field "imagez"/);
  });

  test('covers every image of the catalog and the operator image, nothing of another publisher', () => {
    const { catalog, policy } = platform(engine);
    const digestOnly = (ref: string) => ref.replace(/:[^/@]+@/, '@');
    for (const major of catalog.majors!) {
      expect(policy.coversImage(catalog.imageForMajor(major)!)).toBe(true);
      expect(policy.coversImage(digestOnly(catalog.imageForMajor(major)!))).toBe(true);
    }
    for (const ext of catalog.extensionsForMajor(18)!) expect(policy.coversImage(ext.reference!)).toBe(true);
    expect(policy.coversImage(OPERATOR)).toBe(true);
    for (const other of [
      PGVECTOR.replace('ghcr.io/cloudnative-pg/', 'ghcr.io/someone-else/'), // same name and digest, another publisher
      PGVECTOR.replace('/pgvector:', '/pgvector-fork:').replace(/sha256:.*/, `sha256:${'d'.repeat(64)}`),
      PGVECTOR.replace(/sha256:.*/, `sha256:${'e'.repeat(64)}`), // the official repository, another digest
      `docker.io/library/postgres:18@sha256:${'f'.repeat(64)}`,
    ]) {
      expect({ other, covered: policy.coversImage(other) }).toEqual({ other, covered: false });
    }
    expect(policy.uncoveredImages).toEqual([]);
  });
});

describe('the written patterns, matched the way each engine matches', () => {
  // An extension image from an unknown publisher: the same extension name, tag and digest as the official
  // pgvector, under another organisation.
  const UNKNOWN = PGVECTOR.replace('ghcr.io/cloudnative-pg/', 'ghcr.io/unknown-publisher/');

  test('policy-controller globs', () => {
    const [operand, extensions, operator] = policies(platform(PolicyEngine.SIGSTORE_POLICY_CONTROLLER).chart);
    expect([operand, extensions, operator].map((p) => p.metadata.name)).toEqual([
      'cnpg-image-signatures-postgres-containers', 'cnpg-image-signatures-postgres-extensions-containers', 'cnpg-image-signatures-cloudnative-pg',
    ]);
    const globs = (p: any): string[] => p.spec.images.map((i: any) => i.glob);
    expect(globs(extensions).some((g) => policyControllerCovers(g, PGVECTOR))).toBe(true);
    for (const p of [operand, extensions, operator]) expect(globs(p).some((g) => policyControllerCovers(g, UNKNOWN))).toBe(false);
    expect(globs(operand).some((g) => policyControllerCovers(g, PG18))).toBe(true);
    expect(globs(extensions).some((g) => policyControllerCovers(g, PG18))).toBe(false); // each image under its own publisher
  });

  test('Kyverno ClusterPolicy imageReferences', () => {
    const [policy] = policies(platform(PolicyEngine.KYVERNO).chart);
    const rule = (name: string) => policy.spec.rules.find((r: any) => r.name === name).verifyImages[0].imageReferences;
    expect(kyvernoCovers(rule('postgres-extensions-containers'), PGVECTOR)).toBe(true);
    for (const r of policy.spec.rules) expect(kyvernoCovers(r.verifyImages[0].imageReferences, UNKNOWN)).toBe(false);
  });

  test('Kyverno ImageValidatingPolicy globs and image lists', () => {
    const [policy] = policies(platform(PolicyEngine.KYVERNO_IMAGE_VALIDATING_POLICY).chart);
    const globs: string[] = policy.spec.matchImageReferences.map((m: any) => m.glob);
    expect(imageValidatingCovers(globs, PGVECTOR)).toBe(true);
    expect(imageValidatingCovers(globs, UNKNOWN)).toBe(false);
    const list = policy.spec.variables.find((v: any) => v.name === 'postgresExtensionsContainersImages').expression;
    expect(list).toContain(`'${PGVECTOR}'`);
    expect(list).not.toContain('unknown-publisher');
  });
});

describe('identities', () => {
  test('each publisher with its documented identity and the GitHub Actions issuer', () => {
    const [policy] = policies(platform(PolicyEngine.KYVERNO).chart);
    const keyless = Object.fromEntries(policy.spec.rules.map((r: any) => [r.name, r.verifyImages[0].attestors[0].entries[0].keyless]));
    expect(keyless).toStrictEqual({
      'postgres-containers': {
        issuer: 'https://token.actions.githubusercontent.com',
        subjectRegExp: '^https://github\\.com/cloudnative-pg/postgres-containers/',
        rekor: { url: 'https://rekor.sigstore.dev' },
      },
      'postgres-extensions-containers': {
        issuer: 'https://token.actions.githubusercontent.com',
        subject: 'https://github.com/cloudnative-pg/postgres-extensions-containers/.github/workflows/bake_targets.yml@refs/heads/main',
        rekor: { url: 'https://rekor.sigstore.dev' },
      },
      'cloudnative-pg': {
        issuer: 'https://token.actions.githubusercontent.com',
        subjectRegExp: '^https://github\\.com/cloudnative-pg/cloudnative-pg/\\.github/workflows/release-publish\\.yml@refs/tags/v',
        rekor: { url: 'https://rekor.sigstore.dev' },
      },
    });
  });

  test('the identity regexps accept the workflow identities upstream signs with, and no other repository', () => {
    const operand = new RegExp('^https://github\\.com/cloudnative-pg/postgres-containers/');
    expect(operand.test('https://github.com/cloudnative-pg/postgres-containers/.github/workflows/bake_targets.yml@refs/heads/main')).toBe(true);
    expect(operand.test('https://github.com/cloudnative-pg/postgres-containers-fork/.github/workflows/bake_targets.yml@refs/heads/main')).toBe(false);
    expect(operand.test('https://githubXcom/cloudnative-pg/postgres-containers/')).toBe(false);
    const operator = new RegExp('^https://github\\.com/cloudnative-pg/cloudnative-pg/\\.github/workflows/release-publish\\.yml@refs/tags/v');
    expect(operator.test('https://github.com/cloudnative-pg/cloudnative-pg/.github/workflows/release-publish.yml@refs/tags/v1.30.0')).toBe(true);
    expect(operator.test('https://github.com/cloudnative-pg/cloudnative-pg/.github/workflows/release-publish.yml@refs/heads/main')).toBe(false);
  });
});

describe('digests', () => {
  test('requireDigest (Kyverno): tags are refused, not resolved', () => {
    const [cp] = policies(platform(PolicyEngine.KYVERNO, { requireDigest: true }).chart);
    for (const r of cp.spec.rules) expect(r.verifyImages[0]).toMatchObject({ mutateDigest: false, verifyDigest: true, required: true });
    // the tag-only spelling of a catalog image is matched, so that it is refused
    expect(kyvernoCovers(cp.spec.rules[0].verifyImages[0].imageReferences, PG18.split('@')[0])).toBe(true);
    const [ivpol] = policies(platform(PolicyEngine.KYVERNO_IMAGE_VALIDATING_POLICY, { requireDigest: true }).chart);
    expect(ivpol.spec.validationConfigurations).toStrictEqual({ mutateDigest: false, verifyDigest: true, required: true });
  });

  test('without requireDigest, Kyverno resolves a tag to its digest and verifies that', () => {
    const [cp] = policies(platform(PolicyEngine.KYVERNO).chart);
    expect(cp.spec.rules[0].verifyImages[0]).toMatchObject({ mutateDigest: true, verifyDigest: true });
  });

  test('requireDigest refuses the app\'s own tag-only image at synth, naming it', () => {
    const chart = newChart();
    const catalog = new ImageCatalog(chart, 'catalog', { metadata: { name: 'pg' }, requireDigest: false, images: [{ major: 18, image: 'ghcr.io/cloudnative-pg/postgresql:18.6-minimal-trixie' }] });
    new ImageSignaturePolicy(chart, 'signatures', { engine: PolicyEngine.KYVERNO, catalogs: [catalog], requireDigest: true });
    expect(() => Testing.synth(chart)).toThrow(
      '[test/signatures] requireDigest: the policy would refuse the app\'s own image "ghcr.io/cloudnative-pg/postgresql:18.6-minimal-trixie" (ImageCatalog pg major 18): it is given by tag alone. Pin it by digest, or leave requireDigest off (library)',
    );
  });

  test('policy-controller cannot refuse tags: requireDigest is refused at construction', () => {
    expect(() => platform(PolicyEngine.SIGSTORE_POLICY_CONTROLLER, { requireDigest: true })).toThrow(
      '[test/signatures] requireDigest: policy-controller cannot refuse an image given by tag: its mutating webhook resolves the tag to a digest, which it then verifies and pins in the Pod. Use a Kyverno engine to refuse tags, or leave requireDigest off (library)',
    );
  });

  test('policy-controller leaves a tag-only image uncovered (the digest it resolves is unknown at synth)', () => {
    const chart = newChart();
    const catalog = new ImageCatalog(chart, 'catalog', { metadata: { name: 'pg' }, requireDigest: false, images: [{ major: 18, image: 'ghcr.io/cloudnative-pg/postgresql:18.6-minimal-trixie' }, { major: 17, image: pinned('ghcr.io/cloudnative-pg/postgresql', '17.11-minimal-trixie') }] });
    const policy = new ImageSignaturePolicy(chart, 'signatures', { engine: PolicyEngine.SIGSTORE_POLICY_CONTROLLER, catalogs: [catalog] });
    expect(policy.uncoveredImages).toEqual(['ghcr.io/cloudnative-pg/postgresql:18.6-minimal-trixie']);
    expect(() => Testing.synth(chart)).toThrow(
      '[test/signatures] images: "ghcr.io/cloudnative-pg/postgresql:18.6-minimal-trixie" (ImageCatalog pg major 18) is not covered: given by tag alone: policy-controller matches the digest it resolves at admission, which is not known at synth; pin it by digest.',
    );
  });
});

describe('images of other publishers', () => {
  const MY_EXT = 'registry.example.com/my-ext:1.0-18-trixie@sha256:0000000000000000000000000000000000000000000000000000000000000000';

  function withOwnExtension(allowUncoveredImages?: boolean) {
    const chart = newChart({ namespace: 'platform' });
    const catalog = ClusterImageCatalog.official(chart, 'catalog', { type: ImageType.MINIMAL, os: DebianRelease.TRIXIE, withExtensions: true });
    const cluster = new Cluster(chart, 'db', { metadata: { name: 'db' }, image: ClusterImage.fromCatalog(catalog, 18), storage: { size: Size.gibibytes(1) } });
    cluster.addExtension(Extension.fromImage({ name: 'my-ext', reference: MY_EXT }));
    const policy = new ImageSignaturePolicy(chart, 'own', { engine: PolicyEngine.KYVERNO, name: 'own', catalogs: [catalog], clusters: [cluster], allowUncoveredImages });
    return { chart, policy };
  }

  test('an extension image of an unknown publisher is reported at synth, not given a publisher', () => {
    const { chart, policy } = withOwnExtension();
    expect(policy.uncoveredImages).toEqual([MY_EXT]);
    expect(policy.coversImage(MY_EXT)).toBe(false);
    expect(() => Testing.synth(chart)).toThrow(
      `[test/own] images: "${MY_EXT}" (Cluster platform/db extension my-ext) is not covered: not an image CloudNativePG publishes (it publishes ghcr.io/cloudnative-pg/postgresql, the official extension images and ghcr.io/cloudnative-pg/cloudnative-pg), so no signing identity is known for it. Remove it, or set allowUncoveredImages to leave it to the engine's default for images no policy matches (library)`,
    );
  });

  test('allowUncoveredImages leaves it out of the policy', () => {
    const { chart } = withOwnExtension(true);
    const own = policies(chart).find((p) => p.metadata.name === 'own');
    expect(JSON.stringify(own)).not.toContain('registry.example.com');
  });

  test('a catalog without any CloudNativePG image leaves nothing to cover', () => {
    const chart = newChart();
    const catalog = new ImageCatalog(chart, 'catalog', { metadata: { name: 'pg' }, images: [{ major: 18, image: pinned('registry.example.com/postgres', '18.6') }] });
    new ImageSignaturePolicy(chart, 'signatures', { engine: PolicyEngine.KYVERNO_IMAGE_VALIDATING_POLICY, catalogs: [catalog], allowUncoveredImages: true });
    expect(() => Testing.synth(chart)).toThrow('[test/signatures] images: the catalogs and Clusters given hold no image CloudNativePG publishes: there is nothing to cover (library)');
  });
});

describe('enforcement', () => {
  test('AUDIT reports instead of refusing, in each engine\'s words', () => {
    const [operand] = policies(platform(PolicyEngine.SIGSTORE_POLICY_CONTROLLER, { enforcement: PolicyEnforcement.AUDIT }).chart);
    expect(operand.spec.mode).toBe('warn');
    const [cp] = policies(platform(PolicyEngine.KYVERNO, { enforcement: PolicyEnforcement.AUDIT }).chart);
    // Kyverno refuses mutateDigest with Audit
    expect(cp.spec.rules[0].verifyImages[0]).toMatchObject({ failureAction: 'Audit', mutateDigest: false });
    const [ivpol] = policies(platform(PolicyEngine.KYVERNO_IMAGE_VALIDATING_POLICY, { enforcement: PolicyEnforcement.AUDIT }).chart);
    expect(ivpol.spec.validationActions).toEqual(['Audit']);
  });
});

describe('props from plain JavaScript', () => {
  test.each([
    [{ engine: 'gatekeeper', catalogs: [] }, '[test/signatures] engine: "gatekeeper" is not an engine; expected one of sigstore-policy-controller, kyverno, kyverno-image-validating-policy (library)'],
    [{ engine: 'kyverno' }, '[test/signatures] catalogs: undefined is not a list of catalogs (library)'],
    [{ engine: 'kyverno', catalogs: [], enforcement: 'loud' }, '[test/signatures] enforcement: "loud" is not accepted; expected one of enforce, audit (library)'],
    [{ engine: 'kyverno', catalogs: [], operatorImage: `ghcr.io/cloudnative-pg/postgresql:18@sha256:${'a'.repeat(64)}` }, `[test/signatures] operatorImage: "ghcr.io/cloudnative-pg/postgresql:18@sha256:${'a'.repeat(64)}" is not CloudNativePG's operator image; expected ghcr.io/cloudnative-pg/cloudnative-pg:<version>@sha256:<digest> (library)`],
    [{ engine: 'kyverno', catalogs: [], name: 'Bad_Name' }, /^\[test\/signatures\] name: "Bad_Name" /],
  ])('%j is refused', (props, message) => {
    expect(() => new ImageSignaturePolicy(newChart(), 'signatures', props as any)).toThrow(message);
  });
});

describe('policy-controller: one policy per publisher', () => {
  test('a publisher that appears after the policy was built is reported; addCluster() again fixes it', () => {
    const chart = newChart();
    const catalog = ClusterImageCatalog.official(chart, 'catalog', { type: ImageType.MINIMAL, os: DebianRelease.TRIXIE });
    const cluster = new Cluster(chart, 'db', { metadata: { name: 'db' }, image: ClusterImage.fromCatalog(catalog, 18), storage: { size: Size.gibibytes(1) } });
    const policy = new ImageSignaturePolicy(chart, 'signatures', { engine: PolicyEngine.SIGSTORE_POLICY_CONTROLLER, catalogs: [catalog], clusters: [cluster] });
    cluster.addExtension(Extension.fromImage({ name: 'pgvector', reference: PGVECTOR }));
    expect(() => Testing.synth(chart)).toThrow(/^ *\[test\/signatures\] images: images of cloudnative-pg\/postgres-extensions-containers .* appeared after the policies were created/m);
    policy.addCluster(cluster);
    expect(policies(chart).map((p) => p.metadata.name)).toEqual(['cnpg-image-signatures-postgres-containers', 'cnpg-image-signatures-postgres-extensions-containers']);
  });
});

describe('PostgresFleet', () => {
  test('one option adds the policy; catalogs and Clusters added later are covered', () => {
    const chart = new Chart(Testing.app(), 'platform');
    const fleet = new PostgresFleet(chart, 'fleet', {
      officialCatalogs: [{ type: ImageType.MINIMAL, os: DebianRelease.TRIXIE, withExtensions: true }],
      imageSignaturePolicy: { engine: PolicyEngine.KYVERNO_IMAGE_VALIDATING_POLICY, requireDigest: true, operatorImage: OPERATOR },
    });
    const bookworm = fleet.addOfficialCatalog({ type: ImageType.STANDARD, os: DebianRelease.BOOKWORM });
    fleet.addCluster('orders', { metadata: { name: 'orders', namespace: 'orders' }, image: ClusterImage.fromCatalog(bookworm, 17), storage: { size: Size.gibibytes(1) } });
    const policy = fleet.imageSignaturePolicy!;
    expect(policy.coversImage(bookworm.imageForMajor(17)!)).toBe(true);
    const [ivpol] = policies(chart);
    expect(ivpol.metadata.name).toBe('cnpg-image-signatures');
    expect(ivpol.spec.variables.find((v: any) => v.name === 'postgresContainersImages').expression).toContain(bookworm.imageForMajor(17)!);
  });
});

describe('engine matching, ported from the engines\' own tests', () => {
  // sigstore/policy-controller pkg/apis/glob/glob_test.go TestGlobMatch (fully qualified names and errors)
  test.each([
    ['ghcr.io/foo/bar', 'ghcr.io/*/*', true],
    ['ghcr.io/foo/bar', 'ghcr.io/**', true],
    ['ghcr.io/foo', 'ghcr.io/*/*', false],
    ['ghcr.io/foo', 'ghc**', true],
    ['ghcr.io/foo', '*/**', true],
    ['ghcr.io/foo', 'ghcr.io/foo*', true],
    ['prefix-ghcr.io/foo', 'ghcr.io/foo', false],
    ['ghcr.io/foo-suffix', 'ghcr.io/foo', false],
    ['ghcrxio/foo', 'ghcr.io/**', false],
  ])('policy-controller: %s against %s is %s', (name, glob, match) => {
    expect(policyControllerGlob(glob)!.test(name)).toBe(match);
  });

  test.each(['.+', '[a-z]*', 'ghcr.io/x@sha256:*'])('policy-controller refuses the glob %s', (glob) => {
    expect(policyControllerGlob(glob)).toBeUndefined();
  });

  // IGLOU-EU/go-wildcard wildcard_test.go TestMatch, and its `.` (any one character)
  test.each([
    ['*', 's3:GetObject', true],
    ['', 's3:GetObject', false],
    ['', '', true],
    ['s3:*', 's3:ListMultipartUploadParts', true],
    ['s3:ListBucketMultipartUploads', 's3:ListBucket', false],
    ['my-bucket/In*/Ka*/Ban', 'my-bucket/India/Karnataka/Ban/Ban/Ban/Ban/Ban', true],
    ['my-bucket/In*/Ka*/Ban', 'my-bucket/India/Karnataka/Bangalore', false],
    ['my-bucket?/abc*', 'mybucket/abc', false],
    ['my-bucket?/abc*', 'my-bucket1/abc', true],
    ['my-bucket/abc?efg', 'my-bucket/abc/efg', true],
    ['my-bucket/mnop*?and', 'my-bucket/mnopand', false],
    ['ghcr.io/x', 'ghcrXio/x', true],
  ])('Kyverno: %s against %s is %s', (pattern, text, match) => {
    expect(kyvernoWildcardMatches(pattern, text)).toBe(match);
  });
});
