import * as fs from 'fs';
import * as path from 'path';
import { CatalogDocument, CatalogImageRecord, readCatalogDocument } from './catalog-document';
import { checkOneRun, SnapshotVariant, VARIANTS, VerifiedSnapshot } from './snapshot';
import { CatalogTrustError, sha256, verifySignature } from './verify';

// The lock file (`cdk8s-cnpg catalogs lock DIR... --out catalogs.lock.json`): what an app committed to, per
// catalog file: its sha256, when and by whom it was signed (Rekor log index), and the images it lists. An
// app reads catalogs through it (ClusterImageCatalog.fromVerifiedFile), so moving to a newer snapshot is a
// data commit that changes the files and the lock together, and a review sees every image that changes.

/** The lock file format version. */
export const LOCK_VERSION = 1;

/** One locked catalog file. */
export interface LockedFile {
  readonly sha256: string;
  readonly signedAt: string;
  readonly identity: string;
  readonly logIndex: string;
  /** `metadata.name` of the catalog. */
  readonly catalog: string;
  /** The image of each major (the key is the major). */
  readonly images: { readonly [major: string]: string };
  /** The extension images of each major that defines extensions, by extension name. */
  readonly extensions?: { readonly [major: string]: { readonly [name: string]: string } };
}

/** One locked snapshot folder. */
export interface LockedSnapshot {
  /** The folder, relative to the lock file's folder (POSIX separators). */
  readonly dir: string;
  readonly variant: SnapshotVariant;
  /** The newest signing time of the snapshot. */
  readonly signedAt: string;
  readonly identity: string;
  readonly issuer: string;
  readonly kustomization: { readonly sha256: string; readonly signedAt: string; readonly logIndex: string };
  /** By file name. */
  readonly files: { readonly [file: string]: LockedFile };
}

/** The whole lock file. */
export interface CatalogLock {
  readonly lockVersion: number;
  readonly snapshots: readonly LockedSnapshot[];
}

/** `a/b` relative to `from`, with POSIX separators. */
export function relativePosix(from: string, to: string): string {
  return path.relative(from, to).split(path.sep).join('/') || '.';
}

/** The lock entry of a verified snapshot, its folder relative to `lockDir`. */
export function lockSnapshot(snapshot: VerifiedSnapshot, lockDir: string): LockedSnapshot {
  const files: { [file: string]: LockedFile } = {};
  for (const f of snapshot.files) {
    files[f.file] = {
      sha256: f.sha256,
      signedAt: f.signedAt,
      identity: f.identity,
      logIndex: f.logIndex,
      catalog: f.document.name,
      ...documentImages(f.document),
    };
  }
  const k = snapshot.kustomization;
  return {
    dir: relativePosix(lockDir, snapshot.dir),
    variant: snapshot.variant,
    signedAt: snapshot.signedAt,
    identity: k.identity,
    issuer: k.issuer,
    kustomization: { sha256: k.sha256, signedAt: k.signedAt, logIndex: k.logIndex },
    files,
  };
}

/** The lock file text: stable, one key order, a trailing newline. */
export function renderLock(snapshots: readonly LockedSnapshot[]): string {
  const lock: CatalogLock = { lockVersion: LOCK_VERSION, snapshots: [...snapshots].sort((a, b) => a.dir.localeCompare(b.dir)) };
  return `${JSON.stringify(lock, null, 2)}\n`;
}

const SHA256 = /^[0-9a-f]{64}$/;
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;

function fail(file: string, where: string, message: string): never {
  throw new CatalogTrustError(`${file}: ${where}: ${message}; write the lock with \`cdk8s-cnpg catalogs lock\`, never by hand`);
}

function checkString(file: string, where: string, value: unknown, pattern?: RegExp): string {
  if (typeof value !== 'string' || (pattern && !pattern.test(value))) fail(file, where, `${JSON.stringify(value)} is not ${pattern === SHA256 ? 'a sha256 (64 hex digits)' : pattern === ISO ? 'a UTC time like 2026-08-17T08:33:24Z' : 'a string'}`);
  return value;
}

function checkObject(file: string, where: string, value: unknown): any {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) fail(file, where, `expected an object, got ${JSON.stringify(value)}`);
  return value;
}

/**
 * Reads and checks a lock file: its shape, that each snapshot is signed by its variant's publisher, and
 * that the times it records are those of one run. Throws a CatalogTrustError naming what is wrong.
 */
