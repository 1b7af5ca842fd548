import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Chart, Size, Testing } from 'cdk8s';
import { ClusterAction, ClusterImage, ClusterImageCatalog, PostgresFleet, RolloutPlan } from '../src';
import { run } from './cli-run';
import { describeWithShared, SHARED } from './shared-data';

// `cdk8s-cnpg catalogs verify|lock` and ClusterImageCatalog.fromVerifiedFile on the real signed snapshots
// of the artifacts repository. These tests need ../shared/catalogs (the signed snapshots); without it they
// are skipped and say so.
const SNAPSHOTS = ['2026-08-17', '2026-07-17', '2025-09-23', 'extensions-2026-08-22', 'extensions-2026-07-17'].map((d) => `catalogs/artifacts-${d}`);

const CORE = path.join(SHARED, 'catalogs', 'artifacts-2026-08-17');
const OLDER_CORE = path.join(SHARED, 'catalogs', 'artifacts-2026-07-17');
const EXTENSIONS = path.join(SHARED, 'catalogs', 'artifacts-extensions-2026-08-22');
const OLDER_EXTENSIONS = path.join(SHARED, 'catalogs', 'artifacts-extensions-2026-07-17');

function tmp(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Copies a snapshot folder to `to` (created), as an app vendors artifacts' image-catalogs/. */
function copyFolder(from: string, to = tmp('catalogs-')): string {
  fs.mkdirSync(to, { recursive: true });
  for (const f of fs.readdirSync(from)) fs.copyFileSync(path.join(from, f), path.join(to, f));
  return to;
}

/** Replaces a folder's content with another snapshot's (a data commit). */
function replaceFolder(dir: string, from: string): void {
  for (const f of fs.readdirSync(dir)) fs.rmSync(path.join(dir, f));
  copyFolder(from, dir);
}


/** Every file under a folder with its bytes, to show a refusal wrote nothing. */
function contents(dir: string): { [file: string]: string } {
  return Object.fromEntries(fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort()
    .filter((f) => fs.statSync(path.join(dir, f)).isFile())
    .map((f) => [f, fs.readFileSync(path.join(dir, f), 'base64')]));
}

/** An app folder: the vendored core catalogs in image-catalogs/ and their lock beside it. */
function appFolder(snapshot: string): { root: string; catalogs: string; lock: string } {
  const root = tmp('app-');
  const catalogs = copyFolder(snapshot, path.join(root, 'image-catalogs'));
  const lock = path.join(root, 'catalogs.lock.json');
  expect(run(['catalogs', 'lock', catalogs, '--out', lock]).status).toBe(0);
  return { root, catalogs, lock };
}

/** Edits the lock's entry of the first snapshot's catalog-minimal-trixie.yaml, as a hand edit would. */
function editLock(file: string, edit: (entry: any) => void): void {
  const lock = JSON.parse(fs.readFileSync(file, 'utf8'));
  edit(lock.snapshots[0].files['catalog-minimal-trixie.yaml']);
  fs.writeFileSync(file, JSON.stringify(lock));
}

function flipByte(file: string, marker: string): void {
  const bytes = fs.readFileSync(file);
  const at = bytes.indexOf(marker);
  expect(at).toBeGreaterThan(0);
  bytes[at] = bytes[at] === 'f'.charCodeAt(0) ? 'e'.charCodeAt(0) : 'f'.charCodeAt(0);
  fs.writeFileSync(file, bytes);
}

describe('cdk8s-cnpg catalogs: usage', () => {
  test.each([
    [['catalogs'], 'cdk8s-cnpg catalogs: verify or lock is required'],
    [['catalogs', 'check', 'x'], 'cdk8s-cnpg catalogs: unknown subcommand "check"; expected verify or lock'],
    [['catalogs', 'verify'], 'cdk8s-cnpg catalogs: verify needs at least one folder'],
    [['catalogs', 'lock', 'x'], 'cdk8s-cnpg catalogs: lock needs --out FILE'],
    [['catalogs', 'lock', 'x', '--out'], 'cdk8s-cnpg catalogs: --out needs a file'],
    [['catalogs', 'lock', 'x', '--out', 'a', '--out', 'b'], 'cdk8s-cnpg catalogs: --out is given twice ("a" and "b"); give it once'],
    [['catalogs', 'verify', 'x', '--out', 'a'], 'cdk8s-cnpg catalogs: unknown option "--out" for verify'],
  ])('%j is a usage error (exit 2)', (args, message) => {
    const result = run(args);
    expect(result.status).toBe(2);
    expect(result.err.split('\n')[0]).toBe(message);
    expect(result.err).toContain('usage: cdk8s-cnpg catalogs verify DIR...');
  });

  test('--help prints the usage', () => {
    const result = run(['catalogs', '--help']);
    expect(result.status).toBe(0);
    expect(result.out).toMatch(/^usage: cdk8s-cnpg catalogs verify DIR\.\.\.\n {7}cdk8s-cnpg catalogs lock DIR\.\.\. --out FILE \[--allow-downgrade\]/);
  });

  test('a missing folder is refused (exit 1)', () => {
    const result = run(['catalogs', 'verify', '/nonexistent/catalogs']);
    expect(result.status).toBe(1);
    expect(result.err).toBe('cdk8s-cnpg catalogs verify: refused: catalog folder not found: /nonexistent/catalogs\nthe catalogs did not verify; do not use them');
  });
});

describeWithShared('cdk8s-cnpg catalogs verify', SNAPSHOTS, () => {
  test('prints what it verified in the 2026-08-17 core and 2026-08-22 extension-enabled snapshots', () => {
    const result = run(['catalogs', 'verify', CORE, EXTENSIONS], { '<CORE>': CORE, '<EXTENSIONS>': EXTENSIONS });
    expect(result.status).toBe(0);
    expect(result.err).toBe('');
    expect(result.out).toMatchSnapshot();
    expect(result.out).toMatch(/^minimal-trixie +13,14,15,16,17,18 +2026-08-17T08:33:17Z +https:\/\/github\.com\/cloudnative-pg\/postgres-containers\/\.github\/workflows\/catalogs\.yml@refs\/heads\/main +2496942294$/m);
    expect(result.out).toMatch(/^minimal-trixie +13,14,15,16,17,18; 18: 8 extensions +2026-08-22T10:35:18Z +https:\/\/github\.com\/cloudnative-pg\/postgres-extensions-containers\/\.github\/workflows\/update-catalogs\.yml@refs\/heads\/main +2563272958$/m);
  });

  test('prints the 2026-07-17 snapshot', () => {
    const result = run(['catalogs', 'verify', OLDER_CORE], { '<OLDER_CORE>': OLDER_CORE });
    expect(result.status).toBe(0);
    expect(result.out).toMatchSnapshot();
  });

  function refused(dir: string, message: string | RegExp): void {
    const before = contents(dir);
    const result = run(['catalogs', 'verify', dir]);
    expect(result.status).toBe(1);
    expect(result.out).toBe('');
    const [first, second] = result.err.split('\n');
    expect(first).toMatch(typeof message === 'string' ? new RegExp(`^cdk8s-cnpg catalogs verify: refused: ${escape(message)}$`) : message);
    expect(second).toBe('the catalogs did not verify; do not use them');
    expect(contents(dir)).toEqual(before);
  }

  test('refuses a tampered byte', () => {
    const dir = copyFolder(CORE);
    flipByte(path.join(dir, 'catalog-minimal-trixie.yaml'), 'eb7979e4');
    refused(dir, /^cdk8s-cnpg catalogs verify: refused: catalog-minimal-trixie\.yaml: signature verification failed \(SIGNATURE_ERROR\): .*; expected a signature by https:\/\/github\.com\/cloudnative-pg\/postgres-containers\/\.github\/workflows\/catalogs\.yml@refs\/heads\/main \(issuer https:\/\/token\.actions\.githubusercontent\.com\) over the exact file bytes$/);
  });

  test('refuses a file signed by another identity (the extensions workflow in a core folder)', () => {
    const dir = copyFolder(CORE);
    for (const suffix of ['', '.sigstore.json']) fs.copyFileSync(path.join(EXTENSIONS, `catalog-minimal-trixie.yaml${suffix}`), path.join(dir, `catalog-minimal-trixie.yaml${suffix}`));
    refused(dir, /^cdk8s-cnpg catalogs verify: refused: catalog-minimal-trixie\.yaml: signature verification failed \(UNTRUSTED_SIGNER_ERROR\): certificate identity error - expected https:\/\/github\.com\/cloudnative-pg\/postgres-containers\/\.github\/workflows\/catalogs\.yml@refs\/heads\/main, got https:\/\/github\.com\/cloudnative-pg\/postgres-extensions-containers\/\.github\/workflows\/update-catalogs\.yml@refs\/heads\/main/);
  });

  test('refuses a missing bundle', () => {
    const dir = copyFolder(EXTENSIONS);
    fs.rmSync(path.join(dir, 'catalog-minimal-bookworm.yaml.sigstore.json'));
    refused(dir, 'catalog-minimal-bookworm.yaml: unsigned (no sigstore bundle catalog-minimal-bookworm.yaml.sigstore.json); refusing a catalog whose origin cannot be verified');
  });

  test('refuses an unsigned snapshot (2025-09-23, before signing began)', () => {
    refused(
      path.join(SHARED, 'catalogs', 'artifacts-2025-09-23'),
      'kustomization.yaml: unsigned (no sigstore bundle kustomization.yaml.sigstore.json); refusing a catalog whose origin cannot be verified',
    );
  });

  test('refuses a mixed snapshot: the 2026-07-17 minimal-trixie catalog and its bundle copied into the 2026-08-17 folder', () => {
    const dir = copyFolder(CORE);
    for (const suffix of ['', '.sigstore.json']) fs.copyFileSync(path.join(OLDER_CORE, `catalog-minimal-trixie.yaml${suffix}`), path.join(dir, `catalog-minimal-trixie.yaml${suffix}`));
    refused(dir, `mixed snapshot in ${dir}: catalog-minimal-trixie.yaml was signed at 2026-07-17T10:52:49Z, but kustomization.yaml at 2026-08-17T08:33:24Z; the files of one refresh are signed by one run, within 300 s of each other. Take every file, and the kustomization, from the same snapshot`);
  });

  test('refuses a folder without its kustomization', () => {
    const dir = copyFolder(CORE);
    fs.rmSync(path.join(dir, 'kustomization.yaml'));
    refused(dir, `kustomization.yaml: file not found in ${dir}; a snapshot folder holds the kustomization that lists its catalogs`);
  });
});

describeWithShared('cdk8s-cnpg catalogs lock', SNAPSHOTS, () => {
  test('writes the lock: per file its sha256, signing time, identity, log index and images', () => {
    const root = tmp('lock-');
    const core = copyFolder(CORE, path.join(root, 'image-catalogs'));
    const extensions = copyFolder(EXTENSIONS, path.join(root, 'image-catalogs-extensions'));
    const lock = path.join(root, 'catalogs.lock.json');
    const result = run(['catalogs', 'lock', core, extensions, '--out', lock], { '<ROOT>': root });
    expect(result.status).toBe(0);
    expect(result.out.split('\n').slice(-3)).toEqual([
      'locked image-catalogs (9 catalogs, signed 2026-08-17T08:33:24Z): new',
      'locked image-catalogs-extensions (2 catalogs, signed 2026-08-22T10:35:21Z): new',
      'wrote <ROOT>/catalogs.lock.json; commit it with the catalog files, and run `cdk8s-cnpg plan` on the synthesised manifests to see what rolls',
    ]);
    const text = fs.readFileSync(lock, 'utf8');
    expect(text).toMatchSnapshot();
    const written = JSON.parse(text);
    expect(written.snapshots.map((s: any) => [s.dir, s.variant, s.signedAt])).toEqual([
      ['image-catalogs', 'core', '2026-08-17T08:33:24Z'],
      ['image-catalogs-extensions', 'extensions', '2026-08-22T10:35:21Z'],
    ]);
    expect(written.snapshots[0].files['catalog-minimal-trixie.yaml']).toEqual({
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      signedAt: '2026-08-17T08:33:17Z',
      identity: 'https://github.com/cloudnative-pg/postgres-containers/.github/workflows/catalogs.yml@refs/heads/main',
      logIndex: '2496942294',
      catalog: 'postgresql-minimal-trixie',
      images: expect.objectContaining({ 18: 'ghcr.io/cloudnative-pg/postgresql:18.6-202608170814-minimal-trixie@sha256:eb7979e4bd7fccaec0369b550b9649eec1f014de04621fac6e653244e75cca46' }),
    });
  });

  test('locking a newer snapshot over an older lock says what moved', () => {
    const app = appFolder(OLDER_CORE);
    replaceFolder(app.catalogs, CORE);
    const result = run(['catalogs', 'lock', app.catalogs, '--out', app.lock]);
    expect(result.status).toBe(0);
    expect(result.out).toContain('locked image-catalogs (9 catalogs, signed 2026-08-17T08:33:24Z): 2026-07-17T10:52:57Z -> 2026-08-17T08:33:24Z');
  });

  test('refuses to lock an older snapshot over a newer lock; the lock and the data stay untouched', () => {
    const app = appFolder(CORE);
    replaceFolder(app.catalogs, OLDER_CORE);
    const before = contents(app.root);
    const result = run(['catalogs', 'lock', app.catalogs, '--out', app.lock], { '<CATALOGS>': app.catalogs, '<LOCK>': app.lock });
    expect(result.status).toBe(1);
    const [first, second] = result.err.split('\n');
    expect(first).toContain(
      'cdk8s-cnpg catalogs lock: refused: refusing to go back: <CATALOGS> was signed at 2026-07-17T10:52:57Z, before the snapshot catalogs.lock.json locks (image-catalogs), signed at 2026-08-17T08:33:24Z.',
    );
    expect(first).toContain('catalog-minimal-trixie.yaml: 14 (14.24-202608170814-minimal-trixie -> 14.23-202607170949-minimal-trixie)');
    expect(first).toMatch(/18 \(18\.6-202608170814-system-trixie -> 18\.4-202607170948-system-trixie\)\. Use the newest snapshot, or pass --allow-downgrade to roll back on purpose$/);
    expect(second).toBe('nothing was written; <LOCK> is unchanged');
    expect(contents(app.root)).toEqual(before);
  });

  test('an older extension-enabled snapshot is refused too, its removed extension named', () => {
    const root = tmp('lock-');
    const dir = copyFolder(EXTENSIONS, path.join(root, 'image-catalogs-extensions'));
    const lock = path.join(root, 'catalogs.lock.json');
    expect(run(['catalogs', 'lock', dir, '--out', lock]).status).toBe(0);
    replaceFolder(dir, OLDER_EXTENSIONS);
    const result = run(['catalogs', 'lock', dir, '--out', lock]);
    expect(result.status).toBe(1);
    expect(result.err).toContain('before the snapshot catalogs.lock.json locks (image-catalogs-extensions), signed at 2026-08-22T10:35:21Z');
    expect(result.err).toContain('; pgrouting removed; ');
  });

  test('--allow-downgrade locks the older snapshot on purpose', () => {
    const app = appFolder(CORE);
    replaceFolder(app.catalogs, OLDER_CORE);
    const result = run(['catalogs', 'lock', app.catalogs, '--out', app.lock, '--allow-downgrade']);
    expect(result.status).toBe(0);
    expect(result.out).toContain('locked image-catalogs (9 catalogs, signed 2026-07-17T10:52:57Z): 2026-08-17T08:33:24Z -> 2026-07-17T10:52:57Z');
    expect(JSON.parse(fs.readFileSync(app.lock, 'utf8')).snapshots[0].signedAt).toBe('2026-07-17T10:52:57Z');
  });

  test('refuses to lock a mixed snapshot, leaving the lock untouched', () => {
    const app = appFolder(CORE);
    for (const suffix of ['', '.sigstore.json']) fs.copyFileSync(path.join(OLDER_CORE, `catalog-minimal-trixie.yaml${suffix}`), path.join(app.catalogs, `catalog-minimal-trixie.yaml${suffix}`));
    const before = contents(app.root);
    const result = run(['catalogs', 'lock', app.catalogs, '--out', app.lock]);
    expect(result.status).toBe(1);
    expect(result.err).toContain('refused: mixed snapshot in ');
    expect(contents(app.root)).toEqual(before);
  });

  test('refuses a hand-edited previous lock', () => {
    const app = appFolder(CORE);
    editLock(app.lock, (entry) => entry.identity = 'https://github.com/someone/else/.github/workflows/x.yml@refs/heads/main');
    const result = run(['catalogs', 'lock', app.catalogs, '--out', app.lock]);
    expect(result.status).toBe(1);
    expect(result.err.split('\n')[0]).toBe(
      'cdk8s-cnpg catalogs lock: refused: catalogs.lock.json: snapshots[0].files["catalog-minimal-trixie.yaml"].identity: "https://github.com/someone/else/.github/workflows/x.yml@refs/heads/main" is not the core catalogs\' signer https://github.com/cloudnative-pg/postgres-containers/.github/workflows/catalogs.yml@refs/heads/main; write the lock with `cdk8s-cnpg catalogs lock`, never by hand',
    );
  });
});

describeWithShared('ClusterImageCatalog.fromVerifiedFile', SNAPSHOTS, () => {
  /** The app of a platform team: the catalog read through the lock, and two Clusters on it. */
  function synthApp(app: { catalogs: string; lock: string }, outdir: string): void {
    const cdk8sApp = new App({ outdir });
    const chart = new Chart(cdk8sApp, 'platform');
    const fleet = new PostgresFleet(chart, 'fleet');
    const catalog = ClusterImageCatalog.fromVerifiedFile(fleet, 'minimal-trixie', {
      file: path.join(app.catalogs, 'catalog-minimal-trixie.yaml'),
      lock: app.lock,
    });
    fleet.addCatalog(catalog);
    for (const [name, major] of [['orders', 18], ['billing', 17]] as const) {
      fleet.addCluster(name, {
        metadata: { name, namespace: name },
        instances: 3,
        image: ClusterImage.fromCatalog(catalog, major),
        storage: { size: Size.gibibytes(10) },
      });
    }
    cdk8sApp.synth();
  }

  test('moves an app from the 2026-07-17 snapshot to 2026-08-17 with a data commit, and plan shows what rolls', () => {
    const app = appFolder(OLDER_CORE);
    const before = tmp('synth-before-');
    synthApp(app, before);
    // the data commit: the newer snapshot and its lock, no code change
    replaceFolder(app.catalogs, CORE);
    expect(run(['catalogs', 'lock', app.catalogs, '--out', app.lock]).status).toBe(0);
    const after = tmp('synth-after-');
    synthApp(app, after);

    const plan = RolloutPlan.fromDirectories(before, after);
    expect(plan.hasRefusedChanges).toBe(false);
    // every major but the frozen 13 moves one minor up; nothing else changes
    expect(plan.catalogChanges.map((c) => [c.catalog, c.major, c.change])).toEqual([14, 15, 16, 17, 18].map((m) => ['ClusterImageCatalog/postgresql-minimal-trixie', m, 'updated']));
    expect(plan.clusters.map((c) => [c.cluster, c.action])).toEqual([
      ['billing/billing', ClusterAction.ROLLING_UPDATE],
      ['orders/orders', ClusterAction.ROLLING_UPDATE],
    ]);
    const text = run(['plan', '--before', before, '--after', after]).out;
    expect(text).toContain('18.4-202607170948-minimal-trixie@sha256:4c993b05333e → 18.6-202608170814-minimal-trixie@sha256:eb7979e4bd7f');
    expect(text).toContain('ROLL    billing/billing (3 pods): image for major 17 changed in ClusterImageCatalog/postgresql-minimal-trixie: 17.10-202607171029-minimal-trixie@sha256:69cbf8c1d3af → 17.11-202608170816-minimal-trixie@sha256:445ead3fd811');
  });

  test('writes the catalog exactly as signed (equal to the official one of the same snapshot)', () => {
    const app = appFolder(CORE);
    const chart = new Chart(Testing.app(), 'platform');
    ClusterImageCatalog.fromVerifiedFile(chart, 'c', { file: path.join(app.catalogs, 'catalog-system-bookworm.yaml'), lock: app.lock });
    const official = new Chart(Testing.app(), 'platform');
    ClusterImageCatalog.official(official, 'c', { type: 'system' as any, os: 'bookworm' as any });
    expect(Testing.synth(chart)).toEqual(Testing.synth(official));
  });

  test('reads an extension-enabled catalog through the lock of its folder (signed by the extensions workflow)', () => {
    const root = tmp('app-');
    const dir = copyFolder(EXTENSIONS, path.join(root, 'image-catalogs-extensions'));
    const lock = path.join(root, 'catalogs.lock.json');
    expect(run(['catalogs', 'lock', dir, '--out', lock]).status).toBe(0);
    const chart = new Chart(Testing.app(), 'platform');
    const catalog = ClusterImageCatalog.fromVerifiedFile(chart, 'c', { file: path.join(dir, 'catalog-minimal-trixie.yaml'), lock });
    expect(catalog.extensionsForMajor(18)!.map((e) => e.name)).toEqual(['pg-crash', 'pg-ivm', 'pgaudit', 'pgrouting', 'pgvector', 'postgis', 'timescaledb-oss', 'wal2json']);
    const official = new Chart(Testing.app(), 'platform');
    ClusterImageCatalog.official(official, 'c', { type: 'minimal' as any, os: 'trixie' as any, withExtensions: true });
    expect(Testing.synth(chart)).toEqual(Testing.synth(official));
  });

  function refusedAtConstruction(app: { catalogs: string; lock: string }, file: string, message: string | RegExp): void {
    const chart = new Chart(Testing.app(), 'platform');
    expect(() => ClusterImageCatalog.fromVerifiedFile(chart, 'catalog', { file: path.join(app.catalogs, file), lock: app.lock })).toThrow(message);
  }

  test('refuses a file whose bytes differ from the lock (lock mismatch)', () => {
    const app = appFolder(CORE);
    flipByte(path.join(app.catalogs, 'catalog-minimal-trixie.yaml'), 'eb7979e4');
    refusedAtConstruction(app, 'catalog-minimal-trixie.yaml', new RegExp(
      '^\\[platform/catalog\\] image-catalogs/catalog-minimal-trixie\\.yaml: lock mismatch: the file\'s sha256 is [0-9a-f]{64}, catalogs\\.lock\\.json records [0-9a-f]{64}; '
      + 'the file changed since it was locked\\. Restore it, or verify and lock the new snapshot',
    ));
  });

  test('refuses a lock whose sha256 was edited to match a tampered file (the signature still decides)', () => {
    const app = appFolder(CORE);
    const file = path.join(app.catalogs, 'catalog-minimal-trixie.yaml');
    flipByte(file, 'eb7979e4');
    editLock(app.lock, (entry) => entry.sha256 = createHash('sha256').update(fs.readFileSync(file)).digest('hex'));
    refusedAtConstruction(app, 'catalog-minimal-trixie.yaml', /^\[platform\/catalog\] image-catalogs\/catalog-minimal-trixie\.yaml: signature verification failed \(SIGNATURE_ERROR\)/);
  });

  test('refuses a lock that records another signature (an older signed file and its lock entry swapped in)', () => {
    const app = appFolder(CORE);
    editLock(app.lock, (entry) => entry.logIndex = '1');
    refusedAtConstruction(app, 'catalog-minimal-trixie.yaml',
      '[platform/catalog] image-catalogs/catalog-minimal-trixie.yaml: lock mismatch: the signature was made at 2026-08-17T08:33:17Z (Rekor log index 2496942294), catalogs.lock.json records 2026-08-17T08:33:17Z (log index 1)');
  });

  test('refuses a file without its bundle', () => {
    const app = appFolder(CORE);
    fs.rmSync(path.join(app.catalogs, 'catalog-minimal-trixie.yaml.sigstore.json'));
    refusedAtConstruction(app, 'catalog-minimal-trixie.yaml',
      '[platform/catalog] image-catalogs/catalog-minimal-trixie.yaml: unsigned (no sigstore bundle catalog-minimal-trixie.yaml.sigstore.json); a locked catalog is read only with its signature beside it');
  });

  test('refuses a file the lock does not record', () => {
    const app = appFolder(CORE);
    const chart = new Chart(Testing.app(), 'platform');
    expect(() => ClusterImageCatalog.fromVerifiedFile(chart, 'catalog', { file: path.join(EXTENSIONS, 'catalog-minimal-trixie.yaml'), lock: app.lock }))
      .toThrow(/^\[platform\/catalog\] .*artifacts-extensions-2026-08-22\/catalog-minimal-trixie\.yaml: not in catalogs\.lock\.json \(it locks image-catalogs\/catalog-minimal-bookworm\.yaml, /);
  });

  test('refuses a lock edited to mix snapshots', () => {
    const app = appFolder(CORE);
    editLock(app.lock, (entry) => entry.signedAt = '2026-07-17T10:52:49Z');
    refusedAtConstruction(app, 'catalog-minimal-bookworm.yaml',
      '[platform/catalog] mixed snapshot in catalogs.lock.json image-catalogs: catalog-minimal-trixie.yaml was signed at 2026-07-17T10:52:49Z, but kustomization.yaml at 2026-08-17T08:33:24Z;');
  });

  test.each([
    [{ file: '', lock: 'x' }, '[platform/catalog] file: "" is not a path; expected the catalog file'],
    [{ file: 'x', lock: 42 }, '[platform/catalog] lock: 42 is not a path; expected the lock file written by `cdk8s-cnpg catalogs lock`'],
  ])('refuses bad options from plain JavaScript: %j', (options, message) => {
    const chart = new Chart(Testing.app(), 'platform');
    expect(() => ClusterImageCatalog.fromVerifiedFile(chart, 'catalog', options as any)).toThrow(message);
  });

  test('refuses a missing lock file', () => {
    const chart = new Chart(Testing.app(), 'platform');
    expect(() => ClusterImageCatalog.fromVerifiedFile(chart, 'catalog', { file: path.join(CORE, 'catalog-minimal-trixie.yaml'), lock: '/nonexistent/catalogs.lock.json' }))
      .toThrow('[platform/catalog] catalogs.lock.json: lock file not found: /nonexistent/catalogs.lock.json');
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
