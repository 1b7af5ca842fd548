import * as fs from 'fs';
import * as path from 'path';
import { Testing } from 'cdk8s';
import * as YAML from 'yaml';
import { ClusterImageCatalog, DebianRelease, ImageType, OfficialCatalogs } from '../src';
import { eachWithShared, SHARED } from './shared-data';
import { newChart } from './util';

const TYPES = [ImageType.MINIMAL, ImageType.STANDARD, ImageType.SYSTEM];
const RELEASES = [DebianRelease.BULLSEYE, DebianRelease.BOOKWORM, DebianRelease.TRIXIE];
const CORE = TYPES.flatMap((type) => RELEASES.map((os) => ({ type, os, withExtensions: false })));
const WITH_EXTENSIONS = [DebianRelease.BOOKWORM, DebianRelease.TRIXIE].map((os) => ({ type: ImageType.MINIMAL, os, withExtensions: true }));
const ALL = [...CORE, ...WITH_EXTENSIONS];

function synthOfficial(options: { type: ImageType; os: DebianRelease; withExtensions: boolean }): any {
  // A namespaced chart on purpose: the cluster-scoped catalog must not pick the namespace up.
  const chart = newChart({ namespace: 'platform' });
  ClusterImageCatalog.official(chart, 'catalog', options);
  const manifests = Testing.synth(chart);
  expect(manifests).toHaveLength(1);
  return manifests[0];
}

function originalFile(options: { type: ImageType; os: DebianRelease; withExtensions: boolean }): string {
  const folder = options.withExtensions ? 'artifacts-extensions-2026-08-22' : 'artifacts-2026-08-17';
  return path.join(SHARED, 'catalogs', folder, `catalog-${options.type}-${options.os}.yaml`);
}

const label = (o: { type: string; os: string; withExtensions: boolean }) => `${o.type}-${o.os}${o.withExtensions ? ' (with extensions)' : ''}`;

