/**
 * `npx projen catalogs`: regenerates src/catalog/official-catalogs.generated.ts from folders laid out like
 * the artifacts repository's `image-catalogs/` and `image-catalogs-extensions/`.
 *
 * Trust model (src/supply-chain/, the verifier apps use too): a catalog is read only after its sigstore
 * bundle (`<file>.sigstore.json`) verifies against the exact file bytes, offline, with the Sigstore
 * public-good trusted root generated from @sigstore/tuf's seeds.json, and only for the exact expected
 * identity and issuer. Each folder must be one snapshot (its signed kustomization lists exactly its files,
 * all signed by one run), and no older than the snapshot the data file already holds: a rollback is refused
 * unless `--allow-downgrade` is given. Any failure aborts the run before anything is written, so the
 * committed data stays untouched.
 *
 * Folders: $CNPG_CATALOGS_DIR (default ../shared/catalogs/artifacts-2026-08-17) and
 * $CNPG_EXTENSION_CATALOGS_DIR (default ../shared/catalogs/artifacts-extensions-2026-08-22).
 */
import * as fs from 'fs';
import * as path from 'path';
import type { OfficialCatalogRecord, OfficialSourceRecord } from '../src/catalog/official-data';
import { DEBIAN_RELEASES, IMAGE_TYPES } from '../src/supply-chain/catalog-document';
import { checkNoDowngrade, documentImages, SnapshotImages, snapshotImages } from '../src/supply-chain/lock';
import { SnapshotVariant, VARIANTS, verifySnapshot, VerifiedSnapshot } from '../src/supply-chain/snapshot';
import { CatalogTrustError } from '../src/supply-chain/verify';

export { CatalogTrustError };

const ROOT = path.resolve(__dirname, '..');
const DEFAULT_OUT = path.join(ROOT, 'src', 'catalog', 'official-catalogs.generated.ts');

export interface GenerateOptions {
  /** Folder laid out like artifacts' `image-catalogs/`. */
  readonly coreDir: string;
  /** Folder laid out like artifacts' `image-catalogs-extensions/`. */
  readonly extensionsDir: string;
  /** File to write; the data it holds is the committed snapshot a refresh may not go back from. */
  readonly outFile?: string;
  /**
   * Accept a snapshot signed before the committed one (a deliberate rollback).
   * @default false
   */
  readonly allowDowngrade?: boolean;
}

interface FolderRecords {
  readonly snapshot: VerifiedSnapshot;
  readonly source: OfficialSourceRecord;
  readonly catalogs: OfficialCatalogRecord[];
}

/** Verifies one folder of the expected layout and turns it into the generated data's records. */
function readFolder(dir: string, variant: SnapshotVariant): FolderRecords {
  const snapshot = verifySnapshot(dir);
  if (snapshot.variant !== variant) {
    throw new CatalogTrustError(`${dir} is laid out like ${VARIANTS[snapshot.variant].repositoryFolder}/, expected ${VARIANTS[variant].repositoryFolder}/`);
  }
  // In the artifacts repository's flavour order: types, then Debian releases from the oldest.
  const order = (f: { readonly document: { readonly type: string; readonly os: string } }) =>
    IMAGE_TYPES.indexOf(f.document.type) * DEBIAN_RELEASES.length + DEBIAN_RELEASES.indexOf(f.document.os);
  const catalogs = [...snapshot.files].sort((a, b) => order(a) - order(b)).map((f): OfficialCatalogRecord => ({
    name: f.document.name,
    type: f.document.type,
    os: f.document.os,
    withExtensions: variant === 'extensions',
    file: f.file,
    sha256: f.sha256,
    labels: f.document.labels,
    images: f.document.images,
  }));
  const source: OfficialSourceRecord = {
    variant,
    folder: path.basename(path.resolve(dir)),
    repositoryFolder: VARIANTS[variant].repositoryFolder,
    signedAt: snapshot.signedAt,
    identity: snapshot.kustomization.identity,
    issuer: snapshot.kustomization.issuer,
  };
  return { snapshot, source, catalogs };
}

/** One snapshot of the official catalogs: its core and extension-enabled folders, verified, and the data text. */
interface Snapshot {
  readonly core: FolderRecords;
  readonly extensions: FolderRecords;
  /** The day (UTC) the core catalogs were last signed. */
  readonly date: string;
  /** The day the extension-enabled catalogs were last signed. */
  readonly extensionsDate: string;
  readonly text: string;
}

