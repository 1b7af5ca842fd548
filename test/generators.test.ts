import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { HAS_SHARED, SHARED } from './util';
import { CatalogTrustError, generateCatalogData } from '../scripts/generate-catalogs';
import { CRD_GROUPS, importCrds } from '../scripts/import-crds';

// Generated files must be reproducible from ../shared by their projen tasks, and the catalog generator
// must refuse anything that is not signed by the expected workflow. These tests need ../shared.
const describeWithShared = HAS_SHARED ? describe : describe.skip;

const ROOT = path.resolve(__dirname, '..');
const COMMITTED_DATA = path.join(ROOT, 'src', 'catalog', 'official-catalogs.generated.ts');
const CORE = path.join(SHARED, 'catalogs', 'artifacts-2026-08-17');
const EXTENSIONS = path.join(SHARED, 'catalogs', 'artifacts-extensions-2026-08-22');

function tmp(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A copy of the committed data file, so a refused run can be checked to leave it untouched. */
function copyOfCommittedData(): string {
  const out = path.join(tmp('cnpg-data-'), 'official-catalogs.generated.ts');
  fs.copyFileSync(COMMITTED_DATA, out);
  return out;
}

function copyFolder(from: string): string {
  const to = tmp('cnpg-catalogs-');
  for (const f of fs.readdirSync(from)) fs.copyFileSync(path.join(from, f), path.join(to, f));
  return to;
}

function expectRefused(options: { coreDir: string; extensionsDir: string }, message: string | RegExp): void {
  const outFile = copyOfCommittedData();
  const before = fs.readFileSync(outFile);
  expect(() => generateCatalogData({ ...options, outFile })).toThrow(CatalogTrustError);
  expect(() => generateCatalogData({ ...options, outFile })).toThrow(message);
  expect(fs.readFileSync(outFile).equals(before)).toBe(true);
}

describeWithShared('npx projen import', () => {
  const CRDS = path.join(SHARED, 'crds');
  const CNPG = CRD_GROUPS.find((g) => g.group === 'postgresql.cnpg.io')!;

  test('regenerates byte-identical bindings, schemas and precompiled validators of every group from ../shared/crds', () => {
    const out = tmp('cnpg-imports-');
    const written = importCrds({ crdsRoot: CRDS, outDir: out }).map((f) => path.basename(f));
    expect(written).toStrictEqual(CRD_GROUPS.flatMap((g) => [`${g.group}.ts`, `${g.group}.schemas.ts`, `${g.group}.validators.ts`]));
    for (const file of written) {
      const regenerated = fs.readFileSync(path.join(out, file), 'utf8');
      const committed = fs.readFileSync(path.join(ROOT, 'imports', file), 'utf8');
      expect(regenerated === committed).toBe(true);
    }
  }, 120_000);

  test('binds every CloudNativePG 1.30.0 CRD and the Barman Cloud plugin\'s ObjectStore', () => {
    const cnpgFiles = fs.readdirSync(path.join(CRDS, CNPG.folder)).filter((f) => f.startsWith('postgresql.cnpg.io_'));
    expect(cnpgFiles.map((f) => f.replace(/^postgresql\.cnpg\.io_(.*)\.yaml$/, '$1')).sort()).toStrictEqual([...CNPG.plurals].sort());
    expect(CRD_GROUPS.find((g) => g.group === 'barmancloud.cnpg.io')!.plurals).toStrictEqual(['objectstores']);
  });

  test('refuses a folder that lacks a bound CRD, and writes nothing', () => {
    const partial = tmp('cnpg-crds-');
    fs.copyFileSync(path.join(CRDS, CNPG.folder, 'postgresql.cnpg.io_clusters.yaml'), path.join(partial, 'postgresql.cnpg.io_clusters.yaml'));
    const out = tmp('cnpg-imports-');
    expect(() => importCrds({ crdsDirs: { 'postgresql.cnpg.io': partial }, crdsRoot: CRDS, outDir: out })).toThrow(
      `${partial} lacks the postgresql.cnpg.io CRDs the library binds: backups, clusterimagecatalogs, databaseroles, databases, failoverquorums, imagecatalogs, poolers, publications, scheduledbackups, subscriptions`,
    );
    expect(fs.readdirSync(out)).toStrictEqual([]);
  });

  test('refuses a file that is not the CRD its name says', () => {
    const dir = tmp('cnpg-crds-');
    fs.copyFileSync(path.join(CRDS, CNPG.folder, 'postgresql.cnpg.io_clusters.yaml'), path.join(dir, 'postgresql.cnpg.io_poolers.yaml'));
    const group = { ...CNPG, plurals: ['poolers'] };
    expect(() => importCrds({ crdsDirs: { [CNPG.group]: dir }, outDir: tmp('cnpg-imports-'), groups: [group] })).toThrow(
      'postgresql.cnpg.io_poolers.yaml: not the postgresql.cnpg.io CustomResourceDefinition of poolers',
    );
  });

  test('refuses a missing folder, naming the variable that sets it', () => {
    expect(() => importCrds({ crdsDirs: { 'barmancloud.cnpg.io': '/nonexistent/crds' }, crdsRoot: CRDS, outDir: tmp('cnpg-imports-') })).toThrow(
      'barmancloud.cnpg.io CRD folder not found: /nonexistent/crds (set BARMAN_CLOUD_CRDS_DIR to a folder of barmancloud.cnpg.io_*.yaml files)',
    );
  });
});

describeWithShared('npx projen catalogs', () => {
  test('regenerates byte-identical data from the signed 2026-08-17 and 2026-08-22 catalogs', () => {
    const outFile = path.join(tmp('cnpg-data-'), 'data.ts');
    generateCatalogData({ coreDir: CORE, extensionsDir: EXTENSIONS, outFile });
    expect(fs.readFileSync(outFile, 'utf8') === fs.readFileSync(COMMITTED_DATA, 'utf8')).toBe(true);
  });

  test('refuses the unsigned 2025-09-23 catalogs and leaves the data untouched', () => {
    expectRefused(
      { coreDir: path.join(SHARED, 'catalogs', 'artifacts-2025-09-23'), extensionsDir: EXTENSIONS },
      'kustomization.yaml: unsigned (no sigstore bundle kustomization.yaml.sigstore.json); refusing a catalog whose origin cannot be verified',
    );
  });

  test('refuses a catalog whose bundle is missing even when the kustomization is signed', () => {
    const dir = copyFolder(CORE);
    fs.rmSync(path.join(dir, 'catalog-standard-bookworm.yaml.sigstore.json'));
    expectRefused({ coreDir: dir, extensionsDir: EXTENSIONS }, 'catalog-standard-bookworm.yaml: unsigned (no sigstore bundle catalog-standard-bookworm.yaml.sigstore.json)');
  });

  test('refuses a catalog with one changed byte (tampered digest)', () => {
    const dir = copyFolder(CORE);
    const file = path.join(dir, 'catalog-minimal-trixie.yaml');
    const bytes = fs.readFileSync(file);
    const at = bytes.indexOf('eb7979e4');
    expect(at).toBeGreaterThan(0);
    bytes[at] = 'f'.charCodeAt(0);
    fs.writeFileSync(file, bytes);
    expectRefused(
      { coreDir: dir, extensionsDir: EXTENSIONS },
      /^catalog-minimal-trixie\.yaml: signature verification failed \(SIGNATURE_ERROR\): .*; expected a signature by https:\/\/github\.com\/cloudnative-pg\/postgres-containers\/\.github\/workflows\/catalogs\.yml@refs\/heads\/main \(issuer https:\/\/token\.actions\.githubusercontent\.com\) over the exact file bytes$/,
    );
  });

  test('refuses a catalog signed by another workflow (validly signed, wrong identity)', () => {
    // The extension-enabled minimal-trixie catalog is genuinely signed, but by the extensions workflow:
    // it must not pass as a core catalog.
    const dir = copyFolder(CORE);
    for (const suffix of ['', '.sigstore.json']) {
      fs.copyFileSync(path.join(EXTENSIONS, `catalog-minimal-trixie.yaml${suffix}`), path.join(dir, `catalog-minimal-trixie.yaml${suffix}`));
    }
    expectRefused(
      { coreDir: dir, extensionsDir: EXTENSIONS },
      /^catalog-minimal-trixie\.yaml: signature verification failed \(UNTRUSTED_SIGNER_ERROR\): certificate identity error - expected https:\/\/github\.com\/cloudnative-pg\/postgres-containers\/.*, got https:\/\/github\.com\/cloudnative-pg\/postgres-extensions-containers\//,
    );
  });

  test('refuses a bundle that signs different bytes (signature moved to another file)', () => {
    const dir = copyFolder(CORE);
    fs.copyFileSync(path.join(CORE, 'catalog-minimal-bookworm.yaml.sigstore.json'), path.join(dir, 'catalog-minimal-trixie.yaml.sigstore.json'));
    expectRefused({ coreDir: dir, extensionsDir: EXTENSIONS }, /^catalog-minimal-trixie\.yaml: signature verification failed \(SIGNATURE_ERROR\)/);
  });

  test('refuses an unreadable bundle', () => {
    const dir = copyFolder(CORE);
    fs.writeFileSync(path.join(dir, 'catalog-system-trixie.yaml.sigstore.json'), '{"mediaType": "nonsense"}');
    expectRefused({ coreDir: dir, extensionsDir: EXTENSIONS }, /^catalog-system-trixie\.yaml: unreadable sigstore bundle catalog-system-trixie\.yaml\.sigstore\.json/);
  });

  test('refuses a missing folder', () => {
    expectRefused({ coreDir: '/nonexistent/catalogs', extensionsDir: EXTENSIONS }, 'catalog folder not found: /nonexistent/catalogs');
  });
});
