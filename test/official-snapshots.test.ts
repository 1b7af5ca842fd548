import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Testing } from 'cdk8s';
import * as YAML from 'yaml';
import { ClusterImageCatalog, DebianRelease, ImageType, OfficialCatalogs, OfficialSnapshot } from '../src';
import { describeWithShared, SHARED } from './shared-data';
import { newChart } from './util';
import { CatalogTrustError, generateSnapshots } from '../scripts/generate-catalogs';

const TRIXIE = { type: ImageType.MINIMAL, os: DebianRelease.TRIXIE };

describe('dated snapshots of the official catalogs', () => {
  test('the library ships the signed snapshots of 2026-08-17 (the default) and 2026-07-17', () => {
    expect(OfficialCatalogs.snapshots().map((s) => [s.date, s.extensionsDate])).toEqual([['2026-08-17', '2026-08-22'], ['2026-07-17', '2026-07-17']]);
    expect(OfficialSnapshot.latest().date).toBe('2026-08-17');
    expect(OfficialSnapshot.of('2026-07-17').sources.map((s) => [s.variant, s.snapshot, s.signedAt])).toEqual([
      ['core', 'artifacts-2026-07-17', '2026-07-17T10:52:57Z'],
      ['extensions', 'artifacts-extensions-2026-07-17', '2026-07-17T10:55:17Z'],
    ]);
  });

  test('a snapshot gives its own images, the default the newest', () => {
    expect(OfficialCatalogs.image({ ...TRIXIE, snapshot: OfficialSnapshot.of('2026-07-17') }, 18)).toMatch(/^ghcr.io\/cloudnative-pg\/postgresql:18.4-202607170948-minimal-trixie@sha256:/);
    expect(OfficialCatalogs.image(TRIXIE, 18)).toMatch(/^ghcr.io\/cloudnative-pg\/postgresql:18.6-202608170814-minimal-trixie@sha256:/);
    expect(OfficialCatalogs.list(OfficialSnapshot.of('2026-07-17')).map((c) => c.catalogDate)).toEqual(Array(11).fill('20260717'));
    // pgrouting joined the extension catalogs after 2026-07-17
    const names = (snapshot: OfficialSnapshot) => OfficialCatalogs.extensions({ ...TRIXIE, withExtensions: true, snapshot }, 18).map((e) => e.name);
    expect(names(OfficialSnapshot.of('2026-07-17'))).not.toContain('pgrouting');
    expect(names(OfficialSnapshot.latest())).toContain('pgrouting');
  });

  test('an unknown day is refused, naming the days shipped', () => {
    expect(() => OfficialSnapshot.of('2026-07-18')).toThrow('OfficialSnapshot: no snapshot of "2026-07-18"; the library ships 2026-08-17, 2026-07-17 (YYYY-MM-DD, the day the core catalogs were signed)');
  });

  test('from plain JavaScript, a snapshot that is not an OfficialSnapshot is refused', () => {
    expect(() => ClusterImageCatalog.official(newChart(), 'c', { ...TRIXIE, snapshot: '2026-07-17' as any })).toThrow(
      '[test] official catalog: snapshot is "2026-07-17"; expected OfficialSnapshot.of(\'YYYY-MM-DD\') (2026-08-17, 2026-07-17) or OfficialSnapshot.latest()',
    );
  });
});

describeWithShared('an official catalog of an earlier snapshot', 'catalogs/artifacts-2026-07-17', () => {
  test('is written exactly as signed on that day', () => {
    // GIVEN
    const chart = newChart();
    // WHEN
    ClusterImageCatalog.official(chart, 'trixie', { ...TRIXIE, snapshot: OfficialSnapshot.of('2026-07-17') });
    // THEN the images and labels are those of the signed file
    const [written] = Testing.synth(chart);
    const signed = YAML.parse(fs.readFileSync(path.join(SHARED, 'catalogs', 'artifacts-2026-07-17', 'catalog-minimal-trixie.yaml'), 'utf8'));
    expect(written.metadata).toEqual(signed.metadata);
    expect(written.spec).toEqual(signed.spec);
  });
});

