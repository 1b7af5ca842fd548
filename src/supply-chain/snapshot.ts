import * as fs from 'fs';
import * as path from 'path';
import { CATALOG_FILE_PATTERN, CatalogDocument, DEBIAN_RELEASES, IMAGE_TYPES, readCatalogDocument, stringList } from './catalog-document';
import { CORE_CATALOGS_IDENTITY, EXTENSION_CATALOGS_IDENTITY } from './identities';
import { CatalogTrustError, isoSeconds, SignatureFacts, verifySignedFile } from './verify';

// One refresh of the official catalogs is one snapshot: the files one run of the publisher's workflow
// signed. A folder is accepted only when
// - its kustomization.yaml is signed by the publisher and lists exactly the catalog files present;
// - every catalog file is signed by the publisher, over its exact bytes;
// - every signature was made within SNAPSHOT_WINDOW_SECONDS of the others (one run).
// A validly signed file from another run (an older catalog copied next to newer ones) is refused: a valid
// signature says who, not when, and an older signed file is a rollback.

/**
 * How far apart the signatures of one snapshot may be. One run of the workflow signs its files one after
 * the other: the signed snapshots measured span 9 s (2026-08-17, 10 files), 11 s (2026-07-17, 10 files),
 * 5 s (extensions 2026-08-22, 3 files) and 3 s (extensions 2026-07-17, 3 files), about 1 s per file. Five
 * minutes is more than 25 times the longest run measured, and far less than the time between two runs
 * (weekly, plus a few ad-hoc runs on PostgreSQL release days; at most two a day in the artifacts history),
 * so two runs can never pass as one.
 */
export const SNAPSHOT_WINDOW_SECONDS = 300;

/** The two layouts of the artifacts repository. */
export type SnapshotVariant = 'core' | 'extensions';

/** What each variant is: its folder in the artifacts repository and who signs it. */
export const VARIANTS: { readonly [variant in SnapshotVariant]: { readonly repositoryFolder: string; readonly identity: string } } = {
  core: { repositoryFolder: 'image-catalogs', identity: CORE_CATALOGS_IDENTITY },
  extensions: { repositoryFolder: 'image-catalogs-extensions', identity: EXTENSION_CATALOGS_IDENTITY },
};

/** One verified catalog file of a snapshot. */
export interface VerifiedCatalogFile extends SignatureFacts {
  /** File name, `catalog-<type>-<os>.yaml`. */
  readonly file: string;
  /** The exact verified bytes. */
  readonly bytes: Uint8Array;
  /** The catalog, read from those bytes. */
  readonly document: CatalogDocument;
}

/** A folder whose every file verified and whose signatures come from one run. */
export interface VerifiedSnapshot {
  /** The folder. */
  readonly dir: string;
  readonly variant: SnapshotVariant;
  /** The verified kustomization.yaml. */
  readonly kustomization: SignatureFacts & { readonly file: string };
  /** The catalog files, sorted by name. */
  readonly files: readonly VerifiedCatalogFile[];
  /** The newest signing time of the snapshot (ISO 8601 UTC). */
  readonly signedAt: string;
  /** Seconds between the first and the last signature. */
  readonly spanSeconds: number;
}

function parseYaml(name: string, bytes: Uint8Array): any {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const YAML = require('yaml') as typeof import('yaml');
  try {
    return YAML.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'));
  } catch (e) {
    throw new CatalogTrustError(`${name}: not YAML: ${(e as Error).message.split('\n')[0]}`);
  }
}

/**
 * The variant a kustomization declares: core lists the catalogs as resources, the extension-enabled layout
 * patches them over `../image-catalogs`. Read from the unverified bytes only to choose the identity the
 * kustomization is then verified against (a file claiming the wrong layout fails that verification).
 */
function detectVariant(dir: string): SnapshotVariant {
  const file = path.join(dir, 'kustomization.yaml');
  if (!fs.existsSync(file)) throw new CatalogTrustError(`kustomization.yaml: file not found in ${dir}; a snapshot folder holds the kustomization that lists its catalogs`);
  const doc = parseYaml('kustomization.yaml', fs.readFileSync(file));
  return Array.isArray(doc?.patches) ? 'extensions' : 'core';
}