describe('official catalogs', () => {
  test('the library ships 9 core flavours and 2 extension-enabled variants', () => {
    const list = OfficialCatalogs.list();
    expect(list.map((c) => `${c.name}${c.withExtensions ? '+ext' : ''}`).sort()).toEqual(
      [...CORE.map((c) => `postgresql-${c.type}-${c.os}`), ...WITH_EXTENSIONS.map((c) => `postgresql-${c.type}-${c.os}+ext`)].sort(),
    );
  });

  test.each(ALL.map((o) => [label(o), o] as const))('snapshot of %s', (_name, options) => {
    const manifest = synthOfficial(options);
    expect(manifest).toMatchSnapshot();
    expect(manifest.metadata.name).toBe(`postgresql-${options.type}-${options.os}`);
    expect(manifest.metadata.namespace).toBeUndefined();
  });

  test.each(ALL.map((o) => [label(o), o] as const))('every image of %s is digest-pinned', (_name, options) => {
    const manifest = synthOfficial(options);
    const refs: string[] = manifest.spec.images.flatMap((i: any) => [i.image, ...(i.extensions ?? []).map((e: any) => e.image.reference)]);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) expect(ref).toMatch(/@sha256:[0-9a-f]{64}$/);
  });

  describe('equal, as parsed objects, to the signed originals', () => {
    eachWithShared(['catalogs/artifacts-2026-08-17', 'catalogs/artifacts-extensions-2026-08-22'], ALL.map((o) => [label(o), o] as const))('%s', (_name, options) => {
      const original = YAML.parse(fs.readFileSync(originalFile(options), 'utf8'));
      const manifest = synthOfficial(options);
      // name, labels, majors, images and extensions, in order
      expect(manifest).toEqual(original);
      expect(manifest.spec.images.map((i: any) => i.major)).toEqual(original.spec.images.map((i: any) => i.major));
    });
  });

  test('the extension-enabled variants define the official extensions on major 18 only', () => {
    for (const os of [DebianRelease.BOOKWORM, DebianRelease.TRIXIE]) {
      const options = { type: ImageType.MINIMAL, os, withExtensions: true };
      expect(OfficialCatalogs.extensions(options, 18).map((e) => e.name)).toEqual([
        'pg-crash', 'pg-ivm', 'pgaudit', 'pgrouting', 'pgvector', 'postgis', 'timescaledb-oss', 'wal2json',
      ]);
      expect(OfficialCatalogs.extensions(options, 17)).toEqual([]);
      const postgis = OfficialCatalogs.extensions(options, 18).find((e) => e.name === 'postgis')!;
      expect(postgis.reference).toMatch(new RegExp(`^ghcr.io/cloudnative-pg/postgis-extension:3\\.6\\.4-\\d{12}-18-${os}@sha256:`));
      expect(postgis.ldLibraryPath).toEqual(['system']);
      expect(postgis.env).toEqual({ GDAL_DATA: '${image_root}/share/gdal', PROJ_DATA: '${image_root}/share/proj' });
    }
  });

  test('a user can ask which majors and images are shipped, and from what date and signer', () => {
    const trixie = { type: ImageType.MINIMAL, os: DebianRelease.TRIXIE };
    expect(OfficialCatalogs.majors(trixie)).toEqual([13, 14, 15, 16, 17, 18]);
    expect(OfficialCatalogs.image(trixie, 18)).toBe(
      'ghcr.io/cloudnative-pg/postgresql:18.6-202608170814-minimal-trixie@sha256:eb7979e4bd7fccaec0369b550b9649eec1f014de04621fac6e653244e75cca46',
    );
    const info = OfficialCatalogs.list().find((c) => c.name === 'postgresql-minimal-trixie' && !c.withExtensions)!;
    expect(info.catalogDate).toBe('20260817');
    expect(info.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(OfficialCatalogs.sources()).toEqual([
      {
        variant: 'core',
        repositoryFolder: 'image-catalogs',
        snapshot: 'artifacts-2026-08-17',
        signedAt: expect.stringMatching(/^2026-08-17T/),
        identity: 'https://github.com/cloudnative-pg/postgres-containers/.github/workflows/catalogs.yml@refs/heads/main',
        issuer: 'https://token.actions.githubusercontent.com',
      },
      {
        variant: 'extensions',
        repositoryFolder: 'image-catalogs-extensions',
        snapshot: 'artifacts-extensions-2026-08-22',
        signedAt: expect.stringMatching(/^2026-08-22T/),
        identity: 'https://github.com/cloudnative-pg/postgres-extensions-containers/.github/workflows/update-catalogs.yml@refs/heads/main',
        issuer: 'https://token.actions.githubusercontent.com',
      },
    ]);
  });

  test('OfficialCatalogs.image refuses a major the catalog does not carry', () => {
    expect(() => OfficialCatalogs.image({ type: ImageType.SYSTEM, os: DebianRelease.BOOKWORM }, 12)).toThrow(
      'OfficialCatalogs: postgresql-system-bookworm has no major 12; it carries 13, 14, 15, 16, 17, 18',
    );
  });

  test('there is no extension-enabled bullseye catalog', () => {
    expect(() => ClusterImageCatalog.official(newChart(), 'catalog', { type: ImageType.MINIMAL, os: DebianRelease.BULLSEYE, withExtensions: true })).toThrow(
      '[test] official catalog: no extension-enabled official catalog for minimal/bullseye; extension-enabled catalogs exist for minimal/bookworm, minimal/trixie',
    );
  });

  test('an unknown flavour is refused with the accepted values', () => {
    expect(() => ClusterImageCatalog.official(newChart(), 'catalog', { type: 'alpine' as ImageType, os: DebianRelease.TRIXIE })).toThrow(
      '[test] official catalog: "alpine"/"trixie" is not an official flavour; expected type minimal|standard|system and os bullseye|bookworm|trixie',
    );
  });

  test('an app cannot hold both the plain and the extension-enabled variant of one flavour', () => {
    const chart = newChart();
    ClusterImageCatalog.official(chart, 'plain', { type: ImageType.MINIMAL, os: DebianRelease.TRIXIE });
    expect(() => ClusterImageCatalog.official(chart, 'ext', { type: ImageType.MINIMAL, os: DebianRelease.TRIXIE, withExtensions: true })).toThrow(
      '[test/ext] metadata.name: ClusterImageCatalog "postgresql-minimal-trixie" is already defined by [test/plain]; one app can hold only one (the extension-enabled variant of an official catalog has the same name as the plain one) (library)',
    );
  });
});