describeWithShared('npx projen catalogs writes every snapshot', [
  'catalogs/artifacts-2026-08-17', 'catalogs/artifacts-extensions-2026-08-22', 'catalogs/artifacts-2026-07-17', 'catalogs/artifacts-extensions-2026-07-17', 'catalogs/artifacts-2025-09-23',
], () => {
  const dir = (name: string) => path.join(SHARED, 'catalogs', name);
  const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'cnpg-snapshots-'));
  const committed = path.join(__dirname, '..', 'src', 'catalog');

  test('byte-identical to the committed data', () => {
    const out = tmp();
    const files = generateSnapshots([
      { coreDir: dir('artifacts-2026-08-17'), extensionsDir: dir('artifacts-extensions-2026-08-22') },
      { coreDir: dir('artifacts-2026-07-17'), extensionsDir: dir('artifacts-extensions-2026-07-17') },
    ], out);
    expect(files).toEqual(['official-catalogs.generated.ts', 'official-catalogs-2026-07-17.generated.ts', 'official-snapshots.generated.ts']);
    for (const f of files) expect(fs.readFileSync(path.join(out, f), 'utf8') === fs.readFileSync(path.join(committed, f), 'utf8')).toBe(true);
  });

  test('refuses an earlier snapshot that is not older than the one before it, and writes nothing', () => {
    const out = tmp();
    expect(() => generateSnapshots([
      { coreDir: dir('artifacts-2026-07-17'), extensionsDir: dir('artifacts-extensions-2026-07-17') },
      { coreDir: dir('artifacts-2026-08-17'), extensionsDir: dir('artifacts-extensions-2026-08-22') },
    ], out)).toThrow(CatalogTrustError);
    expect(() => generateSnapshots([
      { coreDir: dir('artifacts-2026-07-17'), extensionsDir: dir('artifacts-extensions-2026-07-17') },
      { coreDir: dir('artifacts-2026-07-17'), extensionsDir: dir('artifacts-extensions-2026-07-17') },
    ], out)).toThrow(`snapshot 2026-07-17 (${dir('artifacts-2026-07-17')}) is not older than 2026-07-17: list the default (newest) first, then each earlier snapshot once, newest first`);
    expect(fs.readdirSync(out)).toEqual([]);
  });

  test('refuses a default snapshot older than the committed one (a rollback) unless allowed', () => {
    const out = tmp();
    const committedDefault = path.join(committed, 'official-catalogs.generated.ts');
    fs.copyFileSync(committedDefault, path.join(out, 'official-catalogs.generated.ts'));
    const july = [{ coreDir: dir('artifacts-2026-07-17'), extensionsDir: dir('artifacts-extensions-2026-07-17') }];
    expect(() => generateSnapshots(july, out)).toThrow(CatalogTrustError);
    expect(fs.readdirSync(out)).toEqual(['official-catalogs.generated.ts']);
    expect(fs.readFileSync(path.join(out, 'official-catalogs.generated.ts'), 'utf8') === fs.readFileSync(committedDefault, 'utf8')).toBe(true);
    expect(generateSnapshots(july, out, true)).toEqual(['official-catalogs.generated.ts', 'official-snapshots.generated.ts']);
  });

  test('refuses an unsigned earlier snapshot, and writes nothing', () => {
    const out = tmp();
    expect(() => generateSnapshots([
      { coreDir: dir('artifacts-2026-08-17'), extensionsDir: dir('artifacts-extensions-2026-08-22') },
      { coreDir: dir('artifacts-2025-09-23'), extensionsDir: dir('artifacts-extensions-2026-07-17') },
    ], out)).toThrow(/unsigned/);
    expect(fs.readdirSync(out)).toEqual([]);
  });
});
