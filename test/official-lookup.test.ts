import { DebianRelease, ImageType, OfficialCatalogs } from '../src';
import { officialCatalogHint, officialExtensionProps } from '../src/catalog/official-lookup';
import { OfficialSnapshot } from '../src/catalog/official-snapshot';

// The lookup of the shipped official catalogs (src/catalog/official-lookup.ts) behind OfficialCatalogs and the
// Cluster's hint for an extension its catalog does not define. The newest snapshot's extension-enabled
// catalogs are minimal/bookworm and minimal/trixie; only their major 18 defines extensions (pgvector among them).

describe('OfficialCatalogs refusals', () => {
  test('refuses an extension-enabled catalog of a flavour that has none, naming those that exist', () => {
    expect(() => OfficialCatalogs.majors({ type: ImageType.STANDARD, os: DebianRelease.BOOKWORM, withExtensions: true })).toThrow(
      new Error('OfficialCatalogs: no extension-enabled official catalog for standard/bookworm; extension-enabled catalogs exist for minimal/bookworm, minimal/trixie'),
    );
  });

  test('refuses a flavour that is not official', () => {
    expect(() => OfficialCatalogs.image({ type: 'tiny' as ImageType, os: DebianRelease.TRIXIE }, 18)).toThrow(
      new Error('OfficialCatalogs: "tiny"/"trixie" is not an official flavour; expected type minimal|standard|system and os bullseye|bookworm|trixie'),
    );
  });

  test('list refuses a snapshot given as its date string', () => {
    const dates = OfficialSnapshot.all().map((s) => s.date).join(', ');
    expect(() => OfficialCatalogs.list('2026-08-17' as unknown as OfficialSnapshot)).toThrow(
      new Error(`OfficialCatalogs: snapshot is "2026-08-17"; expected OfficialSnapshot.of('YYYY-MM-DD') (${dates}) or OfficialSnapshot.latest()`),
    );
  });
});

describe('officialCatalogHint', () => {
  test('without a major, points to the catalogs that define the extension for any major', () => {
    expect(officialCatalogHint('pgvector', undefined, { type: 'standard', os: 'bookworm' })).toBe(
      'the extension-enabled official catalogs of minimal/bookworm, minimal/trixie define it (ClusterImageCatalog.official(scope, id, { type: ImageType.MINIMAL, os: DebianRelease.BOOKWORM, withExtensions: true }))',
    );
  });

  test('gives no hint for a major no official catalog defines the extension for', () => {
    expect(officialCatalogHint('pgvector', 17, { type: 'minimal', os: 'trixie' })).toBeUndefined();
  });

  test('gives no hint for an extension no official catalog defines', () => {
    expect(officialCatalogHint('pg_partman', 18, { type: 'minimal', os: 'trixie' })).toBeUndefined();
  });

  test('points to the extension-enabled variant of the same flavour, not the first catalog that defines it', () => {
    expect(officialCatalogHint('pgvector', 18, { type: 'minimal', os: 'trixie' })).toBe(
      'the extension-enabled variant of postgresql-minimal-trixie defines it: ClusterImageCatalog.official(scope, id, { type: ImageType.MINIMAL, os: DebianRelease.TRIXIE, withExtensions: true })',
    );
  });

  test('with the same os but another type, points to every catalog that defines it', () => {
    expect(officialCatalogHint('pgvector', 18, { type: 'standard', os: 'trixie' })).toBe(
      'the extension-enabled official catalogs of minimal/bookworm, minimal/trixie define it (ClusterImageCatalog.official(scope, id, { type: ImageType.MINIMAL, os: DebianRelease.BOOKWORM, withExtensions: true }))',
    );
  });
});

describe('officialExtensionProps', () => {
  test('copies every path list and the environment of an extension record', () => {
    const record = {
      name: 'ext',
      reference: 'ghcr.io/example/ext:1@sha256:' + 'b'.repeat(64),
      pullPolicy: 'IfNotPresent',
      extensionControlPath: ['share/a', 'share/b'],
      dynamicLibraryPath: ['lib/a'],
      ldLibraryPath: ['ld/a'],
      binPath: ['bin/a', 'bin/b'],
      env: [['A', '1'], ['B', '2']] as Array<[string, string]>,
    };
    const props = officialExtensionProps(record);
    expect(props).toEqual({
      name: 'ext',
      reference: record.reference,
      pullPolicy: 'IfNotPresent',
      extensionControlPath: ['share/a', 'share/b'],
      dynamicLibraryPath: ['lib/a'],
      ldLibraryPath: ['ld/a'],
      binPath: ['bin/a', 'bin/b'],
      env: { A: '1', B: '2' },
    });
  });

  test('leaves out what the record does not give', () => {
    const props = officialExtensionProps({ name: 'ext', reference: 'ghcr.io/example/ext:1' });
    expect(Object.entries(props).filter(([, v]) => v !== undefined)).toEqual([['name', 'ext'], ['reference', 'ghcr.io/example/ext:1']]);
  });
});
