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
 * $CNPG_EXTENSION_CATALOGS_DIR (default ../shared/catalogs/artifacts-extensions-2026-08-22) for the default
 * snapshot; EARLIER_SNAPSHOTS for the earlier ones the library also ships (each written to its own file).
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

/**
 * Earlier signed snapshots the library ships besides the default (a catalog wave may pin one), as folders of
 * ../shared/catalogs, newest first. Each must be older than the one before it.
 */
export const EARLIER_SNAPSHOTS: ReadonlyArray<{ readonly core: string; readonly extensions: string }> = [
  { core: 'artifacts-2026-07-17', extensions: 'artifacts-extensions-2026-07-17' },
];

/**
 * Verifies every snapshot (the default first, then earlier ones, each older than the one before; the default
 * no older than the committed data unless `allowDowngrade`), then writes the default to
 * official-catalogs.generated.ts, each earlier one to official-catalogs-<date>.generated.ts, and the list of
 * them all to official-snapshots.generated.ts. Nothing is written unless every snapshot verifies. Returns the
 * files written.
 */
export function generateSnapshots(snapshots: readonly GenerateOptions[], outDir = path.dirname(DEFAULT_OUT), allowDowngrade = false): string[] {
  if (snapshots.length === 0) throw new CatalogTrustError('no snapshot to generate');
  const read = snapshots.map(readSnapshot);
  for (let i = 1; i < read.length; i++) {
    if (read[i].date >= read[i - 1].date) {
      throw new CatalogTrustError(`snapshot ${read[i].date} (${snapshots[i].coreDir}) is not older than ${read[i - 1].date}: list the default (newest) first, then each earlier snapshot once, newest first`);
    }
  }
  const files = read.map((r, i) => (i === 0 ? path.basename(DEFAULT_OUT) : `official-catalogs-${r.date}.generated.ts`));
  if (!allowDowngrade) checkNotOlderThanCommitted(read[0], path.join(outDir, files[0]));
  const index = [
    '// generated by `npx projen catalogs` from sigstore-verified official catalogs; do not edit',
    "import type { OfficialSnapshotRecord } from './official-data';",
    ...files.map((f, i) => `import * as s${i} from './${f.replace(/\.ts$/, '')}';`),
    '',
    '/** Every signed snapshot of the official catalogs the library ships, newest (the default) first. */',
    'export const OFFICIAL_SNAPSHOTS: readonly OfficialSnapshotRecord[] = [',
    ...read.map((r, i) => `  { date: '${r.date}', extensionsDate: '${r.extensionsDate}', sources: s${i}.OFFICIAL_SOURCES, catalogs: s${i}.OFFICIAL_CATALOGS },`),
    '];',
    '',
  ].join('\n');
  read.forEach((r, i) => fs.writeFileSync(path.join(outDir, files[i]), r.text));
  fs.writeFileSync(path.join(outDir, 'official-snapshots.generated.ts'), index);
  return [...files, 'official-snapshots.generated.ts'];
}

if (require.main === module) {
  const shared = path.join(ROOT, '..', 'shared', 'catalogs');
  const coreDir = process.env.CNPG_CATALOGS_DIR || path.join(shared, 'artifacts-2026-08-17');
  const extensionsDir = process.env.CNPG_EXTENSION_CATALOGS_DIR || path.join(shared, 'artifacts-extensions-2026-08-22');
  const earlier = EARLIER_SNAPSHOTS.map((s) => ({ coreDir: path.join(shared, s.core), extensionsDir: path.join(shared, s.extensions) }));
  const args = process.argv.slice(2);
  const unknown = args.filter((a) => a !== '--allow-downgrade');
  if (unknown.length > 0) {
    console.error(`catalogs: unknown argument ${JSON.stringify(unknown[0])}; the only option is --allow-downgrade`);
    process.exit(2);
  }
  try {
    const files = generateSnapshots([{ coreDir, extensionsDir }, ...earlier], undefined, args.includes('--allow-downgrade'));
    console.log(`wrote ${files.map((f) => path.join('src', 'catalog', f)).join(', ')} from ${[coreDir, extensionsDir, ...earlier.flatMap((e) => [e.coreDir, e.extensionsDir])].join(', ')}`);
  } catch (e) {
    console.error(`catalogs: refused: ${(e as Error).message}`);
    console.error('the committed catalog data was left untouched');
    process.exit(1);
  }
}