/** Verifies and reads both folders of one snapshot; writes nothing. */
function readSnapshot(options: GenerateOptions): Snapshot {
  const core = readFolder(options.coreDir, 'core');
  const extensions = readFolder(options.extensionsDir, 'extensions');
  const text = render([core.source, extensions.source], [...core.catalogs, ...extensions.catalogs]);
  return { core, extensions, date: core.source.signedAt.slice(0, 10), extensionsDate: extensions.source.signedAt.slice(0, 10), text };
}

/**
 * Refuses a refresh of the current snapshot that is older than the data already in `file` (a rollback), per
 * folder, naming both dates and the majors that would go back. Deliberately generated earlier snapshots are
 * not refreshes of the current one and are not checked against it.
 */
function checkNotOlderThanCommitted(snapshot: Snapshot, file: string): void {
  const committed = committedSnapshots(file);
  for (const { snapshot: folder } of [snapshot.core, snapshot.extensions]) {
    const previous = committed.get(folder.variant);
    if (previous) checkNoDowngrade(folder.dir, previous, snapshotImages(folder), `the committed data (${path.basename(file)})`, '--allow-downgrade');
  }
}

/** The snapshots the committed data file holds (it embeds them as JSON), by variant; none when absent. */
function committedSnapshots(file: string): Map<SnapshotVariant, SnapshotImages> {
  const out = new Map<SnapshotVariant, SnapshotImages>();
  if (!fs.existsSync(file)) return out;
  const text = fs.readFileSync(file, 'utf8');
  const json = (name: string) => {
    const m = new RegExp(`export const ${name}[^=]*= ([\\s\\S]*?);\\n`).exec(text);
    if (!m) throw new CatalogTrustError(`${file}: no ${name}; it is not a file this generator wrote`);
    return JSON.parse(m[1]);
  };
  const sources: OfficialSourceRecord[] = json('OFFICIAL_SOURCES');
  const catalogs: OfficialCatalogRecord[] = json('OFFICIAL_CATALOGS');
  for (const source of sources) {
    const files = catalogs.filter((c) => c.withExtensions === (source.variant === 'extensions')).map((c) => [c.file, documentImages(c)]);
    out.set(source.variant, { signedAt: source.signedAt, files: Object.fromEntries(files) });
  }
  return out;
}

function render(sources: OfficialSourceRecord[], catalogs: OfficialCatalogRecord[]): string {
  const json = (v: unknown) => JSON.stringify(v, null, 2);
  return [
    '// generated by `npx projen catalogs` from sigstore-verified official catalogs; do not edit',
    "import type { OfficialCatalogRecord, OfficialSourceRecord } from './official-data';",
    '',
    '/** Who signed the data below, and when. */',
    `export const OFFICIAL_SOURCES: readonly OfficialSourceRecord[] = ${json(sources)};`,
    '',
    '/** Every official catalog, exactly as signed (labels and env in file order). */',
    `export const OFFICIAL_CATALOGS: readonly OfficialCatalogRecord[] = ${json(catalogs)};`,
    '',
  ].join('\n');
}

/**
 * Verifies and reads both folders, then writes the data file. Nothing is written unless every file verifies,
 * each folder is one snapshot, and neither is older than the data already committed (unless allowed).
 * Returns the generated source text.
 */
export function generateCatalogData(options: GenerateOptions): string {
  const snapshot = readSnapshot(options);
  const outFile = options.outFile ?? DEFAULT_OUT;
  if (!options.allowDowngrade) checkNotOlderThanCommitted(snapshot, outFile);
  fs.writeFileSync(outFile, snapshot.text);
  return snapshot.text;
}

if (require.main === module) {
  const coreDir = process.env.CNPG_CATALOGS_DIR || path.join(ROOT, '..', 'shared', 'catalogs', 'artifacts-2026-08-17');
  const extensionsDir =
    process.env.CNPG_EXTENSION_CATALOGS_DIR || path.join(ROOT, '..', 'shared', 'catalogs', 'artifacts-extensions-2026-08-22');
  const args = process.argv.slice(2);
  const unknown = args.filter((a) => a !== '--allow-downgrade');
  if (unknown.length > 0) {
    console.error(`catalogs: unknown argument ${JSON.stringify(unknown[0])}; the only option is --allow-downgrade`);
    process.exit(2);
  }
  try {
    generateCatalogData({ coreDir, extensionsDir, allowDowngrade: args.includes('--allow-downgrade') });
    console.log(`wrote ${path.relative(ROOT, DEFAULT_OUT)} from ${coreDir} and ${extensionsDir}`);
  } catch (e) {
    console.error(`catalogs: refused: ${(e as Error).message}`);
    console.error('the committed catalog data was left untouched');
    process.exit(1);
  }
}
