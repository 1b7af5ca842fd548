import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Chart, Testing } from 'cdk8s';
import { ClusterImageCatalog } from '../src';
import { run } from './cli-run';
import { describeWithShared, SHARED } from './shared-data';
import { checkNoDowngrade, SnapshotImages } from '../src/supply-chain/lock';
import { CatalogTrustError } from '../src/supply-chain/verify';

// The catalog lock (src/supply-chain/lock.ts) and the signature verifier (src/supply-chain/verify.ts): how a
// lock file that was not written by `cdk8s-cnpg catalogs lock` is refused, what a rollback refusal names,
// and the edges of reading a catalog through its lock. The first blocks need no reference data; the last
// ones read the signed snapshots in ../shared/catalogs (the 2026-08-17 core and 2026-08-22 extension-enabled
// snapshots) and are skipped without them, saying so.

const CORE_SIGNER = 'https://github.com/cloudnative-pg/postgres-containers/.github/workflows/catalogs.yml@refs/heads/main';
const EXTENSIONS_SIGNER = 'https://github.com/cloudnative-pg/postgres-extensions-containers/.github/workflows/update-catalogs.yml@refs/heads/main';
const BY_HAND = '; write the lock with `cdk8s-cnpg catalogs lock`, never by hand';

function tmp(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A lock of the shape `catalogs lock` writes, for one core folder image-catalogs/ with one catalog file. */
function wellFormedLock(): any {
  return {
    lockVersion: 1,
    snapshots: [{
      dir: 'image-catalogs',
      variant: 'core',
      signedAt: '2026-08-17T08:33:24Z',
      identity: CORE_SIGNER,
      issuer: 'https://token.actions.githubusercontent.com',
      kustomization: { sha256: 'a'.repeat(64), signedAt: '2026-08-17T08:33:24Z', logIndex: '2496942300' },
      files: {
        'catalog-minimal-trixie.yaml': {
          sha256: 'b'.repeat(64),
          signedAt: '2026-08-17T08:33:17Z',
          identity: CORE_SIGNER,
          logIndex: '2496942294',
          catalog: 'postgresql-minimal-trixie',
          images: { 18: 'ghcr.io/cloudnative-pg/postgresql:18.6-202608170814-minimal-trixie' },
        },
      },
    }],
  };
}

/**
 * Writes `lockText` as catalogs.lock.json in a fresh app folder and reads image-catalogs/catalog-minimal-trixie.yaml
 * through it; returns the message fromVerifiedFile throws.
 */
function readThroughLock(lockText: string): string {
  const root = tmp('lock-');
  const lock = path.join(root, 'catalogs.lock.json');
  fs.writeFileSync(lock, lockText);
  const chart = new Chart(Testing.app(), 'platform');
  try {
    ClusterImageCatalog.fromVerifiedFile(chart, 'catalog', { file: path.join(root, 'image-catalogs', 'catalog-minimal-trixie.yaml'), lock });
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('fromVerifiedFile did not refuse');
}

describe('ClusterImageCatalog.fromVerifiedFile refuses a lock not written by `cdk8s-cnpg catalogs lock`', () => {
  test('refuses a lock that is not JSON', () => {
    expect(readThroughLock('{ "lockVersion": 1,')).toMatch(/^\[platform\/catalog\] catalogs\.lock\.json: not JSON: \S/);
  });

  test.each([
    ['null', 'the lock: expected an object, got null'],
    ['42', 'the lock: expected an object, got 42'],
    ['"a lock"', 'the lock: expected an object, got "a lock"'],
    ['[]', 'the lock: expected an object, got []'],
  ])('refuses the lock %s: it is not an object', (text, message) => {
    expect(readThroughLock(text)).toBe(`[platform/catalog] catalogs.lock.json: ${message}${BY_HAND}`);
  });

  const SNAPSHOT = 'snapshots[0]';
  const FILE = `${SNAPSHOT}.files["catalog-minimal-trixie.yaml"]`;
  test.each<[string, (lock: any) => void, string]>([
    ['another format version', (l) => l.lockVersion = 2, 'lockVersion: 2 is not 1'],
    ['snapshots that are not a list', (l) => l.snapshots = { 'image-catalogs': l.snapshots[0] }, 'snapshots: expected a list'],
    ['a snapshot that is not an object', (l) => l.snapshots = [null], `${SNAPSHOT}: expected an object, got null`],
    ['a folder that is not a string', (l) => l.snapshots[0].dir = 42, `${SNAPSHOT}.dir: 42 is not a string`],
    ['an unknown variant', (l) => l.snapshots[0].variant = 'nightly', `${SNAPSHOT}.variant: "nightly" is not core or extensions`],
    ['a core snapshot signed by the extensions workflow', (l) => l.snapshots[0].identity = EXTENSIONS_SIGNER,
      `${SNAPSHOT}.identity: "${EXTENSIONS_SIGNER}" is not the core catalogs' signer ${CORE_SIGNER}`],
    ['a signing time that is not UTC ISO 8601', (l) => l.snapshots[0].signedAt = '2026-08-17 08:33:24',
      `${SNAPSHOT}.signedAt: "2026-08-17 08:33:24" is not a UTC time like 2026-08-17T08:33:24Z`],
    ['a kustomization that is not an object', (l) => l.snapshots[0].kustomization = 'kustomization.yaml',
      `${SNAPSHOT}.kustomization: expected an object, got "kustomization.yaml"`],
    ['a kustomization sha256 that is not 64 hex digits', (l) => l.snapshots[0].kustomization.sha256 = 'abc',
      `${SNAPSHOT}.kustomization.sha256: "abc" is not a sha256 (64 hex digits)`],
    ['a kustomization signing time given in epoch seconds', (l) => l.snapshots[0].kustomization.signedAt = 1786955604,
      `${SNAPSHOT}.kustomization.signedAt: 1786955604 is not a UTC time like 2026-08-17T08:33:24Z`],
    ['files given as a list', (l) => l.snapshots[0].files = [], `${SNAPSHOT}.files: expected an object, got []`],
    ['a file entry that is not an object', (l) => l.snapshots[0].files['catalog-minimal-trixie.yaml'] = 'b'.repeat(64),
      `${FILE}: expected an object, got "${'b'.repeat(64)}"`],
    ['a file sha256 in upper case', (l) => l.snapshots[0].files['catalog-minimal-trixie.yaml'].sha256 = 'B'.repeat(64),
      `${FILE}.sha256: "${'B'.repeat(64)}" is not a sha256 (64 hex digits)`],
    ['a file signing time with milliseconds', (l) => l.snapshots[0].files['catalog-minimal-trixie.yaml'].signedAt = '2026-08-17T08:33:17.000Z',
      `${FILE}.signedAt: "2026-08-17T08:33:17.000Z" is not a UTC time like 2026-08-17T08:33:24Z`],
    ['a log index that is a number', (l) => l.snapshots[0].files['catalog-minimal-trixie.yaml'].logIndex = 2496942294,
      `${FILE}.logIndex: 2496942294 is not a string`],
    // the images and extensions the no-rollback check compares: a lock that lost them was a crash of
    // `catalogs lock` ("Cannot read properties of undefined")
    ['a file entry without its catalog name', (l) => delete l.snapshots[0].files['catalog-minimal-trixie.yaml'].catalog,
      `${FILE}.catalog: undefined is not a string`],
    ['a file entry without its images', (l) => delete l.snapshots[0].files['catalog-minimal-trixie.yaml'].images,
      `${FILE}.images: expected an object, got undefined`],
    ['an image that is not a string', (l) => l.snapshots[0].files['catalog-minimal-trixie.yaml'].images = { 18: null },
      `${FILE}.images["18"]: null is not a string`],
    ['extensions given as a list', (l) => l.snapshots[0].files['catalog-minimal-trixie.yaml'].extensions = [],
      `${FILE}.extensions: expected an object, got []`],
    ['the extensions of a major given as a list', (l) => l.snapshots[0].files['catalog-minimal-trixie.yaml'].extensions = { 18: ['pgvector'] },
      `${FILE}.extensions["18"]: expected an object, got ["pgvector"]`],
    ['an extension image that is not a string', (l) => l.snapshots[0].files['catalog-minimal-trixie.yaml'].extensions = { 18: { pgvector: 1 } },
      `${FILE}.extensions["18"]["pgvector"]: 1 is not a string`],
  ])('refuses %s, naming where and what is wrong', (_what, edit, message) => {
    const lock = wellFormedLock();
    edit(lock);
    expect(readThroughLock(JSON.stringify(lock))).toBe(`[platform/catalog] catalogs.lock.json: ${message}${BY_HAND}`);
  });

  test('a well-formed lock is read: the catalog file it locks is then required on disk', () => {
    expect(readThroughLock(JSON.stringify(wellFormedLock())))
      .toBe('[platform/catalog] image-catalogs/catalog-minimal-trixie.yaml: file not found (catalogs.lock.json locks it)');
  });

  test('a lock of no snapshot says it locks nothing', () => {
    expect(readThroughLock(JSON.stringify({ lockVersion: 1, snapshots: [] })))
      .toBe('[platform/catalog] image-catalogs/catalog-minimal-trixie.yaml: not in catalogs.lock.json (it locks nothing); lock its folder with `cdk8s-cnpg catalogs lock`');
  });

  test('a lock of another folder names what it locks', () => {
    const lock = wellFormedLock();
    lock.snapshots[0].dir = 'vendor/image-catalogs';
    expect(readThroughLock(JSON.stringify(lock)))
      .toBe('[platform/catalog] image-catalogs/catalog-minimal-trixie.yaml: not in catalogs.lock.json (it locks vendor/image-catalogs/catalog-minimal-trixie.yaml); lock its folder with `cdk8s-cnpg catalogs lock`');
  });
});

describe('checkNoDowngrade: a snapshot signed before the locked one', () => {
  const PG = 'ghcr.io/cloudnative-pg/postgresql';
  const EXT = 'ghcr.io/cloudnative-pg';
  const LOCKED = 'the locked snapshot (catalogs.lock.json)';

  /** The message checkNoDowngrade throws, checking it throws a CatalogTrustError. */
  function refusal(previous: SnapshotImages, next: SnapshotImages): string {
    try {
      checkNoDowngrade('vendor/image-catalogs', previous, next, LOCKED, '--allow-downgrade');
    } catch (e) {
      expect(e).toBeInstanceOf(CatalogTrustError);
      expect(String(e)).toMatch(/^CatalogTrustError: refusing to go back: /);
      return (e as Error).message;
    }
    throw new Error('checkNoDowngrade did not refuse');
  }

  test('names each file and major whose image or extensions go back, and nothing that stays', () => {
    const previous: SnapshotImages = {
      signedAt: '2026-08-17T08:33:24Z',
      files: {
        'catalog-minimal-trixie.yaml': {
          images: { 17: `${PG}:17.6-1-minimal-trixie@sha256:${'a'.repeat(64)}`, 18: `${PG}:18.1-1-minimal-trixie` },
          extensions: {
            18: {
              pgvector: `${EXT}/pgvector:0.8.1-18-trixie`,
              postgis: `${EXT}/postgis:3.6.0-18-trixie`,
              zeta: `${EXT}/zeta:1.0-18-trixie`,
              wal2json: `${EXT}/wal2json:2.6-18-trixie`,
            },
          },
        },
        'catalog-custom.yaml': { images: { 18: `registry.local:5000/postgresql@sha256:${'b'.repeat(64)}` } },
        'catalog-system-trixie.yaml': { images: { 18: `${PG}:18.1-1-system-trixie` } },
      },
    };
    const next: SnapshotImages = {
      signedAt: '2026-07-17T10:52:57Z',
      files: {
        'catalog-minimal-trixie.yaml': {
          images: { 16: `${PG}:16.10-1-minimal-trixie`, 17: `${PG}:17.5-1-minimal-trixie@sha256:${'c'.repeat(64)}`, 18: `${PG}:18.0-1-minimal-trixie` },
          extensions: {
            18: {
              pgvector: `${EXT}/pgvector:0.8.1-18-trixie`,
              postgis: `${EXT}/postgis:3.5.0-18-trixie`,
              alpha: `${EXT}/alpha:0.1-18-trixie`,
            },
          },
        },
        'catalog-custom.yaml': { images: { 18: `postgresql@sha256:${'d'.repeat(64)}` } },
        'catalog-system-trixie.yaml': { images: { 18: `${PG}:18.1-1-system-trixie` } },
        'catalog-standard-trixie.yaml': { images: { 18: `${PG}:18.0-1-standard-trixie` } },
      },
    };
    expect(refusal(previous, next)).toBe(
      'refusing to go back: vendor/image-catalogs was signed at 2026-07-17T10:52:57Z, before the locked snapshot (catalogs.lock.json), signed at 2026-08-17T08:33:24Z. '
      + 'A valid signature is not freshness: an older signed snapshot rolls images back. '
      + 'Majors that would go back: catalog-minimal-trixie.yaml: 17 (17.6-1-minimal-trixie -> 17.5-1-minimal-trixie), '
      + '18 (18.1-1-minimal-trixie -> 18.0-1-minimal-trixie; alpha added; postgis 3.6.0-18-trixie -> 3.5.0-18-trixie; wal2json removed; zeta removed); '
      + `catalog-custom.yaml: 18 (registry.local:5000/postgresql@sha256:${'b'.repeat(64)} -> postgresql@sha256:${'d'.repeat(64)}). `
      + 'Use the newest snapshot, or pass --allow-downgrade to roll back on purpose',
    );
  });

  test('an older snapshot with the same images is refused too, saying no major changes', () => {
    const files = { 'catalog-minimal-trixie.yaml': { images: { 18: `${PG}:18.1-1-minimal-trixie` } } };
    expect(refusal({ signedAt: '2026-08-17T08:33:24Z', files }, { signedAt: '2026-08-17T08:33:23Z', files })).toBe(
      'refusing to go back: vendor/image-catalogs was signed at 2026-08-17T08:33:23Z, before the locked snapshot (catalogs.lock.json), signed at 2026-08-17T08:33:24Z. '
      + 'A valid signature is not freshness: an older signed snapshot rolls images back. '
      + 'Majors that would go back: none (same images, older signatures). '
      + 'Use the newest snapshot, or pass --allow-downgrade to roll back on purpose',
    );
  });

  test('a snapshot signed at the same time as the locked one, or after it, passes', () => {
    const previous: SnapshotImages = { signedAt: '2026-08-17T08:33:24Z', files: { 'catalog-minimal-trixie.yaml': { images: { 18: `${PG}:18.1-1-minimal-trixie` } } } };
    for (const signedAt of ['2026-08-17T08:33:24Z', '2026-08-24T08:30:00Z']) {
      expect(() => checkNoDowngrade('vendor/image-catalogs', previous, { signedAt, files: {} }, LOCKED, '--allow-downgrade')).not.toThrow();
    }
  });
});

// The signed snapshots of the artifacts repository (../shared/catalogs).
const SNAPSHOTS = ['2026-08-17', 'extensions-2026-08-22'].map((d) => `catalogs/artifacts-${d}`);
const CORE = path.join(SHARED, 'catalogs', 'artifacts-2026-08-17');
const EXTENSIONS = path.join(SHARED, 'catalogs', 'artifacts-extensions-2026-08-22');

/** Copies a snapshot folder to `to` (created), as an app vendors artifacts' image-catalogs/. */
function copyFolder(from: string, to = tmp('catalogs-')): string {
  fs.mkdirSync(to, { recursive: true });
  for (const f of fs.readdirSync(from)) fs.copyFileSync(path.join(from, f), path.join(to, f));
  return to;
}


describeWithShared('cdk8s-cnpg catalogs lock: where the lock is and what it lists', SNAPSHOTS, () => {
  test('lists the snapshots by folder, whatever order the folders are given in', () => {
    const root = tmp('lock-');
    const core = copyFolder(CORE, path.join(root, 'image-catalogs'));
    const extensions = copyFolder(EXTENSIONS, path.join(root, 'image-catalogs-extensions'));
    const lock = path.join(root, 'catalogs.lock.json');
    expect(run(['catalogs', 'lock', extensions, core, '--out', lock]).status).toBe(0);
    expect(JSON.parse(fs.readFileSync(lock, 'utf8')).snapshots.map((s: any) => [s.dir, s.variant]))
      .toEqual([['image-catalogs', 'core'], ['image-catalogs-extensions', 'extensions']]);
  });

  test('a lock written inside the snapshot folder records the folder as "." and reads its catalogs', () => {
    const dir = copyFolder(CORE);
    const lock = path.join(dir, 'catalogs.lock.json');
    const result = run(['catalogs', 'lock', dir, '--out', lock]);
    expect(result.status).toBe(0);
    expect(result.out).toContain('\nlocked . (9 catalogs, signed 2026-08-17T08:33:24Z): new\n');
    expect(JSON.parse(fs.readFileSync(lock, 'utf8')).snapshots.map((s: any) => s.dir)).toEqual(['.']);
    const chart = new Chart(Testing.app(), 'platform');
    const catalog = ClusterImageCatalog.fromVerifiedFile(chart, 'catalog', { file: path.join(dir, 'catalog-minimal-trixie.yaml'), lock });
    expect(catalog.name).toBe('postgresql-minimal-trixie');
  });

  test('refuses a lock that records another signing time for the same log index', () => {
    const root = tmp('app-');
    const catalogs = copyFolder(CORE, path.join(root, 'image-catalogs'));
    const lock = path.join(root, 'catalogs.lock.json');
    expect(run(['catalogs', 'lock', catalogs, '--out', lock]).status).toBe(0);
    const written = JSON.parse(fs.readFileSync(lock, 'utf8'));
    written.snapshots[0].files['catalog-minimal-trixie.yaml'].signedAt = '2026-08-17T08:33:18Z';
    fs.writeFileSync(lock, JSON.stringify(written));
    const chart = new Chart(Testing.app(), 'platform');
    expect(() => ClusterImageCatalog.fromVerifiedFile(chart, 'catalog', { file: path.join(catalogs, 'catalog-minimal-trixie.yaml'), lock })).toThrow(
      '[platform/catalog] image-catalogs/catalog-minimal-trixie.yaml: lock mismatch: the signature was made at 2026-08-17T08:33:17Z (Rekor log index 2496942294), '
      + 'catalogs.lock.json records 2026-08-17T08:33:18Z (log index 2496942294)',
    );
  });
});

describeWithShared('cdk8s-cnpg catalogs verify: a listed file missing, a bundle that cannot be parsed', SNAPSHOTS, () => {
  function refusal(dir: string): string {
    const result = run(['catalogs', 'verify', dir], { '<DIR>': dir });
    expect(result.status).toBe(1);
    expect(result.out).toBe('');
    const [first, second, ...rest] = result.err.split('\n');
    expect(second).toBe('the catalogs did not verify; do not use them');
    expect(rest).toEqual([]);
    return first;
  }

  test('refuses a folder whose kustomization lists a catalog file that is missing (its bundle still there)', () => {
    const dir = copyFolder(CORE);
    fs.rmSync(path.join(dir, 'catalog-minimal-trixie.yaml'));
    expect(refusal(dir)).toBe('cdk8s-cnpg catalogs verify: refused: catalog-minimal-trixie.yaml: file not found in <DIR>');
  });

  test('refuses a bundle whose certificate is not DER, as a verification error', () => {
    const dir = copyFolder(CORE);
    const bundleFile = path.join(dir, 'catalog-minimal-trixie.yaml.sigstore.json');
    const bundle = JSON.parse(fs.readFileSync(bundleFile, 'utf8'));
    bundle.verificationMaterial.certificate.rawBytes = Buffer.from('not a certificate').toString('base64');
    fs.writeFileSync(bundleFile, JSON.stringify(bundle));
    expect(refusal(dir)).toMatch(new RegExp(
      '^cdk8s-cnpg catalogs verify: refused: catalog-minimal-trixie\\.yaml: signature verification failed \\(VERIFICATION_ERROR\\): .+; '
      + `expected a signature by ${CORE_SIGNER.replace(/[.]/g, '\\.')} \\(issuer https://token\\.actions\\.githubusercontent\\.com\\) over the exact file bytes$`,
    ));
  });
});