export function readLock(file: string): CatalogLock {
  const name = path.basename(file);
  if (!fs.existsSync(file)) throw new CatalogTrustError(`${name}: lock file not found: ${file}`);
  let lock: any;
  try {
    lock = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new CatalogTrustError(`${name}: not JSON: ${(e as Error).message}`);
  }
  checkObject(name, 'the lock', lock);
  if (lock.lockVersion !== LOCK_VERSION) fail(name, 'lockVersion', `${JSON.stringify(lock.lockVersion)} is not ${LOCK_VERSION}`);
  if (!Array.isArray(lock.snapshots)) fail(name, 'snapshots', 'expected a list');
  lock.snapshots.forEach((s: any, i: number) => {
    const at = `snapshots[${i}]`;
    checkObject(name, at, s);
    checkString(name, `${at}.dir`, s.dir);
    const variant = VARIANTS[s.variant as SnapshotVariant];
    if (!variant) fail(name, `${at}.variant`, `${JSON.stringify(s.variant)} is not core or extensions`);
    if (s.identity !== variant.identity) fail(name, `${at}.identity`, `${JSON.stringify(s.identity)} is not the ${s.variant} catalogs' signer ${variant.identity}`);
    checkString(name, `${at}.signedAt`, s.signedAt, ISO);
    checkObject(name, `${at}.kustomization`, s.kustomization);
    checkString(name, `${at}.kustomization.sha256`, s.kustomization.sha256, SHA256);
    checkString(name, `${at}.kustomization.signedAt`, s.kustomization.signedAt, ISO);
    checkObject(name, `${at}.files`, s.files);
    for (const [f, entry] of Object.entries<any>(s.files)) {
      const fat = `${at}.files[${JSON.stringify(f)}]`;
      checkObject(name, fat, entry);
      checkString(name, `${fat}.sha256`, entry.sha256, SHA256);
      checkString(name, `${fat}.signedAt`, entry.signedAt, ISO);
      checkString(name, `${fat}.logIndex`, entry.logIndex);
      if (entry.identity !== variant.identity) fail(name, `${fat}.identity`, `${JSON.stringify(entry.identity)} is not the ${s.variant} catalogs' signer ${variant.identity}`);
      checkString(name, `${fat}.catalog`, entry.catalog);
      // the images the no-rollback check compares (checkNoDowngrade)
      for (const [major, image] of Object.entries(checkObject(name, `${fat}.images`, entry.images))) checkString(name, `${fat}.images[${JSON.stringify(major)}]`, image);
      if (entry.extensions !== undefined) {
        for (const [major, byName] of Object.entries(checkObject(name, `${fat}.extensions`, entry.extensions))) {
          const eat = `${fat}.extensions[${JSON.stringify(major)}]`;
          for (const [extension, image] of Object.entries(checkObject(name, eat, byName))) checkString(name, `${eat}[${JSON.stringify(extension)}]`, image);
        }
      }
    }
    checkOneRun(`${name} ${s.dir}`, [
      { file: 'kustomization.yaml', signedAt: s.kustomization.signedAt },
      ...Object.entries<any>(s.files).map(([f, entry]) => ({ file: f, signedAt: entry.signedAt })),
    ]);
  });
  return lock as CatalogLock;
}

/** The tag of an image reference (`18.6-202608170814-minimal-trixie`), or the reference when it has none. */
function tagOf(image: string): string {
  const name = image.split('@')[0];
  const colon = name.lastIndexOf(':');
  return colon > name.lastIndexOf('/') ? name.slice(colon + 1) : image;
}

/** The images of one catalog: each major's, and its extensions' by name. */
export interface CatalogImages {
  readonly images: { readonly [major: string]: string };
  readonly extensions?: { readonly [major: string]: { readonly [name: string]: string } };
}

/** The images a catalog document lists. */
export function documentImages(document: { readonly images: readonly CatalogImageRecord[] }): CatalogImages {
  const images = Object.fromEntries(document.images.map((i) => [String(i.major), i.image]));
  const withExtensions = document.images.filter((i) => (i.extensions ?? []).length > 0);
  if (withExtensions.length === 0) return { images };
  const byName = (i: CatalogImageRecord) => Object.fromEntries((i.extensions ?? []).map((e) => [e.name, e.reference]));
  return { images, extensions: Object.fromEntries(withExtensions.map((i) => [String(i.major), byName(i)])) };
}

/** What a snapshot holds, for comparing two of them: newest signing time and images per file. */
export interface SnapshotImages {
  readonly signedAt: string;
  readonly files: { readonly [file: string]: CatalogImages };
}

/** The images of a verified snapshot, by file. */
export function snapshotImages(snapshot: VerifiedSnapshot): SnapshotImages {
  return { signedAt: snapshot.signedAt, files: Object.fromEntries(snapshot.files.map((f) => [f.file, documentImages(f.document)])) };
}

/** How one major changes between two catalogs: its image and its extensions' images (empty when it does not). */
function majorChanges(before: CatalogImages, after: CatalogImages, major: string): string[] {
  const out: string[] = [];
  if (before.images[major] !== after.images[major]) out.push(`${tagOf(before.images[major])} -> ${tagOf(after.images[major])}`);
  const was = before.extensions?.[major] ?? {};
  const now = after.extensions?.[major] ?? {};
  for (const name of [...new Set([...Object.keys(was), ...Object.keys(now)])].sort()) {
    if (was[name] === now[name]) continue;
    out.push(now[name] === undefined ? `${name} removed` : was[name] === undefined ? `${name} added` : `${name} ${tagOf(was[name])} -> ${tagOf(now[name])}`);
  }
  return out;
}

