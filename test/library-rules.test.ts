import { catalogMajorMismatchViolations, mismatchedTagMajor } from '../src/rules/catalog-major';
import { libraryManifestWarnings } from '../src/rules/library';
import { parseQuantity } from '../src/rules/quantity';

const TAGGED = 'ghcr.io/cloudnative-pg/postgresql:17.5';
const unpinned = (path: string, ref: string) => ({
  path,
  message: `${JSON.stringify(ref)} is not digest-pinned; the library pins every image (<registry>/<repository>[:<tag>]@sha256:<64 hex digits>): a tag can be moved to other content, a digest cannot`,
  source: 'library',
  warning: true,
});

describe('libraryManifestWarnings', () => {
  test('leaves an empty Cluster imageName to the schema and the webhook', () => {
    expect(libraryManifestWarnings({ apiVersion: 'postgresql.cnpg.io/v1', kind: 'Cluster', spec: { imageName: '' } })).toEqual([]);
  });

  test('ignores objects outside the CloudNativePG group, even of a CNPG kind', () => {
    expect(libraryManifestWarnings({ apiVersion: 'example.com/v1', kind: 'Cluster', spec: { imageName: TAGGED } })).toEqual([]);
    expect(libraryManifestWarnings({ apiVersion: 'v1', kind: 'Pooler', spec: { pgbouncer: { image: TAGGED } } })).toEqual([]);
  });

  test('ignores an object whose apiVersion is not a string', () => {
    expect(libraryManifestWarnings({ kind: 'Cluster', spec: { imageName: TAGGED } })).toEqual([]);
    expect(libraryManifestWarnings({ apiVersion: 1, kind: 'Cluster', spec: { imageName: TAGGED } })).toEqual([]);
  });

  test('warns on an unpinned Cluster imageName and skips null extension entries', () => {
    expect(libraryManifestWarnings({
      apiVersion: 'postgresql.cnpg.io/v1',
      kind: 'Cluster',
      spec: { imageName: TAGGED, postgresql: { extensions: [null, { name: 'x', image: { reference: 'ghcr.io/x/ext:1' } }] } },
    })).toEqual([
      unpinned('spec.imageName', TAGGED),
      unpinned('spec.postgresql.extensions[1].image.reference', 'ghcr.io/x/ext:1'),
    ]);
  });

  test('warns on catalog entries and their extensions by path, skipping null entries', () => {
    expect(libraryManifestWarnings({
      apiVersion: 'postgresql.cnpg.io/v1',
      kind: 'ImageCatalog',
      spec: {
        images: [null, { major: 17, image: TAGGED, extensions: [{ name: 'x', image: { reference: 'ghcr.io/x/ext:1' } }] }],
        componentImages: [null, { key: 'pgbouncer', image: 'ghcr.io/cloudnative-pg/pgbouncer:1.24' }],
      },
    })).toEqual([
      unpinned('spec.images[1].image', TAGGED),
      unpinned('spec.images[1].extensions[0].image.reference', 'ghcr.io/x/ext:1'),
      unpinned('spec.componentImages[1].image', 'ghcr.io/cloudnative-pg/pgbouncer:1.24'),
    ]);
  });
});

describe('catalogMajorMismatchViolations', () => {
  test('judges an entry of the lowest major the CRD admits (10)', () => {
    expect(mismatchedTagMajor({ major: 10, image: 'ghcr.io/cloudnative-pg/postgresql:11.2' })).toBe(11);
    expect(mismatchedTagMajor({ major: 9, image: 'ghcr.io/cloudnative-pg/postgresql:11.2' })).toBeUndefined();
  });

  test('warns on a downgrade with the whole message', () => {
    expect(catalogMajorMismatchViolations([{ major: 17, image: 'ghcr.io/cloudnative-pg/postgresql:16.9' }])).toEqual([{
      path: 'spec.images[0].image',
      message: '"ghcr.io/cloudnative-pg/postgresql:16.9" is PostgreSQL 16, but the entry is for major 17: the operator trusts the entry\'s major, so '
        + 'a Cluster on major 17 would run PostgreSQL 16 binaries (a binary downgrade); expected an image whose tag starts with 17',
      source: 'library',
      warning: true,
    }]);
  });

  test('warns on a newer tag without calling it a downgrade', () => {
    expect(catalogMajorMismatchViolations([{ major: 16, image: 'ghcr.io/cloudnative-pg/postgresql:17.5' }], 'spec.images')).toEqual([{
      path: 'spec.images[0].image',
      message: '"ghcr.io/cloudnative-pg/postgresql:17.5" is PostgreSQL 17, but the entry is for major 16: the operator trusts the entry\'s major, so '
        + 'a Cluster on major 16 would run PostgreSQL 17 binaries; expected an image whose tag starts with 16',
      source: 'library',
      warning: true,
    }]);
  });
});

describe('parseQuantity', () => {
  test('reads a decimal exponent as a power of ten', () => {
    expect(parseQuantity('2e3')).toBe(2000);
    expect(parseQuantity('5E-1')).toBe(0.5);
    expect(parseQuantity('1e10')).toBe(1e10);
  });

  // k8s.io/apimachinery resource.Quantity: `E` alone is the exa suffix (10^18), not an exponent
  test('reads a bare E as exa and P as peta', () => {
    expect(parseQuantity('1E')).toBe(1e18);
    expect(parseQuantity('2P')).toBe(2e15);
    expect(parseQuantity('1Ei')).toBe(2 ** 60);
  });
});