/** The catalog files a verified kustomization lists. */
function listedFiles(dir: string, variant: SnapshotVariant, doc: any): string[] {
  if (variant === 'core') {
    const listed = stringList('kustomization.yaml resources', doc?.resources);
    const expected = IMAGE_TYPES.flatMap((t) => DEBIAN_RELEASES.map((os) => `catalog-${t}-${os}.yaml`));
    if ([...listed].sort().join('\n') !== [...expected].sort().join('\n')) {
      throw new CatalogTrustError(`kustomization.yaml in ${dir} lists ${listed.join(', ')}; expected the 9 official flavours ${expected.join(', ')}`);
    }
    return listed;
  }
  const listed = (doc.patches as any[]).map((p) => String(p?.path));
  for (const file of listed) {
    if (!CATALOG_FILE_PATTERN.test(file)) throw new CatalogTrustError(`kustomization.yaml in ${dir}: unexpected patch ${file}`);
  }
  if (listed.length === 0) throw new CatalogTrustError(`kustomization.yaml in ${dir}: no extension-enabled catalogs`);
  return listed;
}

/**
 * Verifies a folder laid out like the artifacts repository's `image-catalogs/` or
 * `image-catalogs-extensions/`. Throws a CatalogTrustError naming the first file that fails.
 */
export function verifySnapshot(dir: string): VerifiedSnapshot {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new CatalogTrustError(`catalog folder not found: ${dir}`);
  const variant = detectVariant(dir);
  const identity = VARIANTS[variant].identity;
  const kustomization = verifySignedFile(path.join(dir, 'kustomization.yaml'), identity);
  const listed = listedFiles(dir, variant, parseYaml('kustomization.yaml', kustomization.bytes));
  const present = fs.readdirSync(dir).filter((f) => CATALOG_FILE_PATTERN.test(f));
  const unlisted = present.filter((f) => !listed.includes(f));
  if (unlisted.length > 0) {
    throw new CatalogTrustError(`${unlisted.join(', ')}: in ${dir} but not listed by its signed kustomization.yaml (${listed.join(', ')}); a snapshot holds exactly the files its kustomization lists`);
  }
  const files = [...listed].sort().map((file): VerifiedCatalogFile => {
    const verified = verifySignedFile(path.join(dir, file), identity);
    return { file, ...verified, document: readCatalogDocument(file, verified.bytes) };
  });
  const { bytes: _, ...kustomizationFacts } = kustomization;
  const signatures = [{ file: 'kustomization.yaml', ...kustomizationFacts }, ...files];
  checkOneRun(dir, signatures);
  const times = signatures.map((s) => Date.parse(s.signedAt));
  return {
    dir,
    variant,
    kustomization: { file: 'kustomization.yaml', ...kustomizationFacts },
    files,
    signedAt: isoSeconds(new Date(Math.max(...times))),
    spanSeconds: (Math.max(...times) - Math.min(...times)) / 1000,
  };
}

/**
 * Refuses signatures of one snapshot made more than SNAPSHOT_WINDOW_SECONDS apart, naming the files signed
 * apart from the kustomization's run.
 */
export function checkOneRun(where: string, signatures: ReadonlyArray<{ readonly file: string; readonly signedAt: string }>): void {
  const times = signatures.map((s) => Date.parse(s.signedAt));
  const span = (Math.max(...times) - Math.min(...times)) / 1000;
  if (span <= SNAPSHOT_WINDOW_SECONDS) return;
  // The run is the kustomization's when there is one; otherwise the newest signature's.
  const anchor = signatures.find((s) => s.file === 'kustomization.yaml') ?? signatures[times.indexOf(Math.max(...times))];
  const apart = signatures.filter((s) => Math.abs(Date.parse(s.signedAt) - Date.parse(anchor.signedAt)) / 1000 > SNAPSHOT_WINDOW_SECONDS);
  throw new CatalogTrustError(
    `mixed snapshot in ${where}: ${apart.map((s) => `${s.file} was signed at ${s.signedAt}`).join(', ')}, but ${anchor.file} at ${anchor.signedAt}; `
    + `the files of one refresh are signed by one run, within ${SNAPSHOT_WINDOW_SECONDS} s of each other. Take every file, and the kustomization, from the same snapshot`,
  );
}