/**
 * Refuses a snapshot signed before the one already committed or locked (a rollback), unless the caller
 * allows it. The message gives both dates and every major whose image would change back.
 * @param what what `previous` is, e.g. "the locked snapshot (catalogs.lock.json)"
 * @param override how to accept the rollback on purpose, e.g. "--allow-downgrade"
 */
export function checkNoDowngrade(dir: string, previous: SnapshotImages, next: SnapshotImages, what: string, override: string): void {
  if (Date.parse(next.signedAt) >= Date.parse(previous.signedAt)) return;
  const back: string[] = [];
  for (const [file, entry] of Object.entries(next.files)) {
    const before = previous.files[file];
    if (!before) continue;
    const majors = Object.keys(entry.images)
      .filter((m) => before.images[m] !== undefined)
      .sort((a, b) => Number(a) - Number(b))
      .map((m) => [m, majorChanges(before, entry, m)] as const)
      .filter(([, changes]) => changes.length > 0)
      .map(([m, changes]) => `${m} (${changes.join('; ')})`);
    if (majors.length > 0) back.push(`${file}: ${majors.join(', ')}`);
  }
  throw new CatalogTrustError(
    `refusing to go back: ${dir} was signed at ${next.signedAt}, before ${what}, signed at ${previous.signedAt}. `
    + 'A valid signature is not freshness: an older signed snapshot rolls images back. '
    + `Majors that would go back: ${back.length > 0 ? back.join('; ') : 'none (same images, older signatures)'}. `
    + `Use the newest snapshot, or pass ${override} to roll back on purpose`,
  );
}

/** A catalog file read through a lock: its verified content and what the lock says of it. */
export interface LockedCatalog {
  readonly document: CatalogDocument;
  readonly entry: LockedFile;
  readonly snapshot: LockedSnapshot;
  /** The file, relative to the lock file's folder. */
  readonly path: string;
}

/**
 * Reads a catalog file through a lock: the bytes must have the sha256 the lock records, and the signature
 * beside them must verify for the lock's signer with the lock's signing time and log index. Signatures are
 * verified once per process for the same bytes. Throws a CatalogTrustError naming what differs.
 */
export function readLockedCatalog(file: string, lockFile: string): LockedCatalog {
  const lock = readLock(lockFile);
  const lockName = path.basename(lockFile);
  const rel = relativePosix(path.dirname(path.resolve(lockFile)), path.resolve(file));
  const dir = path.posix.dirname(rel);
  const base = path.posix.basename(rel);
  const snapshot = lock.snapshots.find((s) => s.dir === dir);
  const entry = snapshot && Object.prototype.hasOwnProperty.call(snapshot.files, base) ? snapshot.files[base] : undefined;
  if (!snapshot || !entry) {
    const known = lock.snapshots.flatMap((s) => Object.keys(s.files).map((f) => `${s.dir}/${f}`));
    throw new CatalogTrustError(`${rel}: not in ${lockName} (it locks ${known.join(', ') || 'nothing'}); lock its folder with \`cdk8s-cnpg catalogs lock\``);
  }
  if (!fs.existsSync(file)) throw new CatalogTrustError(`${rel}: file not found (${lockName} locks it)`);
  const bytes = fs.readFileSync(file);
  const digest = sha256(bytes);
  if (digest !== entry.sha256) {
    throw new CatalogTrustError(
      `${rel}: lock mismatch: the file's sha256 is ${digest}, ${lockName} records ${entry.sha256}; the file changed since it was locked. `
      + 'Restore it, or verify and lock the new snapshot (`cdk8s-cnpg catalogs verify`, then `catalogs lock`) and review the plan',
    );
  }
  const bundleFile = `${file}.sigstore.json`;
  if (!fs.existsSync(bundleFile)) {
    throw new CatalogTrustError(`${rel}: unsigned (no sigstore bundle ${path.basename(bundleFile)}); a locked catalog is read only with its signature beside it`);
  }
  const facts = verifySignature(rel, bytes, fs.readFileSync(bundleFile, 'utf8'), path.basename(bundleFile), snapshot.identity);
  if (facts.signedAt !== entry.signedAt || facts.logIndex !== entry.logIndex) {
    throw new CatalogTrustError(
      `${rel}: lock mismatch: the signature was made at ${facts.signedAt} (Rekor log index ${facts.logIndex}), ${lockName} records ${entry.signedAt} (log index ${entry.logIndex})`,
    );
  }
  return { document: readCatalogDocument(base, bytes), entry, snapshot, path: rel };
}
